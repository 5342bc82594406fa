//! Banners for storage problems and the outcome of the last action.

use crate::app::studio::{use_studio, Notice, Replacement, STALE_TAB};
use crate::domain::Text;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Notices() -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    view! {
        {move || {
            studio
                .load_problem
                .get()
                .map(|p| p.render(lang))
                .map(|p| {
                    view! {
                        <div role="alert" class="banner warning">
                            <strong>{t_string!(i18n, storage_corrupt_title)}</strong>
                            " "
                            {p}
                            " "
                            <button type="button" on:click=move |_| studio.download_kept_aside()>
                                {t_string!(i18n, download_raw_data)}
                            </button>
                            " "
                            <button
                                type="button"
                                on:click=move |_| {
                                    studio.hold_saves.set(false);
                                    studio.load_problem.set(None);
                                }
                            >
                                {t_string!(i18n, start_with_demo_data)}
                            </button>
                        </div>
                    }
                })
        }}
        {move || {
            studio
                .save_problem
                .get()
                .map(|r| r.render(lang))
                .map(|reason| {
                    view! {
                        <div role="alert" class="banner error">
                            {t!(i18n, storage_not_saved, reason = move || reason.clone())}
                            " "
                            <button type="button" on:click=move |_| studio.export()>
                                {t_string!(i18n, export)}
                            </button>
                        </div>
                    }
                })
        }}
        <div role="status" aria-live="polite" class="notice-region">
            {move || {
                studio
                    .notice
                    .get()
                    .map(|n| {
                        let (class, text) = match n {
                            Notice::Done(s) => ("notice done", s.render(lang)),
                            Notice::Refused(r) => ("notice refused", r.render(lang)),
                            Notice::Stale => ("notice refused", Text::msg(STALE_TAB).render(lang)),
                            Notice::Failed(s) | Notice::Invalid(s) => {
                                ("notice refused", s.render(lang))
                            }
                            Notice::Replaced { summary, why } => {
                                return view! {
                                    <ReplacedNotice summary=summary.render(lang) why=why />
                                }
                                    .into_any();
                            }
                        };
                        let done = class == "notice done";
                        view! {
                            <p class=class>
                                {text} " " <Show when=move || done && studio.can_undo()>
                                    <button type="button" on:click=move |_| studio.undo()>
                                        {t_string!(i18n, undo)}
                                    </button>
                                    " "
                                </Show>
                                <button type="button" on:click=move |_| studio.notice.set(None)>
                                    {t_string!(i18n, dismiss)}
                                </button>
                            </p>
                        }
                            .into_any()
                    })
            }}
        </div>
    }
}

/// After an Import or a Reset: what happened, and the Undo that puts the
/// replaced data back.
#[component]
fn ReplacedNotice(
    /// What was imported or reset, in words.
    summary: String,
    /// Import or Reset, and what Undo puts back.
    why: Replacement,
) -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let undo = match why {
        Replacement::Import => t_string!(i18n, undo_import),
        Replacement::Reset => t_string!(i18n, undo_reset),
    };
    view! {
        <p class="notice done">
            {summary} " " <Show when=move || studio.can_undo_replacement()>
                <button type="button" on:click=move |_| studio.undo_replacement()>
                    {undo}
                </button>
                " "
            </Show> <button type="button" on:click=move |_| studio.notice.set(None)>
                {t_string!(i18n, dismiss)}
            </button>
        </p>
    }
}

/// The outcome of the last action, repeated inside a modal dialog (the
/// page's notice region is inert while a dialog is open).
#[component]
pub fn InlineNotice() -> impl IntoView {
    let studio = use_studio();
    let lang = crate::app::language::lang();
    view! {
        <div role="status" aria-live="polite" class="inline-notice">
            {move || {
                studio
                    .notice
                    .get()
                    .map(|n| match n {
                        Notice::Done(s) => {
                            view! { <p class="notice done">{s.render(lang)}</p> }.into_any()
                        }
                        Notice::Refused(r) => {
                            view! { <p class="notice refused">{r.render(lang)}</p> }.into_any()
                        }
                        Notice::Stale => {
                            view! {
                                <p class="notice refused">{Text::msg(STALE_TAB).render(lang)}</p>
                            }
                                .into_any()
                        }
                        Notice::Failed(s) | Notice::Invalid(s) => {
                            view! { <p class="notice refused">{s.render(lang)}</p> }.into_any()
                        }
                        Notice::Replaced { summary, .. } => {
                            view! { <p class="notice done">{summary.render(lang)}</p> }.into_any()
                        }
                    })
            }}
        </div>
    }
}
