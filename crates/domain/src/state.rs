//! The whole modelled world: accounts, links, relationships, history, mail.

use super::account::{Account, User};
use super::email::Email;
use super::event::Event;
use super::ids::{AccountId, Timestamp, UserId};
use super::text::Text;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An access link's secret part. Made at the edge (from the browser's random
/// source), checked here so that a hand-typed URL is a clear "malformed" page.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct LinkToken(String);

// A stored or imported token goes through the same check as a typed URL: it
// becomes part of the link's address.
impl<'de> Deserialize<'de> for LinkToken {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        LinkToken::parse(&raw).ok_or_else(|| {
            serde::de::Error::custom(format_args!(
                "link token {raw:?} is not 12 to 64 letters, digits, - or _"
            ))
        })
    }
}

impl LinkToken {
    pub fn parse(raw: &str) -> Option<LinkToken> {
        let ok = (12..=64).contains(&raw.len())
            && raw
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        ok.then(|| LinkToken(raw.to_string()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LinkToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A partner employee's personal access link (R-PA-1, R-PA-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessLink {
    pub token: LinkToken,
    pub partner: AccountId,
    /// The partner employee the link brings in (a user of the partner account).
    pub employee: UserId,
    /// Who copied it: the employee, or someone on their behalf.
    pub issued_by: UserId,
    pub issued_at: Timestamp,
    pub expires_at: Timestamp,
    #[serde(default)]
    pub revoked_at: Option<Timestamp>,
    /// Client accounts it was approved for: single use per client account.
    #[serde(default)]
    pub used_in: Vec<(AccountId, Timestamp)>,
    /// Set once the "about to expire" email went out.
    #[serde(default)]
    pub reminded: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkStatus {
    Active,
    Used,
    Expired,
    Revoked,
}

impl LinkStatus {
    pub fn text(self) -> Text {
        Text::msg(match self {
            LinkStatus::Active => "link_status.active",
            LinkStatus::Used => "link_status.used",
            LinkStatus::Expired => "link_status.expired",
            LinkStatus::Revoked => "link_status.revoked",
        })
    }
}

impl AccessLink {
    pub fn status(&self, now: Timestamp) -> LinkStatus {
        if self.revoked_at.is_some() {
            LinkStatus::Revoked
        } else if now >= self.expires_at {
            LinkStatus::Expired
        } else if !self.used_in.is_empty() {
            LinkStatus::Used
        } else {
            LinkStatus::Active
        }
    }
}

/// A partner's managed relationship with a client (R-REL-1, R-REL-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedRelationship {
    pub partner: AccountId,
    pub client: AccountId,
    pub last_activity: Timestamp,
    /// Set when the end was recorded (and mailed); cleared by new activity.
    #[serde(default)]
    pub ended_on: Option<Timestamp>,
}

/// Who did something, as they were at the time (names change; history must not).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorStamp {
    pub account: AccountId,
    pub user: UserId,
    pub name: String,
    pub email: Email,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: u64,
    pub at: Timestamp,
    /// `None` for changes the product makes by itself (time passing, migrations).
    pub actor: Option<ActorStamp>,
    pub summary: Text,
    pub events: Vec<Event>,
}

/// An email the rules send (R-CL-5, R-CL-6, R-PA-1, R-REL-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mail {
    pub at: Timestamp,
    pub to: Email,
    pub subject: Text,
    pub body: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct State {
    /// Ordered by id.
    pub accounts: Vec<Account>,
    #[serde(default)]
    pub links: Vec<AccessLink>,
    #[serde(default)]
    pub relationships: Vec<ManagedRelationship>,
    #[serde(default)]
    pub audit: Vec<AuditEntry>,
    #[serde(default)]
    pub outbox: Vec<Mail>,
    pub next_user_id: u32,
    /// R-PERM-6 runs once; this remembers that it did.
    #[serde(default)]
    pub partner_admin_migration_done: bool,
}

impl State {
    pub fn account(&self, id: AccountId) -> Option<&Account> {
        self.accounts
            .binary_search_by_key(&id, |a| a.id)
            .ok()
            .map(|i| &self.accounts[i])
    }

    pub fn account_mut(&mut self, id: AccountId) -> Option<&mut Account> {
        match self.accounts.binary_search_by_key(&id, |a| a.id) {
            Ok(i) => Some(&mut self.accounts[i]),
            Err(_) => None,
        }
    }

    pub fn user(&self, account: AccountId, user: UserId) -> Option<&User> {
        self.account(account)?.user(user)
    }

    pub fn add_account(&mut self, account: Account) {
        match self.accounts.binary_search_by_key(&account.id, |a| a.id) {
            Ok(i) => self.accounts[i] = account,
            Err(i) => self.accounts.insert(i, account),
        }
    }

    pub fn link(&self, token: &LinkToken) -> Option<&AccessLink> {
        self.links.iter().find(|l| &l.token == token)
    }

    pub fn relationship(
        &self,
        partner: AccountId,
        client: AccountId,
    ) -> Option<&ManagedRelationship> {
        self.relationships
            .iter()
            .find(|r| r.partner == partner && r.client == client)
    }

    pub fn partners(&self) -> impl Iterator<Item = &Account> {
        self.accounts.iter().filter(|a| a.kind.is_partner())
    }

    pub fn clients(&self) -> impl Iterator<Item = &Account> {
        self.accounts.iter().filter(|a| !a.kind.is_partner())
    }

    /// Hands out the next user id; ids are never reused, even after removal.
    pub fn fresh_user_id(&self, offset: u32) -> UserId {
        UserId(self.next_user_id + offset)
    }
}
