//! localStorage, as strings. Every call reports failure instead of panicking:
//! private mode, a full quota or a missing window are ordinary here.

use super::StorageKey;

fn local_storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .ok_or("no browser window")?
        .local_storage()
        .map_err(|_| "localStorage is blocked in this browser".to_string())?
        .ok_or_else(|| "localStorage is not available".to_string())
}

pub fn read(key: StorageKey) -> Result<Option<String>, String> {
    local_storage()?
        .get_item(&key.name())
        .map_err(|_| "localStorage could not be read".to_string())
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
pub fn write(key: StorageKey, value: &str) -> Result<(), String> {
    local_storage()?.set_item(&key.name(), value).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        if name == "QuotaExceededError" {
            "the browser's storage for this site is full; export your data to keep it".to_string()
        } else {
            format!("the browser refused to save ({name})")
        }
    })
}
