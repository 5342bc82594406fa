//! localStorage, as strings. Every call reports failure instead of panicking:
//! private mode, a full quota or a missing window are ordinary here.

use super::StorageKey;
use crate::domain::Text;

fn local_storage() -> Result<web_sys::Storage, Text> {
    web_sys::window()
        .ok_or_else(|| Text::msg("storage.no_window"))?
        .local_storage()
        .map_err(|_| Text::msg("storage.blocked"))?
        .ok_or_else(|| Text::msg("storage.unavailable"))
}

pub fn read(key: StorageKey) -> Result<Option<String>, Text> {
    read_key(&key.name())
}

/// Reads any key (the parts of a split document have keys of their own).
pub fn read_key(key: &str) -> Result<Option<String>, Text> {
    use wasm_bindgen::JsCast;
    let value = local_storage()?
        .unchecked_ref::<RawStorage>()
        .get_item(key)
        .map_err(|_| Text::msg("storage.unreadable"))?;
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    // The browser encodes the text to UTF-8 natively (a lone surrogate
    // becomes U+FFFD, as in every other string handed to Rust), and the
    // bytes are copied into wasm memory in one go.
    let bytes = TextEncoder::new().encode(&value).to_vec();
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| Text::msg("storage.unreadable"))
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Storage.getItem` returning the JS string itself. The generated
    /// conversion to a Rust `String` walks the text one UTF-16 unit at a
    /// time in JS: about 90 ms for the 3 MB of a 10,000-user document at
    /// start, against a few ms through `TextEncoder`.
    type RawStorage;
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item(
        this: &RawStorage,
        key: &str,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;

    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &wasm_bindgen::JsValue) -> js_sys::Uint8Array;
}

/// Every key in this origin's localStorage.
pub fn keys() -> Vec<String> {
    let Ok(s) = local_storage() else {
        return Vec::new();
    };
    let n = s.length().unwrap_or(0);
    (0..n).filter_map(|i| s.key(i).ok().flatten()).collect()
}

/// Deletes any key; failures are ignored (the key is then left over, and
/// removed as an orphan at a later start).
pub fn remove_key(key: &str) {
    if let Ok(s) = local_storage() {
        let _ = s.remove_item(key);
    }
}

/// Copies unreadable text into the first free quarantine slot; false when
/// none could take it (then nothing may overwrite the original).
pub fn keep_aside(text: &str) -> bool {
    (0..super::QUARANTINE_SLOTS).any(|n| {
        let key = StorageKey::Quarantine(n);
        matches!(read(key), Ok(None)) && write(key, text).is_ok()
    })
}

/// Writes `value`; a refused write (e.g. `QuotaExceededError`) says why.
pub fn write(key: StorageKey, value: &str) -> Result<(), Text> {
    write_key(&key.name(), value)
}

/// Writes any key; a refused write (e.g. `QuotaExceededError`) says why.
pub fn write_key(key: &str, value: &str) -> Result<(), Text> {
    local_storage()?.set_item(key, value).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        if name == "QuotaExceededError" {
            Text::msg("storage.full")
        } else {
            crate::text!("storage.refused", reason = name)
        }
    })
}

/// The revision another tab (or this one) last saved, if any.
pub fn stored_revision() -> Option<u64> {
    read(StorageKey::Revision)
        .ok()
        .flatten()?
        .trim()
        .parse()
        .ok()
}

/// Deletes a key (used only after the user asked to discard kept-aside data).
pub fn remove(key: StorageKey) {
    remove_key(&key.name());
}

/// Calls `on_change` with the new text whenever another tab saves the
/// document. The listener lives as long as the page.
pub fn on_document_saved_elsewhere(on_change: impl Fn(String) + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let Some(window) = web_sys::window() else {
        return;
    };
    let name = StorageKey::Document.name();
    let listener =
        Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |e: web_sys::StorageEvent| {
            if e.key().as_deref() == Some(name.as_str()) {
                if let Some(text) = e.new_value() {
                    on_change(text);
                }
            }
        });
    let _ = window.add_event_listener_with_callback("storage", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// Offers JSON `text` as a file download named `file_name`.
pub fn download(file_name: &str, text: &str) -> Result<(), Text> {
    download_as(file_name, text, "application/json")
}

/// Offers `text` of media type `mime` as a file download.
pub fn download_as(file_name: &str, text: &str, mime: &str) -> Result<(), Text> {
    use wasm_bindgen::JsCast;
    let fail = |_| Text::msg("storage.download_refused");
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| Text::msg("storage.no_window"))?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| Text::msg("storage.download_refused"))?;
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Records the time from its start to its drop as a `performance.measure`
/// entry named `name`, which the browser benchmarks read (and devtools
/// show). A guard rather than a closure: no copy of the timed code per use.
pub struct Measure(&'static str);

impl Measure {
    pub fn start(name: &'static str) -> Measure {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(name);
        }
        Measure(name)
    }
}

impl Drop for Measure {
    fn drop(&mut self) {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.measure_with_start_mark(self.0, self.0);
            p.clear_marks_with_mark_name(self.0);
        }
    }
}
