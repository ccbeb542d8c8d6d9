//! The drag-and-drop payload of a deal card: written on drag start by the board and the
//! forecast board, read on drop. One format, in one place.

use crate::domain::DealId;
use web_sys::DragEvent;

const FORMAT: &str = "text/plain";
const PREFIX: &str = "deal:";

/// Puts a deal on the drag event (as "deal:42", so a drop of other text is ignored).
pub fn start_dragging_deal(ev: &DragEvent, deal: DealId) {
    if let Some(transfer) = ev.data_transfer() {
        let _ = transfer.set_data(FORMAT, &format!("{PREFIX}{}", deal.0));
        transfer.set_effect_allowed("move");
    }
}

/// The deal a drop carries, if it carries one.
pub fn dragged_deal(ev: &DragEvent) -> Option<DealId> {
    ev.data_transfer()?
        .get_data(FORMAT)
        .ok()?
        .strip_prefix(PREFIX)?
        .parse()
        .ok()
        .map(DealId)
}
