//! The column mapping and date layouts chosen for a file, remembered for the next
//! import of a file with the same headers (a weekly export maps itself).

use super::date_layout::DateLayout;
use super::import::ImportChoices;
use super::mapping::{Entity, Field};
use crate::domain::support::fingerprint::Fingerprint;
use serde::{Deserialize, Serialize};

/// What is kept: only the mapped columns, so a file of thousands of columns stays small.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remembered {
    columns: usize,
    mapped: Vec<(usize, Field)>,
    layouts: Vec<(usize, String)>,
}

/// Names the kind of records and the exact headers (FNV-1a, 64 bits): the same export
/// layout finds its mapping, any other does not.
pub fn headers_key(entity: Entity, headers: &[String]) -> String {
    let entity = format!("{entity:?}");
    std::iter::once(entity.as_str())
        .chain(headers.iter().map(String::as_str))
        .fold(Fingerprint::default(), |print, part| {
            print.with(part.as_bytes()).with(&[0x1f])
        })
        .hex()
}

impl Remembered {
    pub fn of(choices: &ImportChoices) -> Remembered {
        let mut layouts: Vec<(usize, String)> = (choices.layouts.iter())
            .map(|(column, layout)| (*column, layout.key().to_string()))
            .collect();
        crate::domain::support::sorting::sort(&mut layouts);
        Remembered {
            columns: choices.mapping.len(),
            mapped: (choices.mapping.iter().enumerate())
                .filter_map(|(i, f)| f.map(|f| (i, f)))
                .collect(),
            layouts,
        }
    }

    /// The choices again for a file of `entity` with `columns` columns; `None` when
    /// what was kept does not fit it (another shape, a field the kind has not).
    pub fn choices(&self, entity: Entity, columns: usize) -> Option<ImportChoices> {
        if self.columns != columns {
            return None;
        }
        let mut mapping = vec![None; columns];
        for &(column, field) in &self.mapped {
            if !Field::for_entity(entity).contains(&field) {
                return None;
            }
            *mapping.get_mut(column)? = Some(field);
        }
        let layouts = (self.layouts.iter())
            .map(|(column, key)| {
                let layout = DateLayout::from_key(key)?;
                (*column < columns).then_some((*column, layout))
            })
            .collect::<Option<_>>()?;
        Some(ImportChoices {
            mapping,
            layouts,
            ..ImportChoices::default()
        })
    }
}
