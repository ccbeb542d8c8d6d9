//! Work that waits for the page to paint first (charts after the figures).

use leptos::prelude::{request_animation_frame, set_timeout};
use std::time::Duration;

/// Runs `work` in the first task after the next paint, so what changed on the page is
/// painted before it. (Not in idle time: with chart animations running a page is seldom
/// idle, and charts then lagged a change by 200 ms or more.)
pub fn after_next_paint(work: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(work, Duration::ZERO));
}
