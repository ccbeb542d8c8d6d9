//! The records a workspace holds and the types they are made of.

pub mod currency;
pub mod dates;
pub mod deal_log;
pub mod error;
pub mod ids;
pub mod integrity;
pub mod money;
pub mod money_format;
pub mod records;
pub mod stored_date;
pub mod team;
pub mod workspace;

pub use deal_log::{DealEvent, LogEntry};
pub use ids::*;
pub use records::*;
pub use team::TeamMember;
