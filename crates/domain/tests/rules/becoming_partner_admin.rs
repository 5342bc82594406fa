//! Becoming Partner admin: links and the partner admin route (R-PA-*).

use super::*;

#[test]
fn an_approved_access_link_creates_a_partner_admin_with_a_partner_seat() {
    // R-PA-1
    let mut s = world();
    let t = issue(&mut s, 1, INGRID, INGRID);
    let jeroen = as_user(&s, VAN_DIJK, JEROEN);
    let mails = s.outbox.len();
    accepted(
        &mut s,
        &jeroen,
        Command::ApproveAccessLink {
            token: t.clone(),
            client: VAN_DIJK,
        },
    );
    let u = user(&s, VAN_DIJK, INGRID);
    assert_eq!(u.seat, Seat::Partner);
    assert!(u.is_partner_admin());
    assert_eq!(u.permissions, partner_admin_standard());
    assert!(s.outbox[mails..]
        .iter()
        .any(|m| m.to == email(INGRID) && m.subject.to_string().contains("approved")));
    assert_eq!(partner_of(&s, u), Some(BRIGHTPATH));
    // Single use per client account.
    refused(
        &mut s,
        &jeroen,
        Command::ApproveAccessLink {
            token: t.clone(),
            client: VAN_DIJK,
        },
        "R-PA-1",
    );
    // Expired links are refused; an unknown one too.
    let t2 = issue(&mut s, 2, NOOR, NOOR);
    let late = now().plus_days(30);
    let r = decide(
        &s,
        &jeroen,
        &Command::ApproveAccessLink {
            token: t2.clone(),
            client: VAN_DIJK,
        },
        late,
    )
    .unwrap_err();
    assert_eq!(r.rule, "R-PA-1");
    assert!(r.message.to_string().contains("expired"));
    assert!(decide(
        &s,
        &jeroen,
        &Command::ApproveAccessLink {
            token: t2,
            client: VAN_DIJK
        },
        late.plus_seconds(-1)
    )
    .is_ok());
    refused(
        &mut s,
        &jeroen,
        Command::ApproveAccessLink {
            token: token(99),
            client: VAN_DIJK,
        },
        "R-PA-1",
    );
    // Revoked links too.
    let t3 = issue(&mut s, 3, ERIK, ERIK);
    let erik = as_user(&s, BRIGHTPATH, ERIK);
    accepted(
        &mut s,
        &erik,
        Command::RevokeAccessLink { token: t3.clone() },
    );
    let r = refused(
        &mut s,
        &jeroen,
        Command::ApproveAccessLink {
            token: t3,
            client: VAN_DIJK,
        },
        "R-PA-1",
    );
    assert!(r.message.to_string().contains("revoked"));
    // Someone without the right cannot approve.
    let t4 = issue(&mut s, 4, ERIK, ERIK);
    let daan = as_user(&s, VAN_DIJK, "daan@vandijkretail.nl");
    refused(
        &mut s,
        &daan,
        Command::ApproveAccessLink {
            token: t4,
            client: VAN_DIJK,
        },
        "R-CL-3",
    );
}

#[test]
fn copying_a_link_on_behalf_of_another_needs_super_admin_or_partner_employee_rights() {
    // R-PA-2
    let mut s = world();
    let ingrid = as_user(&s, BRIGHTPATH, INGRID);
    let erik = uid(&s, BRIGHTPATH, ERIK);
    refused(
        &mut s,
        &ingrid,
        Command::IssueAccessLink {
            partner: BRIGHTPATH,
            employee: erik,
            token: token(1),
        },
        "R-PA-2",
    );
    issue(&mut s, 2, LARS, ERIK);
    issue(&mut s, 3, SOFIE, ERIK);
    // A link for someone off the partner domain gives no Partner seat.
    let maja = uid(&s, BRIGHTPATH, MAJA);
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    refused(
        &mut s,
        &sofie,
        Command::IssueAccessLink {
            partner: BRIGHTPATH,
            employee: maja,
            token: token(4),
        },
        "R-SEAT-2",
    );
}

#[test]
fn asking_again_for_a_link_hands_out_the_same_one_until_it_is_about_to_expire() {
    // R-PA-1, R-PA-2
    let mut s = world();
    let ingrid = as_user(&s, BRIGHTPATH, INGRID);
    let erik = uid(&s, BRIGHTPATH, ERIK);
    // Nothing made yet: a new link is needed.
    assert_eq!(
        link_to_copy(&s, &ingrid, BRIGHTPATH, ingrid.user, now()),
        Ok(None)
    );
    let t = issue(&mut s, 1, INGRID, INGRID);
    let again = |s: &State, at: Timestamp| {
        link_to_copy(s, &ingrid, BRIGHTPATH, ingrid.user, at)
            .unwrap()
            .map(|l| l.token.clone())
    };
    assert_eq!(again(&s, now()), Some(t.clone()));
    // Approved in one client, it still brings her into others.
    let jeroen = as_user(&s, VAN_DIJK, JEROEN);
    accepted(
        &mut s,
        &jeroen,
        Command::ApproveAccessLink {
            token: t.clone(),
            client: VAN_DIJK,
        },
    );
    assert_eq!(again(&s, now()), Some(t.clone()));
    // Not once it is about to expire (a client might open it too late).
    let valid = s.account(BRIGHTPATH).unwrap().link_valid_days as i64;
    let soon = now().plus_days(valid - LINK_REMINDER_DAYS);
    assert_eq!(again(&s, soon.plus_days(-1)), Some(t.clone()));
    assert_eq!(again(&s, soon), None);
    // Nor once revoked; the newest usable link is handed out.
    let t2 = issue(&mut s, 2, INGRID, INGRID);
    assert_eq!(again(&s, now()), Some(t2.clone()));
    accepted(&mut s, &ingrid, Command::RevokeAccessLink { token: t2 });
    assert_eq!(again(&s, now()), Some(t));
    // Showing a link again is refused exactly where making one is.
    let r = link_to_copy(&s, &ingrid, BRIGHTPATH, erik, now()).unwrap_err();
    assert_eq!(r.rule, "R-PA-2");
    let maja = uid(&s, BRIGHTPATH, MAJA);
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let r = link_to_copy(&s, &sofie, BRIGHTPATH, maja, now()).unwrap_err();
    assert_eq!(r.rule, "R-SEAT-2");
    assert_eq!(
        link_to_copy(&s, &sofie, BRIGHTPATH, ingrid.user, now())
            .unwrap()
            .map(|l| l.token.clone()),
        again(&s, now())
    );
}

#[test]
fn a_partner_employee_super_admin_migrates_to_partner_admin_keeping_billing_if_asked() {
    // R-PA-3
    let mut s = world();
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let target = uid(&s, LINDQVIST, SOFIE);
    // Oskar (not a Super Admin of Lindqvist) cannot do it for her.
    let oskar = as_user(&s, LINDQVIST, "oskar.ek@lindqvistbygg.se");
    refused(
        &mut s,
        &oskar,
        Command::ChangeToPartnerAdmin {
            client: LINDQVIST,
            user: target,
            keep_billing: false,
        },
        "R-PA-4",
    );
    accepted(
        &mut s,
        &sofie,
        Command::ChangeToPartnerAdmin {
            client: LINDQVIST,
            user: target,
            keep_billing: true,
        },
    );
    let u = user(&s, LINDQVIST, SOFIE);
    assert!(u.is_partner_admin());
    assert_eq!(u.seat, Seat::Partner);
    assert!(u.permissions.has(Permission::EditBilling));
    // Only a Super Admin can be migrated this way.
    let karin = as_user(&s, LINDQVIST, KARIN);
    refused(
        &mut s,
        &karin,
        Command::ChangeToPartnerAdmin {
            client: LINDQVIST,
            user: target,
            keep_billing: false,
        },
        "R-PA-3",
    );
}

#[test]
fn the_client_can_migrate_a_partner_employee_super_admin_too() {
    // R-PA-3 (client side)
    let mut s = world();
    let karin = as_user(&s, LINDQVIST, KARIN);
    let target = uid(&s, LINDQVIST, SOFIE);
    accepted(
        &mut s,
        &karin,
        Command::ChangeToPartnerAdmin {
            client: LINDQVIST,
            user: target,
            keep_billing: false,
        },
    );
    assert!(!user(&s, LINDQVIST, SOFIE)
        .permissions
        .has(Permission::EditBilling));
}

#[test]
fn a_partner_admin_converts_the_partners_other_super_admins() {
    // R-PA-4
    let mut s = world();
    // Lindqvist: Karin (client) and Sofie (BrightPath) are Super Admins;
    // Ingrid (BrightPath) is Partner admin. Make Erik a Super Admin there.
    let karin = as_user(&s, LINDQVIST, KARIN);
    accepted(
        &mut s,
        &karin,
        Command::CreateUsers {
            account: LINDQVIST,
            people: vec![person(ERIK)],
            seat: Seat::Core,
            access: Access::Set(SetId::SuperAdmin),
        },
    );
    let ingrid = as_user(&s, BRIGHTPATH, INGRID);
    let erik = uid(&s, LINDQVIST, ERIK);
    accepted(
        &mut s,
        &ingrid,
        Command::ChangeToPartnerAdmin {
            client: LINDQVIST,
            user: erik,
            keep_billing: false,
        },
    );
    assert!(user(&s, LINDQVIST, ERIK).is_partner_admin());
    // But never the client's own Super Admin (not a partner employee).
    let karin_id = karin.user;
    refused(
        &mut s,
        &ingrid,
        Command::ChangeToPartnerAdmin {
            client: LINDQVIST,
            user: karin_id,
            keep_billing: false,
        },
        "R-PA-7",
    );
    // And not from a partner she does not belong to.
    let kari = as_user(&s, NORDLYS, KARI);
    let sofie = uid(&s, LINDQVIST, SOFIE);
    refused(
        &mut s,
        &kari,
        Command::ChangeToPartnerAdmin {
            client: LINDQVIST,
            user: sofie,
            keep_billing: false,
        },
        "R-PA-4",
    );
}

#[test]
fn the_client_creates_a_partner_admin_from_the_template() {
    // R-PA-5
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    accepted(
        &mut s,
        &henrik,
        Command::CreateUsers {
            account: FJORD,
            people: vec![person(INGRID)],
            seat: Seat::Partner,
            access: Access::Set(SetId::PartnerAdmin),
        },
    );
    assert!(user(&s, FJORD, INGRID).is_partner_admin());
    refused(
        &mut s,
        &henrik,
        Command::CreateUsers {
            account: FJORD,
            people: vec![person("x@fjordoutdoor.no")],
            seat: Seat::ViewOnly,
            access: Access::Set(SetId::PartnerAdmin),
        },
        "R-PERM-5",
    );
}

#[test]
fn a_restricted_partner_admin_can_be_made_super_admin() {
    // R-PA-6
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let sofie = uid(&s, FJORD, SOFIE);
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: sofie,
            seat: Seat::Partner,
            access: Access::Set(SetId::SuperAdmin),
        },
    );
    assert!(user(&s, FJORD, SOFIE).is_super_admin());
    // Now she can do what only a Super Admin can.
    let sofie_actor = as_user(&s, FJORD, SOFIE);
    let pia = uid(&s, FJORD, PIA);
    accepted(
        &mut s,
        &sofie_actor,
        Command::EditUser {
            account: FJORD,
            user: pia,
            seat: Seat::ViewOnly,
            access: Access::Set(SetId::SuperAdmin),
        },
    );
    // A Partner admin could not.
    let mut s = world();
    let sofie_actor = as_user(&s, FJORD, SOFIE);
    refused(
        &mut s,
        &sofie_actor,
        Command::EditUser {
            account: FJORD,
            user: pia,
            seat: Seat::ViewOnly,
            access: Access::Set(SetId::SuperAdmin),
        },
        "R-PERM-4b",
    );
}

#[test]
fn only_solutions_partners_and_providers_have_partner_admins() {
    // R-PA-7
    let mut s = world();
    // A client account's users are never eligible, whatever their domain.
    let henrik = as_user(&s, FJORD, HENRIK);
    let jeroen_in_fjord = Command::CreateUsers {
        account: FJORD,
        people: vec![person(JEROEN)],
        seat: Seat::Partner,
        access: Access::Set(SetId::PartnerAdmin),
    };
    refused(&mut s, &henrik, jeroen_in_fjord, "R-SEAT-2");
    let kari = as_user(&s, NORDLYS, KARI);
    let t = token(7);
    accepted(
        &mut s,
        &kari,
        Command::IssueAccessLink {
            partner: NORDLYS,
            employee: kari.user,
            token: t.clone(),
        },
    );
    assert!(
        is_eligible_for_partner_seat(&s, &email(KARI)),
        "a Provider's employees are eligible"
    );
}
