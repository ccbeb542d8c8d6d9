//! One module per page of the navigation.

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
use super::route::Route;
use leptos::prelude::*;

pub fn render(route: Route) -> AnyView {
    match route {
        Route::Board => view! { <board::BoardPage/> }.into_any(),
        Route::Deals => view! { <deals::DealsPage/> }.into_any(),
        Route::Leads => view! { <leads::LeadsPage/> }.into_any(),
        Route::Activities => view! { <activities::ActivitiesPage/> }.into_any(),
        Route::Organizations => view! { <organizations::OrganizationsPage/> }.into_any(),
        Route::Dashboard => view! { <dashboard::DashboardPage/> }.into_any(),
        Route::Forecast => view! { <forecast::ForecastPage/> }.into_any(),
        Route::Settings => view! { <settings::SettingsPage/> }.into_any(),
        Route::NotFound => view! {
            <h1 class="page-title">"Page not found"</h1>
            <EmptyState title="There is no page at this address." hint="Use the navigation above, or go to the board.">
                <a class="btn btn-primary" href=Route::Board.href()>"Go to the board"</a>
            </EmptyState>
        }
        .into_any(),
    }
}
