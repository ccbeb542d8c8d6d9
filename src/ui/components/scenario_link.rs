//! Opens a bundled scenario named in the address (`?scenario=demo`), asking first
//! whenever there is data it would replace.

use crate::domain::demo::DEMO_SEED;
use crate::domain::demo::{bundled_scenario, demo_workspace};
use crate::state::{today, use_app};
use crate::ui::format::workspace_contents;
use leptos::prelude::*;

fn scenario_in_address() -> Option<String> {
    let search = window().location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get("scenario")
}

/// Drops `?scenario=` so a reload does not ask again.
fn clear_address() {
    let location = window().location();
    let url = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.hash().unwrap_or_default()
    );
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

#[component]
pub fn ScenarioFromAddress() -> impl IntoView {
    let state = use_app();
    let requested = scenario_in_address();
    let pending = RwSignal::new(None::<String>);
    if let Some(name) = requested {
        match bundled_scenario(&name) {
            None => {
                state.toast_error(format!(
                    "There is no bundled scenario “{name}”; known: demo, demo-1000, demo-10000."
                ));
                clear_address();
            }
            Some(size) => {
                let empty = state
                    .workspace
                    .with_untracked(|w| w.deals.is_empty() && w.leads.is_empty());
                if empty {
                    state.start_with(demo_workspace(size, DEMO_SEED, today()));
                    state.toast(format!("Scenario “{name}” opened."));
                    clear_address();
                } else {
                    pending.set(Some(name));
                }
            }
        }
    }
    let summary = move || state.workspace.with(workspace_contents);
    view! {
        {move || pending.get().map(|name| {
            let open_name = name.clone();
            view! {
                <div class="banner banner-warn" role="alertdialog" aria-label="Open scenario from link" data-testid="scenario-prompt">
                    <span>{format!("This link opens the scenario “{name}”, which would replace your data ({}). ", summary())}</span>
                    <button class="btn btn-primary" on:click=move |_| {
                        if let Some(size) = bundled_scenario(&open_name) {
                            state.replace_everything(demo_workspace(size, DEMO_SEED, today()), format!("Open scenario {open_name}"), "Scenario opened. Undo returns to your data.".into());
                        }
                        pending.set(None);
                        clear_address();
                    }>"Open scenario"</button>
                    <button class="btn" on:click=move |_| { pending.set(None); clear_address(); }>"Keep my data"</button>
                </div>
            }
        })}
    }
}
