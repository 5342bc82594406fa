//! Browser tests: storage against a real localStorage in headless Chromium.
#![cfg(target_arch = "wasm32")]

use domain::{Lang, MESSAGES};
use storage::browser::{self, BrowserStore};
use storage::save::{self, KeptAside};
use storage::store::StoreError;
use storage::{Document, StorageKey};
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

/// What the core says, in English, as the app installs it after fetching
/// it at start (the browser build compiles no catalogue in).
fn english() {
    assert!(MESSAGES.install(Lang::En, include_str!("../../../locales/domain/en.json")));
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
    english();
    clear();
    // Written past the app (which stores JSON only), as damage would be.
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item(
            &StorageKey::Document.name(),
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
    english();
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
    assert_eq!(err, StoreError::Full);
    assert!(err.to_string().contains("full"), "{err}");
    clear();
    assert!(browser::write(StorageKey::Document, "{}").is_ok());
    clear();
}

#[wasm_bindgen_test]
fn unreadable_text_goes_to_a_free_slot_never_over_an_earlier_one() {
    use storage::QUARANTINE_SLOTS;
    clear();
    let head = |n: u8| -> Option<String> {
        let text = browser::read(StorageKey::Quarantine(n)).unwrap()?;
        Some(serde_json::from_str::<KeptAside>(&text).unwrap().head)
    };
    assert!(save::keep_aside(&BrowserStore, "first"));
    assert!(save::keep_aside(&BrowserStore, "second"));
    assert_eq!(head(0).as_deref(), Some("first"));
    assert_eq!(head(1).as_deref(), Some("second"));
    for _ in 2..QUARANTINE_SLOTS {
        assert!(save::keep_aside(&BrowserStore, "more"));
    }
    assert!(
        !save::keep_aside(&BrowserStore, "no room left"),
        "a full set of slots must say so"
    );
    assert_eq!(head(0).as_deref(), Some("first"));
    clear();
}

/// Invalid UTF-16 (a lone surrogate, which only JavaScript can write) reads
/// as replacement characters and then as a clear error, never a panic.
#[wasm_bindgen_test]
fn invalid_utf16_in_storage_is_a_clear_error() {
    clear();
    // Set from JavaScript so that the surrogate really is stored unpaired.
    let set = js_sys::Function::new_with_args(
        "k",
        "localStorage.setItem(k, '{\"schema_version\": 3, \"state\": \"\\uD800\"}')",
    );
    set.call1(
        &wasm_bindgen::JsValue::NULL,
        &StorageKey::Document.name().into(),
    )
    .unwrap();
    let text = browser::read(StorageKey::Document).unwrap().unwrap();
    assert!(text.contains('\u{FFFD}'), "{text:?}");
    assert!(Document::parse(&text).is_err());
    clear();
}

/// A document saved in parts reads back whole from the real localStorage,
/// and a second save after one change writes far less than the first.
#[wasm_bindgen_test]
fn a_split_save_reads_back_and_writes_only_what_changed() {
    use storage::parts;
    clear();
    let mut doc = Document::demo();
    domain::demo::grow_audit_log(&mut doc.state, 600);
    let mut stored = parts::Written::default();
    let first = parts::plan(&mut doc, &stored);
    save::write_plan(&BrowserStore, &first, None).unwrap();
    let first_bytes = first.bytes();
    stored.commit(first);
    doc.revision += 1;
    doc.mail_read = 1;
    let second = parts::plan(&mut doc, &stored);
    save::write_plan(&BrowserStore, &second, Some(doc.revision - 1)).unwrap();
    assert!(second.parts.is_empty(), "only the head changed");
    assert!(second.bytes() < first_bytes / 4);
    let head = browser::read(StorageKey::Document).unwrap().unwrap();
    let (loaded, _) = save::load(&BrowserStore, &head).unwrap();
    assert_eq!(loaded.doc, doc);
    clear();
}
