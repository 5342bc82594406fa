//! Rules as the help articles give them (R-SEAT-7, R-PERM-3a, R-PERM-4d, R-LINK-1, custom sets).

use super::*;

#[test]
fn r_seat_7_a_partner_admin_s_change_of_set_gives_the_partner_seat_with_no_extra_step() {
    // R-SEAT-7: Noor is on a View-only seat at Fjord; Sofie, Fjord's
    // Partner admin, gives her the Partner admin set from BrightPath's
    // Client Access Manager. Before, R-SEAT-6 refused it.
    let mut s = world();
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let noor = uid(&s, FJORD, NOOR);
    assert_eq!(user(&s, FJORD, NOOR).seat, Seat::ViewOnly);
    accepted(
        &mut s,
        &sofie,
        Command::ChangePermissionSet {
            partner: BRIGHTPATH,
            client: FJORD,
            users: vec![noor],
            set: SetId::PartnerAdmin,
        },
    );
    let noor_now = user(&s, FJORD, NOOR);
    assert_eq!(noor_now.seat, Seat::Partner);
    assert!(noor_now.is_partner_admin());
}

#[test]
fn r_seat_7_add_employees_for_someone_already_in_the_client_frees_their_paid_seat() {
    // R-SEAT-7, R-CAM-4, R-CAM-5a: Fjord added BrightPath's new employee
    // itself, on a Core seat; Sofie then adds her from the partner side.
    let mut s = world();
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    accepted(
        &mut s,
        &sofie,
        Command::CreateUsers {
            account: BRIGHTPATH,
            people: vec![person("new.one@brightpath.io")],
            seat: Seat::ViewOnly,
            access: Access::Set(SetId::ViewOnly),
        },
    );
    let henrik = as_user(&s, FJORD, HENRIK);
    let core_before = s.account(FJORD).unwrap().seats_used(Seat::Core);
    accepted(
        &mut s,
        &henrik,
        Command::CreateUsers {
            account: FJORD,
            people: vec![person("new.one@brightpath.io")],
            seat: Seat::Core,
            access: Access::Set(SetId::ViewOnly),
        },
    );
    assert_eq!(
        s.account(FJORD).unwrap().seats_used(Seat::Core),
        core_before + 1
    );
    let new_one = uid(&s, BRIGHTPATH, "new.one@brightpath.io");
    accepted(
        &mut s,
        &sofie,
        Command::AddEmployees {
            partner: BRIGHTPATH,
            client: FJORD,
            employees: vec![new_one],
            set: SetId::Marketer,
        },
    );
    let there = user(&s, FJORD, "new.one@brightpath.io");
    assert_eq!(there.seat, Seat::Partner);
    assert_eq!(there.set, Some(SetId::Marketer));
    assert_eq!(partner_of(&s, there), Some(BRIGHTPATH));
    assert_eq!(
        s.account(FJORD).unwrap().seats_used(Seat::Core),
        core_before,
        "the Core seat is free again"
    );
}

#[test]
fn r_perm_4d_a_partner_admin_adjusted_one_permission_at_a_time_stays_a_partner_admin() {
    // R-PERM-4d: Henrik takes Workflows away from Sofie, Fjord's Partner
    // admin, in the individual editor, which starts from what she holds.
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let sofie_there = user(&s, FJORD, SOFIE).clone();
    assert!(sofie_there.is_partner_admin());
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: sofie_there.id,
            seat: Seat::Partner,
            access: Access::Custom(sofie_there.permissions.without(Permission::Workflows)),
        },
    );
    let after = user(&s, FJORD, SOFIE);
    assert!(after.is_partner_admin(), "still a Partner admin");
    assert!(!after.permissions.has(Permission::Workflows));
    let fjord = s.account(FJORD).unwrap();
    assert_eq!(fjord.access_label(after).to_string(), "Partner admin");
    assert_eq!(
        fjord.adjustments(after),
        vec![PermissionChange::Removed(Permission::Workflows)]
    );
    // She keeps her Client Access Manager standing: she still adds there.
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let lars = uid(&s, BRIGHTPATH, LARS);
    accepted(
        &mut s,
        &sofie,
        Command::AddEmployees {
            partner: BRIGHTPATH,
            client: FJORD,
            employees: vec![lars],
            set: SetId::ViewOnly,
        },
    );
    // R-PERM-4c still holds for each adjustment: Tor, a Marketer, cannot
    // make the change, and nobody gives the tools to a non-Partner admin.
    let tor = uid(&s, FJORD, TOR);
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: tor,
            seat: Seat::Core,
            access: Access::Custom(
                Permissions::of(&[Permission::MarketingAccess])
                    .with(Permission::MultiAccountManagement),
            ),
        },
    );
    assert!(!user(&s, FJORD, TOR)
        .permissions
        .has(Permission::MultiAccountManagement));
}

#[test]
fn r_link_1_a_link_that_cannot_be_approved_says_the_true_reason_per_account() {
    // R-LINK-1: Sofie's link, opened at Fjord, where she is already the
    // Partner admin; by Pia, who lacks the right; by someone of no client.
    let mut s = world();
    let link = issue(&mut s, 7, SOFIE, SOFIE);
    let henrik = as_user(&s, FJORD, HENRIK);
    let approval = link_approval(&s, &henrik, &link, now());
    assert!(approval.accounts.is_empty());
    let why = approval.why_not().unwrap();
    assert_eq!(why.rule, "R-LINK-1");
    let text = why.to_string();
    assert!(
        text.contains(
            "Fjord Outdoor AS: Sofie Jansen is already a Partner admin of Fjord Outdoor AS"
        ),
        "{text}"
    );
    assert!(
        !text.contains("Super Admin"),
        "no reason that does not apply: {text}"
    );

    let pia = as_user(&s, FJORD, PIA);
    let text = link_approval(&s, &pia, &link, now())
        .why_not()
        .unwrap()
        .to_string();
    assert!(text.contains("(R-CL-3)"), "{text}");

    let kari = as_user(&s, NORDLYS, KARI);
    let approval = link_approval(&s, &kari, &link, now());
    // Kari is a user of Van Dijk (a Partner admin there, without Reports):
    // she lacks part of the set, and the reason lists what.
    let text = approval.why_not().unwrap().to_string();
    assert!(
        text.contains("Van Dijk Retail B.V.: Approving gives the Partner admin set"),
        "{text}"
    );
    assert!(text.contains("View reports"), "{text}");

    // Someone who is no user of any client account.
    let ola = as_user(&s, NORDLYS, OLA);
    let ola_there = uid(&s, VAN_DIJK, OLA);
    s.account_mut(VAN_DIJK).unwrap().remove_user(ola_there);
    let text = link_approval(&s, &ola, &link, now())
        .why_not()
        .unwrap()
        .to_string();
    assert!(text.contains("not a user of any client account"), "{text}");

    // Expired: the link's own problem comes first, as before.
    let later = now().plus_days(400);
    assert!(link_problem(&s, s.link(&link).unwrap(), later).is_some());
}

#[test]
fn r_perm_3a_the_comparison_of_the_two_admins_is_the_articles_and_the_sets() {
    // R-PERM-3a: seed 001's table and its list of what Partner admins lack,
    // row by row, agreeing with what the two sets hold.
    let rows: Vec<(String, bool, bool)> = admin_comparison()
        .into_iter()
        .map(|r| (r.feature.to_string(), r.super_admin, r.partner_admin))
        .collect();
    assert_eq!(
        rows,
        [
            ("Elevated account access", true, true),
            ("Full admin rights", true, false),
            (
                "Paid Sales Hub or Service Hub features through the free Partner seat",
                true,
                true
            ),
            ("Multi-account management tools", false, true),
            ("User provisioning (SCIM) via Okta", true, false),
            ("Data center migration", true, false),
        ]
        .map(|(f, a, b)| (f.to_string(), a, b))
    );
    // Any set can be opened: each built-in set says what it holds.
    for set in SetId::BUILT_IN {
        assert!(SetId::built_in_permissions(set).is_some(), "{set:?}");
    }
}

#[test]
fn a_custom_set_is_renamed_and_deleted_and_its_users_keep_their_permissions() {
    // R-PERM-2: custom sets can be saved, renamed and deleted.
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let perms = Permissions::of(&[Permission::MarketingAccess, Permission::Forms]);
    accepted(
        &mut s,
        &henrik,
        Command::SaveCustomSet {
            account: FJORD,
            name: "Webshop team".into(),
            permissions: perms,
        },
    );
    let id = s.account(FJORD).unwrap().custom_sets[0].id;
    let tor = uid(&s, FJORD, TOR);
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: tor,
            seat: Seat::Core,
            access: Access::Set(SetId::Custom(id)),
        },
    );
    // Renamed: not to a built-in set's name, nor to another set's.
    refused(
        &mut s,
        &henrik,
        Command::RenameCustomSet {
            account: FJORD,
            set: id,
            name: "Marketer".into(),
        },
        "R-PERM-2",
    );
    let d = accepted(
        &mut s,
        &henrik,
        Command::RenameCustomSet {
            account: FJORD,
            set: id,
            name: "Web shop".into(),
        },
    );
    assert_eq!(
        d.summary.to_string(),
        "Renamed the permission set Webshop team to Web shop"
    );
    let fjord = s.account(FJORD).unwrap();
    assert_eq!(
        fjord.access_label(user(&s, FJORD, TOR)).to_string(),
        "Web shop"
    );
    // Someone without Add and edit users may not.
    let pia = as_user(&s, FJORD, PIA);
    refused(
        &mut s,
        &pia,
        Command::DeleteCustomSet {
            account: FJORD,
            set: id,
        },
        "R-CL-1",
    );
    // Deleted: Tor keeps the permissions, as Custom; Undo brings it back.
    let d = accepted(
        &mut s,
        &henrik,
        Command::DeleteCustomSet {
            account: FJORD,
            set: id,
        },
    );
    assert!(
        d.summary
            .to_string()
            .contains("1 user keeps its permissions"),
        "{}",
        d.summary
    );
    assert!(s.account(FJORD).unwrap().custom_sets.is_empty());
    assert_eq!(user(&s, FJORD, TOR).set, None);
    assert_eq!(user(&s, FJORD, TOR).permissions, perms);
    let seq = s.audit.last().unwrap().seq;
    accepted(&mut s, &henrik, Command::Undo { seq });
    assert_eq!(s.account(FJORD).unwrap().custom_sets.len(), 1);
    assert_eq!(user(&s, FJORD, TOR).set, Some(SetId::Custom(id)));
}

#[test]
fn a_partner_manager_deactivates_an_employee_in_every_client_at_once() {
    // R-CAM-9: from the employee's row on the Employees tab.
    let mut s = world();
    let lars = as_user(&s, BRIGHTPATH, LARS);
    let sofie = uid(&s, BRIGHTPATH, SOFIE);
    let d = accepted(
        &mut s,
        &lars,
        Command::DeactivateEmployee {
            partner: BRIGHTPATH,
            employee: sofie,
        },
    );
    assert_eq!(
        d.summary.to_string(),
        "Deactivated sofie.jansen@brightpath.io in 2 clients"
    );
    assert!(!user(&s, FJORD, SOFIE).is_active());
    assert!(!user(&s, LINDQVIST, SOFIE).is_active());
    assert!(
        user(&s, BRIGHTPATH, SOFIE).is_active(),
        "not in the partner account"
    );
    refused(
        &mut s,
        &lars,
        Command::DeactivateEmployee {
            partner: BRIGHTPATH,
            employee: sofie,
        },
        "R-CAM-9",
    );
    // Someone without the partner's management rights may not.
    let erik = as_user(&s, BRIGHTPATH, ERIK);
    let noor = uid(&s, BRIGHTPATH, NOOR);
    refused(
        &mut s,
        &erik,
        Command::DeactivateEmployee {
            partner: BRIGHTPATH,
            employee: noor,
        },
        "R-CAM-9",
    );
}
