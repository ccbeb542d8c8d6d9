//! Pipewright: a sales-pipeline manager that runs entirely in the browser.
//!
//! Data flows one way: storage → workspace state → views; views send commands back.
//! `domain` is plain Rust (no browser, no clock), `storage` persists it, `state` makes
//! it reactive, `ui` renders it.

pub mod charts;
pub mod domain;
pub mod perf;
pub mod split;
pub mod state;
pub mod storage;
pub mod sync;
pub mod ui;

pub use ui::app::App;
