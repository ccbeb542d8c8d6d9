//! Every change to a workspace is a `Command`: plain data that can be validated,
//! applied, stored and replayed (a second tab's changes are rebased by replaying them).

use super::collections::{remove_where, update_where};
use super::error::DomainError;
use super::ids::*;
use super::model::*;
use super::money::{Currency, Money};
use super::workspace::Workspace;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

const MAX_TEXT: usize = 200;
const MAX_NOTE: usize = 10_000;

/// The fields a user fills in for a deal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealDraft {
    pub title: String,
    pub value: Money,
    pub stage: StageId,
    pub probability_override: Option<u8>,
    pub expected_close: Option<NaiveDate>,
    pub organization: Option<OrganizationId>,
    pub person: Option<PersonId>,
    pub owner: String,
    pub source: String,
}

/// The fields a user fills in for a lead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadDraft {
    pub name: String,
    pub organization: Option<OrganizationId>,
    pub person: Option<PersonId>,
    pub email: String,
    pub phone: String,
    pub source: String,
    pub score: u8,
    pub next_follow_up: Option<NaiveDate>,
    pub owner: String,
    pub expected_value: Money,
}

impl From<&Deal> for DealDraft {
    /// The deal's editable fields as they are, to change one or two.
    fn from(d: &Deal) -> DealDraft {
        DealDraft {
            title: d.title.clone(),
            value: d.value,
            stage: d.stage,
            probability_override: d.probability_override,
            expected_close: d.expected_close,
            organization: d.organization,
            person: d.person,
            owner: d.owner.clone(),
            source: d.source.clone(),
        }
    }
}

impl From<&Lead> for LeadDraft {
    fn from(l: &Lead) -> LeadDraft {
        LeadDraft {
            name: l.name.clone(),
            organization: l.organization,
            person: l.person,
            email: l.email.clone(),
            phone: l.phone.clone(),
            source: l.source.clone(),
            score: l.score,
            next_follow_up: l.next_follow_up,
            owner: l.owner.clone(),
            expected_value: l.expected_value,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageDraft {
    pub name: String,
    pub probability: u8,
    pub rotting_days: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "cmd", rename_all = "snake_case")]
pub enum Command {
    UpdateSettings(Settings),
    AddPipeline {
        name: String,
    },
    RenamePipeline {
        pipeline: PipelineId,
        name: String,
    },
    DeletePipeline {
        pipeline: PipelineId,
    },
    AddStage {
        pipeline: PipelineId,
        draft: StageDraft,
    },
    EditStage {
        stage: StageId,
        draft: StageDraft,
    },
    /// Move a stage to a new position within its pipeline.
    ReorderStage {
        stage: StageId,
        to_index: usize,
    },
    /// Delete a stage; its deals go to `move_deals_to` (required when it holds any).
    DeleteStage {
        stage: StageId,
        move_deals_to: Option<StageId>,
    },
    CreateDeal(DealDraft),
    EditDeal {
        deal: DealId,
        draft: DealDraft,
    },
    /// Move a deal to a stage, placed before `before` (or at the end of the column).
    MoveDeal {
        deal: DealId,
        stage: StageId,
        before: Option<DealId>,
    },
    WinDeal {
        deal: DealId,
    },
    LoseDeal {
        deal: DealId,
        reason: String,
        note: String,
    },
    ReopenDeal {
        deal: DealId,
    },
    DeleteDeal {
        deal: DealId,
    },
    CreateLead(LeadDraft),
    EditLead {
        lead: LeadId,
        draft: LeadDraft,
    },
    SetLeadStatus {
        lead: LeadId,
        status: LeadStatus,
        reason: Option<String>,
    },
    ConvertLead {
        lead: LeadId,
        title: String,
        value: Money,
        stage: StageId,
    },
    DeleteLead {
        lead: LeadId,
    },
    CreateOrganization {
        name: String,
    },
    /// `then` (a deal, lead or person change) with the organization of this name:
    /// found ignoring case, or created. One change, so one undo step, and nothing is
    /// created when `then` fails.
    WithOrganizationNamed {
        name: String,
        then: Box<Command>,
    },
    RenameOrganization {
        organization: OrganizationId,
        name: String,
    },
    SetChurn {
        organization: OrganizationId,
        churned_on: Option<NaiveDate>,
    },
    DeleteOrganization {
        organization: OrganizationId,
    },
    CreatePerson {
        name: String,
        email: String,
        phone: String,
        organization: Option<OrganizationId>,
    },
    DeletePerson {
        person: PersonId,
    },
    AddActivity {
        about: Subject,
        kind: ActivityKind,
        subject: String,
        due_on: NaiveDate,
    },
    CompleteActivity {
        activity: ActivityId,
    },
    /// Completes a lead's or deal's next step (its earliest undone activity; for a lead
    /// with only a follow-up date, a logged call) and schedules the following one.
    CompleteFollowUp {
        about: Subject,
        next: Option<(String, NaiveDate)>,
    },
    DeleteActivity {
        activity: ActivityId,
    },
    AddNote {
        about: Subject,
        text: String,
    },
    DeleteNote {
        note: NoteId,
    },
}

/// What applying a command produced, for the view to follow up (open the new deal…).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    Done,
    Pipeline(PipelineId),
    Stage(StageId),
    Deal(DealId),
    Lead(LeadId),
    Organization(OrganizationId),
    Person(PersonId),
    Activity(ActivityId),
    Note(NoteId),
}

fn text(what: &'static str, value: &str, max: usize) -> Result<String, DomainError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(DomainError::Empty(what));
    }
    let len = value.chars().count();
    if len > max {
        return Err(DomainError::TooLong { what, len, max });
    }
    Ok(value.to_string())
}

fn optional_text(what: &'static str, value: &str) -> Result<String, DomainError> {
    let value = value.trim();
    let len = value.chars().count();
    if len > MAX_TEXT {
        return Err(DomainError::TooLong {
            what,
            len,
            max: MAX_TEXT,
        });
    }
    Ok(value.to_string())
}

/// A deal value, expected value or goal: not negative, and small enough that the
/// totals of any number of deals a browser can hold stay exact in `i64`.
fn amount(value: Money) -> Result<Money, DomainError> {
    if value.0 < 0 {
        Err(DomainError::NegativeValue)
    } else if value.0 > Money::MAX_AMOUNT {
        Err(DomainError::ValueTooLarge)
    } else {
        Ok(value)
    }
}

fn probability(p: u8) -> Result<u8, DomainError> {
    if p > 100 {
        Err(DomainError::Probability(p as i64))
    } else {
        Ok(p)
    }
}

impl Workspace {
    /// Validates and applies one command. On error the workspace is unchanged.
    pub fn apply(&mut self, command: &Command, today: NaiveDate) -> Result<Applied, DomainError> {
        // Work on a snapshot (cheap: persistent collections) so a failure half-way
        // can never leave a half-applied change behind.
        let mut next = self.clone();
        let applied = next.apply_in_place(command, today)?;
        *self = next;
        Ok(applied)
    }

    pub(super) fn apply_in_place(
        &mut self,
        command: &Command,
        today: NaiveDate,
    ) -> Result<Applied, DomainError> {
        use Command::*;
        match command {
            UpdateSettings(settings) => self.update_settings(settings),
            AddPipeline { name } => self.add_pipeline(name),
            RenamePipeline { pipeline, name } => {
                let name = text("pipeline name", name, MAX_TEXT)?;
                self.pipeline_mut(*pipeline)?.name = name;
                Ok(Applied::Done)
            }
            DeletePipeline { pipeline } => self.delete_pipeline(*pipeline),
            AddStage { pipeline, draft } => self.add_stage(*pipeline, draft),
            EditStage { stage, draft } => self.edit_stage(*stage, draft),
            ReorderStage { stage, to_index } => self.reorder_stage(*stage, *to_index),
            DeleteStage {
                stage,
                move_deals_to,
            } => self.delete_stage(*stage, *move_deals_to, today),
            CreateDeal(draft) => self.create_deal(draft, None, today),
            EditDeal { deal, draft } => self.edit_deal(*deal, draft, today),
            MoveDeal {
                deal,
                stage,
                before,
            } => self.move_deal(*deal, *stage, *before, today),
            WinDeal { deal } => self.close_deal(*deal, DealStatus::Won, None, String::new(), today),
            LoseDeal { deal, reason, note } => {
                let reason = text("lost reason", reason, MAX_TEXT)
                    .map_err(|_| DomainError::LostReasonMissing)?;
                self.close_deal(
                    *deal,
                    DealStatus::Lost,
                    Some(reason),
                    optional_text("note", note)?,
                    today,
                )
            }
            ReopenDeal { deal } => self.reopen_deal(*deal, today),
            DeleteDeal { deal } => self.delete_deal(*deal),
            CreateLead(draft) => self.create_lead(draft, today),
            EditLead { lead, draft } => self.edit_lead(*lead, draft),
            SetLeadStatus {
                lead,
                status,
                reason,
            } => self.set_lead_status(*lead, *status, reason.as_deref(), today),
            ConvertLead {
                lead,
                title,
                value,
                stage,
            } => self.convert_lead(*lead, title, *value, *stage, today),
            DeleteLead { lead } => {
                self.leads
                    .remove(lead)
                    .ok_or(DomainError::NotFound("lead"))?;
                self.remove_subject(Subject::Lead(*lead));
                update_where(
                    &mut self.deals,
                    |d| d.from_lead == Some(*lead),
                    |d| d.from_lead = None,
                );
                Ok(Applied::Done)
            }
            CreateOrganization { name } => {
                let name = text("organization name", name, MAX_TEXT)?;
                let id = OrganizationId(self.allocate());
                self.organizations.insert(
                    id,
                    Organization {
                        id,
                        name,
                        churned_on: None,
                    },
                );
                Ok(Applied::Organization(id))
            }
            WithOrganizationNamed { name, then } => {
                let organization = self.organization_named(name, today)?;
                self.apply_in_place(&then.with_organization(organization)?, today)
            }
            RenameOrganization { organization, name } => {
                let name = text("organization name", name, MAX_TEXT)?;
                self.organizations
                    .get_mut(organization)
                    .ok_or(DomainError::NotFound("organization"))?
                    .name = name;
                Ok(Applied::Done)
            }
            SetChurn {
                organization,
                churned_on,
            } => {
                self.organizations
                    .get_mut(organization)
                    .ok_or(DomainError::NotFound("organization"))?
                    .churned_on = *churned_on;
                Ok(Applied::Done)
            }
            DeleteOrganization { organization } => self.delete_organization(*organization),
            CreatePerson {
                name,
                email,
                phone,
                organization,
            } => {
                let name = text("name", name, MAX_TEXT)?;
                self.check_organization(*organization)?;
                let id = PersonId(self.allocate());
                let person = Person {
                    id,
                    name,
                    email: optional_text("email", email)?,
                    phone: optional_text("phone", phone)?,
                    organization: *organization,
                };
                self.people.insert(id, person);
                Ok(Applied::Person(id))
            }
            DeletePerson { person } => {
                self.people
                    .remove(person)
                    .ok_or(DomainError::NotFound("person"))?;
                update_where(
                    &mut self.deals,
                    |d| d.person == Some(*person),
                    |d| d.person = None,
                );
                update_where(
                    &mut self.leads,
                    |l| l.person == Some(*person),
                    |l| l.person = None,
                );
                Ok(Applied::Done)
            }
            AddActivity {
                about,
                kind,
                subject,
                due_on,
            } => {
                self.check_subject(*about)?;
                let id = ActivityId(self.allocate());
                let activity = Activity {
                    id,
                    kind: *kind,
                    subject: text("activity subject", subject, MAX_TEXT)?,
                    due_on: *due_on,
                    done_on: None,
                    about: *about,
                };
                self.activities.insert(id, activity);
                Ok(Applied::Activity(id))
            }
            CompleteActivity { activity } => {
                let about = {
                    let a = self
                        .activities
                        .get_mut(activity)
                        .ok_or(DomainError::NotFound("activity"))?;
                    a.done_on = Some(today);
                    a.about
                };
                self.touch(about, today);
                Ok(Applied::Done)
            }
            CompleteFollowUp { about, next } => {
                self.complete_follow_up(*about, next.as_ref(), today)
            }
            DeleteActivity { activity } => {
                self.activities
                    .remove(activity)
                    .ok_or(DomainError::NotFound("activity"))?;
                Ok(Applied::Done)
            }
            AddNote { about, text: body } => {
                self.check_subject(*about)?;
                let id = NoteId(self.allocate());
                self.notes.insert(
                    id,
                    Note {
                        id,
                        text: text("note", body, MAX_NOTE)?,
                        written_on: today,
                        about: *about,
                    },
                );
                self.touch(*about, today);
                Ok(Applied::Note(id))
            }
            DeleteNote { note } => {
                self.notes
                    .remove(note)
                    .ok_or(DomainError::NotFound("note"))?;
                Ok(Applied::Done)
            }
        }
    }

    fn complete_follow_up(
        &mut self,
        about: Subject,
        next: Option<&(String, NaiveDate)>,
        today: NaiveDate,
    ) -> Result<Applied, DomainError> {
        self.check_subject(about)?;
        let current = match self.next_activity(about) {
            Some(a) => a.id,
            None => {
                let logged = Command::AddActivity {
                    about,
                    kind: ActivityKind::Call,
                    subject: "Follow-up".into(),
                    due_on: today,
                };
                match self.apply_in_place(&logged, today)? {
                    Applied::Activity(id) => id,
                    _ => return Err(DomainError::NotFound("activity")),
                }
            }
        };
        self.apply_in_place(&Command::CompleteActivity { activity: current }, today)?;
        // A lead's follow-up date moves on to the next step (or clears).
        if let Subject::Lead(id) = about {
            if let Some(lead) = self.leads.get_mut(&id) {
                if lead.status.is_open() && lead.next_follow_up.is_some() {
                    lead.next_follow_up = next.map(|(_, due)| *due);
                }
            }
        }
        if let Some((subject, due_on)) = next {
            let subject = if subject.trim().is_empty() {
                "Follow up".to_string()
            } else {
                subject.clone()
            };
            let scheduled = Command::AddActivity {
                about,
                kind: ActivityKind::Task,
                subject,
                due_on: *due_on,
            };
            self.apply_in_place(&scheduled, today)?;
        }
        Ok(Applied::Done)
    }

    fn update_settings(&mut self, settings: &Settings) -> Result<Applied, DomainError> {
        let name = text("workspace name", &settings.name, MAX_TEXT)?;
        let currency = Currency::from_code(&settings.currency)
            .ok_or_else(|| DomainError::Currency(settings.currency.trim().to_string()))?;
        if let Some(goal) = settings.monthly_goal {
            amount(goal)?;
        }
        let mut reasons = Vec::new();
        for reason in &settings.lost_reasons {
            let reason = text("lost reason", reason, MAX_TEXT)?;
            if !reasons.contains(&reason) {
                reasons.push(reason);
            }
        }
        self.settings = Settings {
            name,
            currency: currency.code.to_string(),
            locale: settings.locale.trim().to_string(),
            monthly_goal: settings.monthly_goal,
            lost_reasons: reasons,
            forecast_uses_learned: settings.forecast_uses_learned,
        };
        Ok(Applied::Done)
    }

    fn add_pipeline(&mut self, name: &str) -> Result<Applied, DomainError> {
        let name = text("pipeline name", name, MAX_TEXT)?;
        let id = PipelineId(self.allocate());
        let stages = super::workspace::DEFAULT_STAGES
            .iter()
            .map(|(stage, p)| Stage {
                id: StageId(self.allocate()),
                name: (*stage).into(),
                probability: *p,
                rotting_days: None,
            })
            .collect();
        self.pipelines.push(Pipeline { id, name, stages });
        Ok(Applied::Pipeline(id))
    }

    fn delete_pipeline(&mut self, pipeline: PipelineId) -> Result<Applied, DomainError> {
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
        Ok(Applied::Done)
    }

    fn add_stage(
        &mut self,
        pipeline: PipelineId,
        draft: &StageDraft,
    ) -> Result<Applied, DomainError> {
        let stage = self.stage_from_draft(StageId(0), draft)?;
        let id = StageId(self.allocate());
        self.pipeline_mut(pipeline)?
            .stages
            .push(Stage { id, ..stage });
        Ok(Applied::Stage(id))
    }

    fn stage_from_draft(&self, id: StageId, draft: &StageDraft) -> Result<Stage, DomainError> {
        Ok(Stage {
            id,
            name: text("stage name", &draft.name, MAX_TEXT)?,
            probability: probability(draft.probability)?,
            rotting_days: draft.rotting_days.filter(|d| *d > 0),
        })
    }

    fn edit_stage(&mut self, stage: StageId, draft: &StageDraft) -> Result<Applied, DomainError> {
        let updated = self.stage_from_draft(stage, draft)?;
        let pipeline = self.stage(stage)?.0.id;
        let pipeline = self.pipeline_mut(pipeline)?;
        if let Some(slot) = pipeline.stages.iter_mut().find(|s| s.id == stage) {
            *slot = updated;
        }
        Ok(Applied::Done)
    }

    fn reorder_stage(&mut self, stage: StageId, to_index: usize) -> Result<Applied, DomainError> {
        let pipeline = self.stage(stage)?.0.id;
        let pipeline = self.pipeline_mut(pipeline)?;
        let from = pipeline
            .stage_index(stage)
            .ok_or(DomainError::NotFound("stage"))?;
        let moved = pipeline.stages.remove(from);
        let to = to_index.min(pipeline.stages.len());
        pipeline.stages.insert(to, moved);
        Ok(Applied::Done)
    }

    fn delete_stage(
        &mut self,
        stage: StageId,
        move_to: Option<StageId>,
        today: NaiveDate,
    ) -> Result<Applied, DomainError> {
        let pipeline = self.stage(stage)?.0;
        if pipeline.stages.len() == 1 {
            return Err(DomainError::LastStage);
        }
        let pipeline_id = pipeline.id;
        let held: Vec<DealId> = self
            .deals
            .values()
            .filter(|d| d.stage == stage)
            .map(|d| d.id)
            .collect();
        if !held.is_empty() {
            let target = move_to.ok_or(DomainError::StageNotEmpty(held.len()))?;
            if target == stage || self.stage(target)?.0.id != pipeline_id {
                return Err(DomainError::StageNotInPipeline);
            }
            for deal in held {
                let open = self.deal(deal)?.status == DealStatus::Open;
                if open {
                    self.move_deal(deal, target, None, today)?;
                } else if let Some(d) = self.deals.get_mut(&deal) {
                    // Closed deals keep their history; they now sit in the target stage.
                    d.stage = target;
                }
            }
        }
        self.pipeline_mut(pipeline_id)?
            .stages
            .retain(|s| s.id != stage);
        Ok(Applied::Done)
    }

    fn check_organization(&self, organization: Option<OrganizationId>) -> Result<(), DomainError> {
        match organization {
            Some(id) if !self.organizations.contains_key(&id) => {
                Err(DomainError::NotFound("organization"))
            }
            _ => Ok(()),
        }
    }

    fn check_person(&self, person: Option<PersonId>) -> Result<(), DomainError> {
        match person {
            Some(id) if !self.people.contains_key(&id) => Err(DomainError::NotFound("person")),
            _ => Ok(()),
        }
    }

    fn check_subject(&self, about: Subject) -> Result<(), DomainError> {
        match about {
            Subject::Deal(id) => self.deal(id).map(|_| ()),
            Subject::Lead(id) => self.lead(id).map(|_| ()),
            Subject::Organization(id) => self.check_organization(Some(id)),
        }
    }

    /// Records activity on a subject (for a deal, this resets rotting).
    fn touch(&mut self, about: Subject, today: NaiveDate) {
        if let Subject::Deal(id) = about {
            if let Some(deal) = self.deals.get_mut(&id) {
                deal.last_touched_on = deal.last_touched_on.max(today);
            }
        }
    }

    fn remove_subject(&mut self, about: Subject) {
        remove_where(&mut self.activities, |a| a.about == about);
        remove_where(&mut self.notes, |n| n.about == about);
    }

    fn validated_deal_fields(
        &self,
        draft: &DealDraft,
    ) -> Result<(String, PipelineId), DomainError> {
        let title = text("deal title", &draft.title, MAX_TEXT)?;
        amount(draft.value)?;
        if let Some(p) = draft.probability_override {
            probability(p)?;
        }
        self.check_organization(draft.organization)?;
        self.check_person(draft.person)?;
        optional_text("owner", &draft.owner)?;
        optional_text("source", &draft.source)?;
        let pipeline = self.stage(draft.stage)?.0.id;
        Ok((title, pipeline))
    }

    fn bottom_rank(&self, stage: StageId) -> i64 {
        self.deals
            .values()
            .filter(|d| d.stage == stage)
            .map(|d| d.rank)
            .max()
            .map_or(0, |r| r + 1024)
    }

    pub(crate) fn create_deal(
        &mut self,
        draft: &DealDraft,
        from_lead: Option<LeadId>,
        today: NaiveDate,
    ) -> Result<Applied, DomainError> {
        let (title, pipeline) = self.validated_deal_fields(draft)?;
        let id = DealId(self.allocate());
        let deal = Deal {
            id,
            title,
            value: draft.value,
            pipeline,
            stage: draft.stage,
            rank: self.bottom_rank(draft.stage),
            status: DealStatus::Open,
            lost_reason: None,
            lost_note: None,
            probability_override: draft.probability_override,
            expected_close: draft.expected_close,
            created_on: today,
            closed_on: None,
            organization: draft.organization,
            person: draft.person,
            owner: draft.owner.trim().to_string(),
            source: draft.source.trim().to_string(),
            last_touched_on: today,
            from_lead,
        };
        self.deals.insert(id, deal);
        self.log.push_back(LogEntry {
            deal: id,
            on: today,
            event: DealEvent::EnteredStage(draft.stage),
        });
        Ok(Applied::Deal(id))
    }

    fn edit_deal(
        &mut self,
        id: DealId,
        draft: &DealDraft,
        today: NaiveDate,
    ) -> Result<Applied, DomainError> {
        let (title, _) = self.validated_deal_fields(draft)?;
        let current = self.deal(id)?.clone();
        let stage_changed = current.stage != draft.stage;
        if stage_changed && current.status != DealStatus::Open {
            return Err(DomainError::DealClosed(current.status.label()));
        }
        let deal = Deal {
            title,
            value: draft.value,
            probability_override: draft.probability_override,
            expected_close: draft.expected_close,
            organization: draft.organization,
            person: draft.person,
            owner: draft.owner.trim().to_string(),
            source: draft.source.trim().to_string(),
            last_touched_on: current.last_touched_on.max(today),
            ..current
        };
        self.deals.insert(id, deal);
        if stage_changed {
            self.move_deal(id, draft.stage, None, today)?;
        }
        Ok(Applied::Done)
    }

    fn move_deal(
        &mut self,
        id: DealId,
        stage: StageId,
        before: Option<DealId>,
        today: NaiveDate,
    ) -> Result<Applied, DomainError> {
        let deal = self.deal(id)?.clone();
        if deal.status != DealStatus::Open {
            return Err(DomainError::DealClosed(deal.status.label()));
        }
        let pipeline = self.stage(stage)?.0.id;
        let rank = self.rank_before(stage, before, id);
        let entering = deal.stage != stage;
        self.deals.insert(
            id,
            Deal {
                stage,
                pipeline,
                rank,
                ..deal
            },
        );
        if entering {
            self.log.push_back(LogEntry {
                deal: id,
                on: today,
                event: DealEvent::EnteredStage(stage),
            });
        }
        Ok(Applied::Done)
    }

    /// A rank that places a deal just before `before` in the column (or at its end),
    /// renumbering the column when the gap is used up.
    fn rank_before(&mut self, stage: StageId, before: Option<DealId>, moving: DealId) -> i64 {
        let column: Vec<(DealId, i64)> = self
            .stage_deals(stage)
            .into_iter()
            .filter(|d| d.id != moving)
            .map(|d| (d.id, d.rank))
            .collect();
        let position = before
            .and_then(|b| column.iter().position(|(id, _)| *id == b))
            .unwrap_or(column.len());
        let after_rank = position.checked_sub(1).map(|i| column[i].1);
        let before_rank = column.get(position).map(|c| c.1);
        match (after_rank, before_rank) {
            (None, None) => 0,
            (Some(a), None) => a + 1024,
            (None, Some(b)) => b - 1024,
            (Some(a), Some(b)) if b - a > 1 => a + (b - a) / 2,
            _ => {
                // No room left between neighbours: space the column out again.
                for (i, (id, _)) in column.iter().enumerate() {
                    if let Some(d) = self.deals.get_mut(id) {
                        d.rank = (i as i64 + if i >= position { 1 } else { 0 }) * 1024;
                    }
                }
                position as i64 * 1024
            }
        }
    }

    fn close_deal(
        &mut self,
        id: DealId,
        status: DealStatus,
        reason: Option<String>,
        note: String,
        today: NaiveDate,
    ) -> Result<Applied, DomainError> {
        let deal = self
            .deals
            .get_mut(&id)
            .ok_or(DomainError::NotFound("deal"))?;
        if deal.status != DealStatus::Open {
            return Err(DomainError::DealClosed(deal.status.label()));
        }
        deal.status = status;
        deal.closed_on = Some(today);
        deal.lost_reason = reason;
        deal.lost_note = (!note.is_empty()).then_some(note);
        deal.last_touched_on = today;
        let event = if status == DealStatus::Won {
            DealEvent::Won
        } else {
            DealEvent::Lost
        };
        self.log.push_back(LogEntry {
            deal: id,
            on: today,
            event,
        });
        Ok(Applied::Done)
    }

    fn reopen_deal(&mut self, id: DealId, today: NaiveDate) -> Result<Applied, DomainError> {
        let deal = self
            .deals
            .get_mut(&id)
            .ok_or(DomainError::NotFound("deal"))?;
        if deal.status == DealStatus::Open {
            return Err(DomainError::DealAlreadyOpen);
        }
        deal.status = DealStatus::Open;
        deal.closed_on = None;
        deal.lost_reason = None;
        deal.lost_note = None;
        deal.last_touched_on = today;
        let stage = deal.stage;
        self.log.push_back(LogEntry {
            deal: id,
            on: today,
            event: DealEvent::Reopened,
        });
        let rank = self.rank_before(stage, None, id);
        if let Some(d) = self.deals.get_mut(&id) {
            d.rank = rank;
        }
        Ok(Applied::Done)
    }

    fn delete_deal(&mut self, id: DealId) -> Result<Applied, DomainError> {
        self.deals
            .remove(&id)
            .ok_or(DomainError::NotFound("deal"))?;
        self.log.retain(|e| e.deal != id);
        self.remove_subject(Subject::Deal(id));
        update_where(
            &mut self.leads,
            |l| l.converted_deal == Some(id),
            |l| l.converted_deal = None,
        );
        Ok(Applied::Done)
    }

    fn lead_from_draft(
        &self,
        id: LeadId,
        draft: &LeadDraft,
        today: NaiveDate,
    ) -> Result<Lead, DomainError> {
        if draft.score > 100 {
            return Err(DomainError::Score(draft.score as i64));
        }
        amount(draft.expected_value)?;
        self.check_organization(draft.organization)?;
        self.check_person(draft.person)?;
        Ok(Lead {
            id,
            name: text("lead name", &draft.name, MAX_TEXT)?,
            organization: draft.organization,
            person: draft.person,
            email: optional_text("email", &draft.email)?,
            phone: optional_text("phone", &draft.phone)?,
            source: optional_text("source", &draft.source)?,
            status: LeadStatus::New,
            disqualify_reason: None,
            score: draft.score,
            next_follow_up: draft.next_follow_up,
            owner: optional_text("owner", &draft.owner)?,
            created_on: today,
            expected_value: draft.expected_value,
            converted_deal: None,
            status_history: vec![(today, LeadStatus::New)],
        })
    }

    fn create_lead(&mut self, draft: &LeadDraft, today: NaiveDate) -> Result<Applied, DomainError> {
        let lead = self.lead_from_draft(LeadId(0), draft, today)?;
        let id = LeadId(self.allocate());
        self.leads.insert(id, Lead { id, ..lead });
        Ok(Applied::Lead(id))
    }

    fn edit_lead(&mut self, id: LeadId, draft: &LeadDraft) -> Result<Applied, DomainError> {
        let current = self.lead(id)?.clone();
        let edited = self.lead_from_draft(id, draft, current.created_on)?;
        let lead = Lead {
            status: current.status,
            disqualify_reason: current.disqualify_reason.clone(),
            converted_deal: current.converted_deal,
            status_history: current.status_history.clone(),
            ..edited
        };
        self.leads.insert(id, lead);
        Ok(Applied::Done)
    }

    fn set_lead_status(
        &mut self,
        id: LeadId,
        status: LeadStatus,
        reason: Option<&str>,
        today: NaiveDate,
    ) -> Result<Applied, DomainError> {
        let lead = self.lead(id)?;
        if lead.status == LeadStatus::Converted {
            return Err(DomainError::LeadConverted);
        }
        if status == LeadStatus::Converted {
            // Conversion creates the deal; it has its own command.
            return Err(DomainError::LeadConverted);
        }
        let reason = match status {
            LeadStatus::Disqualified => Some(text(
                "disqualification reason",
                reason.unwrap_or(""),
                MAX_TEXT,
            )?),
            _ => None,
        };
        let lead = self
            .leads
            .get_mut(&id)
            .ok_or(DomainError::NotFound("lead"))?;
        if lead.status != status {
            lead.status_history.push((today, status));
        }
        lead.status = status;
        lead.disqualify_reason = reason;
        Ok(Applied::Done)
    }

    fn convert_lead(
        &mut self,
        id: LeadId,
        title: &str,
        value: Money,
        stage: StageId,
        today: NaiveDate,
    ) -> Result<Applied, DomainError> {
        let lead = self.lead(id)?.clone();
        if lead.status == LeadStatus::Converted {
            return Err(DomainError::LeadConverted);
        }
        let draft = DealDraft {
            title: title.to_string(),
            value,
            stage,
            probability_override: None,
            expected_close: None,
            organization: lead.organization,
            person: lead.person,
            owner: lead.owner.clone(),
            source: lead.source.clone(),
        };
        let Applied::Deal(deal) = self.create_deal(&draft, Some(id), today)? else {
            return Err(DomainError::NotFound("deal"));
        };
        // The lead's notes travel with it to the deal.
        let notes: Vec<Note> = self
            .notes_about(Subject::Lead(id))
            .into_iter()
            .cloned()
            .collect();
        for note in notes {
            let note_id = NoteId(self.allocate());
            self.notes.insert(
                note_id,
                Note {
                    id: note_id,
                    about: Subject::Deal(deal),
                    ..note
                },
            );
        }
        let lead = self
            .leads
            .get_mut(&id)
            .ok_or(DomainError::NotFound("lead"))?;
        lead.status = LeadStatus::Converted;
        lead.converted_deal = Some(deal);
        lead.status_history.push((today, LeadStatus::Converted));
        Ok(Applied::Deal(deal))
    }

    fn delete_organization(&mut self, id: OrganizationId) -> Result<Applied, DomainError> {
        self.organizations
            .remove(&id)
            .ok_or(DomainError::NotFound("organization"))?;
        update_where(
            &mut self.deals,
            |d| d.organization == Some(id),
            |d| d.organization = None,
        );
        update_where(
            &mut self.leads,
            |l| l.organization == Some(id),
            |l| l.organization = None,
        );
        update_where(
            &mut self.people,
            |p| p.organization == Some(id),
            |p| p.organization = None,
        );
        self.remove_subject(Subject::Organization(id));
        Ok(Applied::Done)
    }
}
