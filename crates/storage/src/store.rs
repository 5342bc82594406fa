//! Where stored text lives: a key-value store of strings, as localStorage
//! is. The save protocol ([`super::save`]) is written against [`Store`], so
//! that it runs the same over the browser's localStorage
//! ([`super::browser::BrowserStore`]) and over [`MemoryStore`] in native
//! tests, which can refuse or cut off any write to prove that no fault
//! loses data.

use domain::Text;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Why the store did not do what was asked. The shell matches on these;
/// [`StoreError::text`] says them in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The quota is used up (`QuotaExceededError`).
    Full,
    /// The browser forbids storage for this page (privacy settings).
    Blocked,
    /// There is no storage at all (no window, no localStorage).
    Unavailable,
    /// A stored value could not be read as text.
    Unreadable,
    /// Anything else the browser said, by its exception's name.
    Refused(String),
}

impl StoreError {
    pub fn text(&self) -> Text {
        match self {
            StoreError::Full => Text::msg("storage.full"),
            StoreError::Blocked => Text::msg("storage.blocked"),
            StoreError::Unavailable => Text::msg("storage.unavailable"),
            StoreError::Unreadable => Text::msg("storage.unreadable"),
            StoreError::Refused(name) => domain::text!("storage.refused", reason = name),
        }
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

/// A store of strings under string keys.
pub trait Store {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Deleting cannot fail in localStorage; a key left behind by a stopped
    /// save is removed as an orphan at a later start.
    fn remove(&self, key: &str);
    fn keys(&self) -> Vec<String>;
    /// The characters `key` takes, counted as the quota counts them: the
    /// key's and the value's UTF-16 code units (0 when there is no value).
    fn chars(&self, key: &str) -> usize;
}

/// What a [`MemoryStore`] does at its k-th change (`set` or `remove`,
/// counted from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The k-th change is refused as if the quota were full; later ones
    /// are carried out.
    RefuseAt(usize),
    /// The process stops before the k-th change: it and every later one
    /// never happen (a closed tab, a crash).
    StopAt(usize),
}

/// An in-memory [`Store`] with an optional quota (in characters, counted
/// as localStorage counts them: keys and values) and an optional fault.
#[derive(Debug, Default)]
pub struct MemoryStore {
    items: RefCell<BTreeMap<String, String>>,
    quota: Option<usize>,
    fault: RefCell<Option<Fault>>,
    changes: RefCell<usize>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// A store holding at most `chars` characters of keys and values.
    pub fn with_quota(chars: usize) -> MemoryStore {
        MemoryStore {
            quota: Some(chars),
            ..MemoryStore::default()
        }
    }

    /// A store holding `items`, with the quota of `like` (to try a fault on
    /// a copy of a store as it was).
    pub fn copy_of(like: &MemoryStore) -> MemoryStore {
        MemoryStore {
            items: RefCell::new(like.snapshot()),
            quota: like.quota,
            ..MemoryStore::default()
        }
    }

    /// Arms a fault, counting changes from now on.
    pub fn inject(&self, fault: Option<Fault>) {
        *self.fault.borrow_mut() = fault;
        *self.changes.borrow_mut() = 0;
    }

    /// Changes made (or attempted) since the last [`MemoryStore::inject`].
    pub fn changes(&self) -> usize {
        *self.changes.borrow()
    }

    /// Everything stored, for comparing two moments.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.items.borrow().clone()
    }

    fn used(&self) -> usize {
        self.items.borrow().iter().map(|(k, v)| units(k, v)).sum()
    }

    /// Counts a change; `Err` when the armed fault says it does not happen
    /// (`Ok(false)`: stopped, silently).
    fn count(&self) -> Result<bool, StoreError> {
        let k = {
            let mut n = self.changes.borrow_mut();
            *n += 1;
            *n
        };
        match *self.fault.borrow() {
            Some(Fault::RefuseAt(at)) if at == k => Err(StoreError::Full),
            Some(Fault::StopAt(at)) if k >= at => Ok(false),
            _ => Ok(true),
        }
    }
}

impl Store for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.items.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if !self.count()? {
            return Ok(());
        }
        if let Some(quota) = self.quota {
            let old = self.items.borrow().get(key).map_or(0, |v| units(key, v));
            let new = units(key, value);
            if self.used() - old + new > quota {
                return Err(StoreError::Full);
            }
        }
        self.items
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) {
        if let Ok(true) = self.count() {
            self.items.borrow_mut().remove(key);
        }
    }

    fn keys(&self) -> Vec<String> {
        self.items.borrow().keys().cloned().collect()
    }

    fn chars(&self, key: &str) -> usize {
        self.items.borrow().get(key).map_or(0, |v| units(key, v))
    }
}

/// What a key and its value take of the quota: UTF-16 code units, as a
/// browser counts them.
fn units(key: &str, value: &str) -> usize {
    key.encode_utf16().count() + value.encode_utf16().count()
}
