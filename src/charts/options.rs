//! The options object handed to ECharts, built from charming's typed components.
//!
//! Why not `charming::Chart`: its serialiser covers every component and every series
//! type ECharts has (3D, geo, graph, sankey …), and all of that code lands in the
//! wasm bundle even though the app draws bars and lines only (measured: +380 KB gzip).
//! This struct names the parts we use; each part is still charming's own type.

use charming::component::{Axis, Grid, Legend};
use charming::element::{Color, Tooltip};
use charming::series::{Bar, Line};
use serde::Serialize;

/// A series the app draws.
// A few per chart, built once per drawing: boxing the larger variant buys nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Clone, Debug)]
#[serde(untagged)]
pub enum Series {
    Bar(Bar),
    Line(Line),
}

impl From<Bar> for Series {
    fn from(bar: Bar) -> Self {
        Series::Bar(bar)
    }
}

impl From<Line> for Series {
    fn from(line: Line) -> Self {
        Series::Line(line)
    }
}

/// One chart's options, built like `charming::Chart`.
#[derive(Serialize, Clone, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub struct ChartOptions {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    color: Vec<Color>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tooltip: Option<Tooltip>,
    #[serde(skip_serializing_if = "Option::is_none")]
    legend: Option<Legend>,
    #[serde(skip_serializing_if = "Option::is_none")]
    grid: Option<Grid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    x_axis: Option<Axis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    y_axis: Option<Axis>,
    series: Vec<Series>,
}

impl ChartOptions {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn color(mut self, colors: Vec<Color>) -> Self {
        self.color = colors;
        self
    }

    pub fn tooltip(mut self, tooltip: Tooltip) -> Self {
        self.tooltip = Some(tooltip);
        self
    }

    pub fn legend(mut self, legend: Legend) -> Self {
        self.legend = Some(legend);
        self
    }

    pub fn grid(mut self, grid: Grid) -> Self {
        self.grid = Some(grid);
        self
    }

    pub fn x_axis(mut self, axis: Axis) -> Self {
        self.x_axis = Some(axis);
        self
    }

    pub fn y_axis(mut self, axis: Axis) -> Self {
        self.y_axis = Some(axis);
        self
    }

    pub fn series(mut self, series: impl Into<Series>) -> Self {
        self.series.push(series.into());
        self
    }
}
