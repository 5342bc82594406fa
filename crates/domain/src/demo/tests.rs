use super::*;

#[test]
fn the_demo_holds_what_the_screens_need() {
    let s = state();
    assert_eq!(s.partners().count(), 2);
    assert_eq!(s.clients().count(), 3);
    let fjord = s.account(FJORD).unwrap();
    assert_eq!(fjord.active_super_admins(), 1);
    for seat in Seat::ALL {
        assert!(
            s.clients().any(|c| c.users.iter().any(|u| u.seat == seat)),
            "{seat:?}"
        );
    }
    let bp = s.account(BRIGHTPATH).unwrap();
    assert!(bp.users.iter().any(|u| !bp.has_partner_domain(&u.email)));
    assert!(s
        .accounts
        .iter()
        .flat_map(|a| &a.users)
        .any(|u| !u.assets.is_empty()));
    // R-PERM-6 ran at load and was recorded.
    assert!(s.partner_admin_migration_done);
    assert!(!s.audit.is_empty());
}
