//! Property tests: long random sequences of commands from random actors in
//! random accounts. After every step the invariants of the product hold.
//! `PROPTEST_CASES=2000 cargo test --test invariants` runs more.

mod common;
mod session;
use common::*;
use domain::*;
use proptest::prelude::*;
use session::*;

fn check_invariants(state: &State) -> Result<(), String> {
    // The indexed directory the screens and the time rules use gives the
    // answer of R-ACC-3's definition, walked account by account.
    let directory = PartnerDirectory::new(state);
    for acc in &state.accounts {
        for u in &acc.users {
            if directory.partner_of(u) != partner_of(state, u) {
                return Err(format!("the partner directory disagrees on {}", u.email));
            }
        }
        if acc.active_super_admins() == 0 {
            return Err(format!("{} has no active Super Admin", acc.name));
        }
        for seat in Seat::PAID {
            if acc.seats_used(seat) > acc.seats_purchased(seat) {
                return Err(format!("{} uses more {seat:?} seats than bought", acc.name));
            }
        }
        let mut emails: Vec<&Email> = acc.users.iter().map(|u| &u.email).collect();
        emails.sort();
        emails.dedup();
        if emails.len() != acc.users.len() {
            return Err(format!("{} has a duplicate email", acc.name));
        }
        for u in acc.users.iter().filter(|u| u.is_partner_admin()) {
            if u.seat != Seat::Partner {
                return Err(format!("Partner admin {} without a Partner seat", u.email));
            }
            let employee = state
                .partners()
                .any(|p| p.has_partner_domain(&u.email) && p.user_by_email(&u.email).is_some());
            if !employee {
                return Err(format!(
                    "Partner admin {} is not a partner employee",
                    u.email
                ));
            }
        }
        for u in acc.users.iter().filter(|u| u.is_super_admin()) {
            if u.permissions != super_admin() {
                return Err(format!("Super Admin {} lacks permissions", u.email));
            }
        }
    }
    Ok(())
}

/// Permissions a user gained in `after` that they did not have in `before`.
fn gained(before: &Permissions, after: &Permissions) -> Permissions {
    before
        .changes_to(after)
        .into_iter()
        .fold(Permissions::NONE, |acc, c| match c {
            PermissionChange::Added(p) => acc.with(p),
            PermissionChange::ScopeChanged { right, from, to } if to > from => {
                acc.with_scope(right, to)
            }
            _ => acc,
        })
}

fn run(steps: Vec<(Picks, u8)>) -> Result<(), TestCaseError> {
    let mut state = world();
    let mut now = now();
    let mut accepted_steps = 0;
    for (serial, (p, days)) in steps.into_iter().enumerate() {
        if days > 200 {
            now = now.plus_days((days - 200) as i64 * 3);
            let d = tick(&state, now);
            commit(&mut state, None, &d, now);
            prop_assert!(tick(&state, now).events.is_empty(), "tick is idempotent");
        }
        let Some((actor, cmd)) = make_step(&state, &p, serial as u32) else {
            continue;
        };
        let before = state.clone();
        let rights =
            rights_in(&state, &actor, command_account(&cmd, &state)).unwrap_or(Permissions::NONE);
        match execute(&mut state, &actor, &cmd, now) {
            Err(refusal) => {
                prop_assert!(
                    refusal.rule.starts_with("R-"),
                    "refusal names a rule: {refusal}"
                );
                prop_assert_eq!(
                    &state,
                    &before,
                    "a refused command changed something: {:?}",
                    cmd
                );
            }
            Ok(decision) => {
                accepted_steps += 1;
                for e in &decision.events {
                    let (acc, b, a) = match e {
                        Event::UserAdded { account, user } => {
                            (*account, Permissions::NONE, user.permissions)
                        }
                        Event::UserChanged {
                            account,
                            before,
                            after,
                        } => (*account, before.permissions, after.permissions),
                        _ => continue,
                    };
                    let g = gained(&b, &a);
                    // A Partner admin migration keeps what a Super Admin had.
                    let migrating = matches!(cmd, Command::ChangeToPartnerAdmin { .. });
                    // The multi-account tools come with the Partner admin
                    // set, not from its giver (R-PERM-3).
                    let rights = if a == partner_admin_standard() {
                        with_the_partner_admin_tools(rights)
                    } else {
                        rights
                    };
                    if !migrating && acc == command_account(&cmd, &before) {
                        prop_assert!(
                            rights.covers(&g),
                            "{:?} granted {:?} it lacked via {:?}",
                            actor,
                            g,
                            cmd
                        );
                    }
                }
            }
        }
        if let Err(why) = check_invariants(&state) {
            return Err(TestCaseError::fail(format!(
                "{why} after {cmd:?} by {actor:?}"
            )));
        }
    }
    let _ = accepted_steps;
    Ok(())
}

/// The account whose users a command changes (for the "granted only what
/// one holds" check).
fn command_account(cmd: &Command, _state: &State) -> AccountId {
    match cmd {
        Command::CreateUsers { account, .. }
        | Command::EditUser { account, .. }
        | Command::Deactivate { account, .. }
        | Command::Reactivate { account, .. }
        | Command::DeactivateUsers { account, .. }
        | Command::ReactivateUsers { account, .. }
        | Command::RemoveUser { account, .. }
        | Command::SaveCustomSet { account, .. }
        | Command::RenameCustomSet { account, .. }
        | Command::DeleteCustomSet { account, .. } => *account,
        Command::ApproveAccessLink { client, .. }
        | Command::ChangeToPartnerAdmin { client, .. }
        | Command::AddEmployees { client, .. }
        | Command::ChangePermissionSet { client, .. }
        | Command::RemovePartnerEmployees { client, .. } => *client,
        Command::IssueAccessLink { partner, .. }
        | Command::LinkClients { partner, .. }
        | Command::RemoveEmployeeFromClients { partner, .. }
        | Command::DeactivateEmployee { partner, .. }
        | Command::SetPartnerDomains { partner, .. }
        | Command::SetPartnerSettings { partner, .. } => *partner,
        Command::RevokeAccessLink { .. } | Command::Undo { .. } => AccountId(u32::MAX),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_after_every_step_of_a_random_session(
        steps in prop::collection::vec((any::<Picks>(), any::<u8>()), 50..150)
    ) {
        run(steps)?;
    }
}

#[test]
fn a_long_deterministic_session_accepts_enough_commands_to_matter() {
    // Without accepted commands the property above would prove nothing.
    let mut state = world();
    let mut accepted = 0;
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for serial in 0..3000u32 {
        let p = next_picks(&mut seed);
        if let Some((actor, cmd)) = make_step(&state, &p, serial) {
            if execute(&mut state, &actor, &cmd, now()).is_ok() {
                accepted += 1;
            }
            if let Err(why) = check_invariants(&state) {
                panic!("{why} after {cmd:?} by {actor:?}");
            }
        }
    }
    eprintln!("accepted {accepted} of 3000");
    assert!(
        accepted > 150,
        "only {accepted} of 3000 random commands were accepted"
    );
}

#[test]
fn the_whole_state_survives_a_serialization_round_trip() {
    let state = world();
    let json = serde_json::to_string(&state).unwrap();
    let back: State = serde_json::from_str(&json).unwrap();
    assert_eq!(back, state);
}
