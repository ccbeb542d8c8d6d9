//! A filter menu: "Any …" or one of the values found in the data.

use leptos::prelude::*;

#[component]
pub fn ChoiceFilter(
    /// The accessible name, e.g. "Filter by owner".
    label: &'static str,
    /// The first entry, e.g. "Any owner".
    any: &'static str,
    /// A memo, so the menu is rebuilt only when the values change, not on every edit.
    #[prop(into)]
    choices: Signal<Vec<String>>,
    /// `None` for any.
    on_change: impl Fn(Option<String>) + 'static,
    /// The value shown as chosen (a filter read from the address); any when not given.
    #[prop(optional, into)]
    selected: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let chosen = move |c: &str| selected.is_some_and(|s| s.with(|v| v.as_deref() == Some(c)));
    view! {
        <select aria-label=label on:change=move |ev| on_change(Some(event_target_value(&ev)).filter(|v| !v.is_empty()))>
            <option value="">{any}</option>
            {move || choices.get().into_iter().map(|c| {
                let on = chosen(&c);
                view! { <option value=c.clone() selected=on>{c.clone()}</option> }
            }).collect_view()}
        </select>
    }
}
