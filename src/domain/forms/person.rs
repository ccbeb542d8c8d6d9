//! The person form: the person panel's fields and the People list's quick add.

use crate::domain::commands::{with_organization_named, Command};
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;

/// A person's fields as the user typed them. All are text the command checks (a name,
/// an email address), so the form itself cannot fail.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonForm {
    pub name: String,
    pub email: String,
    pub phone: String,
    /// An organization's name: an existing one (ignoring case) or a new one.
    pub organization: String,
}

impl PersonForm {
    pub fn of(ws: &Workspace, person: &Person) -> PersonForm {
        PersonForm {
            name: person.name.clone(),
            email: person.email.clone(),
            phone: person.phone.clone(),
            organization: ws
                .organization_name(person.organization)
                .unwrap_or("")
                .to_string(),
        }
    }

    /// This form after the person changed elsewhere: untouched fields follow.
    pub fn refreshed(&self, shown: &PersonForm, latest: &PersonForm) -> PersonForm {
        super::refreshed(self, shown, latest, |f| {
            [&mut f.name, &mut f.email, &mut f.phone, &mut f.organization]
        })
    }

    /// The command that adds this person.
    pub fn create(&self, ws: &Workspace) -> Command {
        with_organization_named(ws, &self.organization, |organization| {
            Command::CreatePerson {
                name: self.name.clone(),
                email: self.email.clone(),
                phone: self.phone.clone(),
                organization,
            }
        })
    }

    /// The command that saves onto `person`, as it is now, the fields changed since
    /// the form showed `shown` (another tab's edit of the rest is kept).
    pub fn edit(&self, shown: &PersonForm, ws: &Workspace, person: &Person) -> Command {
        let pick = |mine: &String, before: &String, current: &String| {
            if mine == before { current } else { mine }.clone()
        };
        let organization_typed = self.organization != shown.organization;
        let build = |organization: Option<OrganizationId>| Command::EditPerson {
            person: person.id,
            name: pick(&self.name, &shown.name, &person.name),
            email: pick(&self.email, &shown.email, &person.email),
            phone: pick(&self.phone, &shown.phone, &person.phone),
            organization,
        };
        if organization_typed {
            with_organization_named(ws, &self.organization, build)
        } else {
            build(person.organization)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::commands::Applied;

    fn day() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
    }

    #[test]
    fn an_edit_keeps_what_changed_elsewhere_and_names_organizations() {
        let mut ws = Workspace::new();
        let form = PersonForm {
            name: "Ana Silva".into(),
            email: "ana@acme.test".into(),
            phone: String::new(),
            organization: "Acme".into(),
        };
        let id = match ws.apply(&form.create(&ws), day()) {
            Ok(Applied::Person(id)) => id,
            other => panic!("{other:?}"),
        };
        let shown = PersonForm::of(&ws, &ws.people[&id]);
        assert_eq!(shown, form);
        // Another tab changes the phone while this form edits the organization.
        let mut elsewhere = ws.people[&id].clone();
        elsewhere.phone = "+45 1234".into();
        ws.people.insert(id, elsewhere);
        let typed = PersonForm {
            organization: "Globex".into(),
            ..shown.clone()
        };
        let command = typed.edit(&shown, &ws, &ws.people[&id]);
        ws.apply(&command, day()).expect("edit");
        let person = &ws.people[&id];
        assert_eq!(person.phone, "+45 1234");
        assert_eq!(ws.organization_name(person.organization), Some("Globex"));
        assert_eq!(ws.organizations.len(), 2);
    }
}
