//! Reusable pieces of the shell.

pub mod activity;
pub mod banners;
pub mod chart;
mod chart_png;
pub mod choice_filter;
pub mod drawer;
pub mod echarts;
pub mod empty;
pub mod global_search;
pub mod kpi_tile;
pub mod modal;
pub mod organization_names;
pub mod owner_field;
pub mod phone_fold;
pub mod pipeline_select;
pub mod record_form;
pub mod recovery;
pub mod saved_views;
pub mod scenario_link;
pub mod selection;
pub mod show_more;
pub mod sort_header;
pub mod sync_status;
pub mod undo;
pub mod unsaved;
pub mod welcome;
pub mod when;
