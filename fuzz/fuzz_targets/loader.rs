//! The stored-document loader on arbitrary input: it must never panic, and
//! whatever it accepts must satisfy the invariants the domain relies on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storage::Document;

fuzz_target!(|data: &[u8]| {
    // localStorage holds text; bytes that are not UTF-8 reach the loader
    // as replacement characters.
    let text = String::from_utf8_lossy(data);
    if let Ok(loaded) = Document::load(&text) {
        let doc = loaded.doc;
        for acc in &doc.state.accounts {
            assert!(acc.active_super_admins() > 0, "{} has no Super Admin", acc.name);
        }
        // What was accepted saves and loads again unchanged.
        let again = Document::load(&doc.to_json()).expect("a saved document loads");
        assert_eq!(again.doc, doc);
    }
});
