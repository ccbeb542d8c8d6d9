//! One stage column: header with exact totals, quick-add, cards, and a drop target.

use super::card::Card;
use super::quick_add::QuickAdd;
use super::use_board;
use crate::domain::queries::board::ColumnView;
use crate::domain::StageId;
use crate::state::use_app;
use crate::ui::components::when::When;
use crate::ui::deal::use_deal_ui;
use crate::ui::deal::AfterMove;
use crate::ui::drag::dragged_deal;
use crate::ui::format::{count, money_format};
use crate::ui::touch_drag::DropTarget;
use leptos::prelude::*;

/// Cards drawn per column before "Show more": totals stay exact whatever is drawn.
const PAGE: usize = 50;

#[component]
pub fn Column(stage: StageId) -> impl IntoView {
    let state = use_app();
    let ctx = use_board();
    let deals = use_deal_ui();
    let limit = RwSignal::new(PAGE);
    let column = move || {
        ctx.view
            .with(|v| v.columns.iter().find(|c| c.stage.id == stage).cloned())
    };
    let fmt = move || money_format(&state);
    let name = move || column().map(|c| c.stage.name).unwrap_or_default();
    let drop_over = RwSignal::new(false);
    let cards = move || {
        column()
            .map(|c: ColumnView| c.cards.into_iter().take(limit.get()).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let hidden = move || {
        column()
            .map(|c| c.cards.len().saturating_sub(limit.get()))
            .unwrap_or(0)
    };

    view! {
        <section
            class="stage-column"
            class:drop-over=drop_over
            data-testid="stage-column"
            data-stage=name
            data-drop=DropTarget::Stage(stage).attribute()
            aria-label=move || format!("Stage {}", name())
            on:dragover=move |ev| {
                ev.prevent_default();
                drop_over.set(true);
            }
            on:dragleave=move |_| drop_over.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                drop_over.set(false);
                if let Some(deal) = dragged_deal(&ev) {
                    deals.move_deal(&state, deal, stage, None, AfterMove::LeaveFocus);
                }
            }
        >
            <header class="stage-head">
                <h2 class="stage-name">{name}</h2>
                {move || column().map(|c| {
                    let f = fmt();
                    view! {
                        <p class="stage-meta num">
                            <span>{count(c.count, "deal", "deals")}</span>
                            " · "<span title="Total value">{f.short(c.value)}</span>
                            " · "<span title="Weighted value (value × probability)">{format!("{} weighted", f.short(c.weighted))}</span>
                        </p>
                    }
                })}
            </header>
            <QuickAdd stage=stage/>
            <When when=move || cards().is_empty()>
                <p class="column-empty">"No deals in this stage — drag one here or add one."</p>
            </When>
            <For each=cards key=|card| card.clone() let:card>
                <Card card=card stage=stage/>
            </For>
            <When when=move || { hidden() > 0 }>
                <button class="btn btn-quiet show-more" on:click=move |_| limit.update(|l| *l += PAGE * 4)>
                    {move || format!("Show {} more", hidden())}
                </button>
            </When>
        </section>
    }
}
