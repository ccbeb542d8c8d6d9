//! Every change to a workspace is a `Command`: plain data that can be validated,
//! applied, stored and replayed (a second tab's changes are rebased by replaying them).
//!
//! One module per kind of record holds the rules; each of its functions returns what it
//! made (a `DealId`, a `LeadId`…), and `apply` turns that into `Applied` for the views.

mod activities;
mod bulk;
mod deals;
mod leads;
mod organizations;
mod people;
mod pipelines;
mod settings;
mod team;
pub mod validate;

pub use activities::ActivityDraft;
pub use bulk::{plan_bulk, plan_lead_bulk, BulkDealChange, BulkLeadChange, BulkPlan};
pub use deals::DealDraft;
pub use leads::LeadDraft;
pub use organizations::with_organization_named;
pub use pipelines::StageDraft;

use crate::domain::model::error::DomainError;
use crate::domain::model::money::Money;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "cmd", rename_all = "snake_case")]
pub enum Command {
    UpdateSettings(Settings),
    /// Saves the deals list's filters (as the address writes them) under a name.
    SaveView {
        name: String,
        query: String,
    },
    DeleteView {
        name: String,
    },
    AddTeamMember(TeamMember),
    /// Changes the member named `name`; a new name renames them as owner everywhere.
    EditTeamMember {
        name: String,
        member: TeamMember,
    },
    RemoveTeamMember {
        name: String,
    },
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
    /// Several stages edited in the stage table, saved as one change.
    EditStages {
        edits: Vec<(StageId, StageDraft)>,
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
    EditPerson {
        person: PersonId,
        name: String,
        email: String,
        phone: String,
        organization: Option<OrganizationId>,
    },
    DeletePerson {
        person: PersonId,
    },
    /// Adds a contact person to a deal (its primary one when it has none).
    AddDealContact {
        deal: DealId,
        person: PersonId,
    },
    /// Creates a person (at the deal's organization) and adds them to the deal's
    /// contacts, as one change.
    AddNewDealContact {
        deal: DealId,
        name: String,
        email: String,
        phone: String,
    },
    RemoveDealContact {
        deal: DealId,
        person: PersonId,
    },
    MakePrimaryContact {
        deal: DealId,
        person: PersonId,
    },
    /// Plans an activity, or logs one already done (`draft.done`).
    AddActivity {
        about: Subject,
        draft: ActivityDraft,
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
    /// Several changes as one (a bulk edit from a list): all apply, or none.
    Bulk {
        commands: Vec<Command>,
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

    fn apply_in_place(
        &mut self,
        command: &Command,
        today: NaiveDate,
    ) -> Result<Applied, DomainError> {
        use Command::*;
        let done = |result: Result<(), DomainError>| result.map(|()| Applied::Done);
        match command {
            UpdateSettings(settings) => done(self.update_settings(settings)),
            SaveView { name, query } => done(self.save_view(name, query)),
            DeleteView { name } => done(self.delete_view(name)),
            AddTeamMember(member) => done(self.add_team_member(member)),
            EditTeamMember { name, member } => done(self.edit_team_member(name, member)),
            RemoveTeamMember { name } => done(self.remove_team_member(name)),
            AddPipeline { name } => self.add_pipeline(name).map(Applied::Pipeline),
            RenamePipeline { pipeline, name } => done(self.rename_pipeline(*pipeline, name)),
            DeletePipeline { pipeline } => done(self.delete_pipeline(*pipeline)),
            AddStage { pipeline, draft } => self.add_stage(*pipeline, draft).map(Applied::Stage),
            EditStage { stage, draft } => done(self.edit_stage(*stage, draft)),
            EditStages { edits } => done(self.edit_stages(edits)),
            ReorderStage { stage, to_index } => done(self.reorder_stage(*stage, *to_index)),
            DeleteStage {
                stage,
                move_deals_to,
            } => done(self.delete_stage(*stage, *move_deals_to, today)),
            CreateDeal(draft) => self.create_deal(draft, None, today).map(Applied::Deal),
            EditDeal { deal, draft } => done(self.edit_deal(*deal, draft, today)),
            MoveDeal {
                deal,
                stage,
                before,
            } => done(self.move_deal(*deal, *stage, *before, today)),
            WinDeal { deal } => done(self.win_deal(*deal, today)),
            LoseDeal { deal, reason, note } => done(self.lose_deal(*deal, reason, note, today)),
            ReopenDeal { deal } => done(self.reopen_deal(*deal, today)),
            DeleteDeal { deal } => done(self.delete_deal(*deal)),
            CreateLead(draft) => self.create_lead(draft, today).map(Applied::Lead),
            EditLead { lead, draft } => done(self.edit_lead(*lead, draft)),
            SetLeadStatus {
                lead,
                status,
                reason,
            } => done(self.set_lead_status(*lead, *status, reason.as_deref(), today)),
            ConvertLead {
                lead,
                title,
                value,
                stage,
            } => self
                .convert_lead(*lead, title, *value, *stage, today)
                .map(Applied::Deal),
            DeleteLead { lead } => done(self.delete_lead(*lead)),
            CreateOrganization { name } => {
                self.create_organization(name).map(Applied::Organization)
            }
            WithOrganizationNamed { name, then } => {
                let organization = self.organization_named(name)?;
                self.apply_in_place(&then.with_organization(organization)?, today)
            }
            RenameOrganization { organization, name } => {
                done(self.rename_organization(*organization, name))
            }
            SetChurn {
                organization,
                churned_on,
            } => done(self.set_churn(*organization, *churned_on)),
            DeleteOrganization { organization } => done(self.delete_organization(*organization)),
            CreatePerson {
                name,
                email,
                phone,
                organization,
            } => self
                .create_person(name, email, phone, *organization)
                .map(Applied::Person),
            EditPerson {
                person,
                name,
                email,
                phone,
                organization,
            } => done(self.edit_person(*person, name, email, phone, *organization)),
            DeletePerson { person } => done(self.delete_person(*person)),
            AddDealContact { deal, person } => done(self.add_deal_contact(*deal, *person)),
            AddNewDealContact {
                deal,
                name,
                email,
                phone,
            } => self
                .add_new_deal_contact(*deal, name, email, phone)
                .map(Applied::Person),
            RemoveDealContact { deal, person } => done(self.remove_deal_contact(*deal, *person)),
            MakePrimaryContact { deal, person } => done(self.make_primary_contact(*deal, *person)),
            AddActivity { about, draft } => self
                .add_activity(*about, draft, today)
                .map(Applied::Activity),
            CompleteActivity { activity } => done(self.complete_activity(*activity, today)),
            CompleteFollowUp { about, next } => {
                done(self.complete_follow_up(*about, next.as_ref(), today))
            }
            DeleteActivity { activity } => done(self.delete_activity(*activity)),
            AddNote { about, text } => self.add_note(*about, text, today).map(Applied::Note),
            DeleteNote { note } => done(self.delete_note(*note)),
            Bulk { commands } => {
                let mut bottoms = HashMap::new();
                for command in commands {
                    match command {
                        MoveDeal {
                            deal,
                            stage,
                            before: None,
                        } => self.move_deal_to_bottom(*deal, *stage, &mut bottoms, today)?,
                        other => {
                            // Any other change may move ranks: columns are looked at again.
                            bottoms.clear();
                            self.apply_in_place(other, today)?;
                        }
                    }
                }
                Ok(Applied::Done)
            }
        }
    }
}
