//! Prints a stored document with a large client account and, optionally, a
//! partner with many clients and employees, for measuring the screens:
//! `cargo run --release --example large_state -- 10000 500 2000 50000 > big.json`
//! (users in Fjord Outdoor, client accounts and partner employees of
//! BrightPath Digital, each employee working in one client; audit entries).

use partner_access_studio::demo;
use partner_access_studio::domain::*;
use partner_access_studio::storage::Document;

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let mut doc = Document::demo();
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
    let at = demo::start();
    let mut next = doc.state.next_user_id;
    let acc = doc.state.account_mut(demo::FJORD).expect("demo client");
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
            last_active: doc.clock.plus_days(-((i % 200) as i64)),
            last_change: at.plus_days(-((i % 300) as i64)),
        };
        next += 1;
        if seat.is_paid() {
            *acc.purchased.entry(seat).or_insert(0) += 1;
        }
        acc.put_user(user);
    }
    doc.state.next_user_id = next;
    let arg = |i: usize| std::env::args().nth(i).and_then(|a| a.parse::<u32>().ok());
    add_partner_clients(&mut doc, arg(2).unwrap_or(0), arg(3).unwrap_or(0));
    // Too large for localStorage at 50,000: the benchmark imports it.
    demo::grow_audit_log(&mut doc.state, arg(4).unwrap_or(0) as usize);
    println!("{}", doc.to_json());
}

/// `clients` client accounts, each with a Super Admin of its own, and
/// `employees` BrightPath employees spread over them (the first in each
/// client is its Partner admin).
fn add_partner_clients(doc: &mut Document, clients: u32, employees: u32) {
    if clients == 0 {
        return;
    }
    let at = demo::start();
    let mut next = doc.state.next_user_id;
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
        doc.state
            .account_mut(demo::BRIGHTPATH)
            .expect("demo partner")
            .put_user(u);
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
            acc.put_user(fresh(email.to_string(), name.clone(), Seat::Partner, set));
        }
        doc.state.add_account(acc);
        apply(
            &mut doc.state,
            &Event::PartnerActivity {
                partner: demo::BRIGHTPATH,
                client: id,
                at,
            },
        );
    }
    doc.state.next_user_id = next;
}
