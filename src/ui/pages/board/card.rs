//! A deal card: draggable, focusable, moved with Shift+arrows, opened with Enter.

use super::use_board;
use crate::domain::model::dates::{day_and_month, full_date};
use crate::domain::model::team::member_named;
use crate::domain::queries::board::{neighbour_stage, ActivityStatus, CardView};
use crate::domain::StageId;
use crate::state::use_app;
use crate::ui::deal::AfterMove;
use crate::ui::deal::{focus_card, use_deal_ui};
use crate::ui::drag::{dragged_deal, start_dragging_deal};
use crate::ui::format::{initials, money_format_untracked};
use crate::ui::touch_drag::{DropTarget, TouchDrag};
use leptos::prelude::*;

#[component]
pub fn Card(card: CardView, stage: StageId) -> impl IntoView {
    let state = use_app();
    let ctx = use_board();
    let deals = use_deal_ui();
    let id = card.id;
    let touch = TouchDrag::new();
    let fmt = money_format_untracked(&state);
    let activity_class = match card.activity {
        ActivityStatus::Overdue => "act act-overdue",
        ActivityStatus::DueToday => "act act-today",
        ActivityStatus::Planned => "act act-planned",
        ActivityStatus::NonePlanned => "act act-none",
    };
    let activity_icon = match card.activity {
        ActivityStatus::Overdue => "⚠",
        ActivityStatus::DueToday => "●",
        ActivityStatus::Planned => "○",
        ActivityStatus::NonePlanned => "!",
    };
    let activity_text = match card.next_due {
        Some(due) => format!("{}: {}", card.activity.label(), day_and_month(due)),
        None => card.activity.label().to_string(),
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        if key == "Enter" || key == " " {
            ev.prevent_default();
            deals.open_deal.set(Some(id));
            return;
        }
        if !ev.shift_key() || (key != "ArrowRight" && key != "ArrowLeft") {
            return;
        }
        ev.prevent_default();
        let forward = key == "ArrowRight";
        match state
            .workspace
            .with_untracked(|w| neighbour_stage(w, id, forward))
        {
            Some(next) => deals.move_deal(&state, id, next, None, AfterMove::FocusCard),
            None => {
                state.toast(
                    if forward {
                        "Already in the last stage: mark it won or lost from its panel."
                    } else {
                        "Already in the first stage."
                    }
                    .into(),
                );
                focus_card(id);
            }
        }
    };
    let title = card.title.clone();
    let label = format!(
        "{}, {}{}. {}",
        card.title,
        fmt.full(card.value),
        card.organization
            .as_ref()
            .map(|o| format!(", {o}"))
            .unwrap_or_default(),
        activity_text
    );
    view! {
        <article
            class="deal-card"
            class:rotting=card.rotting_days.is_some()
            data-testid="deal-card"
            data-deal=title
            data-deal-id=id.0.to_string()
            tabindex="0"
            draggable="true"
            aria-label=label
            aria-roledescription="draggable deal card"
            on:keydown=on_key
            on:click=move |_| deals.open_deal.set(Some(id))
            on:dragstart=move |ev| {
                start_dragging_deal(&ev, id);
                ctx.dragging.set(Some(id));
            }
            on:dragend=move |_| ctx.dragging.set(None)
            class:touch-carried=move || touch.offset.get().is_some()
            style:transform=move || touch.offset.get().map(|(x, y)| format!("translate({x}px, {y}px)"))
            on:touchstart=move |ev| touch.start(&ev, move || ctx.dragging.set(Some(id)))
            on:touchmove=move |ev| touch.moved(&ev)
            on:touchend=move |ev| {
                let target = touch.end(&ev);
                ctx.dragging.set(None);
                match target {
                    Some(DropTarget::Stage(to)) if to != stage => deals.move_deal(&state, id, to, None, AfterMove::LeaveFocus),
                    Some(DropTarget::Won) => deals.win(&state, id),
                    Some(DropTarget::Lost) => deals.lost_prompt.set(Some(id)),
                    _ => {}
                }
            }
            on:touchcancel=move |_| { touch.cancel(); ctx.dragging.set(None); }
            on:contextmenu=move |ev| if touch.offset.get_untracked().is_some() { ev.prevent_default() }
            on:dragover=move |ev| ev.prevent_default()
            on:drop=move |ev| {
                ev.prevent_default();
                ev.stop_propagation();
                if let Some(dragged) = dragged_deal(&ev) {
                    if dragged != id {
                        deals.move_deal(&state, dragged, stage, Some(id), AfterMove::LeaveFocus);
                    }
                }
            }
        >
            <p class="deal-title">{card.title.clone()}</p>
            {card.organization.clone().map(|o| view! { <p class="deal-org">{o}</p> })}
            <p class="deal-meta num">
                <span class="deal-value">{fmt.short(card.value)}</span>
                {card.expected_close.map(|d| view! {
                    <span class="deal-close" class:slipped=card.slipped title=if card.slipped { "Expected close date has passed" } else { "Expected close date" }>
                        {format!("{}{}", if card.slipped { "⚑ " } else { "" }, full_date(d))}
                    </span>
                })}
            </p>
            <p class="deal-foot">
                <span class=activity_class>{format!("{activity_icon} {activity_text}")}</span>
                {card.rotting_days.map(|d| view! { <span class="rot-badge">{format!("Rotting · {d} days idle")}</span> })}
                {(!card.owner.is_empty()).then(|| {
                    let owner = format!("Owner: {}", card.owner);
                    let title = owner.clone();
                    // A member's own initials and colour; others get initials from the name.
                    let member = state.workspace.with_untracked(|w| {
                        member_named(&w.settings.team, &card.owner).map(|m| (m.initials.clone(), m.colour.clone()))
                    });
                    let (letters, style) = match member {
                        Some((letters, colour)) => (letters, format!("background:{colour};color:#fff")),
                        None => (initials(&card.owner), String::new()),
                    };
                    view! {
                        <span class="owner-badge" title=title style=style>
                            <span aria-hidden="true">{letters}</span>
                            <span class="visually-hidden">{owner}</span>
                        </span>
                    }
                })}
            </p>
        </article>
    }
}
