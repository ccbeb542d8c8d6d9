//! The leads list's selection: change owner or status (disqualifying with a reason),
//! export or delete the chosen leads at once, each one undo step.

use crate::domain::commands::{plan_lead_bulk, BulkLeadChange};
use crate::domain::csv::export_leads;
use crate::domain::{LeadId, LeadStatus};
use crate::state::{today, use_app};
use crate::ui::components::selection::{run_plan, BulkActions, Selection};
use leptos::prelude::*;

#[component]
pub fn LeadBulkBar(selection: Selection<LeadId>) -> impl IntoView {
    let state = use_app();
    let status = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let apply = move |change: BulkLeadChange| {
        let ids = selection.ids();
        let plan = state
            .workspace
            .with_untracked(|w| plan_lead_bulk(w, &ids, &change, today()));
        let label = change.describe(plan.changed);
        run_plan(&state, plan, label);
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
    // Converted is what conversion sets, with its deal.
    let settable = LeadStatus::ALL
        .into_iter()
        .filter(|s| *s != LeadStatus::Converted);
    view! {
        <BulkActions selection=selection one="lead" many="leads"
            on_owner=Callback::new(move |name| apply(BulkLeadChange::Owner(name)))
            export=export_leads export_file="pipewright-leads-selected.csv"
            on_delete=Callback::new(move |_| apply(BulkLeadChange::Delete))>
            <span class="bulk-group">
                <select aria-label="New status" on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">"Choose a status…"</option>
                    {settable.map(|s| view! { <option value=s.label()>{s.label()}</option> }).collect_view()}
                </select>
                {move || (status.get() == LeadStatus::Disqualified.label()).then(|| view! {
                    <input type="text" aria-label="Disqualification reason" placeholder="Reason" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))/>
                })}
                <button class="btn" on:click=set_status>"Set status"</button>
            </span>
        </BulkActions>
    }
}
