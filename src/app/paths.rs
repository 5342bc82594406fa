//! Bookmarkable paths, built in one place.

use crate::domain::{Account, AccountId};

pub fn users_and_teams(account: AccountId) -> String {
    format!("/accounts/{}/settings/users", account.0)
}

pub fn permission_sets(account: AccountId) -> String {
    format!("/accounts/{}/settings/permission-sets", account.0)
}

pub fn client_access_manager(account: AccountId) -> String {
    format!("/accounts/{}/partner/client-access-manager", account.0)
}

pub fn partner_settings(account: AccountId) -> String {
    format!("/accounts/{}/partner/settings", account.0)
}

pub fn audit_log(account: AccountId) -> String {
    format!("/accounts/{}/audit-log", account.0)
}

/// The first screen of an account's kind.
pub fn home_of(account: &Account) -> String {
    if account.kind.is_partner() {
        client_access_manager(account.id)
    } else {
        users_and_teams(account.id)
    }
}

pub fn access_link(token: &crate::domain::LinkToken) -> String {
    format!("/access-link/{token}")
}

pub const DATA: &str = "/data";
pub const OUTBOX: &str = "/outbox";
