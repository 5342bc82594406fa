//! What happens when a command is accepted, and how it changes the state.
//!
//! `apply` cannot fail: every check was made in `decide`. The audit log is the
//! list of these events; the outbox is the mail they send.

use super::account::{CustomSet, User};
use super::email::Domain;
use super::ids::{AccountId, Timestamp};
use super::state::{AccessLink, LinkToken, Mail, ManagedRelationship, State};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    UserAdded {
        account: AccountId,
        user: User,
    },
    UserChanged {
        account: AccountId,
        before: User,
        after: User,
    },
    UserRemoved {
        account: AccountId,
        user: User,
    },
    CustomSetSaved {
        account: AccountId,
        set: CustomSet,
    },
    /// A custom set deleted; its users keep their permissions (as Custom,
    /// each in a `UserChanged` of the same decision).
    CustomSetDeleted {
        account: AccountId,
        set: CustomSet,
    },
    LinkIssued {
        link: AccessLink,
    },
    LinkRevoked {
        token: LinkToken,
        at: Timestamp,
    },
    LinkUsed {
        token: LinkToken,
        client: AccountId,
        at: Timestamp,
    },
    /// The "about to expire" email of a link went out.
    LinkReminded {
        token: LinkToken,
        partner: AccountId,
    },
    /// A partner's settings for links and dormant access.
    PartnerSettingsSet {
        partner: AccountId,
        link_valid_days: u32,
        deactivate_dormant: bool,
        /// What the two were before, for Undo (absent from entries written
        /// before Undo covered settings: those cannot be undone).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        before: Option<(u32, bool)>,
    },
    DomainsSet {
        partner: AccountId,
        before: Vec<Domain>,
        after: Vec<Domain>,
    },
    /// Qualified partner activity in a client: starts or renews the managed
    /// relationship (R-REL-1, R-REL-2).
    PartnerActivity {
        partner: AccountId,
        client: AccountId,
        at: Timestamp,
    },
    RelationshipEnded {
        partner: AccountId,
        client: AccountId,
        on: Timestamp,
    },
    MailSent {
        mail: Mail,
    },
    PartnerAdminMigrationDone,
}

impl Event {
    /// The account the event changes, for per-account history views.
    pub fn account(&self) -> Option<AccountId> {
        match self {
            Event::UserAdded { account, .. }
            | Event::UserChanged { account, .. }
            | Event::UserRemoved { account, .. }
            | Event::CustomSetSaved { account, .. }
            | Event::CustomSetDeleted { account, .. } => Some(*account),
            Event::LinkIssued { link } => Some(link.partner),
            Event::LinkUsed { client, .. } => Some(*client),
            Event::DomainsSet { partner, .. }
            | Event::LinkReminded { partner, .. }
            | Event::PartnerSettingsSet { partner, .. } => Some(*partner),
            Event::PartnerActivity { client, .. } | Event::RelationshipEnded { client, .. } => {
                Some(*client)
            }
            Event::LinkRevoked { .. }
            | Event::MailSent { .. }
            | Event::PartnerAdminMigrationDone => None,
        }
    }
}

/// Applies one accepted event. Infallible by construction: a missing account
/// or user (which `decide` never produces) leaves the state as it was.
pub fn apply(state: &mut State, event: &Event) {
    match event {
        Event::UserAdded { account, user } => {
            state.next_user_id = state.next_user_id.max(user.id.0 + 1);
            if let Some(a) = state.account_mut(*account) {
                a.put_user(user.clone());
            }
        }
        Event::UserChanged { account, after, .. } => {
            if let Some(a) = state.account_mut(*account) {
                a.put_user(after.clone());
            }
        }
        Event::UserRemoved { account, user } => {
            if let Some(a) = state.account_mut(*account) {
                a.remove_user(user.id);
            }
        }
        Event::CustomSetSaved { account, set } => {
            if let Some(a) = state.account_mut(*account) {
                match a.custom_sets.iter_mut().find(|s| s.id == set.id) {
                    Some(existing) => *existing = set.clone(),
                    None => a.custom_sets.push(set.clone()),
                }
            }
        }
        Event::CustomSetDeleted { account, set } => {
            if let Some(a) = state.account_mut(*account) {
                a.custom_sets.retain(|s| s.id != set.id);
            }
        }
        Event::LinkIssued { link } => state.links.push(link.clone()),
        Event::LinkRevoked { token, at } => {
            if let Some(l) = state.links.iter_mut().find(|l| &l.token == token) {
                l.revoked_at = Some(*at);
            }
        }
        Event::LinkReminded { token, .. } => {
            if let Some(l) = state.links.iter_mut().find(|l| &l.token == token) {
                l.reminded = true;
            }
        }
        Event::PartnerSettingsSet {
            partner,
            link_valid_days,
            deactivate_dormant,
            ..
        } => {
            if let Some(p) = state.account_mut(*partner) {
                p.link_valid_days = *link_valid_days;
                p.deactivate_dormant = *deactivate_dormant;
            }
        }
        Event::LinkUsed { token, client, at } => {
            if let Some(l) = state.links.iter_mut().find(|l| &l.token == token) {
                l.used_in.push((*client, *at));
            }
        }
        Event::DomainsSet { partner, after, .. } => {
            if let Some(a) = state.account_mut(*partner) {
                a.partner_domains = after.clone();
            }
        }
        Event::PartnerActivity {
            partner,
            client,
            at,
        } => {
            match state
                .relationships
                .iter_mut()
                .find(|r| r.partner == *partner && r.client == *client)
            {
                Some(r) => {
                    r.last_activity = r.last_activity.max(*at);
                    r.ended_on = None;
                }
                None => state.relationships.push(ManagedRelationship {
                    partner: *partner,
                    client: *client,
                    last_activity: *at,
                    ended_on: None,
                }),
            }
        }
        Event::RelationshipEnded {
            partner,
            client,
            on,
        } => {
            if let Some(r) = state
                .relationships
                .iter_mut()
                .find(|r| r.partner == *partner && r.client == *client)
            {
                r.ended_on = Some(*on);
            }
        }
        Event::MailSent { mail } => state.outbox.push(mail.clone()),
        Event::PartnerAdminMigrationDone => state.partner_admin_migration_done = true,
    }
}
