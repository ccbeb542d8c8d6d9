//! Pipelines and their stages: add, rename, reorder, delete (moving held deals),
//! probability and rotting limit.

use crate::domain::commands::Applied;
use crate::domain::forms::{StageForm, StageTable};
use crate::domain::{Command, PipelineId, Stage, StageId};
use crate::state::use_app;
use crate::ui::components::pipeline_select::PipelineSelect;
use crate::ui::components::when::When;
use leptos::prelude::*;

#[component]
pub fn PipelinesPanel() -> impl IntoView {
    let state = use_app();
    let choice = RwSignal::new(None::<PipelineId>);
    let selected = move || {
        state
            .workspace
            .with(|w| w.pipeline_or_first(choice.get()).id)
    };
    let selected_untracked = move || {
        state
            .workspace
            .with_untracked(|w| w.pipeline_or_first(choice.get_untracked()).id)
    };
    let new_pipeline = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add_pipeline = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match state.dispatch(
            Command::AddPipeline {
                name: new_pipeline.get_untracked(),
            },
            "Add pipeline",
        ) {
            Ok(Applied::Pipeline(id)) => {
                choice.set(Some(id));
                new_pipeline.set(String::new());
                error.set(None);
            }
            Ok(_) => {}
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let stages = move || {
        state.workspace.with(|w| {
            w.pipeline(selected())
                .map(|p| p.stages.clone())
                .unwrap_or_default()
        })
    };
    // One form for the whole table: saving, reordering or a change from elsewhere
    // keeps every row's unsaved edits.
    let table = RwSignal::new(StageTable::of(&stages()));
    let row_errors = RwSignal::new(Vec::<(StageId, String)>::new());
    Effect::new(move |_| {
        let now = stages();
        table.update(|t| *t = t.refreshed(&now));
    });
    let save_all = move |_| match table.with_untracked(StageTable::parse) {
        Err(errors) => row_errors.set(
            errors
                .into_iter()
                .map(|(id, e)| (id, e.to_string()))
                .collect(),
        ),
        Ok(edits) => {
            let count = edits.len();
            match state.dispatch(Command::EditStages { edits }, "Edit stages") {
                Ok(_) => {
                    row_errors.set(Vec::new());
                    error.set(None);
                    state.toast(if count == 1 {
                        "Stage saved".into()
                    } else {
                        format!("{count} stages saved")
                    });
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    };
    view! {
        <section class="panel" aria-labelledby="pipelines-h">
            <h2 id="pipelines-h">"Pipelines and stages"</h2>
            <div class="actions">
                <PipelineSelect choice=choice always=true/>
                <button class="btn btn-danger" on:click=move |_| {
                    if state.run(Command::DeletePipeline { pipeline: selected_untracked() }, "Delete pipeline").is_some() {
                        state.toast("Pipeline deleted. Undo brings it back.".into());
                    }
                }>"Delete pipeline"</button>
                <form class="inline-form" on:submit=add_pipeline>
                    <input type="text" aria-label="New pipeline name" placeholder="New pipeline name" prop:value=new_pipeline on:input=move |ev| new_pipeline.set(event_target_value(&ev))/>
                    <button type="submit" class="btn">"Add pipeline"</button>
                </form>
            </div>
            <When when=move || error.get().is_some()><p class="form-error" role="alert">{move || error.get()}</p></When>
            <div class="table-wrap">
                <table class="data-table stage-table">
                    <thead><tr><th scope="col">"Stage"</th><th scope="col">"Probability %"</th><th scope="col">"Rotting after (days)"</th><th scope="col">"Actions"</th></tr></thead>
                    <tbody>
                        {move || {
                            let list = stages();
                            let count = list.len();
                            list.into_iter().enumerate().map(|(i, stage)| view! { <StageRow stage=stage index=i count=count pipeline=selected_untracked() table=table row_errors=row_errors/> }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
            <div class="button-row">
                <button class="btn btn-primary" disabled=move || table.with(|t| t.edited() == 0) on:click=save_all>
                    {move || match table.with(StageTable::edited) { 0 | 1 => "Save stages".to_string(), n => format!("Save {n} stages") }}
                </button>
                <button class="btn" disabled=move || table.with(|t| t.edited() == 0) on:click=move |_| { table.update(|t| *t = t.discarded()); row_errors.set(Vec::new()); }>"Discard changes"</button>
            </div>
            <AddStage pipeline=Signal::derive(selected)/>
        </section>
    }
}

#[component]
fn StageRow(
    stage: Stage,
    index: usize,
    count: usize,
    pipeline: PipelineId,
    table: RwSignal<StageTable>,
    row_errors: RwSignal<Vec<(StageId, String)>>,
) -> impl IntoView {
    let state = use_app();
    let id = stage.id;
    let field = move |read: fn(&StageForm) -> String| {
        table.with(|t| {
            t.rows
                .iter()
                .find(|r| r.id == id)
                .map(|r| read(&r.form))
                .unwrap_or_default()
        })
    };
    let edit = move |write: fn(&mut StageForm, String), value: String| {
        table.update(|t| {
            if let Some(row) = t.rows.iter_mut().find(|r| r.id == id) {
                write(&mut row.form, value);
            }
        })
    };
    let error = RwSignal::new(None::<String>);
    let row_error = move || {
        row_errors
            .with(|list| list.iter().find(|(r, _)| *r == id).map(|(_, e)| e.clone()))
            .or_else(|| error.get())
    };
    let deleting = RwSignal::new(false);
    let target = RwSignal::new(None::<StageId>);
    let held = move || {
        state
            .workspace
            .with(|w| w.deals.values().filter(|d| d.stage == id).count())
    };
    let delete = move |_| {
        if !deleting.get_untracked() {
            deleting.set(true);
            return;
        }
        let cmd = Command::DeleteStage {
            stage: id,
            move_deals_to: target.get_untracked(),
        };
        match state.dispatch(cmd, "Delete stage") {
            Ok(_) => state.toast("Stage deleted. Undo brings it back.".into()),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let others = move || {
        state.workspace.with(|w| {
            w.pipeline(pipeline)
                .map(|p| {
                    p.stages
                        .iter()
                        .filter(|s| s.id != id)
                        .map(|s| (s.id, s.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let label = stage.name.clone();
    view! {
        <tr data-testid="stage-row" data-stage=stage.name.clone()>
            <td><input type="text" aria-label=format!("Name of stage {label}") prop:value=move || field(|f| f.name.clone()) on:input=move |ev| edit(|f, v| f.name = v, event_target_value(&ev))/></td>
            <td><input type="text" inputmode="numeric" size="4" aria-label=format!("Probability of stage {label}") prop:value=move || field(|f| f.probability.clone()) on:input=move |ev| edit(|f, v| f.probability = v, event_target_value(&ev))/></td>
            <td><input type="text" inputmode="numeric" size="4" placeholder="never" aria-label=format!("Rotting days of stage {label}") prop:value=move || field(|f| f.rotting_days.clone()) on:input=move |ev| edit(|f, v| f.rotting_days = v, event_target_value(&ev))/></td>
            <td>
                <div class="actions">
                    <button class="btn" aria-label=format!("Move stage {} up", stage.name) disabled=index == 0
                        on:click=move |_| { state.run(Command::ReorderStage { stage: id, to_index: index.saturating_sub(1) }, "Reorder stages"); }>"↑"</button>
                    <button class="btn" aria-label=format!("Move stage {} down", stage.name) disabled=index + 1 == count
                        on:click=move |_| { state.run(Command::ReorderStage { stage: id, to_index: index + 1 }, "Reorder stages"); }>"↓"</button>
                    <button class="btn btn-danger" on:click=delete>{move || if deleting.get() { "Confirm delete" } else { "Delete" }}</button>
                </div>
                <When when=move || { deleting.get() && held() > 0 }>
                    <label class="inline-field">{move || match held() { 1 => "Its deal goes to".to_string(), n => format!("Its {n} deals go to") }}
                        <select on:change=move |ev| target.set(event_target_value(&ev).parse().ok().map(StageId))>
                            <option value="">"Choose a stage…"</option>
                            {move || others().into_iter().map(|(sid, n)| view! { <option value=sid.0.to_string()>{n}</option> }).collect_view()}
                        </select>
                    </label>
                </When>
                <When when=move || row_error().is_some()><p class="form-error" role="alert">{row_error}</p></When>
            </td>
        </tr>
    }
}

#[component]
fn AddStage(pipeline: Signal<PipelineId>) -> impl IntoView {
    let state = use_app();
    let blank = || StageForm {
        probability: "50".into(),
        ..StageForm::default()
    };
    let form = RwSignal::new(blank());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = form
            .with_untracked(|f| f.parse())
            .map_err(|e| e.to_string());
        match draft.and_then(|d| {
            state
                .dispatch(
                    Command::AddStage {
                        pipeline: pipeline.get_untracked(),
                        draft: d,
                    },
                    "Add stage",
                )
                .map_err(|e| e.to_string())
        }) {
            Ok(_) => {
                form.set(blank());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="inline-form add-stage" on:submit=add>
            <input type="text" aria-label="New stage name" placeholder="New stage name" prop:value=move || form.with(|f| f.name.clone()) on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))/>
            <input type="text" inputmode="numeric" size="4" aria-label="New stage probability" prop:value=move || form.with(|f| f.probability.clone()) on:input=move |ev| form.update(|f| f.probability = event_target_value(&ev))/>
            <input type="text" inputmode="numeric" size="4" aria-label="New stage rotting days" placeholder="rot days" prop:value=move || form.with(|f| f.rotting_days.clone()) on:input=move |ev| form.update(|f| f.rotting_days = event_target_value(&ev))/>
            <button type="submit" class="btn">"Add stage"</button>
        </form>
        <When when=move || error.get().is_some()><p class="form-error" role="alert">{move || error.get()}</p></When>
    }
}
