//! The save protocol over a store that can refuse or cut off any write:
//! whatever happens, what is stored reads as the document before the save
//! or after it, never a mix and never less; another tab's save is never
//! overwritten; unreadable data is kept whole.

// The domain crate's test helpers: the demo world and random sessions.
#[path = "../../domain/tests/common.rs"]
mod common;
#[path = "../../domain/tests/session.rs"]
mod session;
use common::*;
use domain::*;
use storage::parts::{self, Written};
use storage::save::{self, KeptAside, Opened, SaveError};
use storage::store::{Fault, MemoryStore, Store};
use storage::{Document, StorageKey};

/// A store holding `doc` saved whole in parts, and what its head lists.
fn stored(doc: &mut Document) -> (MemoryStore, Written) {
    let store = MemoryStore::new();
    let plan = parts::plan(doc, &Written::default());
    save::write_plan(&store, &plan, None).unwrap();
    let mut written = Written::default();
    written.commit(plan);
    (store, written)
}

/// The document stored now, as a tab starting now reads it.
fn open(store: &MemoryStore) -> Document {
    match save::open(store) {
        Opened::Document { loaded, .. } => loaded.doc,
        other => panic!("the stored document does not read: {other:?}"),
    }
}

fn run(doc: &mut Document, actor: &Actor, command: Command) {
    execute(&mut doc.state, actor, &command, doc.clock).unwrap_or_else(|r| panic!("{r}"));
    doc.revision += 1;
}

/// Changes of several kinds, each as the document after it.
fn changes(before: &Document) -> Vec<(&'static str, Document)> {
    let s = &before.state;
    let henrik = as_user(s, FJORD, HENRIK);
    let sofie = as_user(s, BRIGHTPATH, SOFIE);
    let mut out = Vec::new();

    let mut d = before.clone();
    run(
        &mut d,
        &henrik,
        Command::Deactivate {
            account: FJORD,
            user: uid(s, FJORD, PIA),
        },
    );
    out.push(("deactivate", d));

    let mut d = before.clone();
    run(&mut d, &henrik, create_view_only(fjord_people("new", 3)));
    out.push(("create users", d));

    let mut d = before.clone();
    let pia = uid(s, FJORD, PIA);
    run(
        &mut d,
        &henrik,
        Command::Deactivate {
            account: FJORD,
            user: pia,
        },
    );
    run(
        &mut d,
        &henrik,
        Command::RemoveUser {
            account: FJORD,
            user: pia,
            reassign_to: None,
        },
    );
    out.push(("remove a user", d));

    let mut d = before.clone();
    run(
        &mut d,
        &sofie,
        Command::SetPartnerDomains {
            partner: BRIGHTPATH,
            domains: vec![
                Domain::parse("brightpath.io").unwrap(),
                Domain::parse("bp-digital.dk").unwrap(),
            ],
        },
    );
    out.push(("partner domains (an accounts part)", d));

    let mut d = before.clone();
    let later = d.clock.plus_days(61);
    for step in tick_steps(&d.state, later) {
        commit(&mut d.state, None, &step, later);
    }
    d.clock = later;
    d.revision += 1;
    out.push(("61 days pass", d));
    out
}

#[test]
fn a_save_cut_off_or_refused_at_any_write_leaves_the_document_before_or_after() {
    let mut before = Document::demo();
    before.revision = 5;
    let (base, written) = stored(&mut before);
    let before = open(&base);
    let mut tried = 0;
    for (what, mut after) in changes(&before) {
        let plan = parts::plan(&mut after, &written);
        // How many writes and deletions the whole save makes.
        let clean = MemoryStore::copy_of(&base);
        clean.inject(None);
        save::write_plan(&clean, &plan, Some(before.revision)).unwrap();
        let writes = clean.changes();
        assert_eq!(open(&clean), after, "{what}: a clean save");
        for k in 1..=writes + 1 {
            for fault in [Fault::RefuseAt(k), Fault::StopAt(k)] {
                tried += 1;
                let store = MemoryStore::copy_of(&base);
                store.inject(Some(fault));
                let outcome = save::write_plan(&store, &plan, Some(before.revision));
                store.inject(None);
                let read = open(&store);
                assert!(
                    read == before || read == after,
                    "{what}, {fault:?}: the stored document is a mix"
                );
                if outcome.is_ok() && matches!(fault, Fault::RefuseAt(_)) {
                    // Only a refused deletion can leave an Ok save: the
                    // document is the new one all the same.
                    assert_eq!(read, after, "{what}, {fault:?}");
                }
                // A second start (which deletes what no head lists) loses
                // nothing either.
                assert_eq!(open(&store), read, "{what}, {fault:?}: the second start");
            }
        }
    }
    println!("fault points tried: {tried}");
    assert!(tried > 50, "only {tried} fault points");
}

#[test]
fn a_whole_document_save_cut_off_at_any_write_leaves_before_or_after() {
    let mut before = Document::demo();
    before.revision = 5;
    let (base, written) = stored(&mut before);
    let before = open(&base);
    let (_, after) = changes(&before).remove(0);
    let json = after.to_json();
    for k in 1..=6 {
        for fault in [Fault::RefuseAt(k), Fault::StopAt(k)] {
            let store = MemoryStore::copy_of(&base);
            store.inject(Some(fault));
            let _ = save::write_whole(
                &store,
                &json,
                after.revision,
                &written,
                Some(before.revision),
            );
            store.inject(None);
            let read = open(&store);
            assert!(read == before || read == after, "{fault:?}");
            assert_eq!(open(&store), read, "{fault:?}: the second start");
        }
    }
}

#[test]
fn a_tab_whose_save_failed_never_saves_over_another_tab_at_the_same_revision() {
    // Tabs A and B read revision 5. A's save of revision 6 is refused (a
    // full quota); B saves its own revision 6. A's next save finds a
    // revision it did not write and writes nothing.
    let mut doc = Document::demo();
    doc.revision = 5;
    let (store, written) = stored(&mut doc);
    let start = open(&store);
    let henrik = as_user(&start.state, FJORD, HENRIK);

    let mut a = start.clone();
    let who = uid(&start.state, FJORD, PIA);
    run(
        &mut a,
        &henrik,
        Command::Deactivate {
            account: FJORD,
            user: who,
        },
    );
    let plan_a = parts::plan(&mut a, &written);
    store.inject(Some(Fault::RefuseAt(1)));
    assert!(matches!(
        save::write_plan(&store, &plan_a, Some(5)),
        Err(SaveError::Store(_))
    ));
    store.inject(None);

    let mut b = start.clone();
    let who = uid(&start.state, FJORD, TOR);
    run(
        &mut b,
        &henrik,
        Command::Deactivate {
            account: FJORD,
            user: who,
        },
    );
    let plan_b = parts::plan(&mut b, &written);
    save::write_plan(&store, &plan_b, Some(5)).unwrap();
    assert_eq!(b.revision, a.revision, "the same revision number");

    // The storage event has not reached A: its retry, or a later change.
    let kept = store.snapshot();
    assert_eq!(
        save::write_plan(&store, &plan_a, Some(5)),
        Err(SaveError::Conflict)
    );
    let who = uid(&start.state, FJORD, ASTRID);
    run(
        &mut a,
        &henrik,
        Command::Deactivate {
            account: FJORD,
            user: who,
        },
    );
    let plan_a = parts::plan(&mut a, &written);
    assert_eq!(
        save::write_plan(&store, &plan_a, Some(5)),
        Err(SaveError::Conflict)
    );
    let whole = save::write_whole(&store, &a.to_json(), a.revision, &written, Some(5));
    assert_eq!(whole, Err(SaveError::Conflict));
    assert_eq!(store.snapshot(), kept, "nothing written");
    assert_eq!(open(&store), b);
}

#[test]
fn a_start_never_deletes_the_parts_of_a_save_another_tab_is_making() {
    let mut doc = Document::demo();
    doc.revision = 5;
    let (store, written) = stored(&mut doc);
    let start = open(&store);
    let henrik = as_user(&start.state, FJORD, HENRIK);
    let mut b = start.clone();
    let who = uid(&start.state, FJORD, PIA);
    run(
        &mut b,
        &henrik,
        Command::Deactivate {
            account: FJORD,
            user: who,
        },
    );
    let plan = parts::plan(&mut b, &written);
    // Tab B has written its new parts, not yet its head...
    for (key, json) in &plan.parts {
        store.set(key, json).unwrap();
    }
    // ...when tab C starts, reads head 5 and cleans up.
    assert_eq!(open(&store), start);
    for (key, _) in &plan.parts {
        assert!(store.get(key).unwrap().is_some(), "{key} was deleted");
    }
    // B finishes: its head lists parts that are all there.
    save::write_plan(&store, &plan, Some(5)).unwrap();
    assert_eq!(open(&store), b);
}

#[test]
fn an_unreadable_split_document_is_kept_aside_whole_and_survives_two_starts() {
    let mut doc = Document::demo();
    doc.revision = 5;
    let (store, _) = stored(&mut doc);
    let original = store.snapshot();
    let users_part = original
        .keys()
        .find(|k| k.contains("/part/users-"))
        .unwrap()
        .clone();
    store.set(&users_part, "x").unwrap();
    let damaged = store.snapshot();

    let Opened::Unreadable { kept: true, .. } = save::open(&store) else {
        panic!("the damaged document is not kept aside");
    };
    // The app then saves the demo data over it, and starts twice more.
    let mut fresh = Document::demo();
    fresh.revision = 6;
    let plan = parts::plan(&mut fresh, &Written::default());
    save::write_plan(&store, &plan, save::stored_revision(&store)).unwrap();
    for _ in 0..2 {
        assert_eq!(open(&store), fresh);
    }
    // Every old part, as it was (the damaged one too), and the old head.
    let slot = store
        .get(&StorageKey::Quarantine(0).name())
        .unwrap()
        .unwrap();
    let kept: KeptAside = serde_json::from_str(&slot).unwrap();
    assert_eq!(kept.head, damaged[&StorageKey::Document.name()]);
    for (key, text) in damaged.iter().filter(|(k, _)| k.contains("/part/")) {
        assert_eq!(kept.parts.get(key), Some(text), "{key}");
    }
    // Download raw data: one file with exactly what was kept.
    let file: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&save::kept_aside_file(&store).unwrap()).unwrap();
    assert_eq!(file[&StorageKey::Quarantine(0).name()], slot);
}

#[test]
fn unreadable_data_that_cannot_be_copied_aside_is_left_where_it_is() {
    let mut doc = Document::demo();
    doc.revision = 5;
    let (full, _) = stored(&mut doc);
    let used: usize = full.snapshot().iter().map(|(k, v)| k.len() + v.len()).sum();
    // Room for the document, not for a second copy of it.
    let store = MemoryStore::with_quota(used + 100);
    for (k, v) in full.snapshot() {
        store.set(&k, &v).unwrap();
    }
    let head = StorageKey::Document.name();
    store
        .set(&head, "{\"schema_version\": 4, \"state\": tru")
        .unwrap();
    let before = store.snapshot();
    let Opened::Unreadable { kept: false, .. } = save::open(&store) else {
        panic!("there was no room to keep it");
    };
    assert_eq!(store.snapshot(), before, "nothing deleted");
}

/// Saving after every step of a long session (time passing included), each
/// save planned against what the previous one stored, always stores what
/// reads back as the state: the save's shortcut for unchanged runs of users
/// (their shared pointer) never hides a change. Every so often the session
/// goes on from the document as read back, as a reload does.
#[test]
fn a_save_after_every_step_stores_what_reads_back_as_the_state() {
    use session::make_step;
    use session::next_picks;
    use std::collections::HashMap;
    use storage::default_actor;
    let mut doc = Document::demo();
    doc.state = world();
    doc.clock = now();
    doc.acting = default_actor(&doc.state).expect("a Super Admin");
    let mut kv: HashMap<String, String> = HashMap::new();
    let mut written = parts::Written::default();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let (mut saves, mut small) = (0, 0);
    for serial in 0..1500u32 {
        let p = next_picks(&mut seed);
        if p[7].is_multiple_of(40) {
            doc.clock = doc.clock.plus_days(30);
            let d = tick(&doc.state, doc.clock);
            commit(&mut doc.state, None, &d, doc.clock);
        }
        if let Some((actor, cmd)) = make_step(&doc.state, &p, serial) {
            let _ = execute(&mut doc.state, &actor, &cmd, doc.clock);
        }
        doc.revision += 1;
        let plan = parts::plan(&mut doc, &written);
        saves += 1;
        small += usize::from(plan.parts.len() <= 4);
        for (k, v) in &plan.parts {
            kv.insert(k.clone(), v.clone());
        }
        kv.insert("head".into(), plan.head.clone());
        for k in &plan.obsolete {
            kv.remove(k);
        }
        written.commit(plan);
        let (loaded, again) = parts::load(&kv["head"], |k| kv.get(k).cloned())
            .unwrap_or_else(|e| panic!("step {serial}: {e}"));
        assert!(loaded.doc == doc, "step {serial}: what is stored differs");
        assert_eq!(kv.len(), written.keys().count() + 1, "no orphan part");
        if serial % 100 == 99 {
            doc = loaded.doc;
            written = again;
        }
    }
    assert!(
        small * 2 > saves,
        "most saves write a few parts: {small} of {saves}"
    );
}

#[test]
fn a_saver_writes_only_what_changed_and_knows_each_revision() {
    let store = MemoryStore::new();
    let mut saver = save::Saver::default();
    let mut doc = Document::demo();
    let first = saver.save(&store, &mut doc, || ()).unwrap();
    assert_eq!(saver.stored(), Some(doc.revision));
    assert_eq!(first.revision, doc.revision);
    assert_eq!(open(&store), doc);
    let changes_of_first = store.changes();

    let (_, mut doc) = changes(&doc).remove(0);
    saver.save(&store, &mut doc, || ()).unwrap();
    assert_eq!(saver.stored(), Some(doc.revision));
    assert_eq!(open(&store), doc);
    let changes_of_second = store.changes() - changes_of_first;
    assert!(
        changes_of_second < changes_of_first,
        "a change of one user rewrote {changes_of_second} keys of {changes_of_first}"
    );
}

#[test]
fn a_saver_behind_another_tab_writes_nothing_and_keeps_what_it_knew() {
    let store = MemoryStore::new();
    let mut mine = save::Saver::default();
    let mut doc = Document::demo();
    mine.save(&store, &mut doc, || ()).unwrap();
    let known = mine.stored();
    // Another tab, which read the same revision, saves first.
    let (_, mut theirs) = changes(&doc).remove(0);
    let mut other = save::Saver::new(known, save::load(&store, &head(&store)).unwrap().1);
    other.save(&store, &mut theirs, || ()).unwrap();

    let (_, mut late) = changes(&doc).remove(1);
    let before = store.snapshot();
    assert_eq!(
        mine.save(&store, &mut late, || ()),
        Err(SaveError::Conflict)
    );
    assert_eq!(mine.stored(), known);
    assert_eq!(store.snapshot(), before);
    assert_eq!(open(&store), theirs);
}

#[test]
fn a_saver_whose_parts_do_not_fit_beside_a_whole_document_saves_it_whole() {
    let doc = Document::demo();
    let json = doc.to_json();
    // A whole document of more than half the quota, as older releases stored it.
    let store = MemoryStore::with_quota(json.len() * 3 / 2);
    save::write_whole(&store, &json, doc.revision, &Written::default(), None).unwrap();
    let mut saver = save::Saver::new(Some(doc.revision), Written::default());
    let (_, mut doc) = changes(&doc).remove(0);
    let saved = saver.save(&store, &mut doc, || ()).unwrap();
    assert_eq!(saved.chars, doc.to_json().len());
    assert_eq!(open(&store), doc);
    // And the next revision too, still whole.
    let mut next = doc.clone();
    next.revision += 1;
    saver.save(&store, &mut next, || ()).unwrap();
    assert!(store.keys().iter().all(|k| !parts::is_part_key(k)));
    assert_eq!(open(&store), next);
}

/// The head stored now.
fn head(store: &MemoryStore) -> String {
    store.get(&StorageKey::Document.name()).unwrap().unwrap()
}
