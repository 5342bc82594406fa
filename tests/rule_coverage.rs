//! Every rule ID of RULES.md is named by at least one test.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn rule_ids(text: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(off) = text[i..].find("R-") {
        let start = i + off;
        let mut j = start + 2;
        while j < bytes.len() && bytes[j].is_ascii_uppercase() {
            j += 1;
        }
        let letters = j > start + 2;
        if letters && j < bytes.len() && bytes[j] == b'-' {
            let mut k = j + 1;
            while k < bytes.len() && bytes[k].is_ascii_digit() {
                k += 1;
            }
            if k > j + 1 {
                if k < bytes.len()
                    && bytes[k].is_ascii_lowercase()
                    && !bytes.get(k + 1).is_some_and(|b| b.is_ascii_alphabetic())
                {
                    k += 1;
                }
                ids.insert(text[start..k].to_string());
            }
        }
        i = start + 2;
    }
    ids
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The text of every test: files under the tests/ of each crate, and the
/// `#[cfg(test)]` modules of their src/.
fn test_text() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("tests"), &mut files);
    rust_files(&root.join("crates/domain/tests"), &mut files);
    rust_files(&root.join("crates/storage/tests"), &mut files);
    let mut text = String::new();
    for f in files.iter().filter(|f| !f.ends_with("rule_coverage.rs")) {
        text.push_str(&fs::read_to_string(f).unwrap());
    }
    let mut src = Vec::new();
    rust_files(&root.join("src"), &mut src);
    rust_files(&root.join("crates/domain/src"), &mut src);
    rust_files(&root.join("crates/storage/src"), &mut src);
    for f in src {
        let body = fs::read_to_string(f).unwrap();
        if let Some(at) = body.find("#[cfg(test)]") {
            text.push_str(&body[at..]);
        }
    }
    text
}

/// Rule IDs whose issue is still open, each with that issue's title. An ID
/// waits here only while its issue is not done; the list is empty when those
/// issues end.
const PENDING: &[(&str, &str)] = &[
    ("R-CL-8", USERS_AND_TEAMS),
    ("R-TEAM-1", USERS_AND_TEAMS),
    ("R-TEAM-2", USERS_AND_TEAMS),
    ("R-TEAM-3", USERS_AND_TEAMS),
];
const USERS_AND_TEAMS: &str =
    "Users & Teams as admins know it, and screens that hold at every width and language";

#[test]
fn every_rule_id_has_a_test_naming_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let spec = fs::read_to_string(root.join("docs/RULES.md")).unwrap();
    let ids = rule_ids(&spec);
    assert!(ids.len() > 40, "found only {} rule IDs", ids.len());
    let tests = test_text();
    let named = rule_ids(&tests);
    let pending: BTreeSet<&str> = PENDING.iter().map(|(id, _)| *id).collect();
    let missing: Vec<&String> = ids
        .iter()
        .filter(|id| !named.contains(*id) && !pending.contains(id.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "rules with no test naming them: {missing:?}"
    );
    // The pending list only shrinks: an ID that a test names now, or that
    // the specification no longer has, leaves it.
    for (id, issue) in PENDING {
        assert!(ids.contains(*id), "{id} ({issue}) is not in docs/RULES.md");
        assert!(
            !named.contains(*id),
            "{id} has a test now: take it off the pending list ({issue})"
        );
    }
}

#[test]
fn the_rules_copy_matches_the_shared_specification() {
    // docs/RULES.md is the copy the tests read; when the team's shared spec
    // sits beside the repository, the two must not drift apart.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/RULES.md");
    if let Ok(spec) = fs::read_to_string(shared) {
        let copy = fs::read_to_string(root.join("docs/RULES.md")).unwrap();
        assert_eq!(
            rule_ids(&spec),
            rule_ids(&copy),
            "update docs/RULES.md from ../shared/RULES.md"
        );
    }
}

#[test]
fn rule_ids_are_read_with_their_letter_suffix() {
    let ids = rule_ids("- R-ACC-3a (EN) and R-PERM-4b, R-CL-4; not R-x or R-SEAT-");
    assert_eq!(
        ids.into_iter().collect::<Vec<_>>(),
        vec!["R-ACC-3a", "R-CL-4", "R-PERM-4b"]
    );
}
