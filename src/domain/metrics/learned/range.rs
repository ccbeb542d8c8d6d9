//! How sure a learned month is (docs/metrics.md, "Likely range"): each open deal is won
//! that month — its whole value — with its chance, or not, independently of the others.
//! The sum's distribution is kept on a grid, so a month with a handful of deals gets the
//! lopsided range it really has, not a bell curve's.

use crate::domain::Money;

/// Steps of the grid: the sum is known to within a 256th of its likely top.
const GRID: usize = 256;

/// The likely range: the 10th to the 90th percentile, 8 months in 10 inside it.
const LOW: f64 = 0.1;
const HIGH: f64 = 0.9;

/// From `low` to `high`, in minor units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LikelyRange {
    pub low: Money,
    pub high: Money,
}

/// The chance of each sum of won values: sum j is `origin + j × step` minor units.
#[derive(Clone, Debug, PartialEq)]
pub struct Distribution {
    origin: i64,
    step: i64,
    chances: Vec<f64>,
}

/// Expected wins, and expected losses, from which a sum with no dominant deal is
/// taken as normal (the rule of thumb for sums of chances is 10; this is safer).
const MANY_EXPECTED: f64 = 20.0;
/// Below this many uncertain deals the sum is never taken as normal.
const MANY_DEALS: usize = 30;

impl Distribution {
    /// `outcomes`: per deal, its value and its chance of being won in the month. A sure
    /// deal adds its value to every sum. The grid reaches 6 standard deviations above the
    /// mean (Cantelli: less than 3 % beyond, so the 90th percentile never lies there; what
    /// is beyond is counted at the top). A value between two steps is won as the step below
    /// or the step above, in the proportions that keep its expected value exact; where that
    /// would add more than 1 % to the sum's variance and at least 30 deals are uncertain,
    /// or where at least 20 wins and 20 losses are expected and no deal carries more
    /// than 5 % of the variance, the sum is so nearly normal that it is taken as normal
    /// instead (and the grid's work, a pass over it per deal, is saved).
    pub fn of(outcomes: &[(Money, f64)]) -> Distribution {
        let mut sure = 0;
        let mut uncertain = Vec::with_capacity(outcomes.len());
        for &(value, p) in outcomes {
            // A chance outside 0 … 1 (or not a number) is none at all, or a sure one.
            let p = if p.is_nan() { 0.0 } else { p.clamp(0.0, 1.0) };
            if value.0 <= 0 || p == 0.0 {
                continue;
            }
            if p == 1.0 {
                sure = value.0.saturating_add(sure);
            } else {
                uncertain.push((value.0, p));
            }
        }
        let (mut mean, mut variance, mut largest, mut wins) = (0.0, 0.0, 0.0f64, 0.0);
        for &(v, p) in &uncertain {
            let v = v as f64;
            mean += v * p;
            variance += v * v * p * (1.0 - p);
            largest = largest.max(v * v * p * (1.0 - p));
            wins += p;
        }
        let losses = uncertain.len() as f64 - wins;
        let sd = variance.sqrt();
        let step = (((mean + 6.0 * sd) / GRID as f64).ceil() as i64).max(1);
        let rounding: f64 =
            uncertain.iter().map(|(_, p)| p).sum::<f64>() * (step as f64).powi(2) / 4.0;
        let coarse = uncertain.len() >= MANY_DEALS && rounding > 0.01 * variance;
        let bell = wins >= MANY_EXPECTED && losses >= MANY_EXPECTED && largest <= 0.05 * variance;
        if coarse || bell {
            Distribution::normal(sure, mean, sd)
        } else {
            Distribution::grid(sure, step, &uncertain)
        }
    }

    /// `sure` plus the uncertain deals' sum, deal after deal, on the grid of `step`.
    fn grid(sure: i64, step: i64, uncertain: &[(i64, f64)]) -> Distribution {
        let mut chances = vec![0.0; GRID + 1];
        let mut next = vec![0.0; GRID + 1];
        chances[0] = 1.0;
        let mut reach = 0;
        for &(value, p) in uncertain {
            let whole = (value / step) as usize;
            let above = (value % step) as f64 / step as f64;
            next[..=reach].fill(0.0);
            let at = |j: usize| j.min(GRID);
            for (j, &c) in chances[..=reach].iter().enumerate() {
                next[j] += c * (1.0 - p);
                next[at(j + whole)] += c * p * (1.0 - above);
                next[at(j + whole + 1)] += c * p * above;
            }
            // Above `reach` both grids hold zeros: `next` was the distribution before.
            reach = at(reach + whole + 1);
            std::mem::swap(&mut chances, &mut next);
        }
        Distribution {
            origin: sure,
            step,
            chances,
        }
    }

    /// `sure` plus a normal sum of `mean` and standard deviation `sd`, on a grid 6
    /// deviations either side (not below nothing won).
    fn normal(sure: i64, mean: f64, sd: f64) -> Distribution {
        let low = (mean - 6.0 * sd).max(0.0).floor();
        let step = ((12.0 * sd / GRID as f64).ceil() as i64).max(1);
        let below = |x: f64| 0.5 * (1.0 + libm::erf((x - mean) / (sd * std::f64::consts::SQRT_2)));
        let edge = |j: usize| low + (j as f64 - 0.5) * step as f64;
        let chances = (0..=GRID)
            .map(|j| match j {
                0 => below(edge(1)),
                GRID => 1.0 - below(edge(GRID)),
                j => below(edge(j + 1)) - below(edge(j)),
            })
            .collect();
        Distribution {
            origin: sure.saturating_add(low as i64),
            step,
            chances,
        }
    }

    /// Sum number `j`, in minor units.
    fn sum(&self, j: usize) -> i64 {
        self.origin
            .saturating_add((j as i64).saturating_mul(self.step))
    }

    /// Minor units per step of the grid.
    pub fn step(&self) -> i64 {
        self.step
    }

    /// The least sum with at least `q` of the chance at or below it.
    pub fn quantile(&self, q: f64) -> Money {
        let mut below = 0.0;
        for (j, c) in self.chances.iter().enumerate() {
            below += c;
            // A hair under q: the chances add up in floating point.
            if below >= q - 1e-12 {
                return Money(self.sum(j));
            }
        }
        Money(self.sum(GRID))
    }

    /// The 10th to the 90th percentile, each plus `plus` (what is expected apart).
    pub fn likely(&self, plus: Money) -> LikelyRange {
        LikelyRange {
            low: Money(self.quantile(LOW).0.saturating_add(plus.0)),
            high: Money(self.quantile(HIGH).0.saturating_add(plus.0)),
        }
    }

    /// The mean absolute percentage error a forecast of `forecast` would make over the
    /// months this distribution describes, each with `plus` won apart, those with nothing
    /// won left out (as rule 19's MAPE); `None` when nothing can be won. What chance
    /// alone costs a forecast that knew every deal's chance exactly.
    pub fn expected_percentage_error(&self, forecast: Money, plus: Money) -> Option<f64> {
        let (mut error, mut weight) = (0.0, 0.0);
        for (j, c) in self.chances.iter().enumerate() {
            let won = self.sum(j).saturating_add(plus.0) as f64;
            if won > 0.0 {
                error += c * (won - forecast.0 as f64).abs() / won;
                weight += c;
            }
        }
        (weight > 0.0).then(|| error / weight)
    }

    /// The least [`Self::expected_percentage_error`] any forecast reaches, and that
    /// forecast: the median of the results weighted by 1 ÷ result (the error is piecewise
    /// linear in the forecast, its slope the weights below minus those above).
    pub fn least_percentage_error(&self, plus: Money) -> Option<(Money, f64)> {
        let won = |j: usize| self.sum(j).saturating_add(plus.0);
        let weights: Vec<f64> = (self.chances.iter().enumerate())
            .map(|(j, c)| if won(j) > 0 { c / won(j) as f64 } else { 0.0 })
            .collect();
        let half = weights.iter().sum::<f64>() / 2.0;
        let mut below = 0.0;
        let median = weights.iter().position(|w| {
            below += w;
            below >= half && below > 0.0
        })?;
        let forecast = Money(won(median));
        Some((forecast, self.expected_percentage_error(forecast, plus)?))
    }
}
