//! What every page that shows deals shares: the open deal panel, the lost-reason
//! dialog, and the commands behind them.

mod address;
mod contacts;
pub mod lost_dialog;
pub mod panel;

pub use address::keep_open_deal_in_address;

use crate::domain::{Command, DealId, StageId};
use crate::state::AppState;
use leptos::prelude::*;

/// Where focus goes after a move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterMove {
    /// Keyboard moves: focus follows the card to its new column.
    FocusCard,
    /// Drops and menus: focus stays where the user put it.
    LeaveFocus,
}

#[derive(Clone, Copy)]
pub struct DealUi {
    pub open_deal: RwSignal<Option<DealId>>,
    pub lost_prompt: RwSignal<Option<DealId>>,
}

impl DealUi {
    pub fn provide() -> DealUi {
        let ui = DealUi {
            open_deal: RwSignal::new(None),
            lost_prompt: RwSignal::new(None),
        };
        provide_context(ui);
        ui
    }

    /// Moves a deal; a keyboard move keeps focus on its card.
    pub fn move_deal(
        &self,
        state: &AppState,
        deal: DealId,
        stage: StageId,
        before: Option<DealId>,
        focus: AfterMove,
    ) {
        let stage_name = state.workspace.with_untracked(|w| {
            w.stage(stage)
                .map(|(_, s)| s.name.clone())
                .unwrap_or_default()
        });
        if state
            .run(
                Command::MoveDeal {
                    deal,
                    stage,
                    before,
                },
                format!("Move deal to {stage_name}"),
            )
            .is_some()
            && focus == AfterMove::FocusCard
        {
            focus_card(deal);
        }
    }

    pub fn win(&self, state: &AppState, deal: DealId) {
        if state
            .run(Command::WinDeal { deal }, "Mark deal won")
            .is_some()
        {
            state.toast("Deal marked won 🎉 — it left the board; reopen it from its panel or the deals list.".into());
        }
    }
}

/// Focuses a card after the board has re-rendered.
pub fn focus_card(deal: DealId) {
    crate::ui::focus::focus_after_render(format!("[data-deal-id=\"{}\"]", deal.0));
}

pub fn use_deal_ui() -> DealUi {
    expect_context::<DealUi>()
}
