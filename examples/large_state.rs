//! Prints a stored document with a large client account and, optionally, a
//! partner with many clients and employees, for measuring the screens:
//! `cargo run --release --example large_state -- 10000 500 2000 50000 > big.json`
//! (users in Fjord Outdoor, client accounts and partner employees of
//! BrightPath Digital, each employee working in one client; audit entries).

use partner_access_studio::demo;
use partner_access_studio::storage::Document;

fn main() {
    let arg = |i: usize| std::env::args().nth(i).and_then(|a| a.parse::<u32>().ok());
    let mut doc = Document::demo();
    demo::grow_large_client(&mut doc.state, arg(1).unwrap_or(10_000), doc.clock);
    demo::add_partner_clients(&mut doc.state, arg(2).unwrap_or(0), arg(3).unwrap_or(0));
    // Too large for localStorage at 50,000: the benchmark imports it.
    demo::grow_audit_log(&mut doc.state, arg(4).unwrap_or(0) as usize);
    println!("{}", doc.to_json());
}
