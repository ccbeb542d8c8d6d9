//! How much of the browser's local storage the workspace uses, and kept backups.

use super::keep_data::KeepData;
use crate::state::{use_app, StorageHealth};
use crate::ui::components::when::When;
use crate::ui::download::download_text;
use leptos::prelude::*;

/// Chromium and Firefox allow about 5 million UTF-16 units per origin.
const QUOTA_CHARS: usize = 5 * 1024 * 1024;

#[component]
pub fn StoragePanel() -> impl IntoView {
    let state = use_app();
    // Recomputed after every save (the stored revision moves) and backup deletion.
    let refresh = RwSignal::new(0_u32);
    // Deleting a backup is the one irreversible action here: it takes a second click.
    let armed = RwSignal::new(None::<String>);
    let usage = move || {
        state.revision.track();
        refresh.track();
        state
            .with_repo(|r| r.used_chars())
            .map(|r| r.map_err(|e| e.to_string()))
    };
    let backups = move || {
        refresh.track();
        state
            .with_repo(|r| r.backups().unwrap_or_default())
            .unwrap_or_default()
    };
    view! {
        <section class="panel" aria-labelledby="storage-h">
            <h2 id="storage-h">"Storage"</h2>
            <p class="muted">"Everything is stored in this browser only; nothing is sent anywhere."</p>
            <KeepData/>
            {move || match (usage(), state.health.get()) {
                (_, StorageHealth::InMemory(reason)) => view! { <p>{format!("Storage is not available ({reason}); working in memory.")}</p> }.into_any(),
                (Some(Ok(used)), _) => {
                    let percent = used as f64 / QUOTA_CHARS as f64 * 100.0;
                    view! {
                        <div class="meter-row">
                            <meter min="0" max=QUOTA_CHARS.to_string() value=used.to_string() low=(QUOTA_CHARS * 7 / 10).to_string() high=(QUOTA_CHARS * 9 / 10).to_string() optimum="0" aria-label="Storage used"></meter>
                            <span class="num" data-testid="storage-used">{format!("{:.1} MB of about 10 MB used ({percent:.1} %)", used as f64 * 2.0 / 1_000_000.0)}</span>
                        </div>
                    }.into_any()
                }
                (Some(Err(e)), _) => view! { <p class="form-error">{format!("Usage could not be read: {e}")}</p> }.into_any(),
                (None, _) => view! { <p>"Storage is not available."</p> }.into_any(),
            }}
            <When when=move || !backups().is_empty()>
                <h3>"Kept backups of unreadable data"</h3>
                <ul class="plain-list">
                    <For each=backups key=|(k, _)| k.clone() let:backup>
                        {
                            let (key, size) = backup;
                            let download_key = key.clone();
                            let delete_key = key.clone();
                            view! {
                                <li>
                                    <span>{format!("{key} ({size} characters)")}</span>
                                    " "
                                    <button class="btn" on:click=move |_| {
                                        if let Some(Ok(Some(text))) = state.with_repo(|r| r.read(&download_key)) {
                                            if let Err(e) = download_text("pipewright-backup.txt", "text/plain", &text) { state.toast_error(e); }
                                        }
                                    }>"Download"</button>
                                    " "
                                    {
                                        let armed_key = key.clone();
                                        let is_armed = move || armed.get().as_deref() == Some(armed_key.as_str());
                                        view! {
                                            <button class="btn btn-danger" on:click=move |_| {
                                                if armed.get_untracked().as_deref() != Some(delete_key.as_str()) {
                                                    armed.set(Some(delete_key.clone()));
                                                    return;
                                                }
                                                if let Some(Err(e)) = state.with_repo(|r| r.delete_backup(&delete_key)) {
                                                    state.toast_error(e.to_string());
                                                }
                                                armed.set(None);
                                                refresh.update(|n| *n += 1);
                                            }>{move || if is_armed() { "Really delete? It cannot be undone" } else { "Delete" }}</button>
                                        }
                                    }
                                </li>
                            }
                        }
                    </For>
                </ul>
            </When>
        </section>
    }
}
