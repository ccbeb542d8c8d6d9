//! Pipelines and their stages: add, rename, reorder, delete.

use super::validate::{probability, text, MAX_TEXT};
use crate::domain::model::error::DomainError;
use crate::domain::model::workspace::{Workspace, DEFAULT_STAGES};
use crate::domain::model::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The fields a user fills in for a stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageDraft {
    pub name: String,
    pub probability: u8,
    pub rotting_days: Option<u32>,
}

impl Workspace {
    pub(super) fn add_pipeline(&mut self, name: &str) -> Result<PipelineId, DomainError> {
        let name = text("pipeline name", name, MAX_TEXT)?;
        let id = PipelineId(self.allocate());
        let stages = DEFAULT_STAGES
            .iter()
            .map(|(stage, p)| Stage {
                id: StageId(self.allocate()),
                name: (*stage).into(),
                probability: *p,
                rotting_days: None,
            })
            .collect();
        self.pipelines.push(Pipeline { id, name, stages });
        Ok(id)
    }

    pub(super) fn rename_pipeline(
        &mut self,
        pipeline: PipelineId,
        name: &str,
    ) -> Result<(), DomainError> {
        let name = text("pipeline name", name, MAX_TEXT)?;
        self.pipeline_mut(pipeline)?.name = name;
        Ok(())
    }

    pub(super) fn delete_pipeline(&mut self, pipeline: PipelineId) -> Result<(), DomainError> {
        self.pipeline(pipeline)?;
        if self.pipelines.len() == 1 {
            return Err(DomainError::LastPipeline);
        }
        let held = self
            .deals
            .values()
            .filter(|d| d.pipeline == pipeline)
            .count();
        if held > 0 {
            return Err(DomainError::PipelineNotEmpty(held));
        }
        self.pipelines.retain(|p| p.id != pipeline);
        Ok(())
    }

    pub(super) fn add_stage(
        &mut self,
        pipeline: PipelineId,
        draft: &StageDraft,
    ) -> Result<StageId, DomainError> {
        let stage = self.stage_from_draft(pipeline, StageId(0), draft)?;
        let id = StageId(self.allocate());
        self.pipeline_mut(pipeline)?
            .stages
            .push(Stage { id, ..stage });
        Ok(id)
    }

    /// A stage as drafted, its name unique within the pipeline (every stage menu lists
    /// stages by name, so two of one name could not be told apart).
    fn stage_from_draft(
        &self,
        pipeline: PipelineId,
        id: StageId,
        draft: &StageDraft,
    ) -> Result<Stage, DomainError> {
        let name = text("stage name", &draft.name, MAX_TEXT)?;
        let taken = self
            .pipeline(pipeline)?
            .stages
            .iter()
            .any(|s| s.id != id && s.name.trim().to_lowercase() == name.to_lowercase());
        if taken {
            return Err(DomainError::DuplicateStageName(name));
        }
        Ok(Stage {
            id,
            name,
            probability: probability(draft.probability)?,
            rotting_days: draft.rotting_days.filter(|d| *d > 0),
        })
    }

    pub(super) fn edit_stage(
        &mut self,
        stage: StageId,
        draft: &StageDraft,
    ) -> Result<(), DomainError> {
        let pipeline = self.stage(stage)?.0.id;
        let updated = self.stage_from_draft(pipeline, stage, draft)?;
        let pipeline = self.pipeline_mut(pipeline)?;
        if let Some(slot) = pipeline.stages.iter_mut().find(|s| s.id == stage) {
            *slot = updated;
        }
        Ok(())
    }

    /// Every edit or none. Names are checked against the table as edited, so two
    /// stages can swap names in one save.
    pub(super) fn edit_stages(
        &mut self,
        edits: &[(StageId, StageDraft)],
    ) -> Result<(), DomainError> {
        for (i, (stage, draft)) in edits.iter().enumerate() {
            // A temporary name unique to this save frees the old names for the swap.
            let placeholder = StageDraft {
                name: format!("\u{1}{i}"),
                ..draft.clone()
            };
            self.edit_stage(*stage, &placeholder)?;
        }
        for (stage, draft) in edits {
            self.edit_stage(*stage, draft)?;
        }
        Ok(())
    }

    pub(super) fn reorder_stage(
        &mut self,
        stage: StageId,
        to_index: usize,
    ) -> Result<(), DomainError> {
        let pipeline = self.stage(stage)?.0.id;
        let pipeline = self.pipeline_mut(pipeline)?;
        let from = pipeline
            .stage_index(stage)
            .ok_or(DomainError::NotFound("stage"))?;
        let moved = pipeline.stages.remove(from);
        let to = to_index.min(pipeline.stages.len());
        pipeline.stages.insert(to, moved);
        Ok(())
    }

    /// Deletes a stage; its open deals move to `move_to` (logged as a stage change),
    /// its closed deals keep their history and now sit in `move_to`.
    pub(super) fn delete_stage(
        &mut self,
        stage: StageId,
        move_to: Option<StageId>,
        today: NaiveDate,
    ) -> Result<(), DomainError> {
        let pipeline = self.stage(stage)?.0;
        if pipeline.stages.len() == 1 {
            return Err(DomainError::LastStage);
        }
        let pipeline_id = pipeline.id;
        let held: Vec<(DealId, DealStatus)> = self
            .deals
            .values()
            .filter(|d| d.stage == stage)
            .map(|d| (d.id, d.status))
            .collect();
        if !held.is_empty() {
            let target = move_to.ok_or(DomainError::StageNotEmpty(held.len()))?;
            if target == stage || self.stage(target)?.0.id != pipeline_id {
                return Err(DomainError::StageNotInPipeline);
            }
            for (deal, status) in held {
                if status == DealStatus::Open {
                    self.move_deal(deal, target, None, today)?;
                } else if let Some(d) = self.deals.get_mut(&deal) {
                    d.stage = target;
                }
            }
        }
        self.pipeline_mut(pipeline_id)?
            .stages
            .retain(|s| s.id != stage);
        Ok(())
    }
}
