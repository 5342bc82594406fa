//! Browser tests: storage against a real localStorage in headless Chromium.
#![cfg(target_arch = "wasm32")]

use partner_access_studio::storage::{browser, Document, StorageKey};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn clear() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
}

#[wasm_bindgen_test]
fn a_saved_document_reads_back_the_same() {
    clear();
    let doc = Document::demo();
    browser::write(StorageKey::Document, &doc.to_json()).unwrap();
    let text = browser::read(StorageKey::Document).unwrap().unwrap();
    assert_eq!(Document::parse(&text).unwrap(), doc);
    clear();
}

#[wasm_bindgen_test]
fn corrupted_storage_is_a_clear_error_not_a_panic() {
    clear();
    browser::write(
        StorageKey::Document,
        "{\"schema_version\": 1, \"state\": tru",
    )
    .unwrap();
    let text = browser::read(StorageKey::Document).unwrap().unwrap();
    let err = Document::parse(&text).unwrap_err();
    assert!(err.to_string().contains("not valid JSON"), "{err}");
    clear();
}

#[wasm_bindgen_test]
fn a_full_local_storage_says_so_instead_of_failing_silently() {
    clear();
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    // Fill the quota with 1 MiB chunks, then smaller ones.
    let mut chunk = "x".repeat(1 << 20);
    let mut i = 0;
    while chunk.len() > 16 {
        if storage.set_item(&format!("filler-{i}"), &chunk).is_err() {
            chunk.truncate(chunk.len() / 2);
        }
        i += 1;
    }
    let err = browser::write(StorageKey::Document, &Document::demo().to_json()).unwrap_err();
    assert!(err.contains("full"), "{err}");
    clear();
    assert!(browser::write(StorageKey::Document, "{}").is_ok());
    clear();
}

#[wasm_bindgen_test]
fn unreadable_text_goes_to_a_free_slot_never_over_an_earlier_one() {
    use partner_access_studio::storage::QUARANTINE_SLOTS;
    clear();
    assert!(browser::keep_aside("first"));
    assert!(browser::keep_aside("second"));
    assert_eq!(
        browser::read(StorageKey::Quarantine(0)).unwrap().as_deref(),
        Some("first")
    );
    assert_eq!(
        browser::read(StorageKey::Quarantine(1)).unwrap().as_deref(),
        Some("second")
    );
    for _ in 2..QUARANTINE_SLOTS {
        assert!(browser::keep_aside("more"));
    }
    assert!(
        !browser::keep_aside("no room left"),
        "a full set of slots must say so"
    );
    assert_eq!(
        browser::read(StorageKey::Quarantine(0)).unwrap().as_deref(),
        Some("first")
    );
    clear();
}
