//! One module per page of the navigation, and how each page's code gets to the browser:
//! the board's with the app, every other page's on demand (`render`, `split_points!`).

mod activities;
mod add_person;
mod board;
mod dashboard;
mod deal_bulk;
mod deals;
mod forecast;
mod forecast_methods;
mod leads;
mod organizations;
mod settings;

use super::components::empty::EmptyState;
use super::on_demand::{not_downloaded, on_demand};
use super::route::Route;
use crate::split::split_points;
use leptos::prelude::*;

/// The page at `route`. The board is in the app's own wasm, so a first visit shows it
/// without waiting for any other page; every other page is split out of it
/// (`split_points!` below) and downloaded the first time it is opened (the service
/// worker has usually fetched them all by then, for offline use).
pub fn render(route: Route) -> AnyView {
    match route {
        Route::Board => view! { <board::BoardPage/> }.into_any(),
        Route::Deals => page_on_demand(deals_page),
        Route::Leads => page_on_demand(leads_page),
        Route::Activities => page_on_demand(activities_page),
        Route::Organizations => page_on_demand(organizations_page),
        Route::Dashboard => page_on_demand(dashboard_page),
        Route::Forecast => page_on_demand(forecast_page),
        Route::Settings => page_on_demand(settings_page),
        Route::NotFound => view! {
            <h1 class="page-title">"Page not found"</h1>
            <EmptyState title="There is no page at this address." hint="Use the navigation above, or go to the board.">
                <a class="btn btn-primary" href=Route::Board.href()>"Go to the board"</a>
            </EmptyState>
        }
        .into_any(),
    }
}

/// "Loading…" while the page's code downloads, then the page.
fn page_on_demand<F>(load: fn() -> F) -> AnyView
where
    F: std::future::Future<Output = Result<AnyView, crate::split::NotDownloaded>> + Send + 'static,
{
    on_demand(
        load,
        |page| page,
        || view! { <p class="page-loading" role="status">"Loading…"</p> }.into_any(),
        |retry| not_downloaded("page", retry).into_any(),
    )
}

// One split module per page: each downloads only what it needs beyond the app's wasm
// (what several pages share comes in shared chunks).
split_points! {
    every_page_download;
    deals: deals_page -> AnyView, download_deals => view! { <deals::DealsPage/> }.into_any();
    leads: leads_page -> AnyView, download_leads => view! { <leads::LeadsPage/> }.into_any();
    activities: activities_page -> AnyView, download_activities => view! { <activities::ActivitiesPage/> }.into_any();
    organizations: organizations_page -> AnyView, download_organizations => view! { <organizations::OrganizationsPage/> }.into_any();
    dashboard: dashboard_page -> AnyView, download_dashboard => view! { <dashboard::DashboardPage/> }.into_any();
    forecast: forecast_page -> AnyView, download_forecast => view! { <forecast::ForecastPage/> }.into_any();
    settings: settings_page -> AnyView, download_settings => view! { <settings::SettingsPage/> }.into_any();
}
