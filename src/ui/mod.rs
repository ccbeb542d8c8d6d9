//! Pages and components. They render state and send commands; no business rules.

pub mod address;
pub mod app;
pub mod components;
pub mod deal;
pub mod download;
pub mod drag;
pub mod focus;
pub mod format;
pub mod idle;
pub mod kpi;
pub mod nav;
pub mod on_demand;
pub mod pages;
pub mod panels;
pub mod person;
pub mod route;
pub mod touch_drag;
