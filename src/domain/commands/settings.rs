//! Workspace settings: name, currency, number format, goal, lost reasons.

use super::validate::{amount, text, MAX_TEXT};
use crate::domain::model::error::DomainError;
use crate::domain::model::team::folded;
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
            forecast_method: settings.forecast_method,
            // Changed only by the team commands, which keep owners in step.
            team: self.settings.team.clone(),
            // Changed only by the view commands.
            saved_views: self.settings.saved_views.clone(),
        };
        Ok(())
    }

    /// Names the deals list's current filters; a name in use is refused, not replaced.
    pub(super) fn save_view(&mut self, name: &str, query: &str) -> Result<(), DomainError> {
        let name = text("view name", name, MAX_TEXT)?;
        let taken = |v: &SavedView| folded(&v.name) == folded(&name);
        if self.settings.saved_views.iter().any(taken) {
            return Err(DomainError::DuplicateView(name));
        }
        self.settings.saved_views.push(SavedView {
            name,
            query: query.trim().to_string(),
        });
        Ok(())
    }

    pub(super) fn delete_view(&mut self, name: &str) -> Result<(), DomainError> {
        let before = self.settings.saved_views.len();
        self.settings.saved_views.retain(|v| v.name != name);
        if self.settings.saved_views.len() == before {
            return Err(DomainError::NotFound("view"));
        }
        Ok(())
    }
}
