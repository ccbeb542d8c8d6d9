//! Stable numeric ids. They are allocated by the workspace and survive export/import.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Hashing for maps keyed by ids: ids are unique integers, so one multiplication
/// spreads them well; std's SipHash (built against hostile keys) cost a third of the
/// dashboard's time in per-deal lookups over a 50,000-entry log.
#[derive(Default, Clone, Copy)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A `HashMap` keyed by ids.
pub type IdMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<IdHasher>>;

/// Ids are handed out in blocks of 2^32, one block per browser of a team (its device
/// number, see docs/sync.md); a browser on its own uses block 0. Every id stays below
/// 2^53, exact in JSON and JavaScript.
pub const ID_BLOCK: u64 = 1 << 32;

/// The number behind an id, for code generic over record kinds (storage sharding).
pub trait RecordId: Copy + Ord {
    fn number(self) -> u64;
    fn from_number(number: u64) -> Self;
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
            fn from_number(number: u64) -> Self {
                $name(number)
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
