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

#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard {
    /// The workspace's currency: every amount below is in its minor units.
    pub currency: Currency,
    pub period: Period,
    pub previous: Period,
    pub closed: ClosedMetrics,
    pub closed_previous: ClosedMetrics,
    pub flow: Flow,
    pub open: OpenPipeline,
    /// Expected revenue per day, minor units.
    pub velocity: Option<f64>,
    /// The 12 months ending with the current one.
    pub by_month: Vec<MonthClosed>,
    pub leads: LeadConversion,
    pub leads_by_source: Vec<SourceConversion>,
    pub leads_previous: LeadConversion,
    pub retention: Retention,
    pub retention_previous: Retention,
    pub follow_ups: FollowUps,
    /// The monthly revenue goal, drawn on the revenue chart.
    pub goal: Option<Money>,
    pub trend: Trend,
}

impl Dashboard {
    /// Returns `None` when the pipeline does not exist.
    pub fn compute(
        ws: &Workspace,
        pipeline: PipelineId,
        period: Period,
        today: NaiveDate,
    ) -> Option<Dashboard> {
        let p = ws.pipeline(pipeline).ok()?;
        let logs = LogIndex::new(ws);
        let previous = period.previous();
        let closed = closed_metrics(ws, Some(pipeline), period);
        let open = open_pipeline(ws, p, today);
        Some(Dashboard {
            currency: ws.settings.currency,
            period,
            previous,
            velocity: velocity(open.count, &closed),
            closed_previous: closed_metrics(ws, Some(pipeline), previous),
            closed,
            flow: flow(ws, &logs, p, period),
            open,
            by_month: closed_by_month(ws, Some(pipeline), today, 12),
            leads: lead_conversion(ws, period),
            leads_by_source: lead_conversion_by_source(ws, period),
            leads_previous: lead_conversion(ws, previous),
            retention: retention(ws, period),
            retention_previous: retention(ws, previous),
            follow_ups: follow_ups(ws, Some(pipeline), today),
            goal: ws.settings.monthly_goal,
            trend: trend(ws, Some(pipeline), today),
        })
    }
}
