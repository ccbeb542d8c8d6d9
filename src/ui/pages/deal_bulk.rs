//! The deals list's selection and what can be done to it at once: change owner, move
//! to a stage, win, lose (with a reason), reopen, delete, export. Each is one undo step;
//! deals a change does not apply to are named with why.

use crate::domain::commands::{plan_bulk, BulkDealChange};
use crate::domain::csv::export_deals;
use crate::domain::{DealId, StageId};
use crate::state::{today, use_app};
use crate::ui::components::selection::{run_plan, BulkActions, Selection};
use leptos::prelude::*;

#[component]
pub fn BulkBar(selection: Selection<DealId>) -> impl IntoView {
    let state = use_app();
    let stage = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let apply = move |change: BulkDealChange| {
        let ids = selection.ids();
        let (plan, label) = state.workspace.with_untracked(|w| {
            let plan = plan_bulk(w, &ids, &change, today());
            let label = change.describe(w, plan.changed);
            (plan, label)
        });
        run_plan(&state, plan, label);
    };
    let stages = Memo::new(move |_| state.workspace.with(|w| w.stage_choices()));
    let reasons = Memo::new(move |_| state.workspace.with(|w| w.settings.lost_reasons.clone()));
    view! {
        <BulkActions selection=selection one="deal" many="deals"
            on_owner=Callback::new(move |name| apply(BulkDealChange::Owner(name)))
            export=export_deals export_file="pipewright-deals-selected.csv"
            on_delete=Callback::new(move |_| apply(BulkDealChange::Delete))>
            <span class="bulk-group">
                <select aria-label="Move to stage" on:change=move |ev| stage.set(event_target_value(&ev))>
                    <option value="">"Choose a stage…"</option>
                    {move || stages.get().into_iter().map(|(id, name)| view! { <option value=id.0.to_string()>{name}</option> }).collect_view()}
                </select>
                <button class="btn" on:click=move |_| match stage.get_untracked().parse() {
                    Ok(id) => apply(BulkDealChange::Stage(StageId(id))),
                    Err(_) => state.toast_error("Choose the stage to move the deals to.".into()),
                }>"Move"</button>
            </span>
            <button class="btn btn-won" on:click=move |_| apply(BulkDealChange::Won)>"Mark won"</button>
            <span class="bulk-group">
                <select aria-label="Lost reason" on:change=move |ev| reason.set(event_target_value(&ev))>
                    <option value="">"Choose a reason…"</option>
                    {move || reasons.get().into_iter().map(|r| view! { <option value=r.clone()>{r.clone()}</option> }).collect_view()}
                </select>
                <button class="btn btn-lost" on:click=move |_| apply(BulkDealChange::Lost { reason: reason.get_untracked() })>"Mark lost"</button>
            </span>
            <button class="btn" on:click=move |_| apply(BulkDealChange::Reopen)>"Reopen"</button>
        </BulkActions>
    }
}
