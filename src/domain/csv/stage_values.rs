//! The pipelines and stages a deals file names that the workspace does not have: listed
//! with their counts in the preview, each created (in the order the user sets) or put
//! in an existing stage of its pipeline; made at the start of the import, in its one
//! undo step.

use super::formula::restore;
use super::mapping::Field;
use super::parse::CsvTable;
use super::values::deal_status;
use crate::domain::commands::validate::{text, MAX_TEXT};
use crate::domain::commands::{Applied, StageDraft};
use crate::domain::{
    Command, DealStatus, DomainError, Pipeline, PipelineId, Stage, StageId, Workspace,
};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The pipeline a row's deal goes to: one the workspace has, or one the import creates
/// (named as the row spells it; rows that spell it in other cases or spacing name the
/// same one).
#[derive(Clone, Debug)]
pub enum PipelineRef {
    Existing(PipelineId),
    New(String),
}

impl PipelineRef {
    fn identity(&self) -> (Option<PipelineId>, String) {
        match self {
            PipelineRef::Existing(id) => (Some(*id), String::new()),
            PipelineRef::New(name) => (None, folded(name)),
        }
    }
}

impl PartialEq for PipelineRef {
    fn eq(&self, other: &PipelineRef) -> bool {
        self.identity() == other.identity()
    }
}

impl Eq for PipelineRef {}

impl std::hash::Hash for PipelineRef {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.identity().hash(state);
    }
}

/// A stage value of the file the pipeline does not have, with how many rows name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownStage {
    pub pipeline: PipelineRef,
    /// As the file first spells it.
    pub name: String,
    pub rows: usize,
}

impl UnknownStage {
    pub fn key(&self) -> StageKey {
        StageKey::of(&self.pipeline, &self.name)
    }
}

/// One unknown stage value, whatever its case or spacing in the file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StageKey(PipelineRef, String);

impl StageKey {
    fn of(pipeline: &PipelineRef, name: &str) -> StageKey {
        StageKey(pipeline.clone(), folded(name))
    }
}

fn folded(name: &str) -> String {
    name.trim().to_lowercase()
}

/// What becomes of an unknown stage value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageChoice {
    /// A new stage of that name, at the end of its pipeline.
    Create,
    /// An existing stage of the same pipeline.
    PutIn(StageId),
}

/// The user's choices for the unknown stage values: every value not mentioned is
/// created, after the ordered ones, in the order the file first names them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StageChoices {
    put_in: HashMap<StageKey, StageId>,
    order: Vec<StageKey>,
}

impl StageChoices {
    pub fn choose(&mut self, key: StageKey, choice: StageChoice) {
        match choice {
            StageChoice::Create => self.put_in.remove(&key),
            StageChoice::PutIn(stage) => self.put_in.insert(key, stage),
        };
    }

    /// Moves a value one place earlier (`earlier`) or later among the values of its
    /// pipeline in `listed` (as [`StageChoices::resolve`] orders them).
    pub fn shift(&mut self, listed: &[UnknownStage], key: &StageKey, earlier: bool) {
        let mut order: Vec<StageKey> = listed.iter().map(UnknownStage::key).collect();
        let at = order.iter().position(|k| k == key);
        if let Some((at, to)) = at.and_then(|at| Some((at, neighbour(listed, at, earlier)?))) {
            order.swap(at, to);
        }
        self.order = order;
    }

    /// The unknown values grouped by pipeline (in the order the file names them), each
    /// group in creation order, each with its choice (a stage since deleted, or of
    /// another pipeline, falls back to creating).
    pub fn resolve(
        &self,
        ws: &Workspace,
        mut unknown: Vec<UnknownStage>,
    ) -> Vec<(UnknownStage, StageChoice)> {
        let pipelines: Vec<PipelineRef> = unknown.iter().fold(Vec::new(), |mut seen, u| {
            if !seen.contains(&u.pipeline) {
                seen.push(u.pipeline.clone());
            }
            seen
        });
        let rank = |u: &UnknownStage| {
            let key = u.key();
            let group = pipelines.iter().position(|p| *p == u.pipeline);
            let place = self.order.iter().position(|k| *k == key);
            (group, place.unwrap_or(usize::MAX))
        };
        crate::domain::support::sorting::sort_by_key(&mut unknown, |u| rank(u));
        unknown
            .into_iter()
            .map(|u| {
                let put_in = self.put_in.get(&u.key()).copied().filter(|stage| {
                    matches!(&u.pipeline, PipelineRef::Existing(p)
                        if ws.stage(*stage).is_ok_and(|(pipeline, _)| pipeline.id == *p))
                });
                let choice = put_in.map_or(StageChoice::Create, StageChoice::PutIn);
                (u, choice)
            })
            .collect()
    }
}

/// Where the value at `at` of `listed` would move one place earlier (or later): the
/// neighbouring value when it is of the same pipeline, else nowhere.
pub fn neighbour(listed: &[UnknownStage], at: usize, earlier: bool) -> Option<usize> {
    let to = if earlier { at.checked_sub(1)? } else { at + 1 };
    let same = listed.get(to)?.pipeline == listed.get(at)?.pipeline;
    same.then_some(to)
}

/// The pipeline a row names: an existing one by name (any case), else a new one; an
/// empty cell, or no pipeline column, the first pipeline.
pub fn pipeline_of(ws: &Workspace, name: &str) -> PipelineRef {
    let name = name.trim();
    if name.is_empty() {
        return PipelineRef::Existing(ws.first_pipeline().id);
    }
    ws.pipelines
        .iter()
        .find(|p| folded(&p.name) == folded(name))
        .map_or_else(
            || PipelineRef::New(name.to_string()),
            |p| PipelineRef::Existing(p.id),
        )
}

/// How the deal ended, when a stage value says only that ("Won", "closedlost").
pub fn outcome(value: &str) -> Option<DealStatus> {
    deal_status(value).ok().filter(|s| *s != DealStatus::Open)
}

/// An existing stage of that name: in the row's pipeline when the file names pipelines,
/// else in any (the first pipeline's first).
fn known_stage(
    ws: &Workspace,
    pipeline: &PipelineRef,
    pipeline_named: bool,
    name: &str,
) -> Option<StageId> {
    let name = folded(name);
    let matches = |s: &&crate::domain::Stage| folded(&s.name) == name;
    match pipeline {
        PipelineRef::Existing(p) if pipeline_named => ws
            .pipeline(*p)
            .ok()
            .and_then(|p| p.stages.iter().find(matches))
            .map(|s| s.id),
        PipelineRef::Existing(_) => ws
            .pipelines
            .iter()
            .flat_map(|p| p.stages.iter())
            .find(matches)
            .map(|s| s.id),
        PipelineRef::New(_) => None,
    }
}

/// Every stage value of the file the workspace does not have, in the order the file
/// first names them, with their counts.
pub fn unknown_stages(
    ws: &Workspace,
    table: &CsvTable,
    mapping: &[Option<Field>],
) -> Vec<UnknownStage> {
    let column = |field: Field| mapping.iter().position(|m| *m == Some(field));
    let Some(stage_column) = column(Field::Stage) else {
        return Vec::new();
    };
    let pipeline_column = column(Field::Pipeline);
    let mut unknown: Vec<UnknownStage> = Vec::new();
    let mut seen: HashMap<StageKey, usize> = HashMap::new();
    // Read as the rows are planned: whole rows only, a neutralised formula restored.
    let cell = |cells: &[String], column: usize| restore(cells[column].trim()).to_string();
    for (_, cells) in table
        .rows
        .iter()
        .filter(|(_, c)| c.len() == table.headers.len())
    {
        let name = cell(cells, stage_column);
        let name = name.as_str();
        if name.is_empty() || outcome(name).is_some() {
            continue;
        }
        let pipeline_cell = pipeline_column.map(|c| cell(cells, c));
        let pipeline = pipeline_of(ws, pipeline_cell.as_deref().unwrap_or(""));
        if known_stage(ws, &pipeline, pipeline_cell.is_some(), name).is_some() {
            continue;
        }
        let key = StageKey::of(&pipeline, name);
        match seen.get(&key) {
            Some(&at) => unknown[at].rows += 1,
            None => {
                seen.insert(key, unknown.len());
                unknown.push(UnknownStage {
                    pipeline,
                    name: name.to_string(),
                    rows: 1,
                });
            }
        }
    }
    unknown
}

/// Where a planned deal goes, settled once the import has made what it creates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StageRef {
    Existing(StageId),
    /// A stage the import creates.
    Created(StageKey),
    /// The entry stage of a pipeline the import creates (an empty stage, a lost deal).
    First(PipelineRef),
    /// The last stage of a pipeline (a won deal went through every stage), which the
    /// import may extend.
    Last(PipelineRef),
}

/// The stage a row's stage value names: `Err` says why the row cannot be imported. A
/// value that says only how the deal ended puts a won deal in the last stage (it went
/// through every stage) and a lost one in the first (where it stopped is not known).
pub fn planned_stage(
    ws: &Workspace,
    pipeline: &PipelineRef,
    pipeline_named: bool,
    value: &str,
    choices: &HashMap<StageKey, StageChoice>,
) -> Result<StageRef, String> {
    let value = value.trim();
    if outcome(value) == Some(DealStatus::Won) {
        return Ok(StageRef::Last(pipeline.clone()));
    }
    if value.is_empty() || outcome(value).is_some() {
        return Ok(match pipeline {
            PipelineRef::Existing(p) => {
                StageRef::Existing(ws.pipeline(*p).map_err(|e| e.to_string())?.stages[0].id)
            }
            new => StageRef::First(new.clone()),
        });
    }
    if let Some(stage) = known_stage(ws, pipeline, pipeline_named, value) {
        return Ok(StageRef::Existing(stage));
    }
    let key = StageKey::of(pipeline, value);
    match choices.get(&key) {
        Some(StageChoice::PutIn(stage)) => Ok(StageRef::Existing(*stage)),
        Some(StageChoice::Create) => Ok(StageRef::Created(key)),
        None => Err(format!("there is no stage “{value}”")),
    }
}

/// The pipelines and stages an import makes before its rows, and how to find them
/// after.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSetup {
    /// Pipelines to create, as the file spells them.
    pub pipelines: Vec<String>,
    /// Stages to create, in order, with the probability each gets.
    pub stages: Vec<(PipelineRef, String, u8)>,
}

impl ImportSetup {
    /// What `resolved` (the unknown values with their choices) asks to create; the
    /// names are checked as the commands check them.
    pub fn of(
        ws: &Workspace,
        resolved: &[(UnknownStage, StageChoice)],
        new_pipelines: Vec<String>,
    ) -> Result<ImportSetup, String> {
        let created: Vec<&UnknownStage> = resolved
            .iter()
            .filter(|(_, c)| *c == StageChoice::Create)
            .map(|(u, _)| u)
            .collect();
        let mut stages = Vec::new();
        for unknown in &created {
            text("stage name", &unknown.name, MAX_TEXT)
                .map_err(|e| format!("the stage “{}”: {e}", unknown.name))?;
            // Probabilities spread evenly over the pipeline's stages as they will be
            // (editable in Settings → Pipelines; learned ones replace them with history).
            let existing = match &unknown.pipeline {
                PipelineRef::Existing(p) => ws.pipeline(*p).map_or(0, |p| p.stages.len()),
                PipelineRef::New(_) => 0,
            };
            let siblings: Vec<&&UnknownStage> = created
                .iter()
                .filter(|u| u.pipeline == unknown.pipeline)
                .collect();
            let position = existing
                + siblings
                    .iter()
                    .position(|u| u.key() == unknown.key())
                    .unwrap_or(0);
            let total = existing + siblings.len();
            let probability = (100 * (position + 1) / (total + 1)) as u8;
            stages.push((unknown.pipeline.clone(), unknown.name.clone(), probability));
        }
        for name in &new_pipelines {
            text("pipeline name", name, MAX_TEXT)
                .map_err(|e| format!("the pipeline “{name}”: {e}"))?;
        }
        Ok(ImportSetup {
            pipelines: new_pipelines,
            stages,
        })
    }

    /// Makes the pipelines and stages. A new pipeline the file names stages of holds
    /// only those; one it names none of gets the default stages.
    pub fn apply(&self, ws: &mut Workspace, today: NaiveDate) -> Result<Made, DomainError> {
        let mut made = Made::default();
        for name in &self.pipelines {
            let new = PipelineRef::New(name.clone());
            let named: Vec<&(PipelineRef, String, u8)> =
                self.stages.iter().filter(|(p, _, _)| *p == new).collect();
            let id = if named.is_empty() {
                match ws.apply(&Command::AddPipeline { name: name.clone() }, today)? {
                    Applied::Pipeline(id) => id,
                    _ => return Err(DomainError::NotFound("pipeline")),
                }
            } else {
                // Made whole with the file's stages (their names may be the default
                // ones, which adding them to a default pipeline would refuse).
                let pipeline = Pipeline {
                    id: PipelineId(ws.allocate()),
                    name: text("pipeline name", name, MAX_TEXT)?,
                    stages: (named.iter())
                        .map(|(p, stage, probability)| {
                            let id = StageId(ws.allocate());
                            made.stages.insert(StageKey::of(p, stage), id);
                            Ok(Stage {
                                id,
                                name: text("stage name", stage, MAX_TEXT)?,
                                probability: *probability,
                                rotting_days: None,
                            })
                        })
                        .collect::<Result<Vec<Stage>, DomainError>>()?,
                };
                let id = pipeline.id;
                ws.pipelines.push(pipeline);
                id
            };
            made.pipelines.insert(folded(name), id);
        }
        for (pipeline, name, probability) in &self.stages {
            let PipelineRef::Existing(id) = pipeline else {
                continue;
            };
            let draft = StageDraft {
                name: name.clone(),
                probability: *probability,
                rotting_days: None,
            };
            let command = Command::AddStage {
                pipeline: *id,
                draft,
            };
            let Applied::Stage(stage) = ws.apply(&command, today)? else {
                return Err(DomainError::NotFound("stage"));
            };
            made.stages.insert(StageKey::of(pipeline, name), stage);
        }
        Ok(made)
    }
}

/// What [`ImportSetup::apply`] made, to settle each row's [`StageRef`].
#[derive(Clone, Debug, Default)]
pub struct Made {
    pipelines: HashMap<String, PipelineId>,
    stages: HashMap<StageKey, StageId>,
}

impl Made {
    fn pipeline(&self, pipeline: &PipelineRef) -> Result<PipelineId, DomainError> {
        match pipeline {
            PipelineRef::Existing(id) => Ok(*id),
            PipelineRef::New(name) => self
                .pipelines
                .get(&folded(name))
                .copied()
                .ok_or(DomainError::NotFound("pipeline")),
        }
    }

    pub fn stage(&self, ws: &Workspace, stage: &StageRef) -> Result<StageId, DomainError> {
        let edge = |pipeline: &PipelineRef, last: bool| -> Result<StageId, DomainError> {
            let stages = &ws.pipeline(self.pipeline(pipeline)?)?.stages;
            let stage = if last { stages.last() } else { stages.first() };
            stage.map(|s| s.id).ok_or(DomainError::NotFound("stage"))
        };
        match stage {
            StageRef::Existing(id) => Ok(*id),
            StageRef::Created(key) => self
                .stages
                .get(key)
                .copied()
                .ok_or(DomainError::NotFound("stage")),
            StageRef::First(pipeline) => edge(pipeline, false),
            StageRef::Last(pipeline) => edge(pipeline, true),
        }
    }
}
