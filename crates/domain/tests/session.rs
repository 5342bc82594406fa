//! Random sessions: picks of random numbers that a step turns into an
//! actor and a command by indexing into whatever the state holds. The
//! invariants' property tests run them; the app's storage tests save after
//! every step of one (they include this file by path).

#![allow(dead_code)]

use crate::common::*;
use domain::*;

/// Random numbers that a step turns into an actor and a command by indexing
/// into whatever the state holds at that moment.
pub type Picks = [u32; 8];

pub fn pick<T>(items: &[T], n: u32) -> Option<&T> {
    (!items.is_empty()).then(|| &items[n as usize % items.len()])
}

pub fn all_users(state: &State) -> Vec<(AccountId, UserId)> {
    state
        .accounts
        .iter()
        .flat_map(|a| a.users.iter().map(move |u| (a.id, u.id)))
        .collect()
}

pub fn some_access(p: &Picks, i: usize) -> Access {
    match p[i] % 8 {
        0 => Access::Set(SetId::SuperAdmin),
        1 | 2 => Access::Set(SetId::PartnerAdmin),
        3 => Access::Set(SetId::SalesRep),
        4 => Access::Set(SetId::ViewOnly),
        5 => Access::Set(SetId::Marketer),
        _ => Access::Custom(
            Permission::ALL
                .iter()
                .enumerate()
                .filter(|(k, _)| p[i].rotate_left(*k as u32) & 1 == 1)
                .fold(Permissions::NONE, |acc, (_, q)| acc.with(*q)),
        ),
    }
}

pub fn some_seat(n: u32) -> Seat {
    Seat::ALL[n as usize % Seat::ALL.len()]
}

pub fn some_set(n: u32) -> SetId {
    SetId::BUILT_IN[n as usize % SetId::BUILT_IN.len()]
}

pub const ADDRESSES: &[&str] = &[
    "sofie.jansen@brightpath.io",
    "ingrid.berg@brightpath.io",
    "erik.lund@brightpath.io",
    "noor.visser@brightpath.io",
    "lars.nielsen@brightpath.io",
    "maja@holm-consulting.dk",
    "kari.nordmann@nordlys.no",
    "ola.hansen@nordlys.no",
    "new.one@fjordoutdoor.no",
    "someone@gmail.com",
    "fresh@brightpath.io",
];

pub fn make_step(state: &State, p: &Picks, serial: u32) -> Option<(Actor, Command)> {
    let users = all_users(state);
    // Mostly admins, so that many commands get past the first check.
    let admins: Vec<(AccountId, UserId)> = users
        .iter()
        .copied()
        .filter(|(a, u)| {
            state
                .user(*a, *u)
                .is_some_and(|u| u.is_active() && u.permissions.has(Permission::AddAndEditUsers))
        })
        .collect();
    let pool = if p[0].is_multiple_of(4) || admins.is_empty() {
        &users
    } else {
        &admins
    };
    let &(acc, me) = pick(pool, p[0] / 4)?;
    let actor = Actor {
        account: acc,
        user: me,
    };
    let accounts: Vec<AccountId> = state.accounts.iter().map(|a| a.id).collect();
    let target_acc = if p[1].is_multiple_of(3) {
        acc
    } else {
        *pick(&accounts, p[1])?
    };
    let in_target: Vec<UserId> = state
        .account(target_acc)?
        .users
        .iter()
        .map(|u| u.id)
        .collect();
    let target = pick(&in_target, p[2]).copied().unwrap_or(me);
    let partners: Vec<AccountId> = state.partners().map(|a| a.id).collect();
    let partner = *pick(&partners, p[3])?;
    let partner_users: Vec<UserId> = state.account(partner)?.users.iter().map(|u| u.id).collect();
    let clients: Vec<AccountId> = state.clients().map(|a| a.id).collect();
    let client = *pick(&clients, p[4])?;
    let client_users: Vec<UserId> = state.account(client)?.users.iter().map(|u| u.id).collect();
    let addr = |n: u32| email(ADDRESSES[n as usize % ADDRESSES.len()]);
    let cmd = match p[5] % 19 {
        0 => Command::CreateUsers {
            account: target_acc,
            people: (0..=(p[6] % 3))
                .map(|k| NewPerson {
                    email: addr(p[7].wrapping_add(k)),
                    name: String::new(),
                })
                .collect(),
            seat: some_seat(p[6]),
            access: some_access(p, 7),
        },
        1 | 2 => Command::EditUser {
            account: target_acc,
            user: target,
            seat: some_seat(p[6]),
            access: some_access(p, 7),
        },
        3 => Command::Deactivate {
            account: target_acc,
            user: target,
        },
        4 => Command::Reactivate {
            account: target_acc,
            user: target,
        },
        5 => Command::RemoveUser {
            account: target_acc,
            user: target,
            reassign_to: pick(&in_target, p[6]).copied(),
        },
        6 => Command::IssueAccessLink {
            partner,
            employee: *pick(&partner_users, p[6])?,
            token: LinkToken::parse(&format!("prop-token-{serial:06}")).unwrap(),
        },
        7 => Command::ApproveAccessLink {
            token: pick(&state.links, p[6])?.token.clone(),
            client,
        },
        8 => Command::ChangeToPartnerAdmin {
            client,
            user: *pick(&client_users, p[6])?,
            keep_billing: p[7].is_multiple_of(2),
        },
        9 => Command::AddEmployees {
            partner,
            client,
            employees: vec![*pick(&partner_users, p[6])?, *pick(&partner_users, p[7])?],
            set: some_set(p[2]),
        },
        10 => Command::LinkClients {
            partner,
            employee: *pick(&partner_users, p[6])?,
            clients: vec![client],
        },
        11 => Command::ChangePermissionSet {
            partner,
            client,
            users: vec![*pick(&client_users, p[6])?],
            set: some_set(p[7]),
        },
        12 => Command::RemoveEmployeeFromClients {
            partner,
            employee: *pick(&partner_users, p[6])?,
            removals: vec![ClientRemoval {
                client,
                reassign_to: pick(&client_users, p[7]).copied(),
            }],
        },
        13 => Command::RemovePartnerEmployees {
            partner,
            client,
            users: managing_employees(state, partner, client)
                .iter()
                .map(|u| u.id)
                .collect(),
            reassign_to: pick(&client_users, p[7]).copied(),
        },
        14 => Command::SetPartnerDomains {
            partner,
            domains: [
                "brightpath.io",
                "nordlys.no",
                "holm-consulting.dk",
                "gmail.com",
            ]
            .iter()
            .enumerate()
            .filter(|(k, _)| p[6] >> k & 1 == 1)
            .map(|(_, d)| Domain::parse(d).unwrap())
            .collect(),
        },
        15 => Command::SetPartnerSettings {
            partner,
            link_valid_days: [0, 1, 30, 400][p[6] as usize % 4],
            deactivate_dormant: p[7] & 1 == 1,
        },
        16 => Command::DeactivateUsers {
            account: target_acc,
            users: vec![target, *pick(&in_target, p[6])?],
        },
        17 => Command::ReactivateUsers {
            account: target_acc,
            users: vec![target, *pick(&in_target, p[6])?],
        },
        _ => Command::RevokeAccessLink {
            token: pick(&state.links, p[6])?.token.clone(),
        },
    };
    Some((actor, cmd))
}

/// The next picks of a deterministic session (xorshift), so that a long
/// session runs the same every time.
pub fn next_picks(seed: &mut u64) -> Picks {
    let mut p = [0u32; 8];
    for x in p.iter_mut() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *x = *seed as u32;
    }
    p
}
