use crate::state::use_app;
use crate::ui::components::empty::EmptyState;
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = use_app();
    let closed = move || state.workspace.with(|w| w.deals.values().filter(|d| d.closed_on.is_some()).count());
    view! {
        <h1 class="page-title">"Dashboard"</h1>
        <EmptyState
            title="No metrics to show yet"
            hint=move || format!("KPI tiles and charts appear here once deals close ({} closed so far). Win or lose deals on the board to see them.", closed())
        />
    }
}
