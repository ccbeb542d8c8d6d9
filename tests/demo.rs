//! The demo generator: deterministic, realistic, and every dashboard figure is
//! meaningful with it.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use pipewright::domain::demo::{demo_workspace, DemoSize};
use pipewright::domain::metrics::closed::closed_metrics;
use pipewright::domain::metrics::{Dashboard, ForecastSummary, Period};
use pipewright::domain::*;
use pipewright::storage::{decode, encode};
use std::collections::HashMap;
use support::d;

#[test]
fn the_same_seed_gives_the_same_workspace_and_another_seed_another() {
    let today = d(2026, 11, 27);
    let a = demo_workspace(DemoSize::Standard, 7, today);
    assert_eq!(a, demo_workspace(DemoSize::Standard, 7, today));
    assert_ne!(a, demo_workspace(DemoSize::Standard, 8, today));
}

#[test]
fn demo_data_is_valid_stored_data() {
    let ws = demo_workspace(DemoSize::Standard, 1, d(2026, 11, 27));
    assert_eq!(decode(&encode(&ws)), Ok(ws));
}

#[test]
fn the_standard_demo_looks_like_a_real_team() {
    let today = d(2026, 11, 27);
    let ws = demo_workspace(DemoSize::Standard, 1, today);
    assert_eq!(ws.deals.len(), 300);
    assert!(
        (150..=260).contains(&ws.leads.len()),
        "about 200 leads, got {}",
        ws.leads.len()
    );
    // Every stage holds open deals.
    for stage in &ws.pipelines[0].stages {
        let open = ws
            .deals
            .values()
            .filter(|x| x.stage == stage.id && x.status == DealStatus::Open)
            .count();
        assert!(open >= 3, "stage {} holds {open} open deals", stage.name);
    }
    // Leads in every status.
    for status in LeadStatus::ALL {
        assert!(
            ws.leads.values().any(|l| l.status == status),
            "no lead is {status:?}"
        );
    }
    // A few large deals, many small: the largest is far above the median.
    let mut values: Vec<i64> = ws.deals.values().map(|x| x.value.0).collect();
    pipewright::domain::support::sorting::sort(&mut values);
    assert!(values[values.len() - 1] > 8 * values[values.len() / 2]);
    // Win rates differ by source over the year.
    let year = Period::last_days(today, 365);
    let mut by_source: HashMap<String, (usize, usize)> = HashMap::new();
    for deal in ws
        .deals
        .values()
        .filter(|x| x.closed_on.is_some_and(|c| year.contains(c)))
    {
        let e = by_source.entry(deal.source.clone()).or_default();
        if deal.status == DealStatus::Won {
            e.0 += 1
        } else {
            e.1 += 1
        }
    }
    let rates: Vec<f64> = by_source
        .values()
        .map(|(w, l)| *w as f64 / (*w + *l) as f64)
        .collect();
    let spread = rates.iter().cloned().fold(f64::MIN, f64::max)
        - rates.iter().cloned().fold(f64::MAX, f64::min);
    assert!(
        spread > 0.15,
        "win rates by source should differ, spread {spread:.2}"
    );
    // Lost deals have reasons, and several distinct ones.
    let m = closed_metrics(&ws, None, year);
    assert!(m.lost_reasons.len() >= 4);
    // Some customers churned.
    assert!(ws.organizations.values().any(|o| o.churned_on.is_some()));
}

#[test]
fn every_dashboard_figure_is_meaningful_with_demo_data() {
    let today = d(2026, 11, 27);
    let ws = demo_workspace(DemoSize::Standard, 1, today);
    let dash = Dashboard::compute(&ws, ws.pipelines[0].id, Period::last_days(today, 90), today)
        .expect("pipeline");
    let in_open = |x: Option<f64>| x.is_some_and(|v| v > 0.0 && v < 1.0);
    assert!(
        in_open(dash.closed.win_rate),
        "win rate {:?}",
        dash.closed.win_rate
    );
    assert!(dash.closed.win_loss_ratio.is_some());
    assert!(dash.closed.average_deal_size.is_some_and(|v| v > 0.0));
    assert!(dash.closed.cycle_mean_days.is_some_and(|v| v > 10.0));
    assert!(dash.velocity.is_some_and(|v| v > 0.0));
    assert!(
        in_open(dash.leads.rate),
        "lead conversion {:?}",
        dash.leads.rate
    );
    assert!(
        dash.retention.rate.is_some_and(|r| r > 0.0),
        "retention {:?}",
        dash.retention
    );
    assert!(dash.flow.conversion_bottleneck.is_some() && dash.flow.time_bottleneck.is_some());
    assert!(!dash.open.rotting.is_empty() && !dash.open.slipped.is_empty());
    assert!(dash.follow_ups.total() > 0);
    assert!(dash.trend.history.iter().filter(|(_, v)| v.0 > 0).count() >= 10);
    let forecast = ForecastSummary::compute(&ws, None, today);
    // Sellers date deals optimistically, within about a pipeline's cycle: the weighted
    // forecast fills the near months; the learned one, which needs no dates, all six.
    assert!(forecast.forecast.months[..3]
        .iter()
        .all(|m| m.weighted.0 > 0));
    let learned = forecast.learned_forecast.as_ref().expect("enough history");
    assert!(learned.months.iter().all(|m| m.total().0 > 0));
    assert!(
        forecast
            .learned
            .iter()
            .filter(|l| l.learned.is_some())
            .count()
            >= 3
    );
    assert!(forecast.backtest.mape.is_some());
    assert!(dash.closed_previous.win_rate.is_some());
}

#[test]
fn size_presets_scale() {
    let today = d(2026, 11, 27);
    let ws = demo_workspace(DemoSize::Huge, 3, today);
    assert_eq!(ws.deals.len(), 10_000);
    assert!(ws.log.len() > 25_000, "log has {} entries", ws.log.len());
}

#[test]
fn every_stage_holds_open_deals_whatever_the_seed_and_day() {
    for (seed, day) in [
        (42, d(2026, 11, 27)),
        (1, d(2025, 2, 3)),
        (7, d(2027, 6, 30)),
        (1234, d(2026, 1, 1)),
    ] {
        let ws = demo_workspace(DemoSize::Standard, seed, day);
        for stage in &ws.pipelines[0].stages {
            let open = ws
                .deals
                .values()
                .filter(|x| x.stage == stage.id && x.status == DealStatus::Open)
                .count();
            assert!(
                open >= 4,
                "seed {seed}: stage {} holds {open} open deals",
                stage.name
            );
        }
        assert_eq!(
            decode(&encode(&ws)),
            Ok(ws.clone()),
            "seed {seed}: valid stored data"
        );
    }
}

#[test]
fn every_size_holds_the_hard_cases() {
    // A second pipeline, deals moved between pipelines, reopened deals and values that do
    // not divide evenly, in every preset, so every figure meets them in demos and tests.
    let today = d(2026, 11, 27);
    for size in [DemoSize::Standard, DemoSize::Large, DemoSize::Huge] {
        let ws = demo_workspace(size, 42, today);
        assert_eq!(ws.pipelines.len(), 2, "{size:?}");
        let expansion = ws.pipelines[1].id;
        let in_expansion = |stage: StageId| ws.pipelines[1].stages.iter().any(|s| s.id == stage);
        assert!(
            ws.deals
                .values()
                .filter(|x| x.pipeline == expansion)
                .count()
                >= size.deals() / 10
        );
        let moved = ws
            .deals
            .values()
            .filter(|x| x.pipeline == expansion)
            .filter(|x| {
                ws.log.iter().any(|e| {
                    e.deal == x.id
                        && matches!(e.event, DealEvent::EnteredStage(s) if !in_expansion(s))
                })
            })
            .count();
        assert!(
            moved >= 2,
            "{size:?}: {moved} deals moved between pipelines"
        );
        let reopened = ws
            .log
            .iter()
            .filter(|e| e.event == DealEvent::Reopened)
            .count();
        assert!(reopened >= 3, "{size:?}: {reopened} reopened");
        // Some reopened deals were won in the end.
        assert!(ws.deals.values().any(|x| x.status == DealStatus::Won
            && ws
                .log
                .iter()
                .any(|e| e.deal == x.id && e.event == DealEvent::Reopened)));
        let odd = ws.deals.values().filter(|x| x.value.0 % 100 != 0).count();
        assert!(
            odd >= size.deals() / 20,
            "{size:?}: {odd} values with cents"
        );
        // Both pipelines' stages hold open deals.
        for stage in ws.pipelines.iter().flat_map(|p| &p.stages) {
            assert!(
                ws.deals
                    .values()
                    .any(|x| x.stage == stage.id && x.status == DealStatus::Open),
                "{size:?}: {} holds no open deal",
                stage.name
            );
        }
    }
}
