//! The pipeline menu of the board, dashboard, forecast and settings.
//!
//! The choice is `None` until the user picks one; pages read it through
//! `Workspace::pipeline_or_first`, so a pipeline deleted meanwhile (undo, import,
//! another tab) falls back without an effect of its own on each page.

use crate::domain::PipelineId;
use crate::state::use_app;
use crate::ui::components::when::When;
use leptos::prelude::*;

/// `all`: the label of an extra first entry meaning "every pipeline" (`None`); without
/// it, `None` means the first pipeline. The menu shows only when there is a choice to
/// make, unless `always`.
#[component]
pub fn PipelineSelect(
    choice: RwSignal<Option<PipelineId>>,
    #[prop(optional)] all: Option<&'static str>,
    #[prop(optional)] always: bool,
) -> impl IntoView {
    let state = use_app();
    let shown = move |id: PipelineId| {
        state.workspace.with(|w| match choice.get() {
            None if all.is_some() => false,
            current => w.pipeline_or_first(current).id == id,
        })
    };
    view! {
        <When when=move || always || state.workspace.with(|w| w.pipelines.len() > 1)>
            <label class="inline-field">"Pipeline"
                <select on:change=move |ev| choice.set(event_target_value(&ev).parse().ok().map(PipelineId))>
                    {all.map(|label| view! { <option value="" selected=move || choice.get().is_none()>{label}</option> })}
                    {move || state.workspace.with(|w| w.pipelines.iter().map(|p| {
                        let id = p.id;
                        view! { <option value=id.0.to_string() selected=move || shown(id)>{p.name.clone()}</option> }
                    }).collect_view())}
                </select>
            </label>
        </When>
    }
}
