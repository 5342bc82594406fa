//! Words the core produces: refusals, audit summaries, emails and the names
//! of its own enums (seats, permissions, categories …).
//!
//! The core never builds a sentence in one language. It builds a [`Text`]: a
//! message id from `locales/domain/<lang>.json` and named arguments, which is
//! what the audit log and the outbox store. The screens render it in the
//! reader's language ([`Text::render`]), so an entry written while the app
//! was in Dutch reads in Swedish after a switch. `Display` renders English,
//! for tests and logs (in the browser only once English's catalogue is in,
//! which for a reader of another language is only when theirs could not be
//! fetched: screens render in the reader's language, never through it).

use super::catalogue::MESSAGES;
use super::ids::Timestamp;
use super::lang::Lang;
use super::sort::map_of;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// Something the core says, in no language yet. Stored as a map with `id`
/// (and `args`), a map with `date`, or a string (see [`TextVisitor`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Text {
    /// A catalogue message with named arguments.
    Message {
        id: Cow<'static, str>,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        args: BTreeMap<String, Text>,
    },
    /// A date, written the reader's way.
    Date { date: Timestamp },
    /// Words that are not translated: a name, an address, a number, or text
    /// stored before messages had ids (schema version 2 and older).
    Plain(String),
}

impl Text {
    /// The catalogue message `id`, without arguments yet.
    pub fn msg(id: &'static str) -> Text {
        Text::Message {
            id: Cow::Borrowed(id),
            args: BTreeMap::new(),
        }
    }

    /// Adds the argument `{{ name }}`.
    pub fn with(self, name: &str, value: impl Into<Text>) -> Text {
        self.with_text(name, value.into())
    }

    // Not generic, so that each kind of argument does not get a copy.
    fn with_text(mut self, name: &str, value: Text) -> Text {
        if let Text::Message { args, .. } = &mut self {
            args.insert(name.to_string(), value);
        }
        self
    }

    /// A list of items joined with ", " (each rendered in the reader's language).
    pub fn list(items: impl IntoIterator<Item = Text>) -> Text {
        let args = map_of(
            items
                .into_iter()
                .enumerate()
                .map(|(i, t)| (format!("{i:04}"), t)),
        );
        Text::Message {
            id: Cow::Borrowed(LIST_ID),
            args,
        }
    }

    /// The message id, if this is a catalogue message.
    pub fn id(&self) -> Option<&str> {
        match self {
            Text::Message { id, .. } => Some(id),
            _ => None,
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        self.render_into(lang, &mut out);
        out
    }

    fn render_into(&self, lang: Lang, out: &mut String) {
        match self {
            Text::Plain(s) => out.push_str(s),
            Text::Date { date } => out.push_str(&lang.date(*date)),
            Text::Message { id, args } if id == LIST_ID => {
                for (i, item) in args.values().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.render_into(lang, out);
                }
            }
            Text::Message { id, args } => match MESSAGES.template(lang, id) {
                Some(template) => fill(template, args, lang, out),
                // An id no catalogue knows (a document from a later release):
                // show the id rather than nothing.
                None => out.push_str(id),
            },
        }
    }
}

const LIST_ID: &str = "list";

/// A placeholder's inside: `name`, or `name | one | other`, which writes
/// `one` when the argument `name` reads "1" and `other` otherwise. Every
/// language the app speaks has just these two plural forms for whole
/// numbers, so "1 asset", "3 assets" need no "asset(s)".
fn placeholder(inside: &str) -> (&str, Option<(&str, &str)>) {
    let mut parts = inside.split('|').map(str::trim);
    let name = parts.next().unwrap_or_default();
    match (parts.next(), parts.next(), parts.next()) {
        (Some(one), Some(other), None) => (name, Some((one, other))),
        _ => (name, None),
    }
}

/// Writes `template` with each `{{ name }}` replaced by its argument and
/// each `{{ name | one | other }}` by the form its argument's number takes.
fn fill(template: &str, args: &BTreeMap<String, Text>, lang: Lang, out: &mut String) {
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return;
        };
        let (name, forms) = placeholder(&after[..end]);
        match (args.get(name), forms) {
            (Some(arg), None) => arg.render_into(lang, out),
            (Some(arg), Some((one, other))) => {
                out.push_str(if arg.render(lang) == "1" { one } else { other })
            }
            (None, _) => out.push_str(&rest[start..start + 2 + end + 2]),
        }
        rest = &after[end + 2..];
        // A name that ends a sentence ("Van Dijk Retail B.V.") takes the
        // template's full stop: one, not two.
        if out.ends_with('.') && rest.starts_with('.') && !rest.starts_with("..") {
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
}

/// `template` with its `{{ name }}` placeholders filled with plain values
/// (the app's screen labels are filled this way).
pub fn fill_plain(template: &str, args: &[(&str, String)], lang: Lang) -> String {
    let args = map_of(
        args.iter()
            .map(|(name, value)| (name.to_string(), Text::Plain(value.clone()))),
    );
    let mut out = String::new();
    fill(template, &args, lang, &mut out);
    out
}

/// The `{{ name }}` placeholders of a template, sorted (for catalogue tests).
pub fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        names.push(placeholder(&after[..end]).0.to_string());
        rest = &after[end + 2..];
    }
    super::sort::sort(&mut names);
    names.dedup();
    names
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Reads a [`Text`] the way `#[serde(untagged)]` would (a map with `id` is
/// a message, else a map with `date` a date, a string plain words; other
/// keys are ignored), without first copying every value into serde's
/// buffered `Content`, as the derived reader does: every audit entry and
/// email holds a few of these, and that copy cost time on a long audit log
/// and several KB of wasm.
struct TextVisitor;

/// The keys of a stored [`Text`].
enum TextKey {
    Id,
    Args,
    Date,
    Other,
}

impl<'de> Deserialize<'de> for TextKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<TextKey, D::Error> {
        struct KeyVisitor;
        impl serde::de::Visitor<'_> for KeyVisitor {
            type Value = TextKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<TextKey, E> {
                Ok(match key {
                    "id" => TextKey::Id,
                    "args" => TextKey::Args,
                    "date" => TextKey::Date,
                    _ => TextKey::Other,
                })
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

impl<'de> serde::de::Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a message (a map with \"id\"), a date or a string")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Text, E> {
        Ok(Text::Plain(s.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Text, E> {
        Ok(Text::Plain(s))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        use serde::de::Error;
        fn once<T, E: Error>(slot: &mut Option<T>, value: T, key: &'static str) -> Result<(), E> {
            match slot.replace(value) {
                None => Ok(()),
                Some(_) => Err(E::duplicate_field(key)),
            }
        }
        let (mut id, mut args, mut date) = (None, None, None);
        while let Some(key) = map.next_key()? {
            match key {
                TextKey::Id => once(&mut id, map.next_value::<String>()?, "id")?,
                TextKey::Args => once(&mut args, map.next_value()?, "args")?,
                TextKey::Date => once(&mut date, map.next_value::<Timestamp>()?, "date")?,
                TextKey::Other => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        match (id, date) {
            (Some(id), _) => Ok(Text::Message {
                id: Cow::Owned(id),
                args: args.unwrap_or_default(),
            }),
            (None, Some(date)) => Ok(Text::Date { date }),
            (None, None) => Err(A::Error::missing_field("id")),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Plain(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Plain(s.to_string())
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::Plain(s.clone())
    }
}

impl From<Timestamp> for Text {
    fn from(date: Timestamp) -> Text {
        Text::Date { date }
    }
}

impl From<usize> for Text {
    fn from(n: usize) -> Text {
        Text::Plain(n.to_string())
    }
}

impl From<u32> for Text {
    fn from(n: u32) -> Text {
        Text::Plain(n.to_string())
    }
}

impl From<i64> for Text {
    fn from(n: i64) -> Text {
        Text::Plain(n.to_string())
    }
}

impl From<&super::email::Email> for Text {
    fn from(e: &super::email::Email) -> Text {
        Text::Plain(e.to_string())
    }
}

/// `text!("id", name = value, …)`: a catalogue message with its arguments.
#[macro_export]
macro_rules! text {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::text::Text::msg($id)$(.with(stringify!($name), $value))*
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_renders_in_each_language_with_its_arguments() {
        let t = Text::msg("seat.partner");
        assert_eq!(t.render(Lang::En), "Partner seat");
        assert_ne!(t.render(Lang::Sv), t.render(Lang::En));
        let t = crate::text!("refusal.no_account", account = 7usize);
        assert!(t.render(Lang::En).contains('7'));
        assert!(!t.render(Lang::Nl).contains("{{"));
    }

    #[test]
    fn a_count_of_one_takes_the_singular_and_any_other_the_plural() {
        let removed =
            |n: usize| crate::text!("summary.removed_from_clients", email = "a@b.io", count = n);
        assert_eq!(removed(1).render(Lang::En), "Removed a@b.io from 1 client");
        assert_eq!(removed(2).render(Lang::En), "Removed a@b.io from 2 clients");
        assert_eq!(removed(0).render(Lang::En), "Removed a@b.io from 0 clients");
        assert_eq!(removed(1).render(Lang::Nl), "a@b.io verwijderd uit 1 klant");
        assert_eq!(
            removed(11).render(Lang::Nl),
            "a@b.io verwijderd uit 11 klanten"
        );
        // Plain values too, as the screens' labels are filled.
        let created = |n: &str| {
            fill_plain(
                "Created {{ count }} {{ count | user | users }}.",
                &[("count", n.to_string())],
                Lang::En,
            )
        };
        assert_eq!(created("1"), "Created 1 user.");
        assert_eq!(created("1,000"), "Created 1,000 users.");
        // Without its argument the placeholder stays, as for any other.
        let t = Text::msg("summary.removed_from_clients");
        assert!(t
            .render(Lang::En)
            .contains("{{ count | client | clients }}"));
        assert_eq!(
            placeholders("{{ count }} {{ count | a | b }} {{ name }}"),
            ["count", "name"]
        );
    }

    #[test]
    fn plain_text_from_older_documents_reads_as_is() {
        let t: Text = serde_json::from_str("\"Created Anna\"").unwrap();
        assert_eq!(t, Text::Plain("Created Anna".into()));
        assert_eq!(t.render(Lang::Da), "Created Anna");
    }

    #[test]
    fn a_stored_message_round_trips() {
        let t = crate::text!(
            "refusal.no_account",
            account = "x",
            when = Timestamp::from_ymd(2026, 1, 13)
        );
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Text>(&json).unwrap(), t);
        assert!(json.contains("\"id\""));
    }

    #[test]
    fn an_unknown_id_shows_the_id_and_a_missing_argument_its_placeholder() {
        let t = Text::Message {
            id: "from.a.later.release".into(),
            args: BTreeMap::new(),
        };
        assert_eq!(t.render(Lang::En), "from.a.later.release");
        let mut out = String::new();
        fill("a {{ b }} c", &BTreeMap::new(), Lang::En, &mut out);
        assert_eq!(out, "a {{ b }} c");
    }
}
