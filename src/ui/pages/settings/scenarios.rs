//! Training scenarios: save the workspace under a name, switch between scenarios,
//! hand one over as a file, and share links to the bundled ones.

use crate::domain::Workspace;
use crate::state::use_app;
use crate::storage::{decode, encode};
use crate::ui::components::when::When;
use crate::ui::download::download_text;
use leptos::prelude::*;

#[component]
pub fn ScenariosPanel() -> impl IntoView {
    let state = use_app();
    let refresh = RwSignal::new(0u32);
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let confirm_open = RwSignal::new(None::<String>);
    let confirm_delete = RwSignal::new(None::<String>);
    // A save or import under a name already taken waits here for the user's choice.
    let taken = RwSignal::new(None::<(String, Workspace)>);
    let names = move || {
        refresh.track();
        state
            .with_repo(|r| r.scenarios().unwrap_or_default())
            .unwrap_or_default()
    };
    // Saves under `name` (replacing), says so, or shows why not.
    let store = move |name: String, ws: Workspace, how: &str| match state
        .with_repo(|r| r.save_scenario(&name, &ws))
    {
        Some(Ok(())) => {
            state.toast(format!("{how} scenario “{}”", name.trim()));
            error.set(None);
            taken.set(None);
            refresh.update(|n| *n += 1);
            true
        }
        Some(Err(e)) => {
            error.set(Some(e.to_string()));
            false
        }
        None => {
            error.set(Some(
                "Storage is not available, so scenarios cannot be saved.".into(),
            ));
            false
        }
    };
    // A name already taken is never overwritten without asking.
    let store_or_ask = move |name: String, ws: Workspace, how: &str| match state
        .with_repo(|r| r.scenario_exists(&name))
    {
        Some(Ok(true)) => {
            taken.set(Some((name.trim().to_string(), ws)));
            false
        }
        _ => store(name, ws, how),
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ws = state.workspace.get_untracked();
        if store_or_ask(name.get_untracked(), ws, "Saved as") {
            name.set(String::new());
        }
    };
    let keep_both = move |_| {
        if let Some((wanted, ws)) = taken.get_untracked() {
            match state.with_repo(|r| r.free_scenario_name(&wanted)) {
                Some(Ok(free)) => {
                    store(free, ws, "Saved as");
                }
                Some(Err(e)) => error.set(Some(e.to_string())),
                None => {}
            }
        }
    };
    let replace = move |_| {
        if let Some((wanted, ws)) = taken.get_untracked() {
            store(wanted, ws, "Replaced");
        }
    };
    let open = move |scenario: String| match state.with_repo(|r| r.load_scenario(&scenario)) {
        Some(Ok(ws)) => {
            state.replace_everything(
                ws,
                format!("Open scenario {scenario}"),
                format!("Scenario “{scenario}” opened. Undo returns to the previous data."),
            );
            confirm_open.set(None);
        }
        Some(Err(e)) => error.set(Some(format!("“{scenario}”: {e}"))),
        None => {}
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let file_name = file.name();
        let scenario = file_name.trim_end_matches(".json").to_string();
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            let result = text
                .ok_or_else(|| "the file could not be read".to_string())
                .and_then(|t| decode(&t).map_err(|e| e.to_string()));
            match result {
                Ok(ws) => {
                    store_or_ask(scenario, ws, "Imported");
                }
                Err(e) => error.set(Some(format!("“{file_name}” was not imported: {e}."))),
            }
        });
    };
    let base = move || {
        let location = window().location();
        format!(
            "{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default()
        )
    };
    view! {
        <section class="panel" aria-labelledby="scenarios-h">
            <h2 id="scenarios-h">"Scenarios for training"</h2>
            <form class="inline-form" on:submit=save>
                <input type="text" aria-label="Scenario name" placeholder="Scenario name" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                <button type="submit" class="btn">"Save current as scenario"</button>
                <label class="btn file-button">"Import scenario file…"
                    <input type="file" accept=".json,application/json" class="visually-hidden" on:change=import/>
                </label>
            </form>
            <When when=move || error.get().is_some()><p class="form-error" role="alert">{move || error.get()}</p></When>
            {move || taken.get().map(|(wanted, _)| view! {
                <div class="confirm" role="alertdialog" aria-label="Scenario name taken">
                    <p>{format!("A scenario named “{wanted}” exists already. Replace it, keep both (the new one gets a number), or cancel?")}</p>
                    <div class="actions">
                        <button class="btn btn-danger" on:click=replace>"Replace"</button>
                        <button class="btn btn-primary" on:click=keep_both>"Keep both"</button>
                        <button class="btn" on:click=move |_| taken.set(None)>"Cancel"</button>
                    </div>
                </div>
            })}
            <When when=move || !names().is_empty() fallback=|| view! { <p class="muted">"No saved scenarios yet. Save one to switch back to it during a session."</p> }>
                <ul class="plain-list">
                    <For each=names key=|n| n.clone() let:scenario>
                        {
                            let (open_name, export_name, delete_name, ask_name) = (scenario.clone(), scenario.clone(), scenario.clone(), scenario.clone());
                            let asking = { let n = scenario.clone(); move || confirm_open.get().as_deref() == Some(n.as_str()) };
                            let deleting = { let n = scenario.clone(); move || confirm_delete.get().as_deref() == Some(n.as_str()) };
                            view! {
                                <li class="scenario-row" data-testid="scenario" data-scenario=scenario.clone()>
                                    <strong>{scenario.clone()}</strong>
                                    <button class="btn" on:click=move |_| confirm_open.set(Some(ask_name.clone()))>"Open"</button>
                                    <button class="btn" on:click=move |_| {
                                        if let Some(Ok(ws)) = state.with_repo(|r| r.load_scenario(&export_name)) {
                                            if let Err(e) = download_text(&format!("{export_name}.json"), "application/json", &encode(&ws)) { state.toast_error(e); }
                                        }
                                    }>"Export"</button>
                                    <button class="btn btn-danger" on:click=move |_| {
                                        if confirm_delete.get_untracked().as_deref() == Some(delete_name.as_str()) {
                                            if let Some(Err(e)) = state.with_repo(|r| r.delete_scenario(&delete_name)) { state.toast_error(e.to_string()); }
                                            confirm_delete.set(None);
                                            refresh.update(|n| *n += 1);
                                        } else {
                                            confirm_delete.set(Some(delete_name.clone()));
                                        }
                                    }>{move || if deleting() { "Really delete?" } else { "Delete" }}</button>
                                    <When when=asking.clone()>
                                        <div class="confirm" role="alertdialog" aria-label="Open scenario">
                                            <p>{format!("Replace the current data with the scenario “{}”? Save the current data as a scenario or export it first; Undo also brings it back.", open_name)}</p>
                                            <div class="actions">
                                                <button class="btn btn-primary" on:click={ let n = open_name.clone(); move |_| open(n.clone()) }>"Open scenario"</button>
                                                <button class="btn" on:click=move |_| confirm_open.set(None)>"Cancel"</button>
                                            </div>
                                        </div>
                                    </When>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </When>
            <h3>"Bundled scenarios to share"</h3>
            <ul class="plain-list">
                {[("demo", "Demo team (300 deals)"), ("demo-1000", "1,000 deals"), ("demo-10000", "10,000 deals")].into_iter().map(|(key, label)| view! {
                    <li><a href=move || format!("{}?scenario={key}#/board", base())>{label}</a>" "<code>{format!("?scenario={key}")}</code></li>
                }).collect_view()}
            </ul>
        </section>
    }
}
