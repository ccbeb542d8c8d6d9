//! The dashboard's charts.

use super::ChartOptions as Chart;
use super::{
    across_value_axis, category_axis, frame, major, percent, to_options, trend_line, value_axis,
    value_axis_reaching, with_goal, won_bars, Palette,
};
use crate::domain::metrics::Dashboard;
use crate::domain::model::dates::short_month_and_year;
use charming::datatype::DataPointItem;
use charming::element::{ItemStyle, Label, LabelPosition};
use charming::series::Bar;
use serde_json::Value;

/// The dashboard's charts, in page order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DashboardChart {
    Funnel,
    WonLost,
    TimeInStage,
    Revenue,
    LostReasons,
    LeadSources,
}

impl DashboardChart {
    pub const ALL: [DashboardChart; 6] = [
        DashboardChart::Funnel,
        DashboardChart::WonLost,
        DashboardChart::TimeInStage,
        DashboardChart::Revenue,
        DashboardChart::LostReasons,
        DashboardChart::LeadSources,
    ];

    /// The `data-chart` id, also the name of its PNG download.
    pub fn id(self) -> &'static str {
        match self {
            DashboardChart::Funnel => "funnel",
            DashboardChart::WonLost => "won-lost",
            DashboardChart::TimeInStage => "time-in-stage",
            DashboardChart::Revenue => "revenue",
            DashboardChart::LostReasons => "lost-reasons",
            DashboardChart::LeadSources => "lead-sources",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            DashboardChart::Funnel => "Funnel: deals reached per stage",
            DashboardChart::WonLost => "Won and lost per month",
            DashboardChart::TimeInStage => "Mean days in stage (bottleneck in red)",
            DashboardChart::Revenue => "Revenue won per month, trend and goal",
            DashboardChart::LostReasons => "Lost reasons",
            DashboardChart::LeadSources => "Lead conversion by source",
        }
    }

    /// Whether it spans the grid's full width.
    pub fn wide(self) -> bool {
        self == DashboardChart::Revenue
    }

    /// Why the chart has nothing to draw, and what the user can do; `None` when it has.
    pub fn empty_reason(self, dash: &Dashboard) -> Option<&'static str> {
        match self {
            DashboardChart::Funnel if dash.flow.cohort == 0 => {
                Some("No deals entered this pipeline in the period. Widen the period or add deals.")
            }
            DashboardChart::WonLost if dash.by_month.iter().all(|m| m.won + m.lost == 0) => {
                Some("No deal was won or lost in the last 12 months.")
            }
            DashboardChart::Revenue
                if dash.trend.history.iter().all(|(_, v)| v.0 == 0)
                    && dash.by_month.iter().all(|m| m.won_value.0 == 0) =>
            {
                Some("No revenue won yet: mark deals won to see revenue and its trend.")
            }
            DashboardChart::LostReasons if dash.closed.lost_reasons.is_empty() => {
                Some("No deal was lost in the period.")
            }
            DashboardChart::TimeInStage
                if dash
                    .flow
                    .stages
                    .iter()
                    .all(|s| s.mean_days_in_stage.is_none()) =>
            {
                Some("No deal left a stage in the period yet.")
            }
            DashboardChart::LeadSources if dash.leads_by_source.is_empty() => {
                Some("No leads were created in the period.")
            }
            _ => None,
        }
    }

    pub fn build(self, dash: &Dashboard, palette: &Palette) -> Chart {
        match self {
            DashboardChart::Funnel => funnel(dash, palette),
            DashboardChart::WonLost => won_lost_by_month(dash, palette),
            DashboardChart::TimeInStage => time_in_stage(dash, palette),
            DashboardChart::Revenue => revenue_with_trend(dash, palette),
            DashboardChart::LostReasons => lost_reasons(dash, palette),
            DashboardChart::LeadSources => lead_sources(dash, palette),
        }
    }

    /// The options to draw, or why there is nothing to draw.
    pub fn options(self, dash: &Dashboard, palette: &Palette) -> Result<Value, String> {
        match self.empty_reason(dash) {
            Some(reason) => Err(reason.to_string()),
            None => Ok(to_options(&self.build(dash, palette))),
        }
    }
}

/// The funnel as horizontal bars: deals reached per stage, with cumulative and
/// next-step conversion in the labels (ECharts' funnel series is not in the small build).
pub fn funnel(dash: &Dashboard, palette: &Palette) -> Chart {
    let stages = &dash.flow.stages;
    let labels: Vec<String> = stages
        .iter()
        .map(|s| {
            format!(
                // Two lines, so a phone's narrow chart keeps room for the bars.
                "{}\n{:.0} % of cohort · {:.0} % to next",
                s.name,
                percent(s.cumulative),
                percent(s.next_step)
            )
        })
        .collect();
    let data: Vec<DataPointItem> = stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let colour = if dash.flow.conversion_bottleneck == Some(i) {
                palette.bad.as_str()
            } else {
                palette.accent.as_str()
            };
            DataPointItem::new(s.reached as i64).item_style(ItemStyle::new().color(colour))
        })
        .collect();
    frame(palette)
        .x_axis(across_value_axis(palette))
        .y_axis(category_axis(palette, labels).inverse(true))
        .series(
            Bar::new().name("Deals reached").data(data).label(
                Label::new()
                    .show(true)
                    .position(LabelPosition::Right)
                    .color(palette.text.as_str()),
            ),
        )
}

pub fn won_lost_by_month(dash: &Dashboard, palette: &Palette) -> Chart {
    let labels = dash
        .by_month
        .iter()
        .map(|m| short_month_and_year(m.month))
        .collect();
    frame(palette)
        .x_axis(category_axis(palette, labels))
        .y_axis(value_axis(palette, "deals"))
        .series(
            Bar::new()
                .name("Won")
                .item_style(ItemStyle::new().color(palette.good.as_str()))
                .data(dash.by_month.iter().map(|m| m.won as i64).collect()),
        )
        .series(
            Bar::new()
                .name("Lost")
                .item_style(ItemStyle::new().color(palette.bad.as_str()))
                .data(dash.by_month.iter().map(|m| m.lost as i64).collect()),
        )
}

/// Revenue won per month (12 complete months and the current one), the trend line
/// extended three months, and the monthly goal.
pub fn revenue_with_trend(dash: &Dashboard, palette: &Palette) -> Chart {
    let history = &dash.trend.history;
    let current: Vec<(chrono::NaiveDate, f64)> = dash.trend.projection.clone();
    let mut labels: Vec<String> = history
        .iter()
        .map(|(m, _)| short_month_and_year(*m))
        .collect();
    labels.extend(current.iter().map(|(m, _)| short_month_and_year(*m)));
    let currency = dash.currency;
    let current_won = dash
        .by_month
        .last()
        .map(|m| major(m.won_value.0, currency))
        .unwrap_or(0.0);
    let mut won: Vec<f64> = history.iter().map(|(_, v)| major(v.0, currency)).collect();
    won.push(current_won);
    // The fitted line over the history, then its projection.
    let mut trend: Vec<f64> = (0..history.len())
        .map(|x| currency.to_major(dash.trend.at(x)))
        .collect();
    trend.extend(current.iter().map(|(_, v)| currency.to_major(*v)));
    let data_max = won.iter().chain(&trend).copied().fold(0.0, f64::max);
    frame(palette)
        .x_axis(category_axis(palette, labels))
        .y_axis(value_axis_reaching(
            palette,
            currency.code,
            data_max,
            dash.goal,
            currency,
        ))
        .series(with_goal(
            won_bars("Won", won, palette),
            dash.goal,
            currency,
            palette,
        ))
        .series(trend_line(trend, palette))
}

pub fn lost_reasons(dash: &Dashboard, palette: &Palette) -> Chart {
    let reasons = &dash.closed.lost_reasons;
    frame(palette)
        .x_axis(across_value_axis(palette))
        .y_axis(
            category_axis(palette, reasons.iter().map(|r| r.reason.clone()).collect())
                .inverse(true),
        )
        .series(
            Bar::new()
                .name("Lost deals")
                .item_style(ItemStyle::new().color(palette.bad.as_str()))
                .data(reasons.iter().map(|r| r.count as i64).collect()),
        )
}

pub fn time_in_stage(dash: &Dashboard, palette: &Palette) -> Chart {
    let stages = &dash.flow.stages;
    let data: Vec<DataPointItem> = stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let days = s
                .mean_days_in_stage
                .map_or(0.0, |d| (d * 10.0).round() / 10.0);
            let colour = if dash.flow.time_bottleneck == Some(i) {
                palette.bad.as_str()
            } else {
                palette.accent.as_str()
            };
            DataPointItem::new(days).item_style(ItemStyle::new().color(colour))
        })
        .collect();
    let labels = stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if dash.flow.time_bottleneck == Some(i) {
                format!("⚠ {}", s.name)
            } else {
                s.name.clone()
            }
        })
        .collect();
    // Stages down the side, as in the funnel: their names stay readable on a phone.
    frame(palette)
        .x_axis(across_value_axis(palette))
        .y_axis(category_axis(palette, labels).inverse(true))
        .series(Bar::new().name("Mean days in stage").data(data))
}

pub fn lead_sources(dash: &Dashboard, palette: &Palette) -> Chart {
    let sources = &dash.leads_by_source;
    frame(palette)
        .x_axis(category_axis(
            palette,
            sources.iter().map(|s| s.source.clone()).collect(),
        ))
        .y_axis(value_axis(palette, "% converted"))
        .series(
            Bar::new()
                .name("Lead conversion %")
                .data(sources.iter().map(|s| percent(s.rate)).collect()),
        )
}
