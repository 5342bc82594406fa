//! Permissions and permission sets (R-PERM-*).

use super::*;

#[test]
fn the_catalogue_groups_permissions_by_area() {
    // R-PERM-1
    for area in [
        Area::Marketing,
        Area::Sales,
        Area::Service,
        Area::Reports,
        Area::Account,
    ] {
        assert!(Permission::ALL.iter().any(|p| p.area() == area));
    }
    assert_eq!(CrmRight::all().count(), 12);
    assert_eq!(
        Permission::EditBilling.text().to_string(),
        "Modify billing and change name on contract"
    );
}

#[test]
fn a_set_is_applied_then_adjusted_and_custom_sets_can_be_saved() {
    // R-PERM-2
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let pia = uid(&s, FJORD, PIA);
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: pia,
            seat: Seat::ViewOnly,
            access: Access::Set(SetId::Marketer),
        },
    );
    assert_eq!(user(&s, FJORD, PIA).set, Some(SetId::Marketer));
    let adjusted = user(&s, FJORD, PIA).permissions.with(Permission::Quotes);
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: pia,
            seat: Seat::ViewOnly,
            access: Access::Custom(adjusted),
        },
    );
    assert_eq!(user(&s, FJORD, PIA).set, None, "shown as Custom");
    accepted(
        &mut s,
        &henrik,
        Command::SaveCustomSet {
            account: FJORD,
            name: "Webshop team".into(),
            permissions: adjusted,
        },
    );
    let fjord = s.account(FJORD).unwrap();
    assert_eq!(fjord.custom_sets.len(), 1);
    let id = SetId::Custom(fjord.custom_sets[0].id);
    refused(
        &mut s,
        &henrik,
        Command::SaveCustomSet {
            account: FJORD,
            name: "webshop TEAM".into(),
            permissions: adjusted,
        },
        "R-PERM-2",
    );
    refused(
        &mut s,
        &henrik,
        Command::SaveCustomSet {
            account: FJORD,
            name: "Super Admin".into(),
            permissions: adjusted,
        },
        "R-PERM-2",
    );
    let tor = uid(&s, FJORD, TOR);
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: tor,
            seat: Seat::Core,
            access: Access::Set(id),
        },
    );
    assert_eq!(user(&s, FJORD, TOR).set, Some(id));
    assert_eq!(
        s.account(FJORD)
            .unwrap()
            .access_label(user(&s, FJORD, TOR))
            .to_string(),
        "Webshop team"
    );
}

#[test]
fn make_super_admin_gives_every_permission() {
    // R-PERM-3
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
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
    assert_eq!(user(&s, FJORD, TOR).permissions, super_admin());
}

#[test]
fn partner_admin_is_standard_and_not_full_admin() {
    // R-PERM-4
    let s = world();
    let sofie = user(&s, FJORD, SOFIE);
    assert!(sofie.is_partner_admin());
    assert!(sofie.permissions.has(Permission::MultiAccountManagement));
    assert!(!sofie.permissions.has(Permission::UserProvisioningScim));
    assert!(!sofie.permissions.has(Permission::DataCenterMigration));
    assert!(!sofie.is_super_admin());
}

#[test]
fn a_partner_admin_cannot_remove_super_admins() {
    // R-PERM-4a
    let mut s = world();
    let sofie = as_user(&s, FJORD, SOFIE);
    // Give Fjord a second Super Admin so that R-CL-4 is not what refuses.
    let henrik = as_user(&s, FJORD, HENRIK);
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
    refused(
        &mut s,
        &sofie,
        Command::Deactivate {
            account: FJORD,
            user: tor,
        },
        "R-PERM-4a",
    );
    refused(
        &mut s,
        &sofie,
        Command::EditUser {
            account: FJORD,
            user: tor,
            seat: Seat::Core,
            access: Access::Set(SetId::Marketer),
        },
        "R-PERM-4a",
    );
    // Nor touch billing: she does not hold it.
    assert!(!user(&s, FJORD, SOFIE)
        .permissions
        .has(Permission::EditBilling));
    // Ordinary users she can deactivate.
    let pia = uid(&s, FJORD, PIA);
    accepted(
        &mut s,
        &sofie,
        Command::Deactivate {
            account: FJORD,
            user: pia,
        },
    );
}

#[test]
fn only_a_super_admin_makes_a_super_admin() {
    // R-PERM-4b
    let mut s = world();
    let sofie = as_user(&s, FJORD, SOFIE);
    let pia = uid(&s, FJORD, PIA);
    refused(
        &mut s,
        &sofie,
        Command::EditUser {
            account: FJORD,
            user: pia,
            seat: Seat::ViewOnly,
            access: Access::Set(SetId::SuperAdmin),
        },
        "R-PERM-4b",
    );
    assert!(!sets_offered(&s, &sofie, FJORD, &[email(PIA)]).contains(&SetId::SuperAdmin));
    let henrik = as_user(&s, FJORD, HENRIK);
    assert!(sets_offered(&s, &henrik, FJORD, &[email(PIA)]).contains(&SetId::SuperAdmin));
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: pia,
            seat: Seat::ViewOnly,
            access: Access::Set(SetId::SuperAdmin),
        },
    );
}

#[test]
fn nobody_assigns_a_permission_they_do_not_hold() {
    // R-PERM-4c
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let tor = uid(&s, FJORD, TOR);
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: tor,
            seat: Seat::Core,
            access: custom(&[Permission::AddAndEditUsers, Permission::Forms]),
        },
    );
    let tor_actor = as_user(&s, FJORD, TOR);
    let pia = uid(&s, FJORD, PIA);
    // Asking for Forms and Ads gives only Forms.
    accepted(
        &mut s,
        &tor_actor,
        Command::EditUser {
            account: FJORD,
            user: pia,
            seat: Seat::ViewOnly,
            access: custom(&[Permission::Forms, Permission::Ads]),
        },
    );
    let p = user(&s, FJORD, PIA).permissions;
    assert!(p.has(Permission::Forms) && !p.has(Permission::Ads));
    // And the Partner admin set, which he does not hold, is refused.
    let noor = uid(&s, FJORD, NOOR);
    refused(
        &mut s,
        &tor_actor,
        Command::EditUser {
            account: FJORD,
            user: noor,
            seat: Seat::ViewOnly,
            access: Access::Set(SetId::PartnerAdmin),
        },
        "R-SEAT-6",
    );
    refused(
        &mut s,
        &tor_actor,
        Command::CreateUsers {
            account: FJORD,
            people: vec![person(INGRID)],
            seat: Seat::Partner,
            access: Access::Set(SetId::PartnerAdmin),
        },
        "R-PERM-4c",
    );
    refused(
        &mut s,
        &tor_actor,
        Command::SaveCustomSet {
            account: FJORD,
            name: "Too much".into(),
            permissions: Permissions::of(&[Permission::Ads]),
        },
        "R-PERM-4c",
    );
}

#[test]
fn the_partner_admin_set_is_offered_only_for_eligible_partner_employees() {
    // R-PERM-5
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    assert!(sets_offered(&s, &henrik, FJORD, &[email(INGRID)]).contains(&SetId::PartnerAdmin));
    // Once a seat is chosen, only with the Partner seat (R-SEAT-6).
    let with = |seat| sets_offered_with_seat(&s, &henrik, FJORD, &[email(INGRID)], seat);
    assert!(with(Seat::Partner).contains(&SetId::PartnerAdmin));
    assert!(!with(Seat::Core).contains(&SetId::PartnerAdmin));
    assert!(
        !sets_offered(&s, &henrik, FJORD, &[email("x@gmail.com")]).contains(&SetId::PartnerAdmin)
    );
    assert!(
        !sets_offered(&s, &henrik, FJORD, &[email(INGRID), email(MAJA)])
            .contains(&SetId::PartnerAdmin)
    );
    let maja = uid(&s, FJORD, MAJA);
    refused(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: maja,
            seat: Seat::Core,
            access: Access::Set(SetId::PartnerAdmin),
        },
        "R-PERM-5",
    );
}

#[test]
fn drifted_partner_admins_move_onto_the_standard_set_once_and_it_is_audited() {
    // R-PERM-6
    let s = world();
    let ingrid = user(&s, LINDQVIST, INGRID);
    assert_eq!(ingrid.permissions, partner_admin_standard());
    let entry = s
        .audit
        .iter()
        .find(|e| e.actor.is_none())
        .expect("an automated audit entry");
    assert!(entry
        .events
        .iter()
        .any(|e| matches!(e, Event::UserChanged { after, .. } if after.email == email(INGRID))));
    // It runs once: a later drift is not undone by time passing.
    let mut s2 = s.clone();
    let acc = s2.account_mut(LINDQVIST).unwrap();
    let id = acc.user_by_email(&email(INGRID)).unwrap().id;
    acc.user_mut(id).unwrap().permissions = partner_admin_standard().without(Permission::Forms);
    assert!(tick(&s2, now().plus_days(5)).events.is_empty());
    // Before the date, nothing happens.
    let mut early = s.clone();
    early.partner_admin_migration_done = false;
    early
        .account_mut(LINDQVIST)
        .unwrap()
        .user_mut(id)
        .unwrap()
        .permissions = partner_admin_standard().without(Permission::Forms);
    assert!(tick(&early, Timestamp::from_ymd(2026, 1, 12))
        .events
        .is_empty());
    assert!(!tick(&early, Timestamp::from_ymd(2026, 1, 13))
        .events
        .is_empty());
}
