//! The document as localStorage holds it: a small head under the document
//! key, and everything bulky in parts under keys of their own, so that a
//! save writes only the parts that changed (one part of 64 users, not all
//! 10,000; the tail of the audit log, not all of it).
//!
//! - Users are cut by id: a part is one run of the account's users (see
//!   [`Users`]), so a change touches one part, and a part whose run is still
//!   shared with the stored copy is known unchanged without a look inside. Accounts (without their
//!   users) and managed relationships are cut by position and compared by
//!   value. Audit entries and emails are cut by position too; both lists
//!   only ever grow, so only the last part changes, and its text is kept so
//!   that new entries are appended to it instead of serialising it again.
//! - A part's key carries the revision that wrote it
//!   (`partner-access-studio/part/users-10-0@42`). A save writes the changed
//!   parts under new keys first, then the head that lists them, then deletes
//!   the keys the head no longer lists. Until the head is written the old
//!   head and its parts are untouched, so a failed or interrupted save (a
//!   full localStorage, a closed tab) never leaves a mixed document.
//! - Export still writes one whole document; Import reads one.

use super::{Document, LoadError, Loaded};
use domain::users::{run_of, Run};
use domain::{Account, AccountId, AuditEntry, Mail, ManagedRelationship, Users};
use std::sync::Arc;

/// Accounts, relationships, audit entries or emails per part.
pub const PART_SIZE: usize = 256;

const KEY_PREFIX: &str = "partner-access-studio/part/";

/// What a part holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartName {
    /// Accounts `chunk * PART_SIZE ..` (by position), without their users.
    Accounts(usize),
    /// Users of an account in run `chunk` (`id / USERS_PER_RUN`).
    Users { account: AccountId, chunk: u64 },
    /// Managed relationships `chunk * PART_SIZE ..` (by position).
    Relationships(usize),
    /// Audit entries `chunk * PART_SIZE ..` (by position).
    Audit(usize),
    /// Outbox emails `chunk * PART_SIZE ..` (by position).
    Outbox(usize),
}

impl PartName {
    fn label(self) -> String {
        match self {
            PartName::Accounts(n) => format!("accounts-{n}"),
            PartName::Users { account, chunk } => format!("users-{}-{chunk}", account.0),
            PartName::Relationships(n) => format!("relationships-{n}"),
            PartName::Audit(n) => format!("audit-{n}"),
            PartName::Outbox(n) => format!("outbox-{n}"),
        }
    }

    fn parse(label: &str) -> Option<PartName> {
        let mut bits = label.split('-');
        let part = match bits.next()? {
            "accounts" => PartName::Accounts(bits.next()?.parse().ok()?),
            "users" => PartName::Users {
                account: AccountId(bits.next()?.parse().ok()?),
                chunk: bits.next()?.parse().ok()?,
            },
            "relationships" => PartName::Relationships(bits.next()?.parse().ok()?),
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
/// Shared, so that an unchanged part is carried to the next save without
/// copying what it holds.
#[derive(Debug, Clone, PartialEq)]
enum Copy_ {
    /// The very run the account held (shared until either changes).
    Users(Run),
    /// Without their users (those are in parts of their own).
    Accounts(Arc<[Account]>),
    Relationships(Arc<[ManagedRelationship]>),
    /// Audit entries and emails are never edited, only appended: a part
    /// changed when its length did.
    Appended(usize, Tail),
    /// Stored, but what it holds is not known (the document was replaced):
    /// written again at the next save.
    Unknown,
}

/// The text of a part that can still grow (the last of the audit log or
/// the outbox), so that new entries are appended to it. Not part of the
/// part's value: it only saves serialising the same entries again.
#[derive(Debug, Clone, Default)]
struct Tail(Option<Arc<str>>);

impl PartialEq for Tail {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Tail {
    /// Keeps `json` while the part has room for more entries.
    fn of(len: usize, json: &str) -> Tail {
        Tail((len < PART_SIZE).then(|| json.into()))
    }
}

/// The parts the stored head lists: for each, the revision of its key and
/// what it held. Empty when nothing split is known to be stored (then a
/// save writes every part).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Written {
    /// Ordered by name, so that finding a part is a binary search.
    parts: Vec<(PartName, Stored)>,
}

/// One stored part: the revision of its key, the name the head lists it
/// by (kept, so that a save formats no name for a part it carries over),
/// and what it held.
#[derive(Debug, Clone, PartialEq)]
struct Stored {
    rev: u64,
    listed: Arc<str>,
    copy: Copy_,
}

impl Stored {
    fn new(name: PartName, rev: u64, copy: Copy_) -> Stored {
        Stored {
            rev,
            listed: format!("{}@{rev}", name.label()).into(),
            copy,
        }
    }
}

impl Written {
    /// After the document was replaced as a whole (Import, demo data): every
    /// part is written again, and the old keys are deleted after the head.
    pub fn forget_contents(&mut self) {
        for (_, stored) in &mut self.parts {
            stored.copy = Copy_::Unknown;
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
            .map(|(_, stored)| part_key(&stored.listed))
    }

    fn find(&self, name: PartName) -> Result<usize, usize> {
        self.parts.binary_search_by(|(n, _)| n.cmp(&name))
    }

    /// The stored part `name`, looked for first at `*next` and then by
    /// binary search; `*next` then points past it. A save asks for the
    /// parts in the order they are kept in (accounts are ordered by id), so
    /// the first look nearly always finds it.
    fn get_from(&self, name: PartName, next: &mut usize) -> Option<&Stored> {
        let i = match self.parts.get(*next) {
            Some((n, _)) if *n == name => *next,
            _ => self.find(name).ok()?,
        };
        *next = i + 1;
        Some(&self.parts[i].1)
    }

    fn put(&mut self, name: PartName, stored: Stored) {
        match self.find(name) {
            Ok(i) => self.parts[i].1 = stored,
            Err(i) => self.parts.insert(i, (name, stored)),
        }
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
    /// Parts written anew, and parts no longer stored: what
    /// [`Written::commit`] records once every write succeeded. Only the
    /// difference, so that a save after one command touches what it wrote.
    changed: Vec<(PartName, Stored)>,
    removed: Vec<PartName>,
}

impl Written {
    /// Records that every write of `plan` succeeded.
    pub fn commit(&mut self, plan: SavePlan) {
        for name in plan.removed {
            if let Ok(i) = self.find(name) {
                self.parts.remove(i);
            }
        }
        for (name, stored) in plan.changed {
            self.put(name, stored);
        }
    }
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

/// The JSON of `run` given the stored text of its first `old_len` entries
/// (`[a,b]`): the new entries are appended to it (`[a,b,c]`), byte for byte
/// what serialising the whole run gives.
fn appended<T: serde::Serialize>(run: &[T], old_len: usize, old: Option<&str>) -> String {
    match old {
        Some(text) if old_len > 0 && old_len < run.len() && text.ends_with(']') => {
            // `[c,d]` of the new entries (the same serialiser as whole
            // parts, so no second one in the wasm), joined to `[a,b`.
            let new = to_json(&run[old_len..]);
            let mut json = String::with_capacity(text.len() + new.len());
            json.push_str(&text[..text.len() - 1]);
            json.push(',');
            json.push_str(&new[1..]);
            json
        }
        _ => to_json(run),
    }
}

/// What [`plan`] lifts out of the document while its head is written.
struct Lifted {
    accounts: Vec<Account>,
    users: Vec<Users>,
    relationships: Vec<ManagedRelationship>,
    audit: Vec<AuditEntry>,
    outbox: Vec<Mail>,
}

impl Lifted {
    fn take(doc: &mut Document) -> Lifted {
        let state = &mut doc.state;
        let users = state
            .accounts
            .iter_mut()
            .map(|a| std::mem::take(&mut a.users))
            .collect();
        Lifted {
            accounts: std::mem::take(&mut state.accounts),
            users,
            relationships: std::mem::take(&mut state.relationships),
            audit: std::mem::take(&mut state.audit),
            outbox: std::mem::take(&mut state.outbox),
        }
    }

    /// Whether there is anything to store under `name`.
    fn holds(&self, name: PartName) -> bool {
        let reaches = |len: usize, n: usize| n * PART_SIZE < len;
        match name {
            PartName::Accounts(n) => reaches(self.accounts.len(), n),
            PartName::Users { account, chunk } => {
                self.accounts.iter().zip(&self.users).any(|(a, users)| {
                    a.id == account
                        && users
                            .runs()
                            .iter()
                            .any(|r| u64::from(run_of(r[0].id)) == chunk)
                })
            }
            PartName::Relationships(n) => reaches(self.relationships.len(), n),
            PartName::Audit(n) => reaches(self.audit.len(), n),
            PartName::Outbox(n) => reaches(self.outbox.len(), n),
        }
    }

    fn put_back(self, doc: &mut Document) {
        let state = &mut doc.state;
        state.accounts = self.accounts;
        for (acc, users) in state.accounts.iter_mut().zip(self.users) {
            acc.users = users;
        }
        state.relationships = self.relationships;
        state.audit = self.audit;
        state.outbox = self.outbox;
    }
}

/// Plans the save of `doc` given what is stored. `doc` is borrowed mutably
/// only to lift its lists out while the parts and the head are written; it
/// is unchanged when this returns.
pub fn plan(doc: &mut Document, written: &Written) -> SavePlan {
    let rev = doc.revision;
    let mut parts = Vec::new();
    let mut listed: Vec<Arc<str>> = Vec::with_capacity(written.parts.len());
    let mut changed = Vec::new();
    let mut obsolete = Vec::new();
    let mut carried = 0;
    let mut next = 0;
    // `same` says whether the stored copy still matches; `fresh` gives the
    // text to write and the copy to remember when it does not.
    let mut keep = |name: PartName,
                    same: &dyn Fn(&Copy_) -> bool,
                    fresh: &dyn Fn(Option<&Copy_>) -> (String, Copy_)| {
        let old = written.get_from(name, &mut next);
        carried += usize::from(old.is_some());
        match old {
            Some(old) if same(&old.copy) => listed.push(old.listed.clone()),
            _ => {
                let (json, copy) = fresh(old.map(|o| &o.copy));
                let stored = Stored::new(name, rev, copy);
                // The old key goes once the head no longer lists it (unless
                // this very revision wrote it, as a retried save does).
                if let Some(old) = old.filter(|old| old.rev != rev) {
                    obsolete.push(part_key(&old.listed));
                }
                parts.push((part_key(&stored.listed), json));
                listed.push(stored.listed.clone());
                changed.push((name, stored));
            }
        }
    };
    let lifted = Lifted::take(doc);
    for (n, run) in lifted.accounts.chunks(PART_SIZE).enumerate() {
        keep(
            PartName::Accounts(n),
            &|old| matches!(old, Copy_::Accounts(a) if **a == *run),
            &|_| (to_json(run), Copy_::Accounts(run.into())),
        );
    }
    for (acc, users) in lifted.accounts.iter().zip(&lifted.users) {
        for run in users.runs() {
            let name = PartName::Users {
                account: acc.id,
                chunk: run_of(run[0].id).into(),
            };
            // Still the same run: unchanged. Copied since (a change to one
            // of its users, or a document read again): compare the values.
            keep(
                name,
                &|old| matches!(old, Copy_::Users(kept) if Arc::ptr_eq(kept, run) || kept == run),
                &|_| (to_json(&**run), Copy_::Users(run.clone())),
            );
        }
    }
    for (n, run) in lifted.relationships.chunks(PART_SIZE).enumerate() {
        keep(
            PartName::Relationships(n),
            &|old| matches!(old, Copy_::Relationships(r) if **r == *run),
            &|_| (to_json(run), Copy_::Relationships(run.into())),
        );
    }
    fn grown<T: serde::Serialize>(run: &[T], old: Option<&Copy_>) -> (String, Copy_) {
        let json = match old {
            Some(Copy_::Appended(len, Tail(text))) => appended(run, *len, text.as_deref()),
            _ => to_json(run),
        };
        let tail = Tail::of(run.len(), &json);
        (json, Copy_::Appended(run.len(), tail))
    }
    let same_len =
        |len: usize| move |old: &Copy_| matches!(old, Copy_::Appended(n, _) if *n == len);
    for (n, run) in lifted.audit.chunks(PART_SIZE).enumerate() {
        keep(PartName::Audit(n), &same_len(run.len()), &|old| {
            grown(run, old)
        });
    }
    for (n, run) in lifted.outbox.chunks(PART_SIZE).enumerate() {
        keep(PartName::Outbox(n), &same_len(run.len()), &|old| {
            grown(run, old)
        });
    }
    doc.parts = listed;
    let head = doc.to_json();
    doc.parts = Vec::new();
    // Stored parts that hold nothing now (a run emptied, fewer accounts).
    let mut removed = Vec::new();
    if carried < written.parts.len() {
        for (name, old) in &written.parts {
            if !lifted.holds(*name) {
                obsolete.push(part_key(&old.listed));
                removed.push(*name);
            }
        }
    }
    lifted.put_back(doc);
    SavePlan {
        revision: rev,
        parts,
        head,
        obsolete,
        changed,
        removed,
    }
}

/// Adds the entries of an audit or outbox part to their list; the copy
/// remembers the text while the part can still grow.
fn append_part<T: serde::de::DeserializeOwned>(
    text: &str,
    list: &mut Vec<T>,
) -> Result<Copy_, serde_json::Error> {
    let entries: Vec<T> = super::json::from_str(text)?;
    let n = entries.len();
    list.extend(entries);
    Ok(Copy_::Appended(n, Tail::of(n, text)))
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
    // Users join their account once every account is read (a head written
    // before accounts had parts of their own holds them itself).
    let mut users: Vec<(AccountId, Run, &str)> = Vec::new();
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
            PartName::Accounts(_) => {
                let accounts: Vec<Account> = super::json::from_str(&text).map_err(bad)?;
                doc.state.accounts.extend(accounts.iter().cloned());
                Copy_::Accounts(accounts.into())
            }
            PartName::Users { account, .. } => {
                let run: Run = Arc::new(super::json::from_str(&text).map_err(bad)?);
                users.push((account, run.clone(), label));
                Copy_::Users(run)
            }
            PartName::Relationships(_) => {
                let part: Vec<ManagedRelationship> = super::json::from_str(&text).map_err(bad)?;
                doc.state.relationships.extend(part.iter().cloned());
                Copy_::Relationships(part.into())
            }
            PartName::Audit(_) => append_part(&text, &mut doc.state.audit).map_err(bad)?,
            PartName::Outbox(_) => append_part(&text, &mut doc.state.outbox).map_err(bad)?,
        };
        written.put(name, Stored::new(name, rev, copy));
    }
    for (account, run, label) in users {
        let acc = doc.state.account_mut(account).ok_or_else(|| {
            LoadError::Unreadable(format!(
                "a part of the saved data names no account ({label})"
            ))
        })?;
        acc.users.add_run(run).map_err(|id| {
            LoadError::Unreadable(format!(
                "the saved data lists user {} twice ({label})",
                id.0
            ))
        })?;
    }
    let loaded = Document::finish(doc, version)?;
    // An upgraded document is saved whole in the current shape.
    if loaded.upgraded_from.is_some() {
        written = Written::default();
    }
    Ok((loaded, written))
}

#[cfg(test)]
mod tests;
