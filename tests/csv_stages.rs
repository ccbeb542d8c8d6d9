//! Importing deals into pipelines and stages the workspace does not have yet, and the
//! deal fields that carry history: probability, contact person, last stage change.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use pipewright::domain::csv::job::{Finished, ImportJob};
use pipewright::domain::csv::stage_values::{PipelineRef, StageChoice};
use pipewright::domain::csv::*;
use pipewright::domain::*;
use support::d;

const TODAY: (i32, u32, u32) = (2026, 11, 27);

fn today() -> chrono::NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn preview(ws: &Workspace, table: &CsvTable, choices: &ImportChoices) -> ImportPlan {
    plan_import(ws, Entity::Deals, table, choices, today())
}

fn import(ws: &Workspace, plan: ImportPlan) -> Workspace {
    support::run_import(ws, plan, today())
}

fn stage_names(ws: &Workspace, pipeline: &str) -> Vec<(String, u8)> {
    let p = (ws.pipelines.iter())
        .find(|p| p.name == pipeline)
        .expect("pipeline");
    (p.stages.iter())
        .map(|s| (s.name.clone(), s.probability))
        .collect()
}

fn deal<'a>(ws: &'a Workspace, title: &str) -> &'a Deal {
    ws.deals
        .values()
        .find(|x| x.title == title)
        .expect("imported")
}

#[test]
fn stage_values_the_pipeline_lacks_are_listed_created_in_order_or_put_in_a_stage() {
    let ws = Workspace::new();
    let sales = ws.pipelines[0].name.clone();
    let text = format!(
        "Title,Pipeline,Stage,Status\n\
         A,{sales},Discovery,open\n\
         B,{sales},discovery ,open\n\
         C,{sales},Legal review,open\n\
         D,Enterprise,Pilot,open\n\
         E,enterprise,Security review,open\n\
         F,Enterprise,Won,\n\
         G,Partners,,open\n\
         H,{sales},Demo scheduled,open\n"
    );
    let table = parse_csv(&text).expect("parses");
    let mut choices = ImportChoices::guessed(Entity::Deals, &table.headers);
    let plan = preview(&ws, &table, &choices);
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    // Each value once, whatever its case or spacing, with its count, in the file's order;
    // all are created unless the user says otherwise.
    let listed: Vec<(String, usize, StageChoice)> = (plan.unknown_stages.iter())
        .map(|(u, c)| (u.name.clone(), u.rows, *c))
        .collect();
    assert_eq!(
        listed,
        vec![
            ("Discovery".to_string(), 2, StageChoice::Create),
            ("Legal review".to_string(), 1, StageChoice::Create),
            ("Pilot".to_string(), 1, StageChoice::Create),
            ("Security review".to_string(), 1, StageChoice::Create),
        ]
    );
    assert_eq!(plan.setup.pipelines, vec!["Enterprise", "Partners"]);

    // Legal review comes before Discovery; Security review before Pilot; and "Discovery"
    // is put in the existing Qualified stage after all.
    let order: Vec<_> = plan.unknown_stages.iter().map(|(u, _)| u.clone()).collect();
    choices.stages.shift(&order, &order[1].key(), true);
    let plan = preview(&ws, &table, &choices);
    let order: Vec<_> = plan.unknown_stages.iter().map(|(u, _)| u.clone()).collect();
    assert_eq!(order[0].name, "Legal review");
    choices.stages.shift(&order, &order[3].key(), true);
    let qualified = ws.pipelines[0].stages[0].id;
    let discovery = order
        .iter()
        .find(|u| u.name == "Discovery")
        .expect("listed");
    assert!(matches!(discovery.pipeline, PipelineRef::Existing(_)));
    choices
        .stages
        .choose(discovery.key(), StageChoice::PutIn(qualified));
    let plan = preview(&ws, &table, &choices);
    let listed: Vec<(&str, StageChoice)> = (plan.unknown_stages.iter())
        .map(|(u, c)| (u.name.as_str(), *c))
        .collect();
    assert_eq!(
        listed,
        vec![
            ("Legal review", StageChoice::Create),
            ("Discovery", StageChoice::PutIn(qualified)),
            ("Security review", StageChoice::Create),
            ("Pilot", StageChoice::Create),
        ]
    );

    // A value moves only among its own pipeline's: the first of Enterprise stays first.
    let order: Vec<_> = plan.unknown_stages.iter().map(|(u, _)| u.clone()).collect();
    let mut moved = choices.clone();
    moved.stages.shift(&order, &order[2].key(), true);
    assert_eq!(
        preview(&ws, &table, &moved).unknown_stages,
        plan.unknown_stages
    );
    // Nothing changes before the import runs.
    assert_eq!(ws.pipelines.len(), 1);
    let after = import(&ws, plan);
    // The existing pipeline gets its new stage at the end, its probability between the
    // last one's and 100 %; a new pipeline holds the file's stages only, in the order
    // set, probabilities spread evenly; one the file names no stage of keeps the defaults.
    let mut expected: Vec<(String, u8)> = stage_names(&ws, &sales);
    expected.push(("Legal review".into(), 85));
    assert_eq!(stage_names(&after, &sales), expected);
    assert_eq!(
        stage_names(&after, "Enterprise"),
        vec![("Security review".into(), 33), ("Pilot".into(), 66)]
    );
    assert_eq!(stage_names(&after, "Partners"), stage_names(&ws, &sales));
    let stage_of = |title: &str| {
        let x = deal(&after, title);
        let (p, s) = after.stage(x.stage).expect("stage");
        (p.name.clone(), s.name.clone(), x.status)
    };
    assert_eq!(
        stage_of("A"),
        (sales.clone(), "Qualified".into(), DealStatus::Open)
    );
    assert_eq!(
        stage_of("B"),
        (sales.clone(), "Qualified".into(), DealStatus::Open)
    );
    assert_eq!(
        stage_of("C"),
        (sales.clone(), "Legal review".into(), DealStatus::Open)
    );
    assert_eq!(
        stage_of("E"),
        (
            "Enterprise".into(),
            "Security review".into(),
            DealStatus::Open
        )
    );
    // A win went through every stage of its pipeline.
    assert_eq!(
        stage_of("F"),
        ("Enterprise".into(), "Pilot".into(), DealStatus::Won)
    );
    assert_eq!(
        stage_of("G"),
        ("Partners".into(), "Qualified".into(), DealStatus::Open)
    );
    assert_eq!(
        stage_of("H"),
        (sales, "Demo scheduled".into(), DealStatus::Open)
    );
}

#[test]
fn a_stage_name_the_commands_refuse_blocks_the_import_with_its_reason() {
    let ws = Workspace::new();
    let long = "x".repeat(300);
    let text = format!("Title,Stage\nA,{long}\n");
    let plan = support::plan_guessed(&ws, Entity::Deals, &text, today());
    assert!(plan.rows.is_empty());
    let reason = plan.blocked.expect("blocked");
    assert!(reason.starts_with("the stage “xxx"), "{reason}");
}

#[test]
fn an_import_that_creates_stages_starts_over_on_top_of_a_change_made_meanwhile() {
    let ws = Workspace::new();
    let text = "Title,Stage\nA,Discovery\nB,Qualified\n";
    let plan = support::plan_guessed(&ws, Entity::Deals, text, today());
    let mut job = ImportJob::new(ws.clone(), plan.rows, plan.setup, today()).expect("setup");
    job.step(10);
    let mut current = ws.clone();
    current
        .apply(
            &Command::AddPipeline {
                name: "Meanwhile".into(),
            },
            today(),
        )
        .expect("added");
    assert!(matches!(job.finish(&current), Ok(Finished::StartedOver)));
    job.step(10);
    let Ok(Finished::Done(after, failures)) = job.finish(&current) else {
        panic!("done");
    };
    assert!(failures.is_empty());
    assert_eq!(after.pipelines.len(), 2);
    assert_eq!(
        after.pipelines[0].stages.last().map(|s| s.name.as_str()),
        Some("Discovery")
    );
    // The stage created once, not once per pass.
    let discovery = after.pipelines[0]
        .stages
        .iter()
        .filter(|s| s.name == "Discovery");
    assert_eq!(discovery.count(), 1);
}

#[test]
fn probability_contact_person_and_last_stage_change_import_with_the_deal() {
    let mut ws = Workspace::new();
    let org = match ws
        .apply(
            &Command::CreateOrganization {
                name: "Acme".into(),
            },
            today(),
        )
        .expect("org")
    {
        commands::Applied::Organization(id) => id,
        other => panic!("{other:?}"),
    };
    ws.apply(
        &Command::CreatePerson {
            name: "Ana Silva".into(),
            email: "ana@acme.test".into(),
            phone: String::new(),
            organization: Some(org),
        },
        today(),
    )
    .expect("person");
    let text = "Deal - Title,Deal - Organization,Deal - Contact person,Deal - Probability,\
                Deal - Stage,Deal - Deal created,Deal - Last stage change,Deal - Status,Deal - Won time\n\
                A,Acme,ana silva,40%,Proposal made,2026-03-01,2026-03-20,won,2026-04-10\n\
                B,Acme,Ben Ode,,Demo scheduled,2026-05-01,,open,\n\
                C,,,150,Qualified,2026-05-01,,open,\n\
                D,,,,Demo scheduled,2026-05-01,2026-04-01,open,\n";
    let table = parse_csv(text).expect("parses");
    let choices = ImportChoices::guessed(Entity::Deals, &table.headers);
    assert!(
        choices.mapping.iter().all(Option::is_some),
        "{:?}",
        choices.mapping
    );
    let plan = preview(&ws, &table, &choices);
    assert_eq!(
        support::row_errors(&plan),
        vec![
            (4, "probability: “150” is not a whole number from 0 to 100"),
            (
                5,
                "the last stage change 2026-04-01 is before the created date 2026-05-01"
            ),
        ]
    );
    let after = import(&ws, plan);
    let a = deal(&after, "A");
    assert_eq!(a.probability_override, Some(40));
    // The person of that name at the organization is linked; a new one is created there.
    let person = |x: &Deal| {
        let p = after
            .people
            .get(&x.person.expect("a person"))
            .expect("exists");
        (p.name.clone(), p.email.clone(), p.organization)
    };
    assert_eq!(
        person(a),
        ("Ana Silva".into(), "ana@acme.test".into(), Some(org))
    );
    assert_eq!(
        person(deal(&after, "B")),
        ("Ben Ode".into(), String::new(), Some(org))
    );
    assert_eq!(after.people.len(), 2);
    // Entered the pipeline when created, its stage on the last stage change, won then.
    let entry = after.pipelines[0].stages[0].id;
    let history: Vec<(chrono::NaiveDate, DealEvent)> = (after.deal_history(a.id).iter())
        .map(|e| (e.on, e.event))
        .collect();
    assert_eq!(
        history,
        vec![
            (d(2026, 3, 1), DealEvent::EnteredStage(entry)),
            (d(2026, 3, 20), DealEvent::EnteredStage(a.stage)),
            (d(2026, 4, 10), DealEvent::Won),
        ]
    );
    assert_eq!(after.stage(a.stage).expect("stage").1.name, "Proposal made");
}

#[test]
fn a_new_pipeline_may_name_stages_as_the_default_ones() {
    let ws = Workspace::new();
    let text = "Title,Pipeline,Stage\nA,Enterprise,Qualified\nB,Enterprise,Proposal made\n";
    let plan = support::plan_guessed(&ws, Entity::Deals, text, today());
    let after = import(&ws, plan);
    assert_eq!(
        stage_names(&after, "Enterprise"),
        vec![("Qualified".into(), 33), ("Proposal made".into(), 66)]
    );
    let b = deal(&after, "B");
    let (pipeline, stage) = after.stage(b.stage).expect("stage");
    assert_eq!(
        (pipeline.name.as_str(), stage.name.as_str()),
        ("Enterprise", "Proposal made")
    );
}

#[test]
fn a_stage_exported_with_a_neutralised_formula_is_listed_and_planned_as_written() {
    let ws = Workspace::new();
    // "-Hold-" exported by us reads "'-Hold-" in the file: listed and created as "-Hold-".
    let plan = support::plan_guessed(&ws, Entity::Deals, "Title,Stage\nA,'-Hold-\n", today());
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    let listed: Vec<&str> = (plan.unknown_stages.iter())
        .map(|(u, _)| u.name.as_str())
        .collect();
    assert_eq!(listed, vec!["-Hold-"]);
    let after = import(&ws, plan);
    let a = deal(&after, "A");
    assert_eq!(after.stage(a.stage).expect("stage").1.name, "-Hold-");
}
