//! The names and rates demo data is drawn from: companies, people, lead sources with
//! their win-rate and value factors, and how deals flow through the stages.

pub(super) const COMPANIES: [&str; 24] = [
    "Northwind",
    "Contoso",
    "Globex",
    "Initech",
    "Umbrella",
    "Acme",
    "Hooli",
    "Vandelay",
    "Stark",
    "Wayne",
    "Tyrell",
    "Soylent",
    "Cyberdyne",
    "Wonka",
    "Aperture",
    "Oscorp",
    "Pied Piper",
    "Massive Dynamic",
    "Dunder Mifflin",
    "Gekko",
    "Bluth",
    "Prestige",
    "Sterling",
    "Monarch",
];
pub(super) const SECTORS: [&str; 10] = [
    "Logistics",
    "Health",
    "Foods",
    "Labs",
    "Retail",
    "Energy",
    "Media",
    "Systems",
    "Bank",
    "Motors",
];
pub(super) const PRODUCTS: [&str; 10] = [
    "Annual license",
    "Pilot",
    "Expansion",
    "Renewal",
    "Onboarding package",
    "Enterprise plan",
    "Team plan",
    "Support upgrade",
    "Analytics add-on",
    "Integration project",
];
pub(super) const OWNERS: [&str; 4] = ["Ana Silva", "Ben Carter", "Chloé Martin", "Dev Patel"];
pub(super) const FIRST: [&str; 12] = [
    "Maya", "Liam", "Sofia", "Noah", "Aisha", "Lucas", "Yuki", "Omar", "Elena", "Jonas", "Priya",
    "Mateo",
];
pub(super) const LAST: [&str; 12] = [
    "Nguyen", "Schmidt", "Okafor", "Rossi", "Kowalski", "Haddad", "Larsen", "Moreau", "Tanaka",
    "Silva", "Brown", "Ivanova",
];
/// (source, relative frequency, how much more or less likely its deals advance).
pub(super) const SOURCES: [(&str, f64, f64); 5] = [
    ("Website", 0.30, 0.95),
    ("Referral", 0.18, 1.35),
    ("Outbound", 0.25, 0.70),
    ("Event", 0.15, 0.85),
    ("Partner", 0.12, 1.20),
];
/// Per stage: chance to advance, mean days spent in it, rotting limit.
pub(super) const STAGE_FLOW: [(f64, f64, u32); 5] = [
    (0.76, 14.0, 14),
    (0.73, 20.0, 14),
    (0.67, 26.0, 21),
    (0.69, 22.0, 21),
    (0.70, 16.0, 30),
];
/// The second pipeline, selling more to existing customers: (stage, probability).
pub(super) const EXPANSION_STAGES: [(&str, u8); 3] = [
    ("Need confirmed", 30),
    ("Quote sent", 60),
    ("Contract out", 85),
];
/// Per Expansion stage: chance to advance, mean days spent in it, rotting limit.
pub(super) const EXPANSION_FLOW: [(f64, f64, u32); 3] =
    [(0.80, 12.0, 14), (0.75, 15.0, 21), (0.85, 10.0, 14)];
