//! The outbox: every email the rules sent, newest first.

use crate::app::studio::use_studio;
use crate::components::screen_heading::ScreenHeading;
use crate::i18n::*;
use leptos::prelude::*;

/// How much of a body the table shows before "Show email".
const PREVIEW_CHARS: usize = 90;

/// The newest emails shown; older ones stay in the data (and the export).
const SHOWN: usize = 200;

#[component]
pub fn Outbox() -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    // Opening the outbox reads everything in it.
    Effect::new(move |_| studio.mark_mail_read());
    let rows = move || {
        studio.doc.with(|d| {
            d.state
                .outbox
                .iter()
                .rev()
                .take(SHOWN)
                .map(|m| {
                    let body = m.body.render(lang);
                    let preview: String = body.chars().take(PREVIEW_CHARS).collect();
                    let preview = if preview.len() < body.len() {
                        format!("{preview}…")
                    } else {
                        preview
                    };
                    let (to, subject, body, at) =
                        (m.to.to_string(), m.subject.render(lang), body, m.at);
                    view! {
                        <tr>
                            <td>
                                <time datetime=at.iso_date()>{lang.date_time(at)}</time>
                            </td>
                            <td>{to}</td>
                            <th scope="row">{subject}</th>
                            <td>
                                <details>
                                    <summary>{preview}</summary>
                                    <p class="mail-body">{body}</p>
                                </details>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let empty = move || studio.doc.with(|d| d.state.outbox.is_empty());
    view! {
        <ScreenHeading text=t_string!(i18n, outbox_title) />
        <p>{t_string!(i18n, outbox_intro)}</p>
        <Show when=move || studio.doc.with(|d| d.state.outbox.len() > SHOWN)>
            <p role="status">
                {t!(
                    i18n, outbox_latest,
                    shown = SHOWN,
                    total = move || lang.number(studio.doc.with(|d| d.state.outbox.len()) as u64)
                )}
            </p>
        </Show>
        <Show
            when=move || !empty()
            fallback=move || view! { <p>{t_string!(i18n, outbox_empty)}</p> }
        >
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t_string!(i18n, col_sent)}</th>
                        <th scope="col">{t_string!(i18n, col_to)}</th>
                        <th scope="col">{t_string!(i18n, col_subject)}</th>
                        <th scope="col">{t_string!(i18n, col_body)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </Show>
    }
}
