//! Everything the dashboard shows, computed in one call (the Forecast page has its own
//! `ForecastSummary`).

use super::closed::{closed_by_month, closed_metrics, ClosedMetrics, MonthClosed};
use super::customers::{
    follow_ups, lead_conversion, lead_conversion_by_source, retention, FollowUps, LeadConversion,
    Retention, SourceConversion,
};
use super::flow::{flow, Flow};
use super::forecast::{trend, Trend};
use super::index::LogIndex;
use super::open::{open_pipeline, velocity, OpenPipeline};
use super::Period;
use crate::domain::model::money::Currency;
use crate::domain::{Money, PipelineId, Workspace};
use chrono::NaiveDate;

/// What the KPI tiles show: computed first after a change, so the tiles paint before
/// the rest of the dashboard (charts, "Needs attention") is worked out.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyFigures {
    /// The workspace's currency: every amount below is in its minor units.
    pub currency: Currency,
    pub period: Period,
    pub previous: Period,
    pub closed: ClosedMetrics,
    pub closed_previous: ClosedMetrics,
    pub open: OpenPipeline,
    /// Expected revenue per day, minor units.
    pub velocity: Option<f64>,
    pub leads: LeadConversion,
    pub leads_previous: LeadConversion,
    pub retention: Retention,
    pub retention_previous: Retention,
}

impl KeyFigures {
    /// Returns `None` when the pipeline does not exist.
    pub fn compute(
        ws: &Workspace,
        pipeline: PipelineId,
        period: Period,
        today: NaiveDate,
    ) -> Option<KeyFigures> {
        let p = ws.pipeline(pipeline).ok()?;
        let previous = period.previous();
        let closed = closed_metrics(ws, Some(pipeline), period);
        let open = open_pipeline(ws, p, today);
        Some(KeyFigures {
            currency: ws.settings.currency,
            period,
            previous,
            velocity: velocity(open.count, &closed),
            closed_previous: closed_metrics(ws, Some(pipeline), previous),
            closed,
            open,
            leads: lead_conversion(ws, period),
            leads_previous: lead_conversion(ws, previous),
            retention: retention(ws, period),
            retention_previous: retention(ws, previous),
        })
    }
}

/// Everything the dashboard shows: the key figures (also reached through `Deref`) and
/// what the charts and "Needs attention" need besides.
#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard {
    pub figures: KeyFigures,
    pub flow: Flow,
    /// The 12 months ending with the current one.
    pub by_month: Vec<MonthClosed>,
    pub leads_by_source: Vec<SourceConversion>,
    pub follow_ups: FollowUps,
    /// The monthly revenue goal, drawn on the revenue chart.
    pub goal: Option<Money>,
    pub trend: Trend,
}

impl std::ops::Deref for Dashboard {
    type Target = KeyFigures;

    fn deref(&self) -> &KeyFigures {
        &self.figures
    }
}

impl Dashboard {
    /// Returns `None` when the pipeline does not exist.
    pub fn compute(
        ws: &Workspace,
        pipeline: PipelineId,
        period: Period,
        today: NaiveDate,
    ) -> Option<Dashboard> {
        let figures = KeyFigures::compute(ws, pipeline, period, today)?;
        Dashboard::around(figures, ws, pipeline, today)
    }

    /// The dashboard around key figures computed before for the same workspace,
    /// pipeline and day.
    pub fn around(
        figures: KeyFigures,
        ws: &Workspace,
        pipeline: PipelineId,
        today: NaiveDate,
    ) -> Option<Dashboard> {
        let p = ws.pipeline(pipeline).ok()?;
        let logs = LogIndex::new(ws);
        let period = figures.period;
        Some(Dashboard {
            flow: flow(ws, &logs, p, period),
            by_month: closed_by_month(ws, Some(pipeline), today, 12),
            leads_by_source: lead_conversion_by_source(ws, period),
            follow_ups: follow_ups(ws, Some(pipeline), today),
            goal: ws.settings.monthly_goal,
            trend: trend(ws, Some(pipeline), today),
            figures,
        })
    }
}
