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

/// A wider story: any of several pipelines, values up to the amount cap, a reopen after
/// the close, an organization that may churn, and leads some of which convert.
#[derive(Clone, Debug)]
struct WideStory {
    base: Story,
    pipeline: usize,
    reopen_after: Option<u64>,
    organization: Option<(usize, Option<u64>)>,
    lead: Option<bool>,
    /// A move recorded after the others but dated earlier (another device's clock, an
    /// import): rule 27 orders the log by date.
    late_move: Option<(u64, usize)>,
}

fn wide_story() -> impl Strategy<Value = WideStory> {
    (
        story(),
        0usize..3,
        0i64..=Money::MAX_AMOUNT,
        prop::option::of(0u64..40),
        prop::option::of((0usize..6, prop::option::of(0u64..300))),
        prop::option::of(any::<bool>()),
        prop::option::of((0u64..20, 0usize..5)),
    )
        .prop_map(
            |(mut base, pipeline, value, reopen_after, organization, lead, late_move)| {
                base.value = value;
                WideStory {
                    base,
                    pipeline,
                    reopen_after,
                    organization,
                    lead,
                    late_move,
                }
            },
        )
}

/// Builds the workspace; returns it with today.
fn build_wide(stories: &[WideStory]) -> (Workspace, chrono::NaiveDate) {
    let start = d(2025, 9, 1);
    let today = d(2026, 7, 1);
    let mut f = Fixture::new();
    let extra: Vec<PipelineId> = (0..2)
        .map(|i| f.add_pipeline(&format!("Pipeline {i}"), start))
        .collect();
    let orgs: Vec<OrganizationId> = (0..6)
        .map(|i| f.organization(&format!("Org {i}"), start))
        .collect();
    for s in stories {
        let b = &s.base;
        let mut day = start + Days::new(b.created);
        let pipeline = match s.pipeline {
            0 => f.pipeline(),
            n => extra[n - 1],
        };
        let stage_of =
            |f: &Fixture, i: usize| f.ws.pipeline(pipeline).expect("pipeline").stages[i].id;
        let id = f.deal_in(stage_of(&f, b.stage), b.value, day);
        let org = s.organization.map(|(o, _)| orgs[o]);
        f.edit(id, |dr| {
            dr.organization = org;
            dr.probability_override = b.override_p;
        });
        for (gap, stage) in &b.moves {
            day = (day + Days::new(*gap)).min(today);
            let stage = stage_of(&f, *stage);
            f.run(
                Command::MoveDeal {
                    deal: id,
                    stage,
                    before: None,
                },
                day,
            );
        }
        if let Some((gap, won)) = b.close {
            day = (day + Days::new(gap)).min(today);
            if won {
                f.win(id, day)
            } else {
                f.lose(id, if b.value % 2 == 0 { "Price" } else { "Timing" }, day)
            }
            if let Some(after) = s.reopen_after {
                day = (day + Days::new(after)).min(today);
                f.reopen(id, day);
            }
        }
        if let Some((days, stage)) = s.late_move {
            let open = f.ws.deal(id).is_ok_and(|x| x.status == DealStatus::Open);
            if open {
                let early = start + Days::new(b.created + days.min(1));
                let stage = stage_of(&f, stage);
                f.run(
                    Command::MoveDeal {
                        deal: id,
                        stage,
                        before: None,
                    },
                    early,
                );
            }
        }
        if let Some((o, Some(churn))) = s.organization {
            let churned_on = Some((start + Days::new(churn)).min(today));
            f.run(
                Command::SetChurn {
                    organization: orgs[o],
                    churned_on,
                },
                day,
            );
        }
        if let Some(converts) = s.lead {
            let lead = f.lead(day);
            if converts {
                let stage = stage_of(&f, 0);
                f.run(
                    Command::ConvertLead {
                        lead,
                        title: "From lead".into(),
                        value: Money(100),
                        stage,
                    },
                    day,
                );
            }
        }
    }
    (f.ws, today)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn invariants_hold_across_pipelines_reopens_churn_and_random_periods(
        stories in prop::collection::vec(wide_story(), 0..30),
        period_start in 0u64..300,
        period_days in 1u64..200,
        chosen in 0usize..3,
    ) {
        let (ws, today) = build_wide(&stories);
        let start = d(2025, 9, 1) + Days::new(period_start);
        let period = Period::new(start, (start + Days::new(period_days - 1)).min(today).max(start));
        let pipeline = ws.pipelines[chosen].id;
        let dash = Dashboard::compute(&ws, pipeline, period, today).expect("pipeline exists");
        // Reached at the first stage is the whole cohort (rule 5: a deal created in a
        // later stage has reached the first).
        prop_assert_eq!(dash.flow.stages[0].reached, dash.flow.cohort);
        // Won and lost equal a count made here from the deals themselves (rule 2: by
        // current status and closed date).
        let closed_in = |status: DealStatus| ws.deals.values()
            .filter(|x| x.pipeline == pipeline && x.status == status)
            .filter(|x| x.closed_on.is_some_and(|c| period.contains(c)))
            .count();
        prop_assert_eq!(dash.closed.won, closed_in(DealStatus::Won));
        prop_assert_eq!(dash.closed.lost, closed_in(DealStatus::Lost));
        // Lost reasons account for every lost deal.
        prop_assert_eq!(dash.closed.lost_reasons.iter().map(|r| r.count).sum::<usize>(), dash.closed.lost);
        // Rates stay fractions; retention and lead conversion too.
        prop_assert!(in_unit(dash.closed.win_rate) && in_unit(dash.closed.win_rate_by_value));
        prop_assert!(in_unit(dash.retention.rate) && in_unit(dash.retention_previous.rate));
        prop_assert!(in_unit(dash.leads.rate) && in_unit(dash.leads_previous.rate));
        prop_assert!(dash.retention.retained <= dash.retention.at_start.min(dash.retention.at_end));
        // Every stay is non-negative; totals stay exact and non-negative up to the cap.
        for s in &dash.flow.stages {
            prop_assert!(s.mean_days_in_stage.is_none_or(|m| m >= 0.0));
            prop_assert!(in_unit(s.decided_rate()));
        }
        prop_assert!(dash.open.value.0 >= 0 && dash.open.weighted <= dash.open.value);
    }

    #[test]
    fn the_order_the_log_was_recorded_in_changes_no_figure(
        stories in prop::collection::vec(wide_story(), 0..20),
        period_start in 0u64..300,
    ) {
        // Rule 27: figures depend on each entry's date (and, within a day, the recorded
        // order), never on where an entry sits in the log otherwise.
        let (ws, today) = build_wide(&stories);
        let mut shuffled = ws.clone();
        let mut entries: Vec<LogEntry> = shuffled.log.iter().copied().collect();
        // Later days first, deals interleaved differently; same-day order kept (stable).
        pipewright::domain::support::sorting::sort_by_key(&mut entries, |e| {
            (std::cmp::Reverse(e.on), std::cmp::Reverse(e.deal))
        });
        shuffled.log = entries.into_iter().collect();
        let start = d(2025, 9, 1) + Days::new(period_start);
        let period = Period::new(start, (start + Days::new(89)).min(today).max(start));
        for pipeline in ws.pipelines.iter().map(|p| p.id) {
            let a = Dashboard::compute(&ws, pipeline, period, today);
            let b = Dashboard::compute(&shuffled, pipeline, period, today);
            prop_assert_eq!(a, b);
        }
        prop_assert_eq!(
            ForecastSummary::compute(&ws, None, today),
            ForecastSummary::compute(&shuffled, None, today)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_learned_forecast_is_never_negative_and_its_months_make_its_total(
        stories in prop::collection::vec(wide_story(), 30..60),
    ) {
        let (ws, today) = build_wide(&stories);
        let summary = ForecastSummary::compute(&ws, None, today);
        if let Ok(learned) = &summary.learned_forecast {
            prop_assert!(learned.closed_deals >= pipewright::domain::metrics::learned::MIN_CLOSED_DEALS);
            prop_assert!(learned.months.iter().all(|m| m.open_deals.0 >= 0 && m.new_deals.0 >= 0));
            let months: i64 = learned.months.iter().map(|m| m.total().0).sum();
            prop_assert_eq!(months, learned.total().0);
            // Each month's likely range: nothing won at least, its low end below its high.
            for m in &learned.months {
                let likely = m.likely;
                prop_assert!(0 <= likely.low.0 && likely.low <= likely.high, "{:?}", m);
            }
            // A deal's chances over the months add up to at most 1 (each month rounds once).
            let open_value: i64 = ws.deals.values()
                .filter(|x| x.status == DealStatus::Open)
                .map(|x| x.value.0)
                .sum();
            let from_open: i64 = learned.months.iter().map(|m| m.open_deals.0).sum();
            prop_assert!(from_open <= open_value + 6, "{} from open deals worth {}", from_open, open_value);
        }
        prop_assert!(summary.learned_backtest.mape.is_none_or(|m| m >= 0.0));
        prop_assert!(summary.learned_backtest.months.iter().all(|m| m.forecast.0 >= 0));
        // Rule 27: the log's recorded order (apart from same-day order) changes nothing.
        let mut shuffled = ws.clone();
        let mut entries: Vec<LogEntry> = shuffled.log.iter().copied().collect();
        pipewright::domain::support::sorting::sort_by_key(&mut entries, |e| {
            (std::cmp::Reverse(e.on), std::cmp::Reverse(e.deal))
        });
        shuffled.log = entries.into_iter().collect();
        prop_assert_eq!(summary, ForecastSummary::compute(&shuffled, None, today));
    }
}
