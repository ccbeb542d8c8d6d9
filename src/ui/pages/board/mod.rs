//! The stage board: columns of deal cards, moved by drag and drop or keyboard, with
//! Won and Lost drop zones and a detail panel.

mod card;
mod close_zones;
mod column;
mod deal_panel;
mod lost_dialog;
mod quick_add;

use crate::domain::board::{board, BoardFilter, BoardView};
use crate::domain::{Command, DealId, DealStatus, PipelineId, StageId};
use crate::state::{today, use_app, AppState};
use crate::ui::format::MoneyFormat;
use leptos::prelude::*;

/// State shared by the board's components.
#[derive(Clone, Copy)]
pub struct BoardCtx {
    pub view: Memo<BoardView>,
    pub open_deal: RwSignal<Option<DealId>>,
    pub lost_prompt: RwSignal<Option<DealId>>,
    pub dragging: RwSignal<Option<DealId>>,
}

impl BoardCtx {
    /// Moves a deal and keeps keyboard focus on it.
    pub fn move_deal(&self, state: &AppState, deal: DealId, stage: StageId, before: Option<DealId>, refocus: bool) {
        let stage_name = state.workspace.with_untracked(|w| w.stage(stage).map(|(_, s)| s.name.clone()).unwrap_or_default());
        if state.run(Command::MoveDeal { deal, stage, before }, format!("Move deal to {stage_name}")).is_some() && refocus {
            focus_card(deal);
        }
    }

    pub fn win(&self, state: &AppState, deal: DealId) {
        if state.run(Command::WinDeal { deal }, "Mark deal won").is_some() {
            state.toast("Deal marked won 🎉 — it left the board; reopen it from its panel or the deals list.".into());
        }
    }
}

/// Focuses a card after the board has re-rendered.
pub fn focus_card(deal: DealId) {
    request_animation_frame(move || {
        let selector = format!("[data-deal-id=\"{}\"]", deal.0);
        if let Ok(Some(el)) = document().query_selector(&selector) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

pub fn use_board() -> BoardCtx {
    expect_context::<BoardCtx>()
}

#[component]
pub fn BoardPage() -> impl IntoView {
    let state = use_app();
    let first = state.workspace.with_untracked(|w| w.pipelines.first().map(|p| p.id).unwrap_or(PipelineId(0)));
    let pipeline = RwSignal::new(first);
    let filter = RwSignal::new(BoardFilter::default());
    let view = Memo::new(move |_| state.workspace.with(|w| board(w, pipeline.get(), &filter.get(), today())));
    let ctx = BoardCtx {
        view,
        open_deal: RwSignal::new(None),
        lost_prompt: RwSignal::new(None),
        dragging: RwSignal::new(None),
    };
    provide_context(ctx);
    // A deleted pipeline (undo, import, another tab) falls back to the first one.
    Effect::new(move |_| {
        let valid = state.workspace.with(|w| w.pipeline(pipeline.get()).is_ok());
        if !valid {
            if let Some(id) = state.workspace.with_untracked(|w| w.pipelines.first().map(|p| p.id)) {
                pipeline.set(id);
            }
        }
    });
    // The panel closes when its deal disappears.
    Effect::new(move |_| {
        if let Some(id) = ctx.open_deal.get() {
            if state.workspace.with(|w| w.deal(id).is_err()) {
                ctx.open_deal.set(None);
            }
        }
    });
    let fmt = move || state.workspace.with(|w| MoneyFormat::for_settings(&w.settings));
    let stage_ids = move || view.with(|v| v.columns.iter().map(|c| c.stage.id).collect::<Vec<_>>());
    let closed_count = move || state.workspace.with(|w| w.deals.values().filter(|d| d.status != DealStatus::Open).count());

    view! {
        <div class="page-head">
            <h1 class="page-title">"Board"</h1>
            <Show when=move || { state.workspace.with(|w| w.pipelines.len() > 1) }>
                <label class="inline-field">
                    "Pipeline"
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
            <label class="inline-field search">
                <span class="visually-hidden">"Search deals"</span>
                <input type="search" placeholder="Search deals, organizations, owners"
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| filter.update(|f| f.text = event_target_value(&ev))/>
            </label>
            <label class="inline-field">
                <input type="checkbox" prop:checked=move || filter.with(|f| f.only_rotting)
                    on:change=move |ev| filter.update(|f| f.only_rotting = event_target_checked(&ev))/>
                "Rotting only"
            </label>
            <label class="inline-field">
                <input type="checkbox" prop:checked=move || filter.with(|f| f.only_slipped)
                    on:change=move |ev| filter.update(|f| f.only_slipped = event_target_checked(&ev))/>
                "Slipped only"
            </label>
            <p class="board-total num" data-testid="board-total">
                {move || view.with(|v| {
                    let f = fmt();
                    format!("{} deals · {} · {} weighted", v.count, f.full(v.value), f.full(v.weighted))
                })}
            </p>
        </div>
        <p class="hint muted">"Drag cards between stages, or focus a card and press Shift+→ / Shift+← to move it; Enter opens it. "
            {move || format!("{} won or lost deals are off the board.", closed_count())}</p>
        <div class="board" aria-label="Stages">
            <For each=stage_ids key=|id| *id let:stage>
                <column::Column stage=stage/>
            </For>
        </div>
        <close_zones::CloseZones/>
        <lost_dialog::LostDialog/>
        <deal_panel::DealPanel/>
    }
}
