//! Re-applying this browser's own change on top of someone else's: a three-way merge
//! of one record's fields. `base` is the server's version our change started from,
//! `ours` the record here now, `theirs` the server's version now.
//!
//! Fields only one side changed take that side's value; a field both changed to
//! different values takes ours (ours is the later write to the server) and is reported,
//! so their value can be kept in a note and nobody's edit is lost silently.

use serde_json::{Map, Value};

pub type Fields = Map<String, Value>;

/// A field both sides changed to different values.
#[derive(Clone, Debug, PartialEq)]
pub struct Clash {
    pub field: String,
    pub theirs: Option<Value>,
    pub ours: Option<Value>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Merged {
    /// The record to keep and push (equal to theirs when there is nothing to push).
    Record { fields: Fields, clashes: Vec<Clash> },
    /// Both sides agree the record is gone, or we deleted what they did not change.
    Deleted,
    /// We deleted a record they changed meanwhile: the deletion stands (ours is the
    /// later write), and their version is reported.
    WeDeletedTheirEdit { theirs: Fields },
    /// They deleted a record we changed: the user decides whether to restore it.
    TheyDeletedOurEdit { ours: Fields },
}

pub fn merge(base: Option<&Fields>, ours: Option<&Fields>, theirs: Option<&Fields>) -> Merged {
    match (ours, theirs) {
        (None, None) => Merged::Deleted,
        (None, Some(theirs)) => {
            if base == Some(theirs) {
                Merged::Deleted
            } else {
                Merged::WeDeletedTheirEdit {
                    theirs: theirs.clone(),
                }
            }
        }
        (Some(ours), None) => match base {
            // Created here and never on the server: nothing to ask, it is new.
            None => Merged::Record {
                fields: ours.clone(),
                clashes: Vec::new(),
            },
            Some(_) => Merged::TheyDeletedOurEdit { ours: ours.clone() },
        },
        (Some(ours), Some(theirs)) => merge_fields(base, ours, theirs),
    }
}

fn merge_fields(base: Option<&Fields>, ours: &Fields, theirs: &Fields) -> Merged {
    let empty = Fields::new();
    let base = base.unwrap_or(&empty);
    let mut names: Vec<&String> = ours
        .keys()
        .chain(theirs.keys())
        .chain(base.keys())
        .collect();
    crate::domain::support::sorting::sort(&mut names);
    names.dedup();
    let mut fields = Fields::new();
    let mut clashes = Vec::new();
    for name in names {
        let (b, o, t) = (base.get(name), ours.get(name), theirs.get(name));
        let we_changed = o != b;
        let they_changed = t != b;
        let value = if we_changed && they_changed && o != t {
            clashes.push(Clash {
                field: name.clone(),
                theirs: t.cloned(),
                ours: o.cloned(),
            });
            o
        } else if we_changed {
            o
        } else {
            t
        };
        if let Some(value) = value {
            fields.insert(name.clone(), value.clone());
        }
    }
    Merged::Record { fields, clashes }
}

/// A field's value as a person reads it in a message or note.
pub fn readable(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "(empty)".into(),
        Some(Value::String(s)) => format!("“{s}”"),
        Some(other) => other.to_string(),
    }
}

/// "value" → "Value", "expected_close" → "Expected close".
pub fn field_label(field: &str) -> String {
    let spaced = field.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(v: Value) -> Fields {
        match v {
            Value::Object(m) => m,
            _ => panic!("object expected"),
        }
    }

    #[test]
    fn different_fields_both_kept() {
        let base = fields(json!({"title": "A", "value": 1, "stage": 1}));
        let ours = fields(json!({"title": "A", "value": 2, "stage": 1}));
        let theirs = fields(json!({"title": "A", "value": 1, "stage": 3}));
        assert_eq!(
            merge(Some(&base), Some(&ours), Some(&theirs)),
            Merged::Record {
                fields: fields(json!({"title": "A", "value": 2, "stage": 3})),
                clashes: vec![]
            }
        );
    }

    #[test]
    fn same_field_ours_wins_and_is_reported() {
        let base = fields(json!({"value": 1}));
        let ours = fields(json!({"value": 2}));
        let theirs = fields(json!({"value": 3}));
        let Merged::Record { fields: f, clashes } = merge(Some(&base), Some(&ours), Some(&theirs))
        else {
            panic!("a record")
        };
        assert_eq!(f["value"], json!(2));
        assert_eq!(clashes.len(), 1);
        assert_eq!(clashes[0].theirs, Some(json!(3)));
    }

    #[test]
    fn same_change_on_both_sides_is_no_clash() {
        let base = fields(json!({"value": 1}));
        let both = fields(json!({"value": 5}));
        assert_eq!(
            merge(Some(&base), Some(&both), Some(&both)),
            Merged::Record {
                fields: both.clone(),
                clashes: vec![]
            }
        );
    }

    #[test]
    fn optional_fields_removed_by_one_side() {
        let base = fields(json!({"value": 1, "expected_close": "2026-01-01"}));
        let ours = fields(json!({"value": 1}));
        let theirs = fields(json!({"value": 4, "expected_close": "2026-01-01"}));
        let Merged::Record { fields: f, clashes } = merge(Some(&base), Some(&ours), Some(&theirs))
        else {
            panic!("a record")
        };
        assert_eq!(f, fields(json!({"value": 4})));
        assert!(clashes.is_empty());
    }

    #[test]
    fn deletions() {
        let base = fields(json!({"value": 1}));
        let edited = fields(json!({"value": 2}));
        assert_eq!(merge(Some(&base), None, Some(&base)), Merged::Deleted);
        assert!(matches!(
            merge(Some(&base), None, Some(&edited)),
            Merged::WeDeletedTheirEdit { .. }
        ));
        assert!(matches!(
            merge(Some(&base), Some(&edited), None),
            Merged::TheyDeletedOurEdit { .. }
        ));
        assert!(matches!(
            merge(None, Some(&edited), None),
            Merged::Record { .. }
        ));
    }

    #[test]
    fn labels_read_as_words() {
        assert_eq!(field_label("expected_close"), "Expected close");
        assert_eq!(readable(Some(&json!("x"))), "“x”");
        assert_eq!(readable(None), "(empty)");
    }
}
