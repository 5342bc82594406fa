//! The simulated clock in the top bar: shows the simulated date and moves it
//! forward (never back), which runs the time rules through the domain core.

use crate::app::studio::{use_studio, Notice};
use crate::domain::{Text, Timestamp};
use crate::i18n::*;
use leptos::prelude::*;

/// The steps offered as buttons, in days.
const STEPS: [i64; 4] = [1, 7, 30, 61];

#[component]
pub fn Clock() -> impl IntoView {
    let i18n = use_i18n();
    let studio = use_studio();
    let lang = crate::app::language::lang();
    let today = move || lang.date(studio.now());
    let go_to = move |to: Timestamp| {
        let before = studio.doc.with_untracked(|d| d.state.audit.len());
        studio.pass_time(to);
        let changes = studio.doc.with_untracked(|d| d.state.audit.len()) - before;
        studio.notice.set(Some(Notice::Done(domain::text!(
            "app.date_moved",
            date = studio.now(),
            count = changes
        ))));
    };
    let on_date = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        match Timestamp::parse_iso_date(&value) {
            Some(to) if to > studio.now() => go_to(to),
            Some(_) => studio
                .notice
                .set(Some(Notice::Invalid(Text::msg("app.time_never_back")))),
            None => {}
        }
    };
    view! {
        <div
            class="clock"
            role="group"
            aria-label=move || t_string!(i18n, simulated_clock).to_string()
        >
            <span>
                {t_string!(i18n, simulated_date)} ": "
                <time data-testid="simulated-date">{today}</time>
            </span>
            {STEPS
                .into_iter()
                .map(|days| {
                    let label = if days == 1 {
                        "+1 day".to_string()
                    } else {
                        format!("+{days} days")
                    };
                    view! {
                        <button type="button" on:click=move |_| go_to(studio.now().plus_days(days))>
                            {label}
                        </button>
                    }
                })
                .collect_view()}
            <label>
                <span class="visually-hidden">{t_string!(i18n, go_to_date)}</span>
                <input type="date" prop:value=today min=today on:change=on_date />
            </label>
        </div>
    }
}
