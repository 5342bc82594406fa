//! Email addresses and mail domains, parsed once at the edge.
//!
//! Inside the core an address is never a bare `String`: holding an [`Email`]
//! proves it was checked and normalised (lower case, trimmed).

use super::fold::Folded;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A checked, lower-cased email address.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

/// Why a piece of text is not an email address, in words that say what to
/// fix ([`EmailError::text`]; `Display` is its English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailError {
    Empty,
    NoAt(String),
    NoDomainDot(String),
    /// `Anna <anna@example.com>` and other forms around the address (R-ACC-5).
    DisplayName(String),
    Space(String),
    Invalid(String),
}

impl EmailError {
    /// What to fix, in the reader's language.
    pub fn text(&self) -> super::text::Text {
        match self {
            EmailError::Empty => super::text::Text::msg("email.empty"),
            EmailError::NoAt(t) => crate::text!("email.no_at", text = t),
            EmailError::NoDomainDot(t) => crate::text!("email.no_domain_dot", text = t),
            EmailError::DisplayName(t) => crate::text!("email.display_name", text = t),
            EmailError::Space(t) => crate::text!("email.space", text = t),
            EmailError::Invalid(t) => crate::text!("email.invalid", text = t),
        }
    }
}

impl DomainError {
    /// What to fix, in the reader's language.
    pub fn text(&self) -> super::text::Text {
        match self {
            DomainError::Empty => super::text::Text::msg("domain.empty"),
            DomainError::Invalid(t) => crate::text!("domain.invalid", text = t),
        }
    }
}

impl Email {
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(EmailError::Empty);
        }
        // A bare address only (R-ACC-5). The parser would accept
        // `Anna <anna@example.com>` and keep it whole, and everything that
        // reads the domain after the last `@` would then read `example.com>`.
        if text.contains(['<', '>']) {
            return Err(EmailError::DisplayName(text.to_string()));
        }
        if text.contains(char::is_whitespace) {
            return Err(EmailError::Space(text.to_string()));
        }
        if !text.contains('@') {
            return Err(EmailError::NoAt(text.to_string()));
        }
        let bare = email_address::Options::default()
            .without_display_text()
            .without_domain_literal();
        if email_address::EmailAddress::parse_with_options(text, bare).is_err() {
            return Err(EmailError::Invalid(text.to_string()));
        }
        let lower = text.folded();
        let domain = lower.rsplit('@').next().unwrap_or_default();
        // The RFC allows dotless domains; no real mailbox of an admin uses one.
        if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
            return Err(EmailError::NoDomainDot(text.to_string()));
        }
        Ok(Email(lower))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after the `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit('@').next().unwrap_or_default()
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Email {
    type Err = EmailError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Email::parse(s)
    }
}

// Stored documents are read through the same parser: a hand-edited or
// corrupted address is an error at load, not a bad value inside the core.
impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        // Almost every stored address is plain and already normalised: it
        // is kept as read. Checking 12,000 of them in full was a quarter of
        // loading a large account.
        if is_plain(&s) {
            return Ok(Email(s));
        }
        Email::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Whether `s` is an address of the plain shape [`Email::parse`] returns
/// for nearly every real address: lower-case ASCII, a dot-atom local part
/// of at most 64 characters, a domain of letter-digit-hyphen labels with
/// at least one dot. Every such text is one `parse` accepts unchanged
/// (tests/email.rs checks this against random texts); anything else goes
/// through `parse`.
fn is_plain(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let atom =
        |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit() || b"!#$%&'*+/=?^_`{|}~-".contains(&c);
    s.len() <= 254
        && local.len() <= 64
        && local
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(atom))
        && domain.len() <= 253
        && domain.contains('.')
        && !domain.bytes().any(|c| c.is_ascii_uppercase())
        && domain.split('.').all(is_dns_label)
}

/// A DNS label: 1 to 63 ASCII letters, digits and hyphens, with no hyphen
/// at either end.
fn is_dns_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-')
}

/// A mail domain such as `brightpath.io`, lower case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Domain(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainError {
    Empty,
    Invalid(String),
}

/// `Display` of the errors here is the English of their catalogue message.
macro_rules! display_as_text {
    ($($error:ty),*) => {$(
        impl fmt::Display for $error {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.text().fmt(f)
            }
        }
        impl std::error::Error for $error {}
    )*};
}
display_as_text!(EmailError, DomainError);

impl Domain {
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let text = raw.trim().trim_start_matches('@').folded();
        if text.is_empty() {
            return Err(DomainError::Empty);
        }
        if !text.split('.').all(is_dns_label) || !text.contains('.') {
            return Err(DomainError::Invalid(raw.trim().to_string()));
        }
        Ok(Domain(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Shared mail services: anyone can have an address there, so such a
    /// domain proves nothing about who employs the person (R-ACC-3a).
    pub fn is_shared_mail_service(&self) -> bool {
        SHARED_MAIL_DOMAINS.contains(&self.0.as_str())
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Domain {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Domain::parse(&s).map_err(serde::de::Error::custom)
    }
}

const SHARED_MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.net",
    "mail.com",
    "zoho.com",
    "yandex.com",
    "hotmail.nl",
    "live.nl",
    "hotmail.dk",
    "live.dk",
    "hotmail.no",
    "live.no",
    "hotmail.se",
    "live.se",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_trimmed_and_lower_cased() {
        let e = Email::parse("  Anna.Berg@BrightPath.io ").unwrap();
        assert_eq!(e.as_str(), "anna.berg@brightpath.io");
        assert_eq!(e.domain(), "brightpath.io");
    }

    #[test]
    fn malformed_addresses_say_what_to_fix() {
        assert_eq!(Email::parse(""), Err(EmailError::Empty));
        assert!(matches!(
            Email::parse("anna.brightpath.io"),
            Err(EmailError::NoAt(_))
        ));
        assert!(matches!(
            Email::parse("anna@localhost"),
            Err(EmailError::NoDomainDot(_))
        ));
        assert!(matches!(
            Email::parse("an na@x.com"),
            Err(EmailError::Space(_))
        ));
        assert!(matches!(
            Email::parse("a\"b@x.com"),
            Err(EmailError::Invalid(_))
        ));
        assert!(Email::parse("anna@").is_err());
    }

    #[test]
    fn a_stored_bad_address_fails_to_load() {
        let r: Result<Email, _> = serde_json::from_str("\"not-an-address\"");
        assert!(r.is_err());
    }

    #[test]
    fn domains_are_parsed_and_shared_services_recognised() {
        assert_eq!(
            Domain::parse("@BrightPath.io").unwrap().as_str(),
            "brightpath.io"
        );
        assert!(Domain::parse("bright path.io").is_err());
        assert!(Domain::parse("localhost").is_err());
        assert!(Domain::parse("gmail.com").unwrap().is_shared_mail_service());
    }
}
