//! Small helpers the domain shares.

pub mod collections;
pub mod fingerprint;
pub mod sorting;
