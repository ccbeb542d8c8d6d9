//! Typed errors of the domain commands; each reads as a sentence a user understands.

use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("{0} must not be empty")]
    Empty(&'static str),
    #[error("{what} is {len} characters long; the limit is {max}")]
    TooLong {
        what: &'static str,
        len: usize,
        max: usize,
    },
    #[error("no {0} with that id exists (it may have been deleted)")]
    NotFound(&'static str),
    #[error("probability must be between 0 and 100 %, not {0}")]
    Probability(i64),
    #[error("a lead score must be between 0 and 100, not {0}")]
    Score(i64),
    #[error("a value must not be negative")]
    NegativeValue,
    #[error("the value is too large")]
    ValueTooLarge,
    #[error("the stage belongs to another pipeline")]
    StageNotInPipeline,
    #[error("this deal is {0}; reopen it first")]
    DealClosed(&'static str),
    #[error("this deal is already open")]
    DealAlreadyOpen,
    #[error("a lost deal needs a reason")]
    LostReasonMissing,
    #[error("the lead is already converted")]
    LeadConverted,
    #[error("a pipeline needs at least one stage")]
    LastStage,
    #[error("the workspace needs at least one pipeline")]
    LastPipeline,
    #[error("the stage still holds {0} open deal(s); choose where they go")]
    StageNotEmpty(usize),
    #[error("the pipeline still holds {0} deal(s); move or delete them first")]
    PipelineNotEmpty(usize),
    #[error("the date {0} is before the record was created")]
    DateBeforeCreation(chrono::NaiveDate),
    #[error("this pipeline already has a stage named “{0}”")]
    DuplicateStageName(String),
    #[error("“{0}” is already on the team list")]
    DuplicateMember(String),
    #[error("Initials are at most three letters (“{0}”)")]
    BadInitials(String),
    #[error("“{0}” is not a colour like #2563eb")]
    BadColour(String),
    #[error("this change has no organization to set")]
    NoOrganizationField,
    #[error("a view named “{0}” exists already; choose another name or delete that one first")]
    DuplicateView(String),
    #[error("a duration is 1 to 1,440 minutes, not {0}")]
    Duration(u32),
    #[error("an activity logged as done happened on or before today, not on {0}")]
    DoneInFuture(chrono::NaiveDate),
    #[error("“{0}” is not an email address like ana@example.com")]
    BadEmail(String),
    #[error("this person is already a contact of the deal")]
    AlreadyContact,
    #[error("this person is not a contact of the deal")]
    NotAContact,
}
