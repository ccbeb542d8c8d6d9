//! The people a deal's contact can be: those of its organization first, then everyone
//! else, each by name.

use crate::domain::model::team::folded;
use crate::domain::model::*;
use crate::domain::support::sorting;
use crate::domain::Workspace;

/// `(id, "Name · Organization")` for the contact menu, without those already `taken`.
pub fn contact_choices(
    ws: &Workspace,
    organization: Option<OrganizationId>,
    taken: &[PersonId],
) -> Vec<(PersonId, String)> {
    let mut people: Vec<&Person> = (ws.people.values())
        .filter(|p| !taken.contains(&p.id))
        .collect();
    sorting::sort_by_cached_key(&mut people, |p| {
        (
            p.organization != organization || organization.is_none(),
            folded(&p.name),
            p.id,
        )
    });
    people
        .into_iter()
        .map(|p| {
            let label = match ws.organization_name(p.organization) {
                Some(org) => format!("{} · {org}", p.name),
                None => p.name.clone(),
            };
            (p.id, label)
        })
        .collect()
}

/// "ana@acme.test · +45 1234": how to reach a person.
pub fn reach(person: &Person) -> String {
    [person.email.trim(), person.phone.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::commands::Applied;
    use crate::domain::Command;

    #[test]
    fn the_deals_organization_comes_first() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let mut ws = Workspace::new();
        let org = |ws: &mut Workspace, name: &str| match ws
            .apply(&Command::CreateOrganization { name: name.into() }, day)
        {
            Ok(Applied::Organization(id)) => id,
            other => panic!("{other:?}"),
        };
        let (acme, globex) = (org(&mut ws, "Acme"), org(&mut ws, "Globex"));
        for (name, organization) in [("Zoe", Some(acme)), ("Adam", Some(globex)), ("Bea", None)] {
            ws.apply(
                &Command::CreatePerson {
                    name: name.into(),
                    email: format!("{name}@x.test"),
                    phone: String::new(),
                    organization,
                },
                day,
            )
            .expect("person");
        }
        let labels: Vec<String> = contact_choices(&ws, Some(acme), &[])
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(labels, ["Zoe · Acme", "Adam · Globex", "Bea"]);
        let labels: Vec<String> = contact_choices(&ws, None, &[])
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(labels, ["Adam · Globex", "Bea", "Zoe · Acme"]);
        let zoe = ws
            .people
            .values()
            .find(|p| p.name == "Zoe")
            .expect("Zoe")
            .id;
        let labels: Vec<String> = contact_choices(&ws, Some(acme), &[zoe])
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(labels, ["Adam · Globex", "Bea"]);
        assert_eq!(
            reach(ws.people.values().next().expect("person")),
            "Zoe@x.test"
        );
    }
}
