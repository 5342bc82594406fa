//! The persisted document: one versioned JSON value holding the whole state,
//! the simulated clock and who the user acts as.
//!
//! Parsing is native code with tests; [`browser`] only moves strings in and
//! out of localStorage.

pub mod browser;

use crate::domain::{Actor, State, Timestamp};
use serde::{Deserialize, Serialize};

/// Bumped on every change of the stored shape; older versions get a migration.
pub const SCHEMA_VERSION: u32 = 1;

/// Every localStorage key the app uses, in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageKey {
    /// The current document.
    Document,
    /// Unreadable text found at start, kept aside until the user discards
    /// it; several slots, so that a second bad start never overwrites the first.
    Quarantine(u8),
}

/// How many unreadable documents can be kept aside.
pub const QUARANTINE_SLOTS: u8 = 5;

impl StorageKey {
    pub fn name(self) -> String {
        match self {
            StorageKey::Document => "partner-access-studio/document".into(),
            StorageKey::Quarantine(n) => format!("partner-access-studio/unreadable/{n}"),
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
    pub state: State,
}

/// Why stored text could not become a document, in words for the banner.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("the saved data is empty")]
    Empty,
    #[error("the saved data is not valid JSON or has the wrong shape: {0}")]
    Unreadable(String),
    #[error("the saved data comes from a newer release (version {0}); this release reads up to version {SCHEMA_VERSION}")]
    NewerVersion(u32),
    #[error("the saved data breaks a rule: {0}")]
    Invalid(String),
}

impl Document {
    /// The demo data set, acting as the first client's Super Admin.
    pub fn demo() -> Document {
        let state = crate::demo::state();
        let acting = default_actor(&state).unwrap_or(Actor {
            account: crate::demo::FJORD,
            user: crate::domain::UserId(0),
        });
        Document {
            schema_version: SCHEMA_VERSION,
            revision: 0,
            clock: crate::demo::start(),
            acting,
            state,
        }
    }

    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn parse(text: &str) -> Result<Document, LoadError> {
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
        let version = serde_json::from_str::<Version>(text)
            .map_err(|e| LoadError::Unreadable(e.to_string()))?
            .schema_version;
        if version > SCHEMA_VERSION as u64 {
            return Err(LoadError::NewerVersion(version as u32));
        }
        let mut doc: Document =
            serde_json::from_str(text).map_err(|e| LoadError::Unreadable(e.to_string()))?;
        doc.validate()?;
        doc.repair_acting();
        Ok(doc)
    }

    /// The checks the domain relies on and serde cannot make.
    fn validate(&self) -> Result<(), LoadError> {
        let mut ids: Vec<_> = self.state.accounts.iter().map(|a| a.id).collect();
        ids.sort();
        ids.dedup();
        if ids.len() != self.state.accounts.len() {
            return Err(LoadError::Invalid("two accounts share an id".into()));
        }
        for acc in &self.state.accounts {
            if acc.active_super_admins() == 0 {
                return Err(LoadError::Invalid(format!(
                    "{} has no active Super Admin (R-CL-4)",
                    acc.name
                )));
            }
            if !acc.users.windows(2).all(|w| w[0].id < w[1].id) {
                return Err(LoadError::Invalid(format!(
                    "{} lists users out of order",
                    acc.name
                )));
            }
            let mut emails: Vec<&str> = acc.users.iter().map(|u| u.email.as_str()).collect();
            emails.sort_unstable();
            if let Some(w) = emails.windows(2).find(|w| w[0] == w[1]) {
                return Err(LoadError::Invalid(format!(
                    "{} lists {} twice (R-ACC-2)",
                    acc.name, w[0]
                )));
            }
            let partner_seatless = acc
                .users
                .iter()
                .find(|u| u.is_partner_admin() && u.seat != crate::domain::Seat::Partner);
            if let Some(u) = partner_seatless {
                return Err(LoadError::Invalid(format!(
                    "{} is Partner admin without a Partner seat (R-SEAT-6)",
                    u.email
                )));
            }
        }
        Ok(())
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
    let pick = |a: &crate::domain::Account| {
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
        let newer =
            Document::demo()
                .to_json()
                .replacen("\"schema_version\":1", "\"schema_version\":99", 1);
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
        doc.acting.user = crate::domain::UserId(9999);
        let back = Document::parse(&doc.to_json()).unwrap();
        assert!(back
            .state
            .user(back.acting.account, back.acting.user)
            .unwrap()
            .is_super_admin());
    }
}
