//! Work that can wait for the browser to be idle (charts after the figures).

use leptos::prelude::set_timeout;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Longest wait before the work runs anyway, even on a busy page.
const AT_MOST: Duration = Duration::from_millis(200);

/// Runs `work` in the first idle time after the next paint, so what changed on the page
/// is painted before it. (Idle time can come before a pending paint, hence the frame.)
pub fn after_next_paint(work: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || when_idle(work));
}

/// Runs `work` once the browser is idle, or within `AT_MOST`. Where
/// `requestIdleCallback` is missing (Safari), on the next task.
pub fn when_idle(work: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let work = std::rc::Rc::new(std::cell::Cell::new(Some(
        Box::new(work) as Box<dyn FnOnce()>
    )));
    let run = {
        let work = work.clone();
        move || {
            if let Some(work) = work.take() {
                work();
            }
        }
    };
    let callback = Closure::once_into_js(run.clone());
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(AT_MOST.as_millis() as u32);
    if window
        .request_idle_callback_with_options(callback.unchecked_ref(), &options)
        .is_err()
    {
        set_timeout(run, Duration::ZERO);
    }
}
