//! A modal dialog on the native `<dialog>`: focus is trapped inside, Escape
//! closes it, and focus returns to what opened it.

use leptos::html::Dialog;
use leptos::prelude::*;

#[component]
pub fn Modal(
    /// Whether the dialog is shown; set to false when it closes.
    open: RwSignal<bool>,
    /// The id of the element that names the dialog (its heading).
    #[prop(into)]
    labelled_by: String,
    /// Extra CSS class.
    #[prop(optional, into)]
    class: String,
    /// The dialog's content.
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });
    view! {
        <dialog
            node_ref=dialog
            aria-labelledby=labelled_by
            class=class
            on:close=move |_| open.set(false)
        >
            {move || open.get().then(|| children())}
        </dialog>
    }
}
