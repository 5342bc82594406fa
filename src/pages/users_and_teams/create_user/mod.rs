//! The `Create user` wizard: emails (typed or CSV), `Assign seat`, `Choose to
//! narrow access`, a review of exactly what will happen, then `Send`.
//!
//! The wizard only collects raw input; turning it into a command and deciding
//! it is the core's job (`input::parse_*`, `seats_offered`, `sets_offered`,
//! `decide` for the review).

mod steps;

use steps::{AccessStep, EmailsStep, ReviewStep, SeatStep};

use crate::app::studio::use_studio;
use crate::components::access_chooser::{AccessChooser, AccessDraft};
use crate::components::modal::Modal;
use crate::domain::input::{parse_csv, parse_email_list, RowProblem};
use crate::domain::*;
use crate::i18n::*;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Emails,
    Seat,
    Access,
    Review,
}

impl Step {
    fn number(self) -> u8 {
        match self {
            Step::Emails => 1,
            Step::Seat => 2,
            Step::Access => 3,
            Step::Review => 4,
        }
    }
}

/// The wizard's raw input.
#[derive(Clone, Copy)]
struct Draft {
    text: RwSignal<String>,
    csv: RwSignal<Option<(String, String)>>,
    people: RwSignal<Vec<NewPerson>>,
    problems: RwSignal<Vec<RowProblem>>,
    seat: RwSignal<Option<Seat>>,
    access: AccessDraft,
}

impl Draft {
    fn new() -> Draft {
        Draft {
            text: RwSignal::new(String::new()),
            csv: RwSignal::new(None),
            people: RwSignal::new(Vec::new()),
            problems: RwSignal::new(Vec::new()),
            seat: RwSignal::new(None),
            access: AccessDraft::new(Access::Set(SetId::ViewOnly), Permissions::NONE),
        }
    }

    fn emails(&self) -> Vec<Email> {
        self.people
            .with(|p| p.iter().map(|p| p.email.clone()).collect())
    }

    fn command(&self, account: AccountId) -> Option<Command> {
        Some(Command::CreateUsers {
            account,
            people: self.people.get(),
            seat: self.seat.get()?,
            access: self.access.access(),
        })
    }
}

/// The `Create user` button and its wizard.
#[component]
pub fn CreateUser(
    /// The account whose screen this is.
    account: AccountId,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let open = RwSignal::new(false);
    let allowed = move || {
        studio
            .doc
            .with(|d| may_manage_users(&d.state, &d.acting, account).err())
    };
    view! {
        <button
            type="button"
            class="primary"
            disabled=move || allowed().is_some()
            title=move || allowed().map(|r| r.render(lang))
            on:click=move |_| open.set(true)
        >
            {t_string!(i18n, create_user_title)}
        </button>
        <Modal open=open labelled_by="create-user-title" class="wizard">
            <Wizard account=account open=open />
        </Modal>
    }
}

#[component]
fn Wizard(
    /// The account whose screen this is.
    account: AccountId,
    /// Whether the dialog is shown; set to false when it closes.
    open: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let step = RwSignal::new(Step::Emails);
    let draft = Draft::new();
    let refusal = RwSignal::new(None::<Refusal>);

    let to_seat = move |_| {
        let parsed = match draft.csv.get() {
            Some((_, text)) => parse_csv(&text),
            None => parse_email_list(&draft.text.get()),
        };
        let existing = |people: &[NewPerson]| -> Vec<RowProblem> {
            studio.doc.with_untracked(|d| {
                let Some(a) = d.state.account(account) else {
                    return Vec::new();
                };
                people
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| a.user_by_email(&p.email).is_some())
                    .map(|(i, p)| RowProblem {
                        row: i + 1,
                        text: p.email.to_string(),
                        reason: domain::text!(
                            "refusal.problem.already_user",
                            email = &p.email,
                            account = &a.name
                        ),
                    })
                    .collect()
            })
        };
        match parsed {
            Ok(people) => {
                let problems = existing(&people);
                if problems.is_empty() {
                    draft.people.set(people);
                    draft.problems.set(Vec::new());
                    step.set(Step::Seat);
                } else {
                    draft.problems.set(problems);
                }
            }
            Err(problems) => draft.problems.set(problems),
        }
    };

    let send = move |_| {
        let Some(cmd) = draft.command(account) else {
            return;
        };
        match studio.run(cmd) {
            Ok(_) => open.set(false),
            Err(r) => refusal.set(r),
        }
    };

    view! {
        <h2 id="create-user-title">{t_string!(i18n, create_user_title)}</h2>
        <p class="step-count">{t!(i18n, step_of, step = move || step.get().number())}</p>
        {move || match step.get() {
            Step::Emails => view! { <EmailsStep draft=draft /> }.into_any(),
            Step::Seat => view! { <SeatStep account=account draft=draft /> }.into_any(),
            Step::Access => view! { <AccessStep account=account draft=draft /> }.into_any(),
            Step::Review => {
                view! { <ReviewStep account=account draft=draft refusal=refusal /> }.into_any()
            }
        }}
        <div class="actions">
            <button type="button" on:click=move |_| open.set(false)>
                {t_string!(i18n, cancel)}
            </button>
            {move || {
                (step.get() != Step::Emails)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                on:click=move |_| {
                                    refusal.set(None);
                                    step.update(|s| {
                                        *s = match s {
                                            Step::Review => Step::Access,
                                            Step::Access => Step::Seat,
                                            _ => Step::Emails,
                                        };
                                    });
                                }
                            >
                                {t_string!(i18n, back)}
                            </button>
                        }
                    })
            }}
            {move || match step.get() {
                Step::Emails => {
                    view! {
                        <button type="button" class="primary" on:click=to_seat>
                            {t_string!(i18n, next)}
                        </button>
                    }
                        .into_any()
                }
                Step::Seat => {
                    view! {
                        <button
                            type="button"
                            class="primary"
                            disabled=move || draft.seat.get().is_none()
                            on:click=move |_| step.set(Step::Access)
                        >
                            {t_string!(i18n, next)}
                        </button>
                    }
                        .into_any()
                }
                Step::Access => {
                    view! {
                        <button
                            type="button"
                            class="primary"
                            on:click=move |_| step.set(Step::Review)
                        >
                            {t_string!(i18n, next)}
                        </button>
                    }
                        .into_any()
                }
                Step::Review => {
                    view! {
                        <button type="button" class="primary" on:click=send>
                            {t_string!(i18n, send)}
                        </button>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
