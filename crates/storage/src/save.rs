//! The save protocol over a [`Store`]: how a document is read at start,
//! written after a change, kept aside when unreadable, and how a tab tells
//! that another tab saved meanwhile.
//!
//! The rules that keep every stored moment whole:
//!
//! - A save writes new parts first, then the head that lists them, then the
//!   revision key; only then are the keys the head no longer lists deleted.
//!   Until the head is written the previous head and its parts are intact.
//! - A tab knows the revision it last read or wrote. A save whose tab finds
//!   another revision stored (a strictly newer one, or the same number
//!   written by another tab while this tab's own save failed) writes
//!   nothing: the tab takes the stored document instead. The check is made
//!   before the first write and again just before the head.
//! - Parts no head lists are deleted at start only when their key's
//!   revision is not newer than the head read: a newer part belongs to a
//!   save another tab has not finished.
//! - Unreadable data is copied aside whole (the head and every part) before
//!   anything may be saved over it; when it cannot be copied, nothing is
//!   saved over it.

use super::parts::{self, SavePlan, Written};
use super::store::{Store, StoreError};
use super::{Document, LoadError, Loaded, StorageKey, QUARANTINE_SLOTS};

/// Why a save wrote nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// Another tab saved since this tab last read or wrote: its document
    /// stands, and this tab should show it.
    Conflict,
    /// The store refused a write (a full quota, say); the previous document
    /// is stored unchanged.
    Store(StoreError),
}

impl From<StoreError> for SaveError {
    fn from(e: StoreError) -> Self {
        SaveError::Store(e)
    }
}

/// The revision stored under the revision key, if any.
pub fn stored_revision(store: &impl Store) -> Option<u64> {
    store
        .get(&StorageKey::Revision.name())
        .ok()
        .flatten()?
        .trim()
        .parse()
        .ok()
}

fn ensure_unchanged(store: &impl Store, known: Option<u64>) -> Result<(), SaveError> {
    if stored_revision(store) == known {
        Ok(())
    } else {
        Err(SaveError::Conflict)
    }
}

/// Reads a head and the parts it lists.
pub fn load(store: &impl Store, head: &str) -> Result<(Loaded, Written), LoadError> {
    parts::load(head, |key| store.get(key).ok().flatten())
}

/// What was found at start.
#[derive(Debug)]
pub enum Opened {
    /// Nothing stored yet.
    Nothing,
    /// The stored document, what its head lists, and the stored revision.
    Document {
        loaded: Box<Loaded>,
        written: Written,
        revision: Option<u64>,
    },
    /// Stored data that could not be read: kept aside whole (`kept`), or,
    /// when there was no room to copy it, left where it is.
    Unreadable { error: LoadError, kept: bool },
    /// The store itself could not be read.
    Failed(StoreError),
}

/// Reads what is stored at start; deletes parts left by an interrupted
/// save; keeps unreadable data aside.
pub fn open(store: &impl Store) -> Opened {
    let head = match store.get(&StorageKey::Document.name()) {
        Ok(Some(head)) => head,
        Ok(None) => return Opened::Nothing,
        Err(e) => return Opened::Failed(e),
    };
    match load(store, &head) {
        Ok((loaded, written)) => {
            remove_orphan_parts(store, &written, loaded.doc.revision);
            Opened::Document {
                loaded: Box::new(loaded),
                written,
                revision: stored_revision(store),
            }
        }
        Err(error) => {
            let kept = keep_aside(store, &head);
            Opened::Unreadable { error, kept }
        }
    }
}

/// Writes a save planned against what this tab knows is stored (`known`,
/// the revision it last read or wrote).
pub fn write_plan(
    store: &impl Store,
    plan: &SavePlan,
    known: Option<u64>,
) -> Result<(), SaveError> {
    ensure_unchanged(store, known)?;
    for (i, (key, json)) in plan.parts.iter().enumerate() {
        if let Err(e) = store.set(key, json) {
            for (written, _) in &plan.parts[..i] {
                store.remove(written);
            }
            return Err(e.into());
        }
    }
    // The parts this head carries over were read or written at `known`;
    // while that is still the stored revision, they are all there.
    let head = ensure_unchanged(store, known)
        .and_then(|()| Ok(store.set(&StorageKey::Document.name(), &plan.head)?));
    if let Err(e) = head {
        // The old head and its parts are intact; drop the unused new parts.
        for (key, _) in &plan.parts {
            store.remove(key);
        }
        return Err(e);
    }
    store.set(&StorageKey::Revision.name(), &plan.revision.to_string())?;
    for key in &plan.obsolete {
        store.remove(key);
    }
    Ok(())
}

/// Writes the whole document under the document key, over whatever head or
/// document is there, then deletes the parts the old head listed.
pub fn write_whole(
    store: &impl Store,
    json: &str,
    revision: u64,
    old: &Written,
    known: Option<u64>,
) -> Result<(), SaveError> {
    ensure_unchanged(store, known)?;
    store.set(&StorageKey::Document.name(), json)?;
    store.set(&StorageKey::Revision.name(), &revision.to_string())?;
    for key in old.keys() {
        store.remove(&key);
    }
    Ok(())
}

/// What one tab knows of the stored document, and how it writes the next
/// revision: the parts that changed and the head, or the whole document
/// where the parts do not fit beside it.
#[derive(Debug, Default)]
pub struct Saver {
    /// The revision this tab last read from or wrote to the store; any
    /// other revision found there means another tab saved since.
    stored: Option<u64>,
    /// The parts of the stored document, so that a save writes only the
    /// ones that changed.
    written: Written,
    /// Set when the split layout did not fit beside a whole stored document
    /// (one of more than half the quota): this tab then saves whole
    /// documents rather than nothing.
    whole_only: bool,
}

/// What a save wrote: its revision and how many characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    pub revision: u64,
    pub chars: usize,
}

impl Saver {
    /// A tab that read (or found) `stored`, held in the parts `written`.
    pub fn new(stored: Option<u64>, written: Written) -> Saver {
        Saver {
            stored,
            written,
            whole_only: false,
        }
    }

    /// The revision this tab last read or wrote.
    pub fn stored(&self) -> Option<u64> {
        self.stored
    }

    /// This tab now knows `revision` as the stored one (it took over
    /// another tab's document, or replaces whatever is stored).
    pub fn know(&mut self, revision: Option<u64>) {
        self.stored = revision;
    }

    /// This tab took over another tab's document, stored in `written`.
    pub fn adopt(&mut self, revision: u64, written: Written) {
        self.stored = Some(revision);
        self.written = written;
    }

    /// The next save writes every part: the document is a different one.
    pub fn forget_contents(&mut self) {
        self.written.forget_contents();
    }

    /// Writes `doc` against the revision this tab knows; then this tab
    /// knows the new one. `time_plan` guards the planning (a benchmark
    /// reads how long it took). Nothing is known anew when it fails.
    pub fn save<G>(
        &mut self,
        store: &impl Store,
        doc: &mut Document,
        time_plan: impl FnOnce() -> G,
    ) -> Result<Saved, SaveError> {
        if !self.whole_only {
            let nothing_split = self.written.is_empty();
            let plan = {
                let _timed = time_plan();
                parts::plan(doc, &self.written)
            };
            match write_plan(store, &plan, self.stored) {
                Ok(()) => {
                    let saved = Saved {
                        revision: plan.revision,
                        chars: plan.bytes(),
                    };
                    self.stored = Some(plan.revision);
                    self.written.commit(plan);
                    return Ok(saved);
                }
                Err(SaveError::Store(StoreError::Full)) if nothing_split => self.whole_only = true,
                Err(e) => return Err(e),
            }
        }
        let json = doc.to_json();
        write_whole(store, &json, doc.revision, &self.written, self.stored)?;
        self.stored = Some(doc.revision);
        self.written = Written::default();
        Ok(Saved {
            revision: doc.revision,
            chars: json.len(),
        })
    }
}

/// The revision a part's key carries (`…/users-10-0@42` → 42).
fn part_revision(key: &str) -> Option<u64> {
    key.rsplit_once('@')?.1.parse().ok()
}

/// Deletes parts that the head read at `read` does not list (left by a
/// save that was interrupted), but never a part newer than that head: it
/// may belong to a save another tab is making right now.
pub fn remove_orphan_parts(store: &impl Store, written: &Written, read: u64) {
    let listed = domain::sort::set_of(written.keys());
    for key in store.keys() {
        let older = part_revision(&key).is_none_or(|rev| rev <= read);
        if parts::is_part_key(&key) && older && !listed.contains(&key) {
            store.remove(&key);
        }
    }
}

/// Unreadable data as it was kept aside: the text under the document key
/// and every part stored beside it, each as it was.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeptAside {
    pub head: String,
    pub parts: std::collections::BTreeMap<String, String>,
}

/// Copies the unreadable document (`head`, and every part stored, since a
/// head that cannot be read cannot say which parts it lists) into the
/// first free slot, then deletes the copied parts to make room for new
/// data. False when no slot could take it: then nothing may be saved over
/// the original.
pub fn keep_aside(store: &impl Store, head: &str) -> bool {
    let mut parts = std::collections::BTreeMap::new();
    for key in store.keys().into_iter().filter(|k| parts::is_part_key(k)) {
        if let Ok(Some(text)) = store.get(&key) {
            parts.insert(key, text);
        }
    }
    let kept = KeptAside {
        head: head.to_string(),
        parts,
    };
    let json = serde_json::to_string(&kept).unwrap_or_default();
    let slot = (0..QUARANTINE_SLOTS).find(|&n| {
        let key = StorageKey::Quarantine(n).name();
        matches!(store.get(&key), Ok(None)) && store.set(&key, &json).is_ok()
    });
    if slot.is_some() {
        for key in kept.parts.keys() {
            store.remove(key);
        }
    }
    slot.is_some()
}

/// Every kept-aside slot that holds something, with its text.
pub fn kept_aside(store: &impl Store) -> Vec<(u8, String)> {
    (0..QUARANTINE_SLOTS)
        .filter_map(|n| {
            let text = store.get(&StorageKey::Quarantine(n).name()).ok()??;
            Some((n, text))
        })
        .collect()
}

/// Every kept-aside item as one JSON file: each slot's key and exactly the
/// text it holds. `None` when nothing is kept.
pub fn kept_aside_file(store: &impl Store) -> Option<String> {
    let slots: std::collections::BTreeMap<String, String> = kept_aside(store)
        .into_iter()
        .map(|(n, text)| (StorageKey::Quarantine(n).name(), text))
        .collect();
    (!slots.is_empty()).then(|| serde_json::to_string_pretty(&slots).unwrap_or_default())
}

/// Keeps `doc` (what an Import or a Reset replaces) in the one slot for it,
/// over the one kept before. False when the store has no room.
pub fn keep_replaced(store: &impl Store, doc: &Document) -> bool {
    store
        .set(&StorageKey::Replaced.name(), &doc.to_json())
        .is_ok()
}

/// The document the last Import or Reset replaced, if one was kept.
pub fn replaced(store: &impl Store) -> Option<Document> {
    let text = store.get(&StorageKey::Replaced.name()).ok()??;
    Document::parse(&text).ok()
}
