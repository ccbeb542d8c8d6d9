//! The date layout of one date column of a CSV being imported: what its values show,
//! changeable; a column that reads both day first and month first asks.

use crate::domain::csv::date_layout::{DateLayout, Detected};
use leptos::prelude::*;
use std::collections::HashMap;

#[component]
pub fn DateLayoutChoice(
    column: usize,
    header: String,
    detected: Detected,
    chosen: RwSignal<HashMap<usize, DateLayout>>,
) -> impl IntoView {
    let shown = match &detected {
        Detected::Layout(layout) => Some(*layout),
        Detected::Blank | Detected::Ambiguous(_) => None,
    };
    let current = move || {
        chosen
            .with(|c| c.get(&column).copied())
            .or(shown)
            .map_or("", DateLayout::key)
    };
    let fits = |layout: DateLayout| match &detected {
        Detected::Layout(l) => *l == layout,
        Detected::Ambiguous(all) => all.contains(&layout),
        Detected::Blank => false,
    };
    let options = DateLayout::ALL
        .into_iter()
        .map(|layout| {
            let label = if fits(layout) {
                format!("{} — fits this column", layout.label())
            } else {
                layout.label().to_string()
            };
            view! { <option value=layout.key()>{label}</option> }
        })
        .collect_view();
    view! {
        <select class="date-layout" aria-label=format!("Date layout of column {header}")
            prop:value=current
            on:change=move |ev| {
                if let Some(layout) = DateLayout::from_key(&event_target_value(&ev)) {
                    chosen.update(|c| { c.insert(column, layout); });
                }
            }>
            <option value="" disabled=true>"Choose how the dates are written"</option>
            {options}
        </select>
    }
}
