//! A button that asks before doing something that cannot be undone. Uses the
//! native modal `<dialog>`: it traps focus, closes on Escape and gives focus
//! back to the button.

use crate::i18n::*;
use leptos::html::Dialog;
use leptos::prelude::*;

#[component]
pub fn ConfirmButton(
    /// Text of the button that opens the dialog.
    #[prop(into)]
    label: Signal<String>,
    /// The dialog's heading.
    #[prop(into)]
    title: Signal<String>,
    /// What will happen.
    #[prop(into)]
    body: Signal<String>,
    /// Text of the button that goes ahead.
    #[prop(into)]
    confirm: Signal<String>,
    /// Called when the person confirms.
    on_confirm: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<Dialog>::new();
    // A table may hold one of these on every row.
    let heading_id = super::unique_id("confirm");
    let labelled_by = heading_id.clone();
    let open = move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close = move || {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    view! {
        <button type="button" on:click=open>
            {label}
        </button>
        <dialog node_ref=dialog aria-labelledby=labelled_by class="confirm">
            <h2 id=heading_id>{title}</h2>
            <p>{body}</p>
            <div class="actions">
                <button type="button" autofocus on:click=move |_| close()>
                    {t_string!(i18n, cancel)}
                </button>
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| {
                        close();
                        on_confirm.run(());
                    }
                >
                    {confirm}
                </button>
            </div>
        </dialog>
    }
}
