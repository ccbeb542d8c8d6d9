//! Name, currency, locale, monthly goal and lost reasons.

use crate::domain::forms::SettingsForm;
use crate::domain::model::money::Currency;
use crate::domain::Command;
use crate::state::use_app;
use crate::ui::components::when::When;
use leptos::prelude::*;

#[component]
pub fn WorkspaceForm() -> impl IntoView {
    let state = use_app();
    let form = RwSignal::new(
        state
            .workspace
            .with_untracked(|w| SettingsForm::of(&w.settings)),
    );
    let error = RwSignal::new(None::<String>);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = state.workspace.with_untracked(|w| w.settings.clone());
        let settings = form.with_untracked(|f| f.parse(&current));
        let result = state.dispatch_form(settings.map(Command::UpdateSettings), "Edit settings");
        match result {
            Ok(_) => {
                error.set(None);
                state.toast("Settings saved".into());
            }
            Err(e) => error.set(Some(e)),
        }
    };

    view! {
        <section class="panel" aria-labelledby="ws-settings">
            <h2 id="ws-settings">"Workspace"</h2>
            <form class="form-grid" on:submit=save>
                <label>"Name" <input type="text" required prop:value=move || form.with(|f| f.name.clone()) on:input=move |ev| form.update(|f| f.name = event_target_value(&ev))/></label>
                <label>
                    "Currency"
                    <select on:change=move |ev| form.update(|f| { let before = f.clone(); f.currency = event_target_value(&ev); *f = f.reformatted(&before); })>
                        {Currency::all().iter().map(|c| {
                            let code = c.code;
                            view! { <option value=code selected=move || form.with(|f| f.currency == code)>{format!("{} ({})", c.code, c.symbol.trim())}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    "Number format"
                    <select on:change=move |ev| form.update(|f| { let before = f.clone(); f.locale = event_target_value(&ev); *f = f.reformatted(&before); })>
                        {[("en-US", "1,234.56"), ("de-DE", "1.234,56"), ("fr-FR", "1 234,56")].into_iter().map(|(tag, sample)| {
                            view! { <option value=tag selected=move || form.with(|f| f.locale == tag)>{format!("{sample} ({tag})")}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>"Monthly revenue goal" <input type="text" inputmode="decimal" placeholder="none" prop:value=move || form.with(|f| f.monthly_goal.clone()) on:input=move |ev| form.update(|f| f.monthly_goal = event_target_value(&ev))/></label>
                <label class="span-2">"Lost reasons (one per line)" <textarea rows="5" prop:value=move || form.with(|f| f.lost_reasons.clone()) on:input=move |ev| form.update(|f| f.lost_reasons = event_target_value(&ev))></textarea></label>
                <When when=move || error.get().is_some()>
                    <p class="form-error span-2" role="alert">{move || error.get()}</p>
                </When>
                <div class="span-2"><button type="submit" class="btn btn-primary">"Save settings"</button></div>
            </form>
        </section>
    }
}
