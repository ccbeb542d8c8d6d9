//! A sortable table header: a button that toggles the sort, with `aria-sort`.

use leptos::prelude::*;

/// The `aria-sort` value of a column: sorted by it or not, and in which direction.
pub fn aria_sort(active: bool, descending: bool) -> &'static str {
    match (active, descending) {
        (false, _) => "none",
        (true, true) => "descending",
        (true, false) => "ascending",
    }
}

/// `sort` is "none", "ascending" or "descending".
pub fn sort_header(
    label: &'static str,
    numeric: bool,
    sort: impl Fn() -> &'static str + Copy + Send + Sync + 'static,
    on_click: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <th scope="col" aria-sort=sort class:num=numeric>
            <button class="th-button" on:click=move |_| on_click()>
                {label}
                <span aria-hidden="true">{move || match sort() { "ascending" => " ▲", "descending" => " ▼", _ => "" }}</span>
            </button>
        </th>
    }
}
