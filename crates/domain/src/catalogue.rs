//! A catalogue: one flat JSON object of strings per language, keyed by
//! message id. The core's own catalogue is [`MESSAGES`]
//! (`locales/domain/<lang>.json`); the app keeps its screen labels in
//! another of the same kind.
//!
//! Native builds (tests, benchmarks, tools) compile every language in. The
//! browser build compiles none in: the app fetches the reader's language at
//! start, English like the others, and [`Catalogue::install`]s it, so that
//! a reader downloads only the texts they read.

use super::lang::Lang;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The message templates of each language, filled once per language.
pub struct Catalogue {
    languages: [OnceLock<HashMap<String, String>>; 5],
    compiled_in: fn(Lang) -> Option<&'static str>,
}

impl Catalogue {
    /// A catalogue whose native builds read `compiled_in(lang)` on first use.
    pub const fn new(compiled_in: fn(Lang) -> Option<&'static str>) -> Catalogue {
        Catalogue {
            languages: [const { OnceLock::new() }; 5],
            compiled_in,
        }
    }

    /// The JSON compiled in for `lang` (native builds only).
    pub fn source(&self, lang: Lang) -> Option<&'static str> {
        (self.compiled_in)(lang)
    }

    fn templates(&'static self, lang: Lang) -> Option<&'static HashMap<String, String>> {
        let slot = &self.languages[lang as usize];
        match self.source(lang) {
            // A broken compiled-in catalogue is a build-time mistake the
            // catalogue tests catch; at run time ids are shown instead.
            Some(json) => Some(slot.get_or_init(|| serde_json::from_str(json).unwrap_or_default())),
            None => slot.get(),
        }
    }

    /// Takes a fetched catalogue; false when it is not a flat JSON object of
    /// strings (then English is shown).
    pub fn install(&'static self, lang: Lang, json: &str) -> bool {
        match serde_json::from_str(json) {
            Ok(map) => {
                let _ = self.languages[lang as usize].set(map);
                true
            }
            Err(_) => false,
        }
    }

    /// Whether this language's templates are at hand.
    pub fn is_available(&'static self, lang: Lang) -> bool {
        self.templates(lang).is_some()
    }

    /// The template of `id` in `lang`, else in English.
    pub fn template(&'static self, lang: Lang, id: &str) -> Option<&'static str> {
        self.templates(lang)
            .and_then(|c| c.get(id))
            .or_else(|| self.templates(Lang::En).and_then(|c| c.get(id)))
            .map(String::as_str)
    }
}

/// What the core says: refusals, audit summaries, emails and the names of
/// its own enums (`locales/domain/<lang>.json`).
pub static MESSAGES: Catalogue = Catalogue::new(messages_compiled_in);

fn messages_compiled_in(lang: Lang) -> Option<&'static str> {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = lang;
        None
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Some(match lang {
            Lang::En => include_str!("../../../locales/domain/en.json"),
            Lang::Nl => include_str!("../../../locales/domain/nl.json"),
            Lang::Da => include_str!("../../../locales/domain/da.json"),
            Lang::Nb => include_str!("../../../locales/domain/nb.json"),
            Lang::Sv => include_str!("../../../locales/domain/sv.json"),
        })
    }
}
