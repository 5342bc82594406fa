use super::*;
use domain::{Access, Actor, Command, Seat, SetId};
use std::collections::HashMap;

fn store(plan: &SavePlan, into: &mut HashMap<String, String>) {
    for (k, v) in &plan.parts {
        into.insert(k.clone(), v.clone());
    }
    into.insert("head".into(), plan.head.clone());
    for k in &plan.obsolete {
        into.remove(k);
    }
}

/// What is stored after `plan` succeeded.
fn committed(mut written: Written, plan: &SavePlan) -> Written {
    written.commit(plan.clone());
    written
}

/// The first save of `doc` (nothing stored yet), stored.
fn stored_from_scratch(doc: &mut Document) -> (SavePlan, HashMap<String, String>) {
    let plan = plan(doc, &Written::default());
    let mut kv = HashMap::new();
    store(&plan, &mut kv);
    (plan, kv)
}

/// The second user of the acting account: an ordinary user to change.
fn second_user(doc: &Document) -> &domain::User {
    let account = doc.state.account(doc.acting.account).unwrap();
    account.users.iter().nth(1).unwrap()
}

fn big_doc() -> Document {
    let mut doc = Document::demo();
    domain::demo::grow_audit_log(&mut doc.state, 600);
    doc
}

#[test]
fn a_split_document_reads_back_whole() {
    let mut doc = big_doc();
    let before = doc.clone();
    let (plan, kv) = stored_from_scratch(&mut doc);
    assert_eq!(doc, before, "planning leaves the document as it was");
    let (loaded, written) = load(&kv["head"], |k| kv.get(k).cloned()).unwrap();
    assert_eq!(loaded.doc, before);
    assert_eq!(written, committed(Written::default(), &plan));
    assert!(
        plan.head.len() < before.to_json().len() / 2,
        "the lists live in parts"
    );
}

#[test]
fn a_save_after_one_change_writes_one_user_part_and_the_last_audit_part() {
    let mut doc = big_doc();
    let (first, mut kv) = stored_from_scratch(&mut doc);
    let actor = doc.acting;
    let target = second_user(&doc).id;
    domain::execute(
        &mut doc.state,
        &actor,
        &Command::EditUser {
            account: actor.account,
            user: target,
            seat: Seat::ViewOnly,
            access: Access::Set(SetId::ViewOnly),
        },
        doc.clock,
    )
    .unwrap();
    doc.revision += 1;
    let stored = committed(Written::default(), &first);
    let second = plan(&mut doc, &stored);
    let names: Vec<&str> = second.parts.iter().map(|(k, _)| k.as_str()).collect();
    assert!(names.iter().any(|k| k.contains("/users-")), "{names:?}");
    assert!(
        names.len() <= 3,
        "one user part, the last audit part, maybe the outbox: {names:?}"
    );
    assert!(second.bytes() < first.bytes() / 4);
    // The rewritten parts' old keys go; the untouched ones stay listed.
    assert_eq!(second.obsolete.len(), second.parts.len());
    store(&second, &mut kv);
    let (loaded, _) = load(&kv["head"], |k| kv.get(k).cloned()).unwrap();
    assert_eq!(loaded.doc, doc);
    let expected: std::collections::BTreeSet<String> = committed(stored, &second)
        .keys()
        .chain(["head".to_string()])
        .collect();
    let stored: std::collections::BTreeSet<String> = kv.keys().cloned().collect();
    assert_eq!(stored, expected, "no orphan keys");
}

#[test]
fn a_run_emptied_by_a_removal_loses_its_part() {
    let mut doc = big_doc();
    let account = doc.acting.account;
    let acc = doc.state.account_mut(account).unwrap();
    let mut loner = acc.users.last().unwrap().clone();
    loner.id = domain::UserId(100_000);
    loner.email = domain::Email::parse("loner@example.com").unwrap();
    acc.put_user(loner.clone());
    let (first, mut kv) = stored_from_scratch(&mut doc);
    let stored = committed(Written::default(), &first);
    let key = |kv: &HashMap<String, String>| {
        kv.keys()
            .find(|k| k.contains(&format!("/users-{}-1562@", account.0)))
            .cloned()
    };
    let loner_key = key(&kv).expect("the loner's run has a part");
    doc.state
        .account_mut(account)
        .unwrap()
        .remove_user(loner.id);
    doc.revision += 1;
    let second = plan(&mut doc, &stored);
    assert!(second.parts.is_empty(), "nothing else changed");
    assert_eq!(second.obsolete, [loner_key]);
    store(&second, &mut kv);
    assert_eq!(key(&kv), None);
    let stored = committed(stored, &second);
    assert_eq!(kv.len(), stored.keys().count() + 1);
    let (loaded, again) = load(&kv["head"], |k| kv.get(k).cloned()).unwrap();
    assert_eq!(loaded.doc, doc);
    assert_eq!(again, stored);
}

#[test]
fn the_head_holds_no_account_and_no_list() {
    let mut doc = big_doc();
    let plan = plan(&mut doc, &Written::default());
    for acc in &doc.state.accounts {
        assert!(!plan.head.contains(&acc.name), "{} is in a part", acc.name);
    }
    assert!(plan.head.contains("\"accounts\":[]"), "{}", plan.head);
    assert!(plan.head.contains("\"relationships\":[]"), "{}", plan.head);
}

#[test]
fn an_appended_audit_part_reads_as_if_written_whole() {
    let mut doc = big_doc();
    let (first, mut kv) = stored_from_scratch(&mut doc);
    let mut written = committed(Written::default(), &first);
    for _ in 0..3 {
        let actor = doc.acting;
        let target = second_user(&doc);
        let (target, active) = (target.id, target.is_active());
        let command = if active {
            Command::Deactivate {
                account: actor.account,
                user: target,
            }
        } else {
            Command::Reactivate {
                account: actor.account,
                user: target,
            }
        };
        domain::execute(&mut doc.state, &actor, &command, doc.clock).unwrap();
        doc.revision += 1;
        let next = plan(&mut doc, &written);
        let last = doc.state.audit.len().div_ceil(PART_SIZE) - 1;
        let (_, json) = next
            .parts
            .iter()
            .find(|(k, _)| k.contains(&format!("/audit-{last}@")))
            .expect("the last audit part is written");
        let run = &doc.state.audit[last * PART_SIZE..];
        assert_eq!(*json, to_json(run), "appending gives the same text");
        store(&next, &mut kv);
        written.commit(next);
    }
    let (loaded, again) = load(&kv["head"], |k| kv.get(k).cloned()).unwrap();
    assert_eq!(loaded.doc, doc);
    assert_eq!(again, written);
}

#[test]
fn a_missing_or_broken_part_is_a_clear_error() {
    let mut doc = big_doc();
    let (plan, kv) = stored_from_scratch(&mut doc);
    let victim = plan.parts[0].0.clone();
    let mut missing = kv.clone();
    missing.remove(&victim);
    let err = load(&kv["head"], |k| missing.get(k).cloned()).unwrap_err();
    assert!(
        matches!(err, LoadError::Unreadable(ref m) if m.contains("missing")),
        "{err:?}"
    );
    let mut broken = kv.clone();
    broken.insert(victim, "[{\"id\":".into());
    assert!(matches!(
        load(&kv["head"], |k| broken.get(k).cloned()),
        Err(LoadError::Unreadable(_))
    ));
}

#[test]
fn a_whole_document_under_the_head_key_still_loads() {
    let doc = Document::demo();
    let (loaded, written) = load(&doc.to_json(), |_| None).unwrap();
    assert_eq!(loaded.doc, doc);
    assert_eq!(written, Written::default());
}

#[test]
fn part_names_round_trip() {
    for name in [
        PartName::Users {
            account: AccountId(10),
            chunk: 3,
        },
        PartName::Accounts(2),
        PartName::Relationships(1),
        PartName::Audit(0),
        PartName::Outbox(12),
    ] {
        assert_eq!(PartName::parse(&name.label()), Some(name));
    }
    assert_eq!(PartName::parse("users-1"), None);
    assert_eq!(PartName::parse("audit-1-2"), None);
    let _ = Actor {
        account: AccountId(1),
        user: domain::UserId(1),
    };
}
