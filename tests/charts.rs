//! Chart options built natively and checked as JSON: the data points are the metrics,
//! and no text can ever be rendered as HTML.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use pipewright::charts::{dashboard, forecast, to_options, Palette};
use pipewright::domain::metrics::{Dashboard, ForecastSummary, Period};
use pipewright::domain::model::money;
use pipewright::domain::*;
use support::{d, Fixture};

/// Each colour is the custom property it is read from, so a test sees which role a
/// chart gave each part.
fn palette() -> Palette {
    Palette::from_properties(|name| format!("var({name})"))
}

fn sample() -> (Fixture, Dashboard) {
    let mut f = Fixture::new();
    let today = d(2026, 6, 15);
    let a = f.deal(0, 100_000, d(2026, 5, 1));
    f.to(a, 2, d(2026, 5, 5));
    f.win(a, d(2026, 5, 20));
    let b = f.deal(0, 50_000, d(2026, 5, 2));
    f.lose(b, "<img src=x onerror=alert(1)>", d(2026, 5, 9));
    let c = f.deal(1, 70_000, d(2026, 6, 1));
    f.edit(c, |dr| dr.expected_close = Some(d(2026, 7, 10)));
    let mut settings = f.ws.settings.clone();
    settings.monthly_goal = Some(Money(250_000));
    f.run(Command::UpdateSettings(settings), today);
    let dash = Dashboard::compute(&f.ws, f.pipeline(), Period::last_days(today, 90), today)
        .expect("pipeline");
    (f, dash)
}

#[test]
fn the_funnel_chart_plots_deals_reached_per_stage() {
    let (_, dash) = sample();
    let o = to_options(&dashboard::funnel(&dash, &palette()));
    let values: Vec<i64> = o["series"][0]["data"]
        .as_array()
        .expect("data")
        .iter()
        .map(|p| p["value"].as_i64().expect("int"))
        .collect();
    // a reached 0..=4 (won), b reached 0, c reached 0 and 1 (created into stage 1).
    assert_eq!(values, vec![3, 2, 1, 1, 1]);
    let labels = o["yAxis"]["data"].as_array().expect("labels");
    assert_eq!(labels[0], "Qualified\n100 % of cohort · 67 % to next");
    assert_eq!(o["tooltip"]["renderMode"], "richText");
}

#[test]
fn won_lost_and_revenue_charts_follow_the_months() {
    let (_, dash) = sample();
    let o = to_options(&dashboard::won_lost_by_month(&dash, &palette()));
    let won: Vec<i64> = o["series"][0]["data"]
        .as_array()
        .expect("won")
        .iter()
        .map(|v| v.as_i64().expect("int"))
        .collect();
    let lost: Vec<i64> = o["series"][1]["data"]
        .as_array()
        .expect("lost")
        .iter()
        .map(|v| v.as_i64().expect("int"))
        .collect();
    assert_eq!(won.len(), 12);
    assert_eq!((won[10], lost[10]), (1, 1), "May 2026");
    assert_eq!(o["xAxis"]["data"][10], "May 2026");
    assert_eq!(o["series"][0]["itemStyle"]["color"], palette().good);

    let r = to_options(&dashboard::revenue_with_trend(&dash, &palette()));
    let bars = r["series"][0]["data"].as_array().expect("bars");
    assert_eq!(bars.len(), 13, "12 complete months and the current one");
    assert_eq!(bars[11], 1000.0, "May 2026 won $1,000");
    assert_eq!(
        r["series"][0]["markLine"]["data"][0]["yAxis"], 2500.0,
        "the goal"
    );
    assert_eq!(r["series"][1]["data"].as_array().expect("trend").len(), 15);
    // The goal is above every bar: the axis reaches past it (to a round 5,000), so its
    // line is drawn; without a goal above the data the axis is left to ECharts.
    assert_eq!(r["yAxis"]["max"], 5000.0);
    let mut low = dash.clone();
    low.goal = Some(Money(10_000));
    let r = to_options(&dashboard::revenue_with_trend(&low, &palette()));
    assert!(r["yAxis"].get("max").is_none_or(|m| m.is_null()));
    assert_eq!(pipewright::charts::nice_ceiling(2625.0), 5000.0);
    assert_eq!(pipewright::charts::nice_ceiling(180.0), 200.0);
    assert_eq!(pipewright::charts::nice_ceiling(2.4), 2.5);
}

#[test]
fn names_that_look_like_markup_stay_plain_data() {
    let (_, dash) = sample();
    let o = to_options(&dashboard::lost_reasons(&dash, &palette()));
    assert_eq!(o["yAxis"]["data"][0], "<img src=x onerror=alert(1)>");
    assert_eq!(o["tooltip"]["renderMode"], "richText");
    assert!(o["series"][0].get("tooltip").is_none());
    // No chart sets a formatter function or HTML anywhere.
    let text = o.to_string();
    assert!(!text.contains("formatter\":\"function"));
}

#[test]
fn empty_charts_say_why() {
    let ws = Workspace::new();
    let today = d(2026, 6, 15);
    let dash = Dashboard::compute(&ws, ws.pipelines[0].id, Period::last_days(today, 90), today)
        .expect("pipeline");
    for chart in dashboard::DashboardChart::ALL {
        assert!(
            chart.empty_reason(&dash).is_some(),
            "{} should explain that it is empty",
            chart.id()
        );
        assert!(chart.options(&dash, &palette()).is_err());
    }
    let (_, full) = sample();
    // The sample has deals of every kind but no leads.
    for chart in dashboard::DashboardChart::ALL {
        let expected = (chart == dashboard::DashboardChart::LeadSources)
            .then_some("No leads were created in the period.");
        assert_eq!(chart.empty_reason(&full), expected, "{}", chart.id());
    }
    let summary = ForecastSummary::compute(&ws, None, today);
    for chart in forecast::ForecastChart::ALL {
        assert!(
            chart.empty_reason(&summary).is_some(),
            "{} should explain that it is empty",
            chart.id()
        );
    }
}

#[test]
fn the_forecast_chart_stacks_categories_after_the_slipped_column() {
    let (f, _) = sample();
    let view = ForecastSummary::compute(&f.ws, Some(f.pipeline()), d(2026, 6, 15));
    let o = to_options(&forecast::by_category(&view, &palette()));
    assert_eq!(o["xAxis"]["data"][0], "Slipped");
    assert_eq!(o["xAxis"]["data"][1], "Jun 2026");
    // c: $700 at 20 % in July → pipeline category, full value.
    assert_eq!(o["series"][3]["name"], "Pipeline (< 50 %)");
    assert_eq!(o["series"][3]["data"][2], 700.0);
    assert_eq!(o["series"][4]["data"][2], 140.0, "weighted + won line");
    assert_eq!(o["series"][0]["stack"], "f");
    let b = to_options(&forecast::backtest(&view, &palette()));
    // Each method's forecast on the 1st, then what was won.
    assert!(b["series"][0]["name"]
        .as_str()
        .is_some_and(|n| n.starts_with("Weighted")));
    assert!(b["series"][1]["name"]
        .as_str()
        .is_some_and(|n| n.starts_with("Learned")));
    assert_eq!(b["series"][2]["name"], "Actually won");
    assert_eq!(b["series"][2]["data"].as_array().expect("actual").len(), 6);
}

#[test]
fn amounts_on_axes_follow_the_currency() {
    let (mut f, _) = sample();
    let today = d(2026, 6, 15);
    let mut settings = f.ws.settings.clone();
    settings.currency = money::Currency::from_code("JPY").expect("JPY is known");
    f.run(Command::UpdateSettings(settings), today);
    let dash = Dashboard::compute(&f.ws, f.pipeline(), Period::last_days(today, 90), today)
        .expect("pipeline");
    // The same stored 100,000 minor units are ¥100,000, not ¥1,000.
    let r = to_options(&dashboard::revenue_with_trend(&dash, &palette()));
    assert_eq!(r["series"][0]["data"][11], 100_000.0);
    assert_eq!(r["series"][0]["markLine"]["data"][0]["yAxis"], 250_000.0);
    let view = ForecastSummary::compute(&f.ws, None, today);
    let t = to_options(&forecast::trend(&view, &palette()));
    assert_eq!(t["series"][0]["data"][11], 100_000.0, "May 2026");
    let b = to_options(&forecast::backtest(&view, &palette()));
    let actual = b["series"][2]["data"].as_array().expect("actual");
    assert!(actual.contains(&serde_json::json!(100_000.0)), "{actual:?}");
}

/// The 300-deal demo team as it stands on `today`.
fn demo(today: chrono::NaiveDate) -> Workspace {
    pipewright::domain::demo::demo_workspace(
        pipewright::domain::demo::DemoSize::Standard,
        42,
        today,
    )
}

#[test]
fn the_main_forecast_chart_follows_the_chosen_method() {
    let today = d(2026, 6, 15);
    let mut ws = demo(today);
    let weighted = ForecastSummary::compute(&ws, None, today);
    let o = to_options(&forecast::by_category(&weighted, &palette()));
    assert_eq!(o["xAxis"]["data"][0], "Slipped");
    // The learned forecast as a line beside the weighted bars, with no slipped figure.
    assert_eq!(o["series"][5]["name"], "Learned forecast + won");
    assert!(o["series"][5]["data"][0].is_null());
    ws.settings.forecast_method = ForecastMethod::Learned;
    let learned = ForecastSummary::compute(&ws, None, today);
    let months = learned
        .learned_in_use()
        .expect("the demo has history")
        .months
        .clone();
    let o = to_options(&forecast::by_category(&learned, &palette()));
    assert_eq!(o["xAxis"]["data"][0], "Jun 2026");
    assert_eq!(o["series"][1]["name"], "Open deals (learned)");
    assert_eq!(
        o["series"][1]["data"][1],
        months[1].open_deals.0 as f64 / 100.0
    );
    assert_eq!(
        o["series"][2]["data"][3],
        months[3].new_deals.0 as f64 / 100.0
    );
    assert_eq!(o["series"][3]["name"], "Weighted forecast + won");
}

/// ECharts draws a line's points and legend key in a colour of its own palette unless
/// told: the legend would then show one line in another's colour.
#[test]
fn each_line_is_one_colour_in_the_plot_and_the_legend() {
    let today = d(2026, 6, 15);
    let mut ws = demo(today);
    let mut charts = Vec::new();
    for method in [ForecastMethod::Weighted, ForecastMethod::Learned] {
        ws.settings.forecast_method = method;
        let view = ForecastSummary::compute(&ws, None, today);
        charts.push(to_options(&forecast::by_category(&view, &palette())));
        charts.push(to_options(&forecast::trend(&view, &palette())));
    }
    let mut lines = Vec::new();
    for o in &charts {
        for series in o["series"].as_array().expect("series") {
            if series["type"] == "line" {
                assert_eq!(
                    series["itemStyle"]["color"], series["lineStyle"]["color"],
                    "{}",
                    series["name"]
                );
                lines.push((series["name"].clone(), series["lineStyle"]["color"].clone()));
            }
        }
    }
    let colour_of = |name: &str| {
        (lines.iter())
            .find(|(n, _)| n == name)
            .map(|(_, c)| c.clone())
            .expect(name)
    };
    assert_eq!(colour_of("Weighted forecast + won"), "var(--text)");
    assert_eq!(colour_of("Learned forecast + won"), "var(--accent)");
    assert_eq!(colour_of("Trend"), "var(--accent)");
}
