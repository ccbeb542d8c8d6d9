//! Chart options as pure functions of the metrics: `fn(&Dashboard, &Palette) -> ChartOptions`,
//! tested natively by serialising them to JSON. The one chart component draws them.

pub mod dashboard;
pub mod forecast;
mod options;
pub mod update;

pub use options::{ChartOptions, Series};

use crate::domain::model::money::{Currency, Money};
use charming::component::{Axis, Grid, Legend, LegendType};
use charming::element::{
    AxisLabel, AxisType, ItemStyle, LineStyle, LineStyleType, SplitLine, TextStyle, Tooltip,
    Trigger,
};
use charming::series::{Bar, Line};
use serde_json::Value;

/// The page's colours, so charts and page match in light and dark schemes. They are
/// read from the stylesheet's custom properties (`style/main.css`, one source), named
/// here once.
#[derive(Clone, Debug, PartialEq)]
pub struct Palette {
    pub text: String,
    pub muted: String,
    pub grid: String,
    pub accent: String,
    pub good: String,
    pub bad: String,
    pub warn: String,
    pub neutral: String,
    pub series: [String; 6],
}

impl Palette {
    /// The palette from the custom properties `read` returns (`--accent` → `#2f5bea`).
    pub fn from_properties(read: impl Fn(&str) -> String) -> Palette {
        Palette {
            text: read("--text"),
            muted: read("--text-muted"),
            grid: read("--chart-grid"),
            accent: read("--accent"),
            good: read("--good"),
            bad: read("--bad"),
            warn: read("--warn"),
            neutral: read("--chart-neutral"),
            series: [
                "--chart-1",
                "--chart-2",
                "--chart-3",
                "--chart-4",
                "--chart-5",
                "--chart-6",
            ]
            .map(read),
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
                .map(|c| charming::element::Color::from(c.as_str()))
                .collect(),
        )
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(
            // One line that pages on a narrow screen, instead of wrapping over the plot.
            Legend::new()
                .type_(LegendType::Scroll)
                .top("0")
                .text_style(TextStyle::new().color(palette.muted.as_str())),
        )
        .grid(
            Grid::new()
                .left("3%")
                .right("4%")
                .bottom("3%")
                // Below the legend's line, with room for a value axis's name above the
                // plot: on a phone the legend spans the width and would cover it.
                .top("52")
                .contain_label(true),
        )
}

pub fn category_axis(palette: &Palette, labels: Vec<String>) -> Axis {
    Axis::new()
        .type_(AxisType::Category)
        .data(labels)
        .axis_label(AxisLabel::new().color(palette.muted.as_str()))
}

/// A value axis up the side, its name (the unit) above it.
pub fn value_axis(palette: &Palette, name: &str) -> Axis {
    across_value_axis(palette)
        .name(name)
        .name_text_style(TextStyle::new().color(palette.muted.as_str()))
}

/// A value axis along the bottom of horizontal bars, unnamed: there the name would sit
/// past the axis's end, outside the chart, and the legend already names the bars.
pub fn across_value_axis(palette: &Palette) -> Axis {
    Axis::new()
        .type_(AxisType::Value)
        .axis_label(AxisLabel::new().color(palette.muted.as_str()))
        .split_line(SplitLine::new().line_style(LineStyle::new().color(palette.grid.as_str())))
}

/// A value axis that reaches the goal: ECharts scales an axis to the data only, so a goal
/// above every bar would fall outside the chart and its line would not be drawn.
pub fn value_axis_reaching(
    palette: &Palette,
    name: &str,
    data_max: f64,
    goal: Option<Money>,
    currency: Currency,
) -> Axis {
    let axis = value_axis(palette, name);
    match goal.map(|g| major(g.0, currency)) {
        Some(goal) if goal > data_max => axis.max(nice_ceiling(goal * 1.05)),
        _ => axis,
    }
}

/// The smallest 1, 2, 2.5 or 5 × 10^k at least `x`: an axis end with round ticks.
pub fn nice_ceiling(x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|v| *v >= x)
        .unwrap_or(10.0 * power)
}

/// Won value (major units) as green bars.
pub fn won_bars(name: &str, won: Vec<f64>, palette: &Palette) -> Bar {
    Bar::new()
        .name(name)
        .item_style(ItemStyle::new().color(palette.good.as_str()))
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
    line("Trend", &palette.accent, LineStyleType::Dashed).data(values)
}

/// A line in one colour: its points and its legend key too, which ECharts would
/// otherwise take from its own palette, so the legend would name another line.
pub fn line(name: &str, colour: &str, style: LineStyleType) -> Line {
    Line::new()
        .name(name)
        .item_style(ItemStyle::new().color(colour))
        .line_style(LineStyle::new().color(colour).type_(style))
}

/// A dashed horizontal line at the monthly goal (major units), labelled "Goal".
fn goal_line(goal: f64, palette: &Palette) -> charming::element::MarkLine {
    use charming::element::{
        Label, LabelPosition, MarkLine, MarkLineData, MarkLineVariant, Symbol,
    };
    MarkLine::new()
        .symbol(vec![Symbol::None, Symbol::None])
        .line_style(
            LineStyle::new()
                .color(palette.warn.as_str())
                .type_(LineStyleType::Dashed),
        )
        // Inside the plot, above the line's end: outside it, a narrow chart cuts it off.
        .label(
            Label::new()
                .color(palette.warn.as_str())
                .position(LabelPosition::InsideEndTop)
                .formatter("Goal"),
        )
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
        // A label of two lines (the funnel's) is drawn with its lines on top of each
        // other unless its line height is set; charming's axis label has no field for it.
        for axis in ["xAxis", "yAxis"] {
            if let Some(Value::Object(label)) =
                map.get_mut(axis).and_then(|a| a.get_mut("axisLabel"))
            {
                label.entry("lineHeight").or_insert(serde_json::json!(15));
            }
        }
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
        let palette = Palette::from_properties(|name| format!("var({name})"));
        let options = to_options(&frame(&palette));
        assert_eq!(options["tooltip"]["renderMode"], "richText");
        assert_eq!(options["color"][0], "var(--chart-1)");
        assert_eq!(options["animationDurationUpdate"], 0);
        assert_eq!(
            to_options(&ChartOptions::new())["tooltip"]["renderMode"],
            "richText"
        );
    }

    #[test]
    fn axis_labels_of_two_lines_are_spaced() {
        let palette = Palette::from_properties(|name| format!("var({name})"));
        let chart = frame(&palette)
            .x_axis(category_axis(&palette, vec!["Qualified\n100 %".into()]))
            .y_axis(value_axis(&palette, "days"));
        let options = to_options(&chart);
        assert_eq!(options["xAxis"]["axisLabel"]["lineHeight"], 15);
        assert_eq!(options["yAxis"]["axisLabel"]["lineHeight"], 15);
    }
}
