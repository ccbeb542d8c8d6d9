//! On a phone the board shows one stage at a time: this row names every stage with its
//! count and value, and a tap brings that column into view.

use super::use_board;
use crate::state::use_app;
use crate::ui::format::money_format;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn show_column(stage: &str) {
    let selector = format!(
        "[data-testid=\"stage-column\"][data-stage=\"{}\"]",
        stage.replace('"', "\\\"")
    );
    let column = document().query_selector(&selector).ok().flatten();
    if let Some(column) = column.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_inline(web_sys::ScrollLogicalPosition::Start);
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        column.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Which column the scrolled board shows, from its scroll position (columns are equally
/// wide); written only when it changes, as scrolling fires many events.
pub fn note_shown_column(ev: &web_sys::Event, shown: RwSignal<usize>, columns: usize) {
    let Some(board) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    if columns == 0 || board.scroll_width() <= 0 {
        return;
    }
    let column_width = f64::from(board.scroll_width()) / columns as f64;
    let index = (f64::from(board.scroll_left()) / column_width).round() as usize;
    let index = index.min(columns - 1);
    if shown.get_untracked() != index {
        shown.set(index);
    }
}

#[component]
pub fn StageSwitcher() -> impl IntoView {
    let state = use_app();
    let ctx = use_board();
    let stages = move || {
        let fmt = money_format(&state);
        ctx.view.with(|v| {
            v.columns
                .iter()
                .map(|c| {
                    (
                        c.stage.name.clone(),
                        format!("{} · {}", c.count, fmt.short(c.value)),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <nav class="stage-switcher" aria-label="Go to stage">
            {move || stages().into_iter().enumerate().map(|(index, (name, figures))| {
                let target = name.clone();
                let current = move || ctx.shown_column.get() == index;
                view! {
                    <button class="stage-chip" aria-current=move || current().then_some("true")
                        on:click=move |_| show_column(&target)>
                        <span class="stage-chip-name">{name}</span>
                        <span class="stage-chip-figures num">{figures}</span>
                    </button>
                }
            }).collect_view()}
        </nav>
    }
}
