//! The deal detail panel: every field, won/lost/reopen/delete, move, activities, notes
//! and the stage-history timeline.

use super::contacts::DealContacts;
use super::{use_deal_ui, AfterMove};
use crate::domain::forms::DealForm;
use crate::domain::model::dates::full_date;
use crate::domain::{Command, Deal, DealEvent, DealId, DealStatus, Subject, Workspace};
use crate::state::use_app;
use crate::ui::components::activity::{ActivitiesSection, NotesSection};
use crate::ui::components::drawer::{Drawer, DrawerHead};
use crate::ui::components::organization_names::OrganizationNames;
use crate::ui::components::owner_field::OwnerField;
use crate::ui::components::record_form::RecordForm;
use crate::ui::components::unsaved::UnsavedPrompt;
use crate::ui::components::when::When;
use chrono::NaiveDate;
use leptos::prelude::*;

fn history_lines(ws: &Workspace, deal: DealId) -> Vec<(NaiveDate, String)> {
    ws.deal_history(deal)
        .into_iter()
        .map(|e| {
            let what = match e.event {
                DealEvent::EnteredStage(s) => {
                    format!(
                        "Entered {}",
                        ws.stage(s)
                            .map(|(_, st)| st.name.clone())
                            .unwrap_or_else(|_| "a deleted stage".into())
                    )
                }
                DealEvent::Won => "Won".into(),
                DealEvent::Lost => "Lost".into(),
                DealEvent::Reopened => "Reopened".into(),
                DealEvent::ExpectedClose(Some(date)) => {
                    format!("Expected close set to {}", full_date(date))
                }
                DealEvent::ExpectedClose(None) => "Expected close cleared".into(),
            };
            (e.on, what)
        })
        .collect()
}

#[component]
pub fn DealDetail(id: DealId) -> impl IntoView {
    let state = use_app();
    let ctx = use_deal_ui();
    let deal = move || state.workspace.with(|w| w.deal(id).ok().cloned());
    let initial: Option<Deal> = deal();
    let Some(initial) = initial else {
        return ().into_any();
    };
    // A save sends only what the user changed since the form showed the deal, so a field
    // edited in another tab meanwhile is not reverted; untouched fields follow such edits.
    let record = RecordForm::new(
        state
            .workspace
            .with_untracked(|w| DealForm::of(w, &initial)),
        move || {
            state
                .workspace
                .with(|w| w.deal(id).ok().map(|d| DealForm::of(w, d)))
        },
        DealForm::refreshed,
    );
    let form = record.form;
    let error = record.error;
    let confirm_delete = RwSignal::new(false);
    let close = move || ctx.open_deal.set(None);
    let gone = move || state.workspace.with(|w| w.deal(id).is_err());
    // Closing with typed changes not saved asks first (Escape, ✕).
    let leaving = record.leaving;
    let request_close = move || {
        record.close_or_ask(
            state.workspace.with_untracked(|w| w.deal(id).is_ok()),
            close,
        )
    };
    let save_now = move || {
        record.save(&state, "Edit deal", "Deal saved", |typed, shown| {
            state
                .workspace
                .with_untracked(|w| w.deal(id).ok().map(|d| typed.edit(shown, w, d)))
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save_now();
    };

    let status = move || deal().map(|d| d.status).unwrap_or(DealStatus::Open);
    let stages = move || {
        state.workspace.with(|w| {
            deal()
                .and_then(|d| {
                    w.pipeline(d.pipeline).ok().map(|p| {
                        p.stages
                            .iter()
                            .map(|s| (s.id, s.name.clone()))
                            .collect::<Vec<_>>()
                    })
                })
                .unwrap_or_default()
        })
    };
    let current_stage = move || deal().map(|d| d.stage);

    view! {
        <Drawer labelled_by="deal-panel-title" on_close=request_close>
            <DrawerHead title_id="deal-panel-title" title=move || deal().map(|d| d.title).unwrap_or_else(|| form.with(|f| f.title.clone())) close_label="Close deal panel" on_close=request_close>
                <span class=move || format!("status-badge status-{}", status().label())>{move || status().label()}</span>
            </DrawerHead>
            {move || state.team.last_author(id).map(|who| view! {
                <p class="muted last-changed" data-testid="deal-last-changed">{format!("Last changed by {who}")}</p>
            })}
            <When when=move || leaving.get()>
                <UnsavedPrompt what="deal"
                    on_save=Callback::new(move |_| { leaving.set(false); if save_now() { close() } })
                    on_discard=Callback::new(move |_| close())
                    on_keep=Callback::new(move |_| leaving.set(false))/>
            </When>
            <div class="actions">
                <When when=move || status() == DealStatus::Open fallback=move || view! {
                    <button class="btn" on:click=move |_| { state.run(Command::ReopenDeal { deal: id }, "Reopen deal"); }>"Reopen"</button>
                    <span class="muted">{move || deal().and_then(|d| d.lost_reason.map(|r| format!("Lost: {r}{}", d.lost_note.map(|n| format!(" — {n}")).unwrap_or_default()))).unwrap_or_default()}</span>
                }>
                    <button class="btn btn-won" on:click=move |_| ctx.win(&state, id)>"✓ Won"</button>
                    <button class="btn btn-lost" on:click=move |_| ctx.lost_prompt.set(Some(id))>"✕ Lost"</button>
                    <label class="inline-field">
                        "Move to"
                        <select aria-label="Move to stage" on:change=move |ev| {
                            if let Ok(stage) = event_target_value(&ev).parse() {
                                ctx.move_deal(&state, id, crate::domain::StageId(stage), None, AfterMove::LeaveFocus);
                            }
                        }>
                            {move || stages().into_iter().map(|(sid, name)| view! {
                                <option value=sid.0.to_string() selected=move || current_stage() == Some(sid)>{name}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </When>
                <button class="btn btn-danger" on:click=move |_| {
                    if confirm_delete.get_untracked() {
                        if state.run(Command::DeleteDeal { deal: id }, "Delete deal").is_some() {
                            close();
                            state.toast("Deal deleted. Undo (Ctrl+Z) brings it back.".into());
                        }
                    } else {
                        confirm_delete.set(true);
                    }
                }>{move || if confirm_delete.get() { "Click again to delete" } else { "Delete" }}</button>
            </div>
            <form class="form-grid" on:submit=save>
                <label class="span-2">"Title" <input type="text" prop:value=move || form.with(|f| f.title.clone()) on:input=move |ev| form.update(|f| f.title = event_target_value(&ev))/></label>
                <label>"Value" <input type="text" inputmode="decimal" prop:value=move || form.with(|f| f.value.clone()) on:input=move |ev| form.update(|f| f.value = event_target_value(&ev))/></label>
                <label>"Expected close" <input type="date" prop:value=move || form.with(|f| f.expected_close.clone()) on:input=move |ev| form.update(|f| f.expected_close = event_target_value(&ev))/></label>
                <label>"Probability override (%)" <input type="text" inputmode="numeric" placeholder="stage default" prop:value=move || form.with(|f| f.probability.clone()) on:input=move |ev| form.update(|f| f.probability = event_target_value(&ev))/></label>
                <label>"Organization" <input type="text" list="org-names" prop:value=move || form.with(|f| f.organization.clone()) on:input=move |ev| form.update(|f| f.organization = event_target_value(&ev))/></label>
                <OwnerField value=Signal::derive(move || form.with(|f| f.owner.clone())) on_change=Callback::new(move |owner| form.update(|f| f.owner = owner))/>
                <label>"Source" <input type="text" prop:value=move || form.with(|f| f.source.clone()) on:input=move |ev| form.update(|f| f.source = event_target_value(&ev))/></label>
                <OrganizationNames id="org-names"/>
                <When when=move || error.get().is_some()>
                    <p class="form-error span-2" role="alert">{move || error.get()}</p>
                </When>
                <When when=gone>
                    <p class="form-error span-2" role="alert" data-testid="deal-gone">"This deal was deleted (in another tab, or by undo). What you typed is kept below, to copy; Undo (Ctrl+Z) brings the deal back if it was deleted here."</p>
                </When>
                <div class="span-2"><button type="submit" class="btn btn-primary" disabled=gone>"Save changes"</button></div>
            </form>
            <DealContacts deal=id/>
            <ActivitiesSection about=Subject::Deal(id)/>
            <NotesSection about=Subject::Deal(id)/>
            <section>
                <h3>"History"</h3>
                <ol class="timeline">
                    {move || state.workspace.with(|w| history_lines(w, id)).into_iter().map(|(on, what)| view! {
                        <li><span class="num muted">{on.to_string()}</span>" "{what}</li>
                    }).collect_view()}
                </ol>
            </section>
        </Drawer>
    }
    .into_any()
}
