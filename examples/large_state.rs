//! Prints a stored document with a large client account, for measuring the
//! screens: `cargo run --release --example large_state -- 10000 > big.json`.

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
    println!("{}", doc.to_json());
}
