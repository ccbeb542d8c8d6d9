//! The empty state every list and page shows instead of a blank area.

use leptos::prelude::*;

#[component]
pub fn EmptyState(
    #[prop(into)] title: TextProp,
    #[prop(into)] hint: TextProp,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="empty-state">
            <p class="empty-title">{move || title.get()}</p>
            <p class="empty-hint">{move || hint.get()}</p>
            {children.map(|c| c())}
        </div>
    }
}
