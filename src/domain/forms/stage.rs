//! The stage form: one row of the stage table.

use super::{optional_days, FieldErrors, Percent};
use crate::domain::commands::StageDraft;
use crate::domain::model::*;

/// A stage's fields as the user typed them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StageForm {
    pub name: String,
    pub probability: String,
    /// Days without activity before a deal rots; blank for never.
    pub rotting_days: String,
}

impl StageForm {
    pub fn of(stage: &Stage) -> StageForm {
        StageForm {
            name: stage.name.clone(),
            probability: stage.probability.to_string(),
            rotting_days: stage
                .rotting_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
        }
    }

    pub fn parse(&self) -> Result<StageDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let probability = errors.check("Probability", Percent::parse(&self.probability));
        let rotting_days = errors.check("Rotting", optional_days(&self.rotting_days));
        let draft = StageDraft {
            name: self.name.clone(),
            probability: probability.map_or(0, Percent::get),
            rotting_days: rotting_days.flatten(),
        };
        errors.or(draft)
    }
}
