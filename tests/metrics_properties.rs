//! Property tests of the metrics engine's invariants on random workspaces.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::Days;
use pipewright::domain::metrics::{Dashboard, ForecastSummary, Period};
use pipewright::domain::*;
use proptest::prelude::*;
use support::{d, Fixture};

/// One random deal story: created on a day in a stage, moved a few times, maybe closed.
#[derive(Clone, Debug)]
struct Story {
    created: u64,
    stage: usize,
    value: i64,
    moves: Vec<(u64, usize)>,
    close: Option<(u64, bool)>,
    expected_close: Option<u64>,
    override_p: Option<u8>,
}

fn story() -> impl Strategy<Value = Story> {
    (
        0u64..300,
        0usize..5,
        0i64..5_000_000,
        prop::collection::vec((0u64..30, 0usize..5), 0..4),
        prop::option::of((0u64..60, any::<bool>())),
        prop::option::of(0u64..210),
        prop::option::of(0u8..=100),
    )
        .prop_map(
            |(created, stage, value, moves, close, expected_close, override_p)| Story {
                created,
                stage,
                value,
                moves,
                close,
                expected_close,
                override_p,
            },
        )
}

fn build(stories: &[Story]) -> (Workspace, chrono::NaiveDate) {
    let start = d(2025, 9, 1);
    let today = d(2026, 7, 1);
    let mut f = Fixture::new();
    for s in stories {
        let mut day = start + Days::new(s.created);
        let id = f.deal(s.stage, s.value, day);
        let close_on = s
            .expected_close
            .map(|k| today - Days::new(60) + Days::new(k));
        let over = s.override_p;
        f.edit(id, |dr| {
            dr.expected_close = close_on;
            dr.probability_override = over;
        });
        for (gap, stage) in &s.moves {
            day = (day + Days::new(*gap)).min(today);
            f.to(id, *stage, day);
        }
        if let Some((gap, won)) = s.close {
            day = (day + Days::new(gap)).min(today);
            if won {
                f.win(id, day)
            } else {
                f.lose(id, "Price", day)
            }
        }
    }
    (f.ws, today)
}

fn in_unit(x: Option<f64>) -> bool {
    x.is_none_or(|x| (0.0..=1.0).contains(&x))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn invariants_hold(stories in prop::collection::vec(story(), 0..40)) {
        let (ws, today) = build(&stories);
        let period = Period::last_days(today, 120);
        let dash = Dashboard::compute(&ws, ws.pipelines[0].id, period, today).expect("pipeline exists");
        let fv = ForecastSummary::compute(&ws, Some(ws.pipelines[0].id), today);
        // Rates are fractions between 0 and 1.
        prop_assert!(in_unit(dash.closed.win_rate));
        prop_assert!(in_unit(dash.closed.win_rate_by_value));
        for s in &dash.flow.stages {
            prop_assert!(in_unit(s.next_step) && in_unit(s.cumulative));
        }
        for l in &fv.learned {
            prop_assert!(in_unit(l.learned));
        }
        // Cumulative conversion never rises from one stage to the next.
        for pair in dash.flow.stages.windows(2) {
            prop_assert!(pair[1].reached <= pair[0].reached);
            prop_assert!(pair[1].cumulative.unwrap_or(0.0) <= pair[0].cumulative.unwrap_or(0.0) + 1e-12);
        }
        // Weighted pipeline ≤ pipeline value.
        prop_assert!(dash.open.weighted <= dash.open.value);
        let stage_sum: i64 = dash.open.stages.iter().map(|s| s.value.0).sum();
        prop_assert_eq!(stage_sum, dash.open.value.0);
        // Monthly buckets + slipped = weighted value of open deals with a close date
        // (all generated dates fall inside the six months); each bucket rounds once.
        let exact: i128 = ws.deals.values()
            .filter(|x| x.status == DealStatus::Open && x.expected_close.is_some())
            .map(|x| x.value.0 as i128 * ws.probability(x) as i128)
            .sum();
        let buckets: i64 = fv.forecast.months.iter().map(|m| m.weighted.0).sum::<i64>() + fv.forecast.slipped_weighted.0;
        prop_assert!((buckets as i128 * 100 - exact).abs() <= 7 * 50, "buckets {} vs exact {}/100", buckets, exact);
        // Retention and MAPE are fractions too (MAPE may exceed 1, but never below 0).
        prop_assert!(fv.backtest.mape.is_none_or(|m| m >= 0.0));
        prop_assert!(dash.trend.projection.iter().all(|(_, v)| *v >= 0.0));
    }
}
