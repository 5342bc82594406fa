//! Helpers shared by several commands: finding accounts and users, and the
//! guards that several commands run.

use super::*;

pub(super) fn account(state: &State, id: AccountId) -> Result<&Account, Refusal> {
    state.account(id).ok_or_else(|| {
        Refusal::new(
            "R-ACC-1",
            crate::text!("refusal.no_account", account = id.0.to_string()),
        )
    })
}

pub(super) fn client_account(state: &State, id: AccountId) -> Result<&Account, Refusal> {
    let acc = account(state, id)?;
    ensure(!acc.kind.is_partner(), "R-ACC-1", || {
        crate::text!("refusal.not_a_client_account", account = &acc.name)
    })?;
    Ok(acc)
}

pub(super) fn partner_account(state: &State, id: AccountId) -> Result<&Account, Refusal> {
    let acc = account(state, id)?;
    ensure(acc.kind.is_partner(), "R-PA-7", || {
        crate::text!("refusal.not_a_partner_account", account = &acc.name)
    })?;
    Ok(acc)
}

pub(super) fn user_in(acc: &Account, id: UserId) -> Result<&User, Refusal> {
    acc.user(id).ok_or_else(|| {
        Refusal::new(
            "R-ACC-2",
            crate::text!("refusal.not_a_user_of", account = &acc.name),
        )
    })
}

/// The actor must be signed in to the partner account the command names.
pub(super) fn acting_in_partner<'s>(
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

pub(super) fn mail(
    to: &Email,
    subject: impl Into<Text>,
    body: impl Into<Text>,
    now: Timestamp,
) -> Event {
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
pub(super) fn mail_super_admins(
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
pub(super) fn partner_employees_in<'s>(
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
pub(super) fn partner_route(
    state: &State,
    acc: &Account,
    seat: Seat,
    email: &Email,
) -> Option<AccountId> {
    (seat == Seat::Partner && !acc.kind.is_partner())
        .then(|| eligible_partner(state, email))
        .flatten()
}

/// The same person picked twice in a list counts once; order is kept.
pub(super) fn unique(ids: &[UserId]) -> Vec<UserId> {
    let mut seen = BTreeSet::new();
    ids.iter().copied().filter(|id| seen.insert(*id)).collect()
}

pub(super) fn names(users: &[&User]) -> String {
    users
        .iter()
        .map(|u| u.email.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn changed(user: &User, now: Timestamp, f: impl FnOnce(&mut User)) -> User {
    let mut after = user.clone();
    f(&mut after);
    after.last_change = now;
    after
}

/// R-CL-4: refuses when `leaving` (active Super Admins about to stop being
/// one) are all the account has.
pub(super) fn keeps_a_super_admin(acc: &Account, leaving: &[&User]) -> Result<(), Refusal> {
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
pub(super) fn only_super_admin_touches_super_admin(
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
pub(super) fn resolve_access(
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
pub(super) fn gives_partner_admin_set(
    rights: Permissions,
    message: &'static str,
) -> Result<(), Refusal> {
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
pub(super) fn only_the_partner_admin_set_has_the_tools(
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
pub(super) fn seat_capacity(acc: &Account, seat: Seat, extra: u32) -> Result<(), Refusal> {
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
pub(super) fn all_eligible(state: &State, emails: &[&Email]) -> Result<(), Refusal> {
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
pub(super) fn removal_events(
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
pub(super) fn merge_user_changes(events: Vec<Event>) -> Vec<Event> {
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
pub(super) fn partner_may_remove(state: &State, actor: &Actor, target: &User) -> bool {
    partner_of(state, target) == Some(actor.account)
        && may_open_client_access_manager(state, actor).is_ok()
}

/// Adds a `PartnerActivity` for each partner whose employee acted in, or was
/// given access to, a client account (R-REL-1, R-REL-2).
pub(super) fn with_partner_activity(
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
pub(super) fn with_relationship_notice(
    state: &State,
    mut decision: Decision,
    now: Timestamp,
) -> Decision {
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
