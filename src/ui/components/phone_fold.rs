//! What a phone folds away behind a button so that a list starts on the first screen:
//! the filters beside a list's search ("Filters (n)"), the add-lead form ("New lead").
//! On a wide screen the button is hidden and the folded part is in its place
//! (style/small-screens.css).

use leptos::prelude::*;

#[component]
pub fn PhoneFold(
    /// The id of the folded part, for the button's `aria-controls`.
    id: &'static str,
    /// The button's text.
    #[prop(into)]
    label: Signal<String>,
    children: Children,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    view! {
        <button type="button" class="btn fold-toggle" aria-controls=id
            aria-expanded=move || shown.get().to_string()
            on:click=move |_| shown.update(|shown| *shown = !*shown)>
            {label}
        </button>
        <div id=id class="folded" class:asked-for=move || shown.get()>{children()}</div>
    }
}

/// The filters beside a list's search, folded on a phone behind a button that counts
/// those narrowing the list now.
#[component]
pub fn FoldedFilters(
    id: &'static str,
    /// How many of the filters narrow the list now.
    #[prop(into)]
    narrowing: Signal<usize>,
    children: Children,
) -> impl IntoView {
    let label = Signal::derive(move || match narrowing.get() {
        0 => "Filters".to_string(),
        n => format!("Filters ({n})"),
    });
    view! { <PhoneFold id=id label=label>{children()}</PhoneFold> }
}
