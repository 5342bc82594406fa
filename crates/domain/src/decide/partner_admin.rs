//! Partner admin (R-PA-3, R-PA-4).

use super::*;

pub(super) fn change_to_partner_admin(
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
