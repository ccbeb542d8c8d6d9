//! Won and Lost drop targets under the board.

use super::use_board;
use crate::state::use_app;
use crate::ui::deal::use_deal_ui;
use crate::ui::drag::dragged_deal;
use crate::ui::touch_drag::DropTarget;
use leptos::prelude::*;

#[component]
pub fn CloseZones() -> impl IntoView {
    let state = use_app();
    let ctx = use_board();
    let deals = use_deal_ui();
    let over = RwSignal::new(None::<bool>);
    view! {
        <div class="close-zones" class:dragging=move || ctx.dragging.get().is_some() aria-hidden="true">
            <div class="close-zone zone-won" class:drop-over=move || over.get() == Some(true)
                data-testid="drop-won" data-drop=DropTarget::Won.attribute()
                on:dragover=move |ev| { ev.prevent_default(); over.set(Some(true)); }
                on:dragleave=move |_| over.set(None)
                on:drop=move |ev| {
                    ev.prevent_default();
                    over.set(None);
                    if let Some(deal) = dragged_deal(&ev) { deals.win(&state, deal); }
                }>"✓ Won"</div>
            <div class="close-zone zone-lost" class:drop-over=move || over.get() == Some(false)
                data-testid="drop-lost" data-drop=DropTarget::Lost.attribute()
                on:dragover=move |ev| { ev.prevent_default(); over.set(Some(false)); }
                on:dragleave=move |_| over.set(None)
                on:drop=move |ev| {
                    ev.prevent_default();
                    over.set(None);
                    if let Some(deal) = dragged_deal(&ev) { deals.lost_prompt.set(Some(deal)); }
                }>"✕ Lost"</div>
        </div>
    }
}
