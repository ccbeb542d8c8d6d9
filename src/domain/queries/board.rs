//! What the stage board shows, computed in one pass so it stays fast with 10,000 deals:
//! per-stage totals (always exact) and the cards with their activity and rotting state.

use crate::domain::model::deal_log::entries;
use crate::domain::model::ids::IdMap;
use crate::domain::model::money::Money;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use crate::domain::support::sorting;
use chrono::NaiveDate;

/// Next-activity status of a deal, as Pipedrive colours it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActivityStatus {
    Overdue,
    DueToday,
    Planned,
    NonePlanned,
}

impl ActivityStatus {
    pub fn label(self) -> &'static str {
        match self {
            ActivityStatus::Overdue => "Overdue",
            ActivityStatus::DueToday => "Due today",
            ActivityStatus::Planned => "Planned",
            ActivityStatus::NonePlanned => "No activity planned",
        }
    }
}

/// Classifies a due date against today (None: nothing planned).
pub fn activity_status(due: Option<NaiveDate>, today: NaiveDate) -> ActivityStatus {
    match due {
        None => ActivityStatus::NonePlanned,
        Some(d) if d < today => ActivityStatus::Overdue,
        Some(d) if d == today => ActivityStatus::DueToday,
        Some(_) => ActivityStatus::Planned,
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CardView {
    pub id: DealId,
    pub title: String,
    pub organization: Option<String>,
    pub value: Money,
    pub expected_close: Option<NaiveDate>,
    pub slipped: bool,
    pub activity: ActivityStatus,
    pub next_due: Option<NaiveDate>,
    /// Days since last activity, when the deal is rotting.
    pub rotting_days: Option<i64>,
    pub owner: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ColumnView {
    pub stage: Stage,
    pub count: usize,
    pub value: Money,
    pub weighted: Money,
    pub cards: Vec<CardView>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BoardView {
    pub columns: Vec<ColumnView>,
    /// Won and lost deals of every pipeline: off the board.
    pub closed: usize,
    pub count: usize,
    pub value: Money,
    pub weighted: Money,
}

/// Which open deals the board shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BoardFilter {
    /// Case-insensitive match on title, organization or owner.
    pub text: String,
    pub owner: Option<String>,
    pub only_rotting: bool,
    pub only_slipped: bool,
}

use crate::domain::metrics::weighted_money as weighted;

/// Every deal's latest recorded activity (rule 12), read from the records themselves
/// in one pass over each kind: entering a stage (the latest entry is the current
/// stage's), a completed activity, a note. A deleted activity or note no longer counts;
/// imported ones count by their own dates. (The deal's own edits are `last_touched_on`.)
pub fn recorded_activity(ws: &Workspace) -> IdMap<DealId, NaiveDate> {
    let mut latest: IdMap<DealId, NaiveDate> = IdMap::default();
    latest.reserve(ws.deals.len());
    let mut note = |deal: DealId, on: NaiveDate| {
        latest
            .entry(deal)
            .and_modify(|d| *d = (*d).max(on))
            .or_insert(on);
    };
    for entry in entries(&ws.log) {
        if let DealEvent::EnteredStage(_) = entry.event {
            note(entry.deal, entry.on);
        }
    }
    for activity in ws.activities.values() {
        if let (Subject::Deal(deal), Some(done)) = (activity.about, activity.done_on) {
            note(deal, done);
        }
    }
    for written in ws.notes.values() {
        if let Subject::Deal(deal) = written.about {
            note(deal, written.written_on);
        }
    }
    latest
}

/// The earliest undone activity of every deal.
pub fn next_due_by_deal(ws: &Workspace) -> IdMap<DealId, NaiveDate> {
    let mut next: IdMap<DealId, NaiveDate> = IdMap::default();
    for activity in ws.activities.values().filter(|a| a.done_on.is_none()) {
        if let Subject::Deal(id) = activity.about {
            next.entry(id)
                .and_modify(|d| *d = (*d).min(activity.due_on))
                .or_insert(activity.due_on);
        }
    }
    next
}

/// Days since the deal's last activity when it exceeds its stage's rotting limit.
/// Last activity = the latest of its `recorded` activity (`recorded_activity`) and its
/// last edit, up to today (docs/metrics.md rule 12); rotten means strictly more than
/// the limit.
pub fn rotting_days(
    deal: &Deal,
    stage: &Stage,
    recorded: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<i64> {
    let limit = stage.rotting_days? as i64;
    let last = recorded
        .map_or(deal.last_touched_on, |e| e.max(deal.last_touched_on))
        .min(today);
    let idle = (today - last).num_days();
    (idle > limit).then_some(idle)
}

impl BoardFilter {
    /// How many of the filters beside the search narrow the board (a phone shows them
    /// folded away, with this count on their button).
    pub fn narrowing_filters(&self) -> usize {
        [self.owner.is_some(), self.only_rotting, self.only_slipped]
            .into_iter()
            .filter(|narrows| *narrows)
            .count()
    }

    /// `text` is the filter's text, trimmed and lowercased once for all cards.
    fn matches(&self, text: &str, card: &CardView) -> bool {
        let text_ok = text.is_empty()
            || card.title.to_lowercase().contains(text)
            || card
                .organization
                .as_deref()
                .is_some_and(|o| o.to_lowercase().contains(text))
            || card.owner.to_lowercase().contains(text);
        text_ok
            && self.owner.as_ref().is_none_or(|o| &card.owner == o)
            && (!self.only_rotting || card.rotting_days.is_some())
            && (!self.only_slipped || card.slipped)
    }
}

pub fn board(
    ws: &Workspace,
    pipeline: PipelineId,
    filter: &BoardFilter,
    today: NaiveDate,
) -> BoardView {
    let Ok(pipeline) = ws.pipeline(pipeline) else {
        return BoardView {
            closed: 0,
            columns: Vec::new(),
            count: 0,
            value: Money(0),
            weighted: Money(0),
        };
    };
    let recorded = recorded_activity(ws);
    let next_due = next_due_by_deal(ws);
    let text = filter.text.trim().to_lowercase();
    let index: IdMap<StageId, usize> = pipeline
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let mut buckets: Vec<Vec<(i64, CardView)>> = vec![Vec::new(); pipeline.stages.len()];
    let mut sums: Vec<(usize, Money, i128)> = vec![(0, Money(0), 0); pipeline.stages.len()];
    let mut closed = 0;
    for deal in ws.deals.values() {
        if deal.status != DealStatus::Open {
            closed += 1;
            continue;
        }
        if deal.pipeline != pipeline.id {
            continue;
        }
        let Some(&i) = index.get(&deal.stage) else {
            continue;
        };
        let stage = &pipeline.stages[i];
        let due = next_due.get(&deal.id).copied();
        let card = CardView {
            id: deal.id,
            title: deal.title.clone(),
            organization: ws.organization_name(deal.organization).map(String::from),
            value: deal.value,
            expected_close: deal.expected_close,
            slipped: deal.expected_close.is_some_and(|d| d < today),
            activity: activity_status(due, today),
            next_due: due,
            rotting_days: rotting_days(deal, stage, recorded.get(&deal.id).copied(), today),
            owner: deal.owner.clone(),
        };
        if !filter.matches(&text, &card) {
            continue;
        }
        let probability = deal.probability_override.unwrap_or(stage.probability);
        let sum = &mut sums[i];
        sum.0 += 1;
        sum.1 += deal.value;
        sum.2 += deal.value.0 as i128 * probability as i128;
        buckets[i].push((deal.rank, card));
    }
    let mut columns = Vec::with_capacity(pipeline.stages.len());
    for ((stage, mut cards), (count, value, weighted_exact)) in pipeline
        .stages
        .iter()
        .zip(buckets)
        .zip(sums.iter().copied())
    {
        sorting::sort_by_key(&mut cards, |(rank, c)| (*rank, c.id));
        columns.push(ColumnView {
            stage: stage.clone(),
            count,
            value,
            weighted: weighted(weighted_exact),
            cards: cards.into_iter().map(|(_, c)| c).collect(),
        });
    }
    BoardView {
        closed,
        count: sums.iter().map(|s| s.0).sum(),
        value: sums.iter().map(|s| s.1).sum(),
        weighted: weighted(sums.iter().map(|s| s.2).sum()),
        columns,
    }
}

/// The stage before or after a deal's current one, for keyboard moves.
pub fn neighbour_stage(ws: &Workspace, deal: DealId, forward: bool) -> Option<StageId> {
    let deal = ws.deal(deal).ok()?;
    let pipeline = ws.pipeline(deal.pipeline).ok()?;
    let i = pipeline.stage_index(deal.stage)?;
    let j = if forward {
        i.checked_add(1)?
    } else {
        i.checked_sub(1)?
    };
    pipeline.stages.get(j).map(|s| s.id)
}
