//! CSV import and export of deals, leads and organizations: a tolerant reader
//! (quotes, line breaks, BOM, `;`), header mapping that knows Pipedrive's and HubSpot's
//! exports, a preview that reports every bad row, and writers whose output re-imports.

pub mod apply;
pub mod date_layout;
pub mod encoding;
pub mod export;
pub mod formula;
pub mod import;
pub mod job;
pub mod mapping;
pub mod parse;
pub mod plan_deal;
pub mod reimport;
pub mod remembered;
pub mod stage_values;
pub mod values;

pub use apply::apply_row;
pub use export::{export_csv, export_deals, export_leads};
pub use import::{plan_import, ImportChoices, ImportPlan, PlannedRow, RowError};
pub use mapping::{auto_map, Entity, Field};
pub use parse::{parse_csv, CsvError, CsvTable};
