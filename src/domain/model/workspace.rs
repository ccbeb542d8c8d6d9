//! The workspace: every record of one user, and the queries the views and metrics share.

use crate::domain::model::error::DomainError;
use crate::domain::model::ids::*;
use crate::domain::model::*;
use crate::domain::support::sorting;
use chrono::NaiveDate;
use imbl::{OrdMap, Vector};
use serde::{Deserialize, Serialize};

/// Persistent (structurally shared) collections make a snapshot O(1), which is what
/// undo, the multi-tab rebase and the backtest replay need.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub settings: Settings,
    pub pipelines: Vec<Pipeline>,
    pub deals: OrdMap<DealId, Deal>,
    pub leads: OrdMap<LeadId, Lead>,
    pub organizations: OrdMap<OrganizationId, Organization>,
    pub people: OrdMap<PersonId, Person>,
    pub activities: OrdMap<ActivityId, Activity>,
    pub notes: OrdMap<NoteId, Note>,
    /// The deal log, in the order events happened.
    pub log: Vector<LogEntry>,
    /// The next id to hand out; shared by every kind of record.
    pub next_id: u64,
}

/// Pipedrive's default stages, as a first start gets them.
pub const DEFAULT_STAGES: [(&str, u8); 5] = [
    ("Qualified", 10),
    ("Contact made", 20),
    ("Demo scheduled", 40),
    ("Proposal made", 60),
    ("Negotiations started", 80),
];

impl Default for Workspace {
    fn default() -> Self {
        Workspace::new()
    }
}

impl Workspace {
    /// A first start: one pipeline "Sales" with the default stages and no deals.
    pub fn new() -> Workspace {
        let mut ws = Workspace::empty();
        let pipeline = PipelineId(ws.allocate());
        let stages = DEFAULT_STAGES
            .iter()
            .map(|(name, probability)| Stage {
                id: StageId(ws.allocate()),
                name: (*name).to_string(),
                probability: *probability,
                rotting_days: None,
            })
            .collect();
        ws.pipelines.push(Pipeline {
            id: pipeline,
            name: "Sales".into(),
            stages,
        });
        ws
    }

    /// No pipelines at all; only for building fixtures and decoding.
    pub fn empty() -> Workspace {
        Workspace {
            settings: Settings::default(),
            pipelines: Vec::new(),
            deals: OrdMap::new(),
            leads: OrdMap::new(),
            organizations: OrdMap::new(),
            people: OrdMap::new(),
            activities: OrdMap::new(),
            notes: OrdMap::new(),
            log: Vector::new(),
            next_id: 1,
        }
    }

    pub(crate) fn allocate(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    pub fn pipeline(&self, id: PipelineId) -> Result<&Pipeline, DomainError> {
        self.pipelines
            .iter()
            .find(|p| p.id == id)
            .ok_or(DomainError::NotFound("pipeline"))
    }

    /// The first pipeline. Invariant: a workspace always has at least one pipeline, and
    /// each pipeline at least one stage — the commands refuse to delete the last of
    /// either, and reading stored or imported data refuses a workspace without them —
    /// so the board, forecast and imports always have a pipeline and an entry stage.
    pub fn first_pipeline(&self) -> &Pipeline {
        &self.pipelines[0]
    }

    /// The pipeline a page shows for a choice: the chosen one while it exists (another
    /// tab, an undo or an import may delete it), otherwise the first.
    pub fn pipeline_or_first(&self, choice: Option<PipelineId>) -> &Pipeline {
        choice
            .and_then(|id| self.pipeline(id).ok())
            .unwrap_or_else(|| self.first_pipeline())
    }

    /// The entry stage of the first pipeline, where new deals go by default.
    pub fn first_stage(&self) -> StageId {
        self.first_pipeline().stages[0].id
    }

    pub(crate) fn pipeline_mut(&mut self, id: PipelineId) -> Result<&mut Pipeline, DomainError> {
        self.pipelines
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or(DomainError::NotFound("pipeline"))
    }

    /// The pipeline that holds a stage, with the stage.
    pub fn stage(&self, id: StageId) -> Result<(&Pipeline, &Stage), DomainError> {
        self.pipelines
            .iter()
            .find_map(|p| p.stage(id).map(|s| (p, s)))
            .ok_or(DomainError::NotFound("stage"))
    }

    pub fn deal(&self, id: DealId) -> Result<&Deal, DomainError> {
        self.deals.get(&id).ok_or(DomainError::NotFound("deal"))
    }

    pub fn lead(&self, id: LeadId) -> Result<&Lead, DomainError> {
        self.leads.get(&id).ok_or(DomainError::NotFound("lead"))
    }

    pub fn organization_name(&self, id: Option<OrganizationId>) -> Option<&str> {
        id.and_then(|id| self.organizations.get(&id))
            .map(|o| o.name.as_str())
    }

    /// The probability used for an open deal: its override, else its stage's.
    pub fn probability(&self, deal: &Deal) -> u8 {
        deal.probability_override
            .or_else(|| self.stage(deal.stage).ok().map(|(_, s)| s.probability))
            .unwrap_or(0)
    }

    /// The date of the deal's latest entry into its current stage.
    pub fn stage_entered_on(&self, deal: DealId) -> Option<NaiveDate> {
        self.log.iter().rev().find_map(|e| match e.event {
            DealEvent::EnteredStage(_) if e.deal == deal => Some(e.on),
            _ => None,
        })
    }

    /// Log entries of one deal, oldest first.
    pub fn deal_history(&self, deal: DealId) -> Vec<LogEntry> {
        self.log
            .iter()
            .filter(|e| e.deal == deal)
            .copied()
            .collect()
    }

    /// Open deals of a stage in board order.
    pub fn stage_deals(&self, stage: StageId) -> Vec<&Deal> {
        let mut deals: Vec<&Deal> = self
            .deals
            .values()
            .filter(|d| d.stage == stage && d.status == DealStatus::Open)
            .collect();
        sorting::sort_by_key(&mut deals, |d| (d.rank, d.id));
        deals
    }

    /// Activities about a subject, the undone ones first by due date.
    pub fn activities_about(&self, about: Subject) -> Vec<&Activity> {
        let mut list: Vec<&Activity> = self
            .activities
            .values()
            .filter(|a| a.about == about)
            .collect();
        sorting::sort_by_key(&mut list, |a| (a.done_on.is_some(), a.due_on, a.id));
        list
    }

    pub fn notes_about(&self, about: Subject) -> Vec<&Note> {
        let mut list: Vec<&Note> = self.notes.values().filter(|n| n.about == about).collect();
        sorting::sort_by_key(&mut list, |n| std::cmp::Reverse((n.written_on, n.id)));
        list
    }

    /// Every stage with a label for a menu: "Pipeline · Stage" when there are several
    /// pipelines, the stage name alone otherwise.
    pub fn stage_choices(&self) -> Vec<(StageId, String)> {
        let several = self.pipelines.len() > 1;
        self.pipelines
            .iter()
            .flat_map(|p| {
                p.stages.iter().map(move |s| {
                    let label = if several {
                        format!("{} · {}", p.name, s.name)
                    } else {
                        s.name.clone()
                    };
                    (s.id, label)
                })
            })
            .collect()
    }

    /// The earliest activity not done about a subject.
    pub fn next_activity(&self, about: Subject) -> Option<&Activity> {
        self.activities
            .values()
            .filter(|a| a.about == about && a.done_on.is_none())
            .min_by_key(|a| (a.due_on, a.id))
    }
}
