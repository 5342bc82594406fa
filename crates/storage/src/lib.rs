//! The persisted document: one versioned JSON value holding the whole state,
//! the simulated clock and who the user acts as.
//!
//! Parsing is native code with tests; [`browser`] only moves strings in and
//! out of localStorage.

pub mod browser;
pub mod json;
pub mod parts;
pub mod save;
pub mod scenarios;
pub mod store;

use domain::{Actor, State, Text, Timestamp};
use serde::{Deserialize, Serialize};

/// Bumped on every change of the stored shape; each older version gets a
/// step in [`migrate`].
///
/// - 1: the first release.
/// - 2: users carry `last_active` (the dormant-access review); the document
///   counts read outbox emails (`mail_read`).
/// - 3: audit summaries, email subjects and bodies are message ids (`Text`).
/// - 4: client users carry `via_partner`, the partner route the client took
///   (R-CAM-5a); Super Admins no longer hold the multi-account management
///   tools (R-PERM-3).
pub const SCHEMA_VERSION: u32 = 4;

/// Larger files are refused by Import before they are read.
pub const IMPORT_LIMIT_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// Every localStorage key the app uses, in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageKey {
    /// The current document.
    Document,
    /// The revision of the stored document, alone: a tab checks it before
    /// every change without reading the whole document.
    Revision,
    /// Unreadable text found at start, kept aside until the user discards
    /// it; several slots, so that a second bad start never overwrites the first.
    Quarantine(u8),
    /// The language the person chose (a code such as `nb`).
    Language,
    /// The document the last Import or Reset replaced (for its Undo).
    Replaced,
}

/// How many unreadable documents can be kept aside.
pub const QUARANTINE_SLOTS: u8 = 5;

impl StorageKey {
    pub fn name(self) -> String {
        match self {
            StorageKey::Document => "partner-access-studio/document".into(),
            StorageKey::Revision => "partner-access-studio/revision".into(),
            StorageKey::Quarantine(n) => format!("partner-access-studio/unreadable/{n}"),
            StorageKey::Language => "partner-access-studio/language".into(),
            StorageKey::Replaced => "partner-access-studio/replaced".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub schema_version: u32,
    /// Increases with every saved change (two tabs compare it).
    pub revision: u64,
    /// The simulated "now".
    pub clock: Timestamp,
    /// Who the person at the keyboard acts as.
    pub acting: Actor,
    /// How many outbox emails have been seen (the top bar counts the rest).
    #[serde(default)]
    pub mail_read: usize,
    pub state: State,
    /// Only in a stored head: the parts (under keys of their own) that hold
    /// the users, audit entries and emails (see [`parts`]). Empty in memory
    /// and in exported files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<std::sync::Arc<str>>,
}

/// Why stored text could not become a document, in words for the banner
/// ([`LoadError::text`]; `Display` is its English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    Empty,
    Unreadable(String),
    NewerVersion(u32),
    UnknownVersion(u64),
    Invalid(Vec<String>),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    /// The error in the reader's words (the technical detail stays as is).
    pub fn text(&self) -> Text {
        match self {
            LoadError::Empty => Text::msg("load.empty"),
            LoadError::Unreadable(detail) => domain::text!("load.unreadable", detail = detail),
            LoadError::NewerVersion(v) => {
                domain::text!(
                    "load.newer_version",
                    version = *v,
                    supported = SCHEMA_VERSION
                )
            }
            LoadError::UnknownVersion(v) => {
                domain::text!("load.unknown_version", version = v.to_string())
            }
            LoadError::Invalid(problems) => {
                domain::text!("load.invalid", problems = problems.join("; "))
            }
        }
    }
}

/// A document read from text, and the version it was stored in when that
/// was older (it then still needs to be saved in the current shape).
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub doc: Document,
    pub upgraded_from: Option<u32>,
}

/// The largest revision or audit number a document may hold: far beyond
/// any real use, and far from wrapping when counted on.
const MAX_COUNTER: u64 = u64::MAX / 2;

/// 9999-12-31 23:59:59 UTC, the last second a stored date may hold.
const LAST_STORED_SECOND: i64 = 253_402_300_799;

/// How many problems a refused document lists: enough to fix a file by
/// hand, not a wall of text.
const PROBLEMS_SHOWN: usize = 5;

impl Document {
    /// The demo data set, acting as the first client's Super Admin.
    pub fn demo() -> Document {
        let state = domain::demo::state();
        let acting = default_actor(&state).unwrap_or(Actor {
            account: domain::demo::FJORD,
            user: domain::UserId(0),
        });
        Document {
            schema_version: SCHEMA_VERSION,
            revision: 0,
            clock: domain::demo::start(),
            acting,
            mail_read: 0,
            state,
            parts: Vec::new(),
        }
    }

    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn parse(text: &str) -> Result<Document, LoadError> {
        Document::load(text).map(|l| l.doc)
    }

    /// Reads, upgrades and validates stored or imported text.
    pub fn load(text: &str) -> Result<Loaded, LoadError> {
        let (doc, version) = Document::read_head(text)?;
        if !doc.parts.is_empty() {
            return Err(LoadError::Unreadable(
                "this is only the head of a document whose parts are stored elsewhere".into(),
            ));
        }
        Document::finish(doc, version)
    }

    /// Parses text with a known schema version, without checking it yet.
    fn read_head(text: &str) -> Result<(Document, u32), LoadError> {
        if text.trim().is_empty() {
            return Err(LoadError::Empty);
        }
        // Read the version alone first, so that a document from a later
        // release is recognised as such rather than as garbage. (Parsing
        // straight from the text, not through serde_json::Value, keeps one
        // deserializer in the wasm instead of two.)
        #[derive(Deserialize)]
        struct Version {
            schema_version: u64,
        }
        let version = json::from_str::<Version>(text)
            .map_err(|e| LoadError::Unreadable(e.to_string()))?
            .schema_version;
        if version > SCHEMA_VERSION as u64 {
            return Err(LoadError::NewerVersion(version.min(u32::MAX as u64) as u32));
        }
        if version == 0 {
            return Err(LoadError::UnknownVersion(version));
        }
        let version = version as u32;
        let doc: Document =
            json::from_str(text).map_err(|e| LoadError::Unreadable(e.to_string()))?;
        Ok((doc, version))
    }

    /// Upgrades and validates a whole document.
    fn finish(mut doc: Document, version: u32) -> Result<Loaded, LoadError> {
        migrate(&mut doc, version);
        doc.validate()?;
        doc.repair_acting();
        Ok(Loaded {
            doc,
            upgraded_from: (version < SCHEMA_VERSION).then_some(version),
        })
    }

    /// The checks the domain relies on and serde cannot make; lists the
    /// first few problems, not only the first.
    fn validate(&self) -> Result<(), LoadError> {
        let problems: Vec<String> = self.problems().take(PROBLEMS_SHOWN).collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(LoadError::Invalid(problems))
        }
    }

    fn problems(&self) -> impl Iterator<Item = String> + '_ {
        self.counter_problems()
            .into_iter()
            .chain(self.state.accounts.iter().flat_map(account_problems))
            .chain(self.time_problems())
    }

    /// What the core assumes of the whole document and a hand-edited file
    /// can break: each problem names the field to fix.
    fn counter_problems(&self) -> Vec<String> {
        let state = &self.state;
        let mut problems = Vec::new();
        // `State::account` searches by id: ids must ascend, each once.
        if let Some(w) = state.accounts.windows(2).find(|w| w[0].id >= w[1].id) {
            problems.push(if w[0].id == w[1].id {
                format!("state.accounts: two accounts share the id {}", w[1].id.0)
            } else {
                format!(
                    "state.accounts: account {} is listed after account {}; list them by id",
                    w[1].id.0, w[0].id.0
                )
            });
        }
        // A new user takes `next_user_id`: at or below an existing id it
        // would replace that user (the only Super Admin, say).
        let highest = state
            .accounts
            .iter()
            .flat_map(|a| a.users.iter().map(|u| u.id.0))
            .max();
        if let Some(highest) = highest.filter(|h| *h >= state.next_user_id) {
            problems.push(format!(
                "state.next_user_id is {}; it must be above the highest user id, {highest}",
                state.next_user_id
            ));
        }
        // Room for the largest batch, so that ids never wrap around.
        if state.next_user_id > u32::MAX - domain::MAX_BATCH as u32 {
            problems.push(format!(
                "state.next_user_id is {}, too large to add users",
                state.next_user_id
            ));
        }
        if self.revision > MAX_COUNTER {
            problems.push(format!("revision is {}, too large", self.revision));
        }
        if let Some(e) = state.audit.iter().find(|e| e.seq > MAX_COUNTER) {
            problems.push(format!("state.audit: seq {} is too large", e.seq));
        }
        if let Some(e) = state.audit.windows(2).find(|w| w[0].seq >= w[1].seq) {
            problems.push(format!(
                "state.audit: entry {} follows entry {}; entries are numbered in order",
                e[1].seq, e[0].seq
            ));
        }
        if self.mail_read > state.outbox.len() {
            problems.push(format!(
                "mail_read is {}, more than the {} emails in the outbox",
                self.mail_read,
                state.outbox.len()
            ));
        }
        for acc in &state.accounts {
            if let Some(s) = acc.custom_sets.iter().find(|s| s.id > u32::MAX / 2) {
                problems.push(format!("{}: custom set id {} is too large", acc.name, s.id));
            }
        }
        problems
    }

    /// Every date the rules compute with lies between 1970 and 9999: the
    /// calendar the screens show ends there, and the clock moves on from it.
    fn time_problems(&self) -> impl Iterator<Item = String> + '_ {
        let state = &self.state;
        let bad = |t: &Timestamp| !(0..=LAST_STORED_SECOND).contains(&t.0);
        let clock = bad(&self.clock).then(|| {
            format!(
                "clock: {} is not a date between 1970 and 9999",
                self.clock.0
            )
        });
        let users = state.accounts.iter().flat_map(move |a| {
            a.users
                .iter()
                .filter(move |u| bad(&u.last_change) || bad(&u.last_active))
                .map(move |u| format!("{}: {} has a date outside 1970–9999", a.name, u.email))
        });
        let links = state
            .links
            .iter()
            .filter(move |l| {
                bad(&l.issued_at)
                    || bad(&l.expires_at)
                    || l.revoked_at.as_ref().is_some_and(bad)
                    || l.used_in.iter().any(|(_, t)| bad(t))
            })
            .map(|l| format!("state.links: link {} has a date outside 1970–9999", l.token));
        let relationships = state
            .relationships
            .iter()
            .filter(move |r| bad(&r.last_activity) || r.ended_on.as_ref().is_some_and(bad))
            .map(|r| {
                format!(
                    "state.relationships: partner {} and client {} have a date outside 1970–9999",
                    r.partner.0, r.client.0
                )
            });
        let audit = state
            .audit
            .iter()
            .filter(move |e| bad(&e.at))
            .map(|e| format!("state.audit: entry {} has a date outside 1970–9999", e.seq));
        let outbox = state.outbox.iter().filter(move |m| bad(&m.at)).map(|m| {
            format!(
                "state.outbox: an email to {} has a date outside 1970–9999",
                m.to
            )
        });
        clock
            .into_iter()
            .chain(users)
            .chain(links)
            .chain(relationships)
            .chain(audit)
            .chain(outbox)
    }

    /// A stored actor that no longer exists falls back to a Super Admin.
    fn repair_acting(&mut self) {
        if self
            .state
            .user(self.acting.account, self.acting.user)
            .is_none()
        {
            if let Some(a) = default_actor(&self.state) {
                self.acting = a;
            }
        }
    }
}

/// The first active Super Admin of the first client account (or any account).
pub fn default_actor(state: &State) -> Option<Actor> {
    let pick = |a: &domain::Account| {
        a.users
            .iter()
            .find(|u| u.is_active() && u.is_super_admin())
            .map(|u| Actor {
                account: a.id,
                user: u.id,
            })
    };
    state
        .clients()
        .find_map(pick)
        .or_else(|| state.accounts.iter().find_map(pick))
}

/// Upgrades a document stored at version `from` to [`SCHEMA_VERSION`], one
/// step per version, so that every earlier version keeps loading.
pub fn migrate(doc: &mut Document, from: u32) {
    if from < 2 {
        // Version 1 kept no activity; the last change of a user is the
        // latest moment known to involve them.
        for acc in &mut doc.state.accounts {
            for u in &mut acc.users {
                u.last_active = u.last_change;
            }
        }
    }
    // Version 3 stores audit summaries, email subjects and bodies as message
    // ids with arguments (`Text`) so that they read in the reader's language.
    // Nothing to convert: the plain English strings of versions 1 and 2 load
    // as `Text::Plain` and show as they were written.
    if from < 4 {
        // Until version 4 a partner employee was one by domain and
        // membership alone; those who were keep their standing.
        domain::assume_partner_routes(&mut doc.state);
        // And Super Admins held the multi-account management tools, which
        // only the Partner admin set has (R-PERM-3).
        for acc in &mut doc.state.accounts {
            let ids: Vec<_> = acc
                .users
                .iter()
                .filter(|u| u.is_super_admin())
                .map(|u| u.id)
                .collect();
            for id in ids {
                if let Some(u) = acc.user_mut(id) {
                    u.permissions = domain::super_admin();
                }
            }
        }
    }
    doc.schema_version = SCHEMA_VERSION;
}

fn account_problems(acc: &domain::Account) -> Vec<String> {
    let mut problems = Vec::new();
    if acc.active_super_admins() == 0 {
        problems.push(format!("{} has no active Super Admin (R-CL-4)", acc.name));
    }
    let mut emails: Vec<&str> = acc.users.iter().map(|u| u.email.as_str()).collect();
    domain::sort::sort(&mut emails);
    if let Some(w) = emails.windows(2).find(|w| w[0] == w[1]) {
        problems.push(format!("{} lists {} twice (R-ACC-2)", acc.name, w[0]));
    }
    let seatless = acc
        .users
        .iter()
        .find(|u| u.is_partner_admin() && u.seat != domain::Seat::Partner);
    if let Some(u) = seatless {
        problems.push(format!(
            "{} is Partner admin without a Partner seat (R-SEAT-6)",
            u.email
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_document_round_trips() {
        let doc = Document::demo();
        let back = Document::parse(&doc.to_json()).unwrap();
        assert_eq!(back, doc);
    }

    #[test]
    fn bad_text_gives_a_clear_error_and_never_panics() {
        assert_eq!(Document::parse(""), Err(LoadError::Empty));
        assert!(matches!(
            Document::parse("{\"schema_version\":1"),
            Err(LoadError::Unreadable(_))
        ));
        assert!(matches!(
            Document::parse("[1,2,3]"),
            Err(LoadError::Unreadable(_))
        ));
        assert!(matches!(
            Document::parse("{\"schema_version\":\"x\"}"),
            Err(LoadError::Unreadable(_))
        ));
        let newer = Document::demo().to_json().replacen(
            &format!("\"schema_version\":{SCHEMA_VERSION}"),
            "\"schema_version\":99",
            1,
        );
        assert_eq!(Document::parse(&newer), Err(LoadError::NewerVersion(99)));
        let json = Document::demo().to_json();
        for cut in [1, json.len() / 3, json.len() - 1] {
            assert!(Document::parse(&json[..cut]).is_err());
        }
    }

    #[test]
    fn a_document_without_a_super_admin_is_refused() {
        let mut doc = Document::demo();
        for u in &mut doc.state.accounts[0].users {
            u.set = None;
        }
        assert!(matches!(
            Document::parse(&doc.to_json()),
            Err(LoadError::Invalid(_))
        ));
    }

    #[test]
    fn a_stale_actor_falls_back_to_a_super_admin() {
        let mut doc = Document::demo();
        doc.acting.user = domain::UserId(9999);
        let back = Document::parse(&doc.to_json()).unwrap();
        assert!(back
            .state
            .user(back.acting.account, back.acting.user)
            .unwrap()
            .is_super_admin());
    }
}
