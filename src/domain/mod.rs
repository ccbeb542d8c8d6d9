//! The business domain: plain Rust, no browser APIs and no clock.
//!
//! Every function that needs "today" takes it as an argument, so the whole domain is
//! tested natively and deterministically.

pub mod board;
pub mod collections;
pub mod command;
pub mod csv;
pub mod dates;
pub mod deal_list;
pub mod demo;
pub mod error;
pub mod follow_ups;
pub mod forecast_board;
pub mod ids;
pub mod leads;
pub mod list_sort;
pub mod metrics;
pub mod model;
pub mod money;
pub mod organizations;
pub mod random;
pub mod sorting;
pub mod workspace;

pub use command::Command;
pub use error::DomainError;
pub use ids::*;
pub use model::*;
pub use money::Money;
pub use workspace::Workspace;
