//! Long lists render a page of rows; this button adds more and says how many are left.

use crate::ui::components::when::When;
use leptos::prelude::*;

#[component]
pub fn ShowMore(
    /// Rows the list has.
    #[prop(into)]
    total: Signal<usize>,
    /// Rows shown; the button raises it by `step`.
    shown: RwSignal<usize>,
    step: usize,
) -> impl IntoView {
    let hidden = move || total.get().saturating_sub(shown.get());
    view! {
        <When when=move || { hidden() > 0 }>
            <button class="btn" on:click=move |_| shown.update(|s| *s += step)>
                {move || format!("Show more ({} not shown)", hidden())}
            </button>
        </When>
    }
}
