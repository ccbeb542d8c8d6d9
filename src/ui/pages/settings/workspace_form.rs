//! Name, currency, locale, monthly goal and lost reasons.

use crate::domain::money::Currency;
use crate::domain::{Command, Settings};
use crate::state::use_app;
use crate::ui::components::when::When;
use crate::ui::format::MoneyFormat;
use leptos::prelude::*;

#[component]
pub fn WorkspaceForm() -> impl IntoView {
    let state = use_app();
    let initial = state.workspace.with_untracked(|w| w.settings.clone());
    let fmt = MoneyFormat::for_settings(&initial);
    let name = RwSignal::new(initial.name.clone());
    let currency = RwSignal::new(initial.currency.clone());
    let locale = RwSignal::new(initial.locale.clone());
    let goal = RwSignal::new(
        initial
            .monthly_goal
            .map(|g| fmt.full(g))
            .unwrap_or_default(),
    );
    let reasons = RwSignal::new(initial.lost_reasons.join("\n"));
    let error = RwSignal::new(None::<String>);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = state.workspace.get_untracked().settings;
        let mut draft = Settings {
            name: name.get_untracked(),
            currency: currency.get_untracked(),
            locale: locale.get_untracked(),
            monthly_goal: None,
            lost_reasons: reasons
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            forecast_uses_learned: current.forecast_uses_learned,
        };
        let goal_text = goal.get_untracked();
        if !goal_text.trim().is_empty() {
            match MoneyFormat::for_settings(&draft).parse(&goal_text) {
                Ok(money) => draft.monthly_goal = Some(money),
                Err(e) => {
                    error.set(Some(format!("Monthly goal: {e}")));
                    return;
                }
            }
        }
        match state.dispatch(Command::UpdateSettings(draft), "Edit settings") {
            Ok(_) => {
                error.set(None);
                state.toast("Settings saved".into());
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };

    view! {
        <section class="panel" aria-labelledby="ws-settings">
            <h2 id="ws-settings">"Workspace"</h2>
            <form class="form-grid" on:submit=save>
                <label>"Name" <input type="text" required prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/></label>
                <label>
                    "Currency"
                    <select on:change=move |ev| currency.set(event_target_value(&ev))>
                        {Currency::all().iter().map(|c| {
                            let code = c.code;
                            view! { <option value=code selected=move || currency.get() == code>{format!("{} ({})", c.code, c.symbol.trim())}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    "Number format"
                    <select on:change=move |ev| locale.set(event_target_value(&ev))>
                        {[("en-US", "1,234.56"), ("de-DE", "1.234,56"), ("fr-FR", "1 234,56")].into_iter().map(|(tag, sample)| {
                            view! { <option value=tag selected=move || locale.get() == tag>{format!("{sample} ({tag})")}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>"Monthly revenue goal" <input type="text" inputmode="decimal" placeholder="none" prop:value=goal on:input=move |ev| goal.set(event_target_value(&ev))/></label>
                <label class="span-2">"Lost reasons (one per line)" <textarea rows="5" prop:value=reasons on:input=move |ev| reasons.set(event_target_value(&ev))></textarea></label>
                <When when=move || error.get().is_some()>
                    <p class="form-error span-2" role="alert">{move || error.get()}</p>
                </When>
                <div class="span-2"><button type="submit" class="btn btn-primary">"Save settings"</button></div>
            </form>
        </section>
    }
}
