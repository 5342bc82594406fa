//! The document as localStorage holds it: a small head under the document
//! key, and the bulky lists in parts under keys of their own, so that a save
//! writes only the parts that changed (one part of 256 users, not all 10,000).
//!
//! - Users are cut by id (`id / 256`): a user never moves to another part,
//!   so a change touches one part. Audit entries and emails are cut by
//!   position; both lists only ever grow, so only the last part changes.
//! - A part's key carries the revision that wrote it
//!   (`partner-access-studio/part/users-10-0@42`). A save writes the changed
//!   parts under new keys first, then the head that lists them, then deletes
//!   the keys the head no longer lists. Until the head is written the old
//!   head and its parts are untouched, so a failed or interrupted save (a
//!   full localStorage, a closed tab) never leaves a mixed document.
//! - Export still writes one whole document; Import reads one.

use super::{Document, LoadError, Loaded};
use crate::domain::{AccountId, AuditEntry, Mail, User};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Users, audit entries or emails per part.
pub const PART_SIZE: usize = 256;

const KEY_PREFIX: &str = "partner-access-studio/part/";

/// What a part holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartName {
    /// Users of an account whose `id / PART_SIZE` is `chunk`.
    Users { account: AccountId, chunk: u64 },
    /// Audit entries `chunk * PART_SIZE ..` (by position).
    Audit(usize),
    /// Outbox emails `chunk * PART_SIZE ..` (by position).
    Outbox(usize),
}

impl PartName {
    fn label(self) -> String {
        match self {
            PartName::Users { account, chunk } => format!("users-{}-{chunk}", account.0),
            PartName::Audit(n) => format!("audit-{n}"),
            PartName::Outbox(n) => format!("outbox-{n}"),
        }
    }

    fn parse(label: &str) -> Option<PartName> {
        let mut bits = label.split('-');
        let part = match bits.next()? {
            "users" => PartName::Users {
                account: AccountId(bits.next()?.parse().ok()?),
                chunk: bits.next()?.parse().ok()?,
            },
            "audit" => PartName::Audit(bits.next()?.parse().ok()?),
            "outbox" => PartName::Outbox(bits.next()?.parse().ok()?),
            _ => return None,
        };
        bits.next().is_none().then_some(part)
    }
}

/// The localStorage key of a part as the head lists it (`users-10-0@42`).
pub fn part_key(listed: &str) -> String {
    format!("{KEY_PREFIX}{listed}")
}

/// Whether a localStorage key belongs to a part (for cleaning orphans).
pub fn is_part_key(key: &str) -> bool {
    key.starts_with(KEY_PREFIX)
}

/// What a stored part looked like when written, to tell whether it changed.
#[derive(Debug, Clone, PartialEq)]
enum Copy_ {
    /// Shared, so that an unchanged part is carried to the next save
    /// without copying its users.
    Users(Arc<[User]>),
    /// Audit entries and emails are never edited, only appended: a part
    /// changed when its length did.
    Len(usize),
    /// Stored, but what it holds is not known (the document was replaced):
    /// written again at the next save.
    Unknown,
}

/// The parts the stored head lists: for each, the revision of its key and
/// what it held. Empty when nothing split is known to be stored (then a
/// save writes every part).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    parts: BTreeMap<PartName, (u64, Copy_)>,
}

impl Written {
    /// After the document was replaced as a whole (Import, demo data): every
    /// part is written again, and the old keys are deleted after the head.
    pub fn forget_contents(&mut self) {
        for (_, copy) in self.parts.values_mut() {
            *copy = Copy_::Unknown;
        }
    }

    /// True when no part is known to be stored (a whole document is, or
    /// nothing).
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Every key the stored head lists.
    pub fn keys(&self) -> impl Iterator<Item = String> + '_ {
        self.parts
            .iter()
            .map(|(name, (rev, _))| part_key(&format!("{}@{rev}", name.label())))
    }
}

/// One save: parts to write (key, JSON), then the head, then keys to delete.
#[derive(Debug, Clone, PartialEq)]
pub struct SavePlan {
    /// The revision being saved.
    pub revision: u64,
    pub parts: Vec<(String, String)>,
    pub head: String,
    pub obsolete: Vec<String>,
    /// What is stored once every write succeeded.
    pub next: Written,
}

impl SavePlan {
    /// Characters written in all (parts and head).
    pub fn bytes(&self) -> usize {
        self.head.len() + self.parts.iter().map(|(_, json)| json.len()).sum::<usize>()
    }
}

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    // Plain data with string keys cannot fail to serialise.
    serde_json::to_string(value).unwrap_or_default()
}

/// Plans the save of `doc` given what is stored. `doc` is borrowed mutably
/// only to lift its lists out while the head is written; it is unchanged
/// when this returns.
pub fn plan(doc: &mut Document, written: &Written) -> SavePlan {
    let rev = doc.revision;
    let mut next = Written::default();
    let mut parts = Vec::new();
    let mut listed = Vec::new();
    // `same` says whether the stored copy still matches; `fresh` makes the
    // copy to remember when it does not.
    let mut keep = |name: PartName,
                    same: &dyn Fn(&Copy_) -> bool,
                    fresh: &dyn Fn() -> Copy_,
                    json: &dyn Fn() -> String| match written.parts.get(&name) {
        Some((old_rev, old)) if same(old) => {
            listed.push(format!("{}@{old_rev}", name.label()));
            next.parts.insert(name, (*old_rev, old.clone()));
        }
        _ => {
            let label = format!("{}@{rev}", name.label());
            parts.push((part_key(&label), json()));
            listed.push(label);
            next.parts.insert(name, (rev, fresh()));
        }
    };
    for acc in &doc.state.accounts {
        for run in acc
            .users
            .chunk_by(|a, b| a.id.0 as usize / PART_SIZE == b.id.0 as usize / PART_SIZE)
        {
            let name = PartName::Users {
                account: acc.id,
                chunk: run[0].id.0 as u64 / PART_SIZE as u64,
            };
            keep(
                name,
                &|old| matches!(old, Copy_::Users(users) if **users == *run),
                &|| Copy_::Users(run.into()),
                &|| to_json(run),
            );
        }
    }
    for (n, run) in doc.state.audit.chunks(PART_SIZE).enumerate() {
        let len = || Copy_::Len(run.len());
        keep(PartName::Audit(n), &|old| *old == len(), &len, &|| {
            to_json(run)
        });
    }
    for (n, run) in doc.state.outbox.chunks(PART_SIZE).enumerate() {
        let len = || Copy_::Len(run.len());
        keep(PartName::Outbox(n), &|old| *old == len(), &len, &|| {
            to_json(run)
        });
    }
    let head = head_json(doc, listed);
    let still: std::collections::BTreeSet<String> = next.keys().collect();
    let obsolete = written.keys().filter(|k| !still.contains(k)).collect();
    SavePlan {
        revision: rev,
        parts,
        head,
        obsolete,
        next,
    }
}

/// The document without its lists, naming the parts that hold them.
fn head_json(doc: &mut Document, listed: Vec<String>) -> String {
    let users: Vec<Vec<User>> = doc
        .state
        .accounts
        .iter_mut()
        .map(|a| std::mem::take(&mut a.users))
        .collect();
    let audit = std::mem::take(&mut doc.state.audit);
    let outbox = std::mem::take(&mut doc.state.outbox);
    doc.parts = listed;
    let json = doc.to_json();
    doc.parts = Vec::new();
    for (acc, users) in doc.state.accounts.iter_mut().zip(users) {
        acc.users = users;
    }
    doc.state.audit = audit;
    doc.state.outbox = outbox;
    json
}

/// Reads a head and the parts it lists (through `read`, by key), then
/// upgrades and validates the whole as [`Document::load`] does. Also says
/// what is stored, so that the next save writes only what changes.
pub fn load(
    head: &str,
    read: impl Fn(&str) -> Option<String>,
) -> Result<(Loaded, Written), LoadError> {
    let (mut doc, version) = Document::read_head(head)?;
    let mut written = Written::default();
    let listed = std::mem::take(&mut doc.parts);
    for label in &listed {
        let problem = |what: &str| LoadError::Unreadable(format!("{what} ({label})"));
        let (name, rev) = label
            .rsplit_once('@')
            .and_then(|(n, r)| Some((PartName::parse(n)?, r.parse::<u64>().ok()?)))
            .ok_or_else(|| problem("a part of the saved data has a malformed name"))?;
        let text =
            read(&part_key(label)).ok_or_else(|| problem("a part of the saved data is missing"))?;
        let bad = |e: serde_json::Error| LoadError::Unreadable(format!("{e} ({label})"));
        let copy = match name {
            PartName::Users { account, .. } => {
                let users: Vec<User> = serde_json::from_str(&text).map_err(bad)?;
                let acc = doc
                    .state
                    .accounts
                    .iter_mut()
                    .find(|a| a.id == account)
                    .ok_or_else(|| problem("a part of the saved data names no account"))?;
                acc.users.extend(users.iter().cloned());
                Copy_::Users(users.into())
            }
            PartName::Audit(_) => {
                let entries: Vec<AuditEntry> = serde_json::from_str(&text).map_err(bad)?;
                let n = entries.len();
                doc.state.audit.extend(entries);
                Copy_::Len(n)
            }
            PartName::Outbox(_) => {
                let mails: Vec<Mail> = serde_json::from_str(&text).map_err(bad)?;
                let n = mails.len();
                doc.state.outbox.extend(mails);
                Copy_::Len(n)
            }
        };
        written.parts.insert(name, (rev, copy));
    }
    let loaded = Document::finish(doc, version)?;
    // An upgraded document is saved whole in the current shape.
    if loaded.upgraded_from.is_some() {
        written = Written::default();
    }
    Ok((loaded, written))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Access, Actor, Command, Seat, SetId};
    use std::collections::HashMap;

    fn store(plan: &SavePlan, into: &mut HashMap<String, String>) {
        for (k, v) in &plan.parts {
            into.insert(k.clone(), v.clone());
        }
        into.insert("head".into(), plan.head.clone());
        for k in &plan.obsolete {
            into.remove(k);
        }
    }

    fn big_doc() -> Document {
        let mut doc = Document::demo();
        crate::demo::grow_audit_log(&mut doc.state, 600);
        doc
    }

    #[test]
    fn a_split_document_reads_back_whole() {
        let mut doc = big_doc();
        let before = doc.clone();
        let plan = plan(&mut doc, &Written::default());
        assert_eq!(doc, before, "planning leaves the document as it was");
        let mut kv = HashMap::new();
        store(&plan, &mut kv);
        let (loaded, written) = load(&kv["head"], |k| kv.get(k).cloned()).unwrap();
        assert_eq!(loaded.doc, before);
        assert_eq!(written, plan.next);
        assert!(
            plan.head.len() < before.to_json().len() / 2,
            "the lists live in parts"
        );
    }

    #[test]
    fn a_save_after_one_change_writes_one_user_part_and_the_last_audit_part() {
        let mut doc = big_doc();
        let first = plan(&mut doc, &Written::default());
        let mut kv = HashMap::new();
        store(&first, &mut kv);
        let actor = doc.acting;
        let target = doc.state.account(actor.account).unwrap().users[1].id;
        crate::domain::execute(
            &mut doc.state,
            &actor,
            &Command::EditUser {
                account: actor.account,
                user: target,
                seat: Seat::ViewOnly,
                access: Access::Set(SetId::ViewOnly),
            },
            doc.clock,
        )
        .unwrap();
        doc.revision += 1;
        let second = plan(&mut doc, &first.next);
        let names: Vec<&str> = second.parts.iter().map(|(k, _)| k.as_str()).collect();
        assert!(names.iter().any(|k| k.contains("/users-")), "{names:?}");
        assert!(
            names.len() <= 3,
            "one user part, the last audit part, maybe the outbox: {names:?}"
        );
        assert!(second.bytes() < first.bytes() / 4);
        // The rewritten parts' old keys go; the untouched ones stay listed.
        assert_eq!(second.obsolete.len(), second.parts.len());
        store(&second, &mut kv);
        let (loaded, _) = load(&kv["head"], |k| kv.get(k).cloned()).unwrap();
        assert_eq!(loaded.doc, doc);
        let expected: std::collections::BTreeSet<String> =
            second.next.keys().chain(["head".to_string()]).collect();
        let stored: std::collections::BTreeSet<String> = kv.keys().cloned().collect();
        assert_eq!(stored, expected, "no orphan keys");
    }

    #[test]
    fn a_missing_or_broken_part_is_a_clear_error() {
        let mut doc = big_doc();
        let plan = plan(&mut doc, &Written::default());
        let mut kv = HashMap::new();
        store(&plan, &mut kv);
        let victim = plan.parts[0].0.clone();
        let mut missing = kv.clone();
        missing.remove(&victim);
        let err = load(&kv["head"], |k| missing.get(k).cloned()).unwrap_err();
        assert!(
            matches!(err, LoadError::Unreadable(ref m) if m.contains("missing")),
            "{err:?}"
        );
        let mut broken = kv.clone();
        broken.insert(victim, "[{\"id\":".into());
        assert!(matches!(
            load(&kv["head"], |k| broken.get(k).cloned()),
            Err(LoadError::Unreadable(_))
        ));
    }

    #[test]
    fn a_whole_document_under_the_head_key_still_loads() {
        let doc = Document::demo();
        let (loaded, written) = load(&doc.to_json(), |_| None).unwrap();
        assert_eq!(loaded.doc, doc);
        assert_eq!(written, Written::default());
    }

    #[test]
    fn part_names_round_trip() {
        for name in [
            PartName::Users {
                account: AccountId(10),
                chunk: 3,
            },
            PartName::Audit(0),
            PartName::Outbox(12),
        ] {
            assert_eq!(PartName::parse(&name.label()), Some(name));
        }
        assert_eq!(PartName::parse("users-1"), None);
        assert_eq!(PartName::parse("audit-1-2"), None);
        let _ = Actor {
            account: AccountId(1),
            user: crate::domain::UserId(1),
        };
    }
}
