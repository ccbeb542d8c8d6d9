//! A bigger log for benchmarks: the 10,000-deal demo padded to a round number of
//! entries without changing any figure that depends on where deals are.

use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use chrono::NaiveDate;

/// For benchmarks: adds back-and-forth stage moves dated `today` to open deals (each
/// ends in the stage it was in) until the log holds `target` entries.
pub fn pad_log(ws: &mut Workspace, target: usize, today: NaiveDate) {
    let Some(pipeline) = ws.pipelines.first().cloned() else {
        return;
    };
    let open: Vec<(DealId, StageId)> = ws
        .deals
        .values()
        .filter(|d| d.status == DealStatus::Open)
        .map(|d| (d.id, d.stage))
        .collect();
    let mut i = 0;
    while ws.log.len() < target && !open.is_empty() {
        let (deal, stage) = open[i % open.len()];
        let other = pipeline
            .stages
            .iter()
            .find(|s| s.id != stage)
            .map_or(stage, |s| s.id);
        ws.log.push_back(LogEntry {
            deal,
            on: today,
            event: DealEvent::EnteredStage(other),
        });
        ws.log.push_back(LogEntry {
            deal,
            on: today,
            event: DealEvent::EnteredStage(stage),
        });
        i += 1;
    }
}
