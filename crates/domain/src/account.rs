//! Accounts, their users and seats (R-ACC-*, R-SEAT-1).

use super::email::{Domain, Email};
use super::ids::{AccountId, Timestamp, UserId};
use super::permissions::{Permissions, SetId};
use super::text::Text;
use super::users::Users;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The two kinds of partner that may hold Partner seats (R-PA-7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PartnerKind {
    SolutionsPartner,
    Provider,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountKind {
    Partner(PartnerKind),
    Client,
}

impl AccountKind {
    pub fn text(self) -> Text {
        Text::msg(match self {
            AccountKind::Partner(PartnerKind::SolutionsPartner) => "account_kind.solutions_partner",
            AccountKind::Partner(PartnerKind::Provider) => "account_kind.provider",
            AccountKind::Client => "account_kind.client",
        })
    }
    pub fn is_partner(self) -> bool {
        matches!(self, AccountKind::Partner(_))
    }
}

/// Seat types (R-SEAT-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Seat {
    Core,
    SalesHub,
    ServiceHub,
    ViewOnly,
    Partner,
}

impl Seat {
    pub const ALL: [Seat; 5] = [
        Seat::Core,
        Seat::SalesHub,
        Seat::ServiceHub,
        Seat::ViewOnly,
        Seat::Partner,
    ];
    pub const PAID: [Seat; 3] = [Seat::Core, Seat::SalesHub, Seat::ServiceHub];

    pub fn text(self) -> Text {
        Text::msg(match self {
            Seat::Core => "seat.core",
            Seat::SalesHub => "seat.sales_hub",
            Seat::ServiceHub => "seat.service_hub",
            Seat::ViewOnly => "seat.view_only",
            Seat::Partner => "seat.partner",
        })
    }

    pub fn is_paid(self) -> bool {
        matches!(self, Seat::Core | Seat::SalesHub | Seat::ServiceHub)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UserStatus {
    Active,
    Deactivated,
}

impl UserStatus {
    pub fn text(self) -> Text {
        Text::msg(match self {
            UserStatus::Active => "status.active",
            UserStatus::Deactivated => "status.deactivated",
        })
    }
}

/// Something a user owns in an account and that must not be orphaned when
/// they go (R-CL-6, R-CAM-7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asset {
    pub kind: AssetKind,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AssetKind {
    Records,
    Workflow,
    Report,
    Dashboard,
    Sequence,
}

impl AssetKind {
    pub fn text(self) -> Text {
        Text::msg(match self {
            AssetKind::Records => "asset.records",
            AssetKind::Workflow => "asset.workflow",
            AssetKind::Report => "asset.report",
            AssetKind::Dashboard => "asset.dashboard",
            AssetKind::Sequence => "asset.sequence",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub name: String,
    pub seat: Seat,
    pub permissions: Permissions,
    /// The set the permissions came from; `None` once they were edited one by
    /// one ("Custom").
    pub set: Option<SetId>,
    pub status: UserStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assets: Vec<Asset>,
    /// A partner that linked this user by hand for managed credit (R-CAM-5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_partner: Option<AccountId>,
    /// The partner whose route the client took to give this user access: an
    /// approved access link, a Partner seat, or `Add employees` (R-CAM-5a).
    /// Only such a user can be that partner's employee in the client.
    /// Added in schema version 4; see `storage::migrate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via_partner: Option<AccountId>,
    pub last_change: Timestamp,
    /// When this user last did something in the product (dormant-access
    /// review). Added in schema version 2; see `storage::migrate`.
    #[serde(default)]
    pub last_active: Timestamp,
}

impl User {
    /// A new, active user owning nothing.
    pub fn new(
        id: UserId,
        email: Email,
        name: String,
        seat: Seat,
        access: (Permissions, Option<SetId>),
        now: Timestamp,
    ) -> User {
        User {
            id,
            email,
            name,
            seat,
            permissions: access.0,
            set: access.1,
            status: UserStatus::Active,
            assets: Vec::new(),
            linked_partner: None,
            via_partner: None,
            last_change: now,
            last_active: now,
        }
    }

    pub fn is_active(&self) -> bool {
        self.status == UserStatus::Active
    }
    pub fn is_super_admin(&self) -> bool {
        self.set == Some(SetId::SuperAdmin)
    }
    pub fn is_partner_admin(&self) -> bool {
        self.set == Some(SetId::PartnerAdmin)
    }
    /// Whether the user holds a right here: a deactivated user holds none (R-CL-6).
    pub fn effective(&self) -> Permissions {
        if self.is_active() {
            self.permissions
        } else {
            Permissions::NONE
        }
    }
}

/// A permission set saved by an account (R-PERM-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomSet {
    pub id: u32,
    pub name: String,
    pub permissions: Permissions,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: AccountId,
    pub name: String,
    pub kind: AccountKind,
    /// Users ordered by id, in shared runs (see [`Users`]).
    pub users: Users,
    /// Paid seats bought, per paid seat type (client accounts).
    #[serde(default)]
    pub purchased: BTreeMap<Seat, u32>,
    /// Approved partner email domains (partner accounts, R-ACC-1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partner_domains: Vec<Domain>,
    /// The partner's CRM company record name of each client (R-ACC-4).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub crm_names: BTreeMap<AccountId, String>,
    /// How long this partner's access links stay valid.
    #[serde(default = "default_link_days")]
    pub link_valid_days: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_sets: Vec<CustomSet>,
    /// A partner's opt-in: its employees with no activity in a client for
    /// [`DORMANT_DAYS`] are deactivated there automatically.
    #[serde(default)]
    pub deactivate_dormant: bool,
    /// Derived, never stored: see [`EmailIndex`].
    #[serde(skip)]
    email_index: EmailIndex,
}

fn default_link_days() -> u32 {
    30
}

/// Days without activity after which a user is listed as dormant.
pub const DORMANT_DAYS: i64 = 90;

impl User {
    /// No activity for [`DORMANT_DAYS`]: listed for review, and deactivated
    /// automatically where their partner opted in.
    pub fn is_dormant(&self, now: Timestamp) -> bool {
        self.is_active() && now >= self.last_active.plus_days(DORMANT_DAYS)
    }
}

/// The users of an account by email: built on the first lookup and then
/// kept current by `put_user` and `remove_user`, so that finding an address
/// among 10,000 users is a hash lookup instead of a scan. Emails never
/// change through `user_mut`. Not part of the account's value: two accounts
/// with the same users are equal whatever their index holds.
#[derive(Debug, Clone, Default)]
struct EmailIndex(std::sync::OnceLock<std::collections::HashMap<Email, UserId>>);

impl PartialEq for EmailIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for EmailIndex {}

impl Account {
    pub fn new(id: AccountId, name: &str, kind: AccountKind) -> Account {
        Account {
            id,
            name: name.to_string(),
            kind,
            users: Users::default(),
            purchased: BTreeMap::new(),
            partner_domains: Vec::new(),
            crm_names: BTreeMap::new(),
            link_valid_days: default_link_days(),
            custom_sets: Vec::new(),
            deactivate_dormant: false,
            email_index: EmailIndex::default(),
        }
    }

    pub fn user(&self, id: UserId) -> Option<&User> {
        self.users.get(id)
    }

    pub fn user_mut(&mut self, id: UserId) -> Option<&mut User> {
        self.users.get_mut(id)
    }

    pub fn user_by_email(&self, email: &Email) -> Option<&User> {
        let index = self
            .email_index
            .0
            .get_or_init(|| self.users.iter().map(|u| (u.email.clone(), u.id)).collect());
        self.user(*index.get(email)?)
    }

    /// Inserts or replaces a user, keeping the id order.
    pub fn put_user(&mut self, user: User) {
        if let Some(index) = self.email_index.0.get_mut() {
            if let Some(old) = self.users.get(user.id) {
                if old.email != user.email && index.get(&old.email) == Some(&user.id) {
                    index.remove(&old.email);
                }
            }
            index.insert(user.email.clone(), user.id);
        }
        self.users.put(user);
    }

    pub fn remove_user(&mut self, id: UserId) -> Option<User> {
        let gone = self.users.remove(id)?;
        if let Some(index) = self.email_index.0.get_mut() {
            if index.get(&gone.email) == Some(&id) {
                index.remove(&gone.email);
            }
        }
        Some(gone)
    }

    /// Paid seats of this type in use (deactivated users keep their seat).
    pub fn seats_used(&self, seat: Seat) -> u32 {
        self.users.iter().filter(|u| u.seat == seat).count() as u32
    }

    pub fn seats_purchased(&self, seat: Seat) -> u32 {
        self.purchased.get(&seat).copied().unwrap_or(0)
    }

    pub fn active_super_admins(&self) -> usize {
        self.users
            .iter()
            .filter(|u| u.is_active() && u.is_super_admin())
            .count()
    }

    pub fn set_name(&self, set: SetId) -> Text {
        match set {
            SetId::Custom(n) => self
                .custom_sets
                .iter()
                .find(|s| s.id == n)
                .map(|s| Text::Plain(s.name.clone()))
                .unwrap_or_else(|| crate::text!("set.custom_n", n = n)),
            other => other
                .built_in_name()
                .unwrap_or_else(|| Text::msg("set.custom")),
        }
    }

    pub fn set_permissions(&self, set: SetId) -> Option<Permissions> {
        match set {
            SetId::Custom(n) => self
                .custom_sets
                .iter()
                .find(|s| s.id == n)
                .map(|s| s.permissions),
            other => other.built_in_permissions(),
        }
    }

    /// The name shown for a user's permissions: their set, or "Custom".
    pub fn access_label(&self, user: &User) -> Text {
        user.set
            .map(|s| self.set_name(s))
            .unwrap_or_else(|| Text::msg("set.custom"))
    }

    /// How a user's permissions differ from their set's, for a Partner
    /// admin adjusted one permission at a time (R-PERM-4d). Empty for
    /// everyone else (their edits make them `Custom`).
    pub fn adjustments(&self, user: &User) -> Vec<super::permissions::PermissionChange> {
        match user.set {
            Some(SetId::PartnerAdmin) => self
                .set_permissions(SetId::PartnerAdmin)
                .map(|standard| standard.changes_to(&user.permissions))
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    pub fn has_partner_domain(&self, email: &Email) -> bool {
        self.partner_domains
            .iter()
            .any(|d| d.as_str() == email.domain())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: u32, email: &str) -> User {
        User::new(
            UserId(id),
            Email::parse(email).unwrap(),
            email.into(),
            Seat::Core,
            (Permissions::NONE, None),
            Timestamp(0),
        )
    }

    /// The email index answers exactly as a scan of the users would,
    /// through inserts, replacements and removals after it was built.
    #[test]
    fn the_email_index_follows_every_change() {
        let mut acc = Account::new(AccountId(1), "A", AccountKind::Client);
        acc.put_user(person(1, "a@x.io"));
        assert_eq!(
            acc.user_by_email(&Email::parse("a@x.io").unwrap())
                .map(|u| u.id),
            Some(UserId(1))
        );
        acc.put_user(person(2, "b@x.io"));
        acc.put_user(person(1, "c@x.io"));
        acc.remove_user(UserId(2));
        let scan = |acc: &Account, e: &str| {
            let e = Email::parse(e).unwrap();
            acc.users.iter().find(|u| u.email == e).map(|u| u.id)
        };
        for e in ["a@x.io", "b@x.io", "c@x.io"] {
            let email = Email::parse(e).unwrap();
            assert_eq!(
                acc.user_by_email(&email).map(|u| u.id),
                scan(&acc, e),
                "{e}"
            );
        }
        // A clone keeps answering correctly on its own.
        let mut copy = acc.clone();
        copy.put_user(person(3, "d@x.io"));
        assert!(copy
            .user_by_email(&Email::parse("d@x.io").unwrap())
            .is_some());
        assert!(acc
            .user_by_email(&Email::parse("d@x.io").unwrap())
            .is_none());
        assert_eq!(acc, acc.clone());
    }
}
