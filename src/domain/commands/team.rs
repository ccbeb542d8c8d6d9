//! The team list: add, change (renaming a member renames them as owner everywhere) and
//! remove members. Owners typed in forms and imports are matched to it.

use super::validate::{amount, text, MAX_TEXT};
use crate::domain::model::error::DomainError;
use crate::domain::model::team::{default_initials, folded, TeamMember, MEMBER_COLOURS};
use crate::domain::model::workspace::Workspace;
use crate::domain::support::collections::update_where;

impl Workspace {
    /// A member checked: a name no other member has (ignoring case and accents),
    /// initials (from the name when blank), a `#rrggbb` colour (the next one in turn
    /// when blank).
    fn checked_member(
        &self,
        member: &TeamMember,
        replacing: Option<&str>,
    ) -> Result<TeamMember, DomainError> {
        let name = text("member name", &member.name, MAX_TEXT)?;
        let taken = self
            .settings
            .team
            .iter()
            .filter(|m| Some(m.name.as_str()) != replacing)
            .any(|m| folded(&m.name) == folded(&name));
        if taken {
            return Err(DomainError::DuplicateMember(name));
        }
        let initials = match member.initials.trim() {
            "" => default_initials(&name),
            given if given.chars().count() <= 3 => given.to_uppercase(),
            given => return Err(DomainError::BadInitials(given.to_string())),
        };
        let colour = match member.colour.trim() {
            "" => MEMBER_COLOURS[self.settings.team.len() % MEMBER_COLOURS.len()].to_string(),
            c if c.len() == 7
                && c.starts_with('#')
                && c[1..].chars().all(|h| h.is_ascii_hexdigit()) =>
            {
                c.to_lowercase()
            }
            c => return Err(DomainError::BadColour(c.to_string())),
        };
        if let Some(goal) = member.monthly_goal {
            amount(goal)?;
        }
        Ok(TeamMember {
            name,
            initials,
            colour,
            monthly_goal: member.monthly_goal,
        })
    }

    pub(super) fn add_team_member(&mut self, member: &TeamMember) -> Result<(), DomainError> {
        let member = self.checked_member(member, None)?;
        self.settings.team.push(member);
        Ok(())
    }

    /// Changes a member; a new name is also the new owner name of their deals and leads.
    pub(super) fn edit_team_member(
        &mut self,
        name: &str,
        member: &TeamMember,
    ) -> Result<(), DomainError> {
        let index = self
            .settings
            .team
            .iter()
            .position(|m| m.name == name)
            .ok_or(DomainError::NotFound("team member"))?;
        let member = self.checked_member(member, Some(name))?;
        let old = folded(name);
        if member.name != name {
            let renamed = member.name.clone();
            update_where(
                &mut self.deals,
                |d| folded(&d.owner) == old,
                |d| d.owner = renamed.clone(),
            );
            update_where(
                &mut self.leads,
                |l| folded(&l.owner) == old,
                |l| l.owner = renamed.clone(),
            );
        }
        self.settings.team[index] = member;
        Ok(())
    }

    /// Takes a member off the list; their deals and leads keep the name as owner.
    pub(super) fn remove_team_member(&mut self, name: &str) -> Result<(), DomainError> {
        let before = self.settings.team.len();
        self.settings.team.retain(|m| m.name != name);
        if self.settings.team.len() == before {
            return Err(DomainError::NotFound("team member"));
        }
        Ok(())
    }

    /// Owners of deals and leads who are not on the team list, with how many records
    /// each owns, most first.
    pub fn owners_not_in_team(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        let owners = self
            .deals
            .values()
            .map(|d| d.owner.as_str())
            .chain(self.leads.values().map(|l| l.owner.as_str()));
        for owner in owners.filter(|o| !o.trim().is_empty()) {
            if crate::domain::model::team::member_named(&self.settings.team, owner).is_some() {
                continue;
            }
            match counts
                .iter_mut()
                .find(|(name, _)| folded(name) == folded(owner))
            {
                Some((_, n)) => *n += 1,
                None => counts.push((owner.to_string(), 1)),
            }
        }
        crate::domain::support::sorting::sort_by_key(&mut counts, |(name, n)| {
            (std::cmp::Reverse(*n), name.clone())
        });
        counts
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::commands::Applied;
    use crate::domain::commands::DealDraft;
    use crate::domain::model::error::DomainError;
    use crate::domain::model::money::Money;
    use crate::domain::model::TeamMember;
    use crate::domain::{Command, Workspace};

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
    }

    fn member(name: &str) -> TeamMember {
        TeamMember {
            name: name.into(),
            initials: String::new(),
            colour: String::new(),
            monthly_goal: None,
        }
    }

    #[test]
    fn a_typed_owner_is_the_member_it_names_and_a_rename_follows_everywhere() {
        let mut ws = Workspace::new();
        ws.apply(&Command::AddTeamMember(member("Chloé Martin")), today())
            .expect("added");
        let added = &ws.settings.team[0];
        assert_eq!((added.initials.as_str(), added.colour.len()), ("CM", 7));
        let mut draft = DealDraft::new("Deal", Money(100), ws.first_stage());
        draft.owner = " chloe  MARTIN ".into();
        let Ok(Applied::Deal(deal)) = ws.apply(&Command::CreateDeal(draft), today()) else {
            panic!("created")
        };
        assert_eq!(ws.deals[&deal].owner, "Chloé Martin");
        let renamed = TeamMember {
            name: "Chloé Dubois".into(),
            ..ws.settings.team[0].clone()
        };
        ws.apply(
            &Command::EditTeamMember {
                name: "Chloé Martin".into(),
                member: renamed,
            },
            today(),
        )
        .expect("renamed");
        assert_eq!(ws.deals[&deal].owner, "Chloé Dubois");
        assert!(ws.owners_not_in_team().is_empty());
        ws.apply(
            &Command::RemoveTeamMember {
                name: "Chloé Dubois".into(),
            },
            today(),
        )
        .expect("removed");
        assert_eq!(
            ws.owners_not_in_team(),
            vec![("Chloé Dubois".to_string(), 1)]
        );
    }

    #[test]
    fn a_second_member_of_the_same_name_or_bad_initials_or_colour_is_refused() {
        let mut ws = Workspace::new();
        ws.apply(&Command::AddTeamMember(member("Ana Silva")), today())
            .expect("added");
        assert_eq!(
            ws.apply(&Command::AddTeamMember(member("ANA SÍLVA")), today()),
            Err(DomainError::DuplicateMember("ANA SÍLVA".into()))
        );
        let bad = TeamMember {
            initials: "ABCD".into(),
            ..member("Ben")
        };
        assert!(matches!(
            ws.apply(&Command::AddTeamMember(bad), today()),
            Err(DomainError::BadInitials(_))
        ));
        let bad = TeamMember {
            colour: "red".into(),
            ..member("Ben")
        };
        assert!(matches!(
            ws.apply(&Command::AddTeamMember(bad), today()),
            Err(DomainError::BadColour(_))
        ));
        assert_eq!(ws.settings.team.len(), 1);
    }
}
