use crate::state::use_app;
use crate::ui::components::empty::EmptyState;
use leptos::prelude::*;

#[component]
pub fn ForecastPage() -> impl IntoView {
    let state = use_app();
    let dated = move || state.workspace.with(|w| w.deals.values().filter(|d| d.expected_close.is_some()).count());
    view! {
        <h1 class="page-title">"Forecast"</h1>
        <EmptyState
            title="No forecast yet"
            hint=move || format!("The forecast is built from open deals with an expected close date ({} so far). Give deals a close date on the board.", dated())
        />
    }
}
