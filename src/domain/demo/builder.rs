//! The builder that writes demo records straight into a workspace, and the top-up
//! that keeps every stage of the demo board populated.

use crate::domain::demo::random::Rng;
use crate::domain::model::money::Money;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use chrono::{Days, NaiveDate};

/// `today` shifted `days_ago` days back (negative: forward).
pub(super) fn ago(today: NaiveDate, days_ago: i64) -> NaiveDate {
    if days_ago >= 0 {
        today - Days::new(days_ago as u64)
    } else {
        today + Days::new(days_ago.unsigned_abs())
    }
}

pub(super) struct Builder<'a> {
    pub(super) ws: &'a mut Workspace,
    pub(super) rng: Rng,
    pub(super) today: NaiveDate,
}

impl Builder<'_> {
    /// A day between `low` and `high` days ago (negative: in the future).
    pub(super) fn days_ago(&mut self, low: i64, high: i64) -> NaiveDate {
        let n = self.rng.range(low, high);
        ago(self.today, n)
    }

    pub(super) fn id(&mut self) -> u64 {
        self.ws.allocate()
    }

    /// Deal values spread like real ones: many small, a few large (log-normal).
    pub(super) fn value(&mut self) -> Money {
        let dollars = (8.9 + 0.9 * self.rng.normal())
            .exp()
            .clamp(500.0, 400_000.0);
        Money(((dollars / 50.0).round() * 50.0) as i64 * 100)
    }

    pub(super) fn activity(
        &mut self,
        about: Subject,
        kind: ActivityKind,
        subject: String,
        due_on: NaiveDate,
        done_on: Option<NaiveDate>,
    ) {
        let id = ActivityId(self.id());
        // Calls and meetings at a time of day between 9:00 and 16:30, from the id (not
        // the random stream, so the rest of the demo stays as it was).
        let (at, duration_minutes) = match kind {
            ActivityKind::Call => (Some(id.0 % 16), Some(30)),
            ActivityKind::Meeting => (Some(id.0 % 14), Some(60)),
            _ => (None, None),
        };
        let at = at.and_then(|slot| {
            chrono::NaiveTime::from_hms_opt(9 + (slot / 2) as u32, 30 * (slot % 2) as u32, 0)
        });
        self.ws.activities.insert(
            id,
            Activity {
                id,
                kind,
                subject,
                due_on,
                at,
                duration_minutes,
                assignee: None,
                done_on,
                about,
            },
        );
    }
}

/// Every stage should hold open deals in a demo: where chance left a late stage thin,
/// advance open deals from the fullest earlier stage (logging the moves), never taking
/// a stage's last one.
pub(super) fn top_up_late_stages(b: &mut Builder, pipeline: &Pipeline, deal_count: usize) {
    let minimum = (deal_count / 60).max(4);
    for target in 1..pipeline.stages.len() {
        let target_id = pipeline.stages[target].id;
        let open_in = |ws: &Workspace, stage: StageId| -> Vec<DealId> {
            ws.deals
                .values()
                .filter(|d| d.status == DealStatus::Open && d.stage == stage)
                .map(|d| d.id)
                .collect()
        };
        let mut missing = minimum.saturating_sub(open_in(b.ws, target_id).len());
        while missing > 0 {
            // Never the last open deal of a stage: topping one up must not empty another.
            let Some(source) = (0..target)
                .map(|i| (open_in(b.ws, pipeline.stages[i].id).len(), i))
                .filter(|(open, _)| *open > 1)
                .max_by_key(|(open, _)| *open)
                .map(|(_, i)| i)
            else {
                break;
            };
            let Some(&deal) = open_in(b.ws, pipeline.stages[source].id).first() else {
                break;
            };
            let entered = b.ws.stage_entered_on(deal).unwrap_or(b.today);
            let on = entered + Days::new(((b.today - entered).num_days() / 2).max(0) as u64);
            b.ws.log.push_back(LogEntry {
                deal,
                on,
                event: DealEvent::EnteredStage(target_id),
            });
            if let Some(d) = b.ws.deals.get_mut(&deal) {
                d.stage = target_id;
                d.last_touched_on = d.last_touched_on.max(on);
            }
            missing -= 1;
        }
    }
}
