//! The client account's Users & Teams commands.

use super::*;

pub(super) fn create_users(
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

pub(super) fn edit_user(
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

pub(super) fn deactivate(
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

pub(super) fn reactivate(
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
pub(super) fn each_user(
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

pub(super) fn remove_user(
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

pub(super) fn save_custom_set(
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
            set: crate::account::CustomSet {
                id,
                name: name.to_string(),
                permissions: permissions.normalised(),
            },
        }],
    ))
}

/// A custom set's name, trimmed, once it is 1 to 60 characters and no
/// other set's (`except` is the set being renamed) in any language.
pub(super) fn free_set_name<'n>(
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

pub(super) fn custom_set(acc: &Account, id: u32) -> Result<&crate::account::CustomSet, Refusal> {
    acc.custom_sets.iter().find(|s| s.id == id).ok_or_else(|| {
        Refusal::new(
            "R-PERM-2",
            crate::text!("refusal.no_such_set", account = &acc.name),
        )
    })
}

pub(super) fn rename_custom_set(
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
            set: crate::account::CustomSet {
                name: name.to_string(),
                ..set.clone()
            },
        }],
    ))
}

pub(super) fn delete_custom_set(
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
