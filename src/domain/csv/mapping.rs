//! Which column holds which field, guessed from the headers of our own exports and of
//! Pipedrive's and HubSpot's; the user can change every guess.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entity {
    Deals,
    Leads,
    Organizations,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Title,
    Value,
    Currency,
    Stage,
    ExpectedClose,
    CloseDate,
    Organization,
    Status,
    Owner,
    Source,
    LostReason,
    Name,
    Email,
    Phone,
    Score,
    NextFollowUp,
    ChurnedOn,
    Created,
    LostDate,
    Pipeline,
    Probability,
    StageChangedOn,
    Person,
    SourceId,
    Lifecycle,
}

impl Field {
    /// Whether an export writes the field (a lost deal's day is in "Won/lost date"; its
    /// own column is for files that keep it apart, as Pipedrive's do).
    pub fn is_exported(self) -> bool {
        !matches!(
            self,
            Field::LostDate | Field::StageChangedOn | Field::Lifecycle
        )
    }

    /// Whether the field holds a date (its column gets a date layout).
    pub fn is_date(self) -> bool {
        matches!(
            self,
            Field::ExpectedClose
                | Field::CloseDate
                | Field::NextFollowUp
                | Field::ChurnedOn
                | Field::Created
                | Field::LostDate
                | Field::StageChangedOn
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Value => "Value",
            Field::Currency => "Currency",
            Field::Stage => "Stage",
            Field::ExpectedClose => "Expected close date",
            Field::CloseDate => "Won/lost date",
            Field::Organization => "Organization",
            Field::Status => "Status",
            Field::Owner => "Owner",
            Field::Source => "Source",
            Field::LostReason => "Lost reason",
            Field::Name => "Name",
            Field::Email => "Email",
            Field::Phone => "Phone",
            Field::Score => "Score",
            Field::NextFollowUp => "Next follow-up",
            Field::ChurnedOn => "Churned on",
            Field::Created => "Created date",
            Field::LostDate => "Lost date",
            Field::Pipeline => "Pipeline",
            Field::Probability => "Probability",
            Field::StageChangedOn => "Last stage change",
            Field::Person => "Contact person",
            Field::SourceId => "Source ID",
            Field::Lifecycle => "Lifecycle stage",
        }
    }

    /// The fields an entity can import, in the order its export writes them.
    pub fn for_entity(entity: Entity) -> &'static [Field] {
        match entity {
            Entity::Deals => &[
                Field::Title,
                Field::Value,
                Field::Currency,
                Field::Pipeline,
                Field::Stage,
                Field::Status,
                Field::Probability,
                Field::Created,
                Field::ExpectedClose,
                Field::CloseDate,
                Field::LostDate,
                Field::StageChangedOn,
                Field::Organization,
                Field::Person,
                Field::Owner,
                Field::Source,
                Field::LostReason,
                Field::SourceId,
            ],
            Entity::Leads => &[
                Field::Name,
                Field::Organization,
                Field::Email,
                Field::Phone,
                Field::Source,
                Field::Status,
                Field::Lifecycle,
                Field::Score,
                Field::NextFollowUp,
                Field::Owner,
                Field::Created,
            ],
            Entity::Organizations => &[Field::Name, Field::ChurnedOn],
        }
    }

    /// Header spellings: ours first, then Pipedrive's and HubSpot's.
    fn synonyms(self, entity: Entity) -> &'static [&'static str] {
        match (self, entity) {
            (Field::Title, _) => &["title", "deal title", "deal - title", "deal name"],
            (Field::Value, _) => &["value", "deal - value", "amount", "deal value"],
            (Field::Currency, _) => &["currency", "deal - currency", "currency code"],
            (Field::Stage, _) => &["stage", "deal - stage", "deal stage", "pipeline stage"],
            (Field::ExpectedClose, _) => &[
                "expected close date",
                "deal - expected close date",
                "close date",
                "expected close",
            ],
            (Field::CloseDate, _) => &[
                "won/lost date",
                "deal - won time",
                "won time",
                "closed on",
                "closed won date",
            ],
            (Field::Organization, Entity::Organizations) => &[],
            (Field::Organization, _) => &[
                "organization",
                "deal - organization",
                "organization name",
                "associated company",
                "company",
                "company name",
            ],
            (Field::Status, _) => &["status", "deal - status", "lead status", "deal status"],
            (Field::Owner, _) => &[
                "owner",
                "deal - owner",
                "deal owner",
                "contact owner",
                "lead owner",
            ],
            (Field::Source, _) => &[
                "source",
                "lead source",
                "deal - source",
                "original source",
                "deal source",
            ],
            (Field::LostReason, _) => &["lost reason", "deal - lost reason", "closed lost reason"],
            (Field::Name, Entity::Organizations) => &[
                "name",
                "organization",
                "organization - name",
                "company name",
                "name of company",
            ],
            (Field::Name, _) => &[
                "name",
                "lead name",
                "person - name",
                "full name",
                "contact name",
                "lead title",
                "title",
            ],
            (Field::Email, _) => &["email", "person - email", "email address", "e-mail"],
            (Field::Phone, _) => &[
                "phone",
                "person - phone",
                "phone number",
                "mobile phone number",
            ],
            (Field::Score, _) => &["score", "lead score", "hubspot score"],
            (Field::NextFollowUp, _) => &[
                "next follow-up",
                "next activity date",
                "next follow up",
                "follow-up date",
            ],
            (Field::ChurnedOn, _) => &["churned on", "churn date"],
            (Field::LostDate, _) => &["lost date", "deal - lost time", "lost time"],
            (Field::Pipeline, _) => &["pipeline", "deal - pipeline", "deal pipeline"],
            (Field::Probability, _) => &[
                "probability",
                "deal - probability",
                "deal probability",
                "probability (%)",
            ],
            (Field::StageChangedOn, _) => &[
                "last stage change",
                "deal - last stage change",
                "stage changed on",
                "date entered current stage",
            ],
            (Field::Lifecycle, _) => &["lifecycle stage", "lifecyclestage", "lifecycle"],
            (Field::SourceId, _) => &["source id", "deal - id", "record id", "deal id", "id"],
            (Field::Person, _) => &[
                "contact person",
                "deal - contact person",
                "person",
                "associated contact",
                "contact",
            ],
            (Field::Created, _) => &[
                "created date",
                "created",
                "created on",
                "deal - deal created",
                "deal - add time",
                "lead - lead created",
                "lead - add time",
                "add time",
                "create date",
            ],
        }
    }
}

/// A guess per column (`None`: ignore the column). Each field goes to one column only.
pub fn auto_map(entity: Entity, headers: &[String]) -> Vec<Option<Field>> {
    let mut used = Vec::new();
    headers
        .iter()
        .map(|h| {
            let h = h.trim().to_lowercase();
            let field = Field::for_entity(entity)
                .iter()
                .copied()
                .find(|f| !used.contains(f) && f.synonyms(entity).contains(&h.as_str()));
            if let Some(f) = field {
                used.push(f);
            }
            field
        })
        .collect()
}

/// Columns the preview lists at most besides the mapped ones: a file may have thousands.
pub const PREVIEW_COLUMNS: usize = 40;

/// The columns the mapping preview shows: every mapped column, then the unmapped ones
/// whose header contains `filter` (ignoring case), up to `PREVIEW_COLUMNS` of them; and
/// how many unmapped matching columns are left out.
pub fn preview_columns(
    headers: &[String],
    mapping: &[Option<Field>],
    filter: &str,
) -> (Vec<usize>, usize) {
    let filter = filter.trim().to_lowercase();
    let mut shown: Vec<usize> = Vec::new();
    let mut unmapped_shown = 0;
    let mut hidden = 0;
    for (i, header) in headers.iter().enumerate() {
        if mapping.get(i).copied().flatten().is_some() {
            shown.push(i);
        } else if filter.is_empty() || header.to_lowercase().contains(&filter) {
            if unmapped_shown < PREVIEW_COLUMNS {
                shown.push(i);
                unmapped_shown += 1;
            } else {
                hidden += 1;
            }
        }
    }
    (shown, hidden)
}
