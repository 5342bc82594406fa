//! One or more tests per rule of RULES.md, each naming its rule ID, each
//! asserting the allowed and the refused case.

mod common;
use common::*;
use partner_access_studio::domain::*;

fn custom(perms: &[Permission]) -> Access {
    Access::Custom(Permissions::of(perms))
}

// ---------------------------------------------------------------- Accounts

#[test]
fn accounts_are_partners_or_clients_and_partners_have_domains() {
    // R-ACC-1
    let s = world();
    let bp = s.account(BRIGHTPATH).unwrap();
    assert_eq!(bp.kind, AccountKind::Partner(PartnerKind::SolutionsPartner));
    assert!(!bp.partner_domains.is_empty());
    assert_eq!(
        s.account(NORDLYS).unwrap().kind.text().to_string(),
        "Provider"
    );
    assert_eq!(s.account(FJORD).unwrap().kind, AccountKind::Client);
    // A client account cannot issue access links: it has no partner employees.
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let cmd = Command::IssueAccessLink {
        partner: FJORD,
        employee: henrik.user,
        token: token(1),
    };
    refused(&mut s, &henrik, cmd, "R-PA-7");
}

#[test]
fn an_email_is_unique_within_an_account_whatever_its_case() {
    // R-ACC-2
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let cmd = create_view_only(vec![person("Astrid.Moe@FjordOutdoor.no")]);
    let r = refused(&mut s, &henrik, cmd, "R-ACC-2");
    assert!(r.message.to_string().contains("already a user"));
    let ok = create_view_only(vec![person("new.person@fjordoutdoor.no")]);
    accepted(&mut s, &henrik, ok);
    let u = user(&s, FJORD, "new.person@fjordoutdoor.no");
    assert_eq!(u.status, UserStatus::Active);
    assert_eq!(u.name, "new.person");
}

#[test]
fn a_partner_employee_needs_both_the_domain_and_the_partner_account() {
    // R-ACC-3
    let s = world();
    let bp = s.account(BRIGHTPATH).unwrap();
    assert_eq!(eligible_partner(&s, &email(SOFIE)), Some(BRIGHTPATH));
    assert!(has_partner_domain_checkmark(
        bp,
        bp.user_by_email(&email(SOFIE)).unwrap()
    ));
    // On the domain but not a user of the partner account.
    assert_eq!(eligible_partner(&s, &email("stranger@brightpath.io")), None);
    // A user of the partner account but not on its domain: no checkmark.
    assert!(!has_partner_domain_checkmark(
        bp,
        bp.user_by_email(&email(MAJA)).unwrap()
    ));
    assert_eq!(eligible_partner(&s, &email(MAJA)), None);
    assert_eq!(partner_of(&s, user(&s, FJORD, ERIK)), Some(BRIGHTPATH));
    assert_eq!(partner_of(&s, user(&s, FJORD, HENRIK)), None);
}

#[test]
fn only_a_partner_super_admin_sets_unique_non_shared_domains() {
    // R-ACC-3a
    let mut s = world();
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let lars = as_user(&s, BRIGHTPATH, LARS);
    let domains = |d: &[&str]| {
        d.iter()
            .map(|x| Domain::parse(x).unwrap())
            .collect::<Vec<_>>()
    };
    refused(
        &mut s,
        &lars,
        Command::SetPartnerDomains {
            partner: BRIGHTPATH,
            domains: domains(&["brightpath.io", "bp.dk"]),
        },
        "R-ACC-3a",
    );
    let r = refused(
        &mut s,
        &sofie,
        Command::SetPartnerDomains {
            partner: BRIGHTPATH,
            domains: domains(&["brightpath.io", "gmail.com"]),
        },
        "R-ACC-3a",
    );
    assert!(r.message.to_string().contains("gmail.com"));
    refused(
        &mut s,
        &sofie,
        Command::SetPartnerDomains {
            partner: BRIGHTPATH,
            domains: domains(&["nordlys.no"]),
        },
        "R-ACC-3a",
    );
    accepted(
        &mut s,
        &sofie,
        Command::SetPartnerDomains {
            partner: BRIGHTPATH,
            domains: domains(&["brightpath.io", "holm-consulting.dk"]),
        },
    );
    assert_eq!(s.account(BRIGHTPATH).unwrap().partner_domains.len(), 2);
    assert!(is_eligible_for_partner_seat(&s, &email(MAJA)));
}

#[test]
fn the_client_is_shown_by_its_crm_name_and_its_official_name_when_they_differ() {
    // R-ACC-4
    let s = world();
    let (shown, official) = client_names(&s, BRIGHTPATH, FJORD);
    assert_eq!(shown, "Fjord Outdoor (Bergen HQ)");
    assert_eq!(official.as_deref(), Some("Fjord Outdoor AS"));
    let (shown, official) = client_names(&s, NORDLYS, FJORD);
    assert_eq!(shown, "Fjord Outdoor AS");
    assert_eq!(official, None);
}

// ---------------------------------------------------------------- Seats

#[test]
fn paid_seats_beyond_what_was_bought_are_refused() {
    // R-SEAT-1
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let fjord = s.account(FJORD).unwrap();
    let free = fjord.seats_purchased(Seat::Core) - fjord.seats_used(Seat::Core);
    let people: Vec<NewPerson> = (0..=free)
        .map(|i| person(&format!("p{i}@fjordoutdoor.no")))
        .collect();
    let cmd = Command::CreateUsers {
        account: FJORD,
        people: people.clone(),
        seat: Seat::Core,
        access: Access::Set(SetId::SalesRep),
    };
    let r = refused(&mut s, &henrik, cmd, "R-SEAT-1");
    assert!(r.message.to_string().contains("Core seat"));
    let fits = Command::CreateUsers {
        account: FJORD,
        people: people[..free as usize].to_vec(),
        seat: Seat::Core,
        access: Access::Set(SetId::SalesRep),
    };
    accepted(&mut s, &henrik, fits);
    assert!(!seats_offered(&s, FJORD, &[email("x@fjordoutdoor.no")]).contains(&Seat::Core));
    // Free seats have no limit.
    accepted(&mut s, &henrik, create_view_only(fjord_people("v", 20)));
}

#[test]
fn a_partner_seat_goes_only_to_an_eligible_user() {
    // R-SEAT-2
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let r = refused(
        &mut s,
        &henrik,
        Command::CreateUsers {
            account: FJORD,
            people: vec![person("friend@gmail.com")],
            seat: Seat::Partner,
            access: Access::Set(SetId::ViewOnly),
        },
        "R-SEAT-2",
    );
    assert!(r.message.to_string().contains("friend@gmail.com"));
    let offered = seats_offered(&s, FJORD, &[email("friend@gmail.com")]);
    assert!(!offered.contains(&Seat::Partner));
    assert!(offered.contains(&Seat::ViewOnly) && offered.contains(&Seat::Core));
    assert!(seats_offered(&s, FJORD, &[email(INGRID)]).contains(&Seat::Partner));
    accepted(
        &mut s,
        &henrik,
        Command::CreateUsers {
            account: FJORD,
            people: vec![person(INGRID)],
            seat: Seat::Partner,
            access: Access::Set(SetId::Marketer),
        },
    );
    assert_eq!(user(&s, FJORD, INGRID).seat, Seat::Partner);
}

#[test]
fn a_view_only_user_added_by_mistake_can_move_to_a_partner_seat() {
    // R-SEAT-2 (Edit permissions)
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let noor = uid(&s, FJORD, NOOR);
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: noor,
            seat: Seat::Partner,
            access: Access::Set(SetId::ViewOnly),
        },
    );
    assert_eq!(user(&s, FJORD, NOOR).seat, Seat::Partner);
    let pia = uid(&s, FJORD, PIA);
    refused(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: pia,
            seat: Seat::Partner,
            access: Access::Set(SetId::ViewOnly),
        },
        "R-SEAT-2",
    );
}

#[test]
fn a_partner_seat_gives_hub_features_but_no_permissions_by_itself() {
    // R-SEAT-3
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    accepted(
        &mut s,
        &henrik,
        Command::CreateUsers {
            account: FJORD,
            people: vec![person(INGRID)],
            seat: Seat::Partner,
            access: Access::Custom(Permissions::NONE),
        },
    );
    let u = user(&s, FJORD, INGRID);
    assert_eq!(u.seat, Seat::Partner);
    assert!(u.permissions.is_empty(), "the seat grants no permission");
    assert!(!Seat::Partner.is_paid(), "and consumes no paid seat");
}

#[test]
fn a_batch_of_partner_seats_is_all_or_nothing_and_names_each_ineligible_user() {
    // R-SEAT-4
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let cmd = Command::CreateUsers {
        account: FJORD,
        people: vec![
            person(INGRID),
            person("nope@gmail.com"),
            person("ann@holm-consulting.dk"),
        ],
        seat: Seat::Partner,
        access: Access::Set(SetId::Marketer),
    };
    let r = refused(&mut s, &henrik, cmd, "R-SEAT-4");
    assert!(
        r.message.to_string().contains("nope@gmail.com")
            && r.message.to_string().contains("ann@holm-consulting.dk")
    );
    assert!(!r.message.to_string().contains(INGRID));
    assert!(s
        .account(FJORD)
        .unwrap()
        .user_by_email(&email(INGRID))
        .is_none());
    let ok = Command::CreateUsers {
        account: FJORD,
        people: vec![person(INGRID), person(KARI)],
        seat: Seat::Partner,
        access: Access::Set(SetId::Marketer),
    };
    accepted(&mut s, &henrik, ok);
    assert_eq!(user(&s, FJORD, KARI).seat, Seat::Partner);
}

#[test]
fn detailed_access_for_a_partner_seat_user_needs_users_and_billing() {
    // R-SEAT-5
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    // Tor gets "Add and edit users" only.
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
    let erik = uid(&s, FJORD, ERIK);
    refused(
        &mut s,
        &tor_actor,
        Command::EditUser {
            account: FJORD,
            user: erik,
            seat: Seat::Partner,
            access: custom(&[Permission::Forms]),
        },
        "R-SEAT-5",
    );
    // A set is fine; detailed access with billing too is fine.
    accepted(
        &mut s,
        &tor_actor,
        Command::EditUser {
            account: FJORD,
            user: erik,
            seat: Seat::Partner,
            access: Access::Set(SetId::ViewOnly),
        },
    );
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: tor,
            seat: Seat::Core,
            access: custom(&[
                Permission::AddAndEditUsers,
                Permission::EditBilling,
                Permission::Forms,
            ]),
        },
    );
    let tor_actor = as_user(&s, FJORD, TOR);
    accepted(
        &mut s,
        &tor_actor,
        Command::EditUser {
            account: FJORD,
            user: erik,
            seat: Seat::Partner,
            access: custom(&[Permission::Forms]),
        },
    );
    assert!(user(&s, FJORD, ERIK).permissions.has(Permission::Forms));
}

#[test]
fn a_partner_admin_must_hold_a_partner_seat_but_not_the_other_way_round() {
    // R-SEAT-6
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let noor = uid(&s, FJORD, NOOR);
    refused(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: noor,
            seat: Seat::ViewOnly,
            access: Access::Set(SetId::PartnerAdmin),
        },
        "R-SEAT-6",
    );
    let sofie = uid(&s, FJORD, SOFIE);
    refused(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: sofie,
            seat: Seat::Core,
            access: Access::Set(SetId::PartnerAdmin),
        },
        "R-SEAT-6",
    );
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
    // Erik holds a Partner seat with an ordinary set.
    let erik = user(&s, FJORD, ERIK);
    assert_eq!(erik.seat, Seat::Partner);
    assert!(!erik.is_partner_admin());
}

// ---------------------------------------------------------------- Permissions

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

// ---------------------------------------------------------------- Client account

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
    assert_eq!(r.message.to_string(), "Henrik Dahl is the only Super Admin of Fjord Outdoor AS; make someone else Super Admin first.");
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

// ---------------------------------------------------------------- Becoming Partner admin

fn issue(s: &mut State, n: u32, by: &str, employee: &str) -> LinkToken {
    let actor = as_user(s, BRIGHTPATH, by);
    let emp = uid(s, BRIGHTPATH, employee);
    accepted(
        s,
        &actor,
        Command::IssueAccessLink {
            partner: BRIGHTPATH,
            employee: emp,
            token: token(n),
        },
    );
    token(n)
}

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

// ---------------------------------------------------------------- Client Access Manager

#[test]
fn only_super_admins_or_partner_employee_managers_open_the_client_access_manager() {
    // R-CAM-1
    let s = world();
    assert!(may_open_client_access_manager(&s, &as_user(&s, BRIGHTPATH, SOFIE)).is_ok());
    assert!(may_open_client_access_manager(&s, &as_user(&s, BRIGHTPATH, LARS)).is_ok());
    let r = may_open_client_access_manager(&s, &as_user(&s, BRIGHTPATH, ERIK)).unwrap_err();
    assert_eq!(r.rule, "R-CAM-1");
    assert_eq!(
        may_open_client_access_manager(&s, &as_user(&s, FJORD, HENRIK))
            .unwrap_err()
            .rule,
        "R-CAM-1"
    );
}

#[test]
fn the_clients_tab_covers_every_client_any_employee_can_access() {
    // R-CAM-2
    let s = world();
    let clients: Vec<AccountId> = clients_of_partner(&s, BRIGHTPATH)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(clients, vec![FJORD, LINDQVIST]);
    let nordlys: Vec<AccountId> = clients_of_partner(&s, NORDLYS)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert_eq!(nordlys, vec![VAN_DIJK]);
}

#[test]
fn the_employees_tab_marks_partner_domain_addresses() {
    // R-CAM-3
    let s = world();
    let bp = s.account(BRIGHTPATH).unwrap();
    let marks: Vec<bool> = bp
        .users
        .iter()
        .map(|u| has_partner_domain_checkmark(bp, u))
        .collect();
    assert_eq!(marks.iter().filter(|m| **m).count(), 5);
    assert_eq!(marks.iter().filter(|m| !**m).count(), 1);
    // Changing the set of someone else's employee is refused.
    let mut s = world();
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let astrid = uid(&s, FJORD, ASTRID);
    refused(
        &mut s,
        &sofie,
        Command::ChangePermissionSet {
            partner: BRIGHTPATH,
            client: FJORD,
            users: vec![astrid],
            set: SetId::ViewOnly,
        },
        "R-CAM-3",
    );
}

#[test]
fn add_employees_needs_a_partner_admin_of_that_client_and_gives_partner_seats() {
    // R-CAM-4
    let mut s = world();
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let ingrid = uid(&s, BRIGHTPATH, INGRID);
    let noor = uid(&s, BRIGHTPATH, NOOR);
    accepted(
        &mut s,
        &sofie,
        Command::AddEmployees {
            partner: BRIGHTPATH,
            client: FJORD,
            employees: vec![ingrid],
            set: SetId::Marketer,
        },
    );
    assert_eq!(user(&s, FJORD, INGRID).seat, Seat::Partner);
    assert_eq!(user(&s, FJORD, INGRID).set, Some(SetId::Marketer));
    // Lars is not a user of Fjord at all.
    let lars = as_user(&s, BRIGHTPATH, LARS);
    refused(
        &mut s,
        &lars,
        Command::AddEmployees {
            partner: BRIGHTPATH,
            client: FJORD,
            employees: vec![noor],
            set: SetId::Marketer,
        },
        "R-CAM-4",
    );
    // Erik is a user of Fjord but not its Partner admin.
    let erik = as_user(&s, BRIGHTPATH, ERIK);
    refused(
        &mut s,
        &erik,
        Command::AddEmployees {
            partner: BRIGHTPATH,
            client: VAN_DIJK,
            employees: vec![noor],
            set: SetId::Marketer,
        },
        "R-CAM-4",
    );
    // All-or-nothing over eligibility.
    let maja = uid(&s, BRIGHTPATH, MAJA);
    let lars_id = uid(&s, BRIGHTPATH, LARS);
    refused(
        &mut s,
        &sofie,
        Command::AddEmployees {
            partner: BRIGHTPATH,
            client: FJORD,
            employees: vec![lars_id, maja],
            set: SetId::Marketer,
        },
        "R-SEAT-4",
    );
    // Sofie is Super Admin at Lindqvist, not its Partner admin: adding is
    // a multi-account tool, which Super Admin does not hold (R-PERM-3).
    refused(
        &mut s,
        &sofie,
        Command::AddEmployees {
            partner: BRIGHTPATH,
            client: LINDQVIST,
            employees: vec![lars_id],
            set: SetId::Marketer,
        },
        "R-CAM-4",
    );
}

#[test]
fn an_employee_off_the_partner_domain_is_linked_to_a_client_by_hand() {
    // R-CAM-5
    let mut s = world();
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let maja = uid(&s, BRIGHTPATH, MAJA);
    assert_eq!(partner_of(&s, user(&s, FJORD, MAJA)), None);
    refused(
        &mut s,
        &sofie,
        Command::LinkClients {
            partner: BRIGHTPATH,
            employee: maja,
            clients: vec![VAN_DIJK],
        },
        "R-CAM-5",
    );
    accepted(
        &mut s,
        &sofie,
        Command::LinkClients {
            partner: BRIGHTPATH,
            employee: maja,
            clients: vec![FJORD],
        },
    );
    // Managed credit, and nothing more (R-CAM-5a).
    assert_eq!(
        credited_partner(&s, user(&s, FJORD, MAJA)),
        Some(BRIGHTPATH)
    );
    assert_eq!(partner_of(&s, user(&s, FJORD, MAJA)), None);
    let erik = uid(&s, BRIGHTPATH, ERIK);
    refused(
        &mut s,
        &sofie,
        Command::LinkClients {
            partner: BRIGHTPATH,
            employee: erik,
            clients: vec![FJORD],
        },
        "R-CAM-5",
    );
}

#[test]
fn a_partner_admin_without_reports_neither_grants_nor_removes_reports() {
    // R-CAM-6, exactly the example of RULES.md
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let reports = [
        Permission::ViewReports,
        Permission::CreateAndEditReports,
        Permission::EditDashboards,
    ];
    // Fjord's Super Admin leaves Sofie (Partner admin) without Reports.
    let sofie_in_fjord = uid(&s, FJORD, SOFIE);
    let mut no_reports = partner_admin_standard();
    for p in reports {
        no_reports = no_reports.without(p);
    }
    {
        let acc = s.account_mut(FJORD).unwrap();
        acc.user_mut(sofie_in_fjord).unwrap().permissions = no_reports;
    }
    let _ = henrik;
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    // She adds an employee with the Marketer set (which has Reports): no Reports given.
    let ingrid = uid(&s, BRIGHTPATH, INGRID);
    accepted(
        &mut s,
        &sofie,
        Command::AddEmployees {
            partner: BRIGHTPATH,
            client: FJORD,
            employees: vec![ingrid],
            set: SetId::Marketer,
        },
    );
    let p = user(&s, FJORD, INGRID).permissions;
    assert!(reports.iter().all(|r| !p.has(*r)), "no Reports granted");
    assert!(p.has(Permission::Forms), "the rest of the set is granted");
    // Erik already has Reports (Marketer); changing his set to one without keeps them.
    let erik = uid(&s, FJORD, ERIK);
    assert!(user(&s, FJORD, ERIK)
        .permissions
        .has(Permission::ViewReports));
    accepted(
        &mut s,
        &sofie,
        Command::ChangePermissionSet {
            partner: BRIGHTPATH,
            client: FJORD,
            users: vec![erik],
            set: SetId::SalesRep,
        },
    );
    let p = user(&s, FJORD, ERIK).permissions;
    assert!(
        p.has(Permission::ViewReports) && p.has(Permission::CreateAndEditReports),
        "kept Reports"
    );
    assert!(p.has(Permission::Sequences));
    // Ingrid had no Reports; changing her set to one with Reports still gives none.
    let ingrid_c = uid(&s, FJORD, INGRID);
    accepted(
        &mut s,
        &sofie,
        Command::ChangePermissionSet {
            partner: BRIGHTPATH,
            client: FJORD,
            users: vec![ingrid_c],
            set: SetId::ServiceAgent,
        },
    );
    assert!(!user(&s, FJORD, INGRID)
        .permissions
        .has(Permission::ViewReports));
}

#[test]
fn removing_an_employee_from_clients_reassigns_what_they_own() {
    // R-CAM-7
    let mut s = world();
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let karin = as_user(&s, LINDQVIST, KARIN);
    accepted(
        &mut s,
        &karin,
        Command::CreateUsers {
            account: LINDQVIST,
            people: vec![person(ERIK)],
            seat: Seat::Partner,
            access: Access::Set(SetId::Marketer),
        },
    );
    let erik = uid(&s, BRIGHTPATH, ERIK);
    let henrik = uid(&s, FJORD, HENRIK);
    // Erik owns three assets in Fjord: without a receiver it is refused.
    let no_receiver = vec![
        ClientRemoval {
            client: FJORD,
            reassign_to: None,
        },
        ClientRemoval {
            client: LINDQVIST,
            reassign_to: None,
        },
    ];
    refused(
        &mut s,
        &sofie,
        Command::RemoveEmployeeFromClients {
            partner: BRIGHTPATH,
            employee: erik,
            removals: no_receiver,
        },
        "R-CAM-7",
    );
    let ok = vec![
        ClientRemoval {
            client: FJORD,
            reassign_to: Some(henrik),
        },
        ClientRemoval {
            client: LINDQVIST,
            reassign_to: None,
        },
    ];
    accepted(
        &mut s,
        &sofie,
        Command::RemoveEmployeeFromClients {
            partner: BRIGHTPATH,
            employee: erik,
            removals: ok,
        },
    );
    assert!(s
        .account(FJORD)
        .unwrap()
        .user_by_email(&email(ERIK))
        .is_none());
    assert!(s
        .account(LINDQVIST)
        .unwrap()
        .user_by_email(&email(ERIK))
        .is_none());
    assert_eq!(user(&s, FJORD, HENRIK).assets.len(), 3);
    // Not from a client where he is no user.
    refused(
        &mut s,
        &sofie,
        Command::RemoveEmployeeFromClients {
            partner: BRIGHTPATH,
            employee: erik,
            removals: vec![ClientRemoval {
                client: VAN_DIJK,
                reassign_to: None,
            }],
        },
        "R-CAM-7",
    );
}

#[test]
fn removing_all_employees_from_a_client_starts_the_relationships_end() {
    // R-CAM-8
    let mut s = world();
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let ids: Vec<UserId> = managing_employees(&s, BRIGHTPATH, FJORD)
        .iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(ids.len(), 3);
    let henrik = uid(&s, FJORD, HENRIK);
    let astrid = uid(&s, FJORD, ASTRID);
    // Erik's assets cannot go to someone who is leaving too.
    let sofie_c = uid(&s, FJORD, SOFIE);
    refused(
        &mut s,
        &sofie,
        Command::RemovePartnerEmployees {
            partner: BRIGHTPATH,
            client: FJORD,
            users: ids.clone(),
            reassign_to: Some(sofie_c),
        },
        "R-CAM-7",
    );
    refused(
        &mut s,
        &sofie,
        Command::RemovePartnerEmployees {
            partner: BRIGHTPATH,
            client: FJORD,
            users: vec![astrid],
            reassign_to: Some(henrik),
        },
        "R-CAM-8",
    );
    accepted(
        &mut s,
        &sofie,
        Command::RemovePartnerEmployees {
            partner: BRIGHTPATH,
            client: FJORD,
            users: ids,
            reassign_to: Some(henrik),
        },
    );
    assert!(managing_employees(&s, BRIGHTPATH, FJORD).is_empty());
    assert_eq!(
        relationship_status(&s, BRIGHTPATH, FJORD, now()),
        Some(RelationshipStatus::Ending {
            on: now().plus_days(60)
        })
    );
}

#[test]
fn partner_managers_deactivate_or_remove_anywhere_but_only_partner_admins_reactivate() {
    // R-CAM-9
    let mut s = world();
    let lars = as_user(&s, BRIGHTPATH, LARS); // holds View and edit partner employees
    let erik = uid(&s, FJORD, ERIK);
    accepted(
        &mut s,
        &lars,
        Command::Deactivate {
            account: FJORD,
            user: erik,
        },
    );
    refused(
        &mut s,
        &lars,
        Command::Reactivate {
            account: FJORD,
            user: erik,
        },
        "R-CAM-9",
    );
    let lars_id = uid(&s, BRIGHTPATH, LARS);
    let _ = lars_id;
    refused(
        &mut s,
        &lars,
        Command::ChangePermissionSet {
            partner: BRIGHTPATH,
            client: FJORD,
            users: vec![erik],
            set: SetId::ViewOnly,
        },
        "R-CAM-9",
    );
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    accepted(
        &mut s,
        &sofie,
        Command::Reactivate {
            account: FJORD,
            user: erik,
        },
    );
    // Not the client's own users, though.
    let pia = uid(&s, FJORD, PIA);
    refused(
        &mut s,
        &lars,
        Command::Deactivate {
            account: FJORD,
            user: pia,
        },
        "R-CL-1",
    );
}

#[test]
fn when_everyone_including_the_partner_admin_is_deactivated_partner_managers_remove_them() {
    // R-CAM-10
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    let ids: Vec<UserId> = managing_employees(&s, BRIGHTPATH, FJORD)
        .iter()
        .map(|u| u.id)
        .collect();
    for id in &ids {
        accepted(
            &mut s,
            &henrik,
            Command::Deactivate {
                account: FJORD,
                user: *id,
            },
        );
    }
    // Sofie's user in Fjord is deactivated: she can no longer act there.
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let erik = uid(&s, FJORD, ERIK);
    refused(
        &mut s,
        &sofie,
        Command::Reactivate {
            account: FJORD,
            user: erik,
        },
        "R-CAM-9",
    );
    // Lars (View and edit partner employees) removes all of them.
    let lars = as_user(&s, BRIGHTPATH, LARS);
    accepted(
        &mut s,
        &lars,
        Command::RemovePartnerEmployees {
            partner: BRIGHTPATH,
            client: FJORD,
            users: ids,
            reassign_to: Some(henrik.user),
        },
    );
    assert!(managing_employees(&s, BRIGHTPATH, FJORD).is_empty());
}

// ---------------------------------------------------------------- Relationship

#[test]
fn deactivating_employees_does_not_end_the_relationship_at_once() {
    // R-REL-1
    let mut s = world();
    let henrik = as_user(&s, FJORD, HENRIK);
    assert_eq!(
        relationship_status(&s, BRIGHTPATH, FJORD, now()),
        Some(RelationshipStatus::Active)
    );
    let erik = uid(&s, FJORD, ERIK);
    accepted(
        &mut s,
        &henrik,
        Command::Deactivate {
            account: FJORD,
            user: erik,
        },
    );
    assert_eq!(
        relationship_status(&s, BRIGHTPATH, FJORD, now()),
        Some(RelationshipStatus::Active)
    );
    assert_eq!(relationship_status(&s, NORDLYS, FJORD, now()), None);
}

#[test]
fn the_relationship_ends_sixty_days_after_the_last_partner_activity() {
    // R-REL-2
    let mut s = world();
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let henrik = uid(&s, FJORD, HENRIK);
    let ids: Vec<UserId> = managing_employees(&s, BRIGHTPATH, FJORD)
        .iter()
        .map(|u| u.id)
        .collect();
    accepted(
        &mut s,
        &sofie,
        Command::RemovePartnerEmployees {
            partner: BRIGHTPATH,
            client: FJORD,
            users: ids,
            reassign_to: Some(henrik),
        },
    );
    let end = now().plus_days(60);
    for (day, ended) in [(59, false), (60, true), (61, true)] {
        let t = now().plus_days(day);
        let status = relationship_status(&s, BRIGHTPATH, FJORD, t).unwrap();
        assert_eq!(
            matches!(status, RelationshipStatus::Ended { .. }),
            ended,
            "day {day}"
        );
    }
    assert!(tick(&s, end.plus_seconds(-1)).events.is_empty());
    let at_end = tick(&s, end);
    assert!(at_end
        .events
        .iter()
        .any(|e| matches!(e, Event::RelationshipEnded { client, .. } if *client == FJORD)));
    assert!(at_end.mails().any(|m| m.to == email(SOFIE)));
    commit(&mut s, None, &at_end, end);
    assert!(tick(&s, end.plus_days(1)).events.is_empty(), "ends once");
    // New qualified activity starts it again.
    let henrik_actor = as_user(&s, FJORD, "henrik.dahl@fjordoutdoor.no");
    execute(
        &mut s,
        &henrik_actor,
        &Command::CreateUsers {
            account: FJORD,
            people: vec![person(NOOR)],
            seat: Seat::Partner,
            access: Access::Set(SetId::ViewOnly),
        },
        end.plus_days(2),
    )
    .unwrap();
    assert_eq!(
        relationship_status(&s, BRIGHTPATH, FJORD, end.plus_days(2)),
        Some(RelationshipStatus::Active)
    );
}

#[test]
fn activity_before_the_end_restarts_the_count() {
    // R-REL-2
    let mut s = world();
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let henrik = uid(&s, FJORD, HENRIK);
    let ids: Vec<UserId> = managing_employees(&s, BRIGHTPATH, FJORD)
        .iter()
        .map(|u| u.id)
        .collect();
    let erik_p = uid(&s, BRIGHTPATH, ERIK);
    let keep: Vec<UserId> = ids
        .iter()
        .copied()
        .filter(|id| *id != uid(&s, FJORD, SOFIE))
        .collect();
    // Remove everyone but Sofie, deactivate Sofie: ending 60 days after.
    accepted(
        &mut s,
        &sofie,
        Command::RemovePartnerEmployees {
            partner: BRIGHTPATH,
            client: FJORD,
            users: keep,
            reassign_to: Some(henrik),
        },
    );
    let henrik_actor = as_user(&s, FJORD, HENRIK);
    let sofie_c = uid(&s, FJORD, SOFIE);
    accepted(
        &mut s,
        &henrik_actor,
        Command::Deactivate {
            account: FJORD,
            user: sofie_c,
        },
    );
    assert!(matches!(
        relationship_status(&s, BRIGHTPATH, FJORD, now()),
        Some(RelationshipStatus::Ending { .. })
    ));
    // 30 days later Lars links Maja (activity): the end moves.
    let later = now().plus_days(30);
    let lars = as_user(&s, BRIGHTPATH, LARS);
    let maja = uid(&s, BRIGHTPATH, MAJA);
    execute(
        &mut s,
        &lars,
        &Command::LinkClients {
            partner: BRIGHTPATH,
            employee: maja,
            clients: vec![FJORD],
        },
        later,
    )
    .unwrap();
    assert_eq!(
        relationship_status(&s, BRIGHTPATH, FJORD, later),
        Some(RelationshipStatus::Active)
    );
    let _ = erik_p;
}

#[test]
fn a_domain_in_use_by_a_partner_admin_anywhere_cannot_be_dropped() {
    // R-SEAT-6 with R-ACC-3a: found by the random sessions — a Partner admin
    // in another partner's account lost their partner domain.
    let mut s = world();
    let kari = as_user(&s, NORDLYS, KARI);
    accepted(
        &mut s,
        &kari,
        Command::CreateUsers {
            account: NORDLYS,
            people: vec![person(LARS)],
            seat: Seat::Partner,
            access: Access::Set(SetId::PartnerAdmin),
        },
    );
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let only_freelance = vec![Domain::parse("holm-consulting.dk").unwrap()];
    refused(
        &mut s,
        &sofie,
        Command::SetPartnerDomains {
            partner: BRIGHTPATH,
            domains: only_freelance,
        },
        "R-SEAT-6",
    );
}

#[test]
fn removing_every_partner_employee_shows_the_end_date_60_days_after_the_last_activity() {
    // R-REL-2: the removal through the Client Access Manager is itself
    // partner activity, so the relationship ends 60 days after it.
    let s = world();
    let kari = as_user(&s, NORDLYS, KARI);
    let in_van_dijk = [uid(&s, VAN_DIJK, KARI), uid(&s, VAN_DIJK, OLA)];
    let jeroen = uid(&s, VAN_DIJK, JEROEN);
    let decision = decide(
        &s,
        &kari,
        &Command::RemovePartnerEmployees {
            partner: NORDLYS,
            client: VAN_DIJK,
            users: in_van_dijk.to_vec(),
            reassign_to: Some(jeroen),
        },
        now(),
    )
    .unwrap();
    assert_eq!(
        relationship_end_after(&s, NORDLYS, VAN_DIJK, &decision),
        Some(now().plus_days(60))
    );
    // Removing only one of them leaves the relationship going on.
    let one = decide(
        &s,
        &kari,
        &Command::RemovePartnerEmployees {
            partner: NORDLYS,
            client: VAN_DIJK,
            users: vec![in_van_dijk[1]],
            reassign_to: Some(jeroen),
        },
        now(),
    )
    .unwrap();
    assert_eq!(relationship_end_after(&s, NORDLYS, VAN_DIJK, &one), None);
}

#[test]
fn a_bulk_deactivation_is_all_or_nothing_and_names_every_refused_user() {
    // R-CAM-9, R-CL-6: Lars may deactivate BrightPath's employees in Fjord,
    // not Fjord's own users; a selection with both changes nobody.
    let mut s = world();
    let lars = as_user(&s, BRIGHTPATH, LARS);
    let (erik, noor, pia, tor) = (
        uid(&s, FJORD, ERIK),
        uid(&s, FJORD, NOOR),
        uid(&s, FJORD, PIA),
        uid(&s, FJORD, TOR),
    );
    let r = refused(
        &mut s,
        &lars,
        Command::DeactivateUsers {
            account: FJORD,
            users: vec![erik, pia, noor, tor],
        },
        "R-CL-1",
    );
    let message = r.to_string();
    assert!(message.contains("Nothing was changed: 2 of 4"), "{message}");
    assert!(message.contains(PIA) && message.contains(TOR), "{message}");
    assert!(!message.contains(ERIK), "{message}");
    assert!(user(&s, FJORD, ERIK).is_active(), "not half done");

    let before = s.audit.len();
    let d = accepted(
        &mut s,
        &lars,
        Command::DeactivateUsers {
            account: FJORD,
            users: vec![erik, noor, erik],
        },
    );
    assert_eq!(
        d.summary.to_string(),
        "Deactivated 2 users in Fjord Outdoor AS"
    );
    assert_eq!(s.audit.len(), before + 1, "one command, one audit entry");
    assert!(!user(&s, FJORD, ERIK).is_active() && !user(&s, FJORD, NOOR).is_active());

    // Reactivating needs a Partner admin there (R-CAM-9): Sofie, at once.
    refused(
        &mut s,
        &lars,
        Command::ReactivateUsers {
            account: FJORD,
            users: vec![erik, noor],
        },
        "R-CAM-9",
    );
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    accepted(
        &mut s,
        &sofie,
        Command::ReactivateUsers {
            account: FJORD,
            users: vec![erik, noor],
        },
    );
    assert!(user(&s, FJORD, ERIK).is_active() && user(&s, FJORD, NOOR).is_active());
}

#[test]
fn a_bulk_deactivation_never_takes_the_last_super_admin_together() {
    // R-CL-4: Karin and Sofie are Lindqvist's two Super Admins; each alone
    // may go, both at once may not.
    let mut s = world();
    let karin = as_user(&s, LINDQVIST, KARIN);
    let sofie = uid(&s, LINDQVIST, SOFIE);
    refused(
        &mut s,
        &karin,
        Command::DeactivateUsers {
            account: LINDQVIST,
            users: vec![sofie, karin.user],
        },
        "R-CL-4",
    );
}

/// BrightPath's Super Admin creates, in BrightPath, a user with the address
/// of Fjord's own Super Admin: the look-alike of R-CAM-5a.
fn look_alike_of_henrik(s: &mut State) -> UserId {
    let sofie = as_user(s, BRIGHTPATH, SOFIE);
    accepted(
        s,
        &sofie,
        Command::CreateUsers {
            account: BRIGHTPATH,
            people: vec![person(HENRIK)],
            seat: Seat::ViewOnly,
            access: Access::Set(SetId::SuperAdmin),
        },
    );
    uid(s, BRIGHTPATH, HENRIK)
}

#[test]
fn r_cam_5a_a_look_alike_user_and_a_link_give_a_partner_no_power_over_a_client_user() {
    // R-CAM-5a
    let mut s = world();
    let look_alike = look_alike_of_henrik(&mut s);
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    accepted(
        &mut s,
        &sofie,
        Command::LinkClients {
            partner: BRIGHTPATH,
            employee: look_alike,
            clients: vec![FJORD],
        },
    );
    let henrik = uid(&s, FJORD, HENRIK);
    // Credit for the link, but Henrik is no employee of BrightPath.
    assert_eq!(
        credited_partner(&s, user(&s, FJORD, HENRIK)),
        Some(BRIGHTPATH)
    );
    assert_eq!(partner_of(&s, user(&s, FJORD, HENRIK)), None);
    assert!(!managing_employees(&s, BRIGHTPATH, FJORD).is_empty());
    // The partner's managers cannot deactivate him in Fjord...
    let lars = as_user(&s, BRIGHTPATH, LARS);
    refused(
        &mut s,
        &lars,
        Command::Deactivate {
            account: FJORD,
            user: henrik,
        },
        "R-CL-1",
    );
    // ...nor remove him as a partner employee...
    refused(
        &mut s,
        &sofie,
        Command::RemovePartnerEmployees {
            partner: BRIGHTPATH,
            client: FJORD,
            users: vec![henrik],
            reassign_to: None,
        },
        "R-CAM-8",
    );
    // ...and whoever acts as the look-alike holds none of Henrik's rights.
    let as_look_alike = Actor {
        account: BRIGHTPATH,
        user: look_alike,
    };
    assert_eq!(
        rights_in(&s, &as_look_alike, FJORD).unwrap(),
        Permissions::NONE
    );
    refused(
        &mut s,
        &as_look_alike,
        create_view_only(vec![person("new.one@fjordoutdoor.no")]),
        "R-CL-1",
    );
}

#[test]
fn r_cam_5a_a_partner_cannot_approve_a_domain_a_client_s_own_users_use() {
    // R-CAM-5a, R-ACC-3a: approving fjordoutdoor.no would make Henrik's
    // look-alike eligible, and Henrik BrightPath's by domain.
    let mut s = world();
    look_alike_of_henrik(&mut s);
    let sofie = as_user(&s, BRIGHTPATH, SOFIE);
    let r = refused(
        &mut s,
        &sofie,
        Command::SetPartnerDomains {
            partner: BRIGHTPATH,
            domains: vec![
                Domain::parse("brightpath.io").unwrap(),
                Domain::parse("fjordoutdoor.no").unwrap(),
            ],
        },
        "R-ACC-3a",
    );
    assert!(r.to_string().contains("Fjord Outdoor AS"), "{r}");
    assert!(!is_eligible_for_partner_seat(&s, &email(HENRIK)));
}

#[test]
fn r_cam_5a_a_client_user_becomes_a_partner_employee_only_through_a_partner_route() {
    // R-CAM-5a: Fjord adds BrightPath's new employee on a Core seat as one
    // of its own; a Partner seat is the partner route that makes her one.
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
    accepted(
        &mut s,
        &henrik,
        create_view_only(vec![person("new.one@brightpath.io")]),
    );
    let new_one = uid(&s, FJORD, "new.one@brightpath.io");
    assert_eq!(
        partner_of(&s, user(&s, FJORD, "new.one@brightpath.io")),
        None
    );
    accepted(
        &mut s,
        &henrik,
        Command::EditUser {
            account: FJORD,
            user: new_one,
            seat: Seat::Partner,
            access: Access::Set(SetId::ViewOnly),
        },
    );
    assert_eq!(
        partner_of(&s, user(&s, FJORD, "new.one@brightpath.io")),
        Some(BRIGHTPATH)
    );
    // The route holds while she is a user of BrightPath, and not after.
    let bp_id = uid(&s, BRIGHTPATH, "new.one@brightpath.io");
    s.account_mut(BRIGHTPATH).unwrap().remove_user(bp_id);
    assert_eq!(
        partner_of(&s, user(&s, FJORD, "new.one@brightpath.io")),
        None
    );
}

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
