//! The records a workspace holds. Plain data; the rules that change them live in
//! `commands`.

use crate::domain::model::ids::*;
use crate::domain::model::money::{Currency, Money};
use crate::domain::model::stored_date::{stored_date, stored_date_opt};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub name: String,
    /// Stored as its ISO 4217 code.
    pub currency: Currency,
    /// BCP 47 tag used for number formatting.
    pub locale: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_goal: Option<Money>,
    pub lost_reasons: Vec<String>,
    /// Forecast with learned stage probabilities instead of the manual ones.
    #[serde(default)]
    pub forecast_uses_learned: bool,
    /// Which forecast method feeds the Forecast page's totals and main chart.
    #[serde(default, skip_serializing_if = "ForecastMethod::is_weighted")]
    pub forecast_method: ForecastMethod,
    /// The people who own deals and leads; owners are picked from it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub team: Vec<super::team::TeamMember>,
    /// Named filters of the deals list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub saved_views: Vec<SavedView>,
}

/// How the Forecast page's totals and main chart forecast (docs/metrics.md).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForecastMethod {
    /// Open deals weighted by probability in their expected close month.
    #[default]
    Weighted,
    /// Learned from the workspace's history of closed deals.
    Learned,
}

impl ForecastMethod {
    pub fn is_weighted(&self) -> bool {
        *self == ForecastMethod::Weighted
    }
}

/// A named filter of the deals list, kept as the address writes it
/// ("status=won&owner=Ana+Silva"), so a view and a bookmark read the same way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub name: String,
    pub query: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            name: "My workspace".into(),
            currency: Currency::USD,
            locale: "en-US".into(),
            monthly_goal: None,
            lost_reasons: [
                "Price",
                "Chose a competitor",
                "No budget",
                "No decision",
                "Timing",
                "Missing feature",
            ]
            .map(String::from)
            .to_vec(),
            forecast_uses_learned: false,
            forecast_method: ForecastMethod::Weighted,
            team: Vec::new(),
            saved_views: Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    pub id: StageId,
    pub name: String,
    /// Win probability in percent, 0–100.
    pub probability: u8,
    /// Days without activity after which an open deal in this stage rots.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotting_days: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pipeline {
    pub id: PipelineId,
    pub name: String,
    /// Ordered: the first stage is the entry of the funnel.
    pub stages: Vec<Stage>,
}

impl Pipeline {
    pub fn stage(&self, id: StageId) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }
    pub fn stage_index(&self, id: StageId) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DealStatus {
    Open,
    Won,
    Lost,
}

impl DealStatus {
    pub fn label(self) -> &'static str {
        match self {
            DealStatus::Open => "open",
            DealStatus::Won => "won",
            DealStatus::Lost => "lost",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deal {
    pub id: DealId,
    pub title: String,
    pub value: Money,
    pub pipeline: PipelineId,
    pub stage: StageId,
    /// Position within its stage column; lower comes first.
    pub rank: i64,
    pub status: DealStatus,
    /// Reason from the settings list (or typed), set when lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_reason: Option<String>,
    /// Free text beside the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_note: Option<String>,
    /// Overrides the stage probability when set (even 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability_override: Option<u8>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "stored_date_opt"
    )]
    pub expected_close: Option<NaiveDate>,
    #[serde(deserialize_with = "stored_date")]
    pub created_on: NaiveDate,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "stored_date_opt"
    )]
    pub closed_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<OrganizationId>,
    /// The primary contact person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonId>,
    /// Further contact people, besides the primary one, in the order they were added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<PersonId>,
    pub owner: String,
    pub source: String,
    /// The deal's latest edit of its own fields. Entering a stage, completed activities
    /// and notes are read from the log, the activities and the notes themselves
    /// (`queries::board::recorded_activity`), so deleting one never leaves a stale date.
    /// (Data saved before this may carry an activity's or a note's date here.)
    #[serde(deserialize_with = "stored_date")]
    pub last_touched_on: NaiveDate,
    /// The lead this deal came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_lead: Option<LeadId>,
    /// Its ID in the system it was imported from (a CSV's source ID column), so that
    /// importing the same file again updates it instead of adding it twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
}

impl Deal {
    /// Every contact person, the primary one first.
    pub fn contacts(&self) -> impl Iterator<Item = PersonId> + '_ {
        self.person
            .into_iter()
            .chain(self.participants.iter().copied())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadStatus {
    New,
    Contacted,
    Nurturing,
    Qualified,
    Disqualified,
    Converted,
}

impl LeadStatus {
    pub const ALL: [LeadStatus; 6] = [
        LeadStatus::New,
        LeadStatus::Contacted,
        LeadStatus::Nurturing,
        LeadStatus::Qualified,
        LeadStatus::Disqualified,
        LeadStatus::Converted,
    ];
    pub fn label(self) -> &'static str {
        match self {
            LeadStatus::New => "New",
            LeadStatus::Contacted => "Contacted",
            LeadStatus::Nurturing => "Nurturing",
            LeadStatus::Qualified => "Qualified",
            LeadStatus::Disqualified => "Disqualified",
            LeadStatus::Converted => "Converted",
        }
    }
    /// Open leads are still being worked.
    pub fn is_open(self) -> bool {
        !matches!(self, LeadStatus::Disqualified | LeadStatus::Converted)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lead {
    pub id: LeadId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<OrganizationId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonId>,
    pub email: String,
    pub phone: String,
    pub source: String,
    pub status: LeadStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disqualify_reason: Option<String>,
    pub score: u8,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "stored_date_opt"
    )]
    pub next_follow_up: Option<NaiveDate>,
    pub owner: String,
    #[serde(deserialize_with = "stored_date")]
    pub created_on: NaiveDate,
    pub expected_value: Money,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub converted_deal: Option<DealId>,
    /// Every status change with its date, the first included.
    pub status_history: Vec<(NaiveDate, LeadStatus)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    pub id: OrganizationId,
    pub name: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "stored_date_opt"
    )]
    pub churned_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub phone: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<OrganizationId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Call,
    Email,
    Meeting,
    Task,
    Deadline,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 5] = [
        ActivityKind::Call,
        ActivityKind::Email,
        ActivityKind::Meeting,
        ActivityKind::Task,
        ActivityKind::Deadline,
    ];
    pub fn label(self) -> &'static str {
        match self {
            ActivityKind::Call => "Call",
            ActivityKind::Email => "Email",
            ActivityKind::Meeting => "Meeting",
            ActivityKind::Task => "Task",
            ActivityKind::Deadline => "Deadline",
        }
    }
}

/// What an activity or a note is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Subject {
    Deal(DealId),
    Lead(LeadId),
    Organization(OrganizationId),
    Person(PersonId),
}

impl Subject {
    /// What kind of record it is, as a list names it.
    pub fn label(self) -> &'static str {
        match self {
            Subject::Deal(_) => "Deal",
            Subject::Lead(_) => "Lead",
            Subject::Organization(_) => "Organization",
            Subject::Person(_) => "Person",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub id: ActivityId,
    pub kind: ActivityKind,
    pub subject: String,
    #[serde(deserialize_with = "stored_date")]
    pub due_on: NaiveDate,
    /// The time of day, when it has one (a meeting at 14:30; a task may have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<chrono::NaiveTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<u16>,
    /// The team member who does it; without one, the owner of what it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "stored_date_opt"
    )]
    pub done_on: Option<NaiveDate>,
    pub about: Subject,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: NoteId,
    pub text: String,
    #[serde(deserialize_with = "stored_date")]
    pub written_on: NaiveDate,
    pub about: Subject,
}
