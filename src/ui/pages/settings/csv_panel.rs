//! CSV import and export of deals, leads and organizations: choose a file, check the
//! column mapping, see every bad row, then import in chunks with visible progress.

use super::csv_date_layout::DateLayoutChoice;
use super::csv_stage_values::CsvStageValues;
use crate::domain::csv::date_layout::DateLayout;
use crate::domain::csv::encoding::{decode, TextEncoding};
use crate::domain::csv::import::detect_column;
use crate::domain::csv::job::{Finished, ImportJob};
use crate::domain::csv::mapping::preview_columns;
use crate::domain::csv::remembered::{headers_key, Remembered};
use crate::domain::csv::stage_values::StageChoices;
use crate::domain::csv::{
    export_csv, parse_csv, plan_import, CsvTable, Entity, Field, ImportChoices, ImportPlan,
};
use crate::state::{today, use_app};
use crate::ui::components::when::When;
use crate::ui::download::download_text;
use crate::ui::format::count;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

/// Rows applied between looks at the clock.
const CHUNK: usize = 50;
/// How long one turn applies rows before the browser gets its turn back: half a long
/// task (50 ms), so typing and scrolling stay smooth while a long import runs.
const TURN_MS: f64 = 25.0;

/// The running import, shared with its timers (not owned by the view that started it).
type Work = Rc<RefCell<ImportJob>>;

/// Applies the next chunk, shows progress, and yields to the browser before the next;
/// at the end the import lands on the workspace as it is then (see `ImportJob`).
fn step(
    state: crate::state::AppState,
    work: Work,
    progress: RwSignal<Option<(usize, usize)>>,
    table: RwSignal<Option<(String, CsvTable)>>,
) {
    let (done, total) = {
        let mut job = work.borrow_mut();
        let started = js_sys::Date::now();
        let mut done = job.step(CHUNK);
        while !job.is_done() && js_sys::Date::now() - started < TURN_MS {
            done = job.step(CHUNK);
        }
        (done, job.total())
    };
    let _ = progress.try_set(Some((done, total)));
    let finished = if done < total {
        None
    } else {
        let current = state.workspace.get_untracked();
        let outcome = work.borrow_mut().finish(&current);
        Some(outcome)
    };
    let (ws, failures) = match finished {
        Some(Ok(Finished::Done(ws, failures))) => (ws, failures),
        Some(Err(e)) => {
            state.toast_error(format!(
                "The import stopped: {e} (the workspace changed while it ran). Nothing was changed."
            ));
            let _ = progress.try_set(None);
            return;
        }
        // More rows, or something changed while they were applied (they go again on top
        // of it): the next chunk after the browser has had its turn.
        None | Some(Ok(Finished::StartedOver)) => {
            set_timeout(
                move || step(state, work, progress, table),
                Duration::from_millis(0),
            );
            return;
        }
    };
    // Owners were matched to the team list as rows were added; the rest are asked about.
    let unknown_before = state
        .workspace
        .with_untracked(|w| w.owners_not_in_team().len());
    let unknown: Vec<String> = ws
        .owners_not_in_team()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    state.replace(ws, format!("Import {total} rows from CSV"));
    state.toast(format!(
        "Imported {} of {total} rows. Undo removes the whole import.",
        total - failures.len()
    ));
    if !ws_team_empty(state) && unknown.len() > unknown_before {
        state.toast_error(format!(
            "Owners not on the team list: {}. Add them (or rename them in the file) in Settings → Team members.",
            unknown.join(", ")
        ));
    }
    for f in failures.iter().take(5) {
        state.toast_error(f.clone());
    }
    let _ = progress.try_set(None);
    let _ = table.try_set(None);
}

/// For a file imported before (source IDs): how many rows add deals, how many update
/// the deals they made, how many would change nothing.
fn again_note(plan: &ImportPlan) -> String {
    let updates = plan.updating();
    if updates == 0 && plan.unchanged == 0 {
        return String::new();
    }
    format!(
        " {} new, {} imported before and changed, {} unchanged (left as they are).",
        plan.rows.len() - updates,
        updates,
        plan.unchanged
    )
}

/// The mapping and date layouts to start from: those kept from the last import of a
/// file with the same headers (`true`), else guessed from the headers.
fn first_choices(
    state: crate::state::AppState,
    entity: Entity,
    headers: &[String],
) -> (ImportChoices, bool) {
    let key = headers_key(entity, headers);
    let kept = state
        .with_repo(|r| r.csv_mapping(&key))
        .and_then(|found| found.ok().flatten())
        .and_then(|kept| kept.choices(entity, headers.len()));
    match kept {
        Some(choices) => (choices, true),
        None => (ImportChoices::guessed(entity, headers), false),
    }
}

/// Keeps the mapping and layouts of the file being imported for the next one like it.
fn remember(
    state: crate::state::AppState,
    entity: Entity,
    table: RwSignal<Option<(String, CsvTable)>>,
    mapping: RwSignal<Vec<Option<Field>>>,
    layouts: RwSignal<HashMap<usize, DateLayout>>,
) {
    let Some(key) =
        table.with_untracked(|t| t.as_ref().map(|(_, t)| headers_key(entity, &t.headers)))
    else {
        return;
    };
    let kept = Remembered::of(&ImportChoices {
        mapping: mapping.get_untracked(),
        layouts: layouts.get_untracked(),
        ..ImportChoices::default()
    });
    if let Some(Err(e)) = state.with_repo(|r| r.remember_csv_mapping(&key, &kept)) {
        state.toast_error(format!(
            "The column mapping could not be kept for next time: {e}"
        ));
    }
}

/// Without a team list there is nothing to ask about.
fn ws_team_empty(state: crate::state::AppState) -> bool {
    state
        .workspace
        .with_untracked(|w| w.settings.team.is_empty())
}

fn entity_of(value: &str) -> Entity {
    match value {
        "leads" => Entity::Leads,
        "organizations" => Entity::Organizations,
        _ => Entity::Deals,
    }
}

fn entity_name(entity: Entity) -> &'static str {
    match entity {
        Entity::Deals => "deals",
        Entity::Leads => "leads",
        Entity::Organizations => "organizations",
    }
}

#[component]
pub fn CsvPanel() -> impl IntoView {
    let state = use_app();
    let entity = RwSignal::new(Entity::Deals);
    let table = RwSignal::new(None::<(String, CsvTable)>);
    let mapping = RwSignal::new(Vec::<Option<Field>>::new());
    // Date layouts the user chose, by column (the others are detected).
    let layouts = RwSignal::new(HashMap::<usize, DateLayout>::new());
    // What becomes of stage values the workspace does not have.
    let stage_choices = RwSignal::new(StageChoices::default());
    let file_encoding = RwSignal::new(TextEncoding::Utf8);
    // Finds columns of a wide file by their header (the preview lists a page of them).
    let column_filter = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // Whether the mapping shown is the one kept from an earlier file with these headers.
    let remembered_used = RwSignal::new(false);
    let progress = RwSignal::new(None::<(usize, usize)>);
    // A file's mapping and layouts to start from (kept from the last one like it).
    let start_from = move |entity: Entity, headers: &[String]| {
        let (choices, kept) = first_choices(state, entity, headers);
        mapping.set(choices.mapping);
        layouts.set(choices.layouts);
        remembered_used.set(kept);
    };
    let plan = Memo::new(move |_| {
        table.with(|t| {
            t.as_ref().map(|(_, t)| {
                let choices = ImportChoices {
                    mapping: mapping.get(),
                    layouts: layouts.get(),
                    stages: stage_choices.get(),
                };
                state
                    .workspace
                    .with(|w| plan_import(w, entity.get(), t, &choices, today()))
            })
        })
    });

    let export = move |_| {
        let e = entity.get_untracked();
        let text = state.workspace.with_untracked(|w| export_csv(w, e));
        if let Err(err) = download_text(
            &format!("pipewright-{}.csv", entity_name(e)),
            "text/csv",
            &text,
        ) {
            state.toast_error(err);
        }
    };
    let choose = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        leptos::task::spawn_local(async move {
            // Bytes, not the browser's UTF-8 reading: Excel's files are often not UTF-8.
            let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                .await
                .ok()
                .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec());
            match bytes
                .ok_or_else(|| "the file could not be read".to_string())
                .and_then(|b| decode(&b).map_err(|e| e.to_string()))
                .and_then(|(text, encoding)| {
                    parse_csv(&text)
                        .map(|t| (t, encoding))
                        .map_err(|e| e.to_string())
                }) {
                Ok((t, encoding)) => {
                    start_from(entity.get_untracked(), &t.headers);
                    stage_choices.set(StageChoices::default());
                    file_encoding.set(encoding);
                    table.set(Some((name, t)));
                    error.set(None);
                }
                Err(e) => {
                    table.set(None);
                    error.set(Some(format!(
                        "“{name}” cannot be imported: {e}. Nothing was changed."
                    )));
                }
            }
        });
    };
    let run_import = move |_| {
        let Some(plan) = plan.get_untracked() else {
            return;
        };
        remember(state, entity.get_untracked(), table, mapping, layouts);
        let ImportPlan { rows, setup, .. } = plan;
        match ImportJob::new(state.workspace.get_untracked(), rows, setup, today()) {
            Ok(job) => {
                progress.set(Some((0, job.total())));
                step(state, Rc::new(RefCell::new(job)), progress, table);
            }
            Err(e) => state.toast_error(format!(
                "The import cannot start: {e}. Nothing was changed."
            )),
        }
    };

    view! {
        <section class="panel" aria-labelledby="csv-h">
            <h2 id="csv-h">"CSV import and export"</h2>
            <p class="muted">"Headers of Pipedrive and HubSpot exports are recognised; check the mapping before importing."</p>
            <div class="actions">
                <label class="inline-field">"Records"
                    <select on:change=move |ev| {
                        let e = entity_of(&event_target_value(&ev));
                        entity.set(e);
                        table.with_untracked(|t| if let Some((_, t)) = t { start_from(e, &t.headers) });
                    }>
                        <option value="deals">"Deals"</option>
                        <option value="leads">"Leads"</option>
                        <option value="organizations">"Organizations"</option>
                    </select>
                </label>
                <button class="btn" on:click=export>"Export CSV"</button>
                <label class="btn file-button">"Import CSV…"
                    <input type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain" class="visually-hidden" on:change=choose/>
                </label>
            </div>
            <When when=move || error.get().is_some()><p class="form-error" role="alert">{move || error.get()}</p></When>
            {move || table.get().map(|(name, t)| {
                // Shared with each date column's layout choice, which reads its values.
                let t = std::sync::Arc::new(t);
                let fields = Field::for_entity(entity.get());
                let row_count = t.rows.len();
                view! {
                    <div class="csv-preview" data-testid="csv-preview">
                        <h3>{move || format!("“{name}”: {}, {} text", count(row_count, "data row", "data rows"), file_encoding.get().label())}</h3>
                        <When when=move || remembered_used.get()>
                            <p class="muted" data-testid="csv-remembered">"Columns mapped as in your last import of a file with these headers; change any below."</p>
                        </When>
                        <label class="inline-field search">"Find a column"
                            <input type="search" prop:value=column_filter on:input=move |ev| column_filter.set(event_target_value(&ev))/>
                        </label>
                        <div class="table-wrap">
                            <table class="data-table">
                                <thead><tr><th scope="col">"Column"</th><th scope="col">"First value"</th><th scope="col">"Imports as"</th></tr></thead>
                                <tbody>
                                    {move || {
                                        // Chosen when the file or the search changes, not on each mapping
                                        // change: a row does not jump away while it is being mapped.
                                        let filter = column_filter.get();
                                        let (shown, hidden) = mapping.with_untracked(|m| preview_columns(&t.headers, m, &filter));
                                        let rows = shown.into_iter().map(|i| {
                                            let h = t.headers[i].clone();
                                            let sample = t.rows.first().and_then(|(_, r)| r.get(i)).cloned().unwrap_or_default();
                                            let header = h.clone();
                                            let values = std::sync::Arc::clone(&t);
                                            // Detected only for a column mapped to a date: a wide
                                            // file's other columns are never read for it.
                                            let layout_choice = move || {
                                                let is_date = mapping.with(|m| m.get(i).copied().flatten().is_some_and(Field::is_date));
                                                is_date.then(|| view! { <DateLayoutChoice column=i header=header.clone() detected=detect_column(&values, i) chosen=layouts/> })
                                            };
                                            view! {
                                                <tr>
                                                    <td>{h.clone()}</td>
                                                    <td>{sample}</td>
                                                    <td>
                                                        <select aria-label=format!("Field for column {h}")
                                                            prop:value=move || mapping.with(|m| m.get(i).copied().flatten().map_or("", Field::label))
                                                            on:change=move |ev| {
                                                                let v = event_target_value(&ev);
                                                                mapping.update(|m| if let Some(slot) = m.get_mut(i) { *slot = fields.iter().copied().find(|f| f.label() == v) });
                                                            }>
                                                            <option value="">"(ignore)"</option>
                                                            {fields.iter().map(|f| view! { <option value=f.label()>{f.label()}</option> }).collect_view()}
                                                        </select>
                                                        {layout_choice}
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view();
                                        let more = hidden > 0;
                                        view! {
                                            {rows}
                                            <When when=move || more>
                                                <tr><td colspan="3" class="muted">{format!("{} not shown: find one by its header above.", count(hidden, "more column", "more columns"))}</td></tr>
                                            </When>
                                        }
                                    }}
                                </tbody>
                            </table>
                        </div>
                        {move || plan.get().map(|p| view! {
                            <p data-testid="csv-summary">{match &p.blocked {
                                Some(_) => "Nothing can be imported yet.".to_string(),
                                None => format!("{} ready, {} with problems (skipped on import).{}", count(p.rows.len(), "row", "rows"), p.errors.len(), again_note(&p)),
                            }}</p>
                            {p.blocked.clone().map(|why| view! { <p class="form-error" role="alert">{format!("The file as mapped: {why}.")}</p> })}
                            <CsvStageValues plan=plan choices=stage_choices/>
                            <ul class="plain-list csv-errors">
                                {p.errors.iter().take(100).map(|e| view! { <li class="form-error">{format!("Line {}: {}", e.line, e.reason)}</li> }).collect_view()}
                            </ul>
                            <div class="actions">
                                <button class="btn btn-primary" disabled=p.rows.is_empty() || progress.get().is_some() on:click=run_import>{format!("Import {}", count(p.rows.len(), "row", "rows"))}</button>
                                <button class="btn" on:click=move |_| table.set(None)>"Cancel"</button>
                            </div>
                        })}
                        {move || progress.get().map(|(done, total)| view! {
                            <div class="meter-row"><progress max=total.to_string() value=done.to_string() aria-label="Import progress"></progress><span class="num">{format!("{done} / {total}")}</span></div>
                        })}
                    </div>
                }
            })}
        </section>
    }
}
