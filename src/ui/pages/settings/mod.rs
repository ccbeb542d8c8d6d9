//! Settings: the workspace, backup (export/import), storage and its backups.

mod backup;
mod storage_meter;
mod workspace_form;

use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <h1 class="page-title">"Settings"</h1>
        <workspace_form::WorkspaceForm/>
        <backup::BackupPanel/>
        <storage_meter::StoragePanel/>
    }
}
