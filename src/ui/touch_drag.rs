//! Dragging a deal card with a finger (HTML drag and drop has no touch support in
//! mobile browsers): a long press picks the card up, moving the finger carries it (the
//! board turns a column at its edges), lifting drops it on what is under the finger.
//! A finger that moves before the press is long scrolls the page as usual.

use crate::domain::StageId;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{Element, TouchEvent};

/// How long a finger rests on a card before it is picked up.
const LONG_PRESS: Duration = Duration::from_millis(450);
/// How far a finger may wander during the press and still pick the card up.
const SLOP_PX: f64 = 10.0;
/// Near the board's side this close, the board turns to the next column.
const EDGE_PX: f64 = 40.0;
/// At most one turn of the board per this many milliseconds.
const TURN_EVERY_MS: f64 = 700.0;

/// What a card can be dropped on: elements marked `data-drop="stage:12"`, `"won"`,
/// `"lost"` or (the forecast board) `"month:2027-01-01"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropTarget {
    Stage(StageId),
    Won,
    Lost,
    Month(NaiveDate),
}

impl DropTarget {
    pub fn attribute(self) -> String {
        match self {
            DropTarget::Stage(stage) => format!("stage:{}", stage.0),
            DropTarget::Won => "won".into(),
            DropTarget::Lost => "lost".into(),
            DropTarget::Month(month) => format!("month:{month}"),
        }
    }

    fn parse(text: &str) -> Option<DropTarget> {
        match text {
            "won" => Some(DropTarget::Won),
            "lost" => Some(DropTarget::Lost),
            other if other.starts_with("month:") => other[6..].parse().ok().map(DropTarget::Month),
            other => other
                .strip_prefix("stage:")?
                .parse()
                .ok()
                .map(|id| DropTarget::Stage(StageId(id))),
        }
    }
}

fn finger(ev: &TouchEvent) -> Option<(f64, f64)> {
    let touch = ev
        .touches()
        .get(0)
        .or_else(|| ev.changed_touches().get(0))?;
    Some((f64::from(touch.client_x()), f64::from(touch.client_y())))
}

/// The board a touched card is on.
fn board_of(ev: &TouchEvent) -> Option<web_sys::HtmlElement> {
    let card: Element = ev.current_target()?.dyn_into().ok()?;
    card.closest(".board").ok()??.dyn_into().ok()
}

fn target_at((x, y): (f64, f64)) -> Option<(Element, DropTarget)> {
    let element = document().element_from_point(x as f32, y as f32)?;
    let marked = element.closest("[data-drop]").ok()??;
    let target = DropTarget::parse(&marked.get_attribute("data-drop")?)?;
    Some((marked, target))
}

#[derive(Clone, Copy)]
pub struct TouchDrag {
    /// Where the finger came down.
    start: StoredValue<Option<(f64, f64)>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// While carried: how far the card has moved from its place.
    pub offset: RwSignal<Option<(f64, f64)>>,
    /// The drop target under the finger, marked `drop-over`: where a lift drops the card.
    over: StoredValue<Option<(Element, DropTarget)>, LocalStorage>,
    last_turn: StoredValue<f64>,
    /// The card's board, and its sideways scroll when the finger came down: the card
    /// stays under the finger as the board turns.
    board: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    scrolled_from: StoredValue<f64>,
}

impl Default for TouchDrag {
    fn default() -> Self {
        Self::new()
    }
}

impl TouchDrag {
    pub fn new() -> TouchDrag {
        TouchDrag {
            start: StoredValue::new(None),
            timer: StoredValue::new(None),
            offset: RwSignal::new(None),
            over: StoredValue::new_local(None),
            last_turn: StoredValue::new(0.0),
            board: StoredValue::new_local(None),
            scrolled_from: StoredValue::new(0.0),
        }
    }

    /// A finger came down on the card: after a long press `on_pick` runs and the card
    /// follows the finger.
    pub fn start(&self, ev: &TouchEvent, on_pick: impl FnOnce() + 'static) {
        if ev.touches().length() != 1 {
            return self.cancel();
        }
        self.start.set_value(finger(ev));
        self.board.set_value(board_of(ev));
        self.scrolled_from.set_value(self.board_scroll());
        let offset = self.offset;
        let handle = set_timeout_with_handle(
            move || {
                offset.set(Some((0.0, 0.0)));
                on_pick();
            },
            LONG_PRESS,
        );
        self.timer.set_value(handle.ok());
    }

    pub fn moved(&self, ev: &TouchEvent) {
        let (Some(now), Some(from)) = (finger(ev), self.start.get_value()) else {
            return;
        };
        let (dx, dy) = (now.0 - from.0, now.1 - from.1);
        if self.offset.get_untracked().is_none() {
            // Moving before the press is long: the user is scrolling.
            if dx.hypot(dy) > SLOP_PX {
                self.cancel();
            }
            return;
        }
        ev.prevent_default();
        let turned = self.board_scroll() - self.scrolled_from.get_value();
        self.offset.set(Some((dx + turned, dy)));
        self.mark_over(target_at(now));
        self.turn_board_at_edge(now);
    }

    /// The finger lifted: where the card goes, when it was carried over a target.
    pub fn end(&self, ev: &TouchEvent) -> Option<DropTarget> {
        let carried = self.offset.get_untracked().is_some();
        let target = self
            .over
            .with_value(|over| over.as_ref().map(|(_, target)| *target));
        if carried {
            // No click (which would open the panel) after a drag.
            ev.prevent_default();
        }
        self.cancel();
        target.filter(|_| carried)
    }

    pub fn cancel(&self) {
        if let Some(timer) = self.timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
        self.start.set_value(None);
        self.offset.set(None);
        self.mark_over(None);
    }

    fn mark_over(&self, target: Option<(Element, DropTarget)>) {
        if let Some((previous, _)) = self.over.try_update_value(Option::take).flatten() {
            let _ = previous.class_list().remove_1("drop-over");
        }
        if let Some((element, target)) = target {
            let _ = element.class_list().add_1("drop-over");
            self.over.set_value(Some((element, target)));
        }
    }

    /// How far the card's board has scrolled sideways.
    fn board_scroll(&self) -> f64 {
        self.board
            .with_value(|b| b.as_ref().map_or(0.0, |b| f64::from(b.scroll_left())))
    }

    /// Near the board's left or right side, the board shows the previous or next column.
    fn turn_board_at_edge(&self, (x, _): (f64, f64)) {
        let Some(board) = self.board.get_value() else {
            return;
        };
        let rect = board.get_bounding_client_rect();
        let direction = if x < rect.left() + EDGE_PX {
            -1.0
        } else if x > rect.right() - EDGE_PX {
            1.0
        } else {
            return;
        };
        let now = js_sys::Date::now();
        if now - self.last_turn.get_value() < TURN_EVERY_MS {
            return;
        }
        self.last_turn.set_value(now);
        board.scroll_by_with_x_and_y(direction * f64::from(board.client_width()), 0.0);
    }
}
