//! One stage column: header with exact totals, quick-add, cards, and a drop target.

use super::card::Card;
use super::quick_add::QuickAdd;
use super::use_board;
use crate::domain::model::money::Money;
use crate::domain::queries::board::CardView;
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
    // What this column draws, compared before anything is redrawn: a change elsewhere
    // on the board leaves this column alone, and no reader copies every card.
    let shown = Memo::new(move |_| {
        ctx.view.with(|v| {
            v.columns
                .iter()
                .find(|c| c.stage.id == stage)
                .map(|c| ShownColumn {
                    name: c.stage.name.clone(),
                    count: c.count,
                    value: c.value,
                    weighted: c.weighted,
                    cards: c.cards.iter().take(limit.get()).cloned().collect(),
                    hidden: c.cards.len().saturating_sub(limit.get()),
                })
        })
    });
    let fmt = move || money_format(&state);
    let name = move || shown.with(|c| c.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let drop_over = RwSignal::new(false);
    let cards = move || shown.with(|c| c.as_ref().map(|c| c.cards.clone()).unwrap_or_default());
    let hidden = move || shown.with(|c| c.as_ref().map_or(0, |c| c.hidden));

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
                {move || shown.with(|c| c.as_ref().map(|c| (c.count, c.value, c.weighted))).map(|(deals, value, weighted)| {
                    let f = fmt();
                    view! {
                        <p class="stage-meta num">
                            <span>{count(deals, "deal", "deals")}</span>
                            " · "<span title="Total value">{f.short(value)}</span>
                            " · "<span title="Weighted value (value × probability)">{format!("{} weighted", f.short(weighted))}</span>
                        </p>
                    }
                })}
            </header>
            <QuickAdd stage=stage/>
            <When when=move || shown.with(|c| c.as_ref().is_none_or(|c| c.cards.is_empty()))>
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

/// The part of a stage's column that is drawn.
#[derive(Clone, PartialEq)]
struct ShownColumn {
    name: String,
    count: usize,
    value: Money,
    weighted: Money,
    cards: Vec<CardView>,
    /// Cards beyond the drawn ones ("Show more").
    hidden: usize,
}
