//! localStorage, through gloo-storage. Every call reports failure instead of
//! panicking: private mode, a full quota or a missing window are ordinary
//! here. Availability is probed once with web-sys, so that gloo's
//! `LocalStorage::raw()` (which throws where storage is blocked) never runs
//! where it would fail.

use super::store::{Store, StoreError};
use super::StorageKey;
use domain::Text;
use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};

thread_local! {
    static AVAILABLE: std::cell::OnceCell<Result<(), StoreError>> =
        const { std::cell::OnceCell::new() };
}

/// Whether this page may use localStorage, asked once.
fn available() -> Result<(), StoreError> {
    AVAILABLE.with(|a| {
        a.get_or_init(|| match web_sys::window().map(|w| w.local_storage()) {
            None => Err(StoreError::Unavailable),
            Some(Err(_)) => Err(StoreError::Blocked),
            Some(Ok(None)) => Err(StoreError::Unavailable),
            Some(Ok(Some(_))) => Ok(()),
        })
        .clone()
    })
}

/// gloo's error as the shell's: the DOMException's name says what happened.
fn store_error(e: StorageError) -> StoreError {
    match e {
        StorageError::JsError(js) => match js.name.as_str() {
            "QuotaExceededError" => StoreError::Full,
            "SecurityError" => StoreError::Blocked,
            name => StoreError::Refused(name.to_string()),
        },
        StorageError::SerdeError(e) => StoreError::Refused(e.to_string()),
        StorageError::KeyNotFound(_) => StoreError::Unreadable,
    }
}

/// The browser's localStorage as a [`Store`]. What the app stores is JSON
/// (documents, parts, numbers), written through gloo's `set` as the very
/// text given.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserStore;

impl Store for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        available()?;
        read_text(key)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        available()?;
        // gloo writes what serde_json makes of a value; a RawValue is
        // written as the text it holds. Text that is not JSON is never
        // stored by the app (tests that need it write it from JavaScript).
        let raw = serde_json::value::RawValue::from_string(value.to_string())
            .map_err(|e| StoreError::Refused(e.to_string()))?;
        LocalStorage::set(key, raw).map_err(store_error)
    }

    fn remove(&self, key: &str) {
        if available().is_ok() {
            LocalStorage::delete(key);
        }
    }

    fn keys(&self) -> Vec<String> {
        if available().is_err() {
            return Vec::new();
        }
        let raw = LocalStorage::raw();
        (0..LocalStorage::length())
            .filter_map(|i| raw.key(i).ok().flatten())
            .collect()
    }

    fn chars(&self, key: &str) -> usize {
        use wasm_bindgen::JsCast;
        // The length of the JS string itself: no copy into wasm memory.
        let value = LocalStorage::raw()
            .unchecked_ref::<RawStorage>()
            .get_item(key);
        match value
            .ok()
            .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
        {
            Some(text) => key.encode_utf16().count() + text.length() as usize,
            None => 0,
        }
    }
}

/// Reads a stored text. gloo's `get` parses JSON into a value, and the
/// conversion of a JS string to a Rust `String` that web-sys generates
/// walks the text one UTF-16 unit at a time in JS: about 90 ms for the 3 MB
/// of a 10,000-user document at start, most of the load. So the text is
/// taken from `getItem` as a JS string and encoded to UTF-8 by the
/// browser's `TextEncoder` (a lone surrogate becomes U+FFFD, as in every
/// other string handed to Rust), copied into wasm memory in one go.
fn read_text(key: &str) -> Result<Option<String>, StoreError> {
    use wasm_bindgen::JsCast;
    let value = LocalStorage::raw()
        .unchecked_ref::<RawStorage>()
        .get_item(key)
        .map_err(|_| StoreError::Unreadable)?;
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    let bytes = TextEncoder::new().encode(&value).to_vec();
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| StoreError::Unreadable)
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `Storage.getItem` returning the JS string itself.
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

/// The stored text under `key`.
pub fn read(key: StorageKey) -> Result<Option<String>, StoreError> {
    BrowserStore.get(&key.name())
}

/// Writes JSON `value` under `key`.
pub fn write(key: StorageKey, value: &str) -> Result<(), StoreError> {
    BrowserStore.set(&key.name(), value)
}

/// Deletes a key (used only after the person asked to discard kept data).
pub fn remove(key: StorageKey) {
    BrowserStore.remove(&key.name());
}

/// A small setting (the language's code), stored as a JSON string.
pub fn remember(key: StorageKey, value: &str) -> Result<(), StoreError> {
    available()?;
    LocalStorage::set(key.name(), value).map_err(store_error)
}

/// A setting stored by [`remember`], or as plain text by earlier releases.
pub fn recall(key: StorageKey) -> Option<String> {
    available().ok()?;
    LocalStorage::get::<String>(key.name())
        .ok()
        .or_else(|| read_text(&key.name()).ok().flatten())
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
    // The browser reads the object URL after this task, when it starts the
    // download: revoked at once, some browsers start nothing. A minute
    // later the download has long begun.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}
