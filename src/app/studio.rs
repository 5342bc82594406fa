//! The app's one shared state: the persisted document in a signal, and the
//! notices the shell shows. Screens read it and send commands through
//! [`Studio::run`]; they never change the state by hand.

use crate::domain::{execute, tick, Actor, Command, Decision, Refusal, Timestamp};
use crate::storage::{browser, Document, StorageKey};
use leptos::prelude::*;

/// What the shell tells the person after an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Done(String),
    Refused(Refusal),
}

#[derive(Clone, Copy)]
pub struct Studio {
    pub doc: RwSignal<Document>,
    /// Why the latest change could not be written to localStorage, if so.
    pub save_problem: RwSignal<Option<String>>,
    /// What was wrong with the stored data at start, if anything.
    pub load_problem: RwSignal<Option<String>>,
    pub notice: RwSignal<Option<Notice>>,
    /// True while saving would overwrite stored data that could not be read
    /// nor kept aside; cleared by an explicit reset.
    pub hold_saves: RwSignal<bool>,
}

pub fn use_studio() -> Studio {
    expect_context::<Studio>()
}

impl Studio {
    /// Loads the stored document, or the demo data when there is none. An
    /// unreadable document is kept aside under its own key, never overwritten.
    pub fn load() -> Studio {
        let mut hold_saves = false;
        let (doc, problem) = match browser::read(StorageKey::Document) {
            Ok(Some(text)) => match Document::parse(&text) {
                Ok(doc) => (doc, None),
                Err(e) => {
                    let kept = browser::keep_aside(&text);
                    if !kept {
                        // Nowhere to keep it: do not save over the original.
                        hold_saves = true;
                    }
                    let what = if kept {
                        " The unreadable text was kept aside."
                    } else {
                        " It could not be copied aside, so nothing is saved until you reset or export."
                    };
                    (Document::demo(), Some(format!("{e}.{what}")))
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
        };
        studio.pass_time(studio.doc.with_untracked(|d| d.clock));
        studio
    }

    /// Saves after every change: the one effect that talks to localStorage.
    pub fn persist(self) {
        Effect::new(move |_| {
            let json = self.doc.with(Document::to_json);
            self.save_problem
                .set(browser::write(StorageKey::Document, &json).err());
        });
    }

    pub fn acting(&self) -> Actor {
        self.doc.with(|d| d.acting)
    }

    pub fn now(&self) -> Timestamp {
        self.doc.with(|d| d.clock)
    }

    /// Runs a command as the current actor at the simulated time; the
    /// refusal (with its rule ID) is also kept for the shell to show.
    pub fn run(&self, command: Command) -> Result<Decision, Refusal> {
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
        let outcome = outcome.unwrap_or_else(|| Err(Refusal::new("R-ACC-2", "Nothing was run.")));
        self.notice.set(Some(match &outcome {
            Ok(d) => Notice::Done(d.summary.clone()),
            Err(r) => Notice::Refused(r.clone()),
        }));
        outcome
    }

    pub fn act_as(&self, actor: Actor) {
        self.doc.update(|d| d.acting = actor);
        self.notice.set(None);
    }

    /// Moves the simulated clock (never backwards) and runs the time rules.
    pub fn pass_time(&self, to: Timestamp) {
        self.doc.maybe_update(|d| {
            let to = to.max(d.clock);
            let decision = tick(&d.state, to);
            let changed = to != d.clock || !decision.events.is_empty();
            d.clock = to;
            crate::domain::commit(&mut d.state, None, &decision, to);
            if changed {
                d.revision += 1;
            }
            changed
        });
    }

    pub fn reset_demo(&self) {
        let revision = self.doc.with_untracked(|d| d.revision);
        let mut fresh = Document::demo();
        fresh.revision = revision + 1;
        self.hold_saves.set(false);
        self.doc.set(fresh);
    }
}
