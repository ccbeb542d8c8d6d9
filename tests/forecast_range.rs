//! The learned forecast's likely range (docs/metrics.md, "Likely range"): the
//! distribution of what a month's open deals bring in, worked by hand on small cases,
//! against every outcome enumerated on random ones, and against the bell curve on many.
#![cfg(not(target_arch = "wasm32"))]

use pipewright::domain::metrics::learned::range::Distribution;
use pipewright::domain::Money;
use proptest::prelude::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn two_deals_at_even_odds_spread_as_worked_by_hand() {
    // $1 and $2 at 50 % each: nothing, $1, $2 or $3, a quarter each. The grid's step is
    // 4 cents (mean 150 + 6 × 111.8 = 820.8 over 256 steps, rounded up), so it is exact.
    let spread = Distribution::of(&[(Money(100), 0.5), (Money(200), 0.5)], 0.0);
    assert_eq!(spread.step(), 4);
    assert_eq!(spread.quantile(0.1), Money(0));
    assert_eq!(spread.quantile(0.25), Money(0));
    assert_eq!(spread.quantile(0.3), Money(100));
    assert_eq!(spread.quantile(0.9), Money(300));
    let likely = spread.clone().plus_one_of(&[Money(1_000)]).likely();
    assert_eq!((likely.low, likely.high), (Money(1_000), Money(1_300)));
    // A forecast of $1.50 against $1, $2, $3 (nothing won is left out, as in MAPE):
    // (50 % + 25 % + 50 %) ÷ 3.
    let error = spread.expected_percentage_error(Money(150));
    assert!(close(error.unwrap_or(f64::NAN), 1.25 / 3.0), "{error:?}");
    // The least: weights ¼ ÷ 100, ¼ ÷ 200, ¼ ÷ 300; half of their sum is reached at $1,
    // whose errors are 0, 50 % and ⅔: (0 + ½ + ⅔) ÷ 3.
    let (best, least) = spread.least_percentage_error().unwrap_or_default();
    assert_eq!(best, Money(100));
    assert!(close(least, (0.5 + 2.0 / 3.0) / 3.0), "{least}");
}

#[test]
fn deals_not_created_yet_bring_one_of_their_past_months() {
    // $1 at even odds, plus what new deals brought in one of four past months: $0, $0,
    // $10 or $20. Eight outcomes, an eighth each: 0, 0, 1, 1, 10, 11, 20, 21 dollars.
    let spread = Distribution::of(&[(Money(100), 0.5)], 0.0).plus_one_of(&[
        Money(0),
        Money(1_000),
        Money(0),
        Money(2_000),
    ]);
    // $0 holds two eighths: ¼ ≥ 10 %, ¼ < 30 %, ½ at $1.
    assert_eq!(spread.quantile(0.1), Money(0));
    assert_eq!(spread.quantile(0.3), Money(100));
    // ⅝ is reached at $10, ¾ at $11, ⅞ at $20: the 90th percentile is $21.
    assert_eq!(spread.quantile(0.7), Money(1_100));
    assert_eq!(spread.quantile(0.9), Money(2_100));
    let likely = spread.likely();
    assert_eq!((likely.low, likely.high), (Money(0), Money(2_100)));
    // A forecast of $10 against $1, $1, $10, $11, $20, $21 (nothing won left out):
    // (9 + 9 + 0 + 1/11 + 1/2 + 11/21) ÷ 6.
    let error = spread.expected_percentage_error(Money(1_000));
    let want = (9.0 + 9.0 + 0.0 + 1.0 / 11.0 + 0.5 + 11.0 / 21.0) / 6.0;
    assert!(
        close(error.unwrap_or(f64::NAN), want),
        "{error:?} against {want}"
    );
    // The least: weights 1/1, 1/1, 1/10, 1/11, 1/20, 1/21 (each ⅛, the same for all);
    // the two $1 outcomes hold 2 of their 2.29, more than half: $1 is best.
    let (best, least) = spread.least_percentage_error().unwrap_or_default();
    assert_eq!(best, Money(100));
    let at_one = (0.0 + 0.0 + 0.9 + 10.0 / 11.0 + 0.95 + 20.0 / 21.0) / 6.0;
    assert!(close(least, at_one), "{least} against {at_one}");
}

#[test]
fn a_sure_deal_is_a_point_and_a_month_without_deals_is_nothing() {
    let sure = Distribution::of(&[(Money(30_000), 1.0)], 0.0);
    let likely = sure.plus_one_of(&[Money(5)]).likely();
    assert_eq!((likely.low, likely.high), (Money(30_005), Money(30_005)));
    let empty = Distribution::of(&[], 0.0);
    assert_eq!(empty.clone().plus_one_of(&[]).likely().high, Money(0));
    assert_eq!(empty.expected_percentage_error(Money(10)), None);
    // Deals that cannot be won, or are worth nothing, change nothing.
    let none = Distribution::of(&[(Money(50_000), 0.0), (Money(0), 0.7)], 0.0);
    assert_eq!(none.likely().high, Money(0));
}

#[test]
fn many_deals_spread_as_the_bell_curve() {
    // 2,000 deals of $10 to $49.99 at 30 %: the sum is close to normal, and its 10th and
    // 90th percentiles lie 1.2816 standard deviations either side of the mean.
    let deals: Vec<(Money, f64)> = (0..2_000)
        .map(|i| (Money(1_000 + (i * 7_919) % 4_000), 0.3))
        .collect();
    let mean: f64 = deals.iter().map(|(v, p)| v.0 as f64 * p).sum();
    let sd = (deals.iter())
        .map(|(v, p)| (v.0 as f64).powi(2) * p * (1.0 - p))
        .sum::<f64>()
        .sqrt();
    let likely = Distribution::of(&deals, 0.0).likely();
    for (got, want) in [
        (likely.low, mean - 1.2816 * sd),
        (likely.high, mean + 1.2816 * sd),
    ] {
        assert!(
            (got.0 as f64 - want).abs() < 0.05 * sd,
            "{got:?} against {want:.0} (sd {sd:.0})"
        );
    }
}

#[test]
fn the_chances_own_error_widens_the_likely_range_and_not_chance_alone() {
    // 100 deals of $10 at 50 %: a normal sum, mean $500, deviation $50. The chances'
    // error adds a variance of 3 × $50²: deviation $100, the 10th and 90th
    // percentiles 1.2816 of it either side (the grid's step: $12,000 ÷ 256, up, $4.69).
    let deals = vec![(Money(1_000), 0.5); 100];
    let sure = Distribution::of(&deals, 0.0);
    let unsure = Distribution::of(&deals, 3.0 * 5_000.0 * 5_000.0);
    for (spread, sd) in [(&sure, 5_000.0), (&unsure, 10_000.0)] {
        let likely = spread.likely();
        assert!((likely.low.0 as f64 - (50_000.0 - 1.2816 * sd)).abs() <= 469.0);
        assert!((likely.high.0 as f64 - (50_000.0 + 1.2816 * sd)).abs() <= 469.0);
    }
    // Chance alone is what the deals' own chances cost: the same either way.
    assert_eq!(
        sure.least_percentage_error(),
        unsure.least_percentage_error()
    );
    // One deal of $100 at 50 %, give or take $20: half the time nothing (the error
    // below nothing won is nothing: a quarter of the chance at $0, the 10th
    // percentile), half $100 ± $20: the 90th percentile where Φ((x − 100) ÷ 20) =
    // 80 %, $116.83. The grid's step: $50 + 6 × √($50² + $20²) over 256, up, 146 cents.
    let one = Distribution::of(&[(Money(10_000), 0.5)], 2_000.0 * 2_000.0).likely();
    assert_eq!(one.low, Money(0));
    assert!((one.high.0 - 11_683).abs() <= 146, "{one:?}");
    // A sure deal's $30 is in every sum: no error takes the range below it.
    let with_sure = Distribution::of(
        &[(Money(3_000), 1.0), (Money(10_000), 0.5)],
        4_000.0 * 4_000.0,
    )
    .likely();
    assert_eq!(with_sure.low, Money(3_000));
}

/// The exact distribution of up to a few deals, every outcome enumerated.
fn enumerated(deals: &[(Money, f64)]) -> Vec<(i64, f64)> {
    let mut outcomes = Vec::new();
    for mask in 0u32..(1 << deals.len()) {
        let (mut sum, mut chance) = (0, 1.0);
        for (i, (value, p)) in deals.iter().enumerate() {
            if mask & (1 << i) != 0 {
                sum += value.0;
                chance *= p;
            } else {
                chance *= 1.0 - p;
            }
        }
        outcomes.push((sum, chance));
    }
    pipewright::domain::support::sorting::sort_by_key(&mut outcomes, |o| o.0);
    outcomes
}

fn exact_quantile(outcomes: &[(i64, f64)], q: f64) -> i64 {
    let mut below = 0.0;
    for (sum, chance) in outcomes {
        below += chance;
        if below >= q - 1e-12 {
            return *sum;
        }
    }
    outcomes.last().map_or(0, |o| o.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The grid moves each deal's value by less than a step, so each percentile is
    /// within a step per deal of the exact one (a chance of exactly a percentile's
    /// level is avoided: there the exact answer itself jumps).
    #[test]
    fn percentiles_are_within_a_step_per_deal_of_the_exact_ones(
        deals in prop::collection::vec((1i64..2_000_000, 0.0f64..=1.0), 0..9),
    ) {
        let deals: Vec<(Money, f64)> = deals.into_iter().map(|(v, p)| (Money(v), p)).collect();
        let spread = Distribution::of(&deals, 0.0);
        let outcomes = enumerated(&deals);
        let slack = spread.step() * deals.len() as i64;
        for q in [0.1, 0.9] {
            let below: Vec<f64> = outcomes.iter().scan(0.0, |s, o| { *s += o.1; Some(*s) }).collect();
            prop_assume!(below.iter().all(|b| (b - q).abs() > 1e-6));
            let exact = exact_quantile(&outcomes, q);
            let grid = spread.quantile(q).0;
            prop_assert!((grid - exact).abs() <= slack, "q {}: grid {} exact {} slack {}", q, grid, exact, slack);
        }
        let likely = spread.likely();
        prop_assert!(0 <= likely.low.0 && likely.low <= likely.high);
    }
}
