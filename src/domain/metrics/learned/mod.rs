//! The forecast learned from the workspace's own history (docs/metrics.md, "Learned
//! forecast"): each open deal's chance of being won in each coming month, read from how
//! the stays in its stage that closed in the last 12 months ended and when, plus the
//! revenue from deals not yet created. Evaluated as of any day, so its backtest replays
//! exactly what it would have said on the first of each month (rule 19).

pub mod history;
mod new_deals;
mod open_deals;
pub mod range;
mod sweep;

use super::exact::Fraction;
use super::forecast::{backtest_month, Backtest};
use super::{month_key, month_offset, month_start, months_between};
use crate::domain::{Money, Workspace};
use chrono::{Datelike, Days, Months, NaiveDate};
pub use history::History;
use history::{day_number, Span};
use open_deals::OpenDeals;
use range::{Distribution, LikelyRange};
use sweep::{Observed, Question};

/// Fewer closed deals than this in the 12 months before: too little history to learn from.
pub const MIN_CLOSED_DEALS: usize = 20;

/// One month of the learned forecast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LearnedMonth {
    /// First day of the month.
    pub month: NaiveDate,
    /// Expected won value of the deals open now.
    pub open_deals: Money,
    /// Expected won value of deals not created yet.
    pub new_deals: Money,
    /// The 10th to the 90th percentile of what it brings in.
    pub likely: LikelyRange,
}

impl LearnedMonth {
    pub fn total(&self) -> Money {
        self.open_deals + self.new_deals
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LearnedForecast {
    pub months: Vec<LearnedMonth>,
    /// Deals closed in the 12 months it learned from.
    pub closed_deals: usize,
    /// Open deals in a stage with too little history of its own: weighted at their
    /// expected close date instead.
    pub weighted_deals: usize,
    /// Whole months from the first deal's creation to the forecast day: below 12, long
    /// stays and long lags are not known yet, and the later months may come out low.
    pub recorded_months: u32,
}

impl LearnedForecast {
    pub fn total(&self) -> Money {
        self.months.iter().map(LearnedMonth::total).sum()
    }
}

/// Why there is no learned forecast: the closed deals it would learn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLittleHistory {
    pub closed_deals: usize,
}

/// The learned forecast for the current month and the next five (rule 15's months).
pub fn learned_forecast(
    history: &History,
    ws: &Workspace,
    today: NaiveDate,
) -> Result<LearnedForecast, TooLittleHistory> {
    let first = month_start(today);
    let months: Vec<NaiveDate> = (0..=6).map(|i| month_offset(first, i)).collect();
    let known_before = today + Days::new(1);
    forecast_as_of(history, ws, known_before, &months, today.day()).map(|(forecast, _)| forecast)
}

/// The learned forecast of one month as made on its first day (the backtest's), with
/// the distribution of what its open deals would bring in.
pub fn month_as_of(
    history: &History,
    ws: &Workspace,
    month: NaiveDate,
) -> Result<(LearnedMonth, Distribution), TooLittleHistory> {
    let bounds = [month, month_offset(month, 1)];
    let (forecast, mut spreads) = forecast_as_of(history, ws, month, &bounds, 0)?;
    Ok((forecast.months[0], spreads.swap_remove(0)))
}

/// For each of the last 6 complete months, the learned forecast made on its first day
/// against what was won; where it had too little history then, the weighted forecast
/// the user would have seen (`weighted`, the same months). With it, what those months
/// say about how sure the method can be.
pub fn learned_backtest(
    history: &History,
    ws: &Workspace,
    weighted: &Backtest,
) -> (Backtest, Uncertainty) {
    let mut uncertainty = Uncertainty::default();
    let mut least_errors = Vec::new();
    let months = weighted
        .months
        .iter()
        .map(|m| {
            let forecast = match month_as_of(history, ws, m.month) {
                Ok((learned, spread)) => {
                    uncertainty.months += 1;
                    uncertainty.inside += usize::from(
                        learned.likely.low <= m.actual && m.actual <= learned.likely.high,
                    );
                    // The months the error measure counts: those with something won.
                    if m.actual.0 > 0 {
                        least_errors
                            .extend(spread.least_percentage_error().map(|(_, error)| error));
                    }
                    learned.total()
                }
                Err(_) => m.forecast,
            };
            backtest_month(m.month, forecast, m.actual)
        })
        .collect();
    uncertainty.chance_alone = (!least_errors.is_empty())
        .then(|| least_errors.iter().sum::<f64>() / least_errors.len() as f64);
    (Backtest::of(months), uncertainty)
}

/// What the backtest says about how sure the learned method can be.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Uncertainty {
    /// Of the months it had history for, how many were won inside the likely range it
    /// gave on their first day.
    pub inside: usize,
    pub months: usize,
    /// The error chance alone costs: over those months with something won, the mean of
    /// the least error any forecast could expect had it known every open deal's chance
    /// (the learned ones taken as true); `None` without such a month.
    pub chance_alone: Option<f64>,
}

/// The forecast as it would have been made with the events dated before `known_before`
/// known. `months` holds the month starts, one more than the months forecast;
/// `known_days` is how many days of the first month had passed. With it, each month's
/// distribution of what its open deals bring in (the likely range's).
fn forecast_as_of(
    history: &History,
    ws: &Workspace,
    known_before: NaiveDate,
    months: &[NaiveDate],
    known_days: u32,
) -> Result<(LearnedForecast, Vec<Distribution>), TooLittleHistory> {
    let last_known = known_before - Days::new(1);
    let window_start = last_known
        .checked_sub_months(Months::new(12))
        .unwrap_or(last_known);
    let learned_from = |day: NaiveDate| window_start <= day && day < known_before;
    let closed_deals = history.deals_closed(learned_from);
    if closed_deals < MIN_CLOSED_DEALS {
        return Err(TooLittleHistory { closed_deals });
    }
    let (known_day, window_day) = (day_number(known_before), day_number(window_start));
    let count = months.len() - 1;
    let bounds: Vec<i64> = months
        .iter()
        .map(|m| (*m - known_before).num_days())
        .collect();
    let mut open = OpenDeals::new(count);
    let mut weighted_deals = 0;
    for (stage, spans) in &history.spans {
        let (questions, running) = open_in_stage(history, spans, known_day, window_day);
        if questions.is_empty() {
            continue;
        }
        // The stays closed in the window (longest first, as History keeps them) and
        // those still running, merged longest first.
        let closed = (history
            .examples
            .get(stage)
            .map_or(&[][..], Vec::as_slice)
            .iter())
        .filter(|(closed, _)| learned_from(*closed))
        .map(|(_, e)| Observed {
            length: e.length,
            watched_from: i64::from(window_day - e.entered).max(0),
            until: e.to_close,
            closed: Some(e.won),
        });
        let stays = sweep::longest_first(closed, running);
        let asked: Vec<usize> = questions.iter().map(|q| q.deal).collect();
        if open.add_stage(history, &stays, questions, &bounds).is_err() {
            // Too little history of its own: each deal weighted at its close date as
            // it stood then.
            weighted_deals += asked.len();
            for deal in asked.iter().map(|i| &history.deals[*i]) {
                let as_it_stood = history.expected_close_at(deal, known_before);
                let Some(close) = as_it_stood.filter(|c| *c >= last_known) else {
                    continue;
                };
                if let Some(k) =
                    (months[..count].iter()).position(|m| month_key(*m) == month_key(close))
                {
                    open.add_weighted(k, deal.value, Fraction::percent(ws.probability(deal.deal)));
                }
            }
        }
    }
    let new = new_deals::expected(history, months, known_days, known_before);
    let spreads: Vec<Distribution> = (open.outcomes.iter().zip(&open.unsure).zip(&new))
        .map(|((outcomes, unsure), new)| Distribution::of(outcomes, *unsure).plus_one_of(&new.past))
        .collect();
    let forecast = LearnedForecast {
        months: (months[..count].iter().zip(open.sums.iter_mut()))
            .zip(new.iter().zip(&spreads))
            .map(|((month, open), (new, spread))| LearnedMonth {
                month: *month,
                open_deals: open.round(),
                new_deals: new.expected,
                likely: spread.likely(),
            })
            .collect(),
        closed_deals,
        weighted_deals,
        recorded_months: history
            .first_created
            .map_or(0, |first| whole_months(first, last_known)),
    };
    Ok((forecast, spreads))
}

/// A stage's open deals on the day `known_day` (their questions: how long they have
/// been in it), and its stays whose deal was open then, longest first: still running,
/// or ended by a move on (known up to that day, saying nothing after).
fn open_in_stage(
    history: &History,
    spans: &[Span],
    known_day: i32,
    window_day: i32,
) -> (Vec<Question>, Vec<Observed>) {
    let mut questions = Vec::new();
    let mut running = Vec::new();
    for span in (spans.iter()).filter(|s| s.entered < known_day && s.closed >= known_day) {
        let until = i64::from(known_day - span.entered);
        let ended = Some(i64::from(span.length)).filter(|length| *length < until);
        running.push(Observed {
            length: ended.unwrap_or(until),
            watched_from: i64::from(window_day - span.entered).max(0),
            until,
            closed: None,
        });
        if ended.is_none() {
            let deal = span.deal as usize;
            questions.push(Question {
                age: until,
                deal,
                whole_chance: history.deals[deal].probability_override.is_some(),
            });
        }
    }
    sweep::descending(&mut running, |o| o.length);
    (questions, running)
}

/// Whole months from `from` to `to` (0 when `to` is earlier).
fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    let short = i32::from(to.day() < from.day());
    u32::try_from(months_between(from, to) - short).unwrap_or(0)
}
