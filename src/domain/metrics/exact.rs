//! Weighted money kept exact (rules 10, 11 and 25): a probability is a fraction — a
//! percentage p/100, or a learned won ÷ closed — never rounded first; sums keep one
//! numerator per denominator and are rounded once, at the end, half away from zero.

use crate::domain::Money;
use std::collections::BTreeMap;

/// A probability as an exact fraction `num / den`, 0 ≤ num ≤ den.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fraction {
    pub num: i128,
    pub den: i128,
}

impl Fraction {
    pub fn percent(p: u8) -> Fraction {
        Fraction {
            num: p as i128,
            den: 100,
        }
    }

    /// `won ÷ closed`; `closed` is never 0 for a learned probability (rule 17).
    pub fn learned(won: usize, closed: usize) -> Fraction {
        Fraction {
            num: won as i128,
            den: closed.max(1) as i128,
        }
    }

    /// Whether this probability is at least `percent` %, compared exactly.
    pub fn at_least(self, percent: u8) -> bool {
        self.num * 100 >= percent as i128 * self.den
    }
}

/// Σ value × probability, exact: one numerator per denominator, kept in denominator
/// order so that even the floating-point fallback adds in the same order every time.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExactSum(BTreeMap<i128, i128>);

impl ExactSum {
    pub fn add(&mut self, value: Money, p: Fraction) {
        self.add_over(p.den, value.0 as i128 * p.num);
    }

    /// Adds `num / den`.
    fn add_over(&mut self, den: i128, num: i128) {
        *self.0.entry(den).or_default() += num;
    }

    /// The sum in floating point, for adding to an estimate (see [`Self::round`]).
    pub fn value(&self) -> f64 {
        self.0.iter().map(|(d, n)| *n as f64 / *d as f64).sum()
    }

    /// The sum in whole minor units, rounded once, half away from zero.
    pub fn round(&self) -> Money {
        let exact = self
            .0
            .iter()
            .try_fold((0i128, 1i128), |(num, den), (&d, &n)| {
                let common = lcm(den, d)?;
                let num = num.checked_mul(common / den)?;
                let add = n.checked_mul(common / d)?;
                Some((num.checked_add(add)?, common))
            });
        let rounded = match exact {
            Some((num, den)) => round_half_away(num, den),
            // Beyond i128 (many learned denominators, or far past the amount cap):
            // floating point, still one rounding.
            None => self.value().round() as i128,
        };
        Money(rounded.clamp(i64::MIN as i128, i64::MAX as i128) as i64)
    }
}

/// An [`ExactSum`] fed long runs of terms over one denominator (the open deals that the
/// same examples answer): a run is added up in one integer and enters the sum once.
#[derive(Clone, Debug, Default)]
pub struct RunningSum {
    sum: ExactSum,
    /// (denominator, numerator) of the current run.
    run: Option<(i128, i128)>,
}

impl RunningSum {
    pub fn add(&mut self, value: Money, p: Fraction) {
        let term = value.0 as i128 * p.num;
        match &mut self.run {
            Some((den, num)) if *den == p.den => *num += term,
            _ => {
                self.end_run();
                self.run = Some((p.den, term));
            }
        }
    }

    fn end_run(&mut self) {
        if let Some((den, num)) = self.run.take() {
            self.sum.add_over(den, num);
        }
    }

    /// The sum in floating point ([`ExactSum::value`]).
    pub fn value(&mut self) -> f64 {
        self.end_run();
        self.sum.value()
    }

    /// The sum in whole minor units, rounded once ([`ExactSum::round`]).
    pub fn round(&mut self) -> Money {
        self.end_run();
        self.sum.round()
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

fn lcm(a: i128, b: i128) -> Option<i128> {
    (a / gcd(a, b)).checked_mul(b)
}

/// num ÷ den (den > 0) rounded to the nearest integer, halves away from zero.
pub fn round_half_away(num: i128, den: i128) -> i128 {
    // Quotient and remainder, never doubling: a sum over many learned denominators can
    // bring the numerator close to the largest i128.
    let (n, d) = (num.unsigned_abs(), den.unsigned_abs());
    let (quotient, remainder) = (n / d, n % d);
    let up = u128::from(remainder >= d - remainder);
    let magnitude = i128::try_from(quotient + up).unwrap_or(i128::MAX);
    if num < 0 {
        -magnitude
    } else {
        magnitude
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_round_once_at_the_end() {
        // Three deals of $1,600,000.00 at a learned 1/3: exactly $533,333.33⅓ each…
        let mut sum = ExactSum::default();
        for _ in 0..3 {
            sum.add(Money(160_000_000), Fraction::learned(1, 3));
        }
        // …and exactly $1,600,000.00 together: nothing was rounded on the way.
        assert_eq!(sum.round(), Money(160_000_000));
        let mut one = ExactSum::default();
        one.add(Money(160_000_000), Fraction::learned(1, 3));
        assert_eq!(one.round(), Money(53_333_333));
        // Mixed denominators: 1/3 of 100 + 40 % of 50 = 33.33… + 20 = 53.33… → 53.
        let mut mixed = ExactSum::default();
        mixed.add(Money(100), Fraction::learned(1, 3));
        mixed.add(Money(50), Fraction::percent(40));
        assert_eq!(mixed.round(), Money(53));
        // Halves go away from zero.
        let mut half = ExactSum::default();
        half.add(Money(1), Fraction::percent(50));
        assert_eq!(half.round(), Money(1));
        assert_eq!(round_half_away(-3, 2), -2);
        assert_eq!(round_half_away(7, 3), 2);
        assert_eq!(round_half_away(-7, 3), -2);
        assert_eq!(round_half_away(8, 3), 3);
        // A numerator near the largest i128 rounds instead of overflowing.
        assert_eq!(round_half_away(i128::MAX - 1, i128::MAX / 2), 2);
        assert_eq!(round_half_away(i128::MAX, 3), i128::MAX / 3);
        assert_eq!(round_half_away(i128::MAX, 2), i128::MAX / 2 + 1);
        assert_eq!(round_half_away(i128::MIN, 2), i128::MIN / 2);
        // Runs over one denominator add up to the same sum.
        let mut running = RunningSum::default();
        for (value, p) in [
            (160_000_000, Fraction::learned(1, 3)),
            (160_000_000, Fraction::learned(1, 3)),
            (100, Fraction::percent(40)),
            (160_000_000, Fraction::learned(1, 3)),
        ] {
            running.add(Money(value), p);
        }
        assert_eq!(running.round(), Money(160_000_040));
        assert!(Fraction::learned(4, 5).at_least(80));
        assert!(!Fraction::learned(79, 100).at_least(80));
    }
}
