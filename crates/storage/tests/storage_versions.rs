//! Every stored schema version keeps loading; a newer one is refused.

use storage::{Document, LoadError, SCHEMA_VERSION};

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
    assert_eq!(first, &domain::Text::Plain("Time passed".into()));
    assert_eq!(first.render(domain::Lang::Sv), "Time passed");
}

/// The demo document as release 3 (schema version 3) stored it: before
/// client users carried the partner route they came through.
const V3: &str = include_str!("fixtures/document-v3.json");

#[test]
fn a_version_3_document_keeps_its_partner_employees() {
    use domain::demo::{BRIGHTPATH, FJORD, NORDLYS, VAN_DIJK};
    use domain::{partner_of, Email};
    // R-CAM-5a: until version 4, domain and membership alone made a partner
    // employee; those who were keep their standing, nobody else gains it.
    let loaded = Document::load(V3).expect("version 3 still loads");
    assert_eq!(loaded.upgraded_from, Some(3));
    let state = &loaded.doc.state;
    let of = |account, address: &str| {
        let email = Email::parse(address).unwrap();
        let user = state
            .account(account)
            .unwrap()
            .user_by_email(&email)
            .unwrap();
        partner_of(state, user)
    };
    assert_eq!(of(FJORD, "erik.lund@brightpath.io"), Some(BRIGHTPATH));
    assert_eq!(of(VAN_DIJK, "kari.nordmann@nordlys.no"), Some(NORDLYS));
    assert_eq!(of(FJORD, "maja@holm-consulting.dk"), None);
    assert_eq!(of(FJORD, "henrik.dahl@fjordoutdoor.no"), None);
    assert_eq!(loaded.doc, Document::parse(&loaded.doc.to_json()).unwrap());
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

/// The demo document as JSON, changed by `edit`, then loaded.
fn load_edited(edit: impl FnOnce(&mut serde_json::Value)) -> Result<Document, LoadError> {
    let mut value: serde_json::Value = serde_json::from_str(&Document::demo().to_json()).unwrap();
    edit(&mut value);
    Document::parse(&value.to_string())
}

/// The problems of a refused document, as one line.
fn refused(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    match load_edited(edit) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("the edited document was accepted"),
    }
}

#[test]
fn a_next_user_id_at_or_below_an_existing_id_is_refused_naming_the_field() {
    // A low next_user_id would make the next created user replace an
    // existing one, such as the only Super Admin of a client.
    let why = refused(|v| v["state"]["next_user_id"] = 1.into());
    assert!(why.contains("state.next_user_id is 1"), "{why}");
    let why = refused(|v| v["state"]["next_user_id"] = u32::MAX.into());
    assert!(why.contains("too large to add users"), "{why}");
    assert!(load_edited(|_| {}).is_ok());
}

#[test]
fn accounts_out_of_id_order_are_refused() {
    // `State::account` searches by id.
    let why = refused(|v| {
        let accounts = v["state"]["accounts"].as_array_mut().unwrap();
        accounts.swap(0, 2);
    });
    assert!(why.contains("state.accounts"), "{why}");
    assert!(why.contains("list them by id"), "{why}");
}

#[test]
fn a_malformed_link_token_is_refused() {
    let why = refused(|v| {
        v["state"]["links"] = serde_json::json!([{
            "token": "../../x",
            "partner": 1, "employee": 1, "issued_by": 1,
            "issued_at": 1_700_000_000, "expires_at": 1_800_000_000
        }]);
    });
    assert!(why.contains("link token"), "{why}");
}

#[test]
fn dates_past_9999_and_counters_near_their_end_are_refused() {
    let why = refused(|v| v["clock"] = 253_402_300_800i64.into());
    assert!(why.contains("clock"), "{why}");
    let why = refused(|v| v["clock"] = (-1i64).into());
    assert!(why.contains("clock"), "{why}");
    let why = refused(|v| v["revision"] = u64::MAX.into());
    assert!(why.contains("revision"), "{why}");
    let why = refused(|v| v["mail_read"] = 1_000_000.into());
    assert!(why.contains("mail_read"), "{why}");
    let why = refused(|v| {
        v["state"]["audit"][0]["at"] = 300_000_000_000i64.into();
    });
    assert!(why.contains("state.audit"), "{why}");
}
