use crate::state::use_app;
use crate::ui::components::empty::EmptyState;
use leptos::prelude::*;

#[component]
pub fn LeadsPage() -> impl IntoView {
    let state = use_app();
    let count = move || state.workspace.with(|w| w.leads.len());
    view! {
        <h1 class="page-title">"Leads"</h1>
        <Show
            when=move || { count() > 0 }
            fallback=|| view! { <EmptyState title="No leads yet" hint="Leads are potential customers you nurture until they are ready for a deal."/> }
        >
            <p>{move || format!("{} leads", count())}</p>
        </Show>
    }
}
