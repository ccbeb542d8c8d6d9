//! All deals, open, won and lost, in a sortable, filterable table.

use super::deal_bulk::BulkBar;
use crate::domain::csv::export_deals;
use crate::domain::queries::deal_address::{from_lookup, to_pairs};
use crate::domain::queries::deal_list::{deal_rows, owners, DealQuery, SortKey};
use crate::domain::{DealStatus, PipelineId, StageId};
use crate::state::{today, use_app};
use crate::ui::address;
use crate::ui::components::choice_filter::ChoiceFilter;
use crate::ui::components::empty::EmptyState;
use crate::ui::components::phone_fold::FoldedFilters;
use crate::ui::components::saved_views::SavedViews;
use crate::ui::components::selection::{SelectAllBox, SelectBox, Selection};
use crate::ui::components::show_more::ShowMore;
use crate::ui::components::sort_header::sort_header;
use crate::ui::components::when::When;
use crate::ui::deal::use_deal_ui;
use crate::ui::download::download_text;
use crate::ui::format::{count, money_format};
use crate::ui::route::Route;
use leptos::prelude::*;
use std::collections::BTreeSet;

const PAGE: usize = 200;

fn parse_status(value: &str) -> Option<DealStatus> {
    [DealStatus::Open, DealStatus::Won, DealStatus::Lost]
        .into_iter()
        .find(|s| s.label() == value)
}

/// The list as filtered and sorted, as a CSV file the importer reads back.
fn export_list(state: crate::state::AppState, ids: &[crate::domain::DealId]) {
    let text = state.workspace.with_untracked(|w| export_deals(w, ids));
    if let Err(err) = download_text("pipewright-deals-filtered.csv", "text/csv", &text) {
        state.toast_error(err);
    }
}

#[component]
pub fn DealsPage() -> impl IntoView {
    let state = use_app();
    let deals = use_deal_ui();
    // The filters in the address (a bookmark, a shared link, Back) and kept there.
    let (from_address, problems) = from_lookup(address::param);
    for problem in problems {
        state.toast_error(problem);
    }
    let query = RwSignal::new(from_address);
    Effect::new(move |_| query.with(|q| address::replace(Route::Deals.href(), &to_pairs(q))));
    let limit = RwSignal::new(PAGE);
    let rows = Memo::new(move |_| {
        state
            .workspace
            .with(|w| deal_rows(w, &query.get(), today()))
    });
    let fmt = move || money_format(&state);
    let listed = Memo::new(move |_| rows.with(|r| r.iter().map(|d| d.id).collect::<Vec<_>>()));
    let selection = Selection::new(listed.into());
    let export_shown = move |_| {
        let ids: Vec<_> = rows.with_untracked(|r| r.iter().map(|d| d.id).collect());
        export_list(state, &ids);
    };
    let stage_options = move || state.workspace.with(|w| w.stage_choices());
    let header = move |column: SortKey, label: &'static str, numeric: bool| {
        sort_header(query, column, label, numeric)
    };
    view! {
        <h1 class="page-title">"Deals"</h1>
        <div class="filters" role="search">
            <input type="search" aria-label="Search deals" placeholder="Search title, organization, owner"
                prop:value=move || query.with(|q| q.text.clone())
                on:input=move |ev| query.update(|q| q.text = event_target_value(&ev))/>
            <FoldedFilters id="deal-filters" narrowing=Signal::derive(move || query.with(DealQuery::narrowing_filters))>
            <select aria-label="Status" prop:value=move || query.with(|q| q.status.map_or("", |s| s.label())) on:change=move |ev| query.update(|q| q.status = parse_status(&event_target_value(&ev)))>
                <option value="">"Any status"</option>
                <option value="open">"Open"</option>
                <option value="won">"Won"</option>
                <option value="lost">"Lost"</option>
            </select>
            <Show when=move || state.workspace.with(|w| w.pipelines.len() > 1)>
                <select aria-label="Pipeline" on:change=move |ev| query.update(|q| q.pipeline = event_target_value(&ev).parse().ok().map(PipelineId))>
                    <option value="">"Any pipeline"</option>
                    {move || state.workspace.with(|w| w.pipelines.iter().map(|p| (p.id, p.name.clone())).collect::<Vec<_>>()).into_iter().map(|(id, name)| {
                        let on = query.with_untracked(|q| q.pipeline == Some(id));
                        view! { <option value=id.0.to_string() selected=on>{name}</option> }
                    }).collect_view()}
                </select>
            </Show>
            <select aria-label="Stage" on:change=move |ev| query.update(|q| q.stage = event_target_value(&ev).parse().ok().map(StageId))>
                <option value="">"Any stage"</option>
                {move || stage_options().into_iter().map(|(id, name)| {
                    let on = query.with_untracked(|q| q.stage == Some(id));
                    view! { <option value=id.0.to_string() selected=on>{name}</option> }
                }).collect_view()}
            </select>
            <ChoiceFilter label="Owner" any="Any owner" choices=Memo::new(move |_| state.workspace.with(owners))
                on_change=move |owner| query.update(|q| q.owner = owner)
                selected=Signal::derive(move || query.with(|q| q.owner.clone()))/>
            <label class="inline-field">"Closing in"
                <input type="month" aria-label="Expected close month"
                    prop:value=move || query.with(|q| q.close_month.map(|(y, m)| format!("{y:04}-{m:02}")).unwrap_or_default())
                    on:input=move |ev| query.update(|q| {
                    let v = event_target_value(&ev);
                    q.close_month = v.split_once('-').and_then(|(y, m)| Some((y.parse().ok()?, m.parse().ok()?)));
                })/>
            </label>
            <label class="inline-field"><input type="checkbox" prop:checked=move || query.with(|q| q.only_rotting) on:change=move |ev| query.update(|q| q.only_rotting = event_target_checked(&ev))/>"Rotting"</label>
            <label class="inline-field"><input type="checkbox" prop:checked=move || query.with(|q| q.only_slipped) on:change=move |ev| query.update(|q| q.only_slipped = event_target_checked(&ev))/>"Slipped"</label>
            </FoldedFilters>
        </div>
        <SavedViews query=query/>
        {move || query.with(|q| q.only_ids.as_ref().map(BTreeSet::len)).map(|n| view! {
            <p class="only-ids" data-testid="only-ids">
                {format!("Only the {} named on the dashboard. ", count(n, "deal", "deals"))}
                <button class="btn btn-small" on:click=move |_| query.update(|q| q.only_ids = None)>"Show all deals"</button>
            </p>
        })}
        <div class="list-summary">
            <p class="muted num" data-testid="deal-count">{move || {
                let f = fmt();
                rows.with(|r| format!("{} · {}", count(r.len(), "deal", "deals"), f.full(r.iter().map(|d| d.value).sum())))
            }}</p>
            <button class="btn" on:click=export_shown disabled=move || rows.with(Vec::is_empty)>
                {move || format!("Export these {} (CSV)", rows.with(|r| count(r.len(), "deal", "deals")))}
            </button>
        </div>
        <When when=move || selection.any()>
            <BulkBar selection=selection/>
        </When>
        <When when=move || rows.with(|r| !r.is_empty()) fallback=|| view! {
            <EmptyState title="No deals match" hint="Change the filters, or add deals on the board."/>
        }>
            <div class="table-wrap">
                <table class="data-table record-list">
                    <thead><tr>
                        <th scope="col" class="select-cell">
                            <SelectAllBox selection=selection one="deal" many="deals"/>
                        </th>
                        {header(SortKey::Title, "Title", false)}
                        <th scope="col">"Organization"</th>
                        {header(SortKey::Value, "Value", true)}
                        {header(SortKey::Stage, "Stage", false)}
                        {header(SortKey::Status, "Status", false)}
                        {header(SortKey::Owner, "Owner", false)}
                        {header(SortKey::ExpectedClose, "Expected close", false)}
                        {header(SortKey::Created, "Created", false)}
                    </tr></thead>
                    <tbody>
                        <For each=move || rows.with(|r| r.iter().take(limit.get()).cloned().collect::<Vec<_>>()) key=|r| r.clone() let:row>
                            {
                                let id = row.id;
                                let f = fmt();
                                view! {
                                    <tr data-testid="deal-row" data-deal=row.title.clone() class:selected-row=move || selection.is_chosen(id)>
                                        <td class="select-cell"><SelectBox selection=selection id=id name=row.title.clone()/></td>
                                        <td class="title-cell"><button class="link-button" on:click=move |_| deals.open_deal.set(Some(id))>{row.title.clone()}</button></td>
                                        <td>{row.organization.clone()}</td>
                                        <td class="num">{f.full(row.value)}</td>
                                        <td>{row.stage.clone()}</td>
                                        <td><span class=format!("status-badge status-{}", row.status.label())>{row.status.label()}</span>
                                            {row.rotting_days.map(|d| view! { " "<span class="rot-badge">{format!("rotting {d} d")}</span> })}</td>
                                        <td>{row.owner.clone()}</td>
                                        <td class="num" class:overdue=row.slipped>{row.expected_close.map(|d| format!("{}{d}", if row.slipped { "⚑ " } else { "" })).unwrap_or_default()}</td>
                                        <td class="num">{row.created_on.to_string()}</td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
            <ShowMore total=Signal::derive(move || rows.with(Vec::len)) shown=limit step=PAGE * 5/>
        </When>
    }
}
