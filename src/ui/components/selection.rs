//! A list's selection (bulk actions): the chosen rows among those listed, the boxes
//! that choose them, and running a bulk change with what it did and what it skipped.

use crate::domain::commands::BulkPlan;
use crate::state::AppState;
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
            on:change=move |ev| selection.chosen.set(if event_target_checked(&ev) { selection.listed.get_untracked().into_iter().collect() } else { BTreeSet::new() })/>
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
