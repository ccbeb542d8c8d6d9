//! Workspace settings: name, currency, number format, goal, lost reasons.

use super::validate::{amount, text, MAX_TEXT};
use crate::domain::model::error::DomainError;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;

impl Workspace {
    pub(super) fn update_settings(&mut self, settings: &Settings) -> Result<(), DomainError> {
        let name = text("workspace name", &settings.name, MAX_TEXT)?;
        if let Some(goal) = settings.monthly_goal {
            amount(goal)?;
        }
        let mut reasons = Vec::new();
        for reason in &settings.lost_reasons {
            let reason = text("lost reason", reason, MAX_TEXT)?;
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
        }
        self.settings = Settings {
            name,
            currency: settings.currency,
            locale: settings.locale.trim().to_string(),
            monthly_goal: settings.monthly_goal,
            lost_reasons: reasons,
            forecast_uses_learned: settings.forecast_uses_learned,
            // Changed only by the team commands, which keep owners in step.
            team: self.settings.team.clone(),
        };
        Ok(())
    }
}
