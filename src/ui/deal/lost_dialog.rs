//! Asks why a deal was lost: a reason from the Settings list (or typed) and a note.

use super::use_deal_ui;
use crate::domain::Command;
use crate::state::use_app;
use crate::ui::components::modal::Modal;
use crate::ui::components::when::When;
use leptos::prelude::*;

const OTHER: &str = "__other__";

#[component]
pub fn LostDialog() -> impl IntoView {
    let state = use_app();
    let ctx = use_deal_ui();
    let reason = RwSignal::new(String::new());
    let other = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let close = move || {
        ctx.lost_prompt.set(None);
        reason.set(String::new());
        other.set(String::new());
        note.set(String::new());
        error.set(None);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(deal) = ctx.lost_prompt.get_untracked() else {
            return;
        };
        let chosen = reason.get_untracked();
        let chosen = if chosen == OTHER {
            other.get_untracked()
        } else {
            chosen
        };
        match state.dispatch(
            Command::LoseDeal {
                deal,
                reason: chosen,
                note: note.get_untracked(),
            },
            "Mark deal lost",
        ) {
            Ok(_) => {
                state.toast(
                    "Deal marked lost. It left the board; reopen it from the deals list.".into(),
                );
                close();
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let title = move || {
        ctx.lost_prompt
            .get()
            .and_then(|id| {
                state
                    .workspace
                    .with(|w| w.deal(id).ok().map(|d| d.title.clone()))
            })
            .unwrap_or_default()
    };
    view! {
        <Modal open=Signal::derive(move || ctx.lost_prompt.get().is_some()) labelled_by="lost-title"
            on_dismiss=Callback::new(move |_| close())>
                <form class="modal" on:submit=submit>
                    <h2 id="lost-title">{move || format!("Mark “{}” as lost", title())}</h2>
                    <label class="field">
                        "Lost reason"
                        <select required autofocus on:change=move |ev| reason.set(event_target_value(&ev))>
                            <option value="" selected=move || reason.get().is_empty()>"Choose a reason…"</option>
                            {move || state.workspace.with(|w| w.settings.lost_reasons.iter().map(|r| {
                                let value = r.clone();
                                let selected = value.clone();
                                view! { <option value=value selected=move || reason.get() == selected>{r.clone()}</option> }
                            }).collect_view())}
                            <option value=OTHER>"Other (type it)"</option>
                        </select>
                    </label>
                    <When when=move || reason.get() == OTHER>
                        <label class="field">"Reason" <input type="text" prop:value=other on:input=move |ev| other.set(event_target_value(&ev))/></label>
                    </When>
                    <label class="field">"Note (optional)" <textarea rows="3" prop:value=note on:input=move |ev| note.set(event_target_value(&ev))></textarea></label>
                    <When when=move || error.get().is_some()>
                        <p class="form-error" role="alert">{move || error.get()}</p>
                    </When>
                    <div class="actions">
                        <button type="submit" class="btn btn-primary">"Mark as lost"</button>
                        <button type="button" class="btn" on:click=move |_| close()>"Cancel"</button>
                    </div>
                </form>
        </Modal>
    }
}
