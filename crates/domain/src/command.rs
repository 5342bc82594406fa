//! What someone asks the product to do.

use super::account::Seat;
use super::email::{Domain, Email};
use super::ids::{AccountId, UserId};
use super::permissions::{Permissions, SetId};
use super::state::LinkToken;
use serde::{Deserialize, Serialize};

/// Who is asking: a user, and the account they are signed in to. A partner
/// employee acting through the Client Access Manager is signed in to the
/// partner account and acts in a client through their user there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    pub account: AccountId,
    pub user: UserId,
}

/// A person to create, as typed or read from a CSV row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPerson {
    pub email: Email,
    pub name: String,
}

/// Where a user's permissions come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    /// A permission set (`Make Super Admin` is `Set(SetId::SuperAdmin)`).
    Set(SetId),
    /// Individual permissions.
    Custom(Permissions),
}

/// One client in the `Remove employee from clients` wizard (R-CAM-7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientRemoval {
    pub client: AccountId,
    /// Who receives the assets the employee owns there.
    pub reassign_to: Option<UserId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    /// `Create user` (R-CL-1, R-CL-5, R-CL-7, R-SEAT-*, R-PA-5).
    CreateUsers {
        account: AccountId,
        people: Vec<NewPerson>,
        seat: Seat,
        access: Access,
    },
    /// `Edit permissions`: the user's seat and access as they should become.
    EditUser {
        account: AccountId,
        user: UserId,
        seat: Seat,
        access: Access,
    },
    Deactivate {
        account: AccountId,
        user: UserId,
    },
    Reactivate {
        account: AccountId,
        user: UserId,
    },
    /// Several users deactivated at once, all or none (a client's details in
    /// the Client Access Manager): a refusal names every user refused.
    DeactivateUsers {
        account: AccountId,
        users: Vec<UserId>,
    },
    /// Several users reactivated at once, all or none.
    ReactivateUsers {
        account: AccountId,
        users: Vec<UserId>,
    },
    /// Removes a deactivated user, handing what they own to another user.
    RemoveUser {
        account: AccountId,
        user: UserId,
        reassign_to: Option<UserId>,
    },
    SaveCustomSet {
        account: AccountId,
        name: String,
        permissions: Permissions,
    },
    /// Settings > Permission sets: a custom set's new name (R-PERM-2).
    RenameCustomSet {
        account: AccountId,
        set: u32,
        name: String,
    },
    /// Settings > Permission sets: deletes a custom set; its users keep
    /// their permissions, shown as Custom (R-PERM-2).
    DeleteCustomSet {
        account: AccountId,
        set: u32,
    },
    /// `Get access link` / `Copy access link` (R-PA-1, R-PA-2).
    IssueAccessLink {
        partner: AccountId,
        employee: UserId,
        token: LinkToken,
    },
    RevokeAccessLink {
        token: LinkToken,
    },
    /// `Approve`, picking the client account (R-PA-1).
    ApproveAccessLink {
        token: LinkToken,
        client: AccountId,
    },
    /// `Change to partner admin` (R-PA-3, R-PA-4).
    ChangeToPartnerAdmin {
        client: AccountId,
        user: UserId,
        keep_billing: bool,
    },
    /// `Add employees` (R-CAM-4).
    AddEmployees {
        partner: AccountId,
        client: AccountId,
        employees: Vec<UserId>,
        set: SetId,
    },
    /// `Link clients` (R-CAM-5).
    LinkClients {
        partner: AccountId,
        employee: UserId,
        clients: Vec<AccountId>,
    },
    /// `Change permission set` (R-CAM-6).
    ChangePermissionSet {
        partner: AccountId,
        client: AccountId,
        users: Vec<UserId>,
        set: SetId,
    },
    /// `Remove employee from clients` (R-CAM-7).
    RemoveEmployeeFromClients {
        partner: AccountId,
        employee: UserId,
        removals: Vec<ClientRemoval>,
    },
    /// An employee's row on the Employees tab: `Deactivate` in every client
    /// where they are the partner's employee, all or none (R-CAM-9).
    DeactivateEmployee {
        partner: AccountId,
        employee: UserId,
    },
    /// `Remove partner employees` from one client (R-CAM-8).
    RemovePartnerEmployees {
        partner: AccountId,
        client: AccountId,
        users: Vec<UserId>,
        reassign_to: Option<UserId>,
    },
    /// The approved partner email domains (R-ACC-3a).
    SetPartnerDomains {
        partner: AccountId,
        domains: Vec<Domain>,
    },
    /// Reverses audit entry `seq`, the actor's own newest change, while
    /// nothing later depends on it (see `domain::undo`).
    Undo {
        seq: u64,
    },
    /// How long access links stay valid, and whether dormant employees are
    /// deactivated automatically (both the powers of R-CAM-9).
    SetPartnerSettings {
        partner: AccountId,
        link_valid_days: u32,
        deactivate_dormant: bool,
    },
}
