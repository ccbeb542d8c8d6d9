//! The main navigation: every page in the top bar on wide screens; on a phone, a bar at
//! the bottom with the places used most, in reach of a thumb, and the rest under More.

use super::route::Route;
use leptos::prelude::*;

#[component]
pub fn MainNav(route: Memo<Route>) -> impl IntoView {
    let more_open = RwSignal::new(false);
    // Choosing a page closes the More menu.
    Effect::new(move |_| {
        route.track();
        more_open.set(false);
    });
    let link = move |r: Route| {
        let current = move || route.get() == r;
        view! {
            <a href=r.href() class="nav-link" class:active=current aria-current=move || current().then_some("page")>
                {r.title()}
            </a>
        }
    };
    view! {
        <nav class="nav" aria-label="Main">
            <ul>
                {Route::NAV.into_iter().map(|r| view! {
                    <li class:nav-secondary=!r.on_phone_bar()>{link(r)}</li>
                }).collect_view()}
                <li class="nav-more">
                    <details prop:open=more_open on:toggle=move |ev| more_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                        <summary class="nav-link" class:active=move || !route.get().on_phone_bar()>"More"</summary>
                        // Closed as the link is chosen, before the page changes: the
                        // effect above runs only once the address has changed.
                        <ul class="nav-more-list" on:click=move |_| more_open.set(false)>
                            {Route::NAV.into_iter().filter(|r| !r.on_phone_bar()).map(|r| view! { <li>{link(r)}</li> }).collect_view()}
                        </ul>
                    </details>
                </li>
            </ul>
        </nav>
    }
}
