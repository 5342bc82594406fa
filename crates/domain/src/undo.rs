//! Undo of an accepted change, as a new change of its own (so the audit log
//! shows both). Offered only while nothing later depends on it.

use super::account::User;
use super::decide::Decision;
use super::event::Event;
use super::refusal::Refusal;
use super::state::State;
use super::text::Text;
use super::Actor;

/// The same user, ignoring when they were last active (acting is not a
/// change that an undo has to respect).
fn unchanged_since(now: &User, then: &User) -> bool {
    User {
        last_active: then.last_active,
        ..now.clone()
    } == *then
}

/// The decision that reverses audit entry `seq`, or `None` when it cannot
/// be undone: it is not the newest entry (a later change may depend on it:
/// a second Super Admin demoted after the first was promoted), it has an
/// event with no inverse (links, relationships, migrations, settings saved
/// before their previous values were recorded), or what it touched has
/// changed since.
///
/// Emails already sent stay sent; qualified partner activity stays recorded.
pub fn undo_decision(state: &State, seq: u64) -> Option<Decision> {
    let entry = state.audit.last().filter(|e| e.seq == seq)?;
    let mut events = Vec::new();
    for event in entry.events.iter().rev() {
        match event {
            Event::UserAdded { account, user } => {
                let now = state.user(*account, user.id)?;
                if !unchanged_since(now, user) {
                    return None;
                }
                events.push(Event::UserRemoved {
                    account: *account,
                    user: now.clone(),
                });
            }
            Event::UserChanged {
                account,
                before,
                after,
            } => {
                let now = state.user(*account, after.id)?;
                if !unchanged_since(now, after) {
                    return None;
                }
                events.push(Event::UserChanged {
                    account: *account,
                    before: now.clone(),
                    after: User {
                        last_active: now.last_active,
                        ..before.clone()
                    },
                });
            }
            Event::UserRemoved { account, user } => {
                let acc = state.account(*account)?;
                if acc.user(user.id).is_some() || acc.user_by_email(&user.email).is_some() {
                    return None;
                }
                events.push(Event::UserAdded {
                    account: *account,
                    user: user.clone(),
                });
            }
            Event::DomainsSet {
                partner,
                before,
                after,
            } => {
                if state.account(*partner)?.partner_domains != *after {
                    return None;
                }
                events.push(Event::DomainsSet {
                    partner: *partner,
                    before: after.clone(),
                    after: before.clone(),
                });
            }
            Event::PartnerSettingsSet {
                partner,
                link_valid_days,
                deactivate_dormant,
                before: Some((days, dormant)),
            } => {
                let now = state.account(*partner)?;
                if (now.link_valid_days, now.deactivate_dormant)
                    != (*link_valid_days, *deactivate_dormant)
                {
                    return None;
                }
                events.push(Event::PartnerSettingsSet {
                    partner: *partner,
                    link_valid_days: *days,
                    deactivate_dormant: *dormant,
                    before: Some((*link_valid_days, *deactivate_dormant)),
                });
            }
            Event::CustomSetDeleted { account, set } => {
                if state
                    .account(*account)?
                    .custom_sets
                    .iter()
                    .any(|s| s.id == set.id)
                {
                    return None;
                }
                events.push(Event::CustomSetSaved {
                    account: *account,
                    set: set.clone(),
                });
            }
            Event::MailSent { .. } | Event::PartnerActivity { .. } => {}
            _ => return None,
        }
    }
    if events.is_empty() {
        return None;
    }
    Some(Decision {
        summary: crate::text!("summary.undid", what = entry.summary.clone()),
        events,
    })
}

/// `Command::Undo` as `decide` takes it: only the person who made a change
/// undoes it, as themselves, and only while [`undo_decision`] allows.
pub(super) fn undo_command(state: &State, actor: &Actor, seq: u64) -> Result<Decision, Refusal> {
    let made_it = state
        .audit
        .iter()
        .rev()
        .find(|e| e.seq == seq)
        .and_then(|e| e.actor.as_ref())
        .is_some_and(|a| a.account == actor.account && a.user == actor.user);
    // R-ACC-2 is the rule of who acts, as for every refusal about the actor.
    if !made_it {
        return Err(Refusal::new("R-ACC-2", Text::msg("refusal.undo_not_yours")));
    }
    undo_decision(state, seq).ok_or_else(|| Refusal::new("R-ACC-2", Text::msg("app.cannot_undo")))
}
