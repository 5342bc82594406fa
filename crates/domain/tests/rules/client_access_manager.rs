//! The partner's Client Access Manager (R-CAM-*).

use super::*;

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
