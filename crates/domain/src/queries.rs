//! Questions the screens ask so that they can hide or disable what the core
//! would refuse. The same functions back `decide`, so a screen and a command
//! can never disagree.

use super::account::{Account, Seat, User};
use super::command::Actor;
use super::email::Email;
use super::ids::{AccountId, Timestamp, UserId};
use super::permissions::{Permission, Permissions, SetId};
use super::refusal::{ensure, Refusal};
use super::state::State;
use super::text::Text;

/// Days after the last qualified partner activity before a relationship with
/// no managing employee left ends (R-REL-2).
pub const RELATIONSHIP_GRACE_DAYS: i64 = 60;

/// The partner whose employee `email` is (R-ACC-3): its domain is approved by
/// a partner account that has an active user with that address.
pub fn eligible_partner(state: &State, email: &Email) -> Option<AccountId> {
    state
        .partners()
        .find(|p| {
            p.has_partner_domain(email) && p.user_by_email(email).is_some_and(User::is_active)
        })
        .map(|p| p.id)
}

/// Whether `email` may hold a Partner seat (R-SEAT-2, R-PA-7).
pub fn is_eligible_for_partner_seat(state: &State, email: &Email) -> bool {
    eligible_partner(state, email).is_some()
}

/// The partner whose employee a client's user is, if any: the partner whose
/// route the client took to give them access, while the same person is a
/// user of that partner account on one of its approved domains (R-ACC-3,
/// R-CAM-5a). This is what gives a partner power over a client's user; a
/// look-alike user in the partner account or a manual link never does.
pub fn partner_of(state: &State, user: &User) -> Option<AccountId> {
    let p = user.via_partner?;
    state
        .account(p)
        .filter(|acc| is_member(acc, &user.email))
        .map(|_| p)
}

/// Whether `email` is a user of `partner` on one of its approved domains.
fn is_member(partner: &Account, email: &Email) -> bool {
    partner.kind.is_partner()
        && partner.has_partner_domain(email)
        && partner.user_by_email(email).is_some()
}

/// Records, for every client user without one, the partner they would be an
/// employee of by domain and membership alone, as if they had reached the
/// client through that partner's route (R-CAM-5a). For data made before
/// routes were recorded (stored documents of schema version 3 and older,
/// where that was the rule) and for the demo's made-up history.
pub fn assume_partner_routes(state: &mut State) {
    let members: std::collections::HashMap<Email, AccountId> = state
        .partners()
        .flat_map(|p| {
            p.users
                .iter()
                .filter(|u| p.has_partner_domain(&u.email))
                .map(|u| (u.email.clone(), p.id))
        })
        .collect();
    let clients: Vec<AccountId> = state.clients().map(|c| c.id).collect();
    for id in clients {
        let Some(acc) = state.account_mut(id) else {
            continue;
        };
        let missing: Vec<(UserId, AccountId)> = acc
            .users
            .iter()
            .filter(|u| u.via_partner.is_none())
            .filter_map(|u| Some((u.id, *members.get(&u.email)?)))
            .collect();
        for (user, partner) in missing {
            if let Some(u) = acc.user_mut(user) {
                u.via_partner = Some(partner);
            }
        }
    }
}

/// The partner credited with managing the client through this user
/// (R-REL-1): its employee there, or a user it linked by hand for managed
/// credit (R-CAM-5), which gives credit and nothing else (R-CAM-5a).
pub fn credited_partner(state: &State, user: &User) -> Option<AccountId> {
    partner_of(state, user).or(user.linked_partner)
}

/// Whether the checkmark of R-ACC-3 shows next to a partner user's email.
pub fn has_partner_domain_checkmark(partner: &Account, user: &User) -> bool {
    partner.has_partner_domain(&user.email)
}

/// The actor's own user, which must exist and be active: a deactivated user
/// can no longer act (R-CL-6).
pub fn actor_user<'s>(state: &'s State, actor: &Actor) -> Result<&'s User, Refusal> {
    let user = state
        .user(actor.account, actor.user)
        .ok_or_else(|| Refusal::new("R-ACC-2", Text::msg("refusal.actor_not_a_user")))?;
    ensure(user.is_active(), "R-CL-6", || {
        crate::text!("refusal.actor_deactivated", name = &user.name)
    })?;
    Ok(user)
}

/// The actor's user in `account`: themselves when they act there, or, for a
/// partner employee acting through the Client Access Manager, their user
/// with the same email in that client. `None` when they have none.
pub fn standing<'s>(
    state: &'s State,
    actor: &Actor,
    account: AccountId,
) -> Result<Option<&'s User>, Refusal> {
    let me = actor_user(state, actor)?;
    if actor.account == account {
        return Ok(Some(me));
    }
    let home = state.account(actor.account);
    if !home.is_some_and(|h| h.kind.is_partner()) {
        return Ok(None);
    }
    Ok(state
        .account(account)
        .and_then(|a| a.user_by_email(&me.email))
        .filter(|u| u.is_active() && partner_of(state, u) == Some(actor.account)))
}

/// The rights the actor holds in `account` (none when they are not a user there).
pub fn rights_in(state: &State, actor: &Actor, account: AccountId) -> Result<Permissions, Refusal> {
    Ok(standing(state, actor, account)?
        .map(User::effective)
        .unwrap_or(Permissions::NONE))
}

/// Whether the actor is an active Super Admin of `account`.
pub fn is_super_admin_in(state: &State, actor: &Actor, account: AccountId) -> bool {
    matches!(standing(state, actor, account), Ok(Some(u)) if u.is_super_admin())
}

/// `Add and edit users` in `account` (R-CL-1, R-CL-3); Super Admins hold it.
pub fn may_manage_users(state: &State, actor: &Actor, account: AccountId) -> Result<(), Refusal> {
    let rights = rights_in(state, actor, account)?;
    let name = account_name(state, account);
    ensure(rights.has(Permission::AddAndEditUsers), "R-CL-1", || {
        crate::text!("refusal.needs_add_and_edit_users", account = &name)
    })
}

/// Changing seats needs Super Admin, or `Add and edit users` and `Edit billing` (R-CL-2).
pub fn may_change_seats(state: &State, actor: &Actor, account: AccountId) -> Result<(), Refusal> {
    let rights = rights_in(state, actor, account)?;
    let name = account_name(state, account);
    ensure(
        rights.has(Permission::AddAndEditUsers) && rights.has(Permission::EditBilling),
        "R-CL-2",
        || crate::text!("refusal.needs_seat_rights", account = &name),
    )
}

/// Whether the actor may open the partner's Client Access Manager (R-CAM-1).
pub fn may_open_client_access_manager(state: &State, actor: &Actor) -> Result<(), Refusal> {
    let me = actor_user(state, actor)?;
    let home = state
        .account(actor.account)
        .ok_or_else(|| Refusal::new("R-CAM-1", Text::msg("refusal.unknown_account")))?;
    ensure(home.kind.is_partner(), "R-CAM-1", || {
        crate::text!("refusal.cam_in_client", account = &home.name)
    })?;
    ensure(
        me.is_super_admin() || me.effective().has(Permission::ViewAndEditPartnerEmployees),
        "R-CAM-1",
        || crate::text!("refusal.cam_who", account = &home.name),
    )
}

/// Seats `account` can give to all of `emails` at once (R-SEAT-1, R-SEAT-2, R-SEAT-4).
pub fn seats_offered(state: &State, account: AccountId, emails: &[Email]) -> Vec<Seat> {
    let all_eligible = !emails.is_empty()
        && emails
            .iter()
            .all(|e| is_eligible_for_partner_seat(state, e));
    let Some(acc) = state.account(account) else {
        return Vec::new();
    };
    Seat::ALL
        .into_iter()
        .filter(|s| match s {
            Seat::Partner => all_eligible,
            s if s.is_paid() => {
                acc.seats_used(*s) + emails.len().max(1) as u32 <= acc.seats_purchased(*s)
            }
            _ => true,
        })
        .collect()
}

/// The sets the actor may start from in `account` for these people
/// (R-PERM-4b, R-PERM-4c, R-PERM-5).
pub fn sets_offered(
    state: &State,
    actor: &Actor,
    account: AccountId,
    emails: &[Email],
) -> Vec<SetId> {
    let Ok(rights) = rights_in(state, actor, account) else {
        return Vec::new();
    };
    let Some(acc) = state.account(account) else {
        return Vec::new();
    };
    let all_eligible = !emails.is_empty()
        && emails
            .iter()
            .all(|e| is_eligible_for_partner_seat(state, e));
    let mut sets: Vec<SetId> = SetId::BUILT_IN.to_vec();
    sets.extend(acc.custom_sets.iter().map(|s| SetId::Custom(s.id)));
    sets.into_iter()
        .filter(|s| match s {
            SetId::SuperAdmin => is_super_admin_in(state, actor, account),
            SetId::PartnerAdmin => {
                all_eligible
                    && super::permissions::with_the_partner_admin_tools(rights)
                        .covers(&super::permissions::partner_admin_standard())
            }
            _ => true,
        })
        .collect()
}

/// [`sets_offered`] once the seat is chosen: the Partner admin set only
/// with the Partner seat (R-SEAT-6), so that it is never offered and then
/// refused at the review.
pub fn sets_offered_with_seat(
    state: &State,
    actor: &Actor,
    account: AccountId,
    emails: &[Email],
    seat: Seat,
) -> Vec<SetId> {
    sets_offered(state, actor, account, emails)
        .into_iter()
        .filter(|s| *s != SetId::PartnerAdmin || seat == Seat::Partner)
        .collect()
}

/// Where a managed relationship stands (R-REL-1, R-REL-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationshipStatus {
    /// At least one managing employee is active.
    Active,
    /// Nobody manages any more; it ends on this date unless activity resumes.
    Ending {
        on: Timestamp,
    },
    Ended {
        on: Timestamp,
    },
}

/// The users through whom the partner is credited in a client: its
/// employees there and the users it linked (R-REL-1, R-CAM-5).
pub fn managing_employees(state: &State, partner: AccountId, client: AccountId) -> Vec<&User> {
    PartnerDirectory::new(state).managing_employees(partner, client)
}

pub fn relationship_status(
    state: &State,
    partner: AccountId,
    client: AccountId,
    now: Timestamp,
) -> Option<RelationshipStatus> {
    PartnerDirectory::new(state).relationship_status(partner, client, now)
}

/// When the relationship would end once `decision` (a removal, decided but
/// not committed) is applied (R-REL-2): 60 days after the last qualified
/// activity, the removal's own included. `None` while another managing
/// employee stays active, so that it goes on.
pub fn relationship_end_after(
    state: &State,
    partner: AccountId,
    client: AccountId,
    decision: &super::decide::Decision,
) -> Option<Timestamp> {
    PartnerDirectory::new(state).relationship_end_after(partner, client, decision)
}

/// How a partner employee has access in a client: the `Access types`
/// filter of the Clients tab (R-CAM-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AccessType {
    PartnerAdmin,
    SuperAdmin,
    OtherSet,
    Deactivated,
}

impl AccessType {
    pub const ALL: [AccessType; 4] = [
        AccessType::PartnerAdmin,
        AccessType::SuperAdmin,
        AccessType::OtherSet,
        AccessType::Deactivated,
    ];

    pub fn of(user: &User) -> AccessType {
        if !user.is_active() {
            AccessType::Deactivated
        } else if user.is_partner_admin() {
            AccessType::PartnerAdmin
        } else if user.is_super_admin() {
            AccessType::SuperAdmin
        } else {
            AccessType::OtherSet
        }
    }

    pub fn text(self) -> Text {
        Text::msg(match self {
            AccessType::PartnerAdmin => "access_type.partner_admin",
            AccessType::SuperAdmin => "access_type.super_admin",
            AccessType::OtherSet => "access_type.other_set",
            AccessType::Deactivated => "access_type.deactivated",
        })
    }
}

/// The name of the client as the partner knows it, and the official name
/// when it differs (R-ACC-4).
pub fn client_names(
    state: &State,
    partner: AccountId,
    client: AccountId,
) -> (String, Option<String>) {
    let official = account_name(state, client);
    match state
        .account(partner)
        .and_then(|p| p.crm_names.get(&client))
    {
        Some(crm) if crm != &official => (crm.clone(), Some(official)),
        _ => (official, None),
    }
}

/// Clients in which any of the partner's employees is a user (R-CAM-2), with
/// those employees.
pub fn clients_of_partner(state: &State, partner: AccountId) -> Vec<(AccountId, Vec<UserId>)> {
    PartnerDirectory::new(state).clients_of_partner(partner)
}

/// Owned assets of a user, listed for reassignment (R-CL-6, R-CAM-7).
pub fn owned_assets(state: &State, account: AccountId, user: UserId) -> Vec<super::account::Asset> {
    state
        .user(account, user)
        .map(|u| u.assets.clone())
        .unwrap_or_default()
}

pub fn account_name(state: &State, account: AccountId) -> String {
    state
        .account(account)
        .map(|a| a.name.clone())
        .unwrap_or_else(|| format!("account {}", account.0))
}

/// Every partner employee's address and partner, for questions that ask
/// [`partner_of`] for thousands of users at once (a client of 10,000 users,
/// every relationship at each tick): one lookup per user instead of a walk
/// over every account.
pub struct PartnerDirectory<'s> {
    state: &'s State,
    by_email: std::collections::HashMap<&'s Email, AccountId>,
}

impl<'s> PartnerDirectory<'s> {
    pub fn new(state: &'s State) -> Self {
        let mut by_email = std::collections::HashMap::new();
        for p in state.partners() {
            for u in &p.users {
                if p.has_partner_domain(&u.email) {
                    by_email.entry(&u.email).or_insert(p.id);
                }
            }
        }
        PartnerDirectory { state, by_email }
    }

    /// The same answer as [`partner_of`].
    pub fn partner_of(&self, user: &User) -> Option<AccountId> {
        let p = user.via_partner?;
        (self.by_email.get(&user.email) == Some(&p)).then_some(p)
    }

    /// The same answer as [`credited_partner`].
    pub fn credited_partner(&self, user: &User) -> Option<AccountId> {
        self.partner_of(user).or(user.linked_partner)
    }

    /// The users crediting the partner among the client's users, in order.
    fn employees_in(
        &self,
        partner: AccountId,
        client: AccountId,
    ) -> impl Iterator<Item = &'s User> + '_ {
        self.state
            .account(client)
            .into_iter()
            .flat_map(|c| c.users.iter())
            .filter(move |u| self.credited_partner(u) == Some(partner))
    }

    /// The same answer as [`managing_employees`].
    pub fn managing_employees(&self, partner: AccountId, client: AccountId) -> Vec<&'s User> {
        self.employees_in(partner, client).collect()
    }

    /// The same answer as [`relationship_status`].
    pub fn relationship_status(
        &self,
        partner: AccountId,
        client: AccountId,
        now: Timestamp,
    ) -> Option<RelationshipStatus> {
        let rel = self.state.relationship(partner, client)?;
        if let Some(on) = rel.ended_on {
            return Some(RelationshipStatus::Ended { on });
        }
        if self.employees_in(partner, client).any(User::is_active) {
            return Some(RelationshipStatus::Active);
        }
        let on = rel.last_activity.plus_days(RELATIONSHIP_GRACE_DAYS);
        Some(if now >= on {
            RelationshipStatus::Ended { on }
        } else {
            RelationshipStatus::Ending { on }
        })
    }

    /// The same answer as [`relationship_end_after`].
    pub fn relationship_end_after(
        &self,
        partner: AccountId,
        client: AccountId,
        decision: &super::decide::Decision,
    ) -> Option<Timestamp> {
        use super::event::Event;
        // Removed, or deactivated (R-REL-2: "deactivated or removed").
        let leaving: Vec<UserId> = decision
            .events
            .iter()
            .filter_map(|e| match e {
                Event::UserRemoved { account, user } if *account == client => Some(user.id),
                Event::UserChanged { account, after, .. }
                    if *account == client && !after.is_active() =>
                {
                    Some(after.id)
                }
                _ => None,
            })
            .collect();
        let stays = self
            .employees_in(partner, client)
            .any(|u| u.is_active() && !leaving.contains(&u.id));
        if stays {
            return None;
        }
        let activity = decision.events.iter().filter_map(|e| match e {
            Event::PartnerActivity {
                partner: p,
                client: c,
                at,
            } if *p == partner && *c == client => Some(*at),
            _ => None,
        });
        let last = self
            .state
            .relationship(partner, client)
            .map(|r| r.last_activity)
            .into_iter()
            .chain(activity)
            .max()?;
        Some(last.plus_days(RELATIONSHIP_GRACE_DAYS))
    }

    /// The same answer as [`clients_of_partner`].
    pub fn clients_of_partner(&self, partner: AccountId) -> Vec<(AccountId, Vec<UserId>)> {
        self.state
            .clients()
            .filter_map(|c| {
                let ids: Vec<UserId> = self
                    .managing_employees(partner, c.id)
                    .iter()
                    .map(|u| u.id)
                    .collect();
                let known = self.state.relationship(partner, c.id).is_some();
                (!ids.is_empty() || known).then_some((c.id, ids))
            })
            .collect()
    }
}
