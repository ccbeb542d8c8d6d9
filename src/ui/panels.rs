//! The deal and person panels, over any page. Most visits to the board open neither,
//! so their code (with the activities and notes sections) is downloaded on demand like
//! the pages' (`ui::on_demand`): after the board is drawn, or when a panel opens first.

use super::components::drawer::{Drawer, DrawerHead};
use super::components::global_search::use_open_request;
use super::deal::panel::DealDetail;
use super::deal::use_deal_ui;
use super::on_demand::{not_downloaded, on_demand};
use super::person::PersonDetail;
use crate::domain::{DealId, PersonId};
use crate::split::{split_points, NotDownloaded};
use leptos::prelude::*;
use std::future::Future;

split_points! {
    every_panel_download;
    deal_panel: deal_panel -> fn(DealId) -> AnyView, download_deal_panel => |id| view! { <DealDetail id=id/> }.into_any();
    person_panel: person_panel -> fn(PersonId) -> AnyView, download_person_panel => |id| view! { <PersonDetail id=id/> }.into_any();
}

#[component]
pub fn DealPanel() -> impl IntoView {
    let ctx = use_deal_ui();
    // A deal deleted elsewhere (another tab, an undo) keeps its panel open, saying so,
    // so that what the user typed can still be copied; this panel's Delete closes it.
    view! {
        {move || ctx.open_deal.get().map(|id| panel_on_demand(deal_panel, id, move || ctx.open_deal.set(None)))}
    }
}

#[component]
pub fn PersonPanel() -> impl IntoView {
    let request = use_open_request();
    view! {
        {move || request.person.get().map(|id| panel_on_demand(person_panel, id, move || request.person.set(None)))}
    }
}

/// The panel of `id` once its code is here; meanwhile (or if it cannot be downloaded) a
/// panel that says so and closes like any other.
fn panel_on_demand<Id, F>(
    load: fn() -> F,
    id: Id,
    close: impl Fn() + Copy + Send + Sync + 'static,
) -> AnyView
where
    Id: Copy + Send + Sync + 'static,
    F: Future<Output = Result<fn(Id) -> AnyView, NotDownloaded>> + Send + 'static,
{
    on_demand(
        load,
        move |show| show(id),
        move || waiting_panel("Loading…", close, ()).into_any(),
        move |retry| {
            waiting_panel("Not downloaded", close, not_downloaded("panel", retry)).into_any()
        },
    )
}

/// A panel titled `title` in place of the one whose code is not here.
fn waiting_panel(
    title: &'static str,
    close: impl Fn() + Copy + Send + Sync + 'static,
    body: impl IntoView + 'static,
) -> impl IntoView {
    view! {
        <Drawer labelled_by="panel-waiting" on_close=close>
            <DrawerHead title_id="panel-waiting" title=title close_label="Close panel" on_close=close/>
            {body}
        </Drawer>
    }
}
