//! Partner Access Studio: a browser app that models how client accounts give
//! the employees of certified partner agencies access.
//!
//! - [`domain`]: the rules (pure, native-testable).
//! - [`demo`]: the demo data set, built from domain types.
//! - [`storage`]: the persisted document and its versions.
//! - [`app`], [`pages`], [`components`], [`i18n`]: the Leptos UI.

pub mod app;
pub mod components;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod pages;
pub mod storage;
