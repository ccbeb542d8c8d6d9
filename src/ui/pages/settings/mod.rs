//! Settings: the workspace, backup (export/import), storage and its backups.

mod backup;
mod csv_date_layout;
mod csv_panel;
mod csv_stage_values;
mod demo_panel;
mod keep_data;
mod pipelines;
mod scenarios;
mod storage_meter;
mod team_members;
mod team_panel;
mod workspace_form;

use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <h1 class="page-title">"Settings"</h1>
        <workspace_form::WorkspaceForm/>
        <team_panel::TeamPanel/>
        <team_members::TeamMembersPanel/>
        <pipelines::PipelinesPanel/>
        <backup::BackupPanel/>
        <csv_panel::CsvPanel/>
        <demo_panel::DemoPanel/>
        <scenarios::ScenariosPanel/>
        <storage_meter::StoragePanel/>
    }
}
