//! Leads: a sortable, filterable list with quick add, the follow-ups view, and the
//! lead panel (nurture, qualify, convert).

mod bulk;
mod follow_ups;
mod lead_form;
mod lead_panel;

use crate::domain::queries::board::ActivityStatus;
use crate::domain::queries::lead_address::{from_lookup, to_pairs};
use crate::domain::queries::lead_list::{
    lead_owners, lead_rows, lead_sources, LeadQuery, LeadSort,
};
use crate::domain::{LeadId, LeadStatus};
use crate::state::{today, use_app};
use crate::ui::address;
use crate::ui::components::choice_filter::ChoiceFilter;
use crate::ui::components::empty::EmptyState;
use crate::ui::components::global_search::use_open_request;
use crate::ui::components::phone_fold::FoldedFilters;
use crate::ui::components::selection::{SelectAllBox, SelectBox, Selection};
use crate::ui::components::show_more::ShowMore;
use crate::ui::components::sort_header::sort_header;
use crate::ui::components::when::When;
use crate::ui::focus::focus_after_render;
use crate::ui::format::count;
use crate::ui::route::Route;
use leptos::prelude::*;

fn parse_status(value: &str) -> Option<LeadStatus> {
    LeadStatus::ALL.into_iter().find(|s| s.label() == value)
}

const ALL_TAB: &str = "leads-tab-all";
const FOLLOW_UPS_TAB: &str = "leads-tab-follow-ups";
const PANEL: &str = "leads-panel";
/// The address parameter of the view, and its value for the follow-ups tab.
const VIEW: &str = "view";
const FOLLOW_UPS: &str = "follow-ups";

#[component]
pub fn LeadsPage() -> impl IntoView {
    let state = use_app();
    // The filters and the view in the address (a bookmark, a shared link, Back).
    let (from_address, problems) = from_lookup(address::param);
    for problem in problems {
        state.toast_error(problem);
    }
    let query = RwSignal::new(from_address);
    let tab_follow_ups = RwSignal::new(address::param(VIEW).as_deref() == Some(FOLLOW_UPS));
    Effect::new(move |_| {
        let mut pairs = query.with(to_pairs);
        if tab_follow_ups.get() {
            pairs.push((VIEW, FOLLOW_UPS.into()));
        }
        address::replace(Route::Leads.href(), &pairs);
    });
    let open_lead = RwSignal::new(None::<LeadId>);
    // A lead chosen in the global search, also when this page is already showing.
    let request = use_open_request();
    Effect::new(move |_| {
        if let Some(id) = request.lead.get() {
            open_lead.set(Some(id));
            request.lead.set(None);
        }
    });
    let rows = Memo::new(move |_| {
        state
            .workspace
            .with(|w| lead_rows(w, &query.get(), today()))
    });
    let listed = Memo::new(move |_| rows.with(|r| r.iter().map(|l| l.id).collect::<Vec<_>>()));
    let selection = Selection::new(listed.into());
    let limit = RwSignal::new(200usize);
    let header =
        move |column: LeadSort, label: &'static str| sort_header(query, column, label, false);
    view! {
        <div class="page-head">
            <h1 class="page-title">"Leads"</h1>
            <div class="tabs" role="tablist" aria-label="Leads views" on:keydown=move |ev| {
                // The tabs pattern: arrow keys, Home and End choose a tab; focus follows.
                let follow = match ev.key().as_str() {
                    "ArrowLeft" | "ArrowRight" => !tab_follow_ups.get_untracked(),
                    "Home" => false,
                    "End" => true,
                    _ => return,
                };
                ev.prevent_default();
                tab_follow_ups.set(follow);
                focus_after_render(format!("#{}", if follow { FOLLOW_UPS_TAB } else { ALL_TAB }));
            }>
                <button role="tab" class="tab" id=ALL_TAB aria-controls=PANEL tabindex=move || if tab_follow_ups.get() { "-1" } else { "0" }
                    aria-selected=move || (!tab_follow_ups.get()).to_string() on:click=move |_| tab_follow_ups.set(false)>"All leads"</button>
                <button role="tab" class="tab" id=FOLLOW_UPS_TAB aria-controls=PANEL tabindex=move || if tab_follow_ups.get() { "0" } else { "-1" }
                    aria-selected=move || tab_follow_ups.get().to_string() on:click=move |_| tab_follow_ups.set(true)>
                    {move || format!("Follow-ups due ({})", state.workspace.with(|w| crate::domain::metrics::customers::follow_ups(w, None, today()).total()))}
                </button>
            </div>
        </div>
        <div role="tabpanel" id=PANEL aria-labelledby=move || if tab_follow_ups.get() { FOLLOW_UPS_TAB } else { ALL_TAB }>
        <When when=move || !tab_follow_ups.get() fallback=move || view! { <follow_ups::FollowUps open_lead=open_lead/> }>
            <lead_form::AddLead on_added=move |id| open_lead.set(Some(id))/>
            <div class="filters" role="search">
                <input type="search" aria-label="Search leads" placeholder="Search name, organization, email"
                    prop:value=move || query.with(|q| q.text.clone())
                    on:input=move |ev| query.update(|q| q.text = event_target_value(&ev))/>
                <FoldedFilters id="lead-filters" narrowing=Signal::derive(move || query.with(LeadQuery::narrowing_filters))>
                <select aria-label="Filter by status" prop:value=move || query.with(|q| q.status.map_or("", |s| s.label())) on:change=move |ev| query.update(|q| q.status = parse_status(&event_target_value(&ev)))>
                    <option value="">"Any status"</option>
                    {LeadStatus::ALL.into_iter().map(|s| view! { <option value=s.label()>{s.label()}</option> }).collect_view()}
                </select>
                <ChoiceFilter label="Filter by source" any="Any source" choices=Memo::new(move |_| state.workspace.with(lead_sources))
                    selected=Signal::derive(move || query.with(|q| q.source.clone()))
                    on_change=move |source| query.update(|q| q.source = source)/>
                <ChoiceFilter label="Filter by owner" any="Any owner" choices=Memo::new(move |_| state.workspace.with(lead_owners))
                    selected=Signal::derive(move || query.with(|q| q.owner.clone()))
                    on_change=move |owner| query.update(|q| q.owner = owner)/>
                <label class="inline-field">"Score ≥"
                    <input type="number" min="0" max="100" size="4" aria-label="Minimum score" prop:value=move || query.with(|q| q.min_score.to_string())
                        on:input=move |ev| query.update(|q| q.min_score = event_target_value(&ev).parse().unwrap_or(0).min(100))/>
                </label>
                <label class="inline-field"><input type="checkbox" prop:checked=move || query.with(|q| q.only_open) on:change=move |ev| query.update(|q| q.only_open = event_target_checked(&ev))/>"Open leads only"</label>
                </FoldedFilters>
            </div>
            <p class="muted num">{move || count(rows.with(Vec::len), "lead", "leads")}</p>
            <When when=move || selection.any()>
                <bulk::LeadBulkBar selection=selection/>
            </When>
            <When when=move || rows.with(|r| !r.is_empty()) fallback=|| view! {
                <EmptyState title="No leads match" hint="Add a lead above, import a CSV in Settings, or change the filters."/>
            }>
                <div class="table-wrap">
                    <table class="data-table record-list">
                        <thead><tr>
                            <th scope="col" class="select-cell"><SelectAllBox selection=selection one="lead" many="leads"/></th>
                            {header(LeadSort::Name, "Lead")}
                            <th scope="col">"Organization"</th>
                            {header(LeadSort::Status, "Status")}
                            {header(LeadSort::Score, "Score")}
                            <th scope="col">"Source"</th>
                            <th scope="col">"Owner"</th>
                            {header(LeadSort::FollowUp, "Next follow-up")}
                            {header(LeadSort::Created, "Created")}
                        </tr></thead>
                        <tbody>
                            <For each=move || rows.with(|r| r.iter().take(limit.get()).cloned().collect::<Vec<_>>()) key=|r| r.clone() let:row>
                                {
                                    let id = row.id;
                                    let (follow_class, follow_prefix) = match row.follow_up {
                                        ActivityStatus::Overdue => ("num overdue", "⚠ overdue "),
                                        ActivityStatus::DueToday => ("num due-today", "● today "),
                                        _ => ("num", ""),
                                    };
                                    view! {
                                        <tr data-testid="lead-row" data-lead=row.name.clone() class:selected-row=move || selection.is_chosen(id)>
                                            <td class="select-cell"><SelectBox selection=selection id=id name=row.name.clone()/></td>
                                            <td class="title-cell"><button class="link-button" on:click=move |_| open_lead.set(Some(id))>{row.name.clone()}</button></td>
                                            <td>{row.organization.clone()}</td>
                                            <td><span class=format!("lead-status lead-{}", row.status.label().to_lowercase())>{row.status.label()}</span></td>
                                            <td class="num" title=format!("Suggested: {}", row.suggested)>{format!("{} (suggested {})", row.score, row.suggested)}</td>
                                            <td>{row.source.clone()}</td>
                                            <td>{row.owner.clone()}</td>
                                            <td class=follow_class>{row.next_follow_up.map(|d| format!("{follow_prefix}{d}")).unwrap_or_default()}</td>
                                            <td class="num">{row.created_on.to_string()}</td>
                                        </tr>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                </div>
                <ShowMore total=Signal::derive(move || rows.with(Vec::len)) shown=limit step=1000/>
            </When>
        </When>
        </div>
        {move || open_lead.get().map(|id| view! { <lead_panel::LeadPanel id=id on_close=move || open_lead.set(None)/> })}
    }
}
