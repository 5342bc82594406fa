//! The client account's Users & Teams (R-CL-*).

use super::*;

#[test]
fn creating_a_user_needs_add_and_edit_users_also_for_partner_users() {
    // R-CL-1
    let mut s = world();
    let astrid = as_user(&s, FJORD, ASTRID);
    let cmd = || create_view_only(vec![person("new@fjordoutdoor.no")]);
    refused(&mut s, &astrid, cmd(), "R-CL-1");
    // Erik is a partner user in Fjord without the right.
    let erik = as_user(&s, FJORD, ERIK);
    refused(&mut s, &erik, cmd(), "R-CL-1");
    let sofie = as_user(&s, FJORD, SOFIE);
    accepted(&mut s, &sofie, cmd());
}

#[test]
fn changing_a_seat_needs_super_admin_or_users_and_billing() {
    // R-CL-2
    let mut s = world();
    let sofie = as_user(&s, FJORD, SOFIE); // Partner admin: no billing.
    let pia = uid(&s, FJORD, PIA);
    refused(
        &mut s,
        &sofie,
        Command::EditUser {
            account: FJORD,
            user: pia,
            seat: Seat::Core,
            access: Access::Set(SetId::ViewOnly),
        },
        "R-CL-2",
    );
    let henrik = as_user(&s, FJORD, HENRIK);
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: pia,
            seat: Seat::Core,
            access: Access::Set(SetId::ViewOnly),
        },
    );
    assert_eq!(user(&s, FJORD, PIA).seat, Seat::Core);
}

#[test]
fn managing_partner_admin_access_needs_super_admin_or_add_and_edit_users() {
    // R-CL-3
    let mut s = world();
    let astrid = as_user(&s, FJORD, ASTRID);
    let noor = uid(&s, FJORD, NOOR);
    refused(
        &mut s,
        &astrid,
        Command::EditUser {
            account: FJORD,
            user: noor,
            seat: Seat::Partner,
            access: Access::Set(SetId::PartnerAdmin),
        },
        "R-CL-3",
    );
    let henrik = as_user(&s, FJORD, HENRIK);
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: noor,
            seat: Seat::Partner,
            access: Access::Set(SetId::PartnerAdmin),
        },
    );
    assert!(user(&s, FJORD, NOOR).is_partner_admin());
}

#[test]
fn the_last_super_admin_cannot_be_demoted_deactivated_or_migrated() {
    // R-CL-4
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let me = henrik.user;
    let r = refused(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: me,
            seat: Seat::Core,
            access: Access::Set(SetId::Marketer),
        },
        "R-CL-4",
    );
    assert_eq!(
        r.message.to_string(),
        "Henrik Dahl is the only Super Admin of Fjord Outdoor AS; \
         make someone else Super Admin first."
    );
    refused(
        &mut s,
        &henrik,
        Command::Deactivate {
            account: FJORD,
            user: me,
        },
        "R-CL-4",
    );
    // With a second Super Admin, demotion is allowed.
    let tor = uid(&s, FJORD, TOR);
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: tor,
            seat: Seat::Core,
            access: Access::Set(SetId::SuperAdmin),
        },
    );
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: me,
            seat: Seat::Core,
            access: Access::Set(SetId::Marketer),
        },
    );
    assert_eq!(s.account(FJORD).unwrap().active_super_admins(), 1);
}

#[test]
fn the_sole_super_admin_cannot_change_to_partner_admin() {
    // R-CL-4 with R-PA-3
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    // Make Sofie the only Super Admin of a fresh client.
    let mut client = Account::new(AccountId(50), "Solo AB", AccountKind::Client);
    let id = s.fresh_user_id(0);
    s.next_user_id += 1;
    client.put_user(User {
        id,
        email: email(SOFIE),
        name: "Sofie Jansen".into(),
        seat: Seat::Core,
        permissions: Permissions::all(),
        set: Some(SetId::SuperAdmin),
        status: UserStatus::Active,
        assets: vec![],
        linked_partner: None,
        // She came in through BrightPath's access link (R-CAM-5a).
        via_partner: Some(BRIGHTPATH),
        last_change: now(),
        last_active: now(),
    });
    s.add_account(client);
    let sofie_partner = as_user(&s, BRIGHTPATH, SOFIE);
    refused(
        &mut s,
        &sofie_partner,
        Command::ChangeToPartnerAdmin {
            client: AccountId(50),
            user: id,
            keep_billing: false,
        },
        "R-CL-4",
    );
    let _ = henrik;
}

#[test]
fn creating_a_user_emails_them() {
    // R-CL-5
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let before = s.outbox.len();
    accepted(
        &mut s,
        &henrik,
        create_view_only(vec![
            person("a@fjordoutdoor.no"),
            person("b@fjordoutdoor.no"),
        ]),
    );
    assert_eq!(s.outbox.len(), before + 2);
    assert_eq!(s.outbox.last().unwrap().to, email("b@fjordoutdoor.no"));
    assert!(s
        .outbox
        .last()
        .unwrap()
        .subject
        .to_string()
        .contains("Fjord Outdoor AS"));
}

#[test]
fn deactivation_keeps_everything_blocks_acting_and_comes_before_removal() {
    // R-CL-6
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let astrid_actor = as_user(&s, FJORD, ASTRID);
    let astrid = astrid_actor.user;
    let before = user(&s, FJORD, ASTRID).clone();
    refused(
        &mut s,
        &henrik,
        Command::RemoveUser {
            account: FJORD,
            user: astrid,
            reassign_to: None,
        },
        "R-CL-6",
    );
    let mails = s.outbox.len();
    accepted(
        &mut s,
        &henrik,
        Command::Deactivate {
            account: FJORD,
            user: astrid,
        },
    );
    assert_eq!(s.outbox.len(), mails + 1);
    refused(
        &mut s,
        &astrid_actor,
        Command::Deactivate {
            account: FJORD,
            user: henrik.user,
        },
        "R-CL-6",
    );
    assert_eq!(owned_assets(&s, FJORD, astrid).len(), 2);
    accepted(
        &mut s,
        &henrik,
        Command::Reactivate {
            account: FJORD,
            user: astrid,
        },
    );
    let after = user(&s, FJORD, ASTRID);
    assert_eq!(
        (after.permissions, after.seat, &after.assets),
        (before.permissions, before.seat, &before.assets)
    );
    assert_eq!(s.outbox.len(), mails + 2);
    accepted(
        &mut s,
        &henrik,
        Command::Deactivate {
            account: FJORD,
            user: astrid,
        },
    );
    // Owned assets must go somewhere.
    refused(
        &mut s,
        &henrik,
        Command::RemoveUser {
            account: FJORD,
            user: astrid,
            reassign_to: None,
        },
        "R-CAM-7",
    );
    accepted(
        &mut s,
        &henrik,
        Command::RemoveUser {
            account: FJORD,
            user: astrid,
            reassign_to: Some(henrik.user),
        },
    );
    assert!(s.account(FJORD).unwrap().user(astrid).is_none());
    assert_eq!(user(&s, FJORD, HENRIK).assets.len(), 2);
}

#[test]
fn a_batch_over_a_hundred_or_with_a_bad_row_is_refused_whole() {
    // R-CL-7
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    refused(
        &mut s,
        &henrik,
        create_view_only(fjord_people("u", 101)),
        "R-CL-7",
    );
    let dup = vec![person("a@fjordoutdoor.no"), person("A@fjordoutdoor.no")];
    refused(&mut s, &henrik, create_view_only(dup), "R-ACC-2");
    assert!(input::parse_email_list("a@x.com, b@x.com c@x.com").is_ok());
    assert!(input::parse_email_list("a@x.com, b@ c@x.com").is_err());
}
