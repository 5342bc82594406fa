//! A stored `Text` is read by a hand-written reader (see `domain::text`),
//! not by `#[serde(untagged)]`. Whatever the stored value, it must read
//! exactly as the derived reader read it: the same text, or a refusal.

use domain::{Text, Timestamp};
use proptest::prelude::*;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The derived reader `Text` had before.
#[derive(Deserialize)]
#[serde(untagged)]
enum Derived {
    Message {
        id: String,
        #[serde(default)]
        args: BTreeMap<String, Derived>,
    },
    Date {
        date: Timestamp,
    },
    Plain(String),
}

impl From<Derived> for Text {
    fn from(d: Derived) -> Text {
        match d {
            Derived::Message { id, args } => Text::Message {
                id: Cow::Owned(id),
                args: args.into_iter().map(|(k, v)| (k, v.into())).collect(),
            },
            Derived::Date { date } => Text::Date { date },
            Derived::Plain(s) => Text::Plain(s),
        }
    }
}

fn check(value: &Value) {
    let text = value.to_string();
    let new = serde_json::from_str::<Text>(&text);
    let old = serde_json::from_str::<Derived>(&text).map(Text::from);
    match (new, old) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("{text}: read {a:?}, derived reader {b:?}"),
    }
}

/// Stored texts as any release could have written them, and maps around
/// them with every mix of the three keys and unknown keys beside them; at
/// the top, values of other kinds too.
///
/// Two shapes no release ever wrote read differently, and are left out:
/// an array (the derived reader took `["id"]` for a message) and a map
/// with a malformed `args` but no `id` (it took `{"args":1,"date":5}` for
/// a date, ignoring `args`); the new reader refuses both.
fn stored() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => text(),
        2 => map_of(text()),
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => any::<f64>().prop_map(|f| json!(f)),
    ]
}

/// Texts as the app writes them: words, dates, and messages whose
/// arguments are texts, with keys of later releases beside them.
fn text() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        "[a-zA-Z .{}\"\\\\]{0,12}".prop_map(Value::String),
        any::<i64>().prop_map(|n| json!({ "date": n })),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        map_of(inner).prop_filter("a text has an id or a date", |v| {
            v.get("id").is_some() || v.get("date").is_some()
        })
    })
    .boxed()
}

/// A map with any mix of `id`, `args` (of `args`), `date` and another key.
fn map_of(args: impl Strategy<Value = Value>) -> impl Strategy<Value = Value> {
    (
        prop::option::of("[a-z.]{1,12}"),
        prop::option::of(prop::collection::btree_map("[a-z0-9]{1,4}", args, 0..4)),
        prop::option::of(any::<i64>()),
        prop::option::of(("x[a-z]{0,4}", any::<u8>())),
    )
        .prop_map(|(id, args, date, other)| {
            let mut map = Map::new();
            if let Some(id) = id {
                map.insert("id".into(), Value::String(id));
            }
            if let Some(args) = args {
                map.insert("args".into(), Value::Object(args.into_iter().collect()));
            }
            if let Some(date) = date {
                map.insert("date".into(), json!(date));
            }
            if let Some((key, n)) = other {
                map.insert(key, json!(n));
            }
            Value::Object(map)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn a_stored_text_reads_as_the_derived_reader_read_it(value in stored()) {
        check(&value);
    }
}

#[test]
fn the_odd_shapes_read_as_the_derived_reader_read_them() {
    for odd in [
        json!({}),
        json!({ "args": {} }),
        json!({ "id": "a", "date": 5 }),
        json!({ "id": 5 }),
        json!({ "date": "soon" }),
        json!({ "id": "a", "args": { "x": 1 } }),
        json!({ "id": "a", "args": [] }),
        json!({ "id": "a", "zzz": [1, { "id": 2 }] }),
        json!(7),
        json!(null),
    ] {
        check(&odd);
    }
    // A key given twice is refused, as the derived reader refused it.
    let twice = r#"{"id":"a","id":"b"}"#;
    assert!(serde_json::from_str::<Text>(twice).is_err());
    assert!(serde_json::from_str::<Derived>(twice).is_err());
}

#[test]
fn a_name_that_ends_with_a_full_stop_takes_the_sentence_s_own() {
    let text = domain::text!(
        "refusal.link_already_used",
        account = "Van Dijk Retail B.V."
    );
    assert_eq!(
        text.render(domain::Lang::En),
        "This access link was already used for Van Dijk Retail B.V."
    );
}
