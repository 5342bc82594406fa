//! The app's one shared state: the persisted document in a signal, and the
//! notices the shell shows. Screens read it and send commands through
//! [`Studio::run`]; they never change the state by hand.

use crate::domain::{execute, tick_steps, Actor, Command, Decision, Refusal, Text, Timestamp};
use crate::storage::browser::{self, BrowserStore};
use crate::storage::parts::Written;
use crate::storage::save::{self, Opened, SaveError, Saver};
use crate::storage::{Document, LoadError, StorageKey};
use crate::timing;
use leptos::prelude::*;

/// What the shell tells the person after an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Done(Text),
    Refused(Refusal),
    /// Another tab saved first: this tab's change was not made, and the
    /// stored data is shown.
    Stale,
    /// The browser said no (a download, a write), in its words.
    Failed(Text),
    /// What the person entered must be fixed before the step can go on
    /// (not a rule's refusal: nothing was asked of the domain).
    Invalid(Text),
    /// The data was replaced (Import, Reset); what it replaced is kept and
    /// can be put back.
    Replaced {
        summary: Text,
        why: Replacement,
    },
}

/// Why everything was replaced, for the notice and its Undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replacement {
    Import,
    Reset,
}

#[derive(Clone, Copy)]
pub struct Studio {
    pub doc: RwSignal<Document>,
    /// Why the latest change could not be written to localStorage, if so.
    pub save_problem: RwSignal<Option<Text>>,
    /// What was wrong with the stored data at start, if anything.
    pub load_problem: RwSignal<Option<Text>>,
    pub notice: RwSignal<Option<Notice>>,
    /// True while saving would overwrite stored data that could not be read
    /// nor kept aside, or that a newer release wrote; cleared only by the
    /// person's explicit choice.
    pub hold_saves: RwSignal<bool>,
    /// The audit entry of this tab's last accepted command, offered for Undo.
    pub undoable: RwSignal<Option<u64>>,
    /// What this tab knows of what is stored, and how it saves.
    saver: StoredValue<Saver>,
    /// What the last Import or Reset replaced, for `Undo import` / `Undo
    /// reset` (also kept in localStorage while there is room).
    replaced: StoredValue<Option<(Document, Replacement)>>,
}

/// Reads the head under the document key and the parts it lists.
fn load_stored(head: &str) -> Result<(crate::storage::Loaded, Written), LoadError> {
    save::load(&BrowserStore, head)
}

/// What is stored at start, timed for the browser benchmark.
fn open_at_start() -> Opened {
    let _load = timing::Measure::start("load");
    save::open(&BrowserStore)
}

pub fn use_studio() -> Studio {
    expect_context::<Studio>()
}

/// Said when another tab saved first; the person's change was not made.
/// The words of [`Notice::Stale`].
pub const STALE_TAB: &str = "app.stale_tab";
const UPDATED_ELSEWHERE: &str = "app.updated_elsewhere";

impl Studio {
    /// Loads the stored document, or the demo data when there is none. An
    /// unreadable document is kept aside under its own key, never overwritten.
    pub fn load() -> Studio {
        let mut hold_saves = false;
        let mut stored = None;
        let mut written = Written::default();
        let (doc, problem) = match open_at_start() {
            Opened::Document {
                loaded,
                written: parts_written,
                revision,
            } => {
                let mut doc = loaded.doc;
                stored = revision;
                written = parts_written;
                if loaded.upgraded_from.is_some() {
                    // Saved in the current shape as a change of its own.
                    doc.revision = doc.revision.max(revision.unwrap_or(0)) + 1;
                }
                (doc, None)
            }
            Opened::Unreadable { error, kept } => {
                stored = save::stored_revision(&BrowserStore);
                // A newer release's data stays where that release looks
                // for it; unkept data must not be saved over either.
                hold_saves = !kept || matches!(error, LoadError::NewerVersion(_));
                let what = if hold_saves {
                    "load.problem_saves_held"
                } else {
                    "load.problem_kept_aside"
                };
                let mut doc = Document::demo();
                doc.revision = stored.unwrap_or(0) + 1;
                (
                    doc,
                    Some(crate::domain::text::Text::msg(what).with("error", error.text())),
                )
            }
            Opened::Nothing => (Document::demo(), None),
            Opened::Failed(e) => (Document::demo(), Some(e.text())),
        };
        let studio = Studio {
            doc: RwSignal::new(doc),
            save_problem: RwSignal::new(None),
            load_problem: RwSignal::new(problem),
            notice: RwSignal::new(None),
            hold_saves: RwSignal::new(hold_saves),
            undoable: RwSignal::new(None),
            saver: StoredValue::new(Saver::new(stored, written)),
            replaced: StoredValue::new(None),
        };
        studio.pass_time(studio.doc.with_untracked(|d| d.clock));
        studio
    }

    /// Saves after every change (the one effect that writes localStorage),
    /// and follows the changes other tabs save.
    pub fn persist(self) {
        Effect::new(move |_| {
            let revision = self.doc.with(|d| d.revision);
            if self.hold_saves.get() || self.stored() == Some(revision) {
                return;
            }
            self.save();
        });
        browser::on_document_saved_elsewhere(move |text| self.adopt(&text));
    }

    /// Writes the document unless another tab saved meanwhile: then that
    /// one is shown and nothing is overwritten.
    fn save(&self) {
        if self.adopt_saved_elsewhere() {
            self.notice.set(Some(Notice::Stale));
            return;
        }
        let outcome = {
            let _save = timing::Measure::start("save");
            self.saver
                .try_update_value(|saver| {
                    // Mutable only to lift the lists out while the head is written.
                    self.doc.try_update_untracked(|d| {
                        saver.save(&BrowserStore, d, || timing::Measure::start("save: plan"))
                    })
                })
                .flatten()
        };
        match outcome {
            Some(Ok(saved)) => {
                timing::record_save_size(saved.chars);
                self.save_problem.set(None);
            }
            // Another tab saved between the check above and the head.
            Some(Err(SaveError::Conflict)) => {
                self.adopt_saved_elsewhere();
                self.notice.set(Some(Notice::Stale));
            }
            // The change stays in memory; the banner offers Export.
            Some(Err(SaveError::Store(e))) => self.save_problem.set(Some(e.text())),
            None => {}
        }
    }

    /// The revision this tab last read from or wrote to localStorage.
    fn stored(&self) -> Option<u64> {
        self.saver.with_value(Saver::stored)
    }

    /// Takes over the document another tab saved, unless it is the one this
    /// tab last read or wrote.
    fn adopt(&self, text: &str) {
        match load_stored(text) {
            Ok((l, _)) if Some(l.doc.revision) == self.stored() => {}
            Ok((l, written)) => {
                self.saver
                    .update_value(|s| s.adopt(l.doc.revision, written));
                self.undoable.set(None);
                self.doc.set(l.doc);
                self.notice
                    .set(Some(Notice::Done(Text::msg(UPDATED_ELSEWHERE))));
            }
            Err(e) => {
                // Another tab (perhaps a newer release) wrote what this one
                // cannot read: stop saving rather than overwrite it.
                self.hold_saves.set(true);
                self.load_problem.set(Some(e.text()));
            }
        }
    }

    /// True when localStorage holds another revision than the one this tab
    /// last read or wrote (another tab saved; its `storage` event may not
    /// have arrived yet, or this tab's own last save failed): the stored
    /// document is then adopted.
    fn adopt_saved_elsewhere(&self) -> bool {
        let theirs = save::stored_revision(&BrowserStore);
        if theirs == self.stored() {
            return false;
        }
        if let Ok(Some(text)) = browser::read(StorageKey::Document) {
            self.adopt(&text);
        }
        // What is stored is now what this tab knows, even when it could
        // not be read (saves are then held).
        self.saver.update_value(|s| s.know(theirs));
        true
    }

    pub fn acting(&self) -> Actor {
        self.doc.with(|d| d.acting)
    }

    pub fn now(&self) -> Timestamp {
        self.doc.with(|d| d.clock)
    }

    /// Runs a command as the current actor at the simulated time; the
    /// refusal (with its rule ID) is also kept for the shell to show.
    /// `Err(None)`: not run because another tab saved first (the notice
    /// says so).
    pub fn run(&self, command: Command) -> Result<Decision, Option<Refusal>> {
        if self.adopt_saved_elsewhere() {
            self.notice.set(Some(Notice::Stale));
            return Err(None);
        }
        let mut outcome = None;
        self.doc.maybe_update(|d| {
            let r = execute(&mut d.state, &d.acting, &command, d.clock);
            let changed = matches!(&r, Ok(decision) if !decision.events.is_empty());
            if changed {
                d.revision += 1;
            }
            outcome = Some(r);
            changed
        });
        let outcome =
            outcome.unwrap_or_else(|| Err(Refusal::new("R-ACC-2", Text::msg("app.nothing_run"))));
        self.undoable.set(match &outcome {
            Ok(d) if !d.events.is_empty() => self
                .doc
                .with_untracked(|d| d.state.audit.last().map(|e| e.seq)),
            _ => None,
        });
        self.notice.set(Some(match &outcome {
            Ok(d) => Notice::Done(d.summary.clone()),
            Err(r) => Notice::Refused(r.clone()),
        }));
        outcome.map_err(Some)
    }

    /// Undoes this tab's last accepted command, if still possible: a
    /// command like any other (`Command::Undo`), decided by the core.
    pub fn undo(&self) {
        let Some(seq) = self.undoable.get_untracked() else {
            return;
        };
        let _ = self.run(Command::Undo { seq });
        // An undo is not offered for undoing again.
        self.undoable.set(None);
    }

    /// True while Undo can still reverse this tab's last command.
    pub fn can_undo(&self) -> bool {
        self.undoable.get().is_some_and(|seq| {
            self.doc
                .with(|d| crate::domain::undo_decision(&d.state, seq).is_some())
        })
    }

    pub fn act_as(&self, actor: Actor) {
        self.undoable.set(None);
        self.doc.update(|d| {
            d.acting = actor;
            d.revision += 1;
        });
        self.notice.set(None);
    }

    /// Moves the simulated clock (never backwards) and runs the time rules.
    pub fn pass_time(&self, to: Timestamp) {
        self.doc.maybe_update(|d| {
            let to = to.max(d.clock);
            let steps = tick_steps(&d.state, to);
            let changed = to != d.clock || !steps.is_empty();
            d.clock = to;
            // One audit entry per step (e.g. per migrated user).
            for step in &steps {
                crate::domain::commit(&mut d.state, None, step, to);
            }
            if changed {
                d.revision += 1;
            }
            changed
        });
    }

    /// Replaces everything with `doc` (demo data or an import), as a new
    /// revision so that other tabs take it over; releases held saves. What
    /// it replaces is kept (in memory, and in its localStorage slot while
    /// there is room) for Undo; the undo history of the replaced data goes,
    /// so that Undo never acts on an entry of another document.
    pub fn replace(&self, doc: Document, why: Replacement, summary: Text) {
        let previous = self.doc.with_untracked(Clone::clone);
        save::keep_replaced(&BrowserStore, &previous);
        self.replaced.set_value(Some((previous, why)));
        self.put(doc);
        self.notice.set(Some(Notice::Replaced { summary, why }));
    }

    /// Puts `doc` in place of the current data, as the newest revision.
    fn put(&self, mut doc: Document) {
        let stored = save::stored_revision(&BrowserStore);
        let newest = self
            .doc
            .with_untracked(|d| d.revision)
            .max(stored.unwrap_or(0));
        doc.revision = newest.max(doc.revision) + 1;
        // Replacing is meant to win over whatever another tab stored.
        self.undoable.set(None);
        self.hold_saves.set(false);
        // Audit and outbox parts are compared by length only (they only
        // grow); a different document must be written whole.
        self.saver.update_value(|s| {
            s.know(stored);
            s.forget_contents();
        });
        self.doc.set(doc);
    }

    /// Whether `Undo import` / `Undo reset` can put the replaced data back.
    pub fn can_undo_replacement(&self) -> bool {
        self.replaced.with_value(Option::is_some)
    }

    /// Puts back what the last Import or Reset replaced.
    pub fn undo_replacement(&self) {
        let Some((previous, _)) = self.replaced.try_update_value(Option::take).flatten() else {
            return;
        };
        self.put(previous);
        self.notice
            .set(Some(Notice::Done(Text::msg("app.replacement_undone"))));
    }

    /// Every kept-aside item in one file (the start-up banner's button and
    /// `Your data`).
    pub fn download_kept_aside(&self) {
        let Some(json) = save::kept_aside_file(&BrowserStore) else {
            return;
        };
        let name = format!(
            "partner-access-studio-unreadable-{}.json",
            self.now().iso_date()
        );
        if let Err(e) = browser::download(&name, &json) {
            self.notice.set(Some(Notice::Failed(e)));
        }
    }

    /// Marks every email in the outbox as read.
    pub fn mark_mail_read(&self) {
        self.doc.maybe_update(|d| {
            let changed = d.mail_read != d.state.outbox.len();
            if changed {
                d.mail_read = d.state.outbox.len();
                d.revision += 1;
            }
            changed
        });
    }

    pub fn reset_demo(&self, summary: Text) {
        self.replace(Document::demo(), Replacement::Reset, summary);
    }

    /// The whole state as a JSON file, for Export.
    pub fn export(&self) {
        let (name, json) = self.doc.with_untracked(|d| {
            (
                format!(
                    "partner-access-studio-{}-r{}.json",
                    d.clock.iso_date(),
                    d.revision
                ),
                d.to_json(),
            )
        });
        if let Err(e) = browser::download(&name, &json) {
            self.notice.set(Some(Notice::Failed(e)));
        }
    }
}
