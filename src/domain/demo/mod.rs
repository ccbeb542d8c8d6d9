//! Realistic demo data: a small B2B sales team's last twelve months, deterministic for
//! a seed, with every date relative to `today`. Built record by record (not through
//! commands) so the 10,000-deal preset takes milliseconds, keeping the same invariants
//! the commands keep: every stage entry logged, last-touched dates, links both ways.

mod builder;
mod close_dates;
mod generate;
mod names;
mod padding;
pub mod random;

pub use generate::demo_workspace;
pub use padding::pad_log;

/// The seed every demo uses, so trainers and trainees see the same data.
pub const DEMO_SEED: u64 = 42;

/// Sizes offered for demos and scale tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoSize {
    /// About 300 deals and 200 leads.
    Standard,
    Large,
    Huge,
}

impl DemoSize {
    pub fn deals(self) -> usize {
        match self {
            DemoSize::Standard => 300,
            DemoSize::Large => 1_000,
            DemoSize::Huge => 10_000,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            DemoSize::Standard => "Standard (300 deals)",
            DemoSize::Large => "1,000 deals",
            DemoSize::Huge => "10,000 deals",
        }
    }
}

/// Scenarios that ship with the app and open from the address (`?scenario=demo`).
pub fn bundled_scenario(name: &str) -> Option<DemoSize> {
    match name.trim().to_lowercase().as_str() {
        "demo" => Some(DemoSize::Standard),
        "demo-1000" => Some(DemoSize::Large),
        "demo-10000" => Some(DemoSize::Huge),
        _ => None,
    }
}
