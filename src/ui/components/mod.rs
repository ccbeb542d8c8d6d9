//! Reusable pieces of the shell.

pub mod activity;
pub mod banners;
pub mod chart;
pub mod empty;
pub mod recovery;
pub mod scenario_link;
pub mod sort_header;
pub mod undo;
pub mod welcome;
