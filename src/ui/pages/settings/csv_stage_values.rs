//! The stage values and pipelines of a deals file that the workspace does not have:
//! each listed with its count, created (in the order set here) or put in an existing
//! stage of its pipeline.

use crate::domain::csv::stage_values::{
    neighbour, PipelineRef, StageChoice, StageChoices, UnknownStage,
};
use crate::domain::csv::ImportPlan;
use crate::domain::StageId;
use crate::state::use_app;
use crate::ui::format::count;
use leptos::prelude::*;

const CREATE: &str = "create";

#[component]
pub fn CsvStageValues(
    plan: Memo<Option<ImportPlan>>,
    choices: RwSignal<StageChoices>,
) -> impl IntoView {
    let state = use_app();
    let listed = move || {
        plan.with(|p| {
            p.as_ref()
                .map(|p| (p.unknown_stages.clone(), p.setup.pipelines.clone()))
                .unwrap_or_default()
        })
    };
    move || {
        let (unknown, new_pipelines) = listed();
        if unknown.is_empty() && new_pipelines.is_empty() {
            return None;
        }
        let order: Vec<UnknownStage> = unknown.iter().map(|(u, _)| u.clone()).collect();
        let items = unknown
            .into_iter()
            .enumerate()
            .map(|(i, (value, choice))| {
                let (pipeline_label, stages) = state.workspace.with_untracked(|w| match &value.pipeline {
                    PipelineRef::Existing(id) => w.pipeline(*id).map_or_else(
                        |_| (String::new(), Vec::new()),
                        |p| {
                            let stages: Vec<(StageId, String)> =
                                p.stages.iter().map(|s| (s.id, s.name.clone())).collect();
                            (p.name.clone(), stages)
                        },
                    ),
                    PipelineRef::New(name) => (format!("new pipeline {name}"), Vec::new()),
                });
                let key = value.key();
                let shift = {
                    let (key, order) = (key.clone(), order.clone());
                    move |earlier: bool| choices.update(|c| c.shift(&order, &key, earlier))
                };
                let shift_later = shift.clone();
                let chosen = match choice {
                    StageChoice::Create => CREATE.to_string(),
                    StageChoice::PutIn(stage) => stage.0.to_string(),
                };
                let creates = choice == StageChoice::Create;
                let (first, last) = (neighbour(&order, i, true).is_none(), neighbour(&order, i, false).is_none());
                let name = value.name.clone();
                view! {
                    <li data-testid="csv-stage-value">
                        <span>{format!("“{}”: {} in {pipeline_label}", value.name, count(value.rows, "deal", "deals"))}</span>
                        <select aria-label=format!("What becomes of stage {name}") prop:value=chosen
                            on:change=move |ev| {
                                let picked = event_target_value(&ev);
                                let choice = picked.parse::<u64>().map_or(StageChoice::Create, |id| StageChoice::PutIn(StageId(id)));
                                choices.update(|c| c.choose(key.clone(), choice));
                            }>
                            <option value=CREATE>"Create it as a stage"</option>
                            {stages.into_iter().map(|(id, stage)| view! { <option value=id.0.to_string()>{format!("Put in {stage}")}</option> }).collect_view()}
                        </select>
                        <button class="btn btn-small" disabled=!creates || first aria-label=format!("Create {name} earlier") on:click=move |_| shift(true)>"↑"</button>
                        <button class="btn btn-small" disabled=!creates || last aria-label=format!("Create {name} later") on:click=move |_| shift_later(false)>"↓"</button>
                    </li>
                }
            })
            .collect_view();
        let pipelines = (!new_pipelines.is_empty()).then(|| {
            let names: Vec<String> = new_pipelines.iter().map(|n| format!("“{n}”")).collect();
            view! { <p data-testid="csv-new-pipelines">{format!("Pipelines to create: {}.", names.join(", "))}</p> }
        });
        Some(view! {
            <div class="csv-stages" data-testid="csv-stage-values">
                <h4>"Stages not in the pipeline"</h4>
                <p class="muted">"New stages are added at the end of their pipeline in this order (their probabilities can be changed under Pipelines)."</p>
                {pipelines}
                <ol class="plain-list">{items}</ol>
            </div>
        })
    }
}
