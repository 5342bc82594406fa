//! The partner's Client Access Manager (R-CAM-*).

use super::*;

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

pub(super) fn partner_admin_there<'s>(
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

pub(super) fn add_employees(
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
pub(super) fn partner_sets_permissions(
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

pub(super) fn link_clients(
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

pub(super) fn change_permission_set(
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

pub(super) fn remove_employee_from_clients(
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

pub(super) fn deactivate_employee(
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

pub(super) fn remove_partner_employees(
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

pub(super) fn set_partner_domains(
    state: &State,
    actor: &Actor,
    partner_id: AccountId,
    domains: &[crate::email::Domain],
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
    let mut after: Vec<crate::email::Domain> = Vec::new();
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
pub(super) fn may_deactivate_any_partner_employee(
    state: &State,
    actor: &Actor,
) -> Result<(), Refusal> {
    may_open_client_access_manager(state, actor).map_err(|r| Refusal {
        rule: "R-CAM-9",
        ..r
    })
}

/// Longest validity a partner can give its access links.
pub const MAX_LINK_VALID_DAYS: u32 = 365;

pub(super) fn set_partner_settings(
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
