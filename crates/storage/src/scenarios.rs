//! Named scenarios kept beside the working data (`Your data`): each a whole
//! document (the state, the clock, who is acting) under a key of its own,
//! stored as Export writes it, so that a scenario's file is one Import reads.

use crate::store::{Store, StoreError};
use crate::{Document, LoadError};
use domain::{Folded, Text};

const KEY_PREFIX: &str = "partner-access-studio/scenario/";

/// The longest name a scenario may have, in characters.
pub const NAME_LIMIT: usize = 80;

/// The characters localStorage holds for one origin in Chromium (and
/// Firefox): 5 MiB of UTF-16 code units, keys and values alike. Browsers
/// do not tell a page its quota; this is what "space left" counts from.
pub const QUOTA_CHARS: usize = 5 * 1024 * 1024;

/// A saved scenario as `Your data` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    pub name: String,
    /// The characters it takes in localStorage (key and value).
    pub chars: usize,
}

/// Why a scenario could not be saved or renamed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioError {
    /// The name is empty (or only spaces).
    NoName,
    /// The name is longer than [`NAME_LIMIT`].
    NameTooLong,
    /// Another scenario has this name (compared case-insensitively).
    Taken(String),
    /// There is no scenario of this name (deleted in another tab).
    Missing(String),
    Store(StoreError),
}

impl ScenarioError {
    pub fn text(&self) -> Text {
        match self {
            ScenarioError::NoName => Text::msg("scenario.no_name"),
            ScenarioError::NameTooLong => {
                domain::text!("scenario.name_too_long", limit = NAME_LIMIT.to_string())
            }
            ScenarioError::Taken(name) => domain::text!("scenario.taken", name = name),
            ScenarioError::Missing(name) => domain::text!("scenario.missing", name = name),
            ScenarioError::Store(e) => e.text(),
        }
    }
}

fn key(name: &str) -> String {
    format!("{KEY_PREFIX}{name}")
}

/// The name as it will be kept: without surrounding spaces, checked.
fn checked_name(name: &str) -> Result<&str, ScenarioError> {
    let name = name.trim();
    if name.is_empty() {
        Err(ScenarioError::NoName)
    } else if name.chars().count() > NAME_LIMIT {
        Err(ScenarioError::NameTooLong)
    } else {
        Ok(name)
    }
}

/// The saved scenario whose name matches `name` case-insensitively.
fn named(store: &impl Store, name: &str) -> Option<String> {
    let wanted = name.folded();
    names(store).into_iter().find(|n| n.folded() == wanted)
}

fn names(store: &impl Store) -> Vec<String> {
    store
        .keys()
        .into_iter()
        .filter_map(|k| k.strip_prefix(KEY_PREFIX).map(str::to_string))
        .collect()
}

/// Every saved scenario, by name.
pub fn list(store: &impl Store) -> Vec<Scenario> {
    let mut all: Vec<Scenario> = names(store)
        .into_iter()
        .map(|name| {
            let key = key(&name);
            Scenario {
                chars: store.chars(&key),
                name,
            }
        })
        .collect();
    // The shared sort: std's sort is about 3 KB of wasm per new use.
    domain::sort::sort_by_cached_key(&mut all, |s| s.name.folded());
    all
}

/// Keeps `doc` as a new scenario called `name`; refuses a name in use.
/// Returns the name as kept.
pub fn save(store: &impl Store, name: &str, doc: &Document) -> Result<String, ScenarioError> {
    let name = checked_name(name)?;
    if let Some(taken) = named(store, name) {
        return Err(ScenarioError::Taken(taken));
    }
    // A document in memory lists no parts (only a stored head does), so
    // its JSON is Export's, as for the document Undo keeps.
    store
        .set(&key(name), &doc.to_json())
        .map_err(ScenarioError::Store)?;
    Ok(name.to_string())
}

/// The stored text of a scenario (Export writes it as it is).
pub fn text(store: &impl Store, name: &str) -> Result<String, ScenarioError> {
    match store.get(&key(name)) {
        Ok(Some(text)) => Ok(text),
        Ok(None) => Err(ScenarioError::Missing(name.to_string())),
        Err(e) => Err(ScenarioError::Store(e)),
    }
}

/// A scenario read back as a document (older versions migrated).
pub fn open(store: &impl Store, name: &str) -> Result<Document, Text> {
    let text = text(store, name).map_err(|e| e.text())?;
    Document::parse(&text).map_err(|e: LoadError| e.text())
}

/// Gives a scenario another name; its contents stay as they are. A change
/// of case alone is allowed.
pub fn rename(store: &impl Store, from: &str, to: &str) -> Result<String, ScenarioError> {
    let to = checked_name(to)?;
    if to == from {
        return Ok(to.to_string());
    }
    if let Some(taken) = named(store, to).filter(|n| n != from) {
        return Err(ScenarioError::Taken(taken));
    }
    let contents = text(store, from)?;
    // Written under the new name before the old one goes: a refused write
    // leaves the scenario where it was.
    store
        .set(&key(to), &contents)
        .map_err(ScenarioError::Store)?;
    store.remove(&key(from));
    Ok(to.to_string())
}

pub fn delete(store: &impl Store, name: &str) {
    store.remove(&key(name));
}

/// The characters every key of the store takes, scenarios and working data
/// alike.
pub fn used_chars(store: &impl Store) -> usize {
    store.keys().iter().map(|k| store.chars(k)).sum()
}

/// Whether the space left is short: under a tenth of the quota, or less
/// than the working data would need to be saved once more as a scenario.
pub fn space_short(used: usize, working: usize) -> bool {
    let left = QUOTA_CHARS.saturating_sub(used);
    left < QUOTA_CHARS / 10 || left < working
}
