//! The forecast page's charts.

use super::ChartOptions as Chart;
use super::{
    category_axis, frame, line, major, to_options, trend_line, value_axis, value_axis_reaching,
    with_goal, won_bars, Palette,
};
use crate::domain::metrics::forecast::Backtest;
use crate::domain::metrics::learned::{LearnedForecast, LearnedMonth};
use crate::domain::metrics::ForecastSummary;
use crate::domain::model::dates::short_month_and_year;
use charming::element::{ItemStyle, LineStyleType};
use charming::series::{Bar, Line};
use serde_json::Value;

/// The forecast page's charts, in page order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForecastChart {
    ByCategory,
    Trend,
    Backtest,
}

impl ForecastChart {
    pub const ALL: [ForecastChart; 3] = [
        ForecastChart::ByCategory,
        ForecastChart::Trend,
        ForecastChart::Backtest,
    ];

    /// The `data-chart` id, also the name of its PNG download.
    pub fn id(self) -> &'static str {
        match self {
            ForecastChart::ByCategory => "forecast",
            ForecastChart::Trend => "trend",
            ForecastChart::Backtest => "backtest",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ForecastChart::ByCategory => "Next 6 months against the goal",
            ForecastChart::Trend => "Trend forecast (least squares over 12 months)",
            ForecastChart::Backtest => "Backtest: each method on the 1st vs won",
        }
    }

    pub fn wide(self) -> bool {
        self == ForecastChart::ByCategory
    }

    /// Why the chart has nothing to draw, and what the user can do; `None` when it has.
    pub fn empty_reason(self, view: &ForecastSummary) -> Option<&'static str> {
        let f = &view.forecast;
        match self {
            ForecastChart::ByCategory => match view.learned_in_use() {
                Some(learned)
                    if learned.months.iter().all(|m| m.total().0 == 0)
                        && f.months.iter().all(|m| m.already_won.0 == 0) =>
                {
                    Some("The learned forecast expects nothing won in the next six months, and nothing was won this month yet.")
                }
                None if f.slipped_deals == 0
                    && f.months.iter().all(|m| m.deals == 0 && m.already_won.0 == 0) =>
                {
                    Some("No open deal has an expected close date in the next six months. Give deals a close date.")
                }
                _ => None,
            },
            ForecastChart::Trend if view.trend.history.iter().all(|(_, v)| v.0 <= 0) => {
                Some("No revenue was won in the 12 complete months before this one: the trend needs that history (this month counts once it is complete).")
            }
            ForecastChart::Backtest
                if view
                    .backtest
                    .months
                    .iter()
                    .all(|m| m.actual.0 <= 0 && m.forecast.0 <= 0) =>
            {
                Some("Nothing was forecast or won in the last 6 months.")
            }
            _ => None,
        }
    }

    pub fn build(self, view: &ForecastSummary, palette: &Palette) -> Chart {
        match self {
            ForecastChart::ByCategory => by_category(view, palette),
            ForecastChart::Trend => trend(view, palette),
            ForecastChart::Backtest => backtest(view, palette),
        }
    }

    /// The options to draw, or why there is nothing to draw.
    pub fn options(self, view: &ForecastSummary, palette: &Palette) -> Result<Value, String> {
        match self.empty_reason(view) {
            Some(reason) => Err(reason.to_string()),
            None => Ok(to_options(&self.build(view, palette))),
        }
    }
}

/// The next six months by the method in use, against the goal.
pub fn by_category(view: &ForecastSummary, palette: &Palette) -> Chart {
    match view.learned_in_use() {
        Some(learned) => learned_by_month(view, learned, palette),
        None => weighted_by_category(view, palette),
    }
}

/// The learned forecast stacked by source on top of the value already won, the
/// weighted forecast as a line beside it, and the goal.
fn learned_by_month(view: &ForecastSummary, learned: &LearnedForecast, palette: &Palette) -> Chart {
    let (forecast, currency) = (&view.forecast, view.currency);
    let labels: Vec<String> = learned
        .months
        .iter()
        .map(|m| short_month_and_year(m.month))
        .collect();
    let series = |pick: &dyn Fn(&LearnedMonth) -> i64| -> Vec<f64> {
        learned
            .months
            .iter()
            .map(|m| major(pick(m), currency))
            .collect()
    };
    let won: Vec<f64> = forecast
        .months
        .iter()
        .map(|m| major(m.already_won.0, currency))
        .collect();
    let weighted: Vec<f64> = forecast
        .months
        .iter()
        .map(|m| major(m.weighted.0 + m.already_won.0, currency))
        .collect();
    let data_max = series(&|m| m.total().0)
        .iter()
        .zip(&won)
        .map(|(a, b)| a + b)
        .chain(weighted.iter().copied())
        .fold(0.0, f64::max);
    frame(palette)
        .x_axis(category_axis(palette, labels))
        .y_axis(value_axis_reaching(
            palette,
            currency.code,
            data_max,
            forecast.goal,
            currency,
        ))
        .series(with_goal(
            won_bars("Already won", won, palette).stack("f"),
            forecast.goal,
            currency,
            palette,
        ))
        .series(stacked(
            "Open deals (learned)",
            &palette.series[0],
            series(&|m| m.open_deals.0),
        ))
        .series(stacked(
            "Deals not created yet (learned)",
            &palette.series[4],
            series(&|m| m.new_deals.0),
        ))
        .series(weighted_line(weighted, palette))
}

/// The next six months stacked by category plus value already won, the slipped
/// bucket as its own column, the goal, and the learned forecast as a line beside it.
fn weighted_by_category(view: &ForecastSummary, palette: &Palette) -> Chart {
    let (forecast, currency) = (&view.forecast, view.currency);
    let mut labels: Vec<String> = vec!["Slipped".into()];
    labels.extend(
        forecast
            .months
            .iter()
            .map(|m| short_month_and_year(m.month)),
    );
    let column = |pick: &dyn Fn(&crate::domain::metrics::forecast::Categories) -> i64| -> Vec<f64> {
        std::iter::once(major(pick(&forecast.slipped_categories), currency))
            .chain(
                forecast
                    .months
                    .iter()
                    .map(|m| major(pick(&m.categories), currency)),
            )
            .collect()
    };
    let won: Vec<f64> = std::iter::once(0.0)
        .chain(
            forecast
                .months
                .iter()
                .map(|m| major(m.already_won.0, currency)),
        )
        .collect();
    let weighted: Vec<f64> = std::iter::once(major(forecast.slipped_weighted.0, currency))
        .chain(
            forecast
                .months
                .iter()
                .map(|m| major(m.weighted.0 + m.already_won.0, currency)),
        )
        .collect();
    // The learned forecast beside it; no learned figure for the slipped column (a gap).
    let learned_line: Option<Vec<f64>> = view.learned_forecast.as_ref().ok().map(|learned| {
        std::iter::once(f64::NAN)
            .chain(
                learned
                    .months
                    .iter()
                    .zip(&forecast.months)
                    .map(|(l, m)| major(l.total().0 + m.already_won.0, currency)),
            )
            .collect()
    });
    // The highest column: its stacked categories and won value, or a line.
    let open_columns = column(&|c| c.commit.0 + c.best_case.0 + c.pipeline.0);
    let data_max = open_columns
        .iter()
        .zip(&won)
        .map(|(a, b)| a + b)
        .chain(weighted.iter().copied())
        .chain(
            learned_line
                .iter()
                .flatten()
                .copied()
                .filter(|v| !v.is_nan()),
        )
        .fold(0.0, f64::max);
    let won_bar = with_goal(
        won_bars("Already won", won, palette).stack("f"),
        forecast.goal,
        currency,
        palette,
    );
    let chart = frame(palette)
        .x_axis(category_axis(palette, labels))
        .y_axis(value_axis_reaching(
            palette,
            currency.code,
            data_max,
            forecast.goal,
            currency,
        ))
        .series(won_bar)
        .series(stacked(
            "Commit (≥ 80 %)",
            &palette.series[0],
            column(&|c| c.commit.0),
        ))
        .series(stacked(
            "Best case (50–79 %)",
            &palette.series[4],
            column(&|c| c.best_case.0),
        ))
        .series(stacked(
            "Pipeline (< 50 %)",
            &palette.neutral,
            column(&|c| c.pipeline.0),
        ))
        .series(weighted_line(weighted, palette));
    match learned_line {
        Some(values) => chart.series(
            line(
                "Learned forecast + won",
                &palette.accent,
                LineStyleType::Dashed,
            )
            .data(values),
        ),
        None => chart,
    }
}

pub fn trend(view: &ForecastSummary, palette: &Palette) -> Chart {
    let (trend, currency) = (&view.trend, view.currency);
    let mut labels: Vec<String> = trend
        .history
        .iter()
        .map(|(m, _)| short_month_and_year(*m))
        .collect();
    labels.extend(
        trend
            .projection
            .iter()
            .map(|(m, _)| format!("{} (trend)", short_month_and_year(*m))),
    );
    let mut won: Vec<f64> = trend
        .history
        .iter()
        .map(|(_, v)| major(v.0, currency))
        .collect();
    won.extend(trend.projection.iter().map(|_| 0.0));
    let line: Vec<f64> = (0..trend.history.len() + trend.projection.len())
        .map(|x| currency.to_major(trend.at(x)))
        .collect();
    frame(palette)
        .x_axis(category_axis(palette, labels))
        .y_axis(value_axis(palette, currency.code))
        .series(won_bars("Won", won, palette))
        .series(trend_line(line, palette))
}

/// Each method's forecast made on the first of each of the last 6 months, against what
/// was won; each method's error is in its legend name.
pub fn backtest(view: &ForecastSummary, palette: &Palette) -> Chart {
    let currency = view.currency;
    let labels = view
        .backtest
        .months
        .iter()
        .map(|m| short_month_and_year(m.month))
        .collect();
    let bars = |backtest: &Backtest, name: &str, colour: &str| {
        Bar::new()
            .name(match backtest.mape {
                Some(error) => format!("{name} (off by {:.0} %)", error * 100.0),
                None => name.to_string(),
            })
            .item_style(ItemStyle::new().color(colour))
            .data(
                backtest
                    .months
                    .iter()
                    .map(|m| major(m.forecast.0, currency))
                    .collect(),
            )
    };
    frame(palette)
        .x_axis(category_axis(palette, labels))
        .y_axis(value_axis(palette, currency.code))
        .series(bars(&view.backtest, "Weighted on the 1st", &palette.accent))
        .series(bars(
            &view.learned_backtest,
            "Learned on the 1st",
            &palette.series[4],
        ))
        .series(won_bars(
            "Actually won",
            view.backtest
                .months
                .iter()
                .map(|m| major(m.actual.0, currency))
                .collect(),
            palette,
        ))
}

/// One part of a stacked month column.
fn stacked(name: &str, colour: &str, values: Vec<f64>) -> Bar {
    Bar::new()
        .name(name)
        .stack("f")
        .item_style(ItemStyle::new().color(colour))
        .data(values)
}

/// The weighted forecast plus value already won, as a line over the columns.
fn weighted_line(values: Vec<f64>, palette: &Palette) -> Line {
    line(
        "Weighted forecast + won",
        &palette.text,
        LineStyleType::Solid,
    )
    .data(values)
}
