//! Every stored schema version keeps loading; a newer one is refused.

use partner_access_studio::storage::{Document, LoadError, SCHEMA_VERSION};

/// A document exactly as release 1 (schema version 1) stored it.
const V1: &str = include_str!("fixtures/document-v1.json");

#[test]
fn a_version_1_document_loads_and_is_upgraded() {
    let loaded = Document::load(V1).expect("version 1 still loads");
    assert_eq!(loaded.upgraded_from, Some(1));
    assert_eq!(loaded.doc.schema_version, SCHEMA_VERSION);
    assert_eq!(loaded.doc.revision, 7, "the revision is kept");
    let users: Vec<_> = loaded
        .doc
        .state
        .accounts
        .iter()
        .flat_map(|a| &a.users)
        .collect();
    assert!(!users.is_empty());
    // Version 2 added last_active; the migration takes the last change.
    for u in users {
        assert_eq!(u.last_active, u.last_change, "{}", u.email);
    }
    // Version 3 made summaries translatable; an old English one stays as written.
    let first = &loaded.doc.state.audit[0].summary;
    assert_eq!(
        first,
        &partner_access_studio::domain::Text::Plain("Time passed".into())
    );
    assert_eq!(
        first.render(partner_access_studio::domain::Lang::Sv),
        "Time passed"
    );
}

#[test]
fn an_upgraded_document_saves_in_the_current_shape_and_reads_back() {
    let doc = Document::load(V1).unwrap().doc;
    let again = Document::load(&doc.to_json()).unwrap();
    assert_eq!(again.upgraded_from, None);
    assert_eq!(again.doc, doc);
}

#[test]
fn a_document_from_a_newer_release_is_refused_with_its_version() {
    let newer = Document::demo().to_json().replacen(
        &format!("\"schema_version\":{SCHEMA_VERSION}"),
        &format!("\"schema_version\":{}", SCHEMA_VERSION + 1),
        1,
    );
    let err = Document::load(&newer).unwrap_err();
    assert_eq!(err, LoadError::NewerVersion(SCHEMA_VERSION + 1));
    assert!(err.to_string().contains("newer release"), "{err}");
}

#[test]
fn version_0_is_not_a_version() {
    let zero = V1.replacen("\"schema_version\": 1", "\"schema_version\": 0", 1);
    assert_eq!(Document::load(&zero), Err(LoadError::UnknownVersion(0)));
}

#[test]
fn a_refused_document_lists_several_problems() {
    let mut doc = Document::demo();
    for acc in &mut doc.state.accounts {
        for u in &mut acc.users {
            u.set = None;
        }
    }
    let Err(LoadError::Invalid(problems)) = Document::load(&doc.to_json()) else {
        panic!("a document without Super Admins must be refused");
    };
    assert!(problems.len() > 1, "{problems:?}");
    assert!(problems.len() <= 5, "{problems:?}");
    assert!(
        problems.iter().all(|p| p.contains("R-CL-4")),
        "{problems:?}"
    );
}

#[test]
fn a_struct_stored_as_an_array_is_refused_not_guessed() {
    // serde_json alone would read `[10, 9]` as the struct {account, user};
    // the app never writes that shape, and its readers take objects only.
    let as_array = V1.replacen(
        "\"acting\": {\n  \"account\": 10,\n  \"user\": 9\n }",
        "\"acting\": [10, 9]",
        1,
    );
    assert_ne!(as_array, V1, "the fixture holds the acting object");
    let err = Document::load(&as_array).unwrap_err();
    assert!(
        matches!(&err, LoadError::Unreadable(detail) if detail.contains("expected")),
        "{err:?}"
    );
    // The same text with the object is read as before.
    assert!(Document::load(V1).is_ok());
}
