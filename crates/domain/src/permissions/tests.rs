use super::*;

#[test]
fn the_catalogue_has_every_account_permission_the_rules_name() {
    // R-PERM-1
    let account: Vec<String> = Permission::ALL
        .iter()
        .filter(|p| p.area() == Area::Account)
        .map(|p| p.text().to_string())
        .collect();
    for name in [
        "Add and edit users",
        "Modify billing and change name on contract",
        "Edit account defaults",
        "View and edit partner employees",
        "User provisioning (SCIM)",
        "Data center migration",
    ] {
        assert!(account.iter().any(|a| a == name), "missing {name}");
    }
    for area in Area::ALL {
        assert!(Permission::ALL.iter().any(|p| p.area() == area) || area == Area::Crm);
    }
    // Bit positions are unique: the stored format depends on it.
    let mut bits: Vec<u32> = Permission::ALL.iter().map(|p| *p as u32).collect();
    bits.dedup();
    assert_eq!(bits.len(), Permission::ALL.len());
}

#[test]
fn super_admin_holds_every_permission_but_the_multi_account_tools() {
    // R-PERM-3
    let sa = SetId::SuperAdmin.built_in_permissions().unwrap();
    for &p in Permission::ALL {
        assert_eq!(sa.has(p), p != Permission::MultiAccountManagement, "{p:?}");
    }
    assert!(partner_admin_standard().has(Permission::MultiAccountManagement));
    for r in CrmRight::all() {
        assert_eq!(sa.scope(r), Scope::Everything);
    }
}

#[test]
fn the_partner_admin_set_is_super_admin_less_scim_migration_billing_and_sensitive_data() {
    // R-PERM-4, R-PERM-4a
    let pa = partner_admin_standard();
    assert!(pa.has(Permission::MultiAccountManagement));
    assert!(pa.has(Permission::AddAndEditUsers));
    assert!(!pa.has(Permission::UserProvisioningScim));
    assert!(!pa.has(Permission::DataCenterMigration));
    assert!(!pa.has(Permission::EditBilling));
    assert!(!pa.has(Permission::ManageSensitiveData));
    assert!(Permissions::all().covers(&pa));
    assert!(!pa.covers(&Permissions::all()), "not full admin rights");
}

#[test]
fn an_admin_cannot_grant_or_remove_what_they_lack() {
    // R-CAM-6, R-PERM-4c
    let admin = partner_admin_standard().without(Permission::ViewReports);
    let none = Permissions::NONE;
    let wants = Permissions::of(&[Permission::ViewReports, Permission::Forms]);
    let given = Permissions::granted_by(&admin, &none, &wants);
    assert!(given.has(Permission::Forms));
    assert!(!given.has(Permission::ViewReports));
    let had = Permissions::of(&[Permission::ViewReports]);
    let kept = Permissions::granted_by(&admin, &had, &Permissions::of(&[Permission::Forms]));
    assert!(kept.has(Permission::ViewReports));
}

#[test]
fn scopes_are_granted_up_to_the_admins_own() {
    let r = CrmRight {
        object: CrmObject::Deals,
        action: CrmAction::Edit,
    };
    let admin = Permissions::NONE.with_scope(r, Scope::Team);
    let asked = Permissions::NONE.with_scope(r, Scope::Everything);
    assert_eq!(
        Permissions::granted_by(&admin, &Permissions::NONE, &asked).scope(r),
        Scope::Team
    );
    let wide = Permissions::NONE.with_scope(r, Scope::Everything);
    assert_eq!(
        Permissions::granted_by(&admin, &wide, &Permissions::NONE).scope(r),
        Scope::Everything
    );
}

#[test]
fn changes_list_additions_removals_and_scopes() {
    let r = CrmRight {
        object: CrmObject::Contacts,
        action: CrmAction::View,
    };
    let a = Permissions::of(&[Permission::Forms]);
    let b = Permissions::of(&[Permission::Ads]).with_scope(r, Scope::Team);
    let c = a.changes_to(&b);
    assert_eq!(c.len(), 3);
    assert!(c.contains(&PermissionChange::Added(Permission::Ads)));
    assert!(c.contains(&PermissionChange::Removed(Permission::Forms)));
}
