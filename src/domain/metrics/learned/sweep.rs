//! How the stays of one stage that closed in the training window spread over the
//! coming months, for each open deal's age in the stage: a sweep from the oldest age
//! down, adding stays as they qualify, with counts by days-to-close in Fenwick trees.

/// A closed stay the forecast learns from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// Days the deal stayed in the stage.
    pub length: i64,
    /// Days from entering the stage to the close.
    pub to_close: i64,
    pub won: bool,
}

/// An open deal's question: it has been `age` days in the stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question {
    pub age: i64,
    /// Index of the deal in the caller's list.
    pub deal: usize,
}

/// What the examples say for one open deal: of `matched` stays as old as it, how many
/// were won with a close in each month, and how many closed (won or lost) in each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub deal: usize,
    pub matched: i64,
    pub won: i64,
    pub won_in: Vec<i64>,
    pub closed_in: Vec<i64>,
}

/// Below this many examples the stage's history says nothing (as rule 17's 5 closed deals).
pub const MIN_EXAMPLES: usize = 5;

/// Answers every question of one stage. `bounds[k]..bounds[k + 1]` are month k's days
/// counted from the day the forecast is made (so `bounds[0]` may be negative). A deal
/// `age` days in is compared with the stays that lasted at least `age` days; when fewer
/// than [`MIN_EXAMPLES`] did, with the [`MIN_EXAMPLES`] longest (an older deal is as
/// old as the oldest history knows). Each matched stay closes `to_close − age` days
/// from now.
/// `examples` come longest first ([`descending`]); `each` receives every answer.
pub fn answer(
    examples: &[Example],
    mut questions: Vec<Question>,
    bounds: &[i64],
    mut each: impl FnMut(&Answer),
) -> Result<(), TooFewExamples> {
    let oldest_known = examples.get(MIN_EXAMPLES - 1).ok_or(TooFewExamples)?.length;
    let size = examples
        .iter()
        .map(|e| e.to_close)
        .max()
        .unwrap_or(0)
        .max(0) as usize
        + 1;
    descending(&mut questions, |q| q.age);
    let mut counts = Fenwick::new(size);
    let mut examples = examples.iter().peekable();
    let (mut matched, mut won) = (0, 0);
    let months = bounds.len().saturating_sub(1);
    let mut answer = Answer {
        deal: 0,
        matched: 0,
        won: 0,
        won_in: vec![0; months],
        closed_in: vec![0; months],
    };
    for question in questions {
        let age = question.age.min(oldest_known);
        while let Some(example) = examples.next_if(|e| e.length >= age) {
            counts.add(example.to_close.max(0) as usize, example.won);
            matched += 1;
            won += i64::from(example.won);
        }
        // Month k's counts are the difference of the counts below its two bounds.
        let mut below_start = counts.below(age + bounds[0]);
        for (k, end) in bounds[1..].iter().enumerate() {
            let below_end = counts.below(age + end);
            let (won, closed) = unpack(below_end - below_start);
            answer.won_in[k] = won;
            answer.closed_in[k] = closed;
            below_start = below_end;
        }
        answer.deal = question.deal;
        answer.matched = matched;
        answer.won = won;
        each(&answer);
    }
    Ok(())
}

/// A stage with fewer than [`MIN_EXAMPLES`] closed stays: its history says nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooFewExamples;

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

/// (won, closed) counts by days to close, with prefix sums in O(log n); both counts
/// packed in one word (won in the high half), so an add walks the tree once.
struct Fenwick(Vec<u64>);

const WON: u64 = 1 << 32;

impl Fenwick {
    fn new(size: usize) -> Fenwick {
        Fenwick(vec![0; size + 1])
    }

    fn add(&mut self, at: usize, won: bool) {
        let step = if won { WON + 1 } else { 1 };
        let mut i = at + 1;
        while i < self.0.len() {
            self.0[i] += step;
            i += i & i.wrapping_neg();
        }
    }

    /// Packed counts below `end` (clamped to the tree).
    fn below(&self, end: i64) -> u64 {
        let mut i = end.clamp(0, self.0.len() as i64 - 1) as usize;
        let mut sum = 0;
        while i > 0 {
            sum += self.0[i];
            i -= i & i.wrapping_neg();
        }
        sum
    }
}

/// (won, closed) from packed counts.
fn unpack(packed: u64) -> (i64, i64) {
    ((packed >> 32) as i64, (packed & (WON - 1)) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(length: i64, to_close: i64, won: bool) -> Example {
        Example {
            length,
            to_close,
            won,
        }
    }

    #[test]
    fn a_deal_is_compared_with_stays_at_least_as_long_and_timed_from_its_age() {
        let mut examples = vec![
            example(2, 10, true),
            example(5, 5, false),
            example(8, 20, true),
            example(9, 40, true),
            example(12, 12, false),
            example(30, 70, true),
        ];
        // Months: days [-3, 27) and [27, 58) from the forecast's day.
        let bounds = [-3, 27, 58];
        descending(&mut examples, |e| e.length);
        let mut answers = Vec::new();
        answer(
            &examples,
            vec![Question { age: 8, deal: 0 }, Question { age: 1, deal: 1 }],
            &bounds,
            |a| answers.push(a.clone()),
        )
        .expect("six examples");
        let young = answers.iter().find(|a| a.deal == 1).expect("deal 1");
        // Age 1: all six match; each closes to_close − 1 days from now.
        assert_eq!((young.matched, young.won), (6, 4));
        // Won: 9, 19, 39, 69 days → month 0 has 9 and 19, month 1 has 39.
        assert_eq!(young.won_in, vec![2, 1]);
        // Closed: 9, 4, 19, 39, 11, 69 → four in month 0, one in month 1.
        assert_eq!(young.closed_in, vec![4, 1]);
        let old = answers.iter().find(|a| a.deal == 0).expect("deal 0");
        // Age 8: only 4 stays lasted 8 days, so the 5 longest (at least 5 days) answer,
        // timed from age 5: closes 65 (won), 7 (lost), 35 (won), 15 (won), 0 (lost)
        // days from now.
        assert_eq!((old.matched, old.won), (5, 3));
        assert_eq!(old.won_in, vec![1, 1]);
        assert_eq!(old.closed_in, vec![3, 1]);
    }

    #[test]
    fn too_few_examples_say_nothing() {
        let examples = vec![example(1, 1, true); 4];
        assert_eq!(
            answer(&examples, vec![], &[0, 30], |_| ()),
            Err(TooFewExamples)
        );
    }
}
