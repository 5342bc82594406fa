//! Seats (R-SEAT-*).

use super::*;

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
