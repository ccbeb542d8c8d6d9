//! How sure a learned month is (docs/metrics.md, "Likely range"): each open deal is won
//! that month — its whole value — with its chance, or not, independently of the others,
//! and deals not created yet bring what they brought in one of the months of history,
//! each as likely. The open deals' sum is kept on a grid, so a month with a handful of
//! deals gets the lopsided range it really has, not a bell curve's. The chances are
//! themselves read from a few stays: the range adds their error to the sum, as a
//! normal one; what chance alone costs does not.

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

/// The chance of each sum of won values: sum j is `origin + j × step` minor units, plus
/// one of `plus`, each as likely.
#[derive(Clone, Debug, PartialEq)]
pub struct Distribution {
    origin: i64,
    step: i64,
    chances: Vec<f64>,
    plus: Vec<i64>,
    /// The sum as [`Distribution::of`] worked it out, kept for the likely range.
    sum: Moments,
    /// How unsure the chances themselves are: the variance (minor units²) their error
    /// adds to the sum, which the likely range counts and chance alone does not.
    unsure: f64,
}

/// The sure value, and the uncertain deals' mean and variance; whether the sum was
/// taken as normal.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Moments {
    sure: i64,
    mean: f64,
    variance: f64,
    normal: bool,
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
    /// instead (and the grid's work, a pass over it per deal, is saved). `unsure`: the
    /// variance (minor units²) the chances' own error adds to the sum.
    pub fn of(outcomes: &[(Money, f64)], unsure: f64) -> Distribution {
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
        let mut spread = if coarse || bell {
            Distribution::normal(sure, mean, sd)
        } else {
            Distribution::grid(sure, step, &uncertain)
        };
        spread.sum = Moments {
            sure,
            mean,
            variance,
            normal: coarse || bell,
        };
        spread.unsure = if unsure.is_finite() {
            unsure.max(0.0)
        } else {
            0.0
        };
        spread
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
            plus: vec![0],
            sum: Moments::default(),
            unsure: 0.0,
        }
    }

    /// The same with the error of the chances added: to a normal sum, its variance; to
    /// a grid, a normal error, on a grid wide enough for it (6 deviations above the
    /// mean again), its share beyond counted at the nearer end (no sum is below the
    /// sure value).
    fn widened(&self) -> Distribution {
        let Moments {
            sure,
            mean,
            variance,
            normal,
        } = self.sum;
        let sd = (variance + self.unsure).sqrt();
        let mut wide = if normal {
            Distribution::normal(sure, mean, sd)
        } else {
            let step = (((mean + 6.0 * sd) / GRID as f64).ceil() as i64).max(self.step);
            let coarser = rebin(&self.chances, self.step as f64 / step as f64);
            Distribution {
                step,
                chances: blur(&coarser, self.unsure.sqrt() / step as f64),
                ..self.clone()
            }
        };
        wide.plus.clone_from(&self.plus);
        wide
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
            plus: vec![0],
            sum: Moments::default(),
            unsure: 0.0,
        }
    }

    /// The same, plus one of `values` (what deals not created yet brought in each month
    /// of history), each as likely; none: nothing added.
    pub fn plus_one_of(mut self, values: &[Money]) -> Distribution {
        self.plus = values.iter().map(|v| v.0).collect();
        if self.plus.is_empty() {
            self.plus.push(0);
        }
        self
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

    /// Every outcome: its sum in minor units, and its chance.
    fn outcomes(&self) -> impl Iterator<Item = (i64, f64)> + '_ {
        let share = 1.0 / self.plus.len() as f64;
        self.plus.iter().flat_map(move |&plus| {
            (self.chances.iter().enumerate())
                .map(move |(j, c)| (self.sum(j).saturating_add(plus), c * share))
        })
    }

    /// The least sum at which the chance-like total `running(i, j)` — for the `i`th of
    /// `plus`, everything up to sum number `j` — summed over `plus` reaches `level`;
    /// where it never does, the greatest sum. The totals only grow with `j`.
    fn least_reaching(&self, running: impl Fn(usize, usize) -> f64, level: f64) -> i64 {
        let at = |x: i64| -> f64 {
            (self.plus.iter().enumerate())
                .map(|(i, plus)| {
                    let from_origin = x.saturating_sub(*plus).saturating_sub(self.origin);
                    if from_origin < 0 {
                        0.0
                    } else {
                        running(i, ((from_origin / self.step) as usize).min(GRID))
                    }
                })
                .sum()
        };
        let (least_plus, most_plus) = (self.plus.iter().copied())
            .fold((i64::MAX, i64::MIN), |(lo, hi), p| (lo.min(p), hi.max(p)));
        let mut low = self.sum(0).saturating_add(least_plus);
        let mut high = self.sum(GRID).saturating_add(most_plus);
        if at(low) >= level {
            return low;
        }
        // at(low) < level; high reaches it, or is the greatest sum.
        while high - low > 1 {
            let mid = low + (high - low) / 2;
            if at(mid) >= level {
                high = mid;
            } else {
                low = mid;
            }
        }
        high
    }

    /// The least sum with at least `q` of the chance at or below it.
    pub fn quantile(&self, q: f64) -> Money {
        let share = 1.0 / self.plus.len() as f64;
        let running = running_total(self.chances.iter().map(|c| c * share));
        // A hair under q: the chances add up in floating point.
        Money(self.least_reaching(|_, j| running[j], q - 1e-12))
    }

    /// The 10th to the 90th percentile, the chances' own error counted.
    pub fn likely(&self) -> LikelyRange {
        let wide = if self.unsure > 0.0 {
            &self.widened()
        } else {
            self
        };
        LikelyRange {
            low: wide.quantile(LOW),
            high: wide.quantile(HIGH),
        }
    }

    /// The mean absolute percentage error a forecast of `forecast` would make over the
    /// months this distribution describes, those with nothing won left out (as rule 19's
    /// MAPE); `None` when nothing can be won. What chance alone costs a forecast that knew
    /// every deal's chance exactly.
    pub fn expected_percentage_error(&self, forecast: Money) -> Option<f64> {
        let (mut error, mut weight) = (0.0, 0.0);
        for (won, c) in self.outcomes() {
            if won > 0 {
                let won = won as f64;
                error += c * (won - forecast.0 as f64).abs() / won;
                weight += c;
            }
        }
        (weight > 0.0).then(|| error / weight)
    }

    /// The least [`Self::expected_percentage_error`] any forecast reaches, and that
    /// forecast: the median of the results weighted by 1 ÷ result (the error is piecewise
    /// linear in the forecast, its slope the weights below minus those above).
    pub fn least_percentage_error(&self) -> Option<(Money, f64)> {
        let share = 1.0 / self.plus.len() as f64;
        let running: Vec<Vec<f64>> = (self.plus.iter())
            .map(|&plus| {
                running_total(self.chances.iter().enumerate().map(|(j, c)| {
                    let won = self.sum(j).saturating_add(plus);
                    if won > 0 {
                        c * share / won as f64
                    } else {
                        0.0
                    }
                }))
            })
            .collect();
        let half = running.iter().map(|r| r[GRID]).sum::<f64>() / 2.0;
        if half <= 0.0 {
            return None;
        }
        let forecast = Money(self.least_reaching(|i, j| running[i][j], half));
        Some((forecast, self.expected_percentage_error(forecast)?))
    }
}

/// `chances` on a grid whose step is 1 ÷ `scale` times theirs (`scale` ≤ 1): each
/// between two steps goes to both, in the proportions that keep its value.
fn rebin(chances: &[f64], scale: f64) -> Vec<f64> {
    let top = chances.len() - 1;
    let mut coarser = vec![0.0; chances.len()];
    for (j, &c) in (chances.iter().enumerate()).filter(|(_, c)| **c > 0.0) {
        let at = j as f64 * scale;
        let (below, above) = (at.floor(), at - at.floor());
        coarser[(below as usize).min(top)] += c * (1.0 - above);
        coarser[(below as usize + 1).min(top)] += c * above;
    }
    coarser
}

/// `chances` with a normal error of `sd` steps added, none of it leaving the grid.
fn blur(chances: &[f64], sd: f64) -> Vec<f64> {
    if sd < 0.25 {
        // Within a step either way: the grid cannot show it.
        return chances.to_vec();
    }
    let reach = (4.0 * sd).ceil() as i64;
    let below = |x: f64| libm::erf(x / (sd * std::f64::consts::SQRT_2));
    let kernel: Vec<f64> = (-reach..=reach)
        .map(|d| 0.5 * (below(d as f64 + 0.5) - below(d as f64 - 0.5)))
        .collect();
    let total: f64 = kernel.iter().sum();
    let top = chances.len() as i64 - 1;
    let mut blurred = vec![0.0; chances.len()];
    for (j, &c) in (chances.iter().enumerate()).filter(|(_, c)| **c > 0.0) {
        for (i, w) in kernel.iter().enumerate() {
            let at = (j as i64 + i as i64 - reach).clamp(0, top) as usize;
            blurred[at] += c * w / total;
        }
    }
    blurred
}

/// The running totals of `values`.
fn running_total(values: impl Iterator<Item = f64>) -> Vec<f64> {
    values
        .scan(0.0, |total, v| {
            *total += v;
            Some(*total)
        })
        .collect()
}
