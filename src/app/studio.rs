//! The app's one shared state: the persisted document in a signal, and the
//! notices the shell shows. Screens read it and send commands through
//! [`Studio::run`]; they never change the state by hand.

use crate::domain::{execute, tick_steps, Actor, Command, Decision, Refusal, Text, Timestamp};
use crate::storage::parts::{self, Written};
use crate::storage::{browser, Document, LoadError, StorageKey};
use leptos::prelude::*;

/// What the shell tells the person after an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Done(Text),
    Refused(Refusal),
    /// Not a rule's refusal: another tab was ahead, or the browser said no.
    Stale(Text),
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
    /// The revision known to be in localStorage (this tab wrote or read it);
    /// `None` until something is.
    stored: StoredValue<Option<u64>>,
    /// The parts of the stored document, so that a save writes only the
    /// ones that changed.
    written: StoredValue<Written>,
    /// Set when the split layout did not fit beside the stored document (a
    /// whole document of more than half the quota): this tab then saves
    /// whole documents, as before the split, rather than nothing.
    whole_only: StoredValue<bool>,
}

/// Reads the head under the document key and the parts it lists.
fn load_stored(head: &str) -> Result<(crate::storage::Loaded, Written), LoadError> {
    parts::load(head, |key| browser::read_key(key).ok().flatten())
}

/// [`load_stored`], timed for the browser benchmark.
fn load_at_start(head: &str) -> Result<(crate::storage::Loaded, Written), LoadError> {
    let _load = browser::Measure::start("load");
    load_stored(head)
}

pub fn use_studio() -> Studio {
    expect_context::<Studio>()
}

/// Said when another tab saved first; the person's change was not made.
const STALE_TAB: &str = "app.stale_tab";
const UPDATED_ELSEWHERE: &str = "app.updated_elsewhere";

impl Studio {
    /// Loads the stored document, or the demo data when there is none. An
    /// unreadable document is kept aside under its own key, never overwritten.
    pub fn load() -> Studio {
        let mut hold_saves = false;
        let mut stored = None;
        let mut written = Written::default();
        let (doc, problem) = match browser::read(StorageKey::Document) {
            Ok(Some(text)) => match load_at_start(&text) {
                Ok((loaded, parts_written)) => {
                    if loaded.upgraded_from.is_none() {
                        stored = Some(loaded.doc.revision);
                    }
                    written = parts_written;
                    remove_orphan_parts(&written);
                    (loaded.doc, None)
                }
                Err(e) => {
                    let kept = browser::keep_aside(&text);
                    // A newer release's data stays where that release looks
                    // for it; unkept data must not be saved over either.
                    hold_saves = !kept || matches!(e, LoadError::NewerVersion(_));
                    let what = if hold_saves {
                        "load.problem_saves_held"
                    } else {
                        "load.problem_kept_aside"
                    };
                    (
                        Document::demo(),
                        Some(crate::domain::text::Text::msg(what).with("error", e.text())),
                    )
                }
            },
            Ok(None) => (Document::demo(), None),
            Err(e) => (Document::demo(), Some(e)),
        };
        let studio = Studio {
            doc: RwSignal::new(doc),
            save_problem: RwSignal::new(None),
            load_problem: RwSignal::new(problem),
            notice: RwSignal::new(None),
            hold_saves: RwSignal::new(hold_saves),
            undoable: RwSignal::new(None),
            stored: StoredValue::new(stored),
            written: StoredValue::new(written),
            whole_only: StoredValue::new(false),
        };
        studio.pass_time(studio.doc.with_untracked(|d| d.clock));
        studio
    }

    /// Saves after every change (the one effect that writes localStorage),
    /// and follows the changes other tabs save.
    pub fn persist(self) {
        Effect::new(move |_| {
            let revision = self.doc.with(|d| d.revision);
            if self.hold_saves.get() || self.stored.get_value() == Some(revision) {
                return;
            }
            self.save();
        });
        browser::on_document_saved_elsewhere(move |text| self.adopt(&text));
    }

    /// Writes the document unless another tab saved a newer one meanwhile:
    /// then that one is shown and nothing is overwritten.
    fn save(&self) {
        if self.adopt_newer_saved() {
            return;
        }
        let outcome = {
            let _save = browser::Measure::start("save");
            self.write_out()
        };
        match outcome {
            Some(Ok(Saved::Parts(plan))) => {
                self.stored.set_value(Some(plan.revision));
                record_save_size(plan.bytes());
                self.written.update_value(|w| w.commit(plan));
                self.save_problem.set(None);
            }
            Some(Ok(Saved::Whole(revision, bytes))) => {
                self.stored.set_value(Some(revision));
                record_save_size(bytes);
                self.written.set_value(Written::default());
                self.save_problem.set(None);
            }
            // The change stays in memory; the banner offers Export.
            Some(Err(e)) => self.save_problem.set(Some(e)),
            None => {}
        }
    }

    /// Writes the document: the parts that changed and the head, or the
    /// whole document where parts do not fit. `None`: nothing to write.
    fn write_out(&self) -> Option<Result<Saved, Text>> {
        let nothing_split = self.written.with_value(Written::is_empty);
        if !self.whole_only.get_value() {
            let plan = {
                let _plan = browser::Measure::start("save: plan");
                // Mutable only to lift the lists out while the head is written.
                self.written
                    .with_value(|known| self.doc.try_update_untracked(|d| parts::plan(d, known)))?
            };
            match write_plan(&plan) {
                Err(e) if e == Text::msg("storage.full") && nothing_split => {
                    self.whole_only.set_value(true);
                }
                written => return Some(written.map(|()| Saved::Parts(plan))),
            }
        }
        let (revision, json) = self.doc.with_untracked(|d| (d.revision, d.to_json()));
        let whole = self
            .written
            .with_value(|known| write_whole(&json, revision, known));
        Some(whole.map(|()| Saved::Whole(revision, json.len())))
    }

    /// Takes over a document another tab saved if it is newer than ours.
    fn adopt(&self, text: &str) {
        let ours = self.doc.with_untracked(|d| d.revision);
        match load_stored(text) {
            Ok((l, written)) if l.doc.revision > ours => {
                self.stored.set_value(Some(l.doc.revision));
                self.written.set_value(written);
                self.doc.set(l.doc);
                self.notice
                    .set(Some(Notice::Done(Text::msg(UPDATED_ELSEWHERE))));
            }
            Ok(_) => {}
            Err(e) => {
                // Another tab (perhaps a newer release) wrote what this one
                // cannot read: stop saving rather than overwrite it.
                self.hold_saves.set(true);
                self.load_problem.set(Some(e.text()));
            }
        }
    }

    /// True when localStorage holds a newer revision than this tab (the
    /// `storage` event has not arrived yet); that document is then adopted.
    fn adopt_newer_saved(&self) -> bool {
        let ours = self.doc.with_untracked(|d| d.revision);
        match browser::stored_revision() {
            Some(theirs) if theirs > ours => {
                if let Ok(Some(text)) = browser::read(StorageKey::Document) {
                    self.adopt(&text);
                }
                true
            }
            _ => false,
        }
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
        if self.adopt_newer_saved() {
            self.notice.set(Some(Notice::Stale(Text::msg(STALE_TAB))));
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

    /// Undoes this tab's last accepted command, if still possible.
    pub fn undo(&self) {
        let Some(seq) = self.undoable.get_untracked() else {
            return;
        };
        self.undoable.set(None);
        if self.adopt_newer_saved() {
            self.notice.set(Some(Notice::Stale(Text::msg(STALE_TAB))));
            return;
        }
        let mut summary = None;
        self.doc.maybe_update(|d| {
            summary = crate::domain::undo(&mut d.state, &d.acting, seq, d.clock).map(|x| x.summary);
            if summary.is_some() {
                d.revision += 1;
            }
            summary.is_some()
        });
        self.notice.set(Some(match summary {
            Some(s) => Notice::Done(s),
            None => Notice::Stale(Text::msg("app.cannot_undo")),
        }));
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
    /// revision so that other tabs take it over; releases held saves.
    pub fn replace(&self, mut doc: Document) {
        let newest = self
            .doc
            .with_untracked(|d| d.revision)
            .max(browser::stored_revision().unwrap_or(0));
        doc.revision = newest.max(doc.revision) + 1;
        self.hold_saves.set(false);
        // Audit and outbox parts are compared by length only (they only
        // grow); a different document must be written whole.
        self.written.update_value(Written::forget_contents);
        self.doc.set(doc);
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

    pub fn reset_demo(&self) {
        self.replace(Document::demo());
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
            self.notice.set(Some(Notice::Stale(e)));
        }
    }
}

/// Writes a save: the changed parts, then the head that lists them, then the
/// revision; only then are the keys of replaced parts deleted. If a write is
/// refused, the parts written so far are removed again and the stored head
/// still lists only parts that exist.
fn write_plan(plan: &parts::SavePlan) -> Result<(), Text> {
    for (i, (key, json)) in plan.parts.iter().enumerate() {
        if let Err(e) = browser::write_key(key, json) {
            for (written, _) in &plan.parts[..i] {
                browser::remove_key(written);
            }
            return Err(e);
        }
    }
    if let Err(e) = browser::write(StorageKey::Document, &plan.head) {
        // The old head and its parts are intact; drop the unused new parts.
        for (key, _) in &plan.parts {
            browser::remove_key(key);
        }
        return Err(e);
    }
    browser::write(StorageKey::Revision, &plan.revision.to_string())?;
    for key in &plan.obsolete {
        browser::remove_key(key);
    }
    Ok(())
}

/// What a save wrote: the changed parts and the head, or the whole document
/// (revision, characters).
enum Saved {
    Parts(parts::SavePlan),
    Whole(u64, usize),
}

/// Writes the whole document under the document key, over whatever head or
/// document is there, then deletes the parts the old head listed.
fn write_whole(json: &str, revision: u64, old: &Written) -> Result<(), Text> {
    browser::write(StorageKey::Document, json)?;
    browser::write(StorageKey::Revision, &revision.to_string())?;
    for key in old.keys() {
        browser::remove_key(&key);
    }
    Ok(())
}

/// Parts no head lists (left by a save that was interrupted) are deleted.
fn remove_orphan_parts(written: &Written) {
    let listed = crate::domain::sort::set_of(written.keys());
    for key in browser::keys() {
        if parts::is_part_key(&key) && !listed.contains(&key) {
            browser::remove_key(&key);
        }
    }
}

/// The characters the last save wrote, for the browser benchmark's
/// reference (a raw `setItem` of as many characters).
fn record_save_size(bytes: usize) {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"__lastSaveBytes".into(), &(bytes as f64).into());
    }
}
