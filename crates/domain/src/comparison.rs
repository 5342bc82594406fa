//! The articles' comparison of Super Admin and Partner admin (seed 001's
//! table, and its "before you start" list), shown wherever one chooses
//! between the two (R-PERM-3a). Where a row is a matter of permissions, it
//! is read from the two sets themselves, so the table cannot drift from
//! what the sets hold.

use super::permissions::{partner_admin_standard, super_admin, Permission, Permissions};
use super::text::Text;

/// One row: a feature, and whether each kind of admin has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComparisonRow {
    pub feature: Text,
    pub super_admin: bool,
    pub partner_admin: bool,
}

fn row(feature: &'static str, of: impl Fn(&Permissions) -> bool) -> ComparisonRow {
    ComparisonRow {
        feature: Text::msg(feature),
        super_admin: of(&super_admin()),
        partner_admin: of(&partner_admin_standard()),
    }
}

/// The rows, in the articles' order.
pub fn admin_comparison() -> Vec<ComparisonRow> {
    vec![
        // Both are admins of the account (seed 001: "Ja", "Ja").
        ComparisonRow {
            feature: Text::msg("compare.elevated_access"),
            super_admin: true,
            partner_admin: true,
        },
        // Full admin rights: everything a Super Admin holds.
        row("compare.full_admin_rights", |p| p.covers(&super_admin())),
        // The free Partner seat gives paid Sales and Service Hub features to
        // either kind of admin who holds it (R-SEAT-3; seed 001: "Ja", "Ja").
        ComparisonRow {
            feature: Text::msg("compare.paid_features"),
            super_admin: true,
            partner_admin: true,
        },
        row("compare.multi_account", |p| {
            p.has(Permission::MultiAccountManagement)
        }),
        row("compare.scim", |p| p.has(Permission::UserProvisioningScim)),
        row("compare.data_center_migration", |p| {
            p.has(Permission::DataCenterMigration)
        }),
    ]
}
