//! Settings → Team: the CouchDB server, signing in and out, and sharing this workspace
//! with the team or joining the team's pipeline.

use crate::state::{use_app, AppState};
use crate::sync::TeamConfig;
use crate::ui::components::when::When;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A question waiting for the user's answer before something irreversible.
#[derive(Clone, Copy, PartialEq)]
enum Asking {
    Nothing,
    Join,
    SignOut,
}

#[component]
pub fn TeamPanel() -> impl IntoView {
    let state = use_app();
    let team = state.team;
    let kept = team.config.get_untracked();
    let server = RwSignal::new(kept.as_ref().map(|c| c.server.clone()).unwrap_or_default());
    let database = RwSignal::new(
        kept.as_ref()
            .map(|c| c.database.clone())
            .unwrap_or_default(),
    );
    let user = RwSignal::new(kept.as_ref().map(|c| c.user.clone()).unwrap_or_default());
    // Only in this form's memory while typed; never stored.
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(None::<&'static str>);
    let asking = RwSignal::new(Asking::Nothing);

    let run = move |what: &'static str,
                    job: std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<String, String>>>,
    >| {
        busy.set(Some(what));
        error.set(None);
        spawn_local(async move {
            let result = job.await;
            busy.set(None);
            match result {
                Ok(done) => state.toast(done),
                Err(e) => error.set(Some(e)),
            }
        });
    };

    let sign_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let config = match TeamConfig::new(
            &server.get_untracked(),
            &database.get_untracked(),
            &user.get_untracked(),
        ) {
            Ok(config) => config,
            Err(e) => return error.set(Some(e.to_string())),
        };
        let secret = password.get_untracked();
        if secret.is_empty() {
            return error.set(Some("Enter your password".into()));
        }
        password.set(String::new());
        run(
            "Signing in…",
            Box::pin(async move {
                team.sign_in(state, config, secret)
                    .await
                    .map_err(|e| e.to_string())?;
                Ok("Signed in to the team server.".to_string())
            }),
        );
    };
    let share = move |_| {
        run(
            "Sharing…",
            Box::pin(async move {
                team.share(state).await.map_err(|e| e.to_string())?;
                Ok("Your workspace is being sent to the team database.".to_string())
            }),
        );
    };
    let join = move |_| {
        asking.set(Asking::Nothing);
        let backup = match state.keep_backup_of_current() {
            Ok(key) => key,
            Err(e) => {
                return error.set(Some(format!(
                    "Your workspace could not be kept as a backup, so nothing was replaced: {e}"
                )))
            }
        };
        run(
            "Joining…",
            Box::pin(async move {
                let count = team.join(state).await.map_err(|e| e.to_string())?;
                Ok(format!("Joined the team's pipeline ({count} records). Your previous workspace is kept as a backup ({backup}, Settings → Storage)."))
            }),
        );
    };
    let sign_out = move |keep_local: bool| {
        asking.set(Asking::Nothing);
        spawn_local(async move {
            team.sign_out(state).await;
            if keep_local {
                state.toast("Signed out. This browser keeps its copy, no longer synced.".into());
            } else {
                forget_local_copy(state);
            }
        });
    };

    let signed_in = move || team.user.get().is_some();
    let linked = move || team.linked.get();
    view! {
        <section class="panel" aria-labelledby="team-settings">
            <h2 id="team-settings">"Team"</h2>
            <When when=move || !signed_in() && !linked()>
                <p class="hint">"Share one pipeline with your team through a CouchDB server your team runs. Nothing leaves this browser unless you sign in here."</p>
            </When>
            <When when=move || !signed_in()>
                <form class="form-grid" on:submit=sign_in aria-label="Sign in to the team server">
                    <label>"Server address" <input type="url" name="server" placeholder="https://couch.example.com" autocomplete="url" prop:value=move || server.get() on:input=move |ev| server.set(event_target_value(&ev))/></label>
                    <label>"Database" <input type="text" name="database" placeholder="sales" prop:value=move || database.get() on:input=move |ev| database.set(event_target_value(&ev))/></label>
                    <label>"User name" <input type="text" name="user" autocomplete="username" prop:value=move || user.get() on:input=move |ev| user.set(event_target_value(&ev))/></label>
                    <label>"Password" <input type="password" name="password" autocomplete="current-password" prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/></label>
                    <div class="span-2"><button type="submit" class="btn btn-primary" disabled=move || busy.get().is_some()>"Sign in"</button></div>
                </form>
            </When>
            <When when=signed_in>
                <p data-testid="team-signed-in">{move || {
                    let config = team.config.get();
                    format!(
                        "Signed in as {} to the database “{}” on {}.",
                        team.user.get().unwrap_or_default(),
                        config.as_ref().map(|c| c.database.clone()).unwrap_or_default(),
                        config.as_ref().map(|c| c.server.clone()).unwrap_or_default(),
                    )
                }}</p>
            </When>
            <When when=move || signed_in() && !linked()>
                <div class="button-row">
                    <button class="btn btn-primary" disabled=move || busy.get().is_some() on:click=share>"Share this workspace with the team"</button>
                    <button class="btn" disabled=move || busy.get().is_some() on:click=move |_| asking.set(Asking::Join)>"Join the team's pipeline"</button>
                </div>
                <p class="hint">"Share: sends this workspace into the empty team database (you must be its admin). Join: this browser takes the team's pipeline."</p>
            </When>
            <When when=move || asking.get() == Asking::Join>
                <div class="confirm" role="group" aria-label="Join the team's pipeline">
                    <p>"Joining replaces this browser's workspace with the team's. Your current workspace is kept as a backup first (Settings → Storage)."</p>
                    <button class="btn btn-primary" on:click=join>"Join and replace my workspace"</button>
                    <button class="btn" on:click=move |_| asking.set(Asking::Nothing)>"Cancel"</button>
                </div>
            </When>
            <When when=move || linked() || team.config.get().is_some()>
                <div class="button-row">
                    <button class="btn" on:click=move |_| asking.set(Asking::SignOut)>"Sign out of the team"</button>
                </div>
            </When>
            <When when=move || asking.get() == Asking::SignOut>
                <div class="confirm" role="group" aria-label="Sign out of the team">
                    <p>{move || {
                        let waiting = team.waiting();
                        let unsent = if waiting > 0 {
                            format!(" {waiting} change(s) have not reached the server yet: keep the local copy to keep them.")
                        } else {
                            String::new()
                        };
                        format!("Keep a copy of the team's pipeline in this browser after signing out? It will no longer sync.{unsent}")
                    }}</p>
                    <button class="btn btn-primary" on:click=move |_| sign_out(true)>"Keep a local copy"</button>
                    <button class="btn" on:click=move |_| sign_out(false)>"Remove it from this browser"</button>
                    <button class="btn" on:click=move |_| asking.set(Asking::Nothing)>"Cancel"</button>
                </div>
            </When>
            <When when=move || busy.get().is_some()>
                <p role="status">{move || busy.get()}</p>
            </When>
            <When when=move || error.get().is_some()>
                <p class="form-error" role="alert" data-testid="team-error">{move || error.get()}</p>
            </When>
        </section>
    }
}

/// Signing out without keeping a copy: the team's data leaves this browser (a backup
/// is still kept, as for every replacement), and a fresh workspace starts.
fn forget_local_copy(state: AppState) {
    match state.keep_backup_of_current() {
        Ok(key) => {
            state.take_team_workspace(crate::domain::Workspace::new());
            state.toast(format!("Signed out; the team's data was removed from this browser (a backup is kept as {key})."));
        }
        Err(e) => state.toast_error(format!(
            "Signed out; the local copy was kept because no backup could be made ({e})."
        )),
    }
}
