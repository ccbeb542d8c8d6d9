//! Demo and training: reset to demo data (in several sizes) or clear everything.

use crate::domain::demo::DEMO_SEED;
use crate::domain::demo::{demo_workspace, DemoSize};
use crate::domain::Workspace;
use crate::state::{today, use_app};
use crate::ui::format::workspace_contents;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Pending {
    Demo(DemoSize),
    Clear,
}

#[component]
pub fn DemoPanel() -> impl IntoView {
    let state = use_app();
    let size = RwSignal::new(DemoSize::Standard);
    let pending = RwSignal::new(None::<Pending>);
    let confirm = move |_| {
        match pending.get_untracked() {
            Some(Pending::Demo(s)) => {
                state.replace_everything(
                    demo_workspace(s, DEMO_SEED, today()),
                    "Reset to demo data",
                    format!(
                        "Demo data loaded ({}). Undo restores your previous data.",
                        s.label()
                    ),
                );
            }
            Some(Pending::Clear) => {
                state.replace_everything(
                    Workspace::new(),
                    "Clear everything",
                    "Everything cleared. Undo restores it.".into(),
                );
            }
            None => {}
        }
        pending.set(None);
    };
    let summary = move || state.workspace.with(workspace_contents);
    view! {
        <section class="panel" aria-labelledby="demo-h">
            <h2 id="demo-h">"Demo and training"</h2>
            <div class="actions">
                <label class="inline-field">"Size"
                    <select on:change=move |ev| size.set(match event_target_value(&ev).as_str() {
                        "large" => DemoSize::Large,
                        "huge" => DemoSize::Huge,
                        _ => DemoSize::Standard,
                    })>
                        <option value="standard">{DemoSize::Standard.label()}</option>
                        <option value="large">{DemoSize::Large.label()}</option>
                        <option value="huge">{DemoSize::Huge.label()}</option>
                    </select>
                </label>
                <button class="btn" on:click=move |_| pending.set(Some(Pending::Demo(size.get_untracked())))>"Reset to demo data…"</button>
                <button class="btn btn-danger" on:click=move |_| pending.set(Some(Pending::Clear))>"Clear everything…"</button>
            </div>
            {move || pending.get().map(|p| {
                let question = match p {
                    Pending::Demo(s) => format!("Replace this workspace ({}) with demo data ({})?", summary(), s.label()),
                    Pending::Clear => format!("Delete everything in this workspace ({})?", summary()),
                };
                view! {
                    <div class="confirm" role="alertdialog" aria-label="Confirm">
                        <p>{question}" Export first to keep a copy; Undo also brings it back."</p>
                        <div class="actions">
                            <button class="btn btn-primary" on:click=confirm>{if matches!(p, Pending::Clear) { "Yes, clear everything" } else { "Yes, load demo data" }}</button>
                            <button class="btn" on:click=move |_| pending.set(None)>"Cancel"</button>
                        </div>
                    </div>
                }
            })}
        </section>
    }
}
