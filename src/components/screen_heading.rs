//! The heading of a screen, which also names the browser tab.

use crate::i18n::*;
use leptos::prelude::*;

/// The screen's `<h1>`. Building it also sets the document title to
/// "heading — Partner Access Studio": screen readers announce the title
/// when the screen changes, and tabs and history entries are told apart by
/// it (WCAG 2.4.2). A screen that changes its heading builds a new one.
#[component]
pub fn ScreenHeading(
    /// The heading's text; also the browser tab's title.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{text} — {}", t_string!(use_i18n(), app_title)));
    }
    view! { <h1>{text}</h1> }
}
