//! The open deal in the address (`#/board?deal=42`): a panel can be bookmarked, shared
//! and reloaded; opening one adds a history entry, so Back closes it, and closing it
//! goes back to the address before.

use super::DealUi;
use crate::domain::DealId;
use crate::state::AppState;
use crate::ui::address::{self, OPEN_DEAL};
use leptos::prelude::*;

/// The deal the address names, when any.
fn deal_in_address() -> Option<DealId> {
    address::param(OPEN_DEAL)?.parse().ok().map(DealId)
}

/// Follows the address on every navigation (`hash` is set on each `hashchange`, Back
/// and Forward included) and writes the open deal into it.
pub fn keep_open_deal_in_address(state: AppState, deals: DealUi, hash: RwSignal<String>) {
    // Whether the address's deal entry is one this page pushed, so closing can go back.
    let pushed = StoredValue::new(false);
    Effect::new(move |_| {
        hash.track();
        let mut named = deal_in_address();
        if named.is_some_and(|id| state.workspace.with_untracked(|w| w.deal(id).is_err())) {
            state.toast_error(
                "The deal in this address does not exist (it may have been deleted).".into(),
            );
            address::replace_current(&address::current_with(OPEN_DEAL, None));
            named = None;
        }
        if named.is_none() {
            pushed.set_value(false);
        }
        deals.open_deal.set(named);
    });
    // Not on the first run: the address is read above before it is written.
    Effect::watch(
        move || deals.open_deal.get(),
        move |open, _, _| {
            let open = *open;
            let named = deal_in_address();
            if open == named {
                return;
            }
            let id = open.map(|deal| deal.0.to_string());
            let next = address::current_with(OPEN_DEAL, id.as_deref());
            match (named, open) {
                (None, Some(_)) => {
                    address::push(&next);
                    pushed.set_value(true);
                }
                (Some(_), None) if pushed.get_value() => {
                    pushed.set_value(false);
                    address::back();
                }
                _ => address::replace_current(&next),
            }
        },
        false,
    );
}
