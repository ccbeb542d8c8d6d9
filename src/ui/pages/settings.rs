//! Workspace settings, backup and storage.

use crate::state::use_app;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app();
    let name = move || state.workspace.with(|w| w.settings.name.clone());
    let currency = move || state.workspace.with(|w| w.settings.currency.clone());
    view! {
        <h1 class="page-title">"Settings"</h1>
        <section class="panel">
            <h2>"Workspace"</h2>
            <dl class="facts">
                <dt>"Name"</dt><dd>{name}</dd>
                <dt>"Currency"</dt><dd>{currency}</dd>
            </dl>
            <p class="muted">"Your data stays in this browser: nothing is sent to any server."</p>
        </section>
    }
}
