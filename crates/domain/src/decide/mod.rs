//! The one way state changes: `decide` a command against the state, the actor
//! and `now`, yielding events or a refusal; then `commit` the events.

use super::account::{Account, Seat, User, UserStatus, DORMANT_DAYS};
use super::command::{Access, Actor, ClientRemoval, Command, NewPerson};
use super::email::Email;
use super::event::{apply, Event};
use super::ids::{AccountId, Timestamp, UserId};
use super::lang::Lang;
use super::permissions::{
    partner_admin_standard, super_admin, with_the_partner_admin_tools, Permission, Permissions,
    SetId,
};
use super::queries::*;
use super::refusal::{ensure, Refusal};
use super::sort::set_of;
use super::state::{AccessLink, ActorStamp, AuditEntry, LinkStatus, LinkToken, Mail, State};
use super::text::Text;
use std::collections::BTreeSet;

mod cam;
mod guards;
mod links;
mod partner_admin;
mod time_passing;
mod users;

pub use cam::*;
use guards::*;
pub use links::*;
use partner_admin::*;
pub use time_passing::*;
use users::*;

/// Most people one `Create user` can add at once (R-CL-7).
pub const MAX_BATCH: usize = 100;

/// The day every Partner admin moved onto the standard set (R-PERM-6).
pub fn partner_admin_migration_date() -> Timestamp {
    Timestamp::from_ymd(2026, 1, 13)
}

/// What an accepted command does: its events and a one-line summary for the
/// audit log. A decision with no events changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub summary: Text,
    pub events: Vec<Event>,
}

impl Decision {
    fn new(summary: impl Into<Text>, events: Vec<Event>) -> Decision {
        Decision {
            summary: summary.into(),
            events,
        }
    }
    /// The emails this decision would send, for review steps.
    pub fn mails(&self) -> impl Iterator<Item = &Mail> {
        self.events.iter().filter_map(|e| match e {
            Event::MailSent { mail } => Some(mail),
            _ => None,
        })
    }
}

/// Decides and, when accepted, commits. The usual entry point for screens.
pub fn execute(
    state: &mut State,
    actor: &Actor,
    command: &Command,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let decision = decide(state, actor, command, now)?;
    commit(state, stamp(state, actor), &decision, now);
    Ok(decision)
}

/// Who the actor is right now, for the audit log.
pub fn stamp(state: &State, actor: &Actor) -> Option<ActorStamp> {
    state.user(actor.account, actor.user).map(|u| ActorStamp {
        account: actor.account,
        user: u.id,
        name: u.name.clone(),
        email: u.email.clone(),
    })
}

/// Applies a decision's events and records them in the audit log.
pub fn commit(state: &mut State, actor: Option<ActorStamp>, decision: &Decision, now: Timestamp) {
    if decision.events.is_empty() {
        return;
    }
    for event in &decision.events {
        apply(state, event);
    }
    // Acting counts as activity (the dormant-access review reads it); it is
    // not a change of the user, so it is no event of its own. Written only
    // when it moves: changing a user copies the run of users it is in (see
    // `domain::users`), and from an actor's second command at the same
    // time on there is nothing to write.
    let moved = actor.as_ref().filter(|a| {
        state
            .user(a.account, a.user)
            .is_some_and(|u| u.last_active != now)
    });
    if let Some(a) = moved {
        if let Some(u) = state
            .account_mut(a.account)
            .and_then(|acc| acc.user_mut(a.user))
        {
            u.last_active = now;
        }
    }
    let seq = state.audit.last().map(|e| e.seq + 1).unwrap_or(1);
    state.audit.push(AuditEntry {
        seq,
        at: now,
        actor,
        summary: decision.summary.clone(),
        events: decision.events.clone(),
    });
}

/// Decides a command. Never changes the state: a preview is just this call.
pub fn decide(
    state: &State,
    actor: &Actor,
    command: &Command,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    actor_user(state, actor)?;
    if let Command::Undo { seq } = command {
        // The inverse of the actor's own change: no partner activity or
        // relationship notice of its own.
        return super::undo::undo_command(state, actor, *seq);
    }
    let decision = match command {
        Command::CreateUsers {
            account,
            people,
            seat,
            access,
        } => create_users(state, actor, *account, people, *seat, *access, now)?,
        Command::EditUser {
            account,
            user,
            seat,
            access,
        } => edit_user(state, actor, *account, *user, *seat, *access, now)?,
        Command::Deactivate { account, user } => deactivate(state, actor, *account, *user, now)?,
        Command::Reactivate { account, user } => reactivate(state, actor, *account, *user, now)?,
        Command::DeactivateUsers { account, users } => {
            each_user(state, *account, users, "summary.deactivated_users", |id| {
                deactivate(state, actor, *account, id, now)
            })?
        }
        Command::ReactivateUsers { account, users } => {
            each_user(state, *account, users, "summary.reactivated_users", |id| {
                reactivate(state, actor, *account, id, now)
            })?
        }
        Command::RemoveUser {
            account,
            user,
            reassign_to,
        } => remove_user(state, actor, *account, *user, *reassign_to, now)?,
        Command::SaveCustomSet {
            account,
            name,
            permissions,
        } => save_custom_set(state, actor, *account, name, *permissions)?,
        Command::RenameCustomSet { account, set, name } => {
            rename_custom_set(state, actor, *account, *set, name)?
        }
        Command::DeleteCustomSet { account, set } => {
            delete_custom_set(state, actor, *account, *set, now)?
        }
        Command::IssueAccessLink {
            partner,
            employee,
            token,
        } => issue_link(state, actor, *partner, *employee, token, now)?,
        Command::RevokeAccessLink { token } => revoke_link(state, actor, token, now)?,
        Command::ApproveAccessLink { token, client } => {
            approve_link(state, actor, token, *client, now)?
        }
        Command::ChangeToPartnerAdmin {
            client,
            user,
            keep_billing,
        } => change_to_partner_admin(state, actor, *client, *user, *keep_billing, now)?,
        Command::AddEmployees {
            partner,
            client,
            employees,
            set,
        } => add_employees(state, actor, *partner, *client, employees, *set, now)?,
        Command::LinkClients {
            partner,
            employee,
            clients,
        } => link_clients(state, actor, *partner, *employee, clients, now)?,
        Command::ChangePermissionSet {
            partner,
            client,
            users,
            set,
        } => change_permission_set(state, actor, *partner, *client, users, *set, now)?,
        Command::RemoveEmployeeFromClients {
            partner,
            employee,
            removals,
        } => remove_employee_from_clients(state, actor, *partner, *employee, removals, now)?,
        Command::DeactivateEmployee { partner, employee } => {
            deactivate_employee(state, actor, *partner, *employee, now)?
        }
        Command::RemovePartnerEmployees {
            partner,
            client,
            users,
            reassign_to,
        } => remove_partner_employees(state, actor, *partner, *client, users, *reassign_to, now)?,
        Command::SetPartnerDomains { partner, domains } => {
            set_partner_domains(state, actor, *partner, domains)?
        }
        Command::Undo { .. } => unreachable!("decided above"),
        Command::SetPartnerSettings {
            partner,
            link_valid_days,
            deactivate_dormant,
        } => set_partner_settings(
            state,
            actor,
            *partner,
            *link_valid_days,
            *deactivate_dormant,
        )?,
    };
    let decision = with_partner_activity(state, actor, decision, now);
    Ok(with_relationship_notice(state, decision, now))
}
