//! Forecasts: weighted by month with categories and a slipped bucket, learned stage
//! probabilities, the trend line and the backtest of forecast accuracy.

use super::exact::{ExactSum, Fraction};
use super::index::{furthest_stage, LogIndex};
use super::learned::history::History;
use super::{month_key, month_offset, month_start, ratio};
use crate::domain::{Deal, DealStatus, Money, PipelineId, StageId, Workspace};
use chrono::{Months, NaiveDate};
use std::collections::HashMap;

/// Below this many closed deals a stage has "not enough history" (rule 17).
pub const LEARNED_MIN_CLOSED: usize = 5;

/// From this probability up a deal counts as commit (rule 16).
pub const COMMIT_PERCENT: u8 = 80;
/// From this probability up (and below commit) a deal counts as best case.
pub const BEST_CASE_PERCENT: u8 = 50;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Categories {
    /// Full value of deals at ≥ 80 %.
    pub commit: Money,
    /// 50–79 %.
    pub best_case: Money,
    /// Below 50 %.
    pub pipeline: Money,
}

impl Categories {
    fn add(&mut self, value: Money, p: Fraction) {
        if p.at_least(COMMIT_PERCENT) {
            self.commit += value;
        } else if p.at_least(BEST_CASE_PERCENT) {
            self.best_case += value;
        } else {
            self.pipeline += value;
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct MonthForecast {
    /// First day of the month.
    pub month: NaiveDate,
    pub weighted: Money,
    pub already_won: Money,
    pub categories: Categories,
    pub deals: usize,
}

/// The forecast's months added up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ForecastTotals {
    pub weighted: Money,
    pub already_won: Money,
    pub commit: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    pub months: Vec<MonthForecast>,
    pub slipped_weighted: Money,
    pub slipped_categories: Categories,
    pub slipped_deals: usize,
    /// Open deals without an expected close date: in no month (rule 13), shown apart so
    /// their value does not vanish.
    pub undated_weighted: Money,
    pub undated_deals: usize,
    pub goal: Option<Money>,
}

impl Forecast {
    /// The months' weighted value, value already won and commit, added up.
    pub fn totals(&self) -> ForecastTotals {
        self.months
            .iter()
            .fold(ForecastTotals::default(), |mut t, m| {
                t.weighted += m.weighted;
                t.already_won += m.already_won;
                t.commit += m.categories.commit;
                t
            })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LearnedProbability {
    pub stage: StageId,
    pub name: String,
    pub manual: u8,
    /// Won ÷ closed among deals that reached the stage; `None` below 5 closed deals.
    pub learned: Option<f64>,
    pub closed: usize,
    pub won: usize,
}

/// Learned probability of every stage of every pipeline (rule 17).
pub fn learned_probabilities(
    ws: &Workspace,
    logs: &LogIndex,
    today: NaiveDate,
) -> Vec<LearnedProbability> {
    let since = today.checked_sub_months(Months::new(12)).unwrap_or(today);
    let mut out = Vec::new();
    for pipeline in &ws.pipelines {
        let n = pipeline.stages.len();
        let mut closed = vec![0usize; n];
        let mut won = vec![0usize; n];
        for deal in ws
            .deals
            .values()
            .filter(|d| d.pipeline == pipeline.id && d.status != DealStatus::Open)
        {
            if !deal.closed_on.is_some_and(|c| since <= c && c <= today) {
                continue;
            }
            let is_won = deal.status == DealStatus::Won;
            let top = if is_won {
                n.checked_sub(1)
            } else {
                furthest_stage(pipeline, logs.of(deal.id))
            };
            if let Some(top) = top {
                for i in 0..=top {
                    closed[i] += 1;
                    won[i] += usize::from(is_won);
                }
            }
        }
        for (i, stage) in pipeline.stages.iter().enumerate() {
            out.push(LearnedProbability {
                stage: stage.id,
                name: stage.name.clone(),
                manual: stage.probability,
                learned: (closed[i] >= LEARNED_MIN_CLOSED)
                    .then(|| won[i] as f64 / closed[i] as f64),
                closed: closed[i],
                won: won[i],
            });
        }
    }
    out
}

/// The probability the forecast uses for an open deal, exactly (rules 11 and 25).
fn forecast_probability(
    ws: &Workspace,
    deal: &Deal,
    learned: Option<&HashMap<StageId, Fraction>>,
) -> Fraction {
    if let Some(p) = deal.probability_override {
        return Fraction::percent(p);
    }
    if let Some(fraction) = learned.and_then(|l| l.get(&deal.stage)) {
        return *fraction;
    }
    Fraction::percent(ws.stage(deal.stage).map_or(0, |(_, s)| s.probability))
}

/// The next 6 months' weighted forecast (current month included), categories and the
/// slipped bucket, for one pipeline or all.
pub fn monthly_forecast(
    ws: &Workspace,
    scope: Option<PipelineId>,
    learned: &[LearnedProbability],
    today: NaiveDate,
) -> Forecast {
    let learned_map: HashMap<StageId, Fraction> = learned
        .iter()
        .filter(|l| l.learned.is_some())
        .map(|l| (l.stage, Fraction::learned(l.won, l.closed)))
        .collect();
    let use_learned = ws.settings.forecast_uses_learned.then_some(&learned_map);
    let first = month_start(today);
    let months: Vec<NaiveDate> = (0..6).map(|i| month_offset(first, i)).collect();
    let slot = |day: NaiveDate| months.iter().position(|m| month_key(*m) == month_key(day));
    let mut weighted: [ExactSum; 6] = Default::default();
    let mut won = [Money(0); 6];
    let mut categories = [Categories::default(); 6];
    let mut counts = [0usize; 6];
    let (mut slipped_w, mut slipped_c, mut slipped_n) =
        (ExactSum::default(), Categories::default(), 0usize);
    let (mut undated_w, mut undated_n) = (ExactSum::default(), 0usize);
    for deal in ws
        .deals
        .values()
        .filter(|d| scope.is_none_or(|p| d.pipeline == p))
    {
        match deal.status {
            DealStatus::Open => {
                let p = forecast_probability(ws, deal, use_learned);
                let Some(close) = deal.expected_close else {
                    undated_w.add(deal.value, p);
                    undated_n += 1;
                    continue;
                };
                if close < today {
                    slipped_w.add(deal.value, p);
                    slipped_c.add(deal.value, p);
                    slipped_n += 1;
                } else if let Some(i) = slot(close) {
                    weighted[i].add(deal.value, p);
                    categories[i].add(deal.value, p);
                    counts[i] += 1;
                }
            }
            DealStatus::Won => {
                if let Some(i) = deal.closed_on.filter(|c| *c <= today).and_then(slot) {
                    won[i] += deal.value;
                }
            }
            DealStatus::Lost => {}
        }
    }
    Forecast {
        months: months
            .iter()
            .enumerate()
            .map(|(i, m)| MonthForecast {
                month: *m,
                weighted: weighted[i].round(),
                already_won: won[i],
                categories: categories[i],
                deals: counts[i],
            })
            .collect(),
        slipped_weighted: slipped_w.round(),
        slipped_categories: slipped_c,
        slipped_deals: slipped_n,
        undated_weighted: undated_w.round(),
        undated_deals: undated_n,
        goal: ws.settings.monthly_goal,
    }
}

/// Won value per month for the `count` complete months before today's month.
pub fn won_by_month(
    ws: &Workspace,
    scope: Option<PipelineId>,
    today: NaiveDate,
    count: i32,
) -> Vec<(NaiveDate, Money)> {
    let won = ws
        .deals
        .values()
        .filter(|d| d.status == DealStatus::Won && scope.is_none_or(|p| d.pipeline == p))
        .filter_map(|d| d.closed_on.map(|c| (c, d.value)));
    won_by_month_of(won, today, count)
}

/// [`won_by_month`] of (closed on, value) pairs.
fn won_by_month_of(
    won: impl Iterator<Item = (NaiveDate, Money)>,
    today: NaiveDate,
    count: i32,
) -> Vec<(NaiveDate, Money)> {
    let months: Vec<NaiveDate> = (0..count).map(|i| month_offset(today, i - count)).collect();
    let first = month_key(months[0]);
    let mut sums = vec![Money(0); months.len()];
    for (closed, value) in won {
        let (y, m) = month_key(closed);
        let i = (y - first.0) * 12 + m as i32 - first.1 as i32;
        if let Some(sum) = usize::try_from(i).ok().and_then(|i| sums.get_mut(i)) {
            *sum += value;
        }
    }
    months.into_iter().zip(sums).collect()
}

#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    /// The 12 complete months before the current one, zeros included.
    pub history: Vec<(NaiveDate, Money)>,
    /// The line over the current month and the next two, never below 0 (minor units).
    pub projection: Vec<(NaiveDate, f64)>,
    pub slope_per_month: f64,
    pub intercept: f64,
}

/// Ordinary least squares through the last 12 complete months (rule 18).
pub fn trend(ws: &Workspace, scope: Option<PipelineId>, today: NaiveDate) -> Trend {
    let history = won_by_month(ws, scope, today, 12);
    let n = history.len() as f64;
    let mean_x = (n - 1.0) / 2.0;
    let mean_y = history.iter().map(|(_, v)| v.0 as f64).sum::<f64>() / n;
    let (mut sxy, mut sxx) = (0.0, 0.0);
    for (x, (_, y)) in history.iter().enumerate() {
        let dx = x as f64 - mean_x;
        sxy += dx * (y.0 as f64 - mean_y);
        sxx += dx * dx;
    }
    let slope = if sxx == 0.0 { 0.0 } else { sxy / sxx };
    let intercept = mean_y - slope * mean_x;
    let mut trend = Trend {
        projection: Vec::new(),
        history,
        slope_per_month: slope,
        intercept,
    };
    trend.projection = (0..3)
        .map(|k| (month_offset(today, k), trend.at(n as usize + k as usize)))
        .collect();
    trend
}

impl Trend {
    /// The line's value for month `x` (0 = the first month of the history), never
    /// below 0, in minor units.
    pub fn at(&self, x: usize) -> f64 {
        (self.intercept + self.slope_per_month * x as f64).max(0.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct BacktestMonth {
    pub month: NaiveDate,
    /// The weighted forecast for the month as the log stood on its first day.
    pub forecast: Money,
    pub actual: Money,
    /// forecast − actual.
    pub error: Money,
    /// |error| ÷ actual; `None` when nothing was won.
    pub percentage_error: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Backtest {
    pub months: Vec<BacktestMonth>,
    /// Mean absolute percentage error over months with something won.
    pub mape: Option<f64>,
}

/// For each of the last 6 complete months, the forecast made on its first day against
/// what was won (rule 19). Manual probabilities only (rule 11). `history` holds the
/// scope's deals; a deal counts when a stay of it was open on the 1st (`Stay::open_at`:
/// the log as it stood before any event dated that day) and its expected close date as
/// it stood then falls in the month.
pub fn backtest(ws: &Workspace, history: &History, today: NaiveDate) -> Backtest {
    let actuals = won_by_month_of(history.won.iter().map(|w| (w.0, w.2)), today, 6);
    let mut months = Vec::with_capacity(actuals.len());
    for (month, actual) in actuals {
        let mut sum = 0i128;
        let in_month = month..month_offset(month, 1);
        for deal in &history.deals {
            if history
                .expected_close_at(deal, month)
                .is_none_or(|c| !in_month.contains(&c))
            {
                continue;
            }
            let Some(stay) = history.stays[deal.stays.clone()]
                .iter()
                .find(|s| s.open_at(month))
            else {
                continue;
            };
            let percent = deal
                .probability_override
                .or_else(|| ws.stage(stay.stage).ok().map(|(_, s)| s.probability))
                .unwrap_or(0);
            sum += deal.value.0 as i128 * percent as i128;
        }
        months.push(backtest_month(month, super::weighted_money(sum), actual));
    }
    Backtest::of(months)
}

/// One month of a backtest: the forecast made on its first day against what was won.
pub fn backtest_month(month: NaiveDate, forecast: Money, actual: Money) -> BacktestMonth {
    let error = Money(forecast.0 - actual.0);
    BacktestMonth {
        month,
        forecast,
        actual,
        error,
        percentage_error: (actual.0 > 0).then(|| error.0.unsigned_abs() as f64 / actual.0 as f64),
    }
}

impl Backtest {
    /// The months and their mean absolute percentage error (months with wins only).
    pub fn of(months: Vec<BacktestMonth>) -> Backtest {
        let errors: Vec<f64> = months.iter().filter_map(|m| m.percentage_error).collect();
        Backtest {
            mape: ratio(errors.iter().sum(), errors.len() as f64),
            months,
        }
    }
}
