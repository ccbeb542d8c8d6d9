//! First run: an empty workspace offers demo data or a clean start.

use crate::domain::demo::{demo_workspace, DemoSize, DEMO_SEED};
use crate::domain::Workspace;
use crate::state::{today, use_app};
use crate::ui::components::modal::Modal;
use leptos::prelude::*;

#[component]
pub fn Welcome() -> impl IntoView {
    let state = use_app();
    let show = move || {
        state.first_run.get()
            && state
                .workspace
                .with(|w| w.deals.is_empty() && w.leads.is_empty())
    };
    view! {
        <Modal open=Signal::derive(show) labelled_by="welcome-title">
                <section class="modal welcome">
                    <h2 id="welcome-title">"Welcome to Pipewright"</h2>
                    <p>"Manage leads and deals through your sales stages, and see your funnel, forecast and metrics — all in this browser. Nothing you enter leaves it."</p>
                    <div class="actions">
                        <button class="btn btn-primary" on:click=move |_| {
                            state.start_with(demo_workspace(DemoSize::Standard, DEMO_SEED, today()));
                            state.toast("Demo data loaded: 12 months of a small sales team. Reset it any time in Settings.".into());
                        }>"Load demo data"</button>
                        <button class="btn" on:click=move |_| state.start_with(Workspace::new())>"Start empty"</button>
                    </div>
                </section>
        </Modal>
    }
}
