//! How the deal and lead lists sort: by a column in either direction, rows without a
//! value in that column (no date) last either way, equal values by id.

use crate::domain::support::sorting;
use std::cmp::Ordering;

/// A list query sorted by one column.
pub trait ColumnSort {
    type Column: Copy + PartialEq;

    /// The sorted column and whether it is descending.
    fn sorted_by(&self) -> (Self::Column, bool);

    fn sorted_by_mut(&mut self) -> (&mut Self::Column, &mut bool);

    /// A click on a column header: the sorted column flips direction, another column
    /// sorts ascending.
    fn click(&mut self, column: Self::Column) {
        let (sorted, descending) = self.sorted_by_mut();
        *descending = *sorted == column && !*descending;
        *sorted = column;
    }
}

/// The order of two rows: `by_column` in the chosen direction, a row missing the
/// column's value after every row that has one (in both directions), then by id.
pub fn list_order<Id: Ord>(
    by_column: Ordering,
    missing: (bool, bool),
    descending: bool,
    ids: (Id, Id),
) -> Ordering {
    let by_column = if descending {
        by_column.reverse()
    } else {
        by_column
    };
    missing
        .0
        .cmp(&missing.1)
        .then(by_column)
        .then(ids.0.cmp(&ids.1))
}

/// Sorts rows whose comparison may use a text column case-insensitively: the text is
/// lowercased once per row (`folded`, empty for other columns) and handed to `compare`
/// beside the row. Lowercasing inside the comparison cost 19 of 23 ms for 10,000 deals.
pub fn sort_rows<R>(
    rows: Vec<R>,
    folded: impl Fn(&R) -> String,
    compare: impl Fn((&str, &R), (&str, &R)) -> Ordering,
) -> Vec<R> {
    let mut keyed: Vec<(String, R)> = rows.into_iter().map(|r| (folded(&r), r)).collect();
    sorting::sort_by(&mut keyed, |a, b| compare((&a.0, &a.1), (&b.0, &b.1)));
    keyed.into_iter().map(|(_, row)| row).collect()
}

#[cfg(test)]
// The standard sort is the oracle these tests compare with.
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;

    #[test]
    fn missing_values_stay_last_in_both_directions() {
        let mut dates = vec![(3, Some(2)), (1, None), (2, Some(5))];
        let sort = |rows: &mut Vec<(u32, Option<u32>)>, descending: bool| {
            rows.sort_by(|a, b| {
                list_order(
                    a.1.cmp(&b.1),
                    (a.1.is_none(), b.1.is_none()),
                    descending,
                    (a.0, b.0),
                )
            })
        };
        sort(&mut dates, false);
        assert_eq!(dates, vec![(3, Some(2)), (2, Some(5)), (1, None)]);
        sort(&mut dates, true);
        assert_eq!(dates, vec![(2, Some(5)), (3, Some(2)), (1, None)]);
    }

    #[test]
    fn text_columns_sort_case_insensitively_with_the_folded_key() {
        let rows = vec![(1, "beta"), (2, "Alpha"), (3, "alpha"), (4, "Gamma")];
        let sorted = sort_rows(
            rows,
            |r| r.1.to_lowercase(),
            |(ka, a), (kb, b)| list_order(ka.cmp(kb), (false, false), false, (a.0, b.0)),
        );
        let ids: Vec<u32> = sorted.iter().map(|r| r.0).collect();
        assert_eq!(ids, [2, 3, 1, 4]);
    }

    struct Query(char, bool);

    impl ColumnSort for Query {
        type Column = char;
        fn sorted_by(&self) -> (char, bool) {
            (self.0, self.1)
        }
        fn sorted_by_mut(&mut self) -> (&mut char, &mut bool) {
            (&mut self.0, &mut self.1)
        }
    }

    #[test]
    fn a_click_flips_the_sorted_column_and_sorts_another_ascending() {
        let mut q = Query('a', false);
        q.click('a');
        assert_eq!(q.sorted_by(), ('a', true));
        q.click('a');
        assert_eq!(q.sorted_by(), ('a', false));
        q.click('a');
        q.click('b');
        assert_eq!(q.sorted_by(), ('b', false));
    }
}
