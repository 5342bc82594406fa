//! A client user becomes a partner employee only through a partner route (R-CAM-5a).

use super::*;

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
