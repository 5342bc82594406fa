//! A refused command: which rule said no, and what to do about it.

use super::text::Text;
use std::fmt;

/// A refusal names the rule of RULES.md that forbids the change and says, in
/// words an admin understands, what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The rule ID, e.g. `R-CL-4`.
    pub rule: &'static str,
    pub message: Text,
}

impl Refusal {
    pub fn new(rule: &'static str, message: impl Into<Text>) -> Refusal {
        Refusal {
            rule,
            message: message.into(),
        }
    }
}

impl Refusal {
    /// The message in `lang`, followed by the rule ID (never translated).
    pub fn render(&self, lang: super::lang::Lang) -> String {
        format!("{} ({})", self.message.render(lang), self.rule)
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(super::lang::Lang::En))
    }
}

impl std::error::Error for Refusal {}

/// Shorthand for the checks in `decide`: `ensure(cond, rule, || message)?`.
pub fn ensure(ok: bool, rule: &'static str, message: impl FnOnce() -> Text) -> Result<(), Refusal> {
    if ok {
        Ok(())
    } else {
        Err(Refusal::new(rule, message()))
    }
}
