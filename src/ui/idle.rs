//! Work that can wait for the browser to be idle (charts after the figures).

use leptos::prelude::set_timeout;
use std::cell::Cell;
use std::rc::Rc;
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
    let supported = js_sys::Reflect::has(&window, &"requestIdleCallback".into()).unwrap_or(false);
    if !supported {
        set_timeout(work, Duration::ZERO);
        return;
    }
    // Shared so that, should the browser refuse the callback, the timer runs the work.
    let work = Rc::new(Cell::new(Some(Box::new(work) as Box<dyn FnOnce()>)));
    let run = move || {
        if let Some(work) = work.take() {
            work();
        }
    };
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(AT_MOST.as_millis() as u32);
    let callback = Closure::once_into_js(run.clone());
    if window
        .request_idle_callback_with_options(callback.unchecked_ref(), &options)
        .is_err()
    {
        set_timeout(run, Duration::ZERO);
    }
}
