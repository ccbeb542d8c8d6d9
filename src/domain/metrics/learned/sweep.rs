//! How the stays of one stage spread over the coming months, for each open deal's age
//! in the stage. A stay whose deal was still open on the forecast day is known to have
//! lasted that long and says nothing after: each month's chance is the Aalen–Johansen
//! estimate (the Kaplan–Meier estimate for two ways of closing, won and lost), with
//! each stay watched from the training window's start. A sweep from the oldest age
//! down adds the stays as long as it; the time axis is kept in days.

/// A stay the forecast learns from: closed in the training window, or running (its
/// deal open) on the forecast day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Observed {
    /// Days the deal stayed in the stage (up to the forecast day while it stays).
    pub length: i64,
    /// Days from its entry to the training window's start (0 when it entered inside).
    pub watched_from: i64,
    /// Days from its entry to its close, or to the forecast day while its deal is open.
    pub until: i64,
    /// Won or lost at `until`; `None`: its deal was still open then.
    pub closed: Option<bool>,
}

/// An open deal's question: it has been `age` days in the stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question {
    pub age: i64,
    /// Index of the deal in the caller's list.
    pub deal: usize,
    /// Whether the chance it is won at all, past the months asked about, is wanted.
    pub whole_chance: bool,
}

/// What the stays say for one open deal: its chance of being won, and of closing (won
/// or lost), in each month; `won`, its chance of being won at all where `whole_chance`
/// was asked (else within the months only).
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub deal: usize,
    pub won_in: Vec<f64>,
    pub closed_in: Vec<f64>,
    pub won: f64,
    /// How far off each month's chance of being won, and of closing, may be, as a share
    /// of it: 1 ÷ √n for the n stays won (closed) in the month's days that it is read
    /// from (a count of n is off by about √n); 0 with none.
    pub won_off_by: Vec<f64>,
    pub closed_off_by: Vec<f64>,
}

/// Below this many closed stays the stage's history says nothing (as rule 17's 5 closed
/// deals).
pub const MIN_EXAMPLES: usize = 5;

/// Answers every question of one stage. `bounds[k]..bounds[k + 1]` are month k's days
/// counted from the day the forecast is made (so `bounds[0]` may be negative). A deal
/// `age` days in is compared with the stays that lasted at least `age` days; when fewer
/// than [`MIN_EXAMPLES`] closed ones did, with those at least as long as the
/// [`MIN_EXAMPLES`]th longest closed one (an older deal is as old as the oldest history
/// knows). From its age on, day by day: of the stays then at risk (watched, not closed
/// yet), the share closing that day, won or lost, times the chance of being still open.
/// `observed` come longest first ([`descending`]); `each` receives every answer.
pub fn answer(
    observed: &[Observed],
    mut questions: Vec<Question>,
    bounds: &[i64],
    mut each: impl FnMut(&Answer),
) -> Result<(), TooFewExamples> {
    let oldest_known = (observed.iter().filter(|o| o.closed.is_some()))
        .nth(MIN_EXAMPLES - 1)
        .ok_or(TooFewExamples)?
        .length;
    descending(&mut questions, |q| q.age);
    let mut risk = RiskSets::new(observed);
    let mut observed = observed.iter().peekable();
    let months = bounds.len().saturating_sub(1);
    let mut answer = Answer {
        deal: 0,
        won_in: vec![0.0; months],
        closed_in: vec![0.0; months],
        won: 0.0,
        won_off_by: vec![0.0; months],
        closed_off_by: vec![0.0; months],
    };
    let mut answered: Option<(i64, bool)> = None;
    for question in questions {
        let age = question.age.min(oldest_known);
        let mut added = false;
        while let Some(stay) = observed.next_if(|o| o.length >= age) {
            risk.add(stay);
            added = true;
        }
        // Deals of the same age (after the cap) get the same answer.
        let whole = question.whole_chance;
        if added || answered.is_none_or(|(a, w)| a != age || (whole && !w)) {
            risk.estimate(age, bounds, whole, &mut answer);
            answered = Some((age, whole));
        }
        answer.deal = question.deal;
        each(&answer);
    }
    Ok(())
}

/// Two lists of stays, each longest first, as one.
pub fn longest_first(one: impl Iterator<Item = Observed>, other: Vec<Observed>) -> Vec<Observed> {
    let mut merged = Vec::with_capacity(other.len() * 2);
    let mut other = other.into_iter().peekable();
    for stay in one {
        while let Some(longer) = other.next_if(|o| o.length > stay.length) {
            merged.push(longer);
        }
        merged.push(stay);
    }
    merged.extend(other);
    merged
}

/// A stage with fewer than [`MIN_EXAMPLES`] closed stays: its history says nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooFewExamples;

/// The stays added so far, by day since their entry: how many start being watched
/// there (less those whose watch ended the day before), and how many closed, and won.
struct RiskSets {
    /// Watched from day t on, minus watched until day t − 1.
    starts: Vec<i32>,
    /// Stays added so far.
    added: i64,
    /// Of them, those watched only from a later day than their entry, by that day: all
    /// stays added for an age last at least that long, so those at risk on the age's
    /// day are those added less those watched only from later.
    watched_later: Fenwick,
    later: i64,
    closed: Vec<u32>,
    won: Vec<u32>,
}

impl RiskSets {
    fn new(observed: &[Observed]) -> RiskSets {
        let days = observed.iter().map(|o| o.until).max().unwrap_or(0).max(0) as usize + 2;
        RiskSets {
            starts: vec![0; days],
            added: 0,
            watched_later: Fenwick::new(days),
            later: 0,
            closed: vec![0; days],
            won: vec![0; days],
        }
    }

    fn add(&mut self, stay: &Observed) {
        let until = stay.until.max(0) as usize;
        let from = (stay.watched_from.max(0) as usize).min(until);
        self.starts[from] += 1;
        self.starts[until + 1] -= 1;
        self.added += 1;
        if from > 0 {
            self.watched_later.add(from, 1);
            self.later += 1;
        }
        if let Some(won) = stay.closed {
            self.closed[until] += 1;
            self.won[until] += u32::from(won);
        }
    }

    /// The chances from day `age` on, month by month; with `whole`, to the last day.
    fn estimate(&self, age: i64, bounds: &[i64], whole: bool, answer: &mut Answer) {
        answer.won_in.fill(0.0);
        answer.closed_in.fill(0.0);
        // Counts of stays first, turned into shares at the end.
        answer.won_off_by.fill(0.0);
        answer.closed_off_by.fill(0.0);
        answer.won = 0.0;
        let days = self.closed.len() as i64;
        let first = age.clamp(0, days - 1);
        let horizon = age.saturating_add(bounds.last().copied().unwrap_or(0));
        let last = if whole { days } else { horizon.min(days) };
        let mut at_risk = self.added - (self.later - self.watched_later.below(first + 1));
        let mut still_open = 1.0;
        let mut month = 0;
        for day in first..last {
            if day > first {
                at_risk += i64::from(self.starts[day as usize]);
            }
            let closed = self.closed[day as usize];
            if closed == 0 || at_risk <= 0 {
                continue;
            }
            let at_risk = at_risk as f64;
            let won = still_open * f64::from(self.won[day as usize]) / at_risk;
            let closes = still_open * f64::from(closed) / at_risk;
            answer.won += won;
            while month < answer.won_in.len() && day >= age + bounds[month + 1] {
                month += 1;
            }
            if month < answer.won_in.len() && day >= age + bounds[0] {
                answer.won_in[month] += won;
                answer.closed_in[month] += closes;
                answer.won_off_by[month] += f64::from(self.won[day as usize]);
                answer.closed_off_by[month] += f64::from(closed);
            }
            still_open *= 1.0 - f64::from(closed) / at_risk;
        }
        for seen in (answer.won_off_by.iter_mut()).chain(answer.closed_off_by.iter_mut()) {
            *seen = if *seen > 0.0 { 1.0 / seen.sqrt() } else { 0.0 };
        }
    }
}

/// Orders examples as [`answer`] takes them (longest first), or questions (oldest
/// first): a stable counting sort, as keys are days (a few hundred distinct values for
/// thousands of items).
pub fn descending<T: Copy>(items: &mut Vec<T>, key: impl Fn(&T) -> i64) {
    let longest = items.iter().map(&key).max().unwrap_or(0).max(0) as usize;
    if longest > 4 * items.len() + 1_000 {
        // Odd dates decades apart: a comparison sort, not a huge count table.
        crate::domain::support::sorting::sort_by_key(items, |e| std::cmp::Reverse(key(e)));
        return;
    }
    let mut starts = vec![0usize; longest + 2];
    for e in items.iter() {
        starts[longest - key(e).clamp(0, longest as i64) as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut sorted = items.clone();
    for e in items.iter() {
        let slot = &mut starts[longest - key(e).clamp(0, longest as i64) as usize];
        sorted[*slot] = *e;
        *slot += 1;
    }
    *items = sorted;
}

/// Counts by day with prefix sums in O(log n).
struct Fenwick(Vec<i64>);

impl Fenwick {
    fn new(size: usize) -> Fenwick {
        Fenwick(vec![0; size + 1])
    }

    fn add(&mut self, at: usize, step: i64) {
        let mut i = at + 1;
        while i < self.0.len() {
            self.0[i] += step;
            i += i & i.wrapping_neg();
        }
    }

    /// The sum of the counts below `end` (clamped to the tree).
    fn below(&self, end: i64) -> i64 {
        let mut i = end.clamp(0, self.0.len() as i64 - 1) as usize;
        let mut sum = 0;
        while i > 0 {
            sum += self.0[i];
            i -= i & i.wrapping_neg();
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn closed(length: i64, until: i64, won: bool) -> Observed {
        Observed {
            length,
            watched_from: 0,
            until,
            closed: Some(won),
        }
    }

    /// A stay still running on the forecast day, `days` in.
    fn running(days: i64) -> Observed {
        Observed {
            length: days,
            watched_from: 0,
            until: days,
            closed: None,
        }
    }

    fn answers(stays: &[Observed], ages: &[i64], bounds: &[i64]) -> Vec<Answer> {
        let mut stays = stays.to_vec();
        descending(&mut stays, |o| o.length);
        let questions = (ages.iter().enumerate())
            .map(|(deal, &age)| Question {
                age,
                deal,
                whole_chance: true,
            })
            .collect();
        let mut answers = Vec::new();
        answer(&stays, questions, bounds, |a| answers.push(a.clone()))
            .expect("enough closed stays");
        crate::domain::support::sorting::sort_by_key(&mut answers, |a| a.deal);
        answers
    }

    /// The answer's chances by month, won and closed, and its chance of being won at all.
    fn assert_chances(got: &Answer, won_in: &[f64], closed_in: &[f64], won: f64) {
        let close = |got: &[f64], want: &[f64]| {
            got.len() == want.len() && got.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-12)
        };
        assert!(close(&got.won_in, won_in), "{got:?}");
        assert!(close(&got.closed_in, closed_in), "{got:?}");
        assert!((got.won - won).abs() < 1e-12, "{got:?}");
    }

    #[test]
    fn with_every_stay_closed_the_chances_are_the_shares_of_the_stays_as_long() {
        let stays = [
            closed(2, 10, true),
            closed(5, 5, false),
            closed(8, 20, true),
            closed(9, 40, true),
            closed(12, 12, false),
            closed(30, 70, true),
        ];
        // Months: days [-3, 27) and [27, 58) from the forecast's day.
        let got = answers(&stays, &[1, 8], &[-3, 27, 58]);
        // Age 1: all six, each closing (days to close − 1) from now: won 9, 19 (month
        // 0), 39 (month 1), 69 (later); lost 4, 11.
        assert_chances(
            &got[0],
            &[2.0 / 6.0, 1.0 / 6.0],
            &[4.0 / 6.0, 1.0 / 6.0],
            4.0 / 6.0,
        );
        // Age 8: only 4 stays lasted 8 days, so it is taken as 5 days in (the 5th
        // longest): those 5, timed from day 5: lost 0, 7; won 15 (month 0), 35 (1), 65.
        assert_chances(
            &got[1],
            &[1.0 / 5.0, 1.0 / 5.0],
            &[3.0 / 5.0, 1.0 / 5.0],
            3.0 / 5.0,
        );
    }

    #[test]
    fn a_running_stay_is_at_risk_until_the_forecast_day_and_an_old_one_from_the_window() {
        let stays = [
            closed(10, 10, false),
            closed(20, 20, true),
            closed(30, 30, true),
            closed(40, 40, false),
            closed(50, 50, true),
            // Still running on the forecast day, 15 days in.
            running(15),
            // Entered 35 days before the training window began: watched from day 35.
            Observed {
                length: 45,
                watched_from: 35,
                until: 45,
                closed: Some(true),
            },
        ];
        // Age 1; months: days [0, 30) and [30, 60) from now, so stay days [1, 31) and
        // [31, 61). At risk, still open, closing that day:
        //   day 10: 6 (the running one too), lost 1: still open 5/6
        //   day 20: 4 (the running one ran to 15), won: 5/6 × 1/4 = 5/24; open 5/8
        //   day 30: 3, won: 5/8 × 1/3 = 5/24; open 5/12
        //   day 40: 3 (the old one is watched now), lost: 5/36; open 5/18
        //   day 45: 2, won (the old one): 5/36; open 5/36
        //   day 50: 1, won: 5/36.
        let got = answers(&stays, &[1], &[0, 30, 60]);
        // Won at all: 25/36, where the closed stays alone say 4 in 6.
        let (won_in, closed_in) = ([10.0 / 24.0, 10.0 / 36.0], [14.0 / 24.0, 15.0 / 36.0]);
        assert_chances(&got[0], &won_in, &closed_in, 25.0 / 36.0);
        // Each month's chances are read from the stays closing in its days: 2 won and
        // 3 closed in each, so off by 1 ÷ √2 and 1 ÷ √3 of themselves.
        let (two, three) = (1.0 / 2f64.sqrt(), 1.0 / 3f64.sqrt());
        assert_eq!(
            (got[0].won_off_by.clone(), got[0].closed_off_by.clone()),
            (vec![two, two], vec![three, three])
        );
    }

    #[test]
    fn too_few_closed_stays_say_nothing() {
        let mut stays = vec![closed(1, 1, true); 4];
        stays.push(running(3));
        assert_eq!(
            answer(&stays, vec![], &[0, 30], |_| ()),
            Err(TooFewExamples)
        );
    }
}
