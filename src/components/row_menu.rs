//! A table row's Actions button and the menu of buttons it shows.

use crate::i18n::*;
use leptos::{html, prelude::*};

/// The Actions button of the row `id` and its menu while `open` holds `id`
/// (one row's menu at a time). The button is named "Actions", as on screen,
/// and described by `row` (none when empty: one thing's own Actions, outside
/// a table), so a screen reader says whose actions they are while a search
/// for the row's name finds only the row's own name.
/// A disclosure: the menu's buttons follow the button in tab order; Escape
/// closes the menu and puts focus back on the button.
#[component]
pub fn RowMenu<K>(
    /// Which row's menu is open, if any (one at a time).
    open: RwSignal<Option<K>>,
    /// This row.
    id: K,
    /// The row's name, describing the button; empty outside a table.
    row: String,
    /// The menu's buttons.
    children: ChildrenFn,
) -> impl IntoView
where
    K: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    let button = NodeRef::<html::Button>::new();
    let described_by = (!row.is_empty()).then(|| super::unique_id("row-menu"));
    let is_open = move || open.with(|o| *o == Some(id));
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && is_open() {
            // The menu closes; nothing else that listens for Escape does.
            ev.stop_propagation();
            open.set(None);
            if let Some(b) = button.get() {
                let _ = b.focus();
            }
        }
    };
    view! {
        <div class="row-menu" on:keydown=on_keydown>
            <button
                type="button"
                node_ref=button
                aria-describedby=described_by.clone()
                aria-expanded=move || is_open().to_string()
                on:click=move |_| open.update(|o| *o = if *o == Some(id) { None } else { Some(id) })
            >
                {t_string!(i18n, actions)}
            </button>
            {described_by
                .map(|id| {
                    view! {
                        <span id=id hidden>
                            {row}
                        </span>
                    }
                })}
            {move || is_open().then(|| view! { <div class="menu">{children()}</div> })}
        </div>
    }
}
