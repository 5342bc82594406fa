//! The domain core: every rule of RULES.md, the words it says (message ids,
//! rendered from `locales/domain/`), and the demo data built through it.
//!
//! This crate depends on no Leptos, web-sys or wasm-bindgen (its
//! `Cargo.toml` is the check), and reads no clock and no randomness: `now`
//! and link tokens come in from the caller, so everything here runs
//! natively in tests, which build without the UI.
//!
//! The flow is always the same: a [`Command`] from an [`Actor`] is
//! [`decide`]d against the [`State`] and `now`, giving either a [`Decision`]
//! (events plus a summary) or a [`Refusal`] naming its rule ID. [`commit`]
//! applies the events (infallibly) and records them in the audit log.

pub mod account;
pub mod audit;
pub mod catalogue;
pub mod command;
pub mod comparison;
pub mod decide;
pub mod demo;
pub mod email;
pub mod event;
pub mod fold;
pub mod format;
pub mod ids;
pub mod input;
pub mod lang;
pub mod permissions;
pub mod queries;
pub mod refusal;
pub mod sort;
pub mod state;
pub mod text;
pub mod undo;
pub mod users;

pub use account::*;
pub use catalogue::{Catalogue, MESSAGES};
pub use command::*;
pub use comparison::{admin_comparison, ComparisonRow};
pub use decide::{
    commit, decide, employee_in_clients, execute, link_approval, link_problem, link_to_copy,
    may_use_partner_admin_tools, partner_admin_migration_date, tick, tick_steps, Decision,
    LinkApproval, LINK_REMINDER_DAYS, MAX_BATCH, MAX_LINK_VALID_DAYS,
};
pub use email::*;
pub use event::{apply, Event};
pub use fold::Folded;
pub use ids::*;
pub use lang::Lang;
pub use permissions::*;
pub use queries::*;
pub use refusal::Refusal;
pub use state::*;
pub use text::Text;
pub use undo::undo_decision;
pub use users::Users;
