//! Shown instead of the app when the stored data cannot be read. Nothing is written
//! until the user chooses; starting fresh keeps the unreadable text as a backup.

use crate::state::{use_app, StorageHealth};
use crate::ui::download::download_text;
use leptos::prelude::*;

#[component]
pub fn RecoveryScreen() -> impl IntoView {
    let state = use_app();
    let details = move || match state.health.get() {
        StorageHealth::Unreadable { raw, error } => (error.to_string(), raw.len()),
        _ => (String::new(), 0),
    };
    let download = move |_| {
        if let StorageHealth::Unreadable { raw, .. } = state.health.get_untracked() {
            if let Err(e) = download_text("pipewright-unreadable-data.txt", "text/plain", &raw) {
                state.toast_error(e);
            }
        }
    };
    let start_fresh = move |_| match state.start_fresh_keeping_backup() {
        Ok(key) => state.toast(format!(
            "Started fresh. The unreadable data is kept as backup “{key}” (Settings lists it)."
        )),
        Err(e) => state.toast_error(format!(
            "Could not keep a backup, so nothing was changed: {e}"
        )),
    };
    view! {
        <main class="recovery" data-testid="storage-error" role="alert">
            <h1>"Your saved data could not be opened"</h1>
            <p>{move || format!("Pipewright found {} characters of saved data in this browser, but {}.", details().1, details().0)}</p>
            <p>"Nothing has been changed or deleted. Download the data to keep it safe, then start fresh; the unreadable copy stays stored as a backup until you delete it in Settings."</p>
            <div class="actions">
                <button class="btn btn-primary" on:click=download>"Download the stored data"</button>
                <button class="btn" on:click=start_fresh>"Start fresh (keep a backup)"</button>
            </div>
        </main>
    }
}
