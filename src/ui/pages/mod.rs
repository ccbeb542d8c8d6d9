//! One module per page of the navigation, and how each page's code gets to the browser:
//! the board's with the app, every other page's on demand (`render`, `pages_on_demand!`).

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
use std::future::Future;
#[cfg(feature = "split")]
use wasm_split_helpers::wasm_split;
use wasm_split_helpers::SplitLoaderError;

/// The page at `route`. The board is in the app's own wasm, so a first visit shows it
/// without waiting for any other page; every other page is split out of it
/// (scripts/wasm-link) and downloaded the first time it is opened (the service worker
/// has usually fetched them all by then, for offline use).
pub fn render(route: Route) -> AnyView {
    match route {
        Route::Board => view! { <board::BoardPage/> }.into_any(),
        Route::Deals => on_demand(deals_page),
        Route::Leads => on_demand(leads_page),
        Route::Activities => on_demand(activities_page),
        Route::Organizations => on_demand(organizations_page),
        Route::Dashboard => on_demand(dashboard_page),
        Route::Forecast => on_demand(forecast_page),
        Route::Settings => on_demand(settings_page),
        Route::NotFound => view! {
            <h1 class="page-title">"Page not found"</h1>
            <EmptyState title="There is no page at this address." hint="Use the navigation above, or go to the board.">
                <a class="btn btn-primary" href=Route::Board.href()>"Go to the board"</a>
            </EmptyState>
        }
        .into_any(),
    }
}

/// Downloads every other page's code once the first page has been drawn, one page
/// after another, so that later a page opens at once (and without the network). A
/// failed download is left for when the page is opened, which tries again.
pub fn download_the_other_pages() {
    request_animation_frame(|| {
        set_timeout(
            || {
                leptos::task::spawn_local(async move {
                    for download in every_page_download() {
                        if download().await.is_err() {
                            return;
                        }
                    }
                })
            },
            std::time::Duration::ZERO,
        )
    });
}

type Download = std::pin::Pin<Box<dyn Future<Output = Result<(), SplitLoaderError>>>>;

/// A page's code could not be downloaded: offline before the page was ever opened
/// (and before the service worker had cached it), or the host failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("This page could not be downloaded. Check the connection, then try again.")]
pub struct PageNotDownloaded;

impl From<SplitLoaderError> for PageNotDownloaded {
    fn from(_: SplitLoaderError) -> Self {
        PageNotDownloaded
    }
}

/// Shows "Loading…" while the page's code downloads, then the page; a failed download
/// says so with a button that tries again (a failed download is not remembered).
fn on_demand<F>(load: fn() -> F) -> AnyView
where
    F: Future<Output = Result<AnyView, PageNotDownloaded>> + Send + 'static,
{
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| view! { <p class="page-loading" role="status">"Loading…"</p> }>
            {move || {
                attempt.track();
                Suspend::new(async move {
                    // Announced (role="alert"): the page the user asked for is not coming.
                    load().await.unwrap_or_else(|error| view! {
                        <div role="alert">
                            <EmptyState title=error.to_string() hint="The board works without it.">
                                <button class="btn btn-primary" on:click=move |_| attempt.update(|n| *n += 1)>"Try again"</button>
                            </EmptyState>
                        </div>
                    }.into_any())
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// For each page: `$page` (its view, once its code is there) and `$download` (its code,
/// without showing it); and `every_page_download`, all the `$download`s in order. Built
/// with the `split` feature (the app, by Trunk), each page is a split point:
/// scripts/wasm-link moves its code into a module of its own, and `$page` downloads it
/// first. Without it (tests, native builds) they are plain functions: a test runner
/// serves no split modules.
macro_rules! pages_on_demand {
    ($($module:ident: $page:ident, $download:ident => $view:expr;)*) => {
        $(
            #[cfg(feature = "split")]
            #[wasm_split($module, fallible, preload($download))]
            fn $page() -> Result<AnyView, PageNotDownloaded> {
                Ok($view.into_any())
            }

            #[cfg(not(feature = "split"))]
            async fn $page() -> Result<AnyView, PageNotDownloaded> {
                Ok($view.into_any())
            }

            #[cfg(not(feature = "split"))]
            async fn $download() -> Result<(), SplitLoaderError> {
                Ok(())
            }
        )*

        fn every_page_download() -> Vec<fn() -> Download> {
            vec![$((|| Box::pin($download()) as Download) as fn() -> Download),*]
        }
    };
}

// One split module per page: each downloads only what it needs beyond the app's wasm
// (what several pages share comes in shared chunks).
pages_on_demand! {
    deals: deals_page, download_deals => view! { <deals::DealsPage/> };
    leads: leads_page, download_leads => view! { <leads::LeadsPage/> };
    activities: activities_page, download_activities => view! { <activities::ActivitiesPage/> };
    organizations: organizations_page, download_organizations => view! { <organizations::OrganizationsPage/> };
    dashboard: dashboard_page, download_dashboard => view! { <dashboard::DashboardPage/> };
    forecast: forecast_page, download_forecast => view! { <forecast::ForecastPage/> };
    settings: settings_page, download_settings => view! { <settings::SettingsPage/> };
}
