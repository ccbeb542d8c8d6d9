//! Stable numeric ids. They are allocated by the workspace and survive export/import.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The number behind an id, for code generic over record kinds (storage sharding).
pub trait RecordId: Copy + Ord {
    fn number(self) -> u64;
}

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl RecordId for $name {
            fn number(self) -> u64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    )*};
}

id_type!(
    /// A pipeline.
    PipelineId,
    /// A stage of a pipeline.
    StageId,
    /// A deal.
    DealId,
    /// A lead.
    LeadId,
    /// An organization.
    OrganizationId,
    /// A person.
    PersonId,
    /// An activity (call, meeting, task…).
    ActivityId,
    /// A note.
    NoteId,
);
