//! Partner Access Studio: a browser app that models how client accounts give
//! the employees of certified partner agencies access.
//!
//! - [`domain`] (the `partner-access-domain` crate, `crates/domain`): the
//!   rules, the words they say and the demo data; pure, native-testable.
//! - [`storage`] (the `partner-access-storage` crate, `crates/storage`): the
//!   persisted document, its versions and the save protocol; no Leptos.
//! - [`app`], [`pages`], [`components`], [`i18n`]: the Leptos UI.

pub use ::domain;
pub use ::domain::demo;
pub use ::storage;

pub mod app;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod timing;
