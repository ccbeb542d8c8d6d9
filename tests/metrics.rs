//! The metrics engine against docs/metrics.md, on small fixtures whose expected values are
//! worked out by hand in each test.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use pipewright::domain::metrics::closed::closed_metrics;
use pipewright::domain::metrics::customers::{follow_ups, lead_conversion, retention};
use pipewright::domain::metrics::flow::flow;
use pipewright::domain::metrics::forecast::{
    backtest, learned_probabilities, monthly_forecast, trend,
};
use pipewright::domain::metrics::index::LogIndex;
use pipewright::domain::metrics::learned::History;
use pipewright::domain::metrics::open::{open_pipeline, velocity};
use pipewright::domain::metrics::{ForecastSummary, Period};
use pipewright::domain::queries::forecast_board::{forecast_board, same_day_in};
use pipewright::domain::*;
use support::{backtest_months, d, Fixture};

fn approx(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

fn q2() -> Period {
    Period::new(d(2026, 4, 1), d(2026, 6, 30))
}

// ---------- closed deals ----------

#[test]
fn nothing_closed_gives_dashes_not_zeros() {
    let mut f = Fixture::new();
    f.deal(0, 1000, d(2026, 4, 2));
    let m = closed_metrics(&f.ws, None, q2());
    assert_eq!((m.won, m.lost), (0, 0));
    assert_eq!(m.win_rate, None);
    assert_eq!(m.win_rate_by_value, None);
    assert_eq!(m.win_loss_ratio, None);
    assert_eq!(m.average_deal_size, None);
    assert_eq!(m.cycle_mean_days, None);
    assert_eq!(m.cycle_median_days, None);
}

#[test]
fn closed_metrics_count_only_the_period_and_the_pipeline() {
    let mut f = Fixture::new();
    // Won in the period: values 100, 200, 300 with cycles 10, 20, 40 days.
    let a = f.deal(0, 100, d(2026, 4, 1));
    f.win(a, d(2026, 4, 11));
    let b = f.deal(1, 200, d(2026, 4, 1));
    f.win(b, d(2026, 4, 21));
    let c = f.deal(2, 300, d(2026, 4, 1));
    f.win(c, d(2026, 5, 11));
    // Lost in the period: Price ×2 (50 + 70), Timing ×2 (10 + 110), Budget ×1 (500).
    for (value, reason) in [
        (50, "Price"),
        (70, "Price"),
        (10, "Timing"),
        (110, "Timing"),
        (500, "Budget"),
    ] {
        let l = f.deal(0, value, d(2026, 4, 1));
        f.lose(l, reason, d(2026, 6, 30));
    }
    // Outside the period (closed 31 March) and won in another pipeline: not counted.
    let early = f.deal(0, 9999, d(2026, 3, 1));
    f.win(early, d(2026, 3, 31));
    let other_pipeline = f.add_pipeline("Partners", d(2026, 4, 1));
    let other_stage = f.ws.pipeline(other_pipeline).expect("exists").stages[0].id;
    let o = f.deal_in(other_stage, 7777, d(2026, 4, 1));
    f.win(o, d(2026, 4, 2));

    let m = closed_metrics(&f.ws, Some(f.pipeline()), q2());
    assert_eq!((m.won, m.lost), (3, 5));
    assert_eq!((m.won_value, m.lost_value), (Money(600), Money(740)));
    assert!(approx(m.win_rate, 3.0 / 8.0));
    assert!(approx(m.win_rate_by_value, 600.0 / 1340.0));
    assert!(approx(m.win_loss_ratio, 3.0 / 5.0));
    assert!(approx(m.average_deal_size, 200.0));
    assert!(approx(m.cycle_mean_days, 70.0 / 3.0));
    assert!(approx(m.cycle_median_days, 20.0));
    let reasons: Vec<(&str, usize, i64)> = m
        .lost_reasons
        .iter()
        .map(|r| (r.reason.as_str(), r.count, r.value.0))
        .collect();
    // Count first, then value (Price 120 ties Timing 120), then name.
    assert_eq!(
        reasons,
        vec![("Price", 2, 120), ("Timing", 2, 120), ("Budget", 1, 500)]
    );
    // All pipelines: the partner deal counts too.
    assert_eq!(closed_metrics(&f.ws, None, q2()).won, 4);
}

#[test]
fn no_lost_deal_means_full_win_rate_and_no_ratio() {
    let mut f = Fixture::new();
    let a = f.deal(0, 100, d(2026, 4, 1));
    f.win(a, d(2026, 4, 1));
    let m = closed_metrics(&f.ws, None, q2());
    assert!(approx(m.win_rate, 1.0));
    assert_eq!(m.win_loss_ratio, None);
    assert!(
        approx(m.cycle_mean_days, 0.0),
        "same-day close is a 0-day cycle"
    );
}

#[test]
fn a_close_dated_before_the_creation_is_a_zero_day_cycle() {
    // Another device's clock 3 days behind closes a deal created here today.
    let mut f = Fixture::new();
    let a = f.deal(0, 100, d(2026, 4, 10));
    f.win(a, d(2026, 4, 7));
    let b = f.deal(0, 100, d(2026, 4, 1));
    f.win(b, d(2026, 4, 11));
    let m = closed_metrics(&f.ws, None, q2());
    assert_eq!(m.won, 2);
    assert!(approx(m.cycle_mean_days, 5.0), "{:?}", m.cycle_mean_days);
    assert!(approx(m.cycle_median_days, 5.0));
}

#[test]
fn a_reopened_deal_counts_by_its_current_close_only() {
    let mut f = Fixture::new();
    let a = f.deal(0, 100, d(2026, 4, 1));
    f.lose(a, "Price", d(2026, 4, 10));
    f.reopen(a, d(2026, 4, 20));
    let m = closed_metrics(&f.ws, None, q2());
    assert_eq!(
        (m.won, m.lost),
        (0, 0),
        "an open deal's earlier close does not count"
    );
    f.win(a, d(2026, 5, 1));
    let m = closed_metrics(&f.ws, None, q2());
    assert_eq!((m.won, m.lost), (1, 0));
    assert!(
        approx(m.cycle_mean_days, 30.0),
        "the cycle still runs from created on"
    );
}

#[test]
fn an_empty_or_future_period_has_nothing_closed() {
    let mut f = Fixture::new();
    let a = f.deal(0, 100, d(2026, 4, 1));
    f.win(a, d(2026, 4, 2));
    let future = Period::new(d(2027, 1, 1), d(2027, 3, 31));
    assert_eq!(closed_metrics(&f.ws, None, future).win_rate, None);
    assert_eq!(
        flow(&f.ws, &LogIndex::new(&f.ws), &f.ws.pipelines[0], future).cohort,
        0
    );
}

// ---------- flow ----------

#[test]
fn the_funnel_follows_the_ordered_reached_rule() {
    let mut f = Fixture::new();
    let p = q2();
    // A: 0 → 2 → back to 1: reached 0, 1, 2 (moving back does not undo).
    let a = f.deal(0, 100, d(2026, 4, 1));
    f.to(a, 2, d(2026, 4, 5));
    f.to(a, 1, d(2026, 4, 9));
    // B: created straight into stage 1: in the cohort, reached 0 and 1.
    f.deal(1, 100, d(2026, 4, 2));
    // C: 0 → 3, won: reached every stage.
    let c = f.deal(0, 100, d(2026, 4, 3));
    f.to(c, 3, d(2026, 4, 4));
    f.win(c, d(2026, 7, 15)); // won after the period still counts (rule 6)
                              // E: 0, lost: reached stage 0 only.
    let e = f.deal(0, 100, d(2026, 4, 3));
    f.lose(e, "Price", d(2026, 4, 20));
    // Before the period: not in the cohort.
    f.deal(0, 100, d(2026, 3, 31));
    let today = d(2026, 7, 20);
    let _ = today;
    let fl = flow(&f.ws, &LogIndex::new(&f.ws), &f.ws.pipelines[0], p);
    assert_eq!(fl.cohort, 4);
    let reached: Vec<usize> = fl.stages.iter().map(|s| s.reached).collect();
    assert_eq!(reached, vec![4, 3, 2, 1, 1]);
    let next: Vec<Option<f64>> = fl.stages.iter().map(|s| s.next_step).collect();
    assert_eq!(
        next,
        vec![Some(0.75), Some(2.0 / 3.0), Some(0.5), Some(1.0), Some(1.0)]
    );
    let cumulative: Vec<Option<f64>> = fl.stages.iter().map(|s| s.cumulative).collect();
    assert_eq!(
        cumulative,
        vec![Some(1.0), Some(0.75), Some(0.5), Some(0.25), Some(0.25)]
    );
    // Got no further and still open: A (furthest stage 2, now back in 1) and B (stage 1);
    // C is won, E lost.
    let still_open: Vec<usize> = fl.stages.iter().map(|s| s.still_open).collect();
    assert_eq!(still_open, vec![0, 1, 1, 0, 0]);
    // Fewer than 5 reached everywhere: no bottleneck is named.
    assert_eq!((fl.conversion_bottleneck, fl.time_bottleneck), (None, None));
}

#[test]
fn time_in_stage_counts_stays_ending_in_the_period_from_all_deals() {
    let mut f = Fixture::new();
    let p = Period::new(d(2026, 4, 10), d(2026, 4, 30));
    // Old deal (not in the cohort): stage 0 from 3/1, moved on 4/11 → 41 days in stage 0.
    let old = f.deal(0, 100, d(2026, 3, 1));
    f.to(old, 1, d(2026, 4, 11));
    // Its stay in stage 1 ends with a loss on 4/21 → 10 days.
    f.lose(old, "Price", d(2026, 4, 21));
    // New deal: stage 0 on 4/12, moved 4/15 → 3 days; stage 1 still open: left out.
    let new = f.deal(0, 100, d(2026, 4, 12));
    f.to(new, 1, d(2026, 4, 15));
    // A stay ending before the period does not count: 0 → 2 on 4/2 (1 day).
    let early = f.deal(0, 100, d(2026, 4, 1));
    f.to(early, 2, d(2026, 4, 2));
    let fl = flow(&f.ws, &LogIndex::new(&f.ws), &f.ws.pipelines[0], p);
    let mean: Vec<Option<f64>> = fl.stages.iter().map(|s| s.mean_days_in_stage).collect();
    assert_eq!(mean, vec![Some(22.0), Some(10.0), None, None, None]);
    // The "slowest stage" links are the deals whose stays make up the mean — the old deal
    // is one though it is not in the cohort; the early deal is not, though it is.
    assert_eq!(fl.stages[0].stayed, vec![old, new]);
    assert_eq!(fl.stages[1].stayed, vec![old]);
    assert_eq!(fl.stages[0].deals, vec![new]);
}

#[test]
fn bottlenecks_need_five_reached_and_ties_go_to_the_earlier_stage() {
    let mut f = Fixture::new();
    let p = q2();
    // 8 deals enter stage 0 on 4/1. 6 go to stage 1 on 4/11 (10 days in stage 0), 2 are
    // lost there; 3 of the 6 go to stage 2 on 4/13 (2 days in stage 1), 3 are lost in
    // stage 1; 1 goes on to stage 3.
    let deals: Vec<DealId> = (0..8).map(|_| f.deal(0, 100, d(2026, 4, 1))).collect();
    for &x in &deals[..6] {
        f.to(x, 1, d(2026, 4, 11));
    }
    for &x in &deals[6..] {
        f.lose(x, "Price", d(2026, 4, 11));
    }
    for &x in &deals[..3] {
        f.to(x, 2, d(2026, 4, 13));
    }
    for &x in &deals[3..6] {
        f.lose(x, "Price", d(2026, 4, 13));
    }
    f.to(deals[0], 3, d(2026, 4, 14));
    let fl = flow(&f.ws, &LogIndex::new(&f.ws), &f.ws.pipelines[0], p);
    let reached: Vec<usize> = fl.stages.iter().map(|s| s.reached).collect();
    assert_eq!(reached, vec![8, 6, 3, 1, 0]);
    // Next-step: stage 0 = 6/8 = .75, stage 1 = 3/6 = .5; stages 2+ have < 5 reached.
    assert_eq!(fl.conversion_bottleneck, Some(1));
    // Time: stage 0 = 10 days, stage 1 = 2 days (stage 2's 1-day stay is filtered out).
    assert_eq!(fl.time_bottleneck, Some(0));

    // Rule 29: deals still open in a stage count neither for nor against it. The same
    // flow with stage 1's three losers still open there: only 3 left stage 1, so it
    // cannot be named, however low its plain next-step rate (3/6).
    let mut g = Fixture::new();
    let deals: Vec<DealId> = (0..8).map(|_| g.deal(0, 100, d(2026, 4, 1))).collect();
    for &x in &deals[..6] {
        g.to(x, 1, d(2026, 4, 11));
    }
    for &x in &deals[6..] {
        g.lose(x, "Price", d(2026, 4, 11));
    }
    for &x in &deals[..3] {
        g.to(x, 2, d(2026, 4, 13));
    }
    let fl = flow(&g.ws, &LogIndex::new(&g.ws), &g.ws.pipelines[0], p);
    assert_eq!(fl.stages[1].next_step, Some(0.5), "the funnel is unchanged");
    assert_eq!((fl.stages[1].left(), fl.stages[1].still_open), (3, 3));
    assert_eq!(fl.conversion_bottleneck, Some(0));
    assert_eq!(fl.stages[0].decided_rate(), Some(0.75));

    // A real tie: 20 enter stage 0; 10 reach stage 1 and 10 are lost in stage 0 (.5);
    // of the 10, 5 reach stage 2 and 5 are lost in stage 1 (.5). Stage 2's 5 deals are
    // all still open there, so it cannot be named. The earlier stage wins the tie.
    let mut t = Fixture::new();
    let deals: Vec<DealId> = (0..20).map(|_| t.deal(0, 100, d(2026, 4, 1))).collect();
    for &x in &deals[..10] {
        t.to(x, 1, d(2026, 4, 2));
    }
    for &x in &deals[10..] {
        t.lose(x, "Price", d(2026, 4, 2));
    }
    for &x in &deals[..5] {
        t.to(x, 2, d(2026, 4, 3));
    }
    for &x in &deals[5..10] {
        t.lose(x, "Price", d(2026, 4, 3));
    }
    let fl = flow(&t.ws, &LogIndex::new(&t.ws), &t.ws.pipelines[0], p);
    let rates: Vec<Option<f64>> = fl.stages.iter().map(|s| s.decided_rate()).collect();
    assert_eq!(rates[0], Some(0.5));
    assert_eq!(rates[1], Some(0.5), "a tie");
    assert_eq!(rates[2], None, "nobody left stage 2");
    assert_eq!(
        fl.conversion_bottleneck,
        Some(0),
        "the tie goes to the earlier stage"
    );
    // Equal mean times in stage 0 and 1 (1 day each): the earlier wins.
    assert_eq!(fl.time_bottleneck, Some(0));
}

#[test]
fn deals_in_another_pipeline_stay_out_of_the_funnel() {
    let mut f = Fixture::new();
    f.deal(0, 100, d(2026, 4, 1));
    let other = f.add_pipeline("Other", d(2026, 4, 1));
    let s = f.ws.pipeline(other).expect("exists").stages[0].id;
    f.deal_in(s, 100, d(2026, 4, 1));
    let fl = flow(&f.ws, &LogIndex::new(&f.ws), &f.ws.pipelines[0], q2());
    assert_eq!(fl.cohort, 1);
}

// ---------- open pipeline ----------

#[test]
fn open_pipeline_weights_exactly_and_finds_rotting_and_slipped_deals() {
    let mut f = Fixture::new();
    let today = d(2026, 6, 15);
    // Stage 1 (20 %) rots after 10 days.
    let stage1 = f.stage(1);
    f.run(
        Command::EditStage {
            stage: stage1,
            draft: commands::StageDraft {
                name: "Contact made".into(),
                probability: 20,
                rotting_days: Some(10),
            },
        },
        d(2026, 6, 1),
    );
    let a = f.deal(1, 333, d(2026, 6, 4)); // idle 11 days > 10: rotten
    let b = f.deal(1, 333, d(2026, 6, 5)); // idle exactly 10: not rotten
    let c = f.deal(3, 1000, d(2026, 6, 1)); // 60 %
    f.edit(c, |dr| {
        dr.probability_override = Some(0);
        dr.expected_close = Some(d(2026, 6, 14));
    });
    let e = f.deal(4, 1, d(2026, 6, 1));
    f.edit(e, |dr| dr.expected_close = Some(today)); // due today: not slipped
    let won = f.deal(0, 5000, d(2026, 6, 1));
    f.win(won, d(2026, 6, 2));
    let o = open_pipeline(&f.ws, &f.ws.pipelines[0], today);
    assert_eq!(o.count, 4);
    assert_eq!(o.value, Money(1667));
    // 333×20 + 333×20 + 1000×0 + 1×80 = 13,400 → 134.00 exactly.
    assert_eq!(o.weighted, Money(134));
    assert_eq!(o.rotting, vec![(a, 11)]);
    assert_eq!(o.slipped, vec![c]);
    let _ = b;
    assert_eq!(o.stages[1].count, 2);
    assert_eq!(o.stages[1].weighted, Money(133)); // 666 × 20 % = 133.2
}

#[test]
fn velocity_needs_every_input() {
    let mut f = Fixture::new();
    let a = f.deal(0, 1000, d(2026, 4, 1));
    f.win(a, d(2026, 4, 11)); // cycle 10 days, size 1000
    let b = f.deal(0, 1000, d(2026, 4, 1));
    f.lose(b, "Price", d(2026, 4, 11)); // win rate .5
    let closed = closed_metrics(&f.ws, None, q2());
    // 3 open deals × 1000 × .5 ÷ 10 days = 150 per day.
    assert!(approx(velocity(3, &closed), 150.0));
    let same_day = {
        let mut g = Fixture::new();
        let x = g.deal(0, 1000, d(2026, 4, 1));
        g.win(x, d(2026, 4, 1));
        closed_metrics(&g.ws, None, q2())
    };
    assert_eq!(
        velocity(3, &same_day),
        None,
        "a 0-day cycle gives no velocity"
    );
    assert_eq!(
        velocity(3, &closed_metrics(&Workspace::new(), None, q2())),
        None
    );
}

// ---------- forecast ----------

#[test]
fn the_monthly_forecast_buckets_categories_and_slipped_deals() {
    let mut f = Fixture::new();
    let today = d(2026, 6, 15);
    let deal = |f: &mut Fixture,
                stage: usize,
                value: i64,
                close: Option<chrono::NaiveDate>,
                over: Option<u8>| {
        let id = f.deal(stage, value, d(2026, 6, 1));
        f.edit(id, |dr| {
            dr.expected_close = close;
            dr.probability_override = over;
        });
        id
    };
    deal(&mut f, 4, 1000, Some(d(2026, 6, 20)), None); // June, 80 %: commit
    deal(&mut f, 3, 1000, Some(d(2026, 6, 15)), None); // June (today is not slipped), 60 %: best case
    deal(&mut f, 0, 1000, Some(d(2026, 7, 1)), None); // July, 10 %: pipeline
    deal(&mut f, 0, 1000, Some(d(2026, 11, 30)), Some(50)); // November (6th month), best case
    deal(&mut f, 0, 1000, Some(d(2026, 12, 1)), None); // beyond 6 months: no bucket
    deal(&mut f, 2, 1000, Some(d(2026, 6, 14)), None); // slipped, 40 %
    deal(&mut f, 2, 1000, None, None); // no date: no bucket
    let won = deal(&mut f, 0, 700, None, None);
    f.win(won, d(2026, 6, 3)); // already won in June
    let fc = monthly_forecast(&f.ws, None, &[], today);
    assert_eq!(fc.months.len(), 6);
    assert_eq!(fc.months[0].month, d(2026, 6, 1));
    assert_eq!(fc.months[0].weighted, Money(1400));
    assert_eq!(fc.months[0].already_won, Money(700));
    assert_eq!(
        (
            fc.months[0].categories.commit,
            fc.months[0].categories.best_case
        ),
        (Money(1000), Money(1000))
    );
    assert_eq!(fc.months[1].weighted, Money(100));
    assert_eq!(fc.months[1].categories.pipeline, Money(1000));
    assert_eq!(fc.months[5].month, d(2026, 11, 1));
    assert_eq!(fc.months[5].weighted, Money(500));
    assert_eq!((fc.slipped_weighted, fc.slipped_deals), (Money(400), 1));
    // Buckets + slipped = weighted value of open deals with a close date in range.
    let total: i64 = fc.months.iter().map(|m| m.weighted.0).sum::<i64>() + fc.slipped_weighted.0;
    assert_eq!(total, 1400 + 100 + 500 + 400);
}

#[test]
fn learned_probabilities_need_five_closed_deals_and_switch_the_forecast_only_when_asked() {
    let mut f = Fixture::new();
    let today = d(2026, 6, 15);
    // Stage 3 reached by 6 closed deals: 3 won (every won deal reached every stage),
    // 3 lost from stage 3. Stage 4 reached by the 3 won only.
    for i in 0..6 {
        let x = f.deal(3, 100, d(2026, 5, 1));
        if i < 3 {
            f.win(x, d(2026, 5, 10))
        } else {
            f.lose(x, "Price", d(2026, 5, 10))
        }
    }
    // A deal closed 13 months ago is outside the window.
    let old = f.deal(3, 100, d(2025, 4, 1));
    f.lose(old, "Price", d(2025, 5, 14));
    let learned = learned_probabilities(&f.ws, &LogIndex::new(&f.ws), today);
    let s3 = learned
        .iter()
        .find(|l| l.name == "Proposal made")
        .expect("stage");
    assert_eq!((s3.closed, s3.won, s3.manual), (6, 3, 60));
    assert!(approx(s3.learned, 0.5));
    let s4 = learned
        .iter()
        .find(|l| l.name == "Negotiations started")
        .expect("stage");
    assert_eq!((s4.closed, s4.learned), (3, None), "not enough history");

    let open = f.deal(3, 1000, d(2026, 6, 1));
    f.edit(open, |dr| dr.expected_close = Some(d(2026, 6, 30)));
    assert_eq!(
        monthly_forecast(&f.ws, None, &learned, today).months[0].weighted,
        Money(600)
    );
    let mut settings = f.ws.settings.clone();
    settings.forecast_uses_learned = true;
    f.run(Command::UpdateSettings(settings), today);
    assert_eq!(
        monthly_forecast(&f.ws, None, &learned, today).months[0].weighted,
        Money(500)
    );
}

#[test]
fn the_trend_is_a_least_squares_line_over_twelve_complete_months() {
    let mut f = Fixture::new();
    let today = d(2026, 6, 15);
    // Won value 100 × k in month k of the 12 complete months (June 2025 = k 0 … May 2026 = 11),
    // except nothing in month 0: y = 100x exactly on 11 points and 0 at x = 0 (also 100·0).
    for k in 1..12u32 {
        let month = pipewright::domain::metrics::month_offset(today, k as i32 - 12);
        let x = f.deal(0, 100 * k as i64, month);
        f.win(x, month);
    }
    let t = trend(&f.ws, None, today);
    assert_eq!(t.history.len(), 12);
    assert_eq!(t.history[0], (d(2025, 6, 1), Money(0)));
    assert!((t.slope_per_month - 100.0).abs() < 1e-9 && t.intercept.abs() < 1e-9);
    let projected: Vec<(chrono::NaiveDate, i64)> = t
        .projection
        .iter()
        .map(|(m, v)| (*m, v.round() as i64))
        .collect();
    assert_eq!(
        projected,
        vec![
            (d(2026, 6, 1), 1200),
            (d(2026, 7, 1), 1300),
            (d(2026, 8, 1), 1400)
        ]
    );
}

#[test]
fn a_falling_trend_never_goes_below_zero() {
    let mut f = Fixture::new();
    let today = d(2026, 6, 15);
    let first = pipewright::domain::metrics::month_offset(today, -12);
    let x = f.deal(0, 10_000, first);
    f.win(x, first);
    let t = trend(&f.ws, None, today);
    assert!(t.slope_per_month < 0.0);
    assert!(t.projection.iter().all(|(_, v)| *v >= 0.0));
}

#[test]
fn the_backtest_replays_the_log_as_it_stood_on_each_first_day() {
    let mut f = Fixture::new();
    let today = d(2026, 6, 15);
    // Deal A: in stage 0 (10 %) on March 1st, moved to stage 3 (60 %) on March 1st itself
    // (after the day started: not seen), expected to close in March, won 3/20.
    let a = f.deal(0, 1000, d(2026, 2, 10));
    f.edit(a, |dr| dr.expected_close = Some(d(2026, 3, 25)));
    f.to(a, 3, d(2026, 3, 1));
    f.win(a, d(2026, 3, 20));
    // Deal B: created 3/5: did not exist on March 1st; won in March too.
    let b = f.deal(0, 500, d(2026, 3, 5));
    f.edit(b, |dr| dr.expected_close = Some(d(2026, 3, 28)));
    f.win(b, d(2026, 3, 28));
    // Deal C: open in stage 2 (40 %) since January, expected in April, lost 4/10.
    let c = f.deal(2, 2000, d(2026, 1, 5));
    f.edit(c, |dr| dr.expected_close = Some(d(2026, 4, 30)));
    f.lose(c, "Price", d(2026, 4, 10));
    let logs = LogIndex::new(&f.ws);
    let bt = backtest(&f.ws, &History::new(&f.ws, &logs, None), today);
    let months = backtest_months(&bt);
    assert_eq!(
        months,
        vec![
            (d(2025, 12, 1), 0, 0),
            (d(2026, 1, 1), 0, 0),
            (d(2026, 2, 1), 0, 0),
            (d(2026, 3, 1), 100, 1500),
            (d(2026, 4, 1), 800, 0),
            (d(2026, 5, 1), 0, 0),
        ]
    );
    assert_eq!(bt.months[3].error, Money(-1400));
    // Only March has something won: MAPE = 1400 / 1500.
    assert!(approx(bt.mape, 1400.0 / 1500.0));
}

#[test]
fn the_backtest_reads_each_expected_close_date_as_it_stood_on_the_first_day() {
    let mut f = Fixture::new();
    let today = d(2026, 6, 15);
    // Deal D (stage 0, 10 %): dated March on 2/1, pushed to May on 3/20, won 5/10. On
    // March 1st it was a March deal (100); on May 1st a May deal (100); today's date
    // alone would have put it in May only.
    let dd = f.deal(0, 1000, d(2026, 2, 1));
    f.edit_on(dd, d(2026, 2, 1), |dr| {
        dr.expected_close = Some(d(2026, 3, 31))
    });
    f.edit_on(dd, d(2026, 3, 20), |dr| {
        dr.expected_close = Some(d(2026, 5, 15))
    });
    f.win(dd, d(2026, 5, 10));
    // Deal E (stage 2, 40 %): no date until 4/10 (April 20th), won 4/20: on April 1st it
    // had no date, so no forecast counted it (today's date would say April: 800).
    let e = f.deal(2, 2000, d(2026, 2, 1));
    f.edit_on(e, d(2026, 4, 10), |dr| {
        dr.expected_close = Some(d(2026, 4, 20))
    });
    f.win(e, d(2026, 4, 20));
    // Deal F (stage 2): dated April from its creation, the date cleared on 3/15, lost in
    // April: on April 1st it had no date (0), on March 1st an April date.
    let g = f.deal(2, 3000, d(2026, 2, 1));
    f.edit_on(g, d(2026, 2, 1), |dr| {
        dr.expected_close = Some(d(2026, 4, 5))
    });
    f.edit_on(g, d(2026, 3, 15), |dr| dr.expected_close = None);
    f.lose(g, "Price", d(2026, 4, 25));
    let logs = LogIndex::new(&f.ws);
    let bt = backtest(&f.ws, &History::new(&f.ws, &logs, None), today);
    let months = backtest_months(&bt);
    assert_eq!(
        months,
        vec![
            (d(2025, 12, 1), 0, 0),
            (d(2026, 1, 1), 0, 0),
            (d(2026, 2, 1), 0, 0),
            (d(2026, 3, 1), 100, 0),
            (d(2026, 4, 1), 0, 2000),
            (d(2026, 5, 1), 100, 1000),
        ]
    );
}

// ---------- leads and customers ----------

#[test]
fn lead_conversion_counts_leads_created_in_the_period_converted_at_any_time() {
    let mut f = Fixture::new();
    let stage = f.stage(0);
    let a = f.lead(d(2026, 4, 2));
    let _b = f.lead(d(2026, 4, 3));
    let c = f.lead(d(2026, 3, 31)); // before the period
    f.run(
        Command::ConvertLead {
            lead: a,
            title: "A".into(),
            value: Money(1),
            stage,
        },
        d(2026, 7, 10),
    ); // after the period
    f.run(
        Command::ConvertLead {
            lead: c,
            title: "C".into(),
            value: Money(1),
            stage,
        },
        d(2026, 4, 5),
    );
    let lc = lead_conversion(&f.ws, q2());
    assert_eq!((lc.created, lc.converted), (2, 1));
    assert!(approx(lc.rate, 0.5));
    assert_eq!(
        lead_conversion(&f.ws, Period::new(d(2025, 1, 1), d(2025, 1, 2))).rate,
        None
    );
}

#[test]
fn follow_ups_count_leads_and_deals_with_overdue_winning_over_today() {
    let mut f = Fixture::new();
    let today = d(2026, 6, 15);
    let deal = f.deal(0, 1, d(2026, 6, 1));
    for due in [d(2026, 6, 15), d(2026, 6, 10)] {
        f.run(
            Command::AddActivity {
                about: Subject::Deal(deal),
                draft: ActivityDraft::new(ActivityKind::Call, "call", due),
            },
            d(2026, 6, 1),
        );
    }
    let today_deal = f.deal(0, 1, d(2026, 6, 1));
    f.run(
        Command::AddActivity {
            about: Subject::Deal(today_deal),
            draft: ActivityDraft::new(ActivityKind::Task, "t", today),
        },
        d(2026, 6, 1),
    );
    let lead = f.lead(d(2026, 6, 1));
    let current = f.ws.lead(lead).expect("lead").clone();
    f.run(
        Command::EditLead {
            lead,
            draft: commands::LeadDraft {
                name: current.name,
                organization: None,
                person: None,
                email: String::new(),
                phone: String::new(),
                source: current.source,
                score: 10,
                next_follow_up: Some(today),
                owner: String::new(),
                expected_value: Money(0),
            },
        },
        d(2026, 6, 1),
    );
    let done_lead = f.lead(d(2026, 6, 1));
    let act = match f.run(
        Command::AddActivity {
            about: Subject::Lead(done_lead),
            draft: ActivityDraft::new(ActivityKind::Email, "e", d(2026, 6, 2)),
        },
        d(2026, 6, 1),
    ) {
        commands::Applied::Activity(a) => a,
        _ => unreachable!(),
    };
    f.run(Command::CompleteActivity { activity: act }, d(2026, 6, 3));
    let fu = follow_ups(&f.ws, None, today);
    assert_eq!(fu.overdue_deals, vec![deal]);
    assert_eq!(fu.today_deals, vec![today_deal]);
    assert_eq!(fu.today_leads, vec![lead]);
    assert!(fu.overdue_leads.is_empty());
    assert_eq!(fu.total(), 3);
    // Rule 28: with a pipeline chosen, its deals only; leads always count.
    let other = f.add_pipeline("Other", d(2026, 6, 1));
    let first_of_other = f.ws.pipeline(other).expect("pipeline").stages[0].id;
    f.run(
        Command::MoveDeal {
            deal,
            stage: first_of_other,
            before: None,
        },
        d(2026, 6, 2),
    );
    let scoped = follow_ups(&f.ws, Some(f.pipeline()), today);
    assert!(
        scoped.overdue_deals.is_empty(),
        "the overdue deal is in the other pipeline now"
    );
    assert_eq!(scoped.today_deals, vec![today_deal]);
    assert_eq!(scoped.today_leads, vec![lead]);
    assert_eq!(
        follow_ups(&f.ws, Some(other), today).overdue_deals,
        vec![deal]
    );
}

#[test]
fn retention_follows_first_wins_and_churn() {
    let mut f = Fixture::new();
    let period = q2();
    let customer = |f: &mut Fixture, name: &str, won_on: chrono::NaiveDate| {
        let org = f.organization(name, d(2025, 1, 1));
        let x = f.deal(0, 100, won_on);
        f.edit(x, |dr| dr.organization = Some(org));
        f.win(x, won_on);
        org
    };
    let _a = customer(&mut f, "A", d(2026, 1, 10)); // customer throughout
    let b = customer(&mut f, "B", d(2026, 2, 1)); // churns in the period
    let c = customer(&mut f, "C", d(2026, 3, 31)); // churned on the period's first day
    let _n = customer(&mut f, "N", d(2026, 5, 5)); // new in the period
    let m = customer(&mut f, "M", d(2026, 5, 6)); // new and churned within the period
    f.run(
        Command::SetChurn {
            organization: b,
            churned_on: Some(d(2026, 6, 1)),
        },
        d(2026, 6, 1),
    );
    f.run(
        Command::SetChurn {
            organization: c,
            churned_on: Some(d(2026, 4, 1)),
        },
        d(2026, 6, 1),
    );
    f.run(
        Command::SetChurn {
            organization: m,
            churned_on: Some(d(2026, 6, 30)),
        },
        d(2026, 6, 30),
    );
    let r = retention(&f.ws, period);
    // S (end of 3/31): A, B, C = 3. E (end of 6/30): A, N = 2 (M's churn day is excluded).
    // N = N, M = 2. R = those of S still customers at the end: A = 1. R ÷ S = 1 ÷ 3.
    // (The first formula, (E − N) ÷ S, gave 0 ÷ 3 here: M, new and churned inside the
    // period, hid that A stayed.)
    assert_eq!((r.at_start, r.at_end, r.new, r.retained), (3, 2, 2, 1));
    assert!(approx(r.rate, 1.0 / 3.0));
    // No customers before the period: "—".
    assert_eq!(
        retention(&f.ws, Period::new(d(2025, 1, 1), d(2025, 3, 31))).rate,
        None
    );
}

#[test]
fn closed_by_month_and_conversion_by_source() {
    use pipewright::domain::metrics::closed::closed_by_month;
    use pipewright::domain::metrics::customers::lead_conversion_by_source;
    let mut f = Fixture::new();
    let today = d(2026, 6, 15);
    let a = f.deal(0, 100, d(2026, 5, 1));
    f.win(a, d(2026, 5, 2));
    let b = f.deal(0, 300, d(2026, 6, 1));
    f.win(b, d(2026, 6, 2));
    let c = f.deal(0, 50, d(2026, 6, 1));
    f.lose(c, "Price", d(2026, 6, 3));
    let old = f.deal(0, 50, d(2025, 1, 1));
    f.win(old, d(2025, 6, 30)); // 12 months back from June 2026 starts July 2025
    let months = closed_by_month(&f.ws, None, today, 12);
    assert_eq!(months.len(), 12);
    assert_eq!(months[0].month, d(2025, 7, 1));
    assert_eq!(months[0].won, 0);
    let last = &months[11];
    assert_eq!(
        (last.month, last.won, last.lost, last.won_value),
        (d(2026, 6, 1), 1, 1, Money(300))
    );
    assert_eq!((months[10].won, months[10].won_value), (1, Money(100)));

    let stage = f.stage(0);
    let l1 = f.lead(d(2026, 6, 1));
    f.lead(d(2026, 6, 2));
    f.run(
        Command::ConvertLead {
            lead: l1,
            title: "x".into(),
            value: Money(1),
            stage,
        },
        d(2026, 6, 3),
    );
    let by = lead_conversion_by_source(&f.ws, q2());
    assert_eq!(by.len(), 1);
    assert_eq!(
        (by[0].source.as_str(), by[0].created, by[0].converted),
        ("Web", 2, 1)
    );
    assert!(approx(by[0].rate, 0.5));
}

// ---------- the Forecast page's scope ----------

#[test]
fn the_forecast_view_covers_one_pipeline_or_all_of_them() {
    let mut f = Fixture::new();
    let today = d(2026, 6, 15);
    let close_in_july = |f: &mut Fixture, deal: DealId| {
        f.edit(deal, |draft| draft.expected_close = Some(d(2026, 7, 10)))
    };
    let sales = f.deal(0, 100_000, d(2026, 6, 1));
    close_in_july(&mut f, sales);
    let partners = f.add_pipeline("Partners", d(2026, 6, 1));
    let stage = f.ws.pipeline(partners).expect("exists").stages[0].id;
    let other = f.deal_in(stage, 50_000, d(2026, 6, 1));
    close_in_july(&mut f, other);

    let july = |view: &ForecastSummary| view.forecast.months[1].categories.pipeline;
    let all = ForecastSummary::compute(&f.ws, None, today);
    assert_eq!(july(&all), Money(150_000));
    let only_partners = ForecastSummary::compute(&f.ws, Some(partners), today);
    assert_eq!(july(&only_partners), Money(50_000));

    // The probability table lists the scope's stages; across pipelines it names both.
    let stages = f.ws.pipelines[0].stages.len();
    assert_eq!(only_partners.learned.len(), stages);
    assert_eq!(only_partners.learned[0].name, "Qualified");
    assert_eq!(all.learned.len(), 2 * stages);
    assert_eq!(all.learned[0].name, "Sales · Qualified");
    assert_eq!(all.learned[stages].name, "Partners · Qualified");
}

#[test]
fn the_forecast_board_groups_open_deals_by_close_month() {
    let mut f = Fixture::new();
    let today = d(2026, 6, 15);
    let close_on = |f: &mut Fixture, value: i64, close: chrono::NaiveDate| {
        let id = f.deal(0, value, d(2026, 6, 1));
        f.edit(id, |draft| draft.expected_close = Some(close));
        id
    };
    let late_july = close_on(&mut f, 300, d(2026, 7, 28));
    let early_july = close_on(&mut f, 200, d(2026, 7, 2));
    close_on(&mut f, 100, d(2026, 12, 31)); // beyond the six months
    let won = close_on(&mut f, 999, d(2026, 6, 20));
    f.win(won, today);
    let partners = f.add_pipeline("Partners", d(2026, 6, 1));
    let stage = f.ws.pipeline(partners).expect("exists").stages[0].id;
    let other = f.deal_in(stage, 50, d(2026, 6, 1));
    f.edit(other, |draft| draft.expected_close = Some(d(2026, 7, 10)));

    let board = forecast_board(&f.ws, None, today);
    assert_eq!(board.len(), 6);
    assert_eq!(board[0].month, d(2026, 6, 1));
    assert!(board[0].cards.is_empty(), "won deals are off the board");
    let july: Vec<DealId> = board[1].cards.iter().map(|c| c.deal).collect();
    assert_eq!(july, vec![early_july, other, late_july]);
    assert_eq!(board[1].total(), Money(550));
    let only_sales = forecast_board(&f.ws, Some(f.pipeline()), today);
    assert_eq!(only_sales[1].total(), Money(500));
}

#[test]
fn a_deal_dropped_on_another_month_keeps_its_day_when_it_can() {
    assert_eq!(
        same_day_in(d(2026, 4, 1), Some(d(2026, 3, 31))),
        d(2026, 4, 30)
    );
    assert_eq!(
        same_day_in(d(2026, 2, 1), Some(d(2026, 1, 30))),
        d(2026, 2, 28)
    );
    assert_eq!(
        same_day_in(d(2026, 8, 1), Some(d(2026, 7, 9))),
        d(2026, 8, 9)
    );
    assert_eq!(same_day_in(d(2026, 8, 1), None), d(2026, 8, 15));
}

#[test]
fn a_drop_on_a_month_changes_only_the_close_date() {
    use pipewright::domain::queries::forecast_board::move_to_month;
    let mut f = Fixture::new();
    let deal = f.deal(1, 5_000, d(2026, 3, 2));
    let before = f.ws.deal(deal).expect("deal").clone();
    let command = move_to_month(&f.ws, deal, d(2026, 5, 1)).expect("deal exists");
    f.run(command, d(2026, 3, 3));
    let after = f.ws.deal(deal).expect("deal");
    assert_eq!(after.expected_close, Some(d(2026, 5, 15)));
    assert_eq!(
        (&after.title, after.value, after.stage),
        (&before.title, before.value, before.stage)
    );
    assert_eq!(move_to_month(&f.ws, DealId(999), d(2026, 5, 1)), None);
}

#[test]
fn forecast_totals_add_up_the_months() {
    let mut f = Fixture::new();
    let today = d(2026, 4, 10);
    // Stage 4 weighs 80 % (commit), stage 1 weighs 20 %.
    let likely = f.deal(4, 10_000, d(2026, 4, 1));
    let early = f.deal(1, 20_000, d(2026, 4, 1));
    for (deal, close) in [(likely, d(2026, 5, 10)), (early, d(2026, 7, 1))] {
        let command =
            pipewright::domain::queries::forecast_board::move_to_month(&f.ws, deal, close)
                .expect("deal");
        f.run(command, today);
    }
    let summary = ForecastSummary::compute(&f.ws, None, today);
    let totals = summary.forecast.totals();
    assert_eq!(totals.weighted, Money(8_000 + 4_000));
    assert_eq!(totals.commit, Money(10_000));
    assert_eq!(totals.already_won, Money(0));
}

#[test]
fn weighted_totals_saturate_instead_of_wrapping() {
    use pipewright::domain::metrics::weighted_money;
    let huge = i64::MAX as i128 * 100 * 3;
    assert_eq!(weighted_money(huge), Money(i64::MAX));
    assert_eq!(weighted_money(-huge), Money(i64::MIN));
    assert_eq!(weighted_money(12_345 * 40), Money(4_938));
}

#[test]
fn the_previous_period_is_the_same_length_just_before() {
    use pipewright::domain::metrics::Dashboard;
    let mut f = Fixture::new();
    // Q2 has 91 days; the previous period is the 91 days before April 1st.
    let period = q2();
    let in_previous = d(2026, 2, 15);
    let in_period = d(2026, 5, 10);
    // Leads: 2 created in the previous period, 1 of them converted; 1 in the period.
    let converted = f.lead(in_previous);
    f.lead(in_previous);
    f.lead(in_period);
    let stage = f.stage(0);
    f.run(
        Command::ConvertLead {
            lead: converted,
            title: "From lead".into(),
            value: Money(100),
            stage,
        },
        in_previous,
    );
    // Customers: A from January, churned in February (inside the previous period).
    let org = f.organization("A", d(2025, 12, 1));
    let deal = f.deal(0, 100, d(2025, 12, 1));
    f.edit(deal, |dr| dr.organization = Some(org));
    f.win(deal, d(2025, 12, 20));
    f.run(
        Command::SetChurn {
            organization: org,
            churned_on: Some(d(2026, 2, 1)),
        },
        d(2026, 2, 1),
    );
    let dash = Dashboard::compute(&f.ws, f.pipeline(), period, d(2026, 6, 30)).expect("pipeline");
    assert_eq!(dash.previous, Period::new(d(2025, 12, 31), d(2026, 3, 31)));
    assert_eq!(
        (dash.leads_previous.created, dash.leads_previous.converted),
        (2, 1)
    );
    assert!(approx(dash.leads_previous.rate, 0.5));
    assert_eq!((dash.leads.created, dash.leads.converted), (1, 0));
    // A was a customer at the start of the previous period and churned inside it.
    assert_eq!(
        (
            dash.retention_previous.at_start,
            dash.retention_previous.retained
        ),
        (1, 0)
    );
    assert!(approx(dash.retention_previous.rate, 0.0));
    assert_eq!(dash.retention.rate, None, "no customer at the start of Q2");
}

#[test]
fn a_log_entry_recorded_late_takes_its_place_by_date() {
    // Rule 27: entered stage 0 on 4/1, stage 2 on 4/20; then an entry dated 4/10 for
    // stage 1 arrives (another device's clock). By date: 0 for 9 days, 1 for 10 days.
    let mut f = Fixture::new();
    let deal = f.deal(0, 100, d(2026, 4, 1));
    f.to(deal, 2, d(2026, 4, 20));
    f.to(deal, 1, d(2026, 4, 10));
    let fl = flow(&f.ws, &LogIndex::new(&f.ws), &f.ws.pipelines[0], q2());
    let mean: Vec<Option<f64>> = fl.stages.iter().map(|s| s.mean_days_in_stage).collect();
    assert_eq!(mean, vec![Some(9.0), Some(10.0), None, None, None]);
}

#[test]
fn learned_probabilities_weigh_exactly_and_round_once() {
    // Rules 10, 11 and 25: stage 0 learned 2 won of 6 closed = exactly 1/3. A deal of
    // $1,600,000.00 weighs $533,333.33 (⅓ of a cent dropped once, at the end); weighing
    // with 333,333 parts per million gave $533,332.80.
    let mut f = Fixture::new();
    let today = d(2026, 4, 10);
    for i in 0..6 {
        let x = f.deal(0, 100, d(2026, 1, 5));
        if i < 2 {
            f.win(x, d(2026, 2, 1));
        } else {
            f.lose(x, "Price", d(2026, 2, 1));
        }
    }
    let big = f.deal(0, 160_000_000, d(2026, 4, 1));
    f.edit(big, |dr| dr.expected_close = Some(d(2026, 4, 20)));
    f.ws.settings.forecast_uses_learned = true;
    let learned = learned_probabilities(&f.ws, &LogIndex::new(&f.ws), today);
    assert_eq!((learned[0].won, learned[0].closed), (2, 6));
    let forecast = monthly_forecast(&f.ws, None, &learned, today);
    assert_eq!(forecast.months[0].weighted, Money(53_333_333));
    // Two more of the same: 3 × ⅓ × $1,600,000.00 is exactly $1,600,000.00.
    for _ in 0..2 {
        let x = f.deal(0, 160_000_000, d(2026, 4, 1));
        f.edit(x, |dr| dr.expected_close = Some(d(2026, 4, 21)));
    }
    let forecast = monthly_forecast(&f.ws, None, &learned, today);
    assert_eq!(forecast.months[0].weighted, Money(160_000_000));
    // 1/3 is below 50 %: the category is "pipeline", compared exactly.
    assert_eq!(forecast.months[0].categories.pipeline, Money(480_000_000));
}

#[test]
fn open_deals_without_a_close_date_are_shown_apart_not_lost() {
    // Rule 13 puts them in no month; the forecast still carries their weighted value.
    let mut f = Fixture::new();
    let today = d(2026, 4, 10);
    f.deal(1, 2_300_000, d(2026, 4, 1)); // stage 1: 20 %, no close date
    let dated = f.deal(3, 1_000_000, d(2026, 4, 1)); // stage 3: 60 %
    f.edit(dated, |dr| dr.expected_close = Some(d(2026, 5, 2)));
    let forecast = monthly_forecast(&f.ws, None, &[], today);
    assert_eq!(
        (forecast.undated_deals, forecast.undated_weighted),
        (1, Money(460_000))
    );
    assert_eq!(forecast.months[1].weighted, Money(600_000));
    assert_eq!(
        forecast.totals().weighted,
        Money(600_000),
        "the months exclude it"
    );
}
