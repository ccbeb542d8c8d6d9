//! The team server's status in the top bar, and the question asked when someone
//! deleted a record this browser had changed.

use crate::split::split_points;
use crate::state::team::SyncStatus;
use crate::state::use_app;
use crate::ui::on_demand::{not_downloaded, on_demand};
use leptos::prelude::*;

fn label(status: &SyncStatus) -> String {
    match status {
        SyncStatus::Off => "Local only".into(),
        SyncStatus::SignedOut => "Team: sign in".into(),
        SyncStatus::Synced { at } => format!("Synced · {at}"),
        SyncStatus::Sending(n) => format!("Sending {n} change{}", if *n == 1 { "" } else { "s" }),
        SyncStatus::Receiving(kind) => format!("Receiving {kind}…"),
        SyncStatus::Offline(n) => format!("Offline · {n} waiting"),
        SyncStatus::Error(_) => "Sync error".into(),
    }
}

fn explanation(status: &SyncStatus) -> String {
    match status {
        SyncStatus::Off => "No team server is configured: nothing leaves this browser.".into(),
        SyncStatus::SignedOut => "Sign in again in Settings → Team; changes wait here meanwhile.".into(),
        SyncStatus::Synced { at } => format!("Everything is on the team server; last synced at {at}."),
        SyncStatus::Sending(_) => "Sending your changes to the team server.".into(),
        SyncStatus::Receiving(kind) => format!("Joined: the board is ready; still arriving from the team: {kind}."),
        SyncStatus::Offline(_) => "The team server cannot be reached; your changes are kept here and sent when it is back.".into(),
        SyncStatus::Error(reason) => reason.clone(),
    }
}

#[component]
pub fn SyncStatusBadge() -> impl IntoView {
    let state = use_app();
    let status = state.team.status;
    view! {
        <a
            class="sync-status"
            href="#/settings"
            data-testid="sync-status"
            data-state=move || status.with(SyncStatus::name)
            title=move || status.with(explanation)
            aria-label=move || status.with(|s| format!("{}. {}", label(s), explanation(s)))
        >
            <span class="sync-dot" aria-hidden="true"></span>
            <span class="sync-label">{move || status.with(label)}</span>
        </a>
        {move || status.with(|s| match s {
            SyncStatus::Error(reason) => Some(view! { <p class="banner banner-error sync-error" role="alert">{reason.clone()}</p> }),
            _ => None,
        })}
    }
}

/// "Ana deleted deal X, which you had changed: restore it?" Only the team sync engine
/// asks, so these questions come with its code (the same split module).
#[component]
pub fn DeletedWhileEditedQuestions() -> impl IntoView {
    let asks = use_app().team.deleted_while_edited;
    // Memoised: a question added or answered updates the list below, not the whole of it.
    let asked = Memo::new(move |_| !asks.with(Vec::is_empty));
    move || {
        asked.get().then(|| {
            on_demand(
                questions,
                |show| show(),
                || ().into_any(),
                |retry| not_downloaded("question", retry).into_any(),
            )
        })
    }
}

split_points! {
    every_question_download;
    team_sync: questions -> fn() -> AnyView, download_questions => || view! { <Questions/> }.into_any();
}

#[component]
fn Questions() -> impl IntoView {
    let state = use_app();
    let asks = state.team.deleted_while_edited;
    view! {
        <For each=move || asks.get() key=|ask| ask.key.to_string() let:ask>
            {
                let (keep, drop) = (ask.key.clone(), ask.key.clone());
                view! {
                    <div class="banner banner-warn" role="alert">
                        <span>{format!("Someone deleted the {} while you were changing it. Restore it with your changes?", ask.label)}</span>
                        <button class="btn btn-primary" on:click=move |_| state.team.decide_deleted(state, keep.clone(), true)>"Restore it"</button>
                        <button class="btn" on:click=move |_| state.team.decide_deleted(state, drop.clone(), false)>"Let it go"</button>
                    </div>
                }
            }
        </For>
    }
}
