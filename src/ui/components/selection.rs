//! A list's selection (bulk actions): the chosen rows among those listed, the boxes
//! that choose them, and running a bulk change with what it did and what it skipped.

use crate::domain::commands::BulkPlan;
use crate::domain::metrics::owners::owners;
use crate::domain::support::sorting::btree_set;
use crate::domain::Workspace;
use crate::state::{use_app, AppState};
use crate::ui::download::download_text;
use crate::ui::format::count;
use leptos::prelude::*;
use std::collections::BTreeSet;

pub trait RowId: Copy + Ord + Send + Sync + 'static {}
impl<T: Copy + Ord + Send + Sync + 'static> RowId for T {}

pub struct Selection<Id: RowId> {
    pub chosen: RwSignal<BTreeSet<Id>>,
    /// Every record the list shows (not only the rows drawn), in its order.
    pub listed: Signal<Vec<Id>>,
}

impl<Id: RowId> Clone for Selection<Id> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<Id: RowId> Copy for Selection<Id> {}

impl<Id: RowId> Selection<Id> {
    pub fn new(listed: Signal<Vec<Id>>) -> Selection<Id> {
        Selection {
            chosen: RwSignal::new(BTreeSet::new()),
            listed,
        }
    }

    /// The chosen records still listed, in the list's order (untracked: for actions).
    pub fn ids(&self) -> Vec<Id> {
        self.chosen.with_untracked(|s| {
            (self.listed)
                .with_untracked(|l| l.iter().copied().filter(|id| s.contains(id)).collect())
        })
    }

    /// How many of the listed records are chosen (tracked: for the view).
    pub fn how_many(&self) -> usize {
        self.chosen.with(|s| {
            self.listed
                .with(|l| l.iter().filter(|id| s.contains(id)).count())
        })
    }

    /// Whether any listed record is chosen (tracked): the bulk bar shows.
    pub fn any(&self) -> bool {
        self.how_many() > 0
    }

    pub fn is_chosen(&self, id: Id) -> bool {
        self.chosen.with(|s| s.contains(&id))
    }

    pub fn clear(&self) {
        self.chosen.set(BTreeSet::new());
    }
}

/// The header box: chooses every listed record, or none.
#[component]
pub fn SelectAllBox<Id: RowId>(
    selection: Selection<Id>,
    one: &'static str,
    many: &'static str,
) -> impl IntoView {
    let all = move || {
        selection
            .listed
            .with(|l| !l.is_empty() && selection.chosen.with(|s| l.iter().all(|id| s.contains(id))))
    };
    view! {
        <input type="checkbox" aria-label=move || format!("Select all {} in the list", count(selection.listed.with(Vec::len), one, many))
            prop:checked=all
            on:change=move |ev| selection.chosen.set(if event_target_checked(&ev) { btree_set(selection.listed.get_untracked()) } else { BTreeSet::new() })/>
    }
}

/// A row's box.
#[component]
pub fn SelectBox<Id: RowId>(selection: Selection<Id>, id: Id, name: String) -> impl IntoView {
    view! {
        <input type="checkbox" aria-label=format!("Select {name}") prop:checked=move || selection.is_chosen(id)
            on:change=move |ev| {
                let on = event_target_checked(&ev);
                selection.chosen.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
            }/>
    }
}

/// The bar over a list with chosen rows: how many, the owner change every list has,
/// the list's own actions (`children`), export, delete (asking once more) and clear.
#[component]
pub fn BulkActions<Id: RowId>(
    selection: Selection<Id>,
    one: &'static str,
    many: &'static str,
    on_owner: Callback<String>,
    /// The chosen rows as a CSV file, named `export_file`.
    export: fn(&Workspace, &[Id]) -> String,
    export_file: &'static str,
    on_delete: Callback<()>,
    children: Children,
) -> impl IntoView {
    let state = use_app();
    let owner = RwSignal::new(String::new());
    let confirm_delete = RwSignal::new(false);
    let members = Memo::new(move |_| state.workspace.with(owners));
    let chosen = move || count(selection.how_many(), one, many);
    view! {
        <div class="bulk-bar" role="region" aria-label=format!("Selected {many}") data-testid="bulk-bar">
            <strong class="num">{move || format!("{} selected", chosen())}</strong>
            <span class="bulk-group">
                <select aria-label="New owner" on:change=move |ev| owner.set(event_target_value(&ev))>
                    <option value="">"Choose an owner…"</option>
                    {move || members.get().into_iter().map(|m| view! { <option value=m.clone()>{m.clone()}</option> }).collect_view()}
                </select>
                <button class="btn" on:click=move |_| match owner.get_untracked() {
                    name if name.is_empty() => state.toast_error(format!("Choose the owner to give the {many} to.")),
                    name => on_owner.run(name),
                }>"Change owner"</button>
            </span>
            {children()}
            <button class="btn" on:click=move |_| {
                let text = state.workspace.with_untracked(|w| export(w, &selection.ids()));
                if let Err(err) = download_text(export_file, "text/csv", &text) {
                    state.toast_error(err);
                }
            }>"Export selected (CSV)"</button>
            <button class="btn btn-danger" on:click=move |_| {
                if confirm_delete.get_untracked() {
                    on_delete.run(());
                    selection.clear();
                    confirm_delete.set(false);
                } else {
                    confirm_delete.set(true);
                }
            }>{move || if confirm_delete.get() { format!("Click again to delete {}", chosen()) } else { "Delete".to_string() }}</button>
            <button class="btn btn-quiet" on:click=move |_| selection.clear()>"Clear selection"</button>
        </div>
    }
}

/// Runs a planned bulk change as one undo step (`label` names it), and says what was
/// done and what was left as it is, with why.
pub fn run_plan<Id>(state: &AppState, plan: BulkPlan<Id>, label: String) {
    if let Some(command) = plan.command.clone() {
        if state.run(command, label.clone()).is_some() {
            state.toast(format!("{label}: done. Undo (Ctrl+Z) reverts all of it."));
        }
    }
    if let Some(skipped) = plan.skipped_summary() {
        state.toast_error(skipped);
    }
}
