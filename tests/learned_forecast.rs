//! The forecast learned from history (docs/metrics.md, "Learned forecast") on a small
//! fixture whose every month is worked out by hand below.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use pipewright::domain::metrics::forecast::backtest;
use pipewright::domain::metrics::index::LogIndex;
use pipewright::domain::metrics::learned::{
    learned_backtest, learned_forecast, History, LearnedForecast, TooLittleHistory,
};
use pipewright::domain::metrics::ForecastSummary;
use pipewright::domain::*;
use support::{backtest_months, d, Fixture};

const TODAY: (i32, u32, u32) = (2026, 6, 15);

fn today() -> chrono::NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

/// History: in stage 0 ("Qualified"), 10 deals won after 30 days there and 10 lost after
/// 10 days; in stage 1, 4 deals created on 20 March and won on the 25th ($1,500 each).
fn history() -> Fixture {
    let mut f = Fixture::new();
    for _ in 0..10 {
        let won = f.deal(0, 100_000, d(2026, 1, 1));
        f.win(won, d(2026, 1, 31));
        let lost = f.deal(0, 100_000, d(2026, 2, 1));
        f.lose(lost, "Price", d(2026, 2, 11));
    }
    for _ in 0..4 {
        let quick = f.deal(1, 150_000, d(2026, 3, 20));
        f.win(quick, d(2026, 3, 25));
    }
    f
}

fn learned(f: &Fixture) -> Result<LearnedForecast, TooLittleHistory> {
    let logs = LogIndex::new(&f.ws);
    learned_forecast(&History::new(&f.ws, &logs, None), &f.ws, today())
}

#[test]
fn each_month_is_the_open_deals_chances_plus_the_deals_not_created_yet() {
    let mut f = history();
    // Open deals, as of the end of 15 June (the forecast knows everything up to today).
    // Stage 0's stays: 10 won at 30 days, 10 lost at 10 days, and the four below, still
    // running (at risk up to today, saying nothing after). The 5th longest closed stay
    // lasted 30 days: a deal older than that is taken as 30 days in.
    // W, 76 days in → 30: of the 11 stays at risk on day 30 (W and the 10 won), 10 were
    // won that day: 10/11, closing today, in June. $3 × 10/11 = $2.727.
    f.deal(0, 300, d(2026, 4, 1));
    // Y, 15 days in: the stays that lasted 15 days are W, Y and the 10 won; on day 30, W
    // and the 10 won are at risk: 10/11, 15 days from 16 June (1 July).
    // $6 × 10/11 = $5.4545.
    f.deal(0, 600, d(2026, 6, 1));
    // X, 6 days in: every stay lasted 6 days. Day 10: 22 at risk (X and V ran only to
    // day 6), 10 lost: still open 12/22. Day 30: 11 at risk, 10 won: 12/22 × 10/11 =
    // 60/121, 24 days from 16 June (10 July). $20.01 × 60/121 = $9.9223.
    f.deal(0, 2_001, d(2026, 6, 10));
    // V, the same, with the seller's 50 %: the chance is theirs, the timing the stays'
    // (all its chance of winning is in July): $10 × 50 % = $5.
    let v = f.deal(0, 1_000, d(2026, 6, 10));
    f.edit(v, |dr| dr.probability_override = Some(50));
    // Z, in stage 2, which has no history: weighted at its close date (40 % in August).
    let z = f.deal(2, 1_000, d(2026, 6, 1));
    f.edit(z, |dr| dr.expected_close = Some(d(2026, 8, 20)));
    let forecast = learned(&f).expect("24 closed deals are enough");
    assert_eq!((forecast.closed_deals, forecast.weighted_deals), (24, 1));
    // The first deal was created on 1 January: 5 whole months to 15 June.
    assert_eq!(forecast.recorded_months, 5);
    let open: Vec<i64> = forecast.months.iter().map(|m| m.open_deals.0).collect();
    // June $2.727 → 273; July 5.4545 + 9.9223 + 5 = 20.3768 → 2038, rounded once.
    assert_eq!(open, vec![273, 2_038, 400, 0, 0, 0]);
    // Deals not created yet, lag by lag. June (15 days gone): lag a of month m holds
    // what m won from deals created from the 16th of the month a months before m (up to
    // the next such anchor); it is history where that anchor is after the first deal (1
    // January): lag 0 in May … January (5 months), lag 1 in May … February (4), and so
    // on; lag 5 in none. Lag 0: March's $6,000 (created 20 March) over 5 months →
    // $1,200. January's wins were created on 1 January, before its lag 0 (16 January),
    // and lag 1 of January (16 December) is not history: counted nowhere. Every other
    // lag is $0, so each month expects $1,200.
    let new: Vec<i64> = forecast.months.iter().map(|m| m.new_deals.0).collect();
    assert_eq!(new, vec![120_000; 6]);
    assert_eq!(forecast.months[0].month, d(2026, 6, 1));
    assert_eq!(forecast.total(), Money(273 + 2_038 + 400 + 6 * 120_000));
    // Likely ranges (10th to 90th percentile). Deals not created yet bring what they
    // brought in one of May … January, each as likely: $0, $0, $6,000, $0, $0 (later
    // lags add $0, or their mean of $0 where a month does not show them). The stays'
    // chances are themselves unsure: each was read from 10 wins, so it is taken as off
    // by a normal error of 1/√10 of itself, the same for every deal of the stage.
    // June: W ($3.00 at 10/11), give or take $3 × 10/11 ÷ √10 = 86.24 cents (below
    // nothing won, nothing): P(sum ≤ x) = 4/5 × (1/11 Φ(x/86.24) + 10/11 Φ((x − 300)/
    // 86.24)) + 1/5 × the same at x − $6,000; it reaches 10 % at x = 150.5 cents and 90 %
    // at $6,002.892. The grid's step is 4 cents (mean 272.7 + 6 × 86.24 over 256, up).
    // July: Y, X and V (10/11, 60/121, ½; $6, $20.01, $10) give or take ($5.4545 +
    // $9.9223 + $5) ÷ √10 = $6.4437: the 10th percentile is $4.545, the 90th $6,020.334
    // (computed the same way over their 8 outcomes), within the grid's step of 39 cents
    // (mean 2,037.7 + 6 × √(1,131.7² + 644.4²) over 256, up). Without the error the
    // range would be $6.00 to $6,016.00: Y alone at its 10th, Y and V at its 90th.
    // August: Z at 40 % is weighted (its chance is the stage's setting, sure): nothing
    // (60 %) or $10.00; 80 % × 60 % is at $0, and the $6,000 fifth reaches 90 % at its
    // nothing (80 % + 20 % × 60 %).
    // Later months: nothing open: $0 or $6,000.
    let likely: Vec<(i64, i64)> = (forecast.months.iter())
        .map(|m| (m.likely.low.0, m.likely.high.0))
        .collect();
    let near = |got: i64, worked: f64, steps: f64| (got as f64 - worked).abs() <= steps;
    assert!(near(likely[0].0, 150.5, 4.0), "{likely:?}");
    assert!(near(likely[0].1, 600_289.2, 4.0), "{likely:?}");
    assert!(near(likely[1].0, 454.5, 39.0), "{likely:?}");
    assert!(near(likely[1].1, 602_033.4, 39.0), "{likely:?}");
    assert_eq!(likely[2], (0, 600_000));
    assert_eq!(likely[3..], [(0, 600_000); 3]);
}

#[test]
fn a_lag_learns_from_every_month_that_shows_it() {
    let mut f = history();
    // $800 created on 20 April, won on 10 May. As of 15 June, May's lag 0 starts on 16
    // May and its lag 1 on 16 April: lag 1. Lag 1 is history in May … February (its
    // anchors 16 April … 16 January, after 1 January): $800 ÷ 4 = $200. Lag 0 is still
    // March's $6,000 over May … January: $1,200.
    let late = f.deal(1, 80_000, d(2026, 4, 20));
    f.win(late, d(2026, 5, 10));
    let forecast = learned(&f).expect("25 closed deals are enough");
    let new: Vec<i64> = forecast.months.iter().map(|m| m.new_deals.0).collect();
    // June: lag 0 only. July on: lags 0 and 1 (later lags are $0 where shown).
    assert_eq!(
        new,
        vec![120_000, 140_000, 140_000, 140_000, 140_000, 140_000]
    );
    // Nothing is open from July on: the range is what one past month brought, lags 0 to
    // k: May $800, April $0, March $6,000, February $0, January $0 + lag 1's mean ($200:
    // January does not show lag 1). Sorted: 0, 0, 200, 800, 6,000 — the 10th percentile
    // is $0, the 90th $6,000.
    assert!(forecast.months[1..]
        .iter()
        .all(|m| (m.likely.low, m.likely.high) == (Money(0), Money(600_000))));
}

#[test]
fn fewer_than_twenty_closed_deals_are_too_little_history() {
    let mut f = Fixture::new();
    for _ in 0..19 {
        let deal = f.deal(0, 1_000, d(2026, 3, 1));
        f.win(deal, d(2026, 3, 10));
    }
    // One more closed 13 months ago is outside the 12 months learned from.
    let old = f.deal(0, 1_000, d(2025, 4, 1));
    f.win(old, d(2025, 5, 10));
    assert_eq!(learned(&f), Err(TooLittleHistory { closed_deals: 19 }));
    let summary = ForecastSummary::compute(&f.ws, None, today());
    // Chosen, it still cannot be used: the weighted method feeds the totals.
    let mut chosen = f.ws.clone();
    chosen.settings.forecast_method = ForecastMethod::Learned;
    assert!(ForecastSummary::compute(&chosen, None, today())
        .learned_in_use()
        .is_none());
    assert!(summary.learned_in_use().is_none());
}

#[test]
fn the_backtest_replays_the_method_on_each_first_day_with_what_was_known_then() {
    let mut f = history();
    // W again: open in stage 0 from 1 April.
    f.deal(0, 300, d(2026, 4, 1));
    let logs = LogIndex::new(&f.ws);
    let history = History::new(&f.ws, &logs, None);
    let weighted = backtest(&f.ws, &history, today());
    let replayed = learned_backtest(&history, &f.ws, &weighted).0;
    let months = backtest_months(&replayed);
    assert_eq!(
        months,
        vec![
            // December to February: fewer than 20 closes before the 1st, so the weighted
            // forecast (nothing had a close date then).
            (d(2025, 12, 1), 0, 0),
            (d(2026, 1, 1), 0, 1_000_000),
            (d(2026, 2, 1), 0, 0),
            // March: 20 closes known. Nothing open; February (the one month of history
            // after 1 January) won nothing from deals created in it.
            (d(2026, 3, 1), 0, 600_000),
            // April: March's $6,000 over March and February → $3,000.
            (d(2026, 4, 1), 300_000, 0),
            // May: W, 30 days in: on day 30, 11 stays at risk (W, running, and the 10
            // won), 10 won: $3 × 10/11 on 1 May, plus $6,000 over March, April and
            // February → $2,000.
            (d(2026, 5, 1), 200_273, 0),
        ]
    );
    // Months with something won: January and March, both missed entirely.
    assert_eq!(replayed.mape, Some(1.0));
}

#[test]
fn the_page_shows_both_methods_and_the_chosen_one_feeds_the_totals() {
    let mut f = history();
    f.deal(0, 600, d(2026, 6, 1));
    let weighted = ForecastSummary::compute(&f.ws, None, today());
    assert!(weighted.learned_in_use().is_none());
    let rows = weighted.side_by_side();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[1].learned, Some(Money(600 + 120_000)));
    assert_eq!(
        rows[1].weighted,
        Money(0),
        "no close date: in no weighted month"
    );
    f.ws.settings.forecast_method = ForecastMethod::Learned;
    let learned = ForecastSummary::compute(&f.ws, None, today());
    assert_eq!(
        learned.learned_in_use().map(|l| l.months[1].total()),
        Some(Money(120_600))
    );
}

#[test]
fn the_backtest_says_what_chance_alone_costs_its_months() {
    let mut f = history();
    // W, open in stage 0 from 1 April: on 1 May, 30 days in (the 5th longest closed
    // stay's length): of the 11 stays at risk on day 30 (W and the 10 won), 10 were won
    // that day: $3 at 10/11 on 1 May.
    f.deal(0, 300, d(2026, 4, 1));
    // U, 6 days in stage 0 on 1 May: every stay lasted 6 days. Day 10: 21 at risk (U
    // ran only to day 6), 10 lost: still open 11/21; day 30: 11 at risk, 10 won:
    // 11/21 × 10/11 = 10/21, 24 days on, in May. It is won on 25 May, $73.
    let u = f.deal(0, 7_300, d(2026, 4, 25));
    f.win(u, d(2026, 5, 25));
    let logs = LogIndex::new(&f.ws);
    let history = History::new(&f.ws, &logs, None);
    let weighted = backtest(&f.ws, &history, today());
    let (replayed, uncertainty) = learned_backtest(&history, &f.ws, &weighted);
    // May as of its first day: $3 × 10/11 + $73 × 10/21, plus $6,000 over March, April
    // and February for deals not created yet: $2,037.489 → $2,037.49.
    assert_eq!(
        backtest_months(&replayed)[5],
        (d(2026, 5, 1), 203_749, 7_300)
    );
    // March to May had the history. Deals not created yet bring one of: for March, $0
    // (February; January is not history); for April, $6,000 or $0 (March, February);
    // for May, $0, $6,000 or $0 (April … February). March's range is $0 to $0 and it
    // won $6,000; April's is $0 to $6,000, and it won nothing; May's is $3 to $6,076
    // and it won $73: 2 of 3 inside.
    assert_eq!((uncertainty.inside, uncertainty.months), (2, 3));
    // Chance alone: of March and May (something won), March could win nothing and says
    // nothing. May's eight outcomes (W, U, new deals or not): weighted by 1 ÷ result the
    // median is $3 (W alone, or W and nothing else), which expects to miss by the sum
    // below — the least any figure could expect. The grid (101 cents a step) moves $3
    // and $73 by less than a step: within half a percentage point.
    let (w, u, new) = (10.0 / 11.0, 10.0 / 21.0, 1.0 / 3.0);
    let outcomes = [
        (7_300.0, (1.0 - w) * u * (1.0 - new)),
        (7_600.0, w * u * (1.0 - new)),
        (600_000.0, (1.0 - w) * (1.0 - u) * new),
        (600_300.0, w * (1.0 - u) * new),
        (607_300.0, (1.0 - w) * u * new),
        (607_600.0, w * u * new),
    ];
    let something_won = 1.0 - (1.0 - w) * (1.0 - u) * (1.0 - new);
    let expected = outcomes
        .iter()
        .map(|(won, chance)| chance * (won - 300.0) / won)
        .sum::<f64>()
        / something_won;
    let chance_alone = uncertainty.chance_alone.unwrap_or(f64::NAN);
    assert!(
        (chance_alone - expected).abs() < 0.005,
        "{chance_alone} against {expected}"
    );
}
