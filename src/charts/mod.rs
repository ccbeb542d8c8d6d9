//! Chart options as pure functions of the metrics: `fn(&Dashboard, &Palette) -> ChartOptions`,
//! tested natively by serialising them to JSON. The one chart component draws them.

pub mod dashboard;
pub mod forecast;
mod options;

pub use options::{ChartOptions, Series};

use crate::domain::model::money::{Currency, Money};
use charming::component::{Axis, Grid, Legend, LegendType};
use charming::element::{
    AxisLabel, AxisType, ItemStyle, LineStyle, LineStyleType, SplitLine, TextStyle, Tooltip,
    Trigger,
};
use charming::series::{Bar, Line};
use serde_json::Value;

/// The page's colours, so charts and page match in light and dark schemes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    pub text: &'static str,
    pub muted: &'static str,
    pub grid: &'static str,
    pub accent: &'static str,
    pub good: &'static str,
    pub bad: &'static str,
    pub warn: &'static str,
    pub neutral: &'static str,
    pub series: [&'static str; 6],
}

impl Palette {
    pub const LIGHT: Palette = Palette {
        text: "#1d2230",
        muted: "#4f586b",
        grid: "#e3e6ec",
        accent: "#2f5bea",
        good: "#1f7a3d",
        bad: "#b42323",
        warn: "#8a5a00",
        neutral: "#8d95a8",
        series: [
            "#2f5bea", "#1f7a3d", "#b07a00", "#8a3fd1", "#0f8a8a", "#b42323",
        ],
    };
    pub const DARK: Palette = Palette {
        text: "#e7e9ef",
        muted: "#a7aec0",
        grid: "#323848",
        accent: "#7c9cff",
        good: "#6fd18f",
        bad: "#ff8a8a",
        warn: "#f1c257",
        neutral: "#6b7385",
        series: [
            "#7c9cff", "#6fd18f", "#f1c257", "#c49bff", "#5fd3d3", "#ff8a8a",
        ],
    };

    pub fn for_dark(dark: bool) -> Palette {
        if dark {
            Palette::DARK
        } else {
            Palette::LIGHT
        }
    }
}

/// Money in minor units as major units of the workspace's currency, for an axis.
pub fn major(minor: i64, currency: Currency) -> f64 {
    currency.to_major(minor as f64)
}

/// A ratio as a percentage with one decimal, for axes and labels.
pub fn percent(ratio: Option<f64>) -> f64 {
    ratio.map_or(0.0, |r| (r * 1000.0).round() / 10.0)
}

/// Shared frame: palette, axis tooltip, legend and a grid that fits labels.
pub fn frame(palette: &Palette) -> ChartOptions {
    ChartOptions::new()
        .color(
            palette
                .series
                .iter()
                .map(|c| charming::element::Color::from(*c))
                .collect(),
        )
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(
            // One line that pages on a narrow screen, instead of wrapping over the plot.
            Legend::new()
                .type_(LegendType::Scroll)
                .top("0")
                .text_style(TextStyle::new().color(palette.muted)),
        )
        .grid(
            Grid::new()
                .left("3%")
                .right("4%")
                .bottom("3%")
                .top("40")
                .contain_label(true),
        )
}

pub fn category_axis(palette: &Palette, labels: Vec<String>) -> Axis {
    Axis::new()
        .type_(AxisType::Category)
        .data(labels)
        .axis_label(AxisLabel::new().color(palette.muted))
}

pub fn value_axis(palette: &Palette, name: &str) -> Axis {
    Axis::new()
        .type_(AxisType::Value)
        .name(name)
        .name_text_style(TextStyle::new().color(palette.muted))
        .axis_label(AxisLabel::new().color(palette.muted))
        .split_line(SplitLine::new().line_style(LineStyle::new().color(palette.grid)))
}

/// Won value (major units) as green bars.
pub fn won_bars(name: &str, won: Vec<f64>, palette: &Palette) -> Bar {
    Bar::new()
        .name(name)
        .item_style(ItemStyle::new().color(palette.good))
        .data(won)
}

/// The bars with the monthly goal as a dashed line, when there is a goal.
pub fn with_goal(bars: Bar, goal: Option<Money>, currency: Currency, palette: &Palette) -> Bar {
    match goal {
        Some(goal) => bars.mark_line(goal_line(major(goal.0, currency), palette)),
        None => bars,
    }
}

/// The least-squares trend as a dashed line.
pub fn trend_line(values: Vec<f64>, palette: &Palette) -> Line {
    Line::new()
        .name("Trend")
        .line_style(
            LineStyle::new()
                .color(palette.accent)
                .type_(LineStyleType::Dashed),
        )
        .data(values)
}

/// A dashed horizontal line at the monthly goal (major units), labelled "Goal".
fn goal_line(goal: f64, palette: &Palette) -> charming::element::MarkLine {
    use charming::element::{Label, MarkLine, MarkLineData, MarkLineVariant, Symbol};
    MarkLine::new()
        .symbol(vec![Symbol::None, Symbol::None])
        .line_style(
            LineStyle::new()
                .color(palette.warn)
                .type_(LineStyleType::Dashed),
        )
        .label(Label::new().color(palette.warn).formatter("Goal"))
        .data(vec![MarkLineVariant::Simple(
            MarkLineData::new().name("Goal").y_axis(goal),
        )])
}

/// The options handed to ECharts. Tooltips are drawn as canvas rich text, never as
/// HTML, so a stage, deal, source or reason named like markup can never run.
pub fn to_options(chart: &ChartOptions) -> Value {
    let mut value = serde_json::to_value(chart).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        let tooltip = map
            .entry("tooltip")
            .or_insert_with(|| Value::Object(Default::default()));
        if let Value::Object(t) = tooltip {
            t.insert("renderMode".into(), Value::String("richText".into()));
        }
        map.insert("aria".into(), serde_json::json!({ "enabled": true }));
        map.insert("animationDuration".into(), serde_json::json!(300));
        // A live dashboard redraws on every change: animating each redraw keeps six
        // canvases busy for 300 ms and delays the next change's paint.
        map.insert("animationDurationUpdate".into(), serde_json::json!(0));
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_always_render_tooltips_without_html() {
        let chart = frame(&Palette::LIGHT);
        let options = to_options(&chart);
        assert_eq!(options["tooltip"]["renderMode"], "richText");
        assert_eq!(options["color"][0], "#2f5bea");
        assert_eq!(options["animationDurationUpdate"], 0);
        assert_eq!(
            to_options(&ChartOptions::new())["tooltip"]["renderMode"],
            "richText"
        );
    }
}
