//! Reading the audit log: which entries concern an account, filters, and the
//! CSV export. Entries are written only by `commit`.

use super::event::Event;
use super::fold::Folded;
use super::ids::{AccountId, Timestamp};
use super::lang::Lang;
use super::state::{AuditEntry, State};
use super::text::Text;

/// What an entry is about, for the category filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Category {
    Users,
    PermissionSets,
    AccessLinks,
    PartnerSettings,
    Relationships,
    Email,
    Migration,
}

impl Category {
    pub const ALL: [Category; 7] = [
        Category::Users,
        Category::PermissionSets,
        Category::AccessLinks,
        Category::PartnerSettings,
        Category::Relationships,
        Category::Email,
        Category::Migration,
    ];

    pub fn text(self) -> Text {
        Text::msg(match self {
            Category::Users => "category.users",
            Category::PermissionSets => "category.permission_sets",
            Category::AccessLinks => "category.access_links",
            Category::PartnerSettings => "category.partner_settings",
            Category::Relationships => "category.relationships",
            Category::Email => "category.email",
            Category::Migration => "category.migration",
        })
    }

    pub fn of(event: &Event) -> Category {
        match event {
            Event::UserAdded { .. } | Event::UserChanged { .. } | Event::UserRemoved { .. } => {
                Category::Users
            }
            Event::CustomSetSaved { .. } | Event::CustomSetDeleted { .. } => {
                Category::PermissionSets
            }
            Event::LinkIssued { .. }
            | Event::LinkRevoked { .. }
            | Event::LinkUsed { .. }
            | Event::LinkReminded { .. } => Category::AccessLinks,
            Event::DomainsSet { .. } | Event::PartnerSettingsSet { .. } => {
                Category::PartnerSettings
            }
            Event::PartnerActivity { .. } | Event::RelationshipEnded { .. } => {
                Category::Relationships
            }
            Event::MailSent { .. } => Category::Email,
            Event::PartnerAdminMigrationDone => Category::Migration,
        }
    }
}

/// Who made an entry, as the actor filter offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActorFilter {
    Anyone,
    /// Changes the product made by itself (time passing, migrations).
    Automatic,
    /// A person, by email (the stamp keeps it as it was at the time).
    Person(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditFilter {
    pub category: Option<Category>,
    pub actor: ActorFilter,
    /// Part of the name or email of a user the entry changed.
    pub affected: String,
    pub from: Option<Timestamp>,
    /// Inclusive: entries up to the end of this day.
    pub to: Option<Timestamp>,
    /// Part of the summary, the actor or an affected user.
    pub search: String,
}

impl Default for AuditFilter {
    fn default() -> Self {
        AuditFilter {
            category: None,
            actor: ActorFilter::Anyone,
            affected: String::new(),
            from: None,
            to: None,
            search: String::new(),
        }
    }
}

/// One account's audit log, prepared once per state so that each keystroke
/// in a filter is a plain scan (50,000 entries within a frame).
pub struct AuditIndex {
    rows: Vec<IndexedEntry>,
}

struct IndexedEntry {
    /// Position in `State::audit`.
    at_index: usize,
    at: Timestamp,
    categories: Vec<Category>,
    actor_email: Option<String>,
    /// Lower-case names and emails of the users the entry changed.
    affected: String,
    /// Lower-case summary, actor and affected users.
    text: String,
}

/// The users an event adds, changes or removes.
fn affected_users(event: &Event) -> Option<&super::account::User> {
    match event {
        Event::UserAdded { user, .. } | Event::UserRemoved { user, .. } => Some(user),
        Event::UserChanged { after, .. } => Some(after),
        _ => None,
    }
}

/// True when an entry belongs to `account`'s log: it changed something
/// there, or someone acting in that account made it.
pub fn concerns(entry: &AuditEntry, account: AccountId) -> bool {
    entry.actor.as_ref().is_some_and(|a| a.account == account)
        || entry.events.iter().any(|e| match e {
            Event::MailSent { .. } => false,
            Event::LinkRevoked { .. } => false,
            e => e.account() == Some(account),
        })
}

/// `account`'s part of an entry (R-AUD-1): the events of that account. The
/// account whose user made the entry sees all of it (they did it, and saw
/// every account it touched); any other account never sees what the entry
/// did elsewhere, such as another client's users in a dormant-access sweep.
/// Emails and revocations name no account: they are part of the actor's
/// account's view only.
pub fn part(entry: &AuditEntry, account: AccountId) -> impl Iterator<Item = &Event> {
    let whole = entry.actor.as_ref().is_some_and(|a| a.account == account);
    entry
        .events
        .iter()
        .filter(move |e| whole || e.account() == Some(account))
}

impl AuditIndex {
    /// `lang` is the reader's: the search matches the words on screen.
    pub fn new(state: &State, account: AccountId, lang: Lang) -> AuditIndex {
        let automatic = Text::msg("audit.automatic").render(lang);
        let rows = state
            .audit
            .iter()
            .enumerate()
            .filter(|(_, e)| concerns(e, account))
            .map(|(at_index, e)| {
                let mut categories: Vec<Category> = part(e, account).map(Category::of).collect();
                super::sort::sort(&mut categories);
                categories.dedup();
                let mut affected = String::new();
                for u in part(e, account).filter_map(affected_users) {
                    affected.push_str(&u.name.folded());
                    affected.push(' ');
                    affected.push_str(u.email.as_str());
                    affected.push('\n');
                }
                let actor = e
                    .actor
                    .as_ref()
                    .map(|a| format!("{} {}", a.name, a.email))
                    .unwrap_or_else(|| automatic.clone());
                let text = format!("{}\n{}\n{}", e.summary.render(lang), actor, affected).folded();
                IndexedEntry {
                    at_index,
                    at: e.at,
                    categories,
                    actor_email: e.actor.as_ref().map(|a| a.email.as_str().to_string()),
                    affected,
                    text,
                }
            })
            .collect();
        AuditIndex { rows }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Positions in `State::audit` of the matching entries, newest first.
    pub fn matching(&self, filter: &AuditFilter) -> Vec<usize> {
        let affected = filter.affected.trim().folded();
        let search = filter.search.trim().folded();
        let to = filter.to.map(|t| t.plus_days(1));
        self.rows
            .iter()
            .rev()
            .filter(|r| filter.category.is_none_or(|c| r.categories.contains(&c)))
            .filter(|r| match &filter.actor {
                ActorFilter::Anyone => true,
                ActorFilter::Automatic => r.actor_email.is_none(),
                ActorFilter::Person(email) => r.actor_email.as_deref() == Some(email.as_str()),
            })
            .filter(|r| filter.from.is_none_or(|f| r.at >= f))
            .filter(|r| to.is_none_or(|t| r.at < t))
            .filter(|r| affected.is_empty() || r.affected.contains(&affected))
            .filter(|r| search.is_empty() || r.text.contains(&search))
            .map(|r| r.at_index)
            .collect()
    }

    /// The people who made entries here, as (email, name), for the filter.
    pub fn actors(&self, state: &State) -> Vec<(String, String)> {
        let mut people: Vec<(String, String)> = self
            .rows
            .iter()
            .filter_map(|r| state.audit[r.at_index].actor.as_ref())
            .map(|a| (a.email.as_str().to_string(), a.name.clone()))
            .collect();
        super::sort::sort(&mut people);
        people.dedup_by(|a, b| a.0 == b.0);
        people
    }
}

/// Whether a spreadsheet would read `field` as a formula (R-SEC-1, after
/// OWASP's list of CSV injection starts).
fn starts_a_formula(field: &str) -> bool {
    field.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Appends one CSV record (RFC 4180): a field holding a comma, a quote, a
/// line break or spaces at either end is quoted, its quotes doubled. A field
/// a spreadsheet would run as a formula gets a leading `'` (R-SEC-1): a
/// user's name is text the studio does not control. The csv crate still
/// reads the import (and, in tests, reads this back); its writer brought
/// std's I/O machinery with it.
pub fn write_csv_record(out: &mut String, fields: &[String]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let neutralised;
        let field = if starts_a_formula(field) {
            neutralised = format!("'{field}");
            &neutralised
        } else {
            field
        };
        let quote = field.contains([',', '"', '\n', '\r'])
            || field.starts_with(char::is_whitespace)
            || field.ends_with(char::is_whitespace);
        if quote {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push('\n');
}

/// `account`'s part of the entries as CSV (when, who, acting in, category,
/// what, affected users; R-AUD-1).
pub fn to_csv(state: &State, account: AccountId, entries: &[usize], lang: Lang) -> String {
    let mut out = String::new();
    write_csv_record(
        &mut out,
        &[
            "audit.csv.when",
            "audit.csv.who",
            "audit.csv.acting_in",
            "audit.csv.category",
            "audit.csv.what",
            "audit.csv.affected",
        ]
        .map(|id| Text::msg(id).render(lang)),
    );
    for &i in entries {
        let Some(e) = state.audit.get(i) else {
            continue;
        };
        let who = e
            .actor
            .as_ref()
            .map(|a| format!("{} <{}>", a.name, a.email))
            .unwrap_or_else(|| Text::msg("audit.automatic").render(lang));
        let acting_in = e
            .actor
            .as_ref()
            .and_then(|a| state.account(a.account))
            .map(|a| a.name.clone())
            .unwrap_or_default();
        let mut categories: Vec<String> = part(e, account)
            .map(|ev| Category::of(ev).text().render(lang))
            .collect();
        categories.dedup();
        let affected: Vec<&str> = part(e, account)
            .filter_map(affected_users)
            .map(|u| u.email.as_str())
            .collect();
        write_csv_record(
            &mut out,
            &[
                e.at.iso_minute(),
                who,
                acting_in,
                categories.join("; "),
                e.summary.render(lang),
                affected.join("; "),
            ],
        );
    }
    out
}
