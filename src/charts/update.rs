//! How a drawn chart takes new options: not at all when they are the same, merged into
//! the chart (ECharts keeps its views and animates the data) when only values changed,
//! rebuilt when the structure changed (a series, an axis or a setting came or went,
//! which a merge would keep).

use serde_json::Value;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChartUpdate {
    Unchanged,
    Merge,
    Rebuild,
}

/// The options as last drawn, to compare the next ones with.
#[derive(Clone, Debug, Default)]
pub struct DrawnOptions {
    text: String,
    shape: String,
}

impl DrawnOptions {
    /// The options last taken, as JSON text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// What drawing `next` takes, and remembers it as drawn.
    pub fn update_to(&mut self, next: &Value) -> ChartUpdate {
        let text = next.to_string();
        if text == self.text {
            return ChartUpdate::Unchanged;
        }
        let shape = shape(next);
        let update = if self.text.is_empty() || shape != self.shape {
            ChartUpdate::Rebuild
        } else {
            ChartUpdate::Merge
        };
        self.text = text;
        self.shape = shape;
        update
    }
}

/// The options' structure without their values: every object's keys (with their
/// shapes), and the length of the top-level arrays of components (ECharts merges
/// components by position, and replaces any other array whole).
fn shape(options: &Value) -> String {
    let mut out = String::new();
    write_shape(options, &mut out, 0);
    out
}

/// `depth` 1 is a component (`series`, `xAxis` …) of the options at depth 0.
fn write_shape(value: &Value, out: &mut String, depth: usize) {
    match value {
        Value::Object(map) => {
            out.push('{');
            for (key, child) in map {
                out.push_str(key);
                out.push(':');
                write_shape(child, out, depth + 1);
                out.push(',');
            }
            out.push('}');
        }
        Value::Array(items) if depth == 1 => {
            out.push('[');
            for item in items {
                write_shape(item, out, depth + 1);
            }
            out.push(']');
        }
        Value::Array(_) => out.push_str("[]"),
        _ => out.push('.'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn after(first: Value, next: Value) -> ChartUpdate {
        let mut drawn = DrawnOptions::default();
        assert_eq!(
            drawn.update_to(&first),
            ChartUpdate::Rebuild,
            "the first drawing builds the chart"
        );
        drawn.update_to(&next)
    }

    #[test]
    fn the_same_options_are_not_drawn_again() {
        let o = json!({"series": [{"type": "bar", "data": [1, 2]}]});
        assert_eq!(after(o.clone(), o), ChartUpdate::Unchanged);
    }

    #[test]
    fn new_values_merge_into_the_chart() {
        let a = json!({"xAxis": {"data": ["Jan", "Feb"]}, "series": [{"type": "bar", "name": "Won", "data": [1, 2]}]});
        let b = json!({"xAxis": {"data": ["Jan", "Feb", "Mar"]}, "series": [{"type": "bar", "name": "Won", "data": [3, 2, 5]}]});
        assert_eq!(after(a, b), ChartUpdate::Merge);
    }

    #[test]
    fn a_series_more_or_less_rebuilds() {
        let one = json!({"series": [{"type": "bar", "data": [1]}]});
        let two = json!({"series": [{"type": "bar", "data": [1]}, {"type": "line", "data": [2]}]});
        assert_eq!(after(two.clone(), one.clone()), ChartUpdate::Rebuild);
        assert_eq!(after(one, two), ChartUpdate::Rebuild);
    }

    #[test]
    fn a_setting_that_comes_or_goes_rebuilds() {
        let plain = json!({"series": [{"type": "line", "data": [1]}]});
        let marked = json!({"series": [{"type": "line", "data": [1], "markLine": {"data": [{"yAxis": 5}]}}]});
        assert_eq!(after(marked.clone(), plain.clone()), ChartUpdate::Rebuild);
        assert_eq!(after(plain, marked), ChartUpdate::Rebuild);
    }

    #[test]
    fn data_points_as_objects_are_values_not_structure() {
        let a = json!({"series": [{"type": "bar", "data": [{"value": 1, "itemStyle": {"color": "red"}}]}]});
        let b = json!({"series": [{"type": "bar", "data": [{"value": 2}, {"value": 3}]}]});
        assert_eq!(after(a, b), ChartUpdate::Merge);
    }
}
