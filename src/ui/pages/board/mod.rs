//! The stage board: columns of deal cards, moved by drag and drop or keyboard, with
//! Won and Lost drop zones and a detail panel.

mod card;
mod close_zones;
mod column;
mod quick_add;
mod stage_switcher;

use crate::domain::queries::board::{board, BoardFilter, BoardView};
use crate::domain::queries::deal_list::owners;
use crate::domain::{DealId, PipelineId};
use crate::state::{today, use_app};
use crate::ui::components::choice_filter::ChoiceFilter;
use crate::ui::components::phone_fold::FoldedFilters;
use crate::ui::components::pipeline_select::PipelineSelect;
use crate::ui::format::{count, money_format};
use leptos::prelude::*;

/// State shared by the board's components.
#[derive(Clone, Copy)]
pub struct BoardCtx {
    pub view: Memo<BoardView>,
    pub dragging: RwSignal<Option<DealId>>,
    /// The column scrolled into view where the board shows one stage at a time.
    pub shown_column: RwSignal<usize>,
}

pub fn use_board() -> BoardCtx {
    expect_context::<BoardCtx>()
}

#[component]
pub fn BoardPage() -> impl IntoView {
    let state = use_app();
    let pipeline = RwSignal::new(None::<PipelineId>);
    let filter = RwSignal::new(BoardFilter::default());
    let view = Memo::new(move |_| {
        state.workspace.with(|w| {
            crate::perf::measure("board-compute", || {
                board(
                    w,
                    w.pipeline_or_first(pipeline.get()).id,
                    &filter.get(),
                    today(),
                )
            })
        })
    });
    let ctx = BoardCtx {
        view,
        dragging: RwSignal::new(None),
        shown_column: RwSignal::new(0),
    };
    provide_context(ctx);
    let fmt = move || money_format(&state);
    let stage_ids = move || view.with(|v| v.columns.iter().map(|c| c.stage.id).collect::<Vec<_>>());
    let closed_count = move || view.with(|v| v.closed);

    crate::perf::mark_after_paint("board-ready");
    view! {
        <div class="page-head">
            <h1 class="page-title">"Board"</h1>
            <PipelineSelect choice=pipeline/>
            <label class="inline-field search">
                <span class="visually-hidden">"Search deals"</span>
                <input type="search" placeholder="Search deals, organizations, owners"
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| filter.update(|f| f.text = event_target_value(&ev))/>
            </label>
            <FoldedFilters id="board-filters" narrowing=Signal::derive(move || filter.with(BoardFilter::narrowing_filters))>
            <ChoiceFilter label="Owner" any="Any owner" choices=Memo::new(move |_| state.workspace.with(owners))
                on_change=move |owner| filter.update(|f| f.owner = owner)/>
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
            </FoldedFilters>
            <p class="board-total num" data-testid="board-total">
                {move || view.with(|v| {
                    let f = fmt();
                    format!("{} · {} · {} weighted", count(v.count, "deal", "deals"), f.full(v.value), f.full(v.weighted))
                })}
            </p>
        </div>
        <p class="hint muted">
            <span class="hint-pointer">"Drag cards between stages, or focus a card and press Shift+→ / Shift+← to move it; Enter opens it. "</span>
            // A touch screen has neither a mouse to drag with nor arrow keys.
            <span class="hint-touch">"Press and hold a card to carry it to another stage; tap it to open it. "</span>
            {move || format!("{} off the board.", count(closed_count(), "won or lost deal is", "won or lost deals are"))}</p>
        <stage_switcher::StageSwitcher/>
        <div class="board pipeline-board" aria-label="Stages"
            on:scroll=move |ev| stage_switcher::note_shown_column(&ev, ctx.shown_column, view.with_untracked(|v| v.columns.len()))>
            <For each=stage_ids key=|id| *id let:stage>
                <column::Column stage=stage/>
            </For>
        </div>
        <close_zones::CloseZones/>
    }
}
