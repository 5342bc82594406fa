//! Previous / next page buttons for long tables: only one page of rows is
//! ever in the DOM, so a table of thousands renders within a frame or two.
//! A table of one page shows none: they would do nothing, and a dialog's
//! `Next` should be the only button of that name on the screen.

use crate::i18n::*;
use leptos::prelude::*;

/// Rows per page in the long tables of the partner screens.
pub const PAGE_SIZE: usize = 100;

/// How many pages `rows` rows make (at least one, also when empty).
pub fn page_count(rows: usize, size: usize) -> usize {
    rows.div_ceil(size).max(1)
}

#[component]
pub fn Pager(
    /// The shown page, from 0.
    #[prop(into)]
    page: Signal<usize>,
    /// How many pages there are (at least 1).
    #[prop(into)]
    pages: Signal<usize>,
    /// Called with the page asked for.
    on_change: Callback<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || { pages.get() > 1 }>
            <nav class="pager" aria-label=t_string!(i18n, pages_label)>
                <button
                    type="button"
                    disabled=move || page.get() == 0
                    on:click=move |_| on_change.run(page.get_untracked().saturating_sub(1))
                >
                    {t_string!(i18n, previous_page)}
                </button>
                <span>
                    {t!(i18n, page_of, page = move || page.get() + 1, pages = move || pages.get())}
                </span>
                <button
                    type="button"
                    disabled=move || { page.get() + 1 >= pages.get() }
                    on:click=move |_| on_change.run(page.get_untracked() + 1)
                >
                    {t_string!(i18n, next_page)}
                </button>
            </nav>
        </Show>
    }
}
