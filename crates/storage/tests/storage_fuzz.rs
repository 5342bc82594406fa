//! Whatever text localStorage hands back, loading never panics: it yields a
//! document that keeps the invariants, or a clear error.

use domain::*;
use proptest::prelude::*;
use storage::{Document, LoadError};

fn demo_json() -> String {
    Document::demo().to_json()
}

fn holds_invariants(doc: &Document) -> bool {
    doc.state.accounts.iter().all(|a| {
        a.active_super_admins() > 0
            && a.users
                .iter()
                .zip(a.users.iter().skip(1))
                .all(|(x, y)| x.id < y.id)
            && a.users
                .iter()
                .filter(|u| u.is_partner_admin())
                .all(|u| u.seat == Seat::Partner)
    }) && doc
        .state
        .user(doc.acting.account, doc.acting.user)
        .is_some()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(doc) = Document::parse(&text) {
            prop_assert!(holds_invariants(&doc));
        }
    }

    #[test]
    fn a_mutated_valid_document_loads_valid_or_fails_clearly(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6)
    ) {
        let mut bytes = demo_json().into_bytes();
        for (at, byte, kind) in edits {
            if bytes.is_empty() { break; }
            let i = at.index(bytes.len());
            match kind {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.truncate(i),
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        match Document::parse(&text) {
            Ok(doc) => prop_assert!(holds_invariants(&doc)),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

#[test]
fn a_duplicate_email_in_a_stored_account_is_refused() {
    let mut doc = Document::demo();
    let acc = &mut doc.state.accounts[2];
    let copy = User {
        id: UserId(9_999),
        ..acc.users.iter().next().unwrap().clone()
    };
    acc.put_user(copy);
    assert!(
        matches!(Document::parse(&doc.to_json()), Err(LoadError::Invalid(m)) if m.iter().any(|p| p.contains("twice")))
    );
}

/// Edits `json`'s users of the first account (a hand-edited document).
fn with_first_users(edit: impl FnOnce(&mut Vec<serde_json::Value>)) -> String {
    let mut json: serde_json::Value = serde_json::from_str(&demo_json()).unwrap();
    let users = json["state"]["accounts"][0]["users"]
        .as_array_mut()
        .unwrap();
    edit(users);
    json.to_string()
}

#[test]
fn a_user_id_listed_twice_is_refused_not_dropped() {
    let text = with_first_users(|users| {
        let mut copy = users[0].clone();
        copy["email"] = "someone.else@example.com".into();
        users.push(copy);
    });
    let err = Document::parse(&text).unwrap_err();
    assert!(err.to_string().contains("listed twice"), "{err}");
}

#[test]
fn users_listed_out_of_order_load_in_order() {
    let text = with_first_users(|users| users.reverse());
    let doc = Document::parse(&text).unwrap();
    assert_eq!(doc, Document::demo());
}

#[test]
fn a_partner_admin_without_a_partner_seat_is_refused() {
    let mut doc = Document::demo();
    let u = doc
        .state
        .accounts
        .iter_mut()
        .flat_map(|a| a.users.iter_mut())
        .find(|u| u.is_partner_admin())
        .unwrap();
    u.seat = Seat::Core;
    let parsed = Document::parse(&doc.to_json());
    assert!(
        matches!(&parsed, Err(LoadError::Invalid(m)) if m.iter().any(|p| p.contains("R-SEAT-6"))),
        "{parsed:?}"
    );
}
