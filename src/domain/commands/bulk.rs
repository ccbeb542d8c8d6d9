//! One change to many deals at once (the deals list's selection): each deal's own
//! command is tried in turn; those that apply become one change (one undo step), and
//! each deal left as it is says why.

use super::{Command, DealDraft};
use crate::domain::model::error::DomainError;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use crate::domain::support::sorting;
use chrono::NaiveDate;
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkDealChange {
    Owner(String),
    Stage(StageId),
    Won,
    Lost { reason: String },
    Reopen,
    Delete,
}

impl BulkDealChange {
    /// "Move 3 deals to Demo": what the change does, for undo and the message.
    pub fn describe(&self, ws: &Workspace, deals: usize) -> String {
        let n = match deals {
            1 => "1 deal".to_string(),
            n => format!("{n} deals"),
        };
        match self {
            BulkDealChange::Owner(owner) if owner.trim().is_empty() => {
                format!("Remove the owner of {n}")
            }
            BulkDealChange::Owner(owner) => format!("Give {n} to {}", owner.trim()),
            BulkDealChange::Stage(stage) => {
                let name = ws.stage(*stage).map(|(_, s)| s.name.as_str());
                format!("Move {n} to {}", name.unwrap_or("a stage"))
            }
            BulkDealChange::Won => format!("Mark {n} won"),
            BulkDealChange::Lost { .. } => format!("Mark {n} lost"),
            BulkDealChange::Reopen => format!("Reopen {n}"),
            BulkDealChange::Delete => format!("Delete {n}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkPlan {
    /// Every change that applies, as one command; none when none applies.
    pub command: Option<Command>,
    pub changed: usize,
    /// The deals left as they are, with why.
    pub skipped: Vec<(DealId, String)>,
}

impl BulkPlan {
    /// "2 left as they are: this deal is won; reopen it first (2)".
    pub fn skipped_summary(&self) -> Option<String> {
        if self.skipped.is_empty() {
            return None;
        }
        let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, why) in &self.skipped {
            *reasons.entry(why.as_str()).or_default() += 1;
        }
        let mut reasons: Vec<(&str, usize)> = reasons.into_iter().collect();
        sorting::sort_by(&mut reasons, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let listed: Vec<String> = reasons
            .into_iter()
            .map(|(why, n)| format!("{why} ({n})"))
            .collect();
        Some(format!(
            "{} left as {}: {}",
            self.skipped.len(),
            if self.skipped.len() == 1 {
                "it is"
            } else {
                "they are"
            },
            listed.join("; ")
        ))
    }
}

/// The command for one deal, as the workspace is after the ones before it.
fn command_for(ws: &Workspace, deal: DealId, change: &BulkDealChange) -> Result<Command, String> {
    let current = ws.deal(deal).map_err(|e| e.to_string())?;
    Ok(match change {
        BulkDealChange::Owner(owner) => Command::EditDeal {
            deal,
            draft: DealDraft {
                owner: owner.clone(),
                ..DealDraft::from(current)
            },
        },
        BulkDealChange::Stage(stage) if current.stage == *stage => {
            return Err("already in that stage".into())
        }
        BulkDealChange::Stage(stage) => Command::MoveDeal {
            deal,
            stage: *stage,
            before: None,
        },
        BulkDealChange::Won => Command::WinDeal { deal },
        BulkDealChange::Lost { reason } => Command::LoseDeal {
            deal,
            reason: reason.clone(),
            note: String::new(),
        },
        BulkDealChange::Reopen => Command::ReopenDeal { deal },
        BulkDealChange::Delete => Command::DeleteDeal { deal },
    })
}

pub fn plan_bulk(
    ws: &Workspace,
    deals: &[DealId],
    change: &BulkDealChange,
    today: NaiveDate,
) -> BulkPlan {
    let mut scratch = ws.clone();
    let mut commands = Vec::new();
    let mut skipped = Vec::new();
    for &deal in deals {
        let applied = command_for(&scratch, deal, change).and_then(|command| {
            scratch
                .apply(&command, today)
                .map(|_| command)
                .map_err(|e: DomainError| e.to_string())
        });
        match applied {
            Ok(command) => commands.push(command),
            Err(why) => skipped.push((deal, why)),
        }
    }
    BulkPlan {
        changed: commands.len(),
        command: (!commands.is_empty()).then_some(Command::Bulk { commands }),
        skipped,
    }
}
