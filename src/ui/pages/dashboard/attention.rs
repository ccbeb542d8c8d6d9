//! "Needs attention", in words: bottlenecks, rotting and slipped deals, overdue
//! follow-ups, each linking to what it names.

use crate::domain::metrics::customers::FollowUps;
use crate::domain::metrics::flow::StageFlow;
use crate::domain::metrics::Dashboard;
use crate::domain::queries::deal_address::ids_text;
use crate::domain::DealId;
use crate::state::use_app;
use crate::ui::deal::use_deal_ui;
use crate::ui::format::count;
use crate::ui::kpi::pct;
use leptos::prelude::*;

const SHOWN: usize = 5;

#[component]
fn DealLinks(ids: Vec<DealId>) -> impl IntoView {
    let state = use_app();
    let deals = use_deal_ui();
    let more = ids.len().saturating_sub(SHOWN);
    // The rest open as the deals list limited to them.
    let rest = format!("#/deals?ids={}", ids_text(ids.iter().skip(SHOWN).copied()));
    view! {
        <span class="deal-links">
            {ids.into_iter().take(SHOWN).map(|id| {
                let title = state.workspace.with_untracked(|w| w.deal(id).map(|d| d.title.clone()).unwrap_or_default());
                view! { <button class="link-button" on:click=move |_| deals.open_deal.set(Some(id))>{title}</button> }
            }).collect_view()}
            {(more > 0).then(|| view! { <a href=rest>{format!("and {more} more in Deals")}</a> })}
        </span>
    }
}

/// The parts of the dashboard the list is made of.
#[derive(Clone, Debug, PartialEq)]
pub struct Attention {
    conversion_bottleneck: Option<StageFlow>,
    time_bottleneck: Option<StageFlow>,
    rotting: Vec<DealId>,
    slipped: Vec<DealId>,
    follow_ups: FollowUps,
}

impl Attention {
    pub fn of(dash: &Dashboard) -> Self {
        let stage = |i: Option<usize>| i.and_then(|i| dash.flow.stages.get(i)).cloned();
        Attention {
            conversion_bottleneck: stage(dash.flow.conversion_bottleneck),
            time_bottleneck: stage(dash.flow.time_bottleneck),
            rotting: dash.open.rotting.iter().map(|(id, _)| *id).collect(),
            slipped: dash.open.slipped.clone(),
            follow_ups: dash.follow_ups.clone(),
        }
    }
}

#[component]
pub fn NeedsAttention(attention: Attention) -> impl IntoView {
    let mut items: Vec<AnyView> = Vec::new();
    if let Some(s) = &attention.conversion_bottleneck {
        items.push(
            view! {
                <li>
                    <strong>{format!("Conversion bottleneck: {}", s.name)}</strong>
                    {format!(
                        " — only {} of the {} that left it moved on{}. ",
                        pct(s.decided_rate()),
                        count(s.left(), "deal", "deals"),
                        match s.still_open {
                            0 => String::new(),
                            n => format!("; {} still open there", count(n, "is", "are")),
                        }
                    )}
                    <DealLinks ids=s.deals.clone()/>
                </li>
            }
            .into_any(),
        );
    }
    if let Some(s) = &attention.time_bottleneck {
        items.push(view! {
            <li>
                <strong>{format!("Slowest stage: {}", s.name)}</strong>
                {format!(" — deals stay {:.1} days on average. ", s.mean_days_in_stage.unwrap_or(0.0))}
                <DealLinks ids=s.stayed.clone()/>
            </li>
        }.into_any());
    }
    if !attention.rotting.is_empty() {
        let ids = attention.rotting.clone();
        items.push(view! {
            <li><strong>{count(ids.len(), "rotting deal", "rotting deals")}</strong>" — no activity for longer than their stage allows. "<DealLinks ids=ids/></li>
        }.into_any());
    }
    if !attention.slipped.is_empty() {
        items.push(view! {
            <li><strong>{count(attention.slipped.len(), "slipped deal", "slipped deals")}</strong>" — expected close date has passed. "<DealLinks ids=attention.slipped.clone()/></li>
        }.into_any());
    }
    let f = &attention.follow_ups;
    let overdue = f.overdue_deals.len() + f.overdue_leads.len();
    let due_today = f.today_deals.len() + f.today_leads.len();
    if overdue + due_today > 0 {
        let mut ids = f.overdue_deals.clone();
        ids.extend(f.today_deals.iter().copied());
        items.push(view! {
            <li>
                <strong>{format!("{overdue} overdue and {due_today} due-today follow-ups")}</strong>
                {format!(
                    " ({}, {}). ",
                    count(f.overdue_leads.len() + f.today_leads.len(), "lead", "leads"),
                    count(f.overdue_deals.len() + f.today_deals.len(), "deal", "deals")
                )}
                <a href="#/leads">"Leads"</a>" · "<DealLinks ids=ids/>
            </li>
        }.into_any());
    }
    let empty = items.is_empty();
    view! {
        <section class="panel attention" aria-labelledby="attention-h" data-testid="needs-attention">
            <h2 id="attention-h">"Needs attention"</h2>
            {if empty {
                view! { <p class="muted">"Nothing needs attention: no bottleneck with 5 or more deals, nothing rotting, slipped or overdue."</p> }.into_any()
            } else {
                view! { <ul class="attention-list">{items}</ul> }.into_any()
            }}
        </section>
    }
}
