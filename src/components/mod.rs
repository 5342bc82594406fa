//! Reusable widgets.

pub mod access_chooser;
pub mod acting_as;
pub mod clock;
pub mod confirm;
pub mod modal;
pub mod nav;
pub mod notices;
pub mod pager;
pub mod permission_sets;
pub mod row_menu;
pub mod screen_heading;
pub mod update_ready;

/// An element id no other element of the page has (`prefix-7`), for
/// widgets a screen may show many times, such as one per table row.
pub fn unique_id(prefix: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Adds `item` to or removes it from a list of ticked checkboxes.
pub fn toggle<T: PartialEq + Send + Sync + 'static>(
    list: leptos::prelude::RwSignal<Vec<T>>,
    item: T,
    on: bool,
) {
    use leptos::prelude::Update;
    list.update(|v| {
        v.retain(|x| *x != item);
        if on {
            v.push(item);
        }
    });
}
