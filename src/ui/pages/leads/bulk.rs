//! The leads list's selection: change owner or status (disqualifying with a reason),
//! export or delete the chosen leads at once, each one undo step.

use crate::domain::commands::{plan_lead_bulk, BulkLeadChange};
use crate::domain::csv::export_leads;
use crate::domain::metrics::owners::owners;
use crate::domain::{LeadId, LeadStatus};
use crate::state::{today, use_app};
use crate::ui::components::selection::{run_plan, Selection};
use crate::ui::download::download_text;
use crate::ui::format::count;
use leptos::prelude::*;

#[component]
pub fn LeadBulkBar(selection: Selection<LeadId>) -> impl IntoView {
    let state = use_app();
    let owner = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let confirm_delete = RwSignal::new(false);
    let apply = move |change: BulkLeadChange| {
        let ids = selection.ids();
        let plan = state
            .workspace
            .with_untracked(|w| plan_lead_bulk(w, &ids, &change, today()));
        let label = change.describe(plan.changed);
        run_plan(&state, plan, label);
        if change == BulkLeadChange::Delete {
            selection.clear();
        }
        confirm_delete.set(false);
    };
    let set_status = move |_| {
        let chosen = status.get_untracked();
        match LeadStatus::ALL.into_iter().find(|s| s.label() == chosen) {
            Some(status) => apply(BulkLeadChange::Status {
                status,
                reason: reason.get_untracked(),
            }),
            None => state.toast_error("Choose the status to set.".into()),
        }
    };
    let export = move |_| {
        let text = state
            .workspace
            .with_untracked(|w| export_leads(w, &selection.ids()));
        if let Err(err) = download_text("pipewright-leads-selected.csv", "text/csv", &text) {
            state.toast_error(err);
        }
    };
    let members = Memo::new(move |_| state.workspace.with(owners));
    let settable = [
        LeadStatus::New,
        LeadStatus::Contacted,
        LeadStatus::Nurturing,
        LeadStatus::Qualified,
        LeadStatus::Disqualified,
    ];
    view! {
        <div class="bulk-bar" role="region" aria-label="Selected leads" data-testid="bulk-bar">
            <strong class="num">{move || format!("{} selected", count(selection.how_many(), "lead", "leads"))}</strong>
            <span class="bulk-group">
                <select aria-label="New owner" on:change=move |ev| owner.set(event_target_value(&ev))>
                    <option value="">"Choose an owner…"</option>
                    {move || members.get().into_iter().map(|m| view! { <option value=m.clone()>{m.clone()}</option> }).collect_view()}
                </select>
                <button class="btn" on:click=move |_| match owner.get_untracked() {
                    name if name.is_empty() => state.toast_error("Choose the owner to give the leads to.".into()),
                    name => apply(BulkLeadChange::Owner(name)),
                }>"Change owner"</button>
            </span>
            <span class="bulk-group">
                <select aria-label="New status" on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">"Choose a status…"</option>
                    {settable.into_iter().map(|s| view! { <option value=s.label()>{s.label()}</option> }).collect_view()}
                </select>
                {move || (status.get() == LeadStatus::Disqualified.label()).then(|| view! {
                    <input type="text" aria-label="Disqualification reason" placeholder="Reason" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))/>
                })}
                <button class="btn" on:click=set_status>"Set status"</button>
            </span>
            <button class="btn" on:click=export>"Export selected (CSV)"</button>
            <button class="btn btn-danger" on:click=move |_| {
                if confirm_delete.get_untracked() { apply(BulkLeadChange::Delete) } else { confirm_delete.set(true) }
            }>{move || if confirm_delete.get() { format!("Click again to delete {}", count(selection.how_many(), "lead", "leads")) } else { "Delete".to_string() }}</button>
            <button class="btn btn-quiet" on:click=move |_| selection.clear()>"Clear selection"</button>
        </div>
    }
}
