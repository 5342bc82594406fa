//! Reusable widgets.

pub mod access_chooser;
pub mod acting_as;
pub mod clock;
pub mod confirm;
pub mod modal;
pub mod nav;
pub mod notices;
pub mod pager;
pub mod row_menu;
pub mod screen_heading;

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
