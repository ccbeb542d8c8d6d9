//! Banners that stay while storage is unhealthy, and short-lived toasts.

use crate::state::{use_app, StorageHealth};
use crate::storage::encode;
use crate::ui::download::download_text;
use leptos::prelude::*;

#[component]
pub fn StorageBanners() -> impl IntoView {
    let state = use_app();
    let export = move |_| {
        let text = encode(&state.workspace.get_untracked());
        if let Err(e) = download_text("pipewright-export.json", "application/json", &text) {
            state.toast_error(e);
        }
    };
    move || {
        match state.health.get() {
        StorageHealth::InMemory(reason) => Some(
            view! {
                <div class="banner banner-warn" role="alert" data-testid="storage-banner">
                    <strong>"Not saving: "</strong>
                    {format!("this browser does not let Pipewright use its storage ({reason}). ")}
                    "You can work, but everything is lost when this tab closes. Export to keep a copy."
                    <button class="btn" on:click=export>"Export workspace"</button>
                </div>
            }
            .into_any(),
        ),
        StorageHealth::SaveFailed(reason) => Some(
            view! {
                <div class="banner banner-error" role="alert" data-testid="storage-banner">
                    <strong>"Saving failed: "</strong>
                    {format!("{reason}. ")}
                    "Your changes are kept in this tab and saved as soon as space is freed (tried every few seconds); closing the tab before then loses them. Export to be safe."
                    <button class="btn" on:click=export>"Export workspace"</button>
                    <button class="btn btn-quiet" on:click=move |_| state.flush()>"Try again"</button>
                </div>
            }
            .into_any(),
        ),
        _ => None,
    }
    }
}

/// What could not be recovered from damaged stored data, until dismissed.
#[component]
pub fn RecoveredBanner() -> impl IntoView {
    let state = use_app();
    move || {
        state.recovered.get().map(|message| {
            view! {
                <div class="banner banner-error" role="alert" data-testid="recovered-banner">
                    <strong>"Recovered: "</strong>
                    {message}
                    " "
                    <a class="btn btn-quiet" href="#/settings">"Open Settings"</a>
                    <button class="btn btn-quiet" on:click=move |_| state.recovered.set(None)>"Dismiss"</button>
                </div>
            }
        })
    }
}

#[component]
pub fn Toasts() -> impl IntoView {
    let state = use_app();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || state.toasts.get() key=|t| t.id let:toast>
                <div class="toast" class:toast-error=toast.is_error data-testid="toast">
                    {toast.text}
                </div>
            </For>
        </div>
    }
}
