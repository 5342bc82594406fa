//! Named scenarios beside the working data: saved whole (state, clock, who
//! is acting), listed with the space they take, opened as they were,
//! renamed and deleted; a refused write loses nothing.

use domain::{Actor, Timestamp, UserId};
use storage::scenarios::{self, ScenarioError, QUOTA_CHARS};
use storage::store::{Fault, MemoryStore, Store};
use storage::Document;

/// The demo data a week later, acting as someone else than at start.
fn prepared() -> Document {
    let mut doc = Document::demo();
    doc.clock = Timestamp(doc.clock.0 + 7 * 86_400);
    let other = doc.state.accounts[0].users.last().unwrap().id;
    doc.acting = Actor {
        account: doc.state.accounts[0].id,
        user: other,
    };
    doc
}

#[test]
fn a_saved_scenario_opens_with_its_state_clock_and_who_is_acting() {
    let store = MemoryStore::new();
    let doc = prepared();
    assert_eq!(
        scenarios::save(&store, "  Before the review ", &doc),
        Ok("Before the review".into())
    );
    let opened = scenarios::open(&store, "Before the review").unwrap();
    assert_eq!(opened.state, doc.state);
    assert_eq!(opened.clock, doc.clock);
    assert_eq!(opened.acting, doc.acting);
    assert_ne!(opened.acting.user, UserId(0));
    // Its text is what Export writes, so Import reads the exported file.
    let text = scenarios::text(&store, "Before the review").unwrap();
    assert_eq!(Document::parse(&text).unwrap().state, doc.state);
}

#[test]
fn scenarios_are_listed_by_name_with_the_characters_they_take() {
    let store = MemoryStore::new();
    let doc = Document::demo();
    scenarios::save(&store, "beta", &doc).unwrap();
    scenarios::save(&store, "Alpha", &doc).unwrap();
    store.set("partner-access-studio/document", "{}").unwrap();
    let list = scenarios::list(&store);
    let names: Vec<&str> = list.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Alpha", "beta"]);
    let expected =
        "partner-access-studio/scenario/Alpha".len() + doc.to_json().encode_utf16().count();
    assert_eq!(list[0].chars, expected);
    // The space used counts every key: scenarios and working data.
    assert_eq!(
        scenarios::used_chars(&store),
        list.iter().map(|s| s.chars).sum::<usize>() + "partner-access-studio/document".len() + 2
    );
}

#[test]
fn a_name_must_be_given_short_enough_and_not_in_use() {
    let store = MemoryStore::new();
    let doc = Document::demo();
    assert_eq!(
        scenarios::save(&store, "   ", &doc),
        Err(ScenarioError::NoName)
    );
    assert_eq!(
        scenarios::save(&store, &"x".repeat(81), &doc),
        Err(ScenarioError::NameTooLong)
    );
    scenarios::save(&store, "Train demo", &doc).unwrap();
    assert_eq!(
        scenarios::save(&store, "TRAIN DEMO", &doc),
        Err(ScenarioError::Taken("Train demo".into()))
    );
    // Every refusal says what to fix, in words.
    assert!(ScenarioError::Taken("Train demo".into())
        .text()
        .to_string()
        .contains("Train demo"));
    assert_eq!(scenarios::list(&store).len(), 1);
}

#[test]
fn renaming_keeps_the_contents_and_refuses_a_name_in_use() {
    let store = MemoryStore::new();
    let doc = prepared();
    scenarios::save(&store, "One", &doc).unwrap();
    scenarios::save(&store, "Two", &Document::demo()).unwrap();
    assert_eq!(
        scenarios::rename(&store, "One", "two"),
        Err(ScenarioError::Taken("Two".into()))
    );
    assert_eq!(scenarios::rename(&store, "One", "Uno"), Ok("Uno".into()));
    assert_eq!(scenarios::open(&store, "Uno").unwrap().clock, doc.clock);
    assert!(scenarios::open(&store, "One").is_err());
    // A change of case alone is a rename too.
    assert_eq!(scenarios::rename(&store, "Uno", "UNO"), Ok("UNO".into()));
    let names: Vec<String> = scenarios::list(&store)
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["Two", "UNO"]);
    assert_eq!(
        scenarios::rename(&store, "Gone", "Back"),
        Err(ScenarioError::Missing("Gone".into()))
    );
}

#[test]
fn a_refused_write_loses_nothing() {
    let doc = Document::demo();
    let store = MemoryStore::new();
    scenarios::save(&store, "Kept", &doc).unwrap();
    let before = store.snapshot();
    // The quota is full when the scenario would be written.
    store.inject(Some(Fault::RefuseAt(1)));
    assert!(matches!(
        scenarios::save(&store, "More", &doc),
        Err(ScenarioError::Store(_))
    ));
    assert_eq!(store.snapshot(), before);
    // A rename whose write is refused leaves the scenario where it was.
    store.inject(Some(Fault::RefuseAt(1)));
    assert!(scenarios::rename(&store, "Kept", "Moved").is_err());
    assert_eq!(store.snapshot(), before);
    assert!(scenarios::open(&store, "Kept").is_ok());
}

#[test]
fn deleting_removes_only_that_scenario() {
    let store = MemoryStore::new();
    let doc = Document::demo();
    scenarios::save(&store, "A", &doc).unwrap();
    scenarios::save(&store, "B", &doc).unwrap();
    scenarios::delete(&store, "A");
    let names: Vec<String> = scenarios::list(&store)
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ["B"]);
}

#[test]
fn space_is_short_under_a_tenth_of_the_quota_or_below_one_more_copy() {
    assert!(!scenarios::space_short(0, 100_000));
    assert!(scenarios::space_short(
        QUOTA_CHARS - QUOTA_CHARS / 10 + 1,
        1
    ));
    assert!(scenarios::space_short(QUOTA_CHARS / 2, QUOTA_CHARS / 2 + 1));
    assert!(!scenarios::space_short(QUOTA_CHARS / 2, QUOTA_CHARS / 4));
}
