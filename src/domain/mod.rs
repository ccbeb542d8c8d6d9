//! The business domain: plain Rust, no browser APIs and no clock.
//!
//! Every function that needs "today" takes it as an argument, so the whole domain is
//! tested natively and deterministically. The folders follow the flow of a change:
//!
//! - `model` — the records, ids, money, dates and the `Workspace` that holds them;
//! - `forms` — what a user typed, parsed into drafts or field errors;
//! - `commands` — the one way to change a workspace (`Command`, applied atomically);
//! - `queries` — what the screens ask of a workspace (board, lists, follow-ups);
//! - `metrics` — the figures of `docs/metrics.md` and the forecast;
//! - `csv` — import and export; `demo` — generated demo workspaces;
//! - `support` — small helpers the rest shares (one sort, bulk map edits).

pub mod commands;
pub mod csv;
pub mod demo;
pub mod forms;
pub mod metrics;
pub mod model;
pub mod queries;
pub mod support;

pub use commands::{ActivityDraft, Command};
pub use model::deal_log::{DealEvent, LogEntry};
pub use model::error::DomainError;
pub use model::ids::*;
pub use model::money::Money;
pub use model::records::*;
pub use model::workspace::Workspace;
