//! The lead panel: contact details, status lifecycle, score, follow-up, activities,
//! notes, status history, and conversion into a deal.

use crate::domain::forms::LeadForm;
use crate::domain::queries::lead_list::suggested_score;
use crate::domain::{Command, LeadId, LeadStatus, StageId, Subject};
use crate::state::{today, use_app};
use crate::ui::components::activity::{ActivitiesSection, NotesSection};
use crate::ui::components::drawer::{Drawer, DrawerHead};
use crate::ui::components::owner_field::OwnerField;
use crate::ui::components::record_form::RecordForm;
use crate::ui::components::unsaved::UnsavedPrompt;
use crate::ui::components::when::When;
use crate::ui::deal::use_deal_ui;
use crate::ui::format::money_format_untracked;
use leptos::prelude::*;

#[component]
pub fn LeadPanel(id: LeadId, on_close: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let state = use_app();
    let deals_ui = use_deal_ui();
    let lead = move || state.workspace.with(|w| w.lead(id).ok().cloned());
    let Some(initial) = lead() else {
        return ().into_any();
    };
    // A save sends only what the user changed since the form showed the lead; untouched
    // fields follow changes made elsewhere.
    let record = RecordForm::new(
        state
            .workspace
            .with_untracked(|w| LeadForm::of(w, &initial)),
        move || {
            state
                .workspace
                .with(|w| w.lead(id).ok().map(|l| LeadForm::of(w, l)))
        },
        LeadForm::refreshed,
    );
    let form = record.form;
    let error = record.error;
    let disqualify_reason = RwSignal::new(String::new());
    // Closing with typed changes not saved asks first (Escape, ✕).
    let leaving = record.leaving;
    let request_close = move || {
        record.close_or_ask(
            state.workspace.with_untracked(|w| w.lead(id).is_ok()),
            on_close,
        )
    };
    let save_now = move || {
        record.save(&state, "Edit lead", "Lead saved", |typed, shown| {
            state
                .workspace
                .with_untracked(|w| w.lead(id).ok().map(|l| typed.edit(shown, w, l)))
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save_now();
    };
    let set_status = move |status: LeadStatus| {
        let reason =
            (status == LeadStatus::Disqualified).then(|| disqualify_reason.get_untracked());
        match state.dispatch(
            Command::SetLeadStatus {
                lead: id,
                status,
                reason,
            },
            format!("Mark lead {}", status.label().to_lowercase()),
        ) {
            Ok(_) => error.set(None),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let status = move || lead().map(|l| l.status).unwrap_or(LeadStatus::New);
    let suggested = move || {
        state.workspace.with(|w| {
            w.lead(id)
                .ok()
                .map(|l| suggested_score(w, l, today()))
                .unwrap_or(0)
        })
    };

    view! {
        <Drawer labelled_by="lead-panel-title" on_close=request_close>
            <DrawerHead title_id="lead-panel-title" title=move || lead().map(|l| l.name).unwrap_or_default() close_label="Close lead panel" on_close=request_close>
                <span class="status-badge" data-testid="lead-status">{move || status().label()}</span>
            </DrawerHead>
            <When when=move || leaving.get()>
                <UnsavedPrompt what="lead"
                    on_save=Callback::new(move |_| { leaving.set(false); if save_now() { on_close() } })
                    on_discard=Callback::new(move |_| on_close())
                    on_keep=Callback::new(move |_| leaving.set(false))/>
            </When>
            <When when=move || status() != LeadStatus::Converted fallback=move || view! {
                <p class="muted">{move || {
                    let deal = lead().and_then(|l| l.converted_deal);
                    let title = deal.and_then(|d| state.workspace.with(|w| w.deal(d).ok().map(|d| d.title.clone())));
                    match title { Some(t) => format!("Converted into the deal “{t}”."), None => "Converted; its deal was deleted.".into() }
                }}</p>
                {move || lead().and_then(|l| l.converted_deal).filter(|d| state.workspace.with(|w| w.deal(*d).is_ok())).map(|deal| view! {
                    <button class="btn" on:click=move |_| deals_ui.open_deal.set(Some(deal))>"Open the deal"</button>
                })}
            }>
                <div class="actions" role="group" aria-label="Lead status">
                    {[LeadStatus::Contacted, LeadStatus::Nurturing, LeadStatus::Qualified].into_iter().map(|s| view! {
                        <button class="btn" aria-pressed=move || (status() == s).to_string() on:click=move |_| set_status(s)>{s.label()}</button>
                    }).collect_view()}
                </div>
                <div class="inline-form">
                    <input type="text" aria-label="Disqualification reason" placeholder="Reason to disqualify" prop:value=disqualify_reason on:input=move |ev| disqualify_reason.set(event_target_value(&ev))/>
                    <button class="btn btn-danger" on:click=move |_| set_status(LeadStatus::Disqualified)>"Disqualify"</button>
                </div>
                <When when=move || { status() != LeadStatus::Disqualified }>
                    <ConvertForm id=id/>
                </When>
            </When>
            <When when=move || error.get().is_some()><p class="form-error" role="alert">{move || error.get()}</p></When>
            <form class="form-grid" on:submit=save>
                <label class="span-2">"Name" <input type="text" prop:value=move || form.with(|f| f.name.clone()) on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))/></label>
                <label>"Organization" <input type="text" prop:value=move || form.with(|f| f.organization.clone()) on:input=move |ev| form.update(|f| f.organization = event_target_value(&ev))/></label>
                <label>"Email" <input type="email" prop:value=move || form.with(|f| f.email.clone()) on:input=move |ev| form.update(|f| f.email = event_target_value(&ev))/></label>
                <label>"Phone" <input type="tel" prop:value=move || form.with(|f| f.phone.clone()) on:input=move |ev| form.update(|f| f.phone = event_target_value(&ev))/></label>
                <label>"Source" <input type="text" prop:value=move || form.with(|f| f.source.clone()) on:input=move |ev| form.update(|f| f.source = event_target_value(&ev))/></label>
                <OwnerField value=Signal::derive(move || form.with(|f| f.owner.clone())) on_change=Callback::new(move |owner| form.update(|f| f.owner = owner))/>
                <label>{move || format!("Score 0–100 (suggested {})", suggested())} <input type="text" inputmode="numeric" prop:value=move || form.with(|f| f.score.clone()) on:input=move |ev| form.update(|f| f.score = event_target_value(&ev))/></label>
                <label>"Next follow-up" <input type="date" prop:value=move || form.with(|f| f.next_follow_up.clone()) on:input=move |ev| form.update(|f| f.next_follow_up = event_target_value(&ev))/></label>
                <label>"Expected value" <input type="text" inputmode="decimal" prop:value=move || form.with(|f| f.expected_value.clone()) on:input=move |ev| form.update(|f| f.expected_value = event_target_value(&ev))/></label>
                <div class="span-2"><button type="submit" class="btn btn-primary">"Save lead"</button></div>
            </form>
            <ActivitiesSection about=Subject::Lead(id)/>
            <NotesSection about=Subject::Lead(id)/>
            <section>
                <h3>"Status history"</h3>
                <ol class="timeline">
                    {move || lead().map(|l| l.status_history).unwrap_or_default().into_iter().map(|(on, s)| view! {
                        <li><span class="num muted">{on.to_string()}</span>" "{s.label()}</li>
                    }).collect_view()}
                </ol>
            </section>
        </Drawer>
    }
    .into_any()
}

#[component]
fn ConvertForm(id: LeadId) -> impl IntoView {
    let state = use_app();
    let initial = state.workspace.with_untracked(|w| w.lead(id).ok().cloned());
    let fmt = money_format_untracked(&state);
    let title = RwSignal::new(initial.as_ref().map(|l| l.name.clone()).unwrap_or_default());
    let value = RwSignal::new(
        initial
            .as_ref()
            .filter(|l| l.expected_value.0 > 0)
            .map(|l| fmt.full(l.expected_value))
            .unwrap_or_default(),
    );
    let first_stage = state.workspace.with_untracked(|w| w.first_stage());
    let stage = RwSignal::new(first_stage);
    let error = RwSignal::new(None::<String>);
    let stages = move || state.workspace.with(|w| w.stage_choices());
    let convert = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let fmt = money_format_untracked(&state);
        let amount = fmt.parse_or_zero(&value.get_untracked());
        let result = amount.map_err(|e| format!("Value: {e}")).and_then(|value| {
            state
                .dispatch(
                    Command::ConvertLead {
                        lead: id,
                        title: title.get_untracked(),
                        value,
                        stage: stage.get_untracked(),
                    },
                    "Convert lead",
                )
                .map_err(|e| e.to_string())
        });
        match result {
            Ok(_) => {
                error.set(None);
                state.toast("Lead converted: the deal is on the board.".into());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="convert" on:submit=convert aria-label="Convert to deal">
            <h3>"Convert to a deal"</h3>
            <div class="inline-form">
                <input type="text" aria-label="Deal title for conversion" prop:value=title on:input=move |ev| title.set(event_target_value(&ev))/>
                <input type="text" inputmode="decimal" aria-label="Deal value for conversion" placeholder="Value" prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
                <select aria-label="Stage for conversion" on:change=move |ev| if let Ok(v) = event_target_value(&ev).parse() { stage.set(StageId(v)) }>
                    {move || stages().into_iter().map(|(sid, n)| view! { <option value=sid.0.to_string() selected=move || stage.get() == sid>{n}</option> }).collect_view()}
                </select>
                <button type="submit" class="btn btn-primary">"Convert"</button>
            </div>
            <When when=move || error.get().is_some()><p class="form-error" role="alert">{move || error.get()}</p></When>
        </form>
    }
}
