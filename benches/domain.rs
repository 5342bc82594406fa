//! Native benchmarks of the domain core and the stored document.
//! `scripts/bench.sh` runs them; they print figures and are never tests.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use partner_access_studio::demo;
use partner_access_studio::domain::*;
use partner_access_studio::storage::{parts, Document};
use std::hint::black_box;

/// The demo document with `n` extra users in the first client.
fn document_with(n: u32) -> Document {
    let mut doc = Document::demo();
    let mut next = doc.state.next_user_id;
    let acc = doc.state.account_mut(demo::FJORD).expect("demo client");
    for i in 0..n {
        let email = Email::parse(&format!("user{i}@fjordoutdoor.no")).expect("valid");
        let access = (
            SetId::ViewOnly.built_in_permissions().unwrap_or_default(),
            Some(SetId::ViewOnly),
        );
        acc.put_user(User::new(
            UserId(next),
            email,
            format!("User {i}"),
            Seat::ViewOnly,
            access,
            demo::start(),
        ));
        next += 1;
    }
    doc.state.next_user_id = next;
    doc
}

/// Fjord's users other than its Super Admins: the targets of the sequences.
fn ordinary_users(state: &State) -> Vec<UserId> {
    state
        .account(demo::FJORD)
        .expect("demo client")
        .users
        .iter()
        .filter(|u| !u.is_super_admin())
        .map(|u| u.id)
        .collect()
}

fn henrik(state: &State) -> Actor {
    let acc = state.account(demo::FJORD).expect("demo client");
    let u = acc
        .users
        .iter()
        .find(|u| u.is_super_admin())
        .expect("a Super Admin");
    Actor {
        account: demo::FJORD,
        user: u.id,
    }
}

fn domain(c: &mut Criterion) {
    let doc = document_with(10_000);
    let actor = henrik(&doc.state);
    let target = doc
        .state
        .account(demo::FJORD)
        .unwrap()
        .users
        .last()
        .unwrap()
        .id;
    c.bench_function("authorization check (may_manage_users), 10k users", |b| {
        b.iter(|| may_manage_users(black_box(&doc.state), &actor, demo::FJORD))
    });
    let cmd = Command::EditUser {
        account: demo::FJORD,
        user: target,
        seat: Seat::ViewOnly,
        access: Access::Set(SetId::Marketer),
    };
    c.bench_function("decide EditUser, 10k users", |b| {
        b.iter(|| decide(black_box(&doc.state), &actor, &cmd, demo::start()))
    });
    // Every command in the app follows a save, so its users' runs are all
    // shared and the edited user's run is copied. The actor's first command
    // at a (simulated) time also marks them active, which copies their run
    // too; from their second command on it does not.
    let mut acted = doc.state.clone();
    if let Some(u) = acted
        .account_mut(demo::FJORD)
        .and_then(|a| a.user_mut(actor.user))
    {
        u.last_active = demo::start();
    }
    c.bench_function("decide + apply EditUser, 10k users", |b| {
        b.iter_batched_ref(
            || acted.clone(),
            |state| execute(state, &actor, &cmd, demo::start()),
            BatchSize::LargeInput,
        )
    });
    c.bench_function(
        "decide + apply EditUser, 10k users, the actor's first command that day",
        |b| {
            b.iter_batched_ref(
                || doc.state.clone(),
                |state| execute(state, &actor, &cmd, demo::start()),
                BatchSize::LargeInput,
            )
        },
    );
    let create = Command::CreateUsers {
        account: demo::FJORD,
        people: vec![NewPerson {
            email: Email::parse("new@fjordoutdoor.no").unwrap(),
            name: "New".into(),
        }],
        seat: Seat::ViewOnly,
        access: Access::Set(SetId::ViewOnly),
    };
    c.bench_function("decide CreateUsers (one), 10k users", |b| {
        b.iter(|| decide(black_box(&doc.state), &actor, &create, demo::start()))
    });
}

/// 100,000 commands in a row on the 10,000-user account: deactivate,
/// reactivate and a set change, cycling through the users.
fn command_sequence(c: &mut Criterion) {
    let doc = document_with(10_000);
    let actor = henrik(&doc.state);
    let users = ordinary_users(&doc.state);
    c.bench_function("100,000 commands (decide + apply), 10k users", |b| {
        b.iter_batched(
            || doc.state.clone(),
            |mut state| {
                let mut accepted = 0u32;
                for i in 0..100_000usize {
                    let user = users[(i / 3) % users.len()];
                    let command = match i % 3 {
                        0 => Command::Deactivate {
                            account: demo::FJORD,
                            user,
                        },
                        1 => Command::Reactivate {
                            account: demo::FJORD,
                            user,
                        },
                        _ => Command::EditUser {
                            account: demo::FJORD,
                            user,
                            seat: Seat::ViewOnly,
                            access: Access::Set(if i % 2 == 0 {
                                SetId::ViewOnly
                            } else {
                                SetId::SalesRep
                            }),
                        },
                    };
                    accepted +=
                        u32::from(execute(&mut state, &actor, &command, demo::start()).is_ok());
                }
                black_box(accepted)
            },
            BatchSize::PerIteration,
        )
    });
}

/// Filtering an audit log of 50,000 entries (the screen's per-keystroke work).
fn audit_filter(c: &mut Criterion) {
    use partner_access_studio::domain::audit::{AuditFilter, AuditIndex};
    let mut doc = document_with(10_000);
    demo::grow_audit_log(&mut doc.state, 50_000);
    c.bench_function("audit log index, 50,000 entries", |b| {
        b.iter(|| {
            AuditIndex::new(
                black_box(&doc.state),
                demo::FJORD,
                partner_access_studio::domain::Lang::En,
            )
        })
    });
    let index = AuditIndex::new(
        &doc.state,
        demo::FJORD,
        partner_access_studio::domain::Lang::En,
    );
    let filter = AuditFilter {
        search: "user4711".into(),
        ..AuditFilter::default()
    };
    c.bench_function("audit log filter (one keystroke), 50,000 entries", |b| {
        b.iter(|| index.matching(black_box(&filter)))
    });
}

fn persistence(c: &mut Criterion) {
    for n in [100, 1_000, 10_000] {
        let doc = document_with(n);
        let json = doc.to_json();
        println!(
            "document with {n} extra users: {} bytes of JSON",
            json.len()
        );
        c.bench_function(&format!("serialize document, {n} users"), |b| {
            b.iter(|| black_box(&doc).to_json())
        });
        c.bench_function(&format!("parse document, {n} users"), |b| {
            b.iter(|| Document::parse(black_box(&json)))
        });
    }
    // What the browser does after a command: plan the split save against
    // what is stored (compare every part, serialise the changed ones).
    let mut doc = document_with(10_000);
    let stored = stored_then_one_command(&mut doc);
    print_save(&parts::plan(&mut doc, &stored), "10,000 users");
    c.bench_function("plan the save after one command, 10k users", |b| {
        b.iter(|| parts::plan(black_box(&mut doc), &stored))
    });
    // The same with the browser benchmark's state: a partner with 500
    // clients and 2,000 employees besides (about 700 stored parts).
    let mut doc = Document::demo();
    demo::grow_large_client(&mut doc.state, 10_000, doc.clock);
    demo::add_partner_clients(&mut doc.state, 500, 2_000);
    let stored = stored_then_one_command(&mut doc);
    print_save(&parts::plan(&mut doc, &stored), "benchmark state");
    c.bench_function("plan the save after one command, benchmark state", |b| {
        b.iter(|| parts::plan(black_box(&mut doc), &stored))
    });
}

fn print_save(plan: &parts::SavePlan, of: &str) {
    let sizes: Vec<String> = plan
        .parts
        .iter()
        .map(|(_, json)| json.len().to_string())
        .collect();
    println!(
        "save after one command, {of}: {} characters: head {}, parts {}",
        plan.bytes(),
        plan.head.len(),
        sizes.join(" + ")
    );
}

/// What a first save stores of `doc`; then one command (a Super Admin
/// deactivates an ordinary user), as a new revision.
fn stored_then_one_command(doc: &mut Document) -> parts::Written {
    let mut stored = parts::Written::default();
    let first = parts::plan(doc, &stored);
    stored.commit(first);
    let actor = henrik(&doc.state);
    let target = ordinary_users(&doc.state)[0];
    execute(
        &mut doc.state,
        &actor,
        &Command::Deactivate {
            account: demo::FJORD,
            user: target,
        },
        doc.clock,
    )
    .expect("deactivating an ordinary user is allowed");
    doc.revision += 1;
    stored
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = domain, command_sequence, audit_filter, persistence
}
criterion_main!(benches);
