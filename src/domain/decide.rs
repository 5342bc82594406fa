//! The one way state changes: `decide` a command against the state, the actor
//! and `now`, yielding events or a refusal; then `commit` the events.

use super::account::{Account, Seat, User, UserStatus, DORMANT_DAYS};
use super::command::{Access, Actor, ClientRemoval, Command, NewPerson};
use super::email::Email;
use super::event::{apply, Event};
use super::ids::{AccountId, Timestamp, UserId};
use super::permissions::{
    partner_admin_standard, super_admin, with_the_partner_admin_tools, Permission, Permissions,
    SetId,
};
use super::queries::*;
use super::refusal::{ensure, Refusal};
use super::sort::set_of;
use super::state::{AccessLink, ActorStamp, AuditEntry, LinkStatus, LinkToken, Mail, State};
use super::text::{Lang, Text};
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

// ---------------------------------------------------------------------------
// Helpers shared by several commands

fn account(state: &State, id: AccountId) -> Result<&Account, Refusal> {
    state.account(id).ok_or_else(|| {
        Refusal::new(
            "R-ACC-1",
            crate::text!("refusal.no_account", account = id.0.to_string()),
        )
    })
}

fn client_account(state: &State, id: AccountId) -> Result<&Account, Refusal> {
    let acc = account(state, id)?;
    ensure(!acc.kind.is_partner(), "R-ACC-1", || {
        crate::text!("refusal.not_a_client_account", account = &acc.name)
    })?;
    Ok(acc)
}

fn partner_account(state: &State, id: AccountId) -> Result<&Account, Refusal> {
    let acc = account(state, id)?;
    ensure(acc.kind.is_partner(), "R-PA-7", || {
        crate::text!("refusal.not_a_partner_account", account = &acc.name)
    })?;
    Ok(acc)
}

fn user_in(acc: &Account, id: UserId) -> Result<&User, Refusal> {
    acc.user(id).ok_or_else(|| {
        Refusal::new(
            "R-ACC-2",
            crate::text!("refusal.not_a_user_of", account = &acc.name),
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
        crate::text!("refusal.done_from_cam", partner = &p.name)
    })?;
    Ok(p)
}

fn mail(to: &Email, subject: impl Into<Text>, body: impl Into<Text>, now: Timestamp) -> Event {
    Event::MailSent {
        mail: Mail {
            at: now,
            to: to.clone(),
            subject: subject.into(),
            body: body.into(),
        },
    }
}

/// The same email to every active Super Admin of a partner (the R-REL-2
/// notices about a managed relationship).
fn mail_super_admins(
    partner: &Account,
    subject: Text,
    body: Text,
    now: Timestamp,
) -> impl Iterator<Item = Event> + '_ {
    partner
        .users
        .iter()
        .filter(|u| u.is_super_admin() && u.is_active())
        .map(move |sa| mail(&sa.email, subject.clone(), body.clone(), now))
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
        Text::msg("refusal.select_an_employee")
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
        crate::text!("refusal.not_employees_of_partner", who = names(&outsiders))
    })?;
    Ok(targets)
}

/// The partner route a client takes by giving `email` a Partner seat in a
/// client account (R-CAM-5a): the partner whose employee they are eligible
/// to be. Nothing for other seats or in a partner account.
fn partner_route(state: &State, acc: &Account, seat: Seat, email: &Email) -> Option<AccountId> {
    (seat == Seat::Partner && !acc.kind.is_partner())
        .then(|| eligible_partner(state, email))
        .flatten()
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
        crate::text!(
            "refusal.only_super_admin",
            name = &who.name,
            account = &acc.name
        )
    } else {
        crate::text!("refusal.no_super_admin_left", account = &acc.name)
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
        crate::text!(
            "refusal.super_admin_untouchable",
            name = &target.name,
            account = &acc.name
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
                crate::text!(
                    "refusal.only_super_admin_makes_super_admin",
                    account = &acc.name
                )
            })?;
            Ok((super_admin(), Some(SetId::SuperAdmin)))
        }
        Access::Set(SetId::PartnerAdmin) => {
            let ineligible: Vec<&str> = emails
                .iter()
                .filter(|e| !is_eligible_for_partner_seat(state, e))
                .map(|e| e.as_str())
                .collect();
            ensure(ineligible.is_empty(), "R-PERM-5", || {
                crate::text!(
                    "refusal.partner_admin_not_eligible",
                    who = ineligible.join(", ")
                )
            })?;
            ensure(seat == Seat::Partner, "R-SEAT-6", || {
                Text::msg("refusal.partner_admin_needs_partner_seat")
            })?;
            gives_partner_admin_set(rights, "refusal.partner_admin_set_not_held")?;
            Ok((partner_admin_standard(), Some(SetId::PartnerAdmin)))
        }
        Access::Set(set) => {
            let perms = acc.set_permissions(set).ok_or_else(|| {
                Refusal::new(
                    "R-PERM-2",
                    crate::text!("refusal.no_such_set", account = &acc.name),
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
                    || Text::msg("refusal.partner_seat_individual_permissions"),
                )?;
            }
            Ok((
                Permissions::granted_by(&rights, current, &requested.normalised()),
                None,
            ))
        }
    }
}

/// R-PERM-4c for giving the Partner admin set: the giver holds all of it
/// but the multi-account tools, which come with the set itself; `message`
/// names what they lack.
fn gives_partner_admin_set(rights: Permissions, message: &'static str) -> Result<(), Refusal> {
    let standard = partner_admin_standard();
    let rights = with_the_partner_admin_tools(rights);
    ensure(rights.covers(&standard), "R-PERM-4c", || {
        let missing = standard
            .flags()
            .filter(|p| !rights.has(*p))
            .map(Permission::text);
        Text::msg(message).with("missing", Text::list(missing))
    })
}

/// The multi-account management tools belong to the Partner admin set
/// (R-PERM-3): permissions chosen one by one for anyone else never hold them.
fn only_the_partner_admin_set_has_the_tools(
    permissions: Permissions,
    set: Option<SetId>,
) -> Permissions {
    if set == Some(SetId::PartnerAdmin) {
        permissions
    } else {
        permissions.without(Permission::MultiAccountManagement)
    }
}

/// R-SEAT-1: paid seats beyond what was bought are refused.
fn seat_capacity(acc: &Account, seat: Seat, extra: u32) -> Result<(), Refusal> {
    if !seat.is_paid() {
        return Ok(());
    }
    let (used, bought) = (acc.seats_used(seat), acc.seats_purchased(seat));
    ensure(used + extra <= bought, "R-SEAT-1", || {
        crate::text!(
            "refusal.seats_exhausted",
            account = &acc.name,
            used = used,
            bought = bought,
            seat = seat.text(),
            extra = extra
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
        crate::text!(
            "refusal.partner_seat_not_eligible",
            who = ineligible.join(", ")
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
                crate::text!(
                    "refusal.choose_asset_receiver",
                    name = &target.name,
                    count = target.assets.len(),
                    account = &acc.name
                ),
            )
        })?;
        let receiver = user_in(acc, to)?;
        ensure(
            receiver.is_active() && !leaving.contains(&to) && to != target.id,
            "R-CAM-7",
            || {
                crate::text!(
                    "refusal.bad_asset_receiver",
                    name = &receiver.name,
                    account = &acc.name
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
            crate::text!("mail.deactivated.subject", account = &acc.name),
            crate::text!("mail.deactivated_for_removal.body", account = &acc.name),
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
                    credited_partner(state, user).or_else(|| eligible_partner(state, &user.email))
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
                if let Some(p) = credited_partner(state, me) {
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
    let pairs = set_of(
        decision
            .events
            .iter()
            .filter_map(leaves)
            .filter_map(|(client, u)| Some((credited_partner(state, u)?, client))),
    );
    if pairs.is_empty() {
        return decision;
    }
    let directory = PartnerDirectory::new(state);
    let mut mails = Vec::new();
    for (partner, client) in pairs {
        for rel in state
            .relationship(partner, client)
            .into_iter()
            .filter(|r| r.ended_on.is_none())
        {
            let managed_now = directory
                .managing_employees(rel.partner, client)
                .iter()
                .any(|u| u.is_active());
            let Some(on) = directory.relationship_end_after(rel.partner, client, &decision) else {
                continue;
            };
            let Some(partner) = state.account(rel.partner).filter(|_| managed_now) else {
                continue;
            };
            let name = account_name(state, client);
            mails.extend(mail_super_admins(
                partner,
                crate::text!(
                    "mail.relationship_ending.subject",
                    client = &name,
                    date = on
                ),
                crate::text!(
                    "mail.relationship_ending.body",
                    partner = &partner.name,
                    client = &name,
                    date = on
                ),
                now,
            ));
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
        Text::msg("refusal.add_an_email")
    })?;
    ensure(people.len() <= MAX_BATCH, "R-CL-7", || {
        crate::text!(
            "refusal.batch_too_large",
            count = people.len(),
            max = MAX_BATCH
        )
    })?;
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for p in people {
        if !seen.insert(&p.email) {
            problems.push(crate::text!("refusal.problem.twice", email = &p.email));
        } else if acc.user_by_email(&p.email).is_some() {
            problems.push(crate::text!(
                "refusal.problem.already_user",
                email = &p.email,
                account = &acc.name
            ));
        }
    }
    ensure(problems.is_empty(), "R-ACC-2", || {
        crate::text!(
            "refusal.nothing_created",
            problems = Text::list(problems.clone())
        )
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
    let permissions = only_the_partner_admin_set_has_the_tools(permissions, set);
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
        let mut user = User::new(
            state.fresh_user_id(i as u32),
            p.email.clone(),
            name,
            seat,
            (permissions, set),
            now,
        );
        user.via_partner = partner_route(state, acc, seat, &p.email);
        events.push(Event::UserAdded {
            account: acc.id,
            user,
        });
        events.push(mail(
            &p.email,
            crate::text!("mail.added.subject", account = &acc.name),
            crate::text!("mail.added.body", account = &acc.name, seat = seat.text()),
            now,
        ));
    }
    let summary = if people.len() == 1 {
        crate::text!("summary.created_user", email = &people[0].email)
    } else {
        crate::text!("summary.created_users", count = people.len())
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
            Text::msg("refusal.partner_admin_keeps_partner_seat"),
        ));
    }
    // R-PERM-4d: a Partner admin whose permissions are adjusted one by one
    // stays a Partner admin (their Client Access Manager standing, access
    // type and the migration follow the set).
    let adjusting_partner_admin =
        target.is_partner_admin() && seat == Seat::Partner && matches!(access, Access::Custom(_));
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
    let (permissions, set) = if adjusting_partner_admin {
        (permissions, Some(SetId::PartnerAdmin))
    } else {
        (
            only_the_partner_admin_set_has_the_tools(permissions, set),
            set,
        )
    };
    let route = partner_route(state, acc, seat, &target.email);
    let after = changed(target, now, |u| {
        u.seat = seat;
        u.permissions = permissions;
        u.set = set;
        u.via_partner = u.via_partner.or(route);
    });
    if after.seat == target.seat
        && after.permissions == target.permissions
        && after.set == target.set
    {
        return Ok(Decision::new(Text::msg("summary.no_changes"), Vec::new()));
    }
    Ok(Decision::new(
        crate::text!("summary.edited_permissions", email = &target.email),
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
        crate::text!("refusal.already_deactivated", name = &target.name)
    })?;
    if !partner_may_remove(state, actor, target) {
        may_manage_users(state, actor, account_id)?;
        only_super_admin_touches_super_admin(state, actor, acc, target)?;
    }
    keeps_a_super_admin(acc, &[target])?;
    let after = changed(target, now, |u| u.status = UserStatus::Deactivated);
    Ok(Decision::new(
        crate::text!("summary.deactivated", email = &target.email),
        vec![
            Event::UserChanged {
                account: acc.id,
                before: target.clone(),
                after,
            },
            mail(
                &target.email,
                crate::text!("mail.deactivated.subject", account = &acc.name),
                crate::text!("mail.deactivated.body", account = &acc.name),
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
        crate::text!("refusal.already_active", name = &target.name)
    })?;
    may_manage_users(state, actor, account_id).map_err(|r| {
        if actor.account != account_id {
            Refusal::new(
                "R-CAM-9",
                crate::text!(
                    "refusal.only_partner_admin_reactivates",
                    account = &acc.name
                ),
            )
        } else {
            r
        }
    })?;
    only_super_admin_touches_super_admin(state, actor, acc, target)?;
    let after = changed(target, now, |u| u.status = UserStatus::Active);
    Ok(Decision::new(
        crate::text!("summary.reactivated", email = &target.email),
        vec![
            Event::UserChanged {
                account: acc.id,
                before: target.clone(),
                after,
            },
            mail(
                &target.email,
                crate::text!("mail.reactivated.subject", account = &acc.name),
                crate::text!("mail.reactivated.body", account = &acc.name),
                now,
            ),
        ],
    ))
}

/// One decision for the same change to several users of an account: all of
/// them or none. Each user is decided alone against the same state, every
/// refusal is collected (not only the first), and the batch as a whole must
/// still keep a Super Admin (R-CL-4), as a batch of Partner seats must all
/// be eligible (R-SEAT-4).
fn each_user(
    state: &State,
    account_id: AccountId,
    users: &[UserId],
    summary: &'static str,
    one: impl Fn(UserId) -> Result<Decision, Refusal>,
) -> Result<Decision, Refusal> {
    let acc = account(state, account_id)?;
    ensure(!users.is_empty(), "R-CL-6", || {
        Text::msg("refusal.select_an_employee")
    })?;
    let mut events = Vec::new();
    let mut refused: Vec<(&User, Refusal)> = Vec::new();
    let mut targets = Vec::new();
    for id in unique(users) {
        let target = user_in(acc, id)?;
        match one(id) {
            Ok(d) => {
                targets.push(target);
                events.extend(d.events);
            }
            Err(r) => refused.push((target, r)),
        }
    }
    if let Some((_, first)) = refused.first() {
        let rule = first.rule;
        let reasons = Text::list(refused.iter().map(|(u, r)| {
            crate::text!(
                "refusal.batch_item",
                email = &u.email,
                reason = r.message.clone(),
                rule = r.rule
            )
        }));
        return Err(Refusal::new(
            rule,
            crate::text!(
                "refusal.batch_nothing_changed",
                count = refused.len(),
                total = refused.len() + targets.len(),
                reasons = reasons
            ),
        ));
    }
    let deactivating: Vec<&User> = targets.iter().copied().filter(|u| u.is_active()).collect();
    keeps_a_super_admin(acc, &deactivating)?;
    Ok(Decision::new(
        Text::msg(summary)
            .with("count", targets.len())
            .with("account", &acc.name),
        events,
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
        crate::text!("refusal.deactivate_before_removing", name = &target.name)
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
            crate::text!(
                "refusal.still_partner_admin",
                name = &target.name,
                clients = still.join(", ")
            )
        })?;
    }
    let leaving = set_of([target.id]);
    let events = removal_events(acc, target, reassign_to, &leaving, now)?;
    Ok(Decision::new(
        crate::text!("summary.removed", email = &target.email),
        events,
    ))
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
    let name = free_set_name(acc, name, None)?;
    let rights = rights_in(state, actor, account_id)?;
    ensure(
        rights.covers(&permissions.normalised()),
        "R-PERM-4c",
        || Text::msg("refusal.set_beyond_own_rights"),
    )?;
    let id = acc.custom_sets.iter().map(|s| s.id).max().unwrap_or(0) + 1;
    Ok(Decision::new(
        crate::text!("summary.saved_set", name = name),
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

/// A custom set's name, trimmed, once it is 1 to 60 characters and no
/// other set's (`except` is the set being renamed) in any language.
fn free_set_name<'n>(
    acc: &Account,
    name: &'n str,
    except: Option<u32>,
) -> Result<&'n str, Refusal> {
    let name = name.trim();
    ensure(
        !name.is_empty() && name.chars().count() <= 60,
        "R-PERM-2",
        || Text::msg("refusal.set_name_length"),
    )?;
    let taken = SetId::BUILT_IN.iter().any(|s| {
        // A template's name in any language would read as that template.
        s.built_in_name().is_some_and(|n| {
            Lang::ALL
                .iter()
                .any(|l| n.render(*l).eq_ignore_ascii_case(name))
        })
    }) || acc
        .custom_sets
        .iter()
        .any(|s| Some(s.id) != except && s.name.eq_ignore_ascii_case(name));
    ensure(!taken, "R-PERM-2", || {
        crate::text!("refusal.set_name_taken", account = &acc.name, name = name)
    })?;
    Ok(name)
}

fn custom_set(acc: &Account, id: u32) -> Result<&super::account::CustomSet, Refusal> {
    acc.custom_sets.iter().find(|s| s.id == id).ok_or_else(|| {
        Refusal::new(
            "R-PERM-2",
            crate::text!("refusal.no_such_set", account = &acc.name),
        )
    })
}

fn rename_custom_set(
    state: &State,
    actor: &Actor,
    account_id: AccountId,
    id: u32,
    name: &str,
) -> Result<Decision, Refusal> {
    let acc = account(state, account_id)?;
    may_manage_users(state, actor, account_id)?;
    let set = custom_set(acc, id)?;
    let name = free_set_name(acc, name, Some(id))?;
    if name == set.name {
        return Ok(Decision::new(Text::msg("summary.no_changes"), Vec::new()));
    }
    Ok(Decision::new(
        crate::text!("summary.renamed_set", from = &set.name, to = name),
        vec![Event::CustomSetSaved {
            account: acc.id,
            set: super::account::CustomSet {
                name: name.to_string(),
                ..set.clone()
            },
        }],
    ))
}

fn delete_custom_set(
    state: &State,
    actor: &Actor,
    account_id: AccountId,
    id: u32,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let acc = account(state, account_id)?;
    may_manage_users(state, actor, account_id)?;
    let set = custom_set(acc, id)?;
    // Its users keep what they hold, now as individual permissions.
    let mut events: Vec<Event> = acc
        .users
        .iter()
        .filter(|u| u.set == Some(SetId::Custom(id)))
        .map(|u| Event::UserChanged {
            account: acc.id,
            before: u.clone(),
            after: changed(u, now, |x| x.set = None),
        })
        .collect();
    let kept = events.len();
    events.push(Event::CustomSetDeleted {
        account: acc.id,
        set: set.clone(),
    });
    Ok(Decision::new(
        crate::text!("summary.deleted_set", name = &set.name, count = kept),
        events,
    ))
}

// ---------------------------------------------------------------------------
// Access links (R-PA-1, R-PA-2)

/// Whether `actor` may copy the access link of `employee` of `partner_id`
/// (R-PA-1, R-PA-2, R-SEAT-2): asked when a link is made and when one
/// already made is shown again. The partner account and the employee.
fn may_copy_link<'s>(
    state: &'s State,
    actor: &Actor,
    partner_id: AccountId,
    employee: UserId,
) -> Result<(&'s Account, &'s User), Refusal> {
    let partner = partner_account(state, partner_id)?;
    ensure(actor.account == partner_id, "R-PA-2", || {
        crate::text!("refusal.links_copied_in_partner", partner = &partner.name)
    })?;
    let me = actor_user(state, actor)?;
    let emp = user_in(partner, employee)?;
    ensure(emp.is_active(), "R-PA-1", || {
        crate::text!("refusal.deactivated_no_link", name = &emp.name)
    })?;
    if employee != actor.user {
        ensure(
            me.is_super_admin() || me.effective().has(Permission::ViewAndEditPartnerEmployees),
            "R-PA-2",
            || Text::msg("refusal.link_on_behalf"),
        )?;
    }
    ensure(partner.has_partner_domain(&emp.email), "R-SEAT-2", || {
        crate::text!(
            "refusal.link_needs_partner_domain",
            email = &emp.email,
            partner = &partner.name
        )
    })?;
    Ok((partner, emp))
}

/// The link `Copy link` hands out for `employee` at `now`: their newest one
/// a client can still approve and that does not expire within
/// [`LINK_REMINDER_DAYS`], so that asking again shows the same link instead
/// of piling up new ones; `None` when a new link must be made. Refused
/// whenever making one would be.
pub fn link_to_copy<'s>(
    state: &'s State,
    actor: &Actor,
    partner: AccountId,
    employee: UserId,
    now: Timestamp,
) -> Result<Option<&'s AccessLink>, Refusal> {
    may_copy_link(state, actor, partner, employee)?;
    Ok(state.links.iter().rev().find(|l| {
        l.partner == partner
            && l.employee == employee
            && link_problem(state, l, now).is_none()
            && !expires_soon(l, now)
    }))
}

fn issue_link(
    state: &State,
    actor: &Actor,
    partner_id: AccountId,
    employee: UserId,
    token: &super::state::LinkToken,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let (partner, emp) = may_copy_link(state, actor, partner_id, employee)?;
    ensure(state.link(token).is_none(), "R-PA-1", || {
        Text::msg("refusal.link_code_taken")
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
        crate::text!("summary.copied_link", email = &emp.email)
    } else {
        crate::text!("summary.copied_link_on_behalf", email = &emp.email)
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
        .ok_or_else(|| Refusal::new("R-PA-1", Text::msg("refusal.no_such_link")))?;
    let me = actor_user(state, actor)?;
    ensure(actor.account == link.partner, "R-PA-2", || {
        Text::msg("refusal.revoke_only_issuing_partner")
    })?;
    ensure(
        actor.user == link.employee
            || me.is_super_admin()
            || me.effective().has(Permission::ViewAndEditPartnerEmployees),
        "R-PA-2",
        || Text::msg("refusal.revoke_who"),
    )?;
    ensure(link.revoked_at.is_none(), "R-PA-1", || {
        Text::msg("refusal.link_already_revoked")
    })?;
    Ok(Decision::new(
        Text::msg("summary.revoked_link"),
        vec![Event::LinkRevoked {
            token: token.clone(),
            at: now,
        }],
    ))
}

/// Why a link cannot be approved now, if it cannot (R-PA-1 decision).
/// Where the person acting may approve an access link: each client account
/// in which they are a user, with the approval's decision there.
pub struct LinkApproval {
    /// The accounts where `Approve` would be accepted, as the person acts
    /// there, by name.
    pub accounts: Vec<(Actor, String)>,
    /// Why not, where not.
    pub refused: Vec<(String, Refusal)>,
}

impl LinkApproval {
    /// When no account can approve: the true reason for each account the
    /// person could choose (R-LINK-1), never a general guess.
    pub fn why_not(&self) -> Option<Refusal> {
        if !self.accounts.is_empty() {
            return None;
        }
        if self.refused.is_empty() {
            return Some(Refusal::new(
                "R-LINK-1",
                Text::msg("refusal.link_no_client_account"),
            ));
        }
        let reasons = Text::list(self.refused.iter().map(|(account, r)| {
            crate::text!(
                "refusal.link_reason_in",
                account = account,
                reason = r.message.clone(),
                rule = r.rule
            )
        }));
        Some(Refusal::new(
            "R-LINK-1",
            crate::text!("refusal.link_nowhere", reasons = reasons),
        ))
    }
}

/// [`LinkApproval`] for the person acting, over every client account
/// where they (by email) are a user.
pub fn link_approval(
    state: &State,
    actor: &Actor,
    token: &LinkToken,
    now: Timestamp,
) -> LinkApproval {
    let mut approval = LinkApproval {
        accounts: Vec::new(),
        refused: Vec::new(),
    };
    let Some(me) = state.user(actor.account, actor.user) else {
        return approval;
    };
    for c in state.clients() {
        let Some(u) = c.user_by_email(&me.email) else {
            continue;
        };
        let there = Actor {
            account: c.id,
            user: u.id,
        };
        let cmd = Command::ApproveAccessLink {
            token: token.clone(),
            client: c.id,
        };
        match decide(state, &there, &cmd, now) {
            Ok(_) => approval.accounts.push((there, c.name.clone())),
            Err(r) => approval.refused.push((c.name.clone(), r)),
        }
    }
    approval
}

pub fn link_problem(state: &State, link: &AccessLink, now: Timestamp) -> Option<Refusal> {
    match link.status(now) {
        LinkStatus::Revoked => Some(Refusal::new(
            "R-PA-1",
            crate::text!(
                "refusal.link_revoked",
                partner = account_name(state, link.partner)
            ),
        )),
        LinkStatus::Expired => Some(Refusal::new(
            "R-PA-1",
            crate::text!(
                "refusal.link_expired",
                date = link.expires_at,
                partner = account_name(state, link.partner)
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
    let link = state
        .link(token)
        .ok_or_else(|| Refusal::new("R-PA-1", Text::msg("refusal.link_not_valid")))?;
    if let Some(r) = link_problem(state, link, now) {
        return Err(r);
    }
    let client = client_account(state, client_id)?;
    ensure(
        !link.used_in.iter().any(|(c, _)| *c == client_id),
        "R-PA-1",
        || crate::text!("refusal.link_already_used", account = &client.name),
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
                crate::text!(
                    "refusal.link_employee_not_eligible",
                    partner = &partner.name
                ),
            )
        })?;
    gives_partner_admin_set(
        rights_in(state, actor, client_id)?,
        "refusal.approve_needs_partner_admin_set",
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
                    crate::text!(
                        "refusal.already_partner_admin",
                        name = &existing.name,
                        account = &client.name
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
                u.via_partner = Some(link.partner);
            });
            events.push(Event::UserChanged {
                account: client_id,
                before: existing.clone(),
                after,
            });
        }
        None => {
            let mut user = User::new(
                state.fresh_user_id(0),
                emp.email.clone(),
                emp.name.clone(),
                Seat::Partner,
                (partner_admin_standard(), Some(SetId::PartnerAdmin)),
                now,
            );
            user.via_partner = Some(link.partner);
            events.push(Event::UserAdded {
                account: client_id,
                user,
            });
            events.push(mail(
                &emp.email,
                crate::text!("mail.added.subject", account = &client.name),
                crate::text!("mail.added_as_partner_admin.body", account = &client.name),
                now,
            ));
        }
    }
    events.push(mail(
        &emp.email,
        crate::text!("mail.link_approved.subject", client = &client.name),
        crate::text!(
            "mail.link_approved.body",
            client = &client.name,
            partner = &partner.name
        ),
        now,
    ));
    Ok(Decision::new(
        crate::text!("summary.approved_link", email = &emp.email),
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
        || crate::text!("refusal.not_active_super_admin", name = &target.name),
    )?;
    let partner = eligible_partner(state, &target.email).ok_or_else(|| {
        Refusal::new(
            "R-PA-7",
            crate::text!("refusal.not_partner_employee", email = &target.email),
        )
    })?;
    let me = actor_user(state, actor)?;
    let is_self = actor.account == partner && me.email == target.email;
    let mine = standing(state, actor, client_id)?;
    let allowed = is_self
        || mine.is_some_and(|u| u.is_super_admin())
        || (actor.account == partner && mine.is_some_and(|u| u.is_partner_admin()));
    ensure(allowed, "R-PA-4", || {
        crate::text!(
            "refusal.change_to_partner_admin_who",
            name = &target.name,
            account = &client.name
        )
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
        crate::text!("summary.changed_to_partner_admin", email = &target.email),
        vec![Event::UserChanged {
            account: client_id,
            before: target.clone(),
            after,
        }],
    ))
}

// ---------------------------------------------------------------------------
// Client Access Manager (R-CAM-*)

/// The actor's user in the client must be an active Partner admin.
/// Whether the actor may use the Client Access Manager's tools in
/// `client` (Add employees, Change permission set): they are its Partner
/// admin (R-CAM-4, R-CAM-9). For screens, to say why before anything is
/// chosen.
pub fn may_use_partner_admin_tools(
    state: &State,
    actor: &Actor,
    client: AccountId,
    what: &'static str,
) -> Result<(), Refusal> {
    let client = client_account(state, client)?;
    partner_admin_there(state, actor, client, "R-CAM-4", what).map(|_| ())
}

fn partner_admin_there<'s>(
    state: &'s State,
    actor: &Actor,
    client: &Account,
    rule: &'static str,
    what: &'static str,
) -> Result<&'s User, Refusal> {
    // The Client Access Manager's actions in a client are the multi-account
    // management tools, which only the Partner admin set has (R-PERM-3,
    // R-CAM-4, R-CAM-9): a partner employee who is Super Admin there
    // changes to partner admin first (R-PA-3).
    standing(state, actor, client.id)?
        .filter(|u| u.is_partner_admin() && u.effective().has(Permission::MultiAccountManagement))
        .ok_or_else(|| {
            Refusal::new(
                rule,
                crate::text!(
                    "refusal.only_partner_admin_can",
                    account = &client.name,
                    what = Text::msg(what)
                ),
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
    partner_admin_there(state, actor, client, "R-CAM-4", "action.add_employees")?;
    ensure(!employees.is_empty(), "R-CAM-4", || {
        Text::msg("refusal.choose_an_employee")
    })?;
    let employees = unique(employees);
    let people: Vec<&User> = employees
        .iter()
        .map(|id| user_in(partner, *id))
        .collect::<Result<_, _>>()?;
    let emails: Vec<&Email> = people.iter().map(|p| &p.email).collect();
    all_eligible(state, &emails)?;
    let mut events = Vec::new();
    let mut fresh = 0;
    for p in &people {
        match client.user_by_email(&p.email) {
            // Already a user of the client: the chosen set, with the Partner
            // seat that comes with it (R-SEAT-7), through this partner's
            // route (R-CAM-5a).
            Some(existing) => {
                if let Some(e) =
                    partner_sets_permissions(state, actor, client, existing, set, partner.id, now)?
                {
                    events.push(e);
                }
            }
            None => {
                let (permissions, label) = resolve_access(
                    state,
                    actor,
                    client,
                    &Permissions::NONE,
                    Seat::Partner,
                    Access::Set(set),
                    &[&p.email],
                )?;
                let mut user = User::new(
                    state.fresh_user_id(fresh),
                    p.email.clone(),
                    p.name.clone(),
                    Seat::Partner,
                    (permissions, label),
                    now,
                );
                fresh += 1;
                user.via_partner = Some(partner.id);
                events.push(Event::UserAdded {
                    account: client_id,
                    user,
                });
                events.push(mail(
                    &p.email,
                    crate::text!("mail.added.subject", account = &client.name),
                    crate::text!(
                        "mail.added_by_partner.body",
                        partner = &partner.name,
                        account = &client.name
                    ),
                    now,
                ));
            }
        }
    }
    Ok(Decision::new(
        crate::text!(
            "summary.added_employees",
            count = people.len(),
            account = &client.name
        ),
        events,
    ))
}

/// A Partner admin of the client gives an existing user of the client a
/// permission set from the partner account (Change permission set, or Add
/// employees for someone already there): R-CAM-6 limits what is given, and
/// an eligible partner employee gets the Partner seat with no extra step,
/// freeing a paid seat they held (R-SEAT-7). `None` when nothing changes.
fn partner_sets_permissions(
    state: &State,
    actor: &Actor,
    client: &Account,
    target: &User,
    set: SetId,
    partner: AccountId,
    now: Timestamp,
) -> Result<Option<Event>, Refusal> {
    if set != SetId::SuperAdmin {
        only_super_admin_touches_super_admin(state, actor, client, target)?;
    }
    let eligible = eligible_partner(state, &target.email) == Some(partner);
    let seat = if eligible { Seat::Partner } else { target.seat };
    let (permissions, label) = resolve_access(
        state,
        actor,
        client,
        &target.permissions,
        seat,
        Access::Set(set),
        &[&target.email],
    )?;
    let via = if eligible {
        Some(partner)
    } else {
        target.via_partner
    };
    if permissions == target.permissions
        && label == target.set
        && seat == target.seat
        && via == target.via_partner
    {
        return Ok(None);
    }
    let after = changed(target, now, |u| {
        u.permissions = permissions;
        u.set = label;
        u.seat = seat;
        u.via_partner = via;
    });
    Ok(Some(Event::UserChanged {
        account: client.id,
        before: target.clone(),
        after,
    }))
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
        crate::text!(
            "refusal.already_counts",
            email = &emp.email,
            partner = &partner.name
        )
    })?;
    ensure(!clients.is_empty(), "R-CAM-5", || {
        Text::msg("refusal.choose_a_client")
    })?;
    let mut events = Vec::new();
    for &c in clients {
        let client = client_account(state, c)?;
        let u = client.user_by_email(&emp.email).ok_or_else(|| {
            Refusal::new(
                "R-CAM-5",
                crate::text!(
                    "refusal.link_needs_existing_user",
                    email = &emp.email,
                    account = &client.name
                ),
            )
        })?;
        if partner_of(state, u) == Some(partner_id) {
            continue;
        }
        ensure(u.linked_partner.is_none(), "R-CAM-5", || {
            crate::text!(
                "refusal.linked_elsewhere",
                email = &u.email,
                account = &client.name
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
        crate::text!("refusal.already_linked", email = &emp.email)
    })?;
    Ok(Decision::new(
        crate::text!("summary.linked_clients", email = &emp.email),
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
    partner_admin_there(state, actor, client, "R-CAM-9", "action.edit_permissions")?;
    let targets = partner_employees_in(state, client, partner_id, users, "R-CAM-6", "R-CAM-3")?;
    if set != SetId::SuperAdmin {
        keeps_a_super_admin(client, &targets)?;
    }
    let mut events = Vec::new();
    for t in targets {
        events.extend(partner_sets_permissions(
            state, actor, client, t, set, partner_id, now,
        )?);
    }
    Ok(Decision::new(
        crate::text!("summary.changed_set_in", account = &client.name),
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
        Text::msg("refusal.tick_a_client")
    })?;
    let mut seen = BTreeSet::new();
    ensure(
        removals.iter().all(|r| seen.insert(r.client)),
        "R-CAM-7",
        || Text::msg("refusal.tick_once"),
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
                    crate::text!(
                        "refusal.not_partner_employee_in",
                        email = &emp.email,
                        account = &client.name
                    ),
                )
            })?;
        keeps_a_super_admin(client, &[u])?;
        events.extend(removal_events(
            client,
            u,
            r.reassign_to,
            &set_of([u.id]),
            now,
        )?);
    }
    Ok(Decision::new(
        crate::text!(
            "summary.removed_from_clients",
            email = &emp.email,
            count = removals.len()
        ),
        events,
    ))
}

/// The clients where `employee` of the partner is the partner's employee,
/// with their user there (R-CAM-5a), in the order of the accounts.
pub fn employee_in_clients<'s>(
    state: &'s State,
    partner: AccountId,
    employee: &User,
) -> Vec<(&'s Account, &'s User)> {
    state
        .clients()
        .filter_map(|c| {
            let u = c.user_by_email(&employee.email)?;
            (partner_of(state, u) == Some(partner)).then_some((c, u))
        })
        .collect()
}

fn deactivate_employee(
    state: &State,
    actor: &Actor,
    partner_id: AccountId,
    employee: UserId,
    now: Timestamp,
) -> Result<Decision, Refusal> {
    let partner = acting_in_partner(state, actor, partner_id)?;
    may_deactivate_any_partner_employee(state, actor)?;
    let emp = user_in(partner, employee)?;
    let active: Vec<(&Account, &User)> = employee_in_clients(state, partner_id, emp)
        .into_iter()
        .filter(|(_, u)| u.is_active())
        .collect();
    ensure(!active.is_empty(), "R-CAM-9", || {
        crate::text!("refusal.active_in_no_client", name = &emp.name)
    })?;
    let mut events = Vec::new();
    for (client, u) in &active {
        events.extend(deactivate(state, actor, client.id, u.id, now)?.events);
    }
    Ok(Decision::new(
        crate::text!(
            "summary.deactivated_in_clients",
            email = &emp.email,
            count = active.len()
        ),
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
        partner_admin_there(
            state,
            actor,
            client,
            "R-CAM-9",
            "action.remove_partner_employees",
        )?;
    }
    let targets = partner_employees_in(state, client, partner_id, users, "R-CAM-8", "R-CAM-8")?;
    keeps_a_super_admin(client, &targets)?;
    let leaving = set_of(targets.iter().map(|u| u.id));
    let mut events = Vec::new();
    for t in &targets {
        events.extend(removal_events(client, t, reassign_to, &leaving, now)?);
    }
    Ok(Decision::new(
        crate::text!(
            "summary.removed_partner_employees",
            count = targets.len(),
            account = &client.name
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
        crate::text!(
            "refusal.only_super_admin_sets_domains",
            partner = &partner.name
        )
    })?;
    let shared: Vec<&str> = domains
        .iter()
        .filter(|d| d.is_shared_mail_service())
        .map(|d| d.as_str())
        .collect();
    ensure(shared.is_empty(), "R-ACC-3a", || {
        crate::text!("refusal.shared_mail_domain", domains = shared.join(", "))
    })?;
    for d in domains {
        if let Some(other) = state
            .partners()
            .find(|p| p.id != partner_id && p.partner_domains.contains(d))
        {
            return Err(Refusal::new(
                "R-ACC-3a",
                crate::text!(
                    "refusal.domain_taken",
                    domain = d.as_str(),
                    partner = &other.name
                ),
            ));
        }
        // A client's own people on a newly approved domain would become
        // eligible for the partner's routes (R-CAM-5a): such a domain is
        // the client's, not the partner's.
        if partner.partner_domains.contains(d) {
            continue;
        }
        let client_own = state.clients().find(|c| {
            c.users.iter().any(|u| {
                u.email.domain() == d.as_str() && partner.user_by_email(&u.email).is_none()
            })
        });
        if let Some(client) = client_own {
            return Err(Refusal::new(
                "R-ACC-3a",
                crate::text!(
                    "refusal.domain_of_client",
                    domain = d.as_str(),
                    account = &client.name
                ),
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
            crate::text!(
                "refusal.domain_in_use",
                count = stranded,
                domain = dropped.as_str()
            )
        })?;
    }
    if after == partner.partner_domains {
        return Ok(Decision::new(Text::msg("summary.no_changes"), Vec::new()));
    }
    Ok(Decision::new(
        Text::msg("summary.set_domains"),
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
            crate::text!(
                "refusal.link_validity_range",
                max = MAX_LINK_VALID_DAYS,
                days = link_valid_days
            )
        },
    )?;
    if partner.link_valid_days == link_valid_days
        && partner.deactivate_dormant == deactivate_dormant
    {
        return Ok(Decision::new(Text::msg("summary.no_changes"), Vec::new()));
    }
    Ok(Decision::new(
        crate::text!("summary.changed_partner_settings", partner = &partner.name),
        vec![Event::PartnerSettingsSet {
            partner: partner_id,
            link_valid_days,
            deactivate_dormant,
            before: Some((partner.link_valid_days, partner.deactivate_dormant)),
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
                        x.via_partner = x.via_partner.or(eligible_partner(state, &u.email));
                    } else {
                        // Not a partner employee: cannot be a Partner admin
                        // (R-PERM-5); keep what they hold, labelled Custom.
                        x.set = None;
                    }
                });
                // One audit entry per changed user (R-PERM-6).
                steps.push(Decision::new(
                    crate::text!(
                        "summary.migration_user",
                        email = &u.email,
                        account = &acc.name
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
            Text::msg("summary.migration_done"),
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
    let directory = PartnerDirectory::new(state);
    for rel in &state.relationships {
        if rel.ended_on.is_some() {
            continue;
        }
        if let Some(RelationshipStatus::Ended { on }) =
            directory.relationship_status(rel.partner, rel.client, now)
        {
            events.push(Event::RelationshipEnded {
                partner: rel.partner,
                client: rel.client,
                on,
            });
            if let Some(p) = state.account(rel.partner) {
                let client = account_name(state, rel.client);
                events.extend(mail_super_admins(
                    p,
                    crate::text!("mail.relationship_ended.subject", client = &client),
                    crate::text!(
                        "mail.relationship_ended.body",
                        partner = &p.name,
                        client = &client,
                        days = RELATIONSHIP_GRACE_DAYS
                    ),
                    now,
                ));
            }
        }
    }
    Decision::new(Text::msg("summary.time_passed"), events)
}

/// All of [`tick_steps`] as one decision (for checks that only ask whether
/// anything would change).
pub fn tick(state: &State, now: Timestamp) -> Decision {
    let events = tick_steps(state, now)
        .into_iter()
        .flat_map(|d| d.events)
        .collect();
    Decision::new(Text::msg("summary.time_passed"), events)
}

/// Days before expiry at which an unused link's employee is reminded.
pub const LINK_REMINDER_DAYS: i64 = 3;

/// Whether `link` expires within [`LINK_REMINDER_DAYS`] of `now` (or has).
fn expires_soon(link: &AccessLink, now: Timestamp) -> bool {
    now >= link.expires_at.plus_days(-LINK_REMINDER_DAYS)
}

/// "Your access link expires soon", once per unused, unrevoked link.
fn link_reminders(state: &State, now: Timestamp) -> Decision {
    let mut events = Vec::new();
    for l in &state.links {
        let due = expires_soon(l, now) && now < l.expires_at;
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
            Text::msg("mail.link_reminder.subject"),
            crate::text!("mail.link_reminder.body", date = l.expires_at),
            now,
        ));
    }
    Decision::new(Text::msg("summary.link_reminders"), events)
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
        return Decision::new(Text::msg("summary.dormant_access"), events);
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
                crate::text!("mail.deactivated.subject", account = &c.name),
                crate::text!(
                    "mail.dormant_deactivated.body",
                    account = &c.name,
                    days = DORMANT_DAYS
                ),
                now,
            ));
        }
    }
    Decision::new(
        crate::text!("summary.dormant_ended", days = DORMANT_DAYS),
        events,
    )
}
