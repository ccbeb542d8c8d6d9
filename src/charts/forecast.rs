//! The forecast page's charts.

use super::ChartOptions as Chart;
use super::{category_axis, frame, goal_line, major, percent, value_axis, Palette};
use crate::domain::dates::short_month_and_year;
use crate::domain::metrics::forecast::{Backtest, Forecast, Trend};
use charming::element::{ItemStyle, LineStyle, LineStyleType};
use charming::series::{Bar, Line};

/// The next six months stacked by category plus value already won, the slipped
/// bucket as its own column, and the goal.
pub fn by_category(forecast: &Forecast, palette: &Palette) -> Chart {
    let mut labels: Vec<String> = vec!["Slipped".into()];
    labels.extend(
        forecast
            .months
            .iter()
            .map(|m| short_month_and_year(m.month)),
    );
    let column = |pick: &dyn Fn(&crate::domain::metrics::forecast::Categories) -> i64| -> Vec<f64> {
        std::iter::once(major(pick(&forecast.slipped_categories)))
            .chain(forecast.months.iter().map(|m| major(pick(&m.categories))))
            .collect()
    };
    let won: Vec<f64> = std::iter::once(0.0)
        .chain(forecast.months.iter().map(|m| major(m.already_won.0)))
        .collect();
    let weighted: Vec<f64> = std::iter::once(major(forecast.slipped_weighted.0))
        .chain(
            forecast
                .months
                .iter()
                .map(|m| major(m.weighted.0 + m.already_won.0)),
        )
        .collect();
    let mut won_bar = Bar::new()
        .name("Already won")
        .stack("f")
        .item_style(ItemStyle::new().color(palette.good))
        .data(won);
    if let Some(goal) = forecast.goal {
        won_bar = won_bar.mark_line(goal_line(goal, palette));
    }
    frame(palette)
        .x_axis(category_axis(palette, labels))
        .y_axis(value_axis(palette, "value"))
        .series(won_bar)
        .series(
            Bar::new()
                .name("Commit (≥ 80 %)")
                .stack("f")
                .item_style(ItemStyle::new().color(palette.series[0]))
                .data(column(&|c| c.commit.0)),
        )
        .series(
            Bar::new()
                .name("Best case (50–79 %)")
                .stack("f")
                .item_style(ItemStyle::new().color(palette.series[4]))
                .data(column(&|c| c.best_case.0)),
        )
        .series(
            Bar::new()
                .name("Pipeline (< 50 %)")
                .stack("f")
                .item_style(ItemStyle::new().color(palette.neutral))
                .data(column(&|c| c.pipeline.0)),
        )
        .series(
            Line::new()
                .name("Weighted forecast + won")
                .line_style(LineStyle::new().color(palette.text))
                .data(weighted),
        )
}

pub fn trend(trend: &Trend, palette: &Palette) -> Chart {
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
    let mut won: Vec<f64> = trend.history.iter().map(|(_, v)| major(v.0)).collect();
    won.extend(trend.projection.iter().map(|_| 0.0));
    let line: Vec<f64> = (0..trend.history.len() + trend.projection.len())
        .map(|x| (trend.intercept + trend.slope_per_month * x as f64).max(0.0) / 100.0)
        .collect();
    frame(palette)
        .x_axis(category_axis(palette, labels))
        .y_axis(value_axis(palette, "won"))
        .series(
            Bar::new()
                .name("Won")
                .item_style(ItemStyle::new().color(palette.good))
                .data(won),
        )
        .series(
            Line::new()
                .name("Trend")
                .line_style(
                    LineStyle::new()
                        .color(palette.accent)
                        .type_(LineStyleType::Dashed),
                )
                .data(line),
        )
}

pub fn backtest(backtest: &Backtest, palette: &Palette) -> Chart {
    let labels = backtest
        .months
        .iter()
        .map(|m| match m.percentage_error {
            Some(e) => format!(
                "{} ({:.0} % off)",
                short_month_and_year(m.month),
                percent(Some(e))
            ),
            None => short_month_and_year(m.month),
        })
        .collect();
    frame(palette)
        .x_axis(category_axis(palette, labels))
        .y_axis(value_axis(palette, "value"))
        .series(
            Bar::new()
                .name("Forecast on the 1st")
                .item_style(ItemStyle::new().color(palette.accent))
                .data(
                    backtest
                        .months
                        .iter()
                        .map(|m| major(m.forecast.0))
                        .collect(),
                ),
        )
        .series(
            Bar::new()
                .name("Actually won")
                .item_style(ItemStyle::new().color(palette.good))
                .data(backtest.months.iter().map(|m| major(m.actual.0)).collect()),
        )
}
