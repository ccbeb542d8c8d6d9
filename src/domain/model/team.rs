//! The team: the people who own deals and leads. Owners are picked from it, and names
//! typed or imported are matched to it ignoring case, accents and extra spaces, so
//! "ana silva" is Ana Silva, never a second owner beside her.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TeamMember {
    pub name: String,
    /// Shown on cards; up to three characters.
    pub initials: String,
    /// `#rrggbb`, the badge colour.
    pub colour: String,
    /// Their own monthly revenue goal, used when the dashboard or forecast shows them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_goal: Option<crate::domain::Money>,
}

/// Colours given to new members in turn (readable with white initials, light and dark).
pub const MEMBER_COLOURS: [&str; 8] = [
    "#2563eb", "#0f766e", "#b45309", "#7c3aed", "#be123c", "#15803d", "#0369a1", "#a21caf",
];

/// A name as compared: lowercase, accents off, spaces collapsed.
pub fn folded(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            out.push(without_accent(c));
        }
    }
    out
}

/// The base letter of the Latin letters with accents people's names use.
fn without_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ł' | 'ľ' | 'ĺ' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// The first letters of the first and last words, as written: "cM" for "chloé de la Martin".
pub fn initials(name: &str) -> String {
    let mut words = name.split_whitespace();
    let first = words.next().and_then(|w| w.chars().next());
    let last = words.next_back().and_then(|w| w.chars().next());
    first.into_iter().chain(last).collect()
}

/// A new member's initials: "AS" for "Ana Silva".
pub fn default_initials(name: &str) -> String {
    initials(name).to_uppercase()
}

/// The member a typed or imported name means, if any.
pub fn member_named<'a>(team: &'a [TeamMember], name: &str) -> Option<&'a TeamMember> {
    let wanted = folded(name);
    team.iter().find(|m| folded(&m.name) == wanted)
}

/// The owner to store for a typed name: the member's own spelling when the name is a
/// member's, else the name as typed (trimmed).
pub fn canonical_owner(team: &[TeamMember], name: &str) -> String {
    member_named(team, name).map_or_else(|| name.trim().to_string(), |m| m.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ana() -> Vec<TeamMember> {
        vec![
            TeamMember {
                name: "Ana Silva".into(),
                initials: "AS".into(),
                colour: MEMBER_COLOURS[0].into(),
                monthly_goal: None,
            },
            TeamMember {
                name: "Chloé Martin".into(),
                initials: "CM".into(),
                colour: MEMBER_COLOURS[1].into(),
                monthly_goal: None,
            },
        ]
    }

    #[test]
    fn names_match_ignoring_case_accents_and_spaces() {
        assert_eq!(canonical_owner(&ana(), "  ana   silva "), "Ana Silva");
        assert_eq!(canonical_owner(&ana(), "CHLOE MARTIN"), "Chloé Martin");
        assert_eq!(canonical_owner(&ana(), "Ana Silvas"), "Ana Silvas");
        assert_eq!(canonical_owner(&[], " Dev "), "Dev");
        assert!(member_named(&ana(), "").is_none());
    }

    #[test]
    fn initials_are_upper_case() {
        assert_eq!(default_initials("chloé de la martin"), "CM");
        assert_eq!(default_initials("Dev"), "D");
        assert_eq!(default_initials(""), "");
    }
}
