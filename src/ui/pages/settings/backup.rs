//! Export the workspace to a JSON file and import it back, after a confirmation.

use crate::domain::Workspace;
use crate::state::use_app;
use crate::storage::{decode, encode};
use crate::ui::components::when::When;
use crate::ui::download::download_text;
use crate::ui::format::workspace_contents;
use leptos::prelude::*;

/// A file that decoded fine and waits for the user's confirmation.
#[derive(Clone)]
struct PendingImport {
    file_name: String,
    workspace: Workspace,
}

async fn read_file(file: web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| "the file could not be read".to_string())?;
    text.as_string()
        .ok_or_else(|| "the file is not text".to_string())
}

#[component]
pub fn BackupPanel() -> impl IntoView {
    let state = use_app();
    let pending = RwSignal::new(None::<PendingImport>);
    let error = RwSignal::new(None::<String>);

    let export = move |_| {
        let ws = state.workspace.get_untracked();
        let date = crate::state::today();
        match download_text(
            &format!("pipewright-{date}.json"),
            "application/json",
            &encode(&ws),
        ) {
            Ok(()) => state.toast(format!("Exported {}", workspace_contents(&ws))),
            Err(e) => state.toast_error(e),
        }
    };

    let choose = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let file_name = file.name();
        leptos::task::spawn_local(async move {
            let result = read_file(file)
                .await
                .and_then(|text| decode(&text).map_err(|e| e.to_string()));
            match result {
                Ok(workspace) => {
                    error.set(None);
                    pending.set(Some(PendingImport {
                        file_name,
                        workspace,
                    }));
                }
                Err(e) => {
                    pending.set(None);
                    error.set(Some(format!(
                        "“{file_name}” was not imported: {e}. Your data is unchanged."
                    )));
                }
            }
        });
    };

    let confirm = move |_| {
        if let Some(import) = pending.get_untracked() {
            pending.set(None);
            state.replace_everything(
                import.workspace,
                format!("Import {}", import.file_name),
                "Workspace imported. Undo restores the previous data.".into(),
            );
        }
    };

    view! {
        <section class="panel" aria-labelledby="backup-h">
            <h2 id="backup-h">"Backup"</h2>
            <p class="muted">"Export everything to one JSON file, or replace this workspace with an exported file."</p>
            <div class="actions">
                <button class="btn" on:click=export>"Export workspace"</button>
                <label class="btn file-button">
                    "Import from file…"
                    <input type="file" accept=".json,application/json" class="visually-hidden" on:change=choose/>
                </label>
            </div>
            <When when=move || error.get().is_some()>
                <p class="form-error" role="alert">{move || error.get()}</p>
            </When>
            {move || pending.get().map(|import| {
                let current = state.workspace.with_untracked(workspace_contents);
                view! {
                    <div class="confirm" role="alertdialog" aria-labelledby="import-q">
                        <p id="import-q">
                            {format!("Replace this workspace ({current}) with “{}” ({})?", import.file_name, workspace_contents(&import.workspace))}
                        </p>
                        <div class="actions">
                            <button class="btn btn-primary" on:click=confirm>"Replace my data"</button>
                            <button class="btn" on:click=move |_| pending.set(None)>"Cancel"</button>
                        </div>
                    </div>
                }
            })}
        </section>
    }
}
