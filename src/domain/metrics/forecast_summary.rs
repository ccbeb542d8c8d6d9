//! What the Forecast page shows, for one pipeline or for all of them together.

use super::forecast::{
    backtest, learned_probabilities, monthly_forecast, trend, Backtest, Forecast,
    LearnedProbability, Trend,
};
use super::index::LogIndex;
use super::learned::range::LikelyRange;
use super::learned::{self, LearnedForecast, TooLittleHistory, Uncertainty};
use crate::domain::model::ids::IdMap;
use crate::domain::model::money::Currency;
use crate::domain::{ForecastMethod, Money, PipelineId, StageId, Workspace};
use chrono::NaiveDate;

/// One month of both methods, side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MethodsMonth {
    pub month: NaiveDate,
    pub already_won: Money,
    pub weighted: Money,
    /// `None` when the learned method has too little history.
    pub learned: Option<Money>,
    /// The learned figure's likely range, when there is one.
    pub likely: Option<LikelyRange>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ForecastSummary {
    /// The workspace's currency: every amount below is in its minor units.
    pub currency: Currency,
    pub forecast: Forecast,
    pub trend: Trend,
    /// The weighted method's backtest (rule 19).
    pub backtest: Backtest,
    /// The forecast learned from history, or why there is none.
    pub learned_forecast: Result<LearnedForecast, TooLittleHistory>,
    /// The learned method's backtest, made the same way.
    pub learned_backtest: Backtest,
    /// How often its months were won inside the likely range, and the error chance alone costs.
    pub learned_uncertainty: Uncertainty,
    /// The method the user chose for the totals and the main chart.
    pub method: ForecastMethod,
    /// The scope's stages; named "Pipeline · Stage" when several pipelines are shown.
    pub learned: Vec<LearnedProbability>,
}

impl ForecastSummary {
    /// `scope`: one pipeline, or `None` for every pipeline summed.
    pub fn compute(ws: &Workspace, scope: Option<PipelineId>, today: NaiveDate) -> ForecastSummary {
        let logs = LogIndex::new(ws);
        let learned = learned_probabilities(ws, &logs, today);
        let forecast = monthly_forecast(ws, scope, &learned, today);
        let learned = match scope {
            Some(p) => learned
                .into_iter()
                .filter(|l| {
                    ws.stage(l.stage)
                        .is_ok_and(|(pipeline, _)| pipeline.id == p)
                })
                .collect(),
            // Across pipelines a stage is named with its pipeline ("Sales · Qualified").
            None => {
                let labels: IdMap<StageId, String> = ws.stage_choices().into_iter().collect();
                learned
                    .into_iter()
                    .map(|mut l| {
                        if let Some(label) = labels.get(&l.stage) {
                            l.name = label.clone();
                        }
                        l
                    })
                    .collect()
            }
        };
        let history = learned::History::new(ws, &logs, scope);
        let weighted_backtest = backtest(ws, &history, today);
        let (learned_backtest, learned_uncertainty) =
            learned::learned_backtest(&history, ws, &weighted_backtest);
        ForecastSummary {
            currency: ws.settings.currency,
            forecast,
            trend: trend(ws, scope, today),
            learned_forecast: learned::learned_forecast(&history, ws, today),
            learned_backtest,
            learned_uncertainty,
            backtest: weighted_backtest,
            method: ws.settings.forecast_method,
            learned,
        }
    }

    /// The learned forecast when it is chosen and has the history it needs; `None`
    /// means the weighted method feeds the totals and the main chart.
    pub fn learned_in_use(&self) -> Option<&LearnedForecast> {
        match self.method {
            ForecastMethod::Learned => self.learned_forecast.as_ref().ok(),
            ForecastMethod::Weighted => None,
        }
    }

    /// Each month's figure by both methods (what is still to be won; already won apart).
    pub fn side_by_side(&self) -> Vec<MethodsMonth> {
        let learned = self.learned_forecast.as_ref().ok();
        self.forecast
            .months
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let learned = learned.and_then(|l| l.months.get(i));
                MethodsMonth {
                    month: m.month,
                    already_won: m.already_won,
                    weighted: m.weighted,
                    learned: learned.map(|l| l.total()),
                    likely: learned.map(|l| l.likely),
                }
            })
            .collect()
    }
}
