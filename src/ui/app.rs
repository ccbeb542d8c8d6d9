//! The application shell: storage state, navigation and the current page.

use super::address;
use super::components::banners::{RecoveredBanner, StorageBanners, Toasts};
use super::components::global_search::{GlobalSearch, OpenRequest};
use super::components::recovery::RecoveryScreen;
use super::components::scenario_link::ScenarioFromAddress;
use super::components::sync_status::{DeletedWhileEditedQuestions, SyncStatusBadge};
use super::components::undo::UndoButtons;
use super::components::welcome::Welcome;
use super::deal::keep_open_deal_in_address;
use super::deal::lost_dialog::LostDialog;
use super::deal::DealUi;
use super::nav::MainNav;
use super::pages;
use super::panels::{every_panel_download, DealPanel, PersonPanel};
use super::route::Route;
use crate::state::{use_app, AppState, StorageHealth};
use crate::storage::keys;
use crate::ui::components::echarts::Echarts;
use crate::ui::components::when::When;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Where the user is. `hash` is the whole address after `#`, also as pages rewrite it
/// (their filters, the open deal); `visits` counts navigations to another page address
/// (a link, Back, Forward, a typed address), each of which draws the page anew; the
/// open deal is not part of the page address, so opening a deal redraws nothing.
#[derive(Clone, Copy)]
struct Location {
    hash: RwSignal<String>,
    visits: RwSignal<u64>,
    route: Memo<Route>,
}

impl Location {
    fn follow() -> Location {
        let hash = RwSignal::new(current_hash());
        let page = StoredValue::new(address::without(&current_hash(), address::OPEN_DEAL));
        let visits = RwSignal::new(0u64);
        let changed = move |navigated: bool| {
            let now = current_hash();
            let page_now = address::without(&now, address::OPEN_DEAL);
            if navigated && page_now != page.get_value() {
                visits.update(|v| *v += 1);
            }
            page.set_value(page_now);
            hash.set(now);
        };
        let _ = window_event_listener(ev::hashchange, move |_| changed(true));
        let _ = window_event_listener(
            ev::Custom::<web_sys::Event>::new(address::CHANGED),
            move |_| changed(false),
        );
        let route = Memo::new(move |_| {
            visits.track();
            page.with_value(|p| Route::from_hash(p))
        });
        Location {
            hash,
            visits,
            route,
        }
    }
}

/// Saves pending changes when the tab is hidden or closed right after a change.
fn flush_on_hide(state: AppState) {
    let _ = window_event_listener(ev::pagehide, move |_| state.flush());
    let on_visibility = Closure::<dyn Fn()>::new(move || {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            state.flush();
        }
    });
    let _ = document().add_event_listener_with_callback(
        "visibilitychange",
        on_visibility.as_ref().unchecked_ref(),
    );
    // The listener lives as long as the page.
    on_visibility.forget();
}

/// Interval between save attempts while storage is full.
const SAVE_RETRY: std::time::Duration = std::time::Duration::from_secs(5);

/// While a save has failed (storage full), saving is tried again when the page regains
/// focus and every few seconds, so freeing space elsewhere is enough; leaving the page
/// with changes not stored asks first.
fn keep_trying_to_save(state: AppState) {
    let retry = move || {
        if matches!(state.health.get_untracked(), StorageHealth::SaveFailed(_)) {
            state.flush();
        }
    };
    let _ = window_event_listener(ev::focus, move |_| retry());
    let _ = set_interval_with_handle(retry, SAVE_RETRY);
    let _ = window_event_listener(ev::beforeunload, move |event| {
        state.flush();
        if state.has_unsaved() {
            // Browsers show their own "Leave site?" question for this.
            event.prevent_default();
            event.set_return_value("Your latest changes are not saved yet.");
        }
    });
}

/// Another tab's saves are read in a task of their own, one read for however many
/// arrive meanwhile (a burst of moves): one read, one batch of changes, one paint.
/// (Not at the next frame: frames can be far apart while the other tab is busy.)
fn sync_with_other_tabs(state: AppState) {
    let scheduled = StoredValue::new(false);
    let _ = window_event_listener(ev::storage, move |event| {
        if event.key().as_deref() != Some(keys::REVISION) || scheduled.get_value() {
            return;
        }
        scheduled.set_value(true);
        crate::perf::start("another-tab-shown");
        let read = move || {
            scheduled.set_value(false);
            state.on_external_change();
        };
        set_timeout(read, std::time::Duration::ZERO);
    });
}

fn undo_shortcuts(state: AppState) {
    let _ = window_event_listener(ev::keydown, move |event| {
        if !(event.ctrl_key() || event.meta_key()) || event.key().to_lowercase() != "z" {
            return;
        }
        // Inside a text field the browser's own text undo applies.
        let in_field = document()
            .active_element()
            .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
            .unwrap_or(false);
        if in_field {
            return;
        }
        event.prevent_default();
        if event.shift_key() {
            state.redo();
        } else {
            state.undo();
        }
    });
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);
    // The chart library loads when a chart first needs it: the board never waits for it.
    Echarts::provide();
    let location = Location::follow();
    let route = location.route;
    flush_on_hide(state);
    keep_trying_to_save(state);
    sync_with_other_tabs(state);
    undo_shortcuts(state);
    state.team.resume(state);

    Effect::new(move |_| {
        document().set_title(&format!("{} · Pipewright", route.get().title()));
    });

    let unreadable = move || matches!(state.health.get(), StorageHealth::Unreadable { .. });
    view! {
        <When when=unreadable fallback=move || view! { <Shell location=location/> }>
            <RecoveryScreen/>
        </When>
        <Toasts/>
    }
}

#[component]
fn Shell(location: Location) -> impl IntoView {
    let route = location.route;
    let deals = DealUi::provide();
    let request = OpenRequest::provide();
    // The panels first: a card is often opened right after the board shows. The team
    // sync engine is already on its way when a team is set up (`TeamSync::resume`).
    let mut rest = every_panel_download();
    rest.extend(pages::every_page_download());
    rest.extend(crate::state::team::every_team_download());
    rest.extend(super::components::sync_status::every_question_download());
    super::on_demand::download_the_rest(rest);
    // Panels belong to the page they were opened on: navigating (a link, Back, Forward)
    // closes them, except the deal the address names.
    Effect::new(move |_| {
        location.visits.track();
        deals.lost_prompt.set(None);
        request.person.set(None);
    });
    keep_open_deal_in_address(use_app(), deals, location.hash);
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <div class="shell">
            <header class="topbar">
                <a class="brand" href="#/board" aria-label="Pipewright home">
                    <span class="brand-mark" aria-hidden="true">"▰"</span>
                    <span class="brand-name">"Pipewright"</span>
                </a>
                <MainNav route=route/>
                <GlobalSearch/>
                <SyncStatusBadge/>
                <UndoButtons/>
            </header>
            <StorageBanners/>
            <RecoveredBanner/>
            <DeletedWhileEditedQuestions/>
            <ScenarioFromAddress/>
            <main id="main" class="page" tabindex="-1">
                {move || { location.visits.track(); pages::render(route.get_untracked()) }}
            </main>
            <Welcome/>
            <LostDialog/>
            <DealPanel/>
            <PersonPanel/>
        </div>
    }
}
