//! One change to many deals or leads at once (a list's selection): each record's own
//! command is tried in turn; those that apply become one change (one undo step), and
//! each record left as it is says why.

use super::{Command, DealDraft, LeadDraft};
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

fn counted(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

impl BulkDealChange {
    /// "Move 3 deals to Demo": what the change does, for undo and the message.
    pub fn describe(&self, ws: &Workspace, deals: usize) -> String {
        let n = counted(deals, "deal", "deals");
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
pub enum BulkLeadChange {
    Owner(String),
    /// Disqualifying needs the reason.
    Status {
        status: LeadStatus,
        reason: String,
    },
    Delete,
}

impl BulkLeadChange {
    /// "Mark 3 leads Nurturing".
    pub fn describe(&self, leads: usize) -> String {
        let n = counted(leads, "lead", "leads");
        match self {
            BulkLeadChange::Owner(owner) => format!("Give {n} to {}", owner.trim()),
            BulkLeadChange::Status { status, .. } => format!("Mark {n} {}", status.label()),
            BulkLeadChange::Delete => format!("Delete {n}"),
        }
    }

    fn command_for(&self, ws: &Workspace, lead: LeadId) -> Result<Command, String> {
        let current = ws.lead(lead).map_err(|e| e.to_string())?;
        Ok(match self {
            BulkLeadChange::Owner(owner) => Command::EditLead {
                lead,
                draft: LeadDraft {
                    owner: owner.clone(),
                    ..LeadDraft::from(current)
                },
            },
            BulkLeadChange::Status { status, .. } if current.status == *status => {
                return Err(format!("already {}", status.label()))
            }
            BulkLeadChange::Status { status, reason } => Command::SetLeadStatus {
                lead,
                status: *status,
                reason: Some(reason.clone()).filter(|r| !r.trim().is_empty()),
            },
            BulkLeadChange::Delete => Command::DeleteLead { lead },
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkPlan<Id> {
    /// Every change that applies, as one command; none when none applies.
    pub command: Option<Command>,
    pub changed: usize,
    /// The records left as they are, with why.
    pub skipped: Vec<(Id, String)>,
}

impl<Id> BulkPlan<Id> {
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
fn deal_command(ws: &Workspace, deal: DealId, change: &BulkDealChange) -> Result<Command, String> {
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
) -> BulkPlan<DealId> {
    plan(ws, deals, today, |ws, deal| deal_command(ws, deal, change))
}

pub fn plan_lead_bulk(
    ws: &Workspace,
    leads: &[LeadId],
    change: &BulkLeadChange,
    today: NaiveDate,
) -> BulkPlan<LeadId> {
    plan(ws, leads, today, |ws, lead| change.command_for(ws, lead))
}

/// Tries each record's command on the workspace as the ones before left it.
fn plan<Id: Copy>(
    ws: &Workspace,
    ids: &[Id],
    today: NaiveDate,
    command_for: impl Fn(&Workspace, Id) -> Result<Command, String>,
) -> BulkPlan<Id> {
    let mut scratch = ws.clone();
    let mut commands = Vec::new();
    let mut skipped = Vec::new();
    for &id in ids {
        let applied = command_for(&scratch, id).and_then(|command| {
            scratch
                .apply(&command, today)
                .map(|_| command)
                .map_err(|e: DomainError| e.to_string())
        });
        match applied {
            Ok(command) => commands.push(command),
            Err(why) => skipped.push((id, why)),
        }
    }
    BulkPlan {
        changed: commands.len(),
        command: (!commands.is_empty()).then_some(Command::Bulk { commands }),
        skipped,
    }
}
