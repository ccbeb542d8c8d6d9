//! Organizations: customers and prospects with their deals, leads, people and
//! activities; an organization can be marked churned (what retention counts).

use crate::domain::forms::optional_date;
use crate::domain::queries::contacts::reach;
use crate::domain::queries::organization_list::organization_rows;
use crate::domain::queries::people::people_rows;
use crate::domain::{Command, OrganizationId, Subject};
use crate::state::{today, use_app};
use crate::ui::components::activity::{ActivitiesSection, NotesSection};
use crate::ui::components::drawer::{Drawer, DrawerHead};
use crate::ui::components::empty::EmptyState;
use crate::ui::components::global_search::use_open_request;
use crate::ui::components::when::When;
use crate::ui::deal::use_deal_ui;
use crate::ui::format::money_format;
use leptos::prelude::*;

#[component]
pub fn OrganizationsPage() -> impl IntoView {
    let state = use_app();
    let text = RwSignal::new(String::new());
    let open = RwSignal::new(None::<OrganizationId>);
    // An organization chosen in the global search.
    let request = use_open_request();
    Effect::new(move |_| {
        if let Some(id) = request.organization.get() {
            open.set(Some(id));
            request.organization.set(None);
        }
    });
    let rows = Memo::new(move |_| {
        state
            .workspace
            .with(|w| organization_rows(w, &text.get(), today()))
    });
    let fmt = move || money_format(&state);
    view! {
        <h1 class="page-title">"Organizations and people"</h1>
        <div class="filters" role="search">
            <input type="search" aria-label="Search organizations" placeholder="Search organizations and people" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))/>
        </div>
        <When when=move || rows.with(|r| !r.is_empty()) fallback=|| view! {
            <EmptyState title="No organizations" hint="Organizations are added with deals and leads, or imported from CSV in Settings."/>
        }>
            <div class="table-wrap">
                <table class="data-table record-list">
                    <thead><tr>
                        <th scope="col">"Organization"</th><th scope="col">"Customer"</th><th scope="col" class="num">"Open deals"</th>
                        <th scope="col" class="num">"Won value"</th><th scope="col" class="num">"Leads"</th><th scope="col" class="num">"People"</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || rows.with(|r| r.iter().take(500).cloned().collect::<Vec<_>>()) key=|r| r.clone() let:row>
                            {
                                let id = row.id;
                                let status = match (row.customer_since, row.churned_on, row.is_customer) {
                                    (Some(s), _, true) => format!("✓ customer since {s}"),
                                    (Some(_), Some(c), false) => format!("✕ churned {c}"),
                                    _ => "prospect".to_string(),
                                };
                                view! {
                                    <tr data-testid="organization-row" data-organization=row.name.clone()>
                                        <td class="title-cell"><button class="link-button" on:click=move |_| open.set(Some(id))>{row.name.clone()}</button></td>
                                        <td>{status}</td>
                                        <td class="num" data-label="Open deals">{row.open_deals}</td>
                                        <td class="num" data-label="Won">{fmt().full(row.won_value)}</td>
                                        <td class="num" data-label="Leads">{row.leads}</td>
                                        <td class="num" data-label="People">{row.people}</td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
        </When>
        <PeopleList text=text open=open/>
        {move || open.get().map(|id| view! { <OrganizationPanel id=id on_close=move || open.set(None)/> })}
    }
}

/// Everyone the workspace knows; a name opens the person's panel, an organization its
/// panel.
#[component]
fn PeopleList(text: RwSignal<String>, open: RwSignal<Option<OrganizationId>>) -> impl IntoView {
    let state = use_app();
    let request = use_open_request();
    let people = Memo::new(move |_| {
        let mut rows = state.workspace.with(|w| people_rows(w, &text.get()));
        rows.truncate(500);
        rows
    });
    view! {
        <h2 class="section-title">"People"</h2>
        <super::add_person::AddPerson/>
        <When when=move || people.with(|p| !p.is_empty()) fallback=|| view! { <p class="muted">"No people match."</p> }>
            <div class="table-wrap">
                <table class="data-table record-list">
                    <thead><tr><th scope="col">"Name"</th><th scope="col">"Email"</th><th scope="col">"Phone"</th><th scope="col">"Organization"</th></tr></thead>
                    <tbody>
                        <For each=move || people.get() key=|row| row.clone() let:row>
                            {
                                let (id, org) = (row.id, row.organization);
                                view! {
                                    <tr data-testid="person-row">
                                        <td class="title-cell"><button class="link-button" on:click=move |_| request.person.set(Some(id))>{row.name.clone()}</button></td>
                                        <td>{row.email.clone()}</td><td>{row.phone.clone()}</td>
                                        <td>{org.map(|org| view! { <button class="link-button" on:click=move |_| open.set(Some(org))>{row.organization_name.clone()}</button> })}</td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
        </When>
    }
}

#[component]
fn OrganizationPanel(
    id: OrganizationId,
    on_close: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = use_app();
    let deals_ui = use_deal_ui();
    let name = move || {
        state.workspace.with(|w| {
            w.organizations
                .get(&id)
                .map(|o| o.name.clone())
                .unwrap_or_default()
        })
    };
    let churn = RwSignal::new(state.workspace.with_untracked(|w| {
        w.organizations
            .get(&id)
            .and_then(|o| o.churned_on)
            .map(|d| d.to_string())
            .unwrap_or_default()
    }));
    let error = RwSignal::new(None::<String>);
    let save_churn = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match optional_date(&churn.get_untracked()) {
            Ok(churned_on) => match state.dispatch(
                Command::SetChurn {
                    organization: id,
                    churned_on,
                },
                "Set churn date",
            ) {
                Ok(_) => {
                    error.set(None);
                    state.toast(if churned_on.is_some() {
                        "Marked churned".into()
                    } else {
                        "Churn date cleared".into()
                    });
                }
                Err(e) => error.set(Some(e.to_string())),
            },
            Err(e) => error.set(Some(e)),
        }
    };
    let deals = move || {
        state.workspace.with(|w| {
            w.deals
                .values()
                .filter(|d| d.organization == Some(id))
                .map(|d| (d.id, d.title.clone(), d.status))
                .collect::<Vec<_>>()
        })
    };
    let leads = move || {
        state.workspace.with(|w| {
            w.leads
                .values()
                .filter(|l| l.organization == Some(id))
                .map(|l| (l.name.clone(), l.status))
                .collect::<Vec<_>>()
        })
    };
    let request = use_open_request();
    let people = move || {
        state.workspace.with(|w| {
            w.people
                .values()
                .filter(|p| p.organization == Some(id))
                .map(|p| (p.id, p.name.clone(), reach(p)))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Drawer labelled_by="org-panel-title" on_close=on_close>
            <DrawerHead title_id="org-panel-title" title=name close_label="Close organization panel" on_close=on_close/>
            <form class="inline-form" on:submit=save_churn>
                <label class="inline-field">"Churned on" <input type="date" prop:value=churn on:input=move |ev| churn.set(event_target_value(&ev))/></label>
                <button type="submit" class="btn">"Save churn date"</button>
            </form>
            <When when=move || error.get().is_some()><p class="form-error" role="alert">{move || error.get()}</p></When>
            <section><h3>"Deals"</h3>
                <ul class="plain-list">{move || deals().into_iter().map(|(did, title, status)| view! {
                    <li><button class="link-button" on:click=move |_| deals_ui.open_deal.set(Some(did))>{title}</button>" "
                        <span class=format!("status-badge status-{}", status.label())>{status.label()}</span></li>
                }).collect_view()}</ul>
            </section>
            <section><h3>"Leads"</h3>
                <ul class="plain-list">{move || leads().into_iter().map(|(n, s)| view! { <li>{format!("{n} — {}", s.label())}</li> }).collect_view()}</ul>
            </section>
            <section><h3>"People"</h3>
                <ul class="plain-list">{move || people().into_iter().map(|(person, name, reach)| view! {
                    <li><button class="link-button" on:click=move |_| request.person.set(Some(person))>{name}</button>" "<span class="muted">{reach}</span></li>
                }).collect_view()}</ul>
            </section>
            <ActivitiesSection about=Subject::Organization(id)/>
            <NotesSection about=Subject::Organization(id)/>
        </Drawer>
    }
}
