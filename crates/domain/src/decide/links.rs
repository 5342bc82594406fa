//! Access links (R-PA-1, R-PA-2).

use super::*;

/// Whether `actor` may copy the access link of `employee` of `partner_id`
/// (R-PA-1, R-PA-2, R-SEAT-2): asked when a link is made and when one
/// already made is shown again. The partner account and the employee.
pub(super) fn may_copy_link<'s>(
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

pub(super) fn issue_link(
    state: &State,
    actor: &Actor,
    partner_id: AccountId,
    employee: UserId,
    token: &crate::state::LinkToken,
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

pub(super) fn revoke_link(
    state: &State,
    actor: &Actor,
    token: &crate::state::LinkToken,
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

pub(super) fn approve_link(
    state: &State,
    actor: &Actor,
    token: &crate::state::LinkToken,
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
