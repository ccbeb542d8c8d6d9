//! The stage board: one column per stage of the selected pipeline.

use crate::domain::{Deal, Money, PipelineId, Stage, Workspace};
use crate::state::use_app;
use crate::ui::format::MoneyFormat;
use leptos::prelude::*;

/// What one column shows, computed from the workspace.
#[derive(Clone, PartialEq)]
struct ColumnView {
    stage: Stage,
    deals: Vec<Deal>,
    value: Money,
    weighted: Money,
}

fn columns(ws: &Workspace, pipeline: PipelineId) -> Vec<ColumnView> {
    let Ok(pipeline) = ws.pipeline(pipeline) else { return Vec::new() };
    pipeline
        .stages
        .iter()
        .map(|stage| {
            let deals: Vec<Deal> = ws.stage_deals(stage.id).into_iter().cloned().collect();
            let value = deals.iter().map(|d| d.value).sum();
            let weighted_exact: i128 = deals.iter().map(|d| d.value.0 as i128 * ws.probability(d) as i128).sum();
            ColumnView { stage: stage.clone(), deals, value, weighted: Money((weighted_exact / 100) as i64) }
        })
        .collect()
}

#[component]
pub fn BoardPage() -> impl IntoView {
    let state = use_app();
    let pipeline = RwSignal::new(state.workspace.with_untracked(|w| w.pipelines[0].id));
    let money = move || state.workspace.with(|w| MoneyFormat::for_settings(&w.settings));
    let cols = move || state.workspace.with(|w| columns(w, pipeline.get()));
    view! {
        <div class="page-head">
            <h1 class="page-title">"Board"</h1>
            <Show when=move || { state.workspace.with(|w| w.pipelines.len() > 1) }>
                <label class="inline-field">
                    "Pipeline "
                    <select on:change=move |ev| {
                        if let Ok(id) = event_target_value(&ev).parse() {
                            pipeline.set(PipelineId(id));
                        }
                    }>
                        {move || state.workspace.with(|w| w.pipelines.iter().map(|p| {
                            let id = p.id;
                            view! { <option value=p.id.0.to_string() selected=move || pipeline.get() == id>{p.name.clone()}</option> }
                        }).collect_view())}
                    </select>
                </label>
            </Show>
        </div>
        <div class="board" role="list" aria-label="Stages">
            {move || {
                let fmt = money();
                cols()
                    .into_iter()
                    .map(|col| {
                        let count = col.deals.len();
                        view! {
                            <section class="stage-column" role="listitem" data-testid="stage-column" data-stage=col.stage.name.clone()
                                aria-label=format!("{}: {} deals", col.stage.name, count)>
                                <header class="stage-head">
                                    <h2 class="stage-name">{col.stage.name.clone()}</h2>
                                    <p class="stage-meta num">
                                        <span>{format!("{count} deals")}</span>
                                        " · "<span title="Total value">{fmt.short(col.value)}</span>
                                        " · "<span title="Weighted value">{format!("{} weighted", fmt.short(col.weighted))}</span>
                                    </p>
                                </header>
                                {if col.deals.is_empty() {
                                    view! { <p class="column-empty">"No deals in this stage — drag one here or add one."</p> }.into_any()
                                } else {
                                    col.deals
                                        .into_iter()
                                        .map(|deal| view! {
                                            <article class="deal-card" data-testid="deal-card" data-deal=deal.title.clone() tabindex="0">
                                                <p class="deal-title">{deal.title.clone()}</p>
                                                <p class="deal-value num">{fmt.short(deal.value)}</p>
                                            </article>
                                        })
                                        .collect_view()
                                        .into_any()
                                }}
                            </section>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
