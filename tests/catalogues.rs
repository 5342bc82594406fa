//! The message catalogues: every language has exactly the keys of English,
//! with the same placeholders, and every message id the code uses exists.
//!
//! Two catalogues per language: `locales/<lang>.json` (screen labels, the
//! `t!` macros of src/i18n.rs) and `locales/domain/<lang>.json` (what the core says:
//! refusals, audit entries, emails, names of seats and permissions).

use partner_access_studio::domain::audit::Category;
use partner_access_studio::domain::text::placeholders;
use partner_access_studio::domain::*;
use partner_access_studio::i18n::{label_in, LABELS};
use std::collections::BTreeMap;
use std::path::Path;

fn catalogue(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!(
            "{} is not a flat JSON object of strings: {e}",
            path.display()
        )
    })
}

fn compare(
    kind: &str,
    english: &BTreeMap<String, String>,
    lang: Lang,
    other: &BTreeMap<String, String>,
) {
    let missing: Vec<&String> = english.keys().filter(|k| !other.contains_key(*k)).collect();
    let extra: Vec<&String> = other.keys().filter(|k| !english.contains_key(*k)).collect();
    assert!(
        missing.is_empty(),
        "{kind} {}: missing {missing:?}",
        lang.code()
    );
    assert!(
        extra.is_empty(),
        "{kind} {}: keys English does not have {extra:?}",
        lang.code()
    );
    for (key, en) in english {
        let tr = &other[key];
        assert!(
            !tr.trim().is_empty(),
            "{kind} {}: {key} is empty",
            lang.code()
        );
        assert_eq!(
            placeholders(en),
            placeholders(tr),
            "{kind} {}: {key} has other placeholders than English",
            lang.code()
        );
    }
}

#[test]
fn every_language_has_exactly_the_keys_and_placeholders_of_english() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for (kind, dir) in [("screens", root.clone()), ("domain", root.join("domain"))] {
        let english = catalogue(&dir.join("en.json"));
        assert!(
            english.len() > 100,
            "{kind}: the English catalogue looks truncated"
        );
        for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
            compare(
                kind,
                &english,
                lang,
                &catalogue(&dir.join(format!("{}.json", lang.code()))),
            );
        }
    }
}

#[test]
fn the_embedded_catalogues_are_the_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for (book, dir) in [(&MESSAGES, root.join("domain")), (&LABELS, root.clone())] {
        for lang in Lang::ALL {
            let file = std::fs::read_to_string(dir.join(format!("{}.json", lang.code()))).unwrap();
            assert_eq!(
                book.source(lang),
                Some(file.as_str()),
                "{}",
                dir.join(lang.code()).display()
            );
        }
    }
}

#[test]
fn every_label_reads_in_every_language() {
    let english = catalogue(&Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/en.json"));
    for lang in Lang::ALL {
        for (key, text) in &english {
            let key: &'static str = Box::leak(key.clone().into_boxed_str());
            let label = label_in(lang, key);
            assert_ne!(label, key, "{} lacks the label {key}", lang.code());
            if lang != Lang::En {
                assert!(!label.is_empty(), "{}: {key} is empty", lang.code());
            } else {
                assert_eq!(label, text);
            }
        }
    }
}

/// Message ids written in the source: `text!("id", …)` and `Text::msg("id")`.
fn ids_in_source() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for marker in ["text!(", "msg(", "\"action."] {
                    for (i, _) in text.match_indices(marker) {
                        let rest = &text[i + marker.len()..];
                        let (prefix, rest) = if marker == "\"action." {
                            ("action.", rest)
                        } else {
                            // rustfmt may put the id on the next line.
                            match rest.trim_start().strip_prefix('"') {
                                Some(r) => ("", r),
                                None => continue,
                            }
                        };
                        let id: String = rest
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
                            .collect();
                        out.push((path.display().to_string(), format!("{prefix}{id}")));
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    walk(&root.join("src"), &mut out);
    walk(&root.join("crates/domain/src"), &mut out);
    walk(&root.join("crates/storage/src"), &mut out);
    out
}

#[test]
fn every_message_id_the_code_uses_has_an_english_template() {
    let english = catalogue(&Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/domain/en.json"));
    let used = ids_in_source();
    assert!(
        used.len() > 150,
        "the source scan found too few ids: {}",
        used.len()
    );
    for (file, id) in used {
        // Ids in this file's doc examples and tests are not real messages.
        if file.ends_with("text.rs") && !english.contains_key(&id) {
            continue;
        }
        assert!(
            english.contains_key(&id),
            "{file} uses {id}, which locales/domain/en.json lacks"
        );
    }
}

#[test]
fn every_name_the_core_gives_renders_in_every_language() {
    let mut texts: Vec<Text> = Vec::new();
    texts.extend(Permission::ALL.iter().map(|p| p.text()));
    texts.extend(Seat::ALL.iter().map(|s| s.text()));
    texts.extend(Category::ALL.iter().map(|c| c.text()));
    texts.extend(AccessType::ALL.iter().map(|a| a.text()));
    texts.extend(Area::ALL.iter().map(|a| a.text()));
    texts.extend(SetId::BUILT_IN.iter().filter_map(|s| s.built_in_name()));
    texts.extend(CrmRight::all().map(|r| r.text()));
    for lang in Lang::ALL {
        for t in &texts {
            let shown = t.render(lang);
            assert!(
                Some(shown.as_str()) != t.id() && !shown.contains("{{"),
                "{t:?} in {}: {shown}",
                lang.code()
            );
        }
    }
}

#[test]
fn a_refusal_keeps_its_rule_id_in_every_language() {
    let r = Refusal::new("R-CL-4", Text::msg("refusal.unknown_account"));
    for lang in Lang::ALL {
        assert!(r.render(lang).ends_with("(R-CL-4)"));
    }
    assert_ne!(r.render(Lang::Nl), r.render(Lang::En));
}
