//! What the screens ask of a workspace: plain functions from a workspace (and a given
//! today) to rows, columns and lists, so every rule that shapes a screen is tested
//! natively.

pub mod agenda;
pub mod board;
pub mod column_sort;
pub mod contacts;
pub mod deal_address;
pub mod deal_list;
pub mod follow_ups;
pub mod forecast_board;
pub mod lead_address;
pub mod lead_list;
pub mod organization_list;
pub mod people;
pub mod search;

/// Tests of the address queries: a parameter lookup over literal pairs.
#[cfg(test)]
fn lookup_in<'a>(pairs: &'a [(&str, &str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |key| {
        pairs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.to_string())
    }
}
