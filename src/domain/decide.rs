//! The one way state changes: `decide` a command against the state, the actor
//! and `now`, yielding events or a refusal; then `commit` the events.

use super::account::{Account, Seat, User, UserStatus, DORMANT_DAYS};
use super::command::{Access, Actor, ClientRemoval, Command, NewPerson};
use super::email::Email;
use super::event::{apply, Event};
use super::ids::{AccountId, Timestamp, UserId};
use super::permissions::{partner_admin_standard, Permission, Permissions, SetId};
use super::queries::*;
use super::refusal::{ensure, Refusal};
use super::state::{AccessLink, ActorStamp, AuditEntry, LinkStatus, Mail, State};
use std::collections::BTreeSet;

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
    pub summary: String,
    pub events: Vec<Event>,
}

impl Decision {
    fn new(summary: impl Into<String>, events: Vec<Event>) -> Decision {
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
    // not a change of the user, so it is no event of its own.
    if let Some(a) = &actor {
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
        Command::RemovePartnerEmployees {
            partner,
            client,
            users,
            reassign_to,
        } => remove_partner_employees(state, actor, *partner, *client, users, *reassign_to, now)?,
        Command::SetPartnerDomains { partner, domains } => {
            set_partner_domains(state, actor, *partner, domains)?
        }
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

// ---------------------------------------------------------------------------
// Helpers shared by several commands

fn account(state: &State, id: AccountId) -> Result<&Account, Refusal> {
    state
        .account(id)
        .ok_or_else(|| Refusal::new("R-ACC-1", format!("There is no account {}.", id.0)))
}

fn client_account(state: &State, id: AccountId) -> Result<&Account, Refusal> {
    let acc = account(state, id)?;
    ensure(!acc.kind.is_partner(), "R-ACC-1", || {
        format!("{} is a partner account, not a client account.", acc.name)
    })?;
    Ok(acc)
}

fn partner_account(state: &State, id: AccountId) -> Result<&Account, Refusal> {
    let acc = account(state, id)?;
    ensure(acc.kind.is_partner(), "R-PA-7", || {
        format!(
            "{} is a client account; only Solutions Partners and Providers have partner employees.",
            acc.name
        )
    })?;
    Ok(acc)
}

fn user_in(acc: &Account, id: UserId) -> Result<&User, Refusal> {
    acc.user(id).ok_or_else(|| {
        Refusal::new(
            "R-ACC-2",
            format!("That user is not a user of {}.", acc.name),
        )
    })
}

/// The actor must be signed in to the partner account the command names.
fn acting_in_partner<'s>(
    state: &'s State,
    actor: &Actor,
    partner: AccountId,
) -> Result<&'s Account, Refusal> {
    let p = partner_account(state, partner)?;
    ensure(actor.account == partner, "R-CAM-1", || {
        format!("This is done from {}'s Client Access Manager.", p.name)
    })?;
    Ok(p)
}

fn mail(to: &Email, subject: impl Into<String>, body: impl Into<String>, now: Timestamp) -> Event {
    Event::MailSent {
        mail: Mail {
            at: now,
            to: to.clone(),
            subject: subject.into(),
            body: body.into(),
        },
    }
}

/// The chosen users of a client, each once, all of them employees of the
/// partner: `empty_rule` refuses an empty choice, `outsider_rule` anyone else.
fn partner_employees_in<'s>(
    state: &State,
    client: &'s Account,
    partner: AccountId,
    users: &[UserId],
    empty_rule: &'static str,
    outsider_rule: &'static str,
) -> Result<Vec<&'s User>, Refusal> {
    ensure(!users.is_empty(), empty_rule, || {
        "Select at least one employee.".to_string()
    })?;
    let targets: Vec<&User> = unique(users)
        .iter()
        .map(|id| user_in(client, *id))
        .collect::<Result<_, _>>()?;
    let outsiders: Vec<&User> = targets
        .iter()
        .copied()
        .filter(|u| partner_of(state, u) != Some(partner))
        .collect();
    ensure(outsiders.is_empty(), outsider_rule, || {
        format!("Not employees of this partner: {}.", names(&outsiders))
    })?;
    Ok(targets)
}

/// The same person picked twice in a list counts once; order is kept.
fn unique(ids: &[UserId]) -> Vec<UserId> {
    let mut seen = BTreeSet::new();
    ids.iter().copied().filter(|id| seen.insert(*id)).collect()
}

fn names(users: &[&User]) -> String {
    users
        .iter()
        .map(|u| u.email.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn changed(user: &User, now: Timestamp, f: impl FnOnce(&mut User)) -> User {
    let mut after = user.clone();
    f(&mut after);
    after.last_change = now;
    after
}

/// R-CL-4: refuses when `leaving` (active Super Admins about to stop being
/// one) are all the account has.
fn keeps_a_super_admin(acc: &Account, leaving: &[&User]) -> Result<(), Refusal> {
    let leaving_sa: Vec<&&User> = leaving
        .iter()
        .filter(|u| u.is_active() && u.is_super_admin())
        .collect();
    if leaving_sa.is_empty() || acc.active_super_admins() > leaving_sa.len() {
        return Ok(());
    }
    let who = leaving_sa[0];
    let message = if acc.active_super_admins() == 1 {
        format!(
            "{} is the only Super Admin of {}; make someone else Super Admin first.",
            who.name, acc.name
        )
    } else {
        format!("This would leave {} without an active Super Admin; make someone else Super Admin first.", acc.name)
    };
    Err(Refusal::new("R-CL-4", message))
}

/// R-PERM-4a, R-PERM-4b: only a Super Admin adds or removes Super Admins.
fn only_super_admin_touches_super_admin(
    state: &State,
    actor: &Actor,
    acc: &Account,
    target: &User,
) -> Result<(), Refusal> {
    if !target.is_super_admin() || is_super_admin_in(state, actor, acc.id) {
        return Ok(());
    }
    Err(Refusal::new(
        "R-PERM-4a",
        format!(
            "{} is a Super Admin of {}; only a Super Admin can change, deactivate or remove them.",
            target.name, acc.name
        ),
    ))
}

/// What permissions and set label `access` gives, as granted by the actor
/// (R-PERM-4b, R-PERM-4c, R-PERM-5, R-SEAT-5, R-SEAT-6, R-CAM-6).
fn resolve_access(
    state: &State,
    actor: &Actor,
    acc: &Account,
    current: &Permissions,
    seat: Seat,
    access: Access,
    emails: &[&Email],
) -> Result<(Permissions, Option<SetId>), Refusal> {
    let rights = rights_in(state, actor, acc.id)?;
    match access {
        Access::Set(SetId::SuperAdmin) => {
            ensure(is_super_admin_in(state, actor, acc.id), "R-PERM-4b", || {
                format!(
                    "Only a Super Admin of {} can make another user a Super Admin.",
                    acc.name
                )
            })?;
            Ok((Permissions::all(), Some(SetId::SuperAdmin)))
        }
        Access::Set(SetId::PartnerAdmin) => {
            let ineligible: Vec<&str> = emails
                .iter()
                .filter(|e| !is_eligible_for_partner_seat(state, e))
                .map(|e| e.as_str())
                .collect();
            ensure(ineligible.is_empty(), "R-PERM-5", || {
                format!(
                    "The Partner admin set is only for employees of a Solutions Partner or Provider on an approved partner email domain; not for {}.",
                    ineligible.join(", ")
                )
            })?;
            ensure(seat == Seat::Partner, "R-SEAT-6", || {
                "A Partner admin must hold a Partner seat: choose Partner seat in Assign seat."
                    .to_string()
            })?;
            let standard = partner_admin_standard();
            let missing: Vec<&str> = standard
                .flags()
                .filter(|p| !rights.has(*p))
                .map(|p| p.label())
                .collect();
            ensure(rights.covers(&standard), "R-PERM-4c", || {
                format!("You cannot assign the Partner admin set because you do not hold all of it yourself (missing: {}).", missing.join(", "))
            })?;
            Ok((standard, Some(SetId::PartnerAdmin)))
        }
        Access::Set(set) => {
            let perms = acc.set_permissions(set).ok_or_else(|| {
                Refusal::new(
                    "R-PERM-2",
                    format!("{} has no such permission set.", acc.name),
                )
            })?;
            let granted = Permissions::granted_by(&rights, current, &perms);
            Ok((granted, (granted == perms).then_some(set)))
        }
        Access::Custom(requested) => {
            if seat == Seat::Partner {
                ensure(
                    rights.has(Permission::AddAndEditUsers) && rights.has(Permission::EditBilling),
                    "R-SEAT-5",
                    || {
                        "Only a Super Admin, or a user with both “Add and edit users” and “Modify billing and change name on contract”, can give a Partner seat user individual permissions; apply a permission set instead.".to_string()
                    },
                )?;
            }
            Ok((
                Permissions::granted_by(&rights, current, &requested.normalised()),
                None,
            ))
        }
    }
}

/// R-SEAT-1: paid seats beyond what was bought are refused.
fn seat_capacity(acc: &Account, seat: Seat, extra: u32) -> Result<(), Refusal> {
    if !seat.is_paid() {
        return Ok(());
    }
    let (used, bought) = (acc.seats_used(seat), acc.seats_purchased(seat));
    ensure(used + extra <= bought, "R-SEAT-1", || {
        format!(
            "{} has {} of {} {}s in use; {} more would exceed what was bought. Buy more seats or choose a View-only seat.",
            acc.name,
            used,
            bought,
            seat.label(),
            extra
        )
    })
}

/// R-SEAT-2 / R-SEAT-4: every one of them must be eligible, and a refusal names each who is not.
fn all_eligible(state: &State, emails: &[&Email]) -> Result<(), Refusal> {
    let ineligible: Vec<&str> = emails
        .iter()
        .filter(|e| !is_eligible_for_partner_seat(state, e))
        .map(|e| e.as_str())
        .collect();
    if ineligible.is_empty() {
        return Ok(());
    }
    let rule = if emails.len() > 1 {
        "R-SEAT-4"
    } else {
        "R-SEAT-2"
    };
    Err(Refusal::new(
        rule,
        format!(
            "A Partner seat is only for users of a Solutions Partner or Provider account on an approved partner email domain. Not eligible: {}. Give them a Core or View-only seat, or leave them out.",
            ineligible.join(", ")
        ),
    ))
}

/// Deactivate (if active), hand over owned assets, then remove (R-CL-6, R-CAM-7).
fn removal_events(
    acc: &Account,
    target: &User,
    reassign_to: Option<UserId>,
    leaving: &BTreeSet<UserId>,
    now: Timestamp,
) -> Result<Vec<Event>, Refusal> {
    let mut events = Vec::new();
    if !target.assets.is_empty() {
        let to = reassign_to.ok_or_else(|| {
            Refusal::new(
                "R-CAM-7",
                format!(
                    "{} owns {} asset(s) in {}; choose who receives them before removing.",
                    target.name,
                    target.assets.len(),
                    acc.name
                ),
            )
        })?;
        let receiver = user_in(acc, to)?;
        ensure(
            receiver.is_active() && !leaving.contains(&to) && to != target.id,
            "R-CAM-7",
            || {
                format!(
                    "{} cannot receive the assets: choose an active user who stays in {}.",
                    receiver.name, acc.name
                )
            },
        )?;
        let after = changed(receiver, now, |r| {
            r.assets.extend(target.assets.iter().cloned())
        });
        events.push(Event::UserChanged {
            account: acc.id,
            before: receiver.clone(),
            after,
        });
    }
    if target.is_active() {
        let after = changed(target, now, |u| u.status = UserStatus::Deactivated);
        events.push(Event::UserChanged {
            account: acc.id,
            before: target.clone(),
            after,
        });
        events.push(mail(
            &target.email,
            format!("You were deactivated in {}", acc.name),
            format!(
                "Your user in {} was deactivated. Your data is kept.",
                acc.name
            ),
            now,
        ));
    }
    events.push(Event::UserRemoved {
        account: acc.id,
        user: target.clone(),
    });
    Ok(events)
}

/// Receiving assets from several removals in one decision: the receiver's
/// "before" must be what the earlier events left, so merge them.
fn merge_user_changes(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    for e in events {
        if let Event::UserChanged { account, after, .. } = &e {
            if let Some(Event::UserChanged { after: prev, .. }) = out.iter_mut().rev().find(|x| {
                matches!(x, Event::UserChanged { account: a, after: p, .. } if a == account && p.id == after.id)
            }) {
                // Same user changed twice: keep the status of the later change
                // and the union of assets.
                prev.status = after.status;
                for asset in &after.assets {
                    if !prev.assets.contains(asset) {
                        prev.assets.push(asset.clone());
                    }
                }
                prev.last_change = after.last_change;
                continue;
            }
        }
        out.push(e);
    }
    out
}

/// R-CAM-9: a partner Super Admin or holder of `View and edit partner
/// employees` may deactivate or remove the partner's employees anywhere.
fn partner_may_remove(state: &State, actor: &Actor, target: &User) -> bool {
    partner_of(state, target) == Some(actor.account)
        && may_open_client_access_manager(state, actor).is_ok()
}

/// Adds a `PartnerActivity` for each partner whose employee acted in, or was
/// given access to, a client account (R-REL-1, R-REL-2).
fn with_partner_activity(
    state: &State,
    actor: &Actor,
    mut decision: Decision,
    now: Timestamp,
) -> Decision {
    let mut pairs: BTreeSet<(AccountId, AccountId)> = BTreeSet::new();
    let me = state.user(actor.account, actor.user);
    for e in &decision.events {
        let Some(client) = e.account() else { continue };
        if state.account(client).is_none_or(|c| c.kind.is_partner()) {
            continue;
        }
        if let Event::UserAdded { user, .. } | Event::UserChanged { after: user, .. } = e {
            if user.is_active() {
                if let Some(p) =
                    partner_of(state, user).or_else(|| eligible_partner(state, &user.email))
                {
                    pairs.insert((p, client));
                }
            }
        }
        // The actor is a partner employee: through the Client Access Manager,
        // or signed in to the client itself.
        if state
            .account(actor.account)
            .is_some_and(|a| a.kind.is_partner())
        {
            pairs.insert((actor.account, client));
        } else if let Some(me) = me {
            if actor.account == client {
                if let Some(p) = partner_of(state, me) {
                    pairs.insert((p, client));
                }
            }
        }
    }
    for (partner, client) in pairs {
        decision.events.push(Event::PartnerActivity {
            partner,
            client,
            at: now,
        });
    }
    decision
}

/// When a change leaves a managed relationship without any active managing
/// employee, the partner's Super Admins are told the date it will end
/// (R-REL-2: "show the date on which it will end").
fn with_relationship_notice(state: &State, mut decision: Decision, now: Timestamp) -> Decision {
    fn leaves(e: &Event) -> Option<(AccountId, &User)> {
        match e {
            Event::UserRemoved { account, user } => Some((*account, user)),
            Event::UserChanged {
                account,
                before,
                after,
            } if before.is_active() && !after.is_active() => Some((*account, before)),
            _ => None,
        }
    }
    // Only a partner employee's leaving can matter; most deactivations are
    // the client's own users and cost nothing here.
    let pairs: BTreeSet<(AccountId, AccountId)> = decision
        .events
        .iter()
        .filter_map(leaves)
        .filter_map(|(client, u)| Some((partner_of(state, u)?, client)))
        .collect();
    let mut mails = Vec::new();
    for (partner, client) in pairs {
        for rel in state
            .relationship(partner, client)
            .into_iter()
            .filter(|r| r.ended_on.is_none())
        {
            let managed_now = managing_employees(state, rel.partner, client)
                .iter()
                .any(|u| u.is_active());
            let Some(on) = relationship_end_after(state, rel.partner, client, &decision) else {
                continue;
            };
            let Some(partner) = state.account(rel.partner).filter(|_| managed_now) else {
                continue;
            };
            let name = account_name(state, client);
            for sa in partner
                .users
                .iter()
                .filter(|u| u.is_super_admin() && u.is_active())
            {
                mails.push(mail(
                    &sa.email,
                    format!("Your managed relationship with {name} ends on {}", on.iso_date()),
                    format!(
                        "No employee of {} has access to {name} any more. The managed relationship ends on {} unless partner activity resumes there before then.",
                        partner.name,
                        on.iso_date()
                    ),
                    now,
                ));
            }
        }
    }
    decision.events.extend(mails);
    decision
}

// ---------------------------------------------------------------------------
// Client account: Users & Teams

fn create_users(
    state: &State,
    actor: &Actor,
    account_id: AccountId,
    people: &[NewPerson],
    seat: Seat,
    access: Access,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let acc = account(state, account_id)?;
    may_manage_users(state, actor, account_id)?;
    ensure(!people.is_empty(), "R-CL-7", || {
        "Add at least one email address.".to_string()
    })?;
    ensure(people.len() <= MAX_BATCH, "R-CL-7", || {
        format!(
            "{} people at once is more than {MAX_BATCH}; split the list.",
            people.len()
        )
    })?;
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for p in people {
        if !seen.insert(&p.email) {
            problems.push(format!("{} appears twice", p.email));
        } else if acc.user_by_email(&p.email).is_some() {
            problems.push(format!("{} is already a user of {}", p.email, acc.name));
        }
    }
    ensure(problems.is_empty(), "R-ACC-2", || {
        format!("Nothing was created: {}.", problems.join("; "))
    })?;
    if seat.is_paid() {
        may_change_seats(state, actor, account_id)?;
        seat_capacity(acc, seat, people.len() as u32)?;
    }
    let emails: Vec<&Email> = people.iter().map(|p| &p.email).collect();
    if seat == Seat::Partner {
        all_eligible(state, &emails)?;
    }
    let (permissions, set) =
        resolve_access(state, actor, acc, &Permissions::NONE, seat, access, &emails)?;
    let mut events = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let name = if p.name.trim().is_empty() {
            p.email
                .as_str()
                .split('@')
                .next()
                .unwrap_or_default()
                .to_string()
        } else {
            p.name.trim().to_string()
        };
        let user = User::new(
            state.fresh_user_id(i as u32),
            p.email.clone(),
            name,
            seat,
            (permissions, set),
            now,
        );
        events.push(Event::UserAdded {
            account: acc.id,
            user,
        });
        events.push(mail(
            &p.email,
            format!("You were added to {}", acc.name),
            format!(
                "You now have a user in {} with a {}.",
                acc.name,
                seat.label()
            ),
            now,
        ));
    }
    let summary = if people.len() == 1 {
        format!("Created user {}", people[0].email)
    } else {
        format!("Created {} users", people.len())
    };
    Ok(Decision::new(summary, events))
}

fn edit_user(
    state: &State,
    actor: &Actor,
    account_id: AccountId,
    user_id: UserId,
    seat: Seat,
    access: Access,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let acc = account(state, account_id)?;
    let target = user_in(acc, user_id)?;
    may_manage_users(state, actor, account_id).map_err(|r| Refusal {
        rule: "R-CL-3",
        ..r
    })?;
    if seat != target.seat {
        may_change_seats(state, actor, account_id)?;
        seat_capacity(acc, seat, 1)?;
        if seat == Seat::Partner {
            all_eligible(state, &[&target.email])?;
        }
    }
    if access != Access::Set(SetId::SuperAdmin) {
        only_super_admin_touches_super_admin(state, actor, acc, target)?;
        if target.is_super_admin() {
            keeps_a_super_admin(acc, &[target])?;
        }
    }
    if target.is_partner_admin()
        && seat != Seat::Partner
        && access == Access::Set(SetId::PartnerAdmin)
    {
        return Err(Refusal::new(
            "R-SEAT-6",
            "A Partner admin must keep a Partner seat; choose another permission set first.",
        ));
    }
    let (permissions, set) = if target.is_partner_admin()
        && access == Access::Set(SetId::PartnerAdmin)
        && seat == Seat::Partner
    {
        // Unchanged Partner admin (possibly with billing kept, R-PA-3).
        (target.permissions, target.set)
    } else if target.is_super_admin() && access == Access::Set(SetId::SuperAdmin) {
        (target.permissions, target.set)
    } else {
        resolve_access(
            state,
            actor,
            acc,
            &target.permissions,
            seat,
            access,
            &[&target.email],
        )?
    };
    let after = changed(target, now, |u| {
        u.seat = seat;
        u.permissions = permissions;
        u.set = set;
    });
    if after.seat == target.seat
        && after.permissions == target.permissions
        && after.set == target.set
    {
        return Ok(Decision::new("No changes", Vec::new()));
    }
    Ok(Decision::new(
        format!("Edited permissions of {}", target.email),
        vec![Event::UserChanged {
            account: acc.id,
            before: target.clone(),
            after,
        }],
    ))
}

fn deactivate(
    state: &State,
    actor: &Actor,
    account_id: AccountId,
    user_id: UserId,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let acc = account(state, account_id)?;
    let target = user_in(acc, user_id)?;
    ensure(target.is_active(), "R-CL-6", || {
        format!("{} is already deactivated.", target.name)
    })?;
    if !partner_may_remove(state, actor, target) {
        may_manage_users(state, actor, account_id)?;
        only_super_admin_touches_super_admin(state, actor, acc, target)?;
    }
    keeps_a_super_admin(acc, &[target])?;
    let after = changed(target, now, |u| u.status = UserStatus::Deactivated);
    Ok(Decision::new(
        format!("Deactivated {}", target.email),
        vec![
            Event::UserChanged { account: acc.id, before: target.clone(), after },
            mail(
                &target.email,
                format!("You were deactivated in {}", acc.name),
                format!("Your user in {} was deactivated. Your data is kept, and an admin can reactivate you.", acc.name),
                now,
            ),
        ],
    ))
}

fn reactivate(
    state: &State,
    actor: &Actor,
    account_id: AccountId,
    user_id: UserId,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let acc = account(state, account_id)?;
    let target = user_in(acc, user_id)?;
    ensure(!target.is_active(), "R-CL-6", || {
        format!("{} is already active.", target.name)
    })?;
    may_manage_users(state, actor, account_id).map_err(|r| {
        if actor.account != account_id {
            Refusal::new(
                "R-CAM-9",
                format!(
                    "Only a Partner admin of {} can reactivate users there.",
                    acc.name
                ),
            )
        } else {
            r
        }
    })?;
    only_super_admin_touches_super_admin(state, actor, acc, target)?;
    let after = changed(target, now, |u| u.status = UserStatus::Active);
    Ok(Decision::new(
        format!("Reactivated {}", target.email),
        vec![
            Event::UserChanged {
                account: acc.id,
                before: target.clone(),
                after,
            },
            mail(
                &target.email,
                format!("You were reactivated in {}", acc.name),
                format!(
                    "Your user in {} is active again, with everything as it was.",
                    acc.name
                ),
                now,
            ),
        ],
    ))
}

fn remove_user(
    state: &State,
    actor: &Actor,
    account_id: AccountId,
    user_id: UserId,
    reassign_to: Option<UserId>,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let acc = account(state, account_id)?;
    let target = user_in(acc, user_id)?;
    ensure(!target.is_active(), "R-CL-6", || {
        format!("Deactivate {} before removing them.", target.name)
    })?;
    if !partner_may_remove(state, actor, target) {
        may_manage_users(state, actor, account_id)?;
        only_super_admin_touches_super_admin(state, actor, acc, target)?;
    }
    if acc.kind.is_partner() {
        let still: Vec<String> = state
            .accounts
            .iter()
            .filter(|c| c.id != acc.id)
            .filter(|c| {
                c.user_by_email(&target.email)
                    .is_some_and(|u| u.is_partner_admin())
            })
            .map(|c| c.name.clone())
            .collect();
        ensure(still.is_empty(), "R-SEAT-6", || {
            format!(
                "{} is still Partner admin in {}; remove them from those clients first (Remove employee from clients).",
                target.name,
                still.join(", ")
            )
        })?;
    }
    let leaving = BTreeSet::from([target.id]);
    let events = removal_events(acc, target, reassign_to, &leaving, now)?;
    Ok(Decision::new(format!("Removed {}", target.email), events))
}

fn save_custom_set(
    state: &State,
    actor: &Actor,
    account_id: AccountId,
    name: &str,
    permissions: Permissions,
) -> Result<Decision, Refusal> {
    let acc = account(state, account_id)?;
    may_manage_users(state, actor, account_id)?;
    let name = name.trim();
    ensure(
        !name.is_empty() && name.chars().count() <= 60,
        "R-PERM-2",
        || "Give the permission set a name of 1 to 60 characters.".to_string(),
    )?;
    let taken = SetId::BUILT_IN.iter().any(|s| {
        s.built_in_name()
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    }) || acc
        .custom_sets
        .iter()
        .any(|s| s.name.eq_ignore_ascii_case(name));
    ensure(!taken, "R-PERM-2", || {
        format!("{} already has a permission set called “{name}”.", acc.name)
    })?;
    let rights = rights_in(state, actor, account_id)?;
    ensure(
        rights.covers(&permissions.normalised()),
        "R-PERM-4c",
        || "A set can only hold permissions you hold yourself.".to_string(),
    )?;
    let id = acc.custom_sets.iter().map(|s| s.id).max().unwrap_or(0) + 1;
    Ok(Decision::new(
        format!("Saved permission set “{name}”"),
        vec![Event::CustomSetSaved {
            account: acc.id,
            set: super::account::CustomSet {
                id,
                name: name.to_string(),
                permissions: permissions.normalised(),
            },
        }],
    ))
}

// ---------------------------------------------------------------------------
// Access links (R-PA-1, R-PA-2)

fn issue_link(
    state: &State,
    actor: &Actor,
    partner_id: AccountId,
    employee: UserId,
    token: &super::state::LinkToken,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let partner = partner_account(state, partner_id)?;
    ensure(actor.account == partner_id, "R-PA-2", || {
        format!(
            "Access links of {} are copied in {}'s own account.",
            partner.name, partner.name
        )
    })?;
    let me = actor_user(state, actor)?;
    let emp = user_in(partner, employee)?;
    ensure(emp.is_active(), "R-PA-1", || {
        format!("{} is deactivated and cannot get an access link.", emp.name)
    })?;
    if employee != actor.user {
        ensure(
            me.is_super_admin() || me.effective().has(Permission::ViewAndEditPartnerEmployees),
            "R-PA-2",
            || {
                "Only a Super Admin or a user with “View and edit partner employees” can copy an access link on behalf of another employee.".to_string()
            },
        )?;
    }
    ensure(partner.has_partner_domain(&emp.email), "R-SEAT-2", || {
        format!(
            "{} is not on an approved partner email domain of {}, so an access link could not give them a Partner seat.",
            emp.email, partner.name
        )
    })?;
    ensure(state.link(token).is_none(), "R-PA-1", || {
        "That link code is already in use; copy the link again.".to_string()
    })?;
    let link = AccessLink {
        token: token.clone(),
        partner: partner_id,
        employee,
        issued_by: actor.user,
        issued_at: now,
        expires_at: now.plus_days(partner.link_valid_days as i64),
        revoked_at: None,
        used_in: Vec::new(),
        reminded: false,
    };
    let summary = if employee == actor.user {
        format!("Copied access link of {}", emp.email)
    } else {
        format!("Copied access link on behalf of {}", emp.email)
    };
    Ok(Decision::new(summary, vec![Event::LinkIssued { link }]))
}

fn revoke_link(
    state: &State,
    actor: &Actor,
    token: &super::state::LinkToken,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let link = state
        .link(token)
        .ok_or_else(|| Refusal::new("R-PA-1", "There is no such access link."))?;
    let me = actor_user(state, actor)?;
    ensure(actor.account == link.partner, "R-PA-2", || {
        "Only the partner that issued a link can revoke it.".to_string()
    })?;
    ensure(
        actor.user == link.employee
            || me.is_super_admin()
            || me.effective().has(Permission::ViewAndEditPartnerEmployees),
        "R-PA-2",
        || {
            "Only the employee, a Super Admin or a user with “View and edit partner employees” can revoke this link.".to_string()
        },
    )?;
    ensure(link.revoked_at.is_none(), "R-PA-1", || {
        "This link is already revoked.".to_string()
    })?;
    Ok(Decision::new(
        "Revoked an access link",
        vec![Event::LinkRevoked {
            token: token.clone(),
            at: now,
        }],
    ))
}

/// Why a link cannot be approved now, if it cannot (R-PA-1 decision).
pub fn link_problem(state: &State, link: &AccessLink, now: Timestamp) -> Option<Refusal> {
    match link.status(now) {
        LinkStatus::Revoked => Some(Refusal::new(
            "R-PA-1",
            format!(
                "This access link was revoked by {}. Ask them for a new link.",
                account_name(state, link.partner)
            ),
        )),
        LinkStatus::Expired => Some(Refusal::new(
            "R-PA-1",
            format!(
                "This access link expired on {}. Ask {} for a new link.",
                link.expires_at.iso_date(),
                account_name(state, link.partner)
            ),
        )),
        _ => None,
    }
}

fn approve_link(
    state: &State,
    actor: &Actor,
    token: &super::state::LinkToken,
    client_id: AccountId,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let link = state.link(token).ok_or_else(|| {
        Refusal::new(
            "R-PA-1",
            "This access link is not valid. Ask the partner for a new link.",
        )
    })?;
    if let Some(r) = link_problem(state, link, now) {
        return Err(r);
    }
    let client = client_account(state, client_id)?;
    ensure(
        !link.used_in.iter().any(|(c, _)| *c == client_id),
        "R-PA-1",
        || format!("This access link was already used for {}.", client.name),
    )?;
    may_manage_users(state, actor, client_id).map_err(|r| Refusal {
        rule: "R-CL-3",
        ..r
    })?;
    let partner = partner_account(state, link.partner)?;
    let emp = partner
        .user(link.employee)
        .filter(|u| u.is_active() && partner.has_partner_domain(&u.email))
        .ok_or_else(|| {
            Refusal::new(
                "R-SEAT-2",
                format!(
                    "The employee this link names is no longer an eligible partner employee of {}.",
                    partner.name
                ),
            )
        })?;
    let rights = rights_in(state, actor, client_id)?;
    ensure(
        rights.covers(&partner_admin_standard()),
        "R-PERM-4c",
        || {
            "Approving gives the Partner admin set, and you do not hold all of it yourself; ask a Super Admin to approve.".to_string()
        },
    )?;
    let mut events = vec![Event::LinkUsed {
        token: token.clone(),
        client: client_id,
        at: now,
    }];
    match client.user_by_email(&emp.email) {
        Some(existing) => {
            ensure(
                !(existing.is_partner_admin() && existing.is_active()),
                "R-PA-1",
                || {
                    format!(
                        "{} is already a Partner admin of {}.",
                        existing.name, client.name
                    )
                },
            )?;
            only_super_admin_touches_super_admin(state, actor, client, existing)?;
            keeps_a_super_admin(client, &[existing])?;
            let after = changed(existing, now, |u| {
                u.seat = Seat::Partner;
                u.permissions = partner_admin_standard();
                u.set = Some(SetId::PartnerAdmin);
                u.status = UserStatus::Active;
            });
            events.push(Event::UserChanged {
                account: client_id,
                before: existing.clone(),
                after,
            });
        }
        None => {
            let user = User::new(
                state.fresh_user_id(0),
                emp.email.clone(),
                emp.name.clone(),
                Seat::Partner,
                (partner_admin_standard(), Some(SetId::PartnerAdmin)),
                now,
            );
            events.push(Event::UserAdded {
                account: client_id,
                user,
            });
            events.push(mail(
                &emp.email,
                format!("You were added to {}", client.name),
                format!(
                    "You now have a user in {} with a Partner seat and the Partner admin set.",
                    client.name
                ),
                now,
            ));
        }
    }
    events.push(mail(
        &emp.email,
        format!("{} approved your access link", client.name),
        format!(
            "{} approved your access link: {} now has Partner admin access to {}.",
            client.name, partner.name, client.name
        ),
        now,
    ));
    Ok(Decision::new(
        format!("Approved access link of {}", emp.email),
        events,
    ))
}

// ---------------------------------------------------------------------------
// Partner admin (R-PA-3, R-PA-4)

fn change_to_partner_admin(
    state: &State,
    actor: &Actor,
    client_id: AccountId,
    user_id: UserId,
    keep_billing: bool,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let client = client_account(state, client_id)?;
    let target = user_in(client, user_id)?;
    ensure(
        target.is_super_admin() && target.is_active(),
        "R-PA-3",
        || {
            format!("{} is not an active Super Admin; use Edit permissions and the Partner admin set instead.", target.name)
        },
    )?;
    let partner = eligible_partner(state, &target.email).ok_or_else(|| {
        Refusal::new(
            "R-PA-7",
            format!("{} is not an employee of a Solutions Partner or Provider on an approved partner email domain.", target.email),
        )
    })?;
    let me = actor_user(state, actor)?;
    let is_self = actor.account == partner && me.email == target.email;
    let mine = standing(state, actor, client_id)?;
    let allowed = is_self
        || mine.is_some_and(|u| u.is_super_admin())
        || (actor.account == partner && mine.is_some_and(|u| u.is_partner_admin()));
    ensure(allowed, "R-PA-4", || {
        format!("Only {} themselves, a Super Admin of {}, or a Partner admin from the same partner can do this.", target.name, client.name)
    })?;
    keeps_a_super_admin(client, &[target])?;
    let mut permissions = partner_admin_standard();
    if keep_billing {
        permissions = permissions.with(Permission::EditBilling);
    }
    let after = changed(target, now, |u| {
        u.seat = Seat::Partner;
        u.permissions = permissions;
        u.set = Some(SetId::PartnerAdmin);
    });
    Ok(Decision::new(
        format!("Changed {} to partner admin", target.email),
        vec![Event::UserChanged {
            account: client_id,
            before: target.clone(),
            after,
        }],
    ))
}

// ---------------------------------------------------------------------------
// Client Access Manager (R-CAM-*)

/// The actor's user in the client must be an active Partner admin (or Super Admin).
fn partner_admin_there<'s>(
    state: &'s State,
    actor: &Actor,
    client: &Account,
    rule: &'static str,
    what: &str,
) -> Result<&'s User, Refusal> {
    standing(state, actor, client.id)?
        .filter(|u| u.is_partner_admin() || u.is_super_admin())
        .ok_or_else(|| {
            Refusal::new(
                rule,
                format!("Only a Partner admin of {} can {what} there.", client.name),
            )
        })
}

fn add_employees(
    state: &State,
    actor: &Actor,
    partner_id: AccountId,
    client_id: AccountId,
    employees: &[UserId],
    set: SetId,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let partner = acting_in_partner(state, actor, partner_id)?;
    let client = client_account(state, client_id)?;
    partner_admin_there(state, actor, client, "R-CAM-4", "add employees")?;
    ensure(!employees.is_empty(), "R-CAM-4", || {
        "Choose at least one employee.".to_string()
    })?;
    let employees = unique(employees);
    let people: Vec<&User> = employees
        .iter()
        .map(|id| user_in(partner, *id))
        .collect::<Result<_, _>>()?;
    let already: Vec<&User> = people
        .iter()
        .copied()
        .filter(|p| client.user_by_email(&p.email).is_some())
        .collect();
    ensure(already.is_empty(), "R-ACC-2", || {
        format!("Already users of {}: {}.", client.name, names(&already))
    })?;
    let emails: Vec<&Email> = people.iter().map(|p| &p.email).collect();
    all_eligible(state, &emails)?;
    let (permissions, label) = resolve_access(
        state,
        actor,
        client,
        &Permissions::NONE,
        Seat::Partner,
        Access::Set(set),
        &emails,
    )?;
    let mut events = Vec::new();
    for (i, p) in people.iter().enumerate() {
        events.push(Event::UserAdded {
            account: client_id,
            user: User::new(
                state.fresh_user_id(i as u32),
                p.email.clone(),
                p.name.clone(),
                Seat::Partner,
                (permissions, label),
                now,
            ),
        });
        events.push(mail(
            &p.email,
            format!("You were added to {}", client.name),
            format!(
                "{} added you to {} with a Partner seat.",
                partner.name, client.name
            ),
            now,
        ));
    }
    Ok(Decision::new(
        format!("Added {} employee(s) to {}", people.len(), client.name),
        events,
    ))
}

fn link_clients(
    state: &State,
    actor: &Actor,
    partner_id: AccountId,
    employee: UserId,
    clients: &[AccountId],
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let partner = acting_in_partner(state, actor, partner_id)?;
    may_open_client_access_manager(state, actor)?;
    let emp = user_in(partner, employee)?;
    ensure(!partner.has_partner_domain(&emp.email), "R-CAM-5", || {
        format!(
            "{} is on an approved partner email domain and already counts for {}.",
            emp.email, partner.name
        )
    })?;
    ensure(!clients.is_empty(), "R-CAM-5", || {
        "Choose at least one client.".to_string()
    })?;
    let mut events = Vec::new();
    for &c in clients {
        let client = client_account(state, c)?;
        let u = client.user_by_email(&emp.email).ok_or_else(|| {
            Refusal::new(
                "R-CAM-5",
                format!(
                    "{} is not a user of {}; only an existing user can be linked.",
                    emp.email, client.name
                ),
            )
        })?;
        if partner_of(state, u) == Some(partner_id) {
            continue;
        }
        ensure(u.linked_partner.is_none(), "R-CAM-5", || {
            format!(
                "{} in {} is already linked to another partner.",
                u.email, client.name
            )
        })?;
        let after = changed(u, now, |x| x.linked_partner = Some(partner_id));
        events.push(Event::UserChanged {
            account: c,
            before: u.clone(),
            after,
        });
        events.push(Event::PartnerActivity {
            partner: partner_id,
            client: c,
            at: now,
        });
    }
    ensure(!events.is_empty(), "R-CAM-5", || {
        format!("{} is already linked to those clients.", emp.email)
    })?;
    Ok(Decision::new(
        format!("Linked {} to clients", emp.email),
        events,
    ))
}

fn change_permission_set(
    state: &State,
    actor: &Actor,
    partner_id: AccountId,
    client_id: AccountId,
    users: &[UserId],
    set: SetId,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    acting_in_partner(state, actor, partner_id)?;
    let client = client_account(state, client_id)?;
    partner_admin_there(state, actor, client, "R-CAM-9", "edit permissions")?;
    let targets = partner_employees_in(state, client, partner_id, users, "R-CAM-6", "R-CAM-3")?;
    if set != SetId::SuperAdmin {
        for t in &targets {
            only_super_admin_touches_super_admin(state, actor, client, t)?;
        }
        keeps_a_super_admin(client, &targets)?;
    }
    let mut events = Vec::new();
    for t in targets {
        let (permissions, label) = resolve_access(
            state,
            actor,
            client,
            &t.permissions,
            t.seat,
            Access::Set(set),
            &[&t.email],
        )?;
        if permissions == t.permissions && label == t.set {
            continue;
        }
        let after = changed(t, now, |u| {
            u.permissions = permissions;
            u.set = label;
        });
        events.push(Event::UserChanged {
            account: client_id,
            before: t.clone(),
            after,
        });
    }
    Ok(Decision::new(
        format!("Changed permission set in {}", client.name),
        events,
    ))
}

fn remove_employee_from_clients(
    state: &State,
    actor: &Actor,
    partner_id: AccountId,
    employee: UserId,
    removals: &[ClientRemoval],
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let partner = acting_in_partner(state, actor, partner_id)?;
    may_deactivate_any_partner_employee(state, actor)?;
    let emp = user_in(partner, employee)?;
    ensure(!removals.is_empty(), "R-CAM-7", || {
        "Tick at least one client.".to_string()
    })?;
    let mut seen = BTreeSet::new();
    ensure(
        removals.iter().all(|r| seen.insert(r.client)),
        "R-CAM-7",
        || "Each client can be ticked once.".to_string(),
    )?;
    let mut events = Vec::new();
    for r in removals {
        let client = client_account(state, r.client)?;
        let u = client
            .user_by_email(&emp.email)
            .filter(|u| partner_of(state, u) == Some(partner_id))
            .ok_or_else(|| {
                Refusal::new(
                    "R-CAM-7",
                    format!(
                        "{} is not a partner employee in {}.",
                        emp.email, client.name
                    ),
                )
            })?;
        keeps_a_super_admin(client, &[u])?;
        events.extend(removal_events(
            client,
            u,
            r.reassign_to,
            &BTreeSet::from([u.id]),
            now,
        )?);
    }
    Ok(Decision::new(
        format!("Removed {} from {} client(s)", emp.email, removals.len()),
        events,
    ))
}

fn remove_partner_employees(
    state: &State,
    actor: &Actor,
    partner_id: AccountId,
    client_id: AccountId,
    users: &[UserId],
    reassign_to: Option<UserId>,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    acting_in_partner(state, actor, partner_id)?;
    let client = client_account(state, client_id)?;
    if may_open_client_access_manager(state, actor).is_err() {
        // R-CAM-10: a Partner admin of the client may remove them too.
        partner_admin_there(state, actor, client, "R-CAM-9", "remove partner employees")?;
    }
    let targets = partner_employees_in(state, client, partner_id, users, "R-CAM-8", "R-CAM-8")?;
    keeps_a_super_admin(client, &targets)?;
    let leaving: BTreeSet<UserId> = targets.iter().map(|u| u.id).collect();
    let mut events = Vec::new();
    for t in &targets {
        events.extend(removal_events(client, t, reassign_to, &leaving, now)?);
    }
    Ok(Decision::new(
        format!(
            "Removed {} partner employee(s) from {}",
            targets.len(),
            client.name
        ),
        merge_user_changes(events),
    ))
}

fn set_partner_domains(
    state: &State,
    actor: &Actor,
    partner_id: AccountId,
    domains: &[super::email::Domain],
) -> Result<Decision, Refusal> {
    let partner = acting_in_partner(state, actor, partner_id)?;
    let me = actor_user(state, actor)?;
    ensure(me.is_super_admin(), "R-ACC-3a", || {
        format!(
            "Only a Super Admin of {} can set the approved partner email domains.",
            partner.name
        )
    })?;
    let shared: Vec<&str> = domains
        .iter()
        .filter(|d| d.is_shared_mail_service())
        .map(|d| d.as_str())
        .collect();
    ensure(shared.is_empty(), "R-ACC-3a", || {
        format!(
            "{} {} shared mail service(s) anyone can use; add your company's own domain.",
            shared.join(", "),
            if shared.len() == 1 { "is a" } else { "are" }
        )
    })?;
    for d in domains {
        if let Some(other) = state
            .partners()
            .find(|p| p.id != partner_id && p.partner_domains.contains(d))
        {
            return Err(Refusal::new(
                "R-ACC-3a",
                format!("{d} is already an approved domain of {}; a domain must be unique to one partner.", other.name),
            ));
        }
    }
    let mut after: Vec<super::email::Domain> = Vec::new();
    for d in domains {
        if !after.contains(d) {
            after.push(d.clone());
        }
    }
    // A Partner admin must stay a partner employee (R-SEAT-6, R-ACC-3).
    for dropped in partner
        .partner_domains
        .iter()
        .filter(|d| !after.contains(d))
    {
        // Every account: a Partner admin may sit in another partner's account too.
        let stranded = state
            .accounts
            .iter()
            .flat_map(|c| c.users.iter())
            .filter(|u| u.is_partner_admin() && u.email.domain() == dropped.as_str())
            .count();
        ensure(stranded == 0, "R-SEAT-6", || {
            format!("{stranded} Partner admin(s) use {dropped}; remove them from their clients before removing the domain.")
        })?;
    }
    if after == partner.partner_domains {
        return Ok(Decision::new("No changes", Vec::new()));
    }
    Ok(Decision::new(
        "Set approved partner email domains",
        vec![Event::DomainsSet {
            partner: partner_id,
            before: partner.partner_domains.clone(),
            after,
        }],
    ))
}

/// R-CAM-9: a partner Super Admin or holder of `View and edit partner
/// employees` (the same people R-CAM-1 lets into the Client Access Manager).
fn may_deactivate_any_partner_employee(state: &State, actor: &Actor) -> Result<(), Refusal> {
    may_open_client_access_manager(state, actor).map_err(|r| Refusal {
        rule: "R-CAM-9",
        ..r
    })
}

/// Longest validity a partner can give its access links.
pub const MAX_LINK_VALID_DAYS: u32 = 365;

fn set_partner_settings(
    state: &State,
    actor: &Actor,
    partner_id: AccountId,
    link_valid_days: u32,
    deactivate_dormant: bool,
) -> Result<Decision, Refusal> {
    let partner = acting_in_partner(state, actor, partner_id)?;
    // Link validity and automatic deactivation reach into every client: the
    // same people who may deactivate any partner employee decide them.
    may_deactivate_any_partner_employee(state, actor)?;
    ensure(
        (1..=MAX_LINK_VALID_DAYS).contains(&link_valid_days),
        "R-PA-1",
        || {
            format!("Access links stay valid between 1 and {MAX_LINK_VALID_DAYS} days; {link_valid_days} is outside that.")
        },
    )?;
    if partner.link_valid_days == link_valid_days
        && partner.deactivate_dormant == deactivate_dormant
    {
        return Ok(Decision::new("No changes", Vec::new()));
    }
    Ok(Decision::new(
        format!("Changed the partner settings of {}", partner.name),
        vec![Event::PartnerSettingsSet {
            partner: partner_id,
            link_valid_days,
            deactivate_dormant,
        }],
    ))
}

// ---------------------------------------------------------------------------
// Time passing

/// The rules that run because time passed, as decisions to commit one by
/// one (one audit entry each): the one-time Partner admin migration, one
/// entry per changed user (R-PERM-6); dormant partner employees where their
/// partner opted in; relationships that end (R-REL-2); reminders of links
/// about to expire. Run it at load and whenever the simulated clock moves;
/// it is idempotent.
pub fn tick_steps(state: &State, now: Timestamp) -> Vec<Decision> {
    let mut steps = Vec::new();
    if !state.partner_admin_migration_done && now >= partner_admin_migration_date() {
        for acc in &state.accounts {
            for u in acc.users.iter().filter(|u| u.is_partner_admin()) {
                let standard = partner_admin_standard();
                let kept_billing = standard.with(Permission::EditBilling);
                let drifted = u.permissions != standard && u.permissions != kept_billing;
                let eligible = is_eligible_for_partner_seat(state, &u.email);
                if !drifted && u.seat == Seat::Partner && eligible {
                    continue;
                }
                let after = changed(u, now, |x| {
                    if eligible {
                        x.permissions = if u.permissions.has(Permission::EditBilling) {
                            kept_billing
                        } else {
                            standard
                        };
                        x.seat = Seat::Partner;
                    } else {
                        // Not a partner employee: cannot be a Partner admin
                        // (R-PERM-5); keep what they hold, labelled Custom.
                        x.set = None;
                    }
                });
                // One audit entry per changed user (R-PERM-6).
                steps.push(Decision::new(
                    format!(
                        "Partner admin migration (R-PERM-6): {} in {}",
                        u.email, acc.name
                    ),
                    vec![Event::UserChanged {
                        account: acc.id,
                        before: u.clone(),
                        after,
                    }],
                ));
            }
        }
        steps.push(Decision::new(
            "Partner admin migration (R-PERM-6) done",
            vec![Event::PartnerAdminMigrationDone],
        ));
    }
    // Each later rule sees what the earlier ones changed, so that one tick
    // does everything at once (deactivating a dormant employee can end a
    // relationship); the state is copied only when something changed.
    let mut current = std::borrow::Cow::Borrowed(state);
    let step = |current: &mut std::borrow::Cow<State>, d: Decision, steps: &mut Vec<Decision>| {
        if !d.events.is_empty() {
            let s = current.to_mut();
            for e in &d.events {
                apply(s, e);
            }
            steps.push(d);
        }
    };
    for d in std::mem::take(&mut steps) {
        step(&mut current, d, &mut steps);
    }
    let d = dormant_deactivations(&current, now);
    step(&mut current, d, &mut steps);
    let d = relationship_ends(&current, now);
    step(&mut current, d, &mut steps);
    let d = link_reminders(&current, now);
    step(&mut current, d, &mut steps);
    steps
}

/// Relationships with no managing employee left end 60 days after the last
/// qualified activity, and the partner's Super Admins are mailed (R-REL-2).
fn relationship_ends(state: &State, now: Timestamp) -> Decision {
    let mut events = Vec::new();
    for rel in &state.relationships {
        if rel.ended_on.is_some() {
            continue;
        }
        if let Some(RelationshipStatus::Ended { on }) =
            relationship_status(state, rel.partner, rel.client, now)
        {
            events.push(Event::RelationshipEnded {
                partner: rel.partner,
                client: rel.client,
                on,
            });
            if let Some(p) = state.account(rel.partner) {
                let client = account_name(state, rel.client);
                for sa in p
                    .users
                    .iter()
                    .filter(|u| u.is_super_admin() && u.is_active())
                {
                    events.push(mail(
                        &sa.email,
                        format!("Your managed relationship with {client} ended"),
                        format!(
                            "{} no longer manages {client}: {} days passed after the last partner activity there.",
                            p.name, RELATIONSHIP_GRACE_DAYS
                        ),
                        now,
                    ));
                }
            }
        }
    }
    Decision::new("Time passed", events)
}

/// All of [`tick_steps`] as one decision (for checks that only ask whether
/// anything would change).
pub fn tick(state: &State, now: Timestamp) -> Decision {
    let events = tick_steps(state, now)
        .into_iter()
        .flat_map(|d| d.events)
        .collect();
    Decision::new("Time passed", events)
}

/// Days before expiry at which an unused link's employee is reminded.
pub const LINK_REMINDER_DAYS: i64 = 3;

/// "Your access link expires soon", once per unused, unrevoked link.
fn link_reminders(state: &State, now: Timestamp) -> Decision {
    let mut events = Vec::new();
    for l in &state.links {
        let due = now >= l.expires_at.plus_days(-LINK_REMINDER_DAYS) && now < l.expires_at;
        if l.reminded || !due || l.status(now) != LinkStatus::Active {
            continue;
        }
        let Some(emp) = state.user(l.partner, l.employee) else {
            continue;
        };
        events.push(Event::LinkReminded {
            token: l.token.clone(),
            partner: l.partner,
        });
        events.push(mail(
            &emp.email,
            "Your access link expires soon",
            format!(
                "The access link you sent is not approved yet and expires on {}. Send a new one if the client needs more time.",
                l.expires_at.iso_date()
            ),
            now,
        ));
    }
    Decision::new("Access link reminders", events)
}

/// Where a partner opted in: its employees dormant in a client are
/// deactivated there (their data stays; they can be reactivated).
fn dormant_deactivations(state: &State, now: Timestamp) -> Decision {
    let opted: Vec<AccountId> = state
        .partners()
        .filter(|p| p.deactivate_dormant)
        .map(|p| p.id)
        .collect();
    let mut events = Vec::new();
    if opted.is_empty() {
        return Decision::new("Dormant access", events);
    }
    let directory = PartnerDirectory::new(state);
    for c in state.clients() {
        let mut super_admins = c.active_super_admins();
        for u in c.users.iter().filter(|u| u.is_dormant(now)) {
            if !directory.partner_of(u).is_some_and(|p| opted.contains(&p)) {
                continue;
            }
            // Never the last Super Admin (R-CL-4).
            if u.is_super_admin() {
                if super_admins <= 1 {
                    continue;
                }
                super_admins -= 1;
            }
            let after = changed(u, now, |x| x.status = UserStatus::Deactivated);
            events.push(Event::UserChanged {
                account: c.id,
                before: u.clone(),
                after,
            });
            events.push(mail(
                &u.email,
                format!("You were deactivated in {}", c.name),
                format!(
                    "You had no activity in {} for {DORMANT_DAYS} days, and your partner deactivates dormant access automatically. An admin can reactivate you.",
                    c.name
                ),
                now,
            ));
        }
    }
    Decision::new(
        format!("Dormant access ended ({DORMANT_DAYS} days without activity)"),
        events,
    )
}
