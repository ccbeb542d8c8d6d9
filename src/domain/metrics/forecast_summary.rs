//! What the Forecast page shows, for one pipeline or for all of them together.

use super::forecast::{
    backtest, learned_probabilities, monthly_forecast, trend, Backtest, Forecast,
    LearnedProbability, Trend,
};
use super::index::LogIndex;
use crate::domain::model::ids::IdMap;
use crate::domain::model::money::Currency;
use crate::domain::{PipelineId, StageId, Workspace};
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq)]
pub struct ForecastSummary {
    /// The workspace's currency: every amount below is in its minor units.
    pub currency: Currency,
    pub forecast: Forecast,
    pub trend: Trend,
    pub backtest: Backtest,
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
        ForecastSummary {
            currency: ws.settings.currency,
            forecast,
            trend: trend(ws, scope, today),
            backtest: backtest(ws, &logs, scope, today),
            learned,
        }
    }
}
