//! The global search: Ctrl+K (⌘K) or / anywhere outside a text field, or the top bar's
//! button. Arrow keys choose, Enter opens: a deal's or a person's panel where you are, a
//! lead's panel on Leads, an organization's on Organizations.

use crate::domain::queries::search::{search, Found, Hit};
use crate::domain::{LeadId, OrganizationId, PersonId, Subject};
use crate::state::use_app;
use crate::ui::components::modal::Modal;
use crate::ui::deal::{use_deal_ui, DealUi};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// What a page opens when it shows, asked for by the search from another page; and
/// the person panel, which opens over any page.
#[derive(Clone, Copy)]
pub struct OpenRequest {
    pub lead: RwSignal<Option<LeadId>>,
    pub organization: RwSignal<Option<OrganizationId>>,
    pub person: RwSignal<Option<PersonId>>,
}

impl OpenRequest {
    /// Provided by the shell, above both the search and the pages.
    pub fn provide() -> OpenRequest {
        let request = OpenRequest {
            lead: RwSignal::new(None),
            organization: RwSignal::new(None),
            person: RwSignal::new(None),
        };
        provide_context(request);
        request
    }
}

pub fn use_open_request() -> OpenRequest {
    expect_context::<OpenRequest>()
}

const PER_KIND: usize = 5;

fn in_text_field() -> bool {
    document().active_element().is_some_and(|el| {
        let tag = el.tag_name().to_lowercase();
        tag == "input"
            || tag == "textarea"
            || tag == "select"
            || el.has_attribute("contenteditable")
    })
}

fn go(hash: &str) {
    let _ = window().location().set_hash(hash);
}

/// Opens a deal's or person's panel where the user is, or a lead or organization on
/// its page.
pub fn open_subject(about: Subject, deals: DealUi, request: OpenRequest) {
    match about {
        Subject::Deal(id) => deals.open_deal.set(Some(id)),
        Subject::Lead(id) => {
            request.lead.set(Some(id));
            go("#/leads");
        }
        Subject::Organization(id) => {
            request.organization.set(Some(id));
            go("#/organizations");
        }
        Subject::Person(id) => request.person.set(Some(id)),
    }
}

#[component]
pub fn GlobalSearch() -> impl IntoView {
    let state = use_app();
    let deals = use_deal_ui();
    let request = use_open_request();
    let open = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let hits = Memo::new(move |_| {
        let t = text.get();
        state.workspace.with(|w| search(w, &t, PER_KIND))
    });
    let handle = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        let shortcut = (ev.ctrl_key() || ev.meta_key()) && ev.key().eq_ignore_ascii_case("k");
        let slash = ev.key() == "/" && !in_text_field() && !open.get_untracked();
        if shortcut || slash {
            ev.prevent_default();
            text.set(String::new());
            active.set(0);
            open.set(true);
        }
    });
    on_cleanup(move || handle.remove());

    let choose = move |hit: Hit| {
        open.set(false);
        match hit.found {
            Found::Deal(id) => open_subject(Subject::Deal(id), deals, request),
            Found::Lead(id) => open_subject(Subject::Lead(id), deals, request),
            Found::Organization(id) => open_subject(Subject::Organization(id), deals, request),
            Found::Person(id) => open_subject(Subject::Person(id), deals, request),
        }
    };
    let on_key = move |ev: KeyboardEvent| {
        let count = hits.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + 1) % count);
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + count - 1) % count);
            }
            "Enter" => {
                ev.prevent_default();
                if let Some(hit) = hits.with(|h| h.get(active.get_untracked()).cloned()) {
                    choose(hit);
                }
            }
            _ => {}
        }
    };
    view! {
        <button class="btn btn-quiet search-button" aria-keyshortcuts="Control+K /" on:click=move |_| { text.set(String::new()); active.set(0); open.set(true); }>
            "Search" <kbd aria-hidden="true">"Ctrl K"</kbd>
        </button>
        <Modal open=open labelled_by="search-title" on_dismiss=Callback::new(move |_| open.set(false))>
            <h2 id="search-title" class="visually-hidden">"Search everything"</h2>
            <div class="modal global-search">
                <input type="search" autofocus role="combobox" aria-expanded=move || (!hits.with(Vec::is_empty)).to_string()
                    aria-controls="search-results" aria-label="Search deals, leads, organizations and people"
                    aria-activedescendant=move || (!hits.with(Vec::is_empty)).then(|| format!("search-hit-{}", active.get()))
                    placeholder="Search deals, leads, organizations, people"
                    prop:value=text on:input=move |ev| { text.set(event_target_value(&ev)); active.set(0); } on:keydown=on_key/>
                <ul id="search-results" role="listbox" aria-label="Results" class="search-results">
                    {move || hits.get().into_iter().enumerate().map(|(i, hit)| {
                        let chosen = hit.clone();
                        view! {
                            <li id=format!("search-hit-{i}") role="option" aria-selected=move || (active.get() == i).to_string()
                                class:active=move || active.get() == i data-testid="search-hit"
                                on:click=move |_| choose(chosen.clone()) on:mousemove=move |_| active.set(i)>
                                <span class="search-kind">{hit.found.kind()}</span>
                                <span class="search-label">{hit.label.clone()}</span>
                                <span class="muted">{hit.detail.clone()}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {move || (!text.with(|t| t.trim().is_empty()) && hits.with(Vec::is_empty)).then(|| view! { <p class="muted">"Nothing matches."</p> })}
            </div>
        </Modal>
    }
}
