//! Bulk changes: all or nothing.

use super::*;

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
