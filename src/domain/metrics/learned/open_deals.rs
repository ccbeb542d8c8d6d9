//! Each forecast month's open deals: their expected value, summed as exactly as each
//! part allows, and what the likely range needs (each deal's value and chance, and how
//! unsure the learned chances are).

use super::history::History;
use super::sweep::{self, Answer, Observed, Question, TooFewExamples};
use crate::domain::metrics::exact::{Fraction, RunningSum};
use crate::domain::Money;

/// One month's open deals: each one's value and chance of being won in it.
type Outcomes = Vec<(Money, f64)>;

/// Each month's expected value of the open deals, and the deals it is made of.
pub(super) struct OpenDeals {
    pub sums: Vec<OpenSum>,
    pub outcomes: Vec<Outcomes>,
    /// The variance the learned chances' own errors add to each month's sum.
    pub unsure: Vec<f64>,
}

impl OpenDeals {
    pub fn new(months: usize) -> OpenDeals {
        OpenDeals {
            sums: vec![OpenSum::default(); months],
            outcomes: vec![Vec::new(); months],
            unsure: vec![0.0; months],
        }
    }

    /// A stage's open deals (`questions`) by its `stays` (longest first): each deal's
    /// chance in each month, and the variance their shared error adds — the stage's
    /// chances are read from the same stays, so their errors add up.
    pub fn add_stage(
        &mut self,
        history: &History,
        stays: &[Observed],
        questions: Vec<Question>,
        bounds: &[i64],
    ) -> Result<(), TooFewExamples> {
        let mut stage_error = vec![0.0; self.sums.len()];
        sweep::answer(stays, questions, bounds, |answer| {
            let deal = &history.deals[answer.deal];
            for (k, error) in stage_error.iter_mut().enumerate() {
                let chance = chance_in_month(answer, deal.probability_override, k);
                self.add_learned(k, deal.value, chance);
                let off_by = relative_error(answer, deal.probability_override, k);
                *error += deal.value.0 as f64 * chance * off_by;
            }
        })?;
        for (unsure, error) in self.unsure.iter_mut().zip(&stage_error) {
            *unsure += error * error;
        }
        Ok(())
    }

    /// A deal weighted at its expected close date: its stage probability, exactly.
    pub fn add_weighted(&mut self, k: usize, value: Money, chance: Fraction) {
        self.sums[k].exact.add(value, chance);
        if chance.num > 0 {
            self.outcomes[k].push((value, chance.num as f64 / chance.den as f64));
        }
    }

    /// A deal its stage's stays speak for: the estimate's chance.
    fn add_learned(&mut self, k: usize, value: Money, chance: f64) {
        if chance > 0.0 {
            self.sums[k].learned.add(value.0 as f64 * chance);
            self.outcomes[k].push((value, chance));
        }
    }
}

/// A month's expected value: the exact part (stage probabilities) and the estimated
/// part (the stays' chances, products of shares: in floating point), rounded once.
#[derive(Clone, Default)]
pub(super) struct OpenSum {
    exact: RunningSum,
    learned: CompensatedSum,
}

impl OpenSum {
    pub fn round(&mut self) -> Money {
        if self.learned.terms == 0 {
            return self.exact.round();
        }
        Money((self.exact.value() + self.learned.value()).round() as i64)
    }
}

/// A sum of floating-point terms that keeps what each addition loses (Neumaier), so the
/// order of thousands of deals does not move the rounded cent.
#[derive(Clone, Copy, Default)]
struct CompensatedSum {
    sum: f64,
    lost: f64,
    terms: usize,
}

impl CompensatedSum {
    fn add(&mut self, term: f64) {
        let sum = self.sum + term;
        self.lost += if self.sum.abs() >= term.abs() {
            (self.sum - sum) + term
        } else {
            (term - sum) + self.sum
        };
        self.sum = sum;
        self.terms += 1;
    }

    fn value(&self) -> f64 {
        self.sum + self.lost
    }
}

/// How far off the chance in month `k` may be, as a share of it: by the stays won in
/// the month's days, or closed where a seller's probability sets the chance and no stay
/// was won to time it by.
fn relative_error(answer: &Answer, overridden: Option<u8>, k: usize) -> f64 {
    match overridden {
        Some(_) if answer.won <= 0.0 => answer.closed_off_by[k],
        _ => answer.won_off_by[k],
    }
}

/// The chance a deal is won with a close in month `k`: the stays' estimate. A seller's
/// probability override sets the chance of winning (rule 11); the stays only say when
/// (by their wins, or by their closes if none was won).
fn chance_in_month(answer: &Answer, overridden: Option<u8>, k: usize) -> f64 {
    match overridden {
        None => answer.won_in[k],
        Some(p) if answer.won > 0.0 => f64::from(p) / 100.0 * answer.won_in[k] / answer.won,
        Some(p) => f64::from(p) / 100.0 * answer.closed_in[k],
    }
}
