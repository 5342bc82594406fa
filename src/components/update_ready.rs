//! "Reload to update": a new build of the studio has been installed by the
//! service worker and waits. index.html registers the worker, marks the
//! page (`data-update="ready"`) and sends `studio-update-ready`; the new
//! version takes over only when the person asks, so code is never swapped
//! under a running page.

use crate::i18n::*;
use leptos::prelude::*;

/// The event index.html sends when a new version is waiting.
const READY: &str = "studio-update-ready";
/// The event that asks index.html to switch to it and reload this tab.
const APPLY: &str = "studio-update-apply";

#[component]
pub fn UpdateReady() -> impl IntoView {
    let i18n = use_i18n();
    // The worker may have said so before the app was mounted.
    let marked = document()
        .document_element()
        .and_then(|root| root.get_attribute("data-update"))
        .is_some_and(|v| v == "ready");
    let waiting = RwSignal::new(marked);
    let listener = window_event_listener_untyped(READY, move |_| waiting.set(true));
    on_cleanup(move || listener.remove());
    let apply = move |_| {
        // Every command is saved as it happens: nothing is waiting to be
        // written when the page reloads.
        if let Ok(event) = web_sys::Event::new(APPLY) {
            let _ = window().dispatch_event(&event);
        }
    };
    view! {
        <div role="status" class="update-region">
            <Show when=move || waiting.get()>
                <p class="banner update">
                    {t_string!(i18n, update_ready)} " " <button type="button" on:click=apply>
                        {t_string!(i18n, reload_to_update)}
                    </button>
                </p>
            </Show>
        </div>
    }
}
