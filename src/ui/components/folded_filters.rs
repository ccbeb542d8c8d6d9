//! The filters beside a list's search: in the filter row on a wide screen; on a phone
//! folded behind a "Filters (n)" button that counts those narrowing the list, so the
//! list starts on the first screen (style/small-screens.css).

use leptos::prelude::*;

#[component]
pub fn FoldedFilters(
    /// The id of the folded region, for the button's `aria-controls`.
    id: &'static str,
    /// How many of the filters narrow the list now.
    #[prop(into)]
    narrowing: Signal<usize>,
    children: Children,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    view! {
        <button type="button" class="btn filters-toggle" aria-controls=id
            aria-expanded=move || shown.get().to_string()
            on:click=move |_| shown.update(|shown| *shown = !*shown)>
            {move || match narrowing.get() {
                0 => "Filters".to_string(),
                n => format!("Filters ({n})"),
            }}
        </button>
        <div id=id class="more-filters" class:asked-for=move || shown.get()>{children()}</div>
    }
}
