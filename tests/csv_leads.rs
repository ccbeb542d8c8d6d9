//! A HubSpot contacts export imported as leads: lifecycle stages and lead statuses map
//! to the lead lifecycle; customers are refused with what to do instead.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use pipewright::domain::csv::*;
use pipewright::domain::*;
use support::d;

#[test]
fn hubspot_lifecycle_stages_and_lead_statuses_map_to_the_lead_lifecycle() {
    let ws = Workspace::new();
    let text = "Record ID,Full Name,Lifecycle Stage,Lead Status,Create Date\n\
                1,Ann,lead,New,2026-10-01 10:00\n\
                2,Ben,marketingqualifiedlead,Attempted to contact,2026-10-02 10:00\n\
                3,Cy,Sales Qualified Lead,Attempted to contact,2026-10-03 10:00\n\
                4,Di,opportunity,Unqualified,2026-10-04 10:00\n\
                5,Ed,customer,,2026-10-05 10:00\n\
                6,Flo,,Bad timing,2026-10-06 10:00\n\
                7,Hal,Lead,Connected,2026-10-07 10:00\n\
                8,Ivy,prospect,,2026-10-08 10:00\n";
    let table = parse_csv(text).expect("parses");
    let choices = ImportChoices::guessed(Entity::Leads, &table.headers);
    assert_eq!(
        choices.mapping,
        vec![
            None,
            Some(Field::Name),
            Some(Field::Lifecycle),
            Some(Field::Status),
            Some(Field::Created)
        ]
    );
    let plan = plan_import(&ws, Entity::Leads, &table, &choices, d(2026, 11, 27));
    let statuses: Vec<(&str, LeadStatus, Option<chrono::NaiveDate>)> = (plan.rows.iter())
        .map(|(_, row)| match row {
            PlannedRow::Lead {
                name,
                status,
                created_on,
                ..
            } => (name.as_str(), *status, *created_on),
            other => panic!("a lead, not {other:?}"),
        })
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("Ann", LeadStatus::New, Some(d(2026, 10, 1))),
            ("Ben", LeadStatus::Nurturing, Some(d(2026, 10, 2))),
            ("Cy", LeadStatus::Qualified, Some(d(2026, 10, 3))),
            ("Di", LeadStatus::Disqualified, Some(d(2026, 10, 4))),
            ("Flo", LeadStatus::Nurturing, Some(d(2026, 10, 6))),
            ("Hal", LeadStatus::Contacted, Some(d(2026, 10, 7))),
        ]
    );
    assert_eq!(
        support::row_errors(&plan),
        vec![
            (
                6,
                "lifecycle stage “customer” is a customer, not a lead: import it as an organization"
            ),
            (9, "“prospect” is not a lifecycle stage"),
        ]
    );
}
