//! A sortable table header: a button that toggles the sort, with `aria-sort`.

use crate::domain::queries::column_sort::ColumnSort;
use leptos::prelude::*;

/// The `aria-sort` value of a column: sorted by it or not, and in which direction.
pub fn aria_sort(active: bool, descending: bool) -> &'static str {
    match (active, descending) {
        (false, _) => "none",
        (true, true) => "descending",
        (true, false) => "ascending",
    }
}

/// A column header of a list sorted by `query`: shows the sort, and a click sorts by
/// this column (the domain's `ColumnSort::click` rule).
pub fn sort_header<Q>(
    query: RwSignal<Q>,
    column: Q::Column,
    label: &'static str,
    numeric: bool,
) -> impl IntoView
where
    Q: ColumnSort + Send + Sync + 'static,
    Q::Column: Send + Sync + 'static,
{
    let sort = move || {
        query.with(|q| {
            let (sorted, descending) = q.sorted_by();
            aria_sort(sorted == column, descending)
        })
    };
    view! {
        <th scope="col" aria-sort=sort class:num=numeric>
            <button class="th-button" on:click=move |_| query.update(|q| q.click(column))>
                {label}
                <span aria-hidden="true">{move || match sort() { "ascending" => " ▲", "descending" => " ▼", _ => "" }}</span>
            </button>
        </th>
    }
}
