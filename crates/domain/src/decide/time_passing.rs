//! Time passing: the rules that run because the clock moved.

use super::*;

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
pub(super) fn relationship_ends(state: &State, now: Timestamp) -> Decision {
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
pub(super) fn expires_soon(link: &AccessLink, now: Timestamp) -> bool {
    now >= link.expires_at.plus_days(-LINK_REMINDER_DAYS)
}

/// "Your access link expires soon", once per unused, unrevoked link.
pub(super) fn link_reminders(state: &State, now: Timestamp) -> Decision {
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
pub(super) fn dormant_deactivations(state: &State, now: Timestamp) -> Decision {
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
