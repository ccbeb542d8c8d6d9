//! User Timing marks for the benchmark (`performance.measure` entries the benchmark
//! reads); cheap enough to leave on.

/// Runs `f`, recording its duration as a `performance.measure` entry named `name`.
pub fn measure<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let performance = web_sys::window().and_then(|w| w.performance());
    let (start, end) = (format!("{name}:start"), format!("{name}:end"));
    if let Some(p) = &performance {
        let _ = p.mark(&start);
    }
    let result = f();
    if let Some(p) = performance {
        let _ = p.mark(&end);
        let _ = p.measure_with_start_mark_and_end_mark(name, &start, &end);
        p.clear_marks_with_mark_name(&start);
        p.clear_marks_with_mark_name(&end);
    }
    result
}

/// Marks a moment (e.g. "board-ready") once the browser has painted it.
pub fn mark_after_paint(name: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(name);
        }
    });
}

/// Starts a span that `end_after_redraw` closes (a `<name>:start` mark).
pub fn start(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(&format!("{name}:start"));
    }
}

/// Ends the span `start` began once the page has been redrawn (the effects a change
/// sets off run before the next task): a measure named `name`. Not at the next frame:
/// a browser may hold a frame back for reasons of its own (a headless browser driving
/// another tab gave this one no frame for a second). Nothing is recorded when no span
/// was started.
pub fn end_after_redraw(name: &'static str) {
    leptos::prelude::set_timeout(
        move || {
            if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                let start = format!("{name}:start");
                if p.measure_with_start_mark(name, &start).is_ok() {
                    p.clear_marks_with_mark_name(&start);
                }
            }
        },
        std::time::Duration::ZERO,
    );
}
