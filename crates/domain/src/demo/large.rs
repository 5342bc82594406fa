//! Generated large states for benchmarks and tools, grown from the demo.

use super::*;

/// Adds `n` users to Fjord Outdoor (names, seats and sets in turn; every
/// 17th deactivated; activity spread over the 200 days before `now`). For
/// benchmarks and generated large states, not for the demo itself.
pub fn grow_large_client(state: &mut State, n: u32, now: Timestamp) {
    let first = [
        "Anna", "Bo", "Carla", "Dag", "Eva", "Frida", "Gustav", "Hanne", "Ivar", "Jens",
    ];
    let last = [
        "Berg", "Dahl", "Eng", "Holm", "Lund", "Moe", "Nes", "Strand", "Vik", "Aas",
    ];
    let seats = [
        Seat::ViewOnly,
        Seat::ViewOnly,
        Seat::ViewOnly,
        Seat::Core,
        Seat::SalesHub,
    ];
    let sets = [
        SetId::ViewOnly,
        SetId::SalesRep,
        SetId::Marketer,
        SetId::ServiceAgent,
    ];
    let at = start();
    let mut next = state.next_user_id;
    let Some(acc) = state.account_mut(FJORD) else {
        return;
    };
    for i in 0..n {
        let seat = seats[i as usize % seats.len()];
        let set = sets[i as usize % sets.len()];
        let user = User {
            id: UserId(next),
            email: Email::parse(&format!("user{i}@fjordoutdoor.no")).expect("valid"),
            name: format!(
                "{} {} {i}",
                first[i as usize % 10],
                last[(i / 10) as usize % 10]
            ),
            seat,
            permissions: set.built_in_permissions().unwrap_or_default(),
            set: Some(set),
            status: if i % 17 == 0 {
                UserStatus::Deactivated
            } else {
                UserStatus::Active
            },
            assets: Vec::new(),
            linked_partner: None,
            via_partner: None,
            last_active: now.plus_days(-((i % 200) as i64)),
            last_change: at.plus_days(-((i % 300) as i64)),
        };
        next += 1;
        if seat.is_paid() {
            *acc.purchased.entry(seat).or_insert(0) += 1;
        }
        acc.put_user(user);
    }
    state.next_user_id = next;
}

/// `clients` client accounts, each with a Super Admin of its own, and
/// `employees` BrightPath employees spread over them (the first in each
/// client is its Partner admin). For benchmarks and generated large states.
pub fn add_partner_clients(state: &mut State, clients: u32, employees: u32) {
    if clients == 0 {
        return;
    }
    let at = start();
    let mut next = state.next_user_id;
    let mut fresh = |email: String, name: String, seat: Seat, set: SetId| {
        let user = User::new(
            UserId(next),
            Email::parse(&email).expect("valid"),
            name,
            seat,
            (set.built_in_permissions().unwrap_or_default(), Some(set)),
            at,
        );
        next += 1;
        user
    };
    let mut staff = Vec::new();
    for j in 0..employees {
        let u = fresh(
            format!("employee{j}@brightpath.io"),
            format!("Employee {j}"),
            Seat::Core,
            SetId::Marketer,
        );
        staff.push((u.email.clone(), u.name.clone()));
        if let Some(partner) = state.account_mut(BRIGHTPATH) {
            partner.put_user(u);
        }
    }
    for i in 0..clients {
        let id = AccountId(1_000 + i);
        let mut acc = Account::new(id, &format!("Client {i:03} AS"), AccountKind::Client);
        acc.purchased.insert(Seat::Core, 5);
        acc.put_user(fresh(
            format!("admin@client{i}.no"),
            format!("Admin {i}"),
            Seat::Core,
            SetId::SuperAdmin,
        ));
        for (k, (email, name)) in staff
            .iter()
            .enumerate()
            .filter(|(k, _)| *k as u32 % clients == i)
        {
            let set = if (k as u32) < clients {
                SetId::PartnerAdmin
            } else {
                SetId::Marketer
            };
            let mut employee = fresh(email.to_string(), name.clone(), Seat::Partner, set);
            employee.via_partner = Some(BRIGHTPATH);
            acc.put_user(employee);
        }
        state.add_account(acc);
        apply(
            state,
            &Event::PartnerActivity {
                partner: BRIGHTPATH,
                client: id,
                at,
            },
        );
    }
    state.next_user_id = next;
}

/// Grows the audit log to `entries` entries: Fjord's first Super Admin
/// deactivates and reactivates its other users in turn. For benchmarks and
/// generated large states, not for the demo itself.
pub fn grow_audit_log(state: &mut State, entries: usize) {
    let Some(fjord) = state.account(FJORD) else {
        return;
    };
    let Some(admin) = fjord.users.iter().find(|u| u.is_super_admin()) else {
        return;
    };
    let actor = Actor {
        account: FJORD,
        user: admin.id,
    };
    let users: Vec<UserId> = fjord
        .users
        .iter()
        .filter(|u| !u.is_super_admin())
        .map(|u| u.id)
        .collect();
    let mut i = 0usize;
    while state.audit.len() < entries && !users.is_empty() {
        let user = users[i % users.len()];
        let command = if (i / users.len()).is_multiple_of(2) {
            Command::Deactivate {
                account: FJORD,
                user,
            }
        } else {
            Command::Reactivate {
                account: FJORD,
                user,
            }
        };
        let _ = execute(state, &actor, &command, start());
        i += 1;
    }
}
