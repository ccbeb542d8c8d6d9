//! A small builder for dated workspace fixtures: every command runs on the day given.
#![allow(dead_code)]

use chrono::NaiveDate;
use pipewright::domain::commands::{Applied, DealDraft, LeadDraft};
use pipewright::domain::*;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

pub struct Fixture {
    pub ws: Workspace,
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture {
            ws: Workspace::new(),
        }
    }

    pub fn pipeline(&self) -> PipelineId {
        self.ws.pipelines[0].id
    }

    /// Adds a pipeline (with the default stages) and returns it.
    pub fn add_pipeline(&mut self, name: &str, on: NaiveDate) -> PipelineId {
        match self.run(Command::AddPipeline { name: name.into() }, on) {
            Applied::Pipeline(id) => id,
            other => panic!("expected a pipeline, got {other:?}"),
        }
    }

    pub fn stage(&self, i: usize) -> StageId {
        self.ws.pipelines[0].stages[i].id
    }

    pub fn run(&mut self, command: Command, on: NaiveDate) -> Applied {
        match self.ws.apply(&command, on) {
            Ok(applied) => applied,
            Err(e) => panic!("{command:?} failed: {e}"),
        }
    }

    pub fn deal_in(&mut self, stage: StageId, value: i64, on: NaiveDate) -> DealId {
        let draft = DealDraft::new(format!("deal {}", self.ws.next_id), Money(value), stage);
        match self.run(Command::CreateDeal(draft), on) {
            Applied::Deal(id) => id,
            other => panic!("expected a deal, got {other:?}"),
        }
    }

    pub fn deal(&mut self, stage: usize, value: i64, on: NaiveDate) -> DealId {
        let stage = self.stage(stage);
        self.deal_in(stage, value, on)
    }

    pub fn edit(&mut self, deal: DealId, change: impl FnOnce(&mut DealDraft)) {
        // Edits count as activity: date them before everything else in a test.
        let on = self.ws.deal(deal).expect("deal").last_touched_on;
        self.edit_on(deal, on, change);
    }

    pub fn edit_on(&mut self, deal: DealId, on: NaiveDate, change: impl FnOnce(&mut DealDraft)) {
        let mut draft = DealDraft::from(self.ws.deal(deal).expect("deal"));
        change(&mut draft);
        self.run(Command::EditDeal { deal, draft }, on);
    }

    pub fn to(&mut self, deal: DealId, stage: usize, on: NaiveDate) {
        let stage = self.stage(stage);
        self.run(
            Command::MoveDeal {
                deal,
                stage,
                before: None,
            },
            on,
        );
    }

    pub fn win(&mut self, deal: DealId, on: NaiveDate) {
        self.run(Command::WinDeal { deal }, on);
    }

    pub fn lose(&mut self, deal: DealId, reason: &str, on: NaiveDate) {
        self.run(
            Command::LoseDeal {
                deal,
                reason: reason.into(),
                note: String::new(),
            },
            on,
        );
    }

    pub fn reopen(&mut self, deal: DealId, on: NaiveDate) {
        self.run(Command::ReopenDeal { deal }, on);
    }

    pub fn organization(&mut self, name: &str, on: NaiveDate) -> OrganizationId {
        match self.run(Command::CreateOrganization { name: name.into() }, on) {
            Applied::Organization(id) => id,
            other => panic!("expected an organization, got {other:?}"),
        }
    }

    pub fn lead(&mut self, on: NaiveDate) -> LeadId {
        let name = format!("lead {}", self.ws.next_id);
        self.lead_named(&name, None, on)
    }

    pub fn lead_named(
        &mut self,
        name: &str,
        follow_up: Option<NaiveDate>,
        on: NaiveDate,
    ) -> LeadId {
        let draft = LeadDraft {
            name: name.into(),
            organization: None,
            person: None,
            email: String::new(),
            phone: String::new(),
            source: "Web".into(),
            score: 10,
            next_follow_up: follow_up,
            owner: String::new(),
            expected_value: Money(0),
        };
        match self.run(Command::CreateLead(draft), on) {
            Applied::Lead(id) => id,
            other => panic!("expected a lead, got {other:?}"),
        }
    }

    pub fn activity(
        &mut self,
        about: Subject,
        kind: ActivityKind,
        subject: &str,
        due_on: NaiveDate,
        on: NaiveDate,
    ) {
        self.run(
            Command::AddActivity {
                about,
                draft: ActivityDraft::new(kind, subject, due_on),
            },
            on,
        );
    }
}

/// A backtest's months as (first day, forecast, actual), to compare with figures worked
/// out by hand.
pub fn backtest_months(
    backtest: &pipewright::domain::metrics::forecast::Backtest,
) -> Vec<(NaiveDate, i64, i64)> {
    (backtest.months.iter())
        .map(|m| (m.month, m.forecast.0, m.actual.0))
        .collect()
}

/// Runs an import as the page does (pipelines and stages first, every row, the result
/// handed over), asserting that no row failed.
pub fn run_import(
    ws: &Workspace,
    plan: pipewright::domain::csv::ImportPlan,
    today: NaiveDate,
) -> Workspace {
    use pipewright::domain::csv::job::{Finished, ImportJob};
    let mut job = ImportJob::new(ws.clone(), plan.rows, plan.setup, today).expect("setup");
    while !job.is_done() {
        job.step(7);
    }
    match job.finish(ws) {
        Ok(Finished::Done(result, failures)) => {
            assert!(failures.is_empty(), "{failures:?}");
            result
        }
        _ => panic!("nothing changed meanwhile"),
    }
}

/// A file planned as the preview first shows it: its columns guessed from its headers.
pub fn plan_guessed(
    ws: &Workspace,
    entity: pipewright::domain::csv::Entity,
    text: &str,
    today: NaiveDate,
) -> pipewright::domain::csv::ImportPlan {
    use pipewright::domain::csv::{parse_csv, plan_import, ImportChoices};
    let table = parse_csv(text).expect("parses");
    let choices = ImportChoices::guessed(entity, &table.headers);
    plan_import(ws, entity, &table, &choices, today)
}

/// A plan's rejected rows as (line, reason).
pub fn row_errors(plan: &pipewright::domain::csv::ImportPlan) -> Vec<(usize, &str)> {
    (plan.errors.iter())
        .map(|e| (e.line, e.reason.as_str()))
        .collect()
}
