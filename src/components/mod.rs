//! Reusable widgets.

pub mod access_chooser;
pub mod acting_as;
pub mod clock;
pub mod confirm;
pub mod modal;
pub mod nav;
pub mod notices;
pub mod pager;
