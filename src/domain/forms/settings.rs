//! The workspace settings form.

use super::FieldErrors;
use crate::domain::model::money::Currency;
use crate::domain::model::money_format::MoneyFormat;
use crate::domain::model::*;

/// The settings as the user typed them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SettingsForm {
    pub name: String,
    /// An ISO 4217 code from the currency menu.
    pub currency: String,
    pub locale: String,
    /// Blank for no goal; written in the currency and number format chosen here.
    pub monthly_goal: String,
    /// One reason per line.
    pub lost_reasons: String,
}

impl SettingsForm {
    pub fn of(settings: &Settings) -> SettingsForm {
        let fmt = MoneyFormat::for_settings(settings);
        SettingsForm {
            name: settings.name.clone(),
            currency: settings.currency.code.to_string(),
            locale: settings.locale.clone(),
            monthly_goal: settings
                .monthly_goal
                .map(|g| fmt.full(g))
                .unwrap_or_default(),
            lost_reasons: settings.lost_reasons.join("\n"),
        }
    }

    /// The form after the user chose another currency or number format: the goal, typed
    /// in the format the form showed until now, is written again in the new one (so
    /// "$75,000" does not become a different amount, or an error, when read as German).
    /// A goal that does not parse in the old format is left as typed.
    pub fn reformatted(&self, before: &SettingsForm) -> SettingsForm {
        let format_of = |form: &SettingsForm| {
            let currency = Currency::from_code(&form.currency).unwrap_or(Currency::USD);
            MoneyFormat::new(currency, &form.locale)
        };
        let mut out = self.clone();
        if self.monthly_goal.trim().is_empty() {
            return out;
        }
        if let Ok(goal) = format_of(before).parse(&self.monthly_goal) {
            out.monthly_goal = format_of(self).full(goal);
        }
        out
    }

    /// The settings this form describes; what it does not show is kept from `current`.
    pub fn parse(&self, current: &Settings) -> Result<Settings, FieldErrors> {
        let mut errors = FieldErrors::default();
        let currency = errors.check(
            "Currency",
            Currency::from_code(&self.currency).ok_or_else(|| {
                format!(
                    "“{}” is not a known ISO 4217 currency code",
                    self.currency.trim()
                )
            }),
        );
        let mut settings = Settings {
            name: self.name.clone(),
            currency: currency.unwrap_or(current.currency),
            locale: self.locale.clone(),
            monthly_goal: None,
            lost_reasons: self
                .lost_reasons
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            forecast_uses_learned: current.forecast_uses_learned,
            forecast_method: current.forecast_method,
            team: current.team.clone(),
            saved_views: current.saved_views.clone(),
        };
        if !self.monthly_goal.trim().is_empty() {
            let fmt = MoneyFormat::for_settings(&settings);
            settings.monthly_goal = errors.check("Monthly goal", fmt.parse(&self.monthly_goal));
        }
        errors.or(settings)
    }
}
