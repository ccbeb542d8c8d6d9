//! Reads CSV text (RFC 4180 with the common variations) into rows with line numbers.

use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CsvError {
    #[error("the file is empty")]
    Empty,
    #[error("this is not a text file (it contains binary data)")]
    Binary,
    #[error("line {0}: a quoted field is never closed")]
    UnterminatedQuote(usize),
    #[error("the first line has no column names")]
    NoHeader,
    #[error("this looks like text, not a table: its first line is a sentence with no comma, semicolon or tab between column names")]
    Prose,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvTable {
    pub delimiter: char,
    pub headers: Vec<String>,
    /// Data rows with the line number (1-based, in the file) they start on.
    pub rows: Vec<(usize, Vec<String>)>,
}

/// The separator the header line uses most: `,`, `;` (as European spreadsheets write)
/// or a tab (spreadsheets' "text" files); `,` on a tie.
fn detect_delimiter(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    let mut counts = [(',', 0), (';', 0), ('\t', 0)];
    let mut quoted = false;
    for c in first.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(slot) = counts.iter_mut().find(|(d, _)| *d == c) {
                slot.1 += 1;
            }
        }
    }
    // The first of the most used: max_by_key would take the last.
    let most = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    counts
        .iter()
        .find(|(_, n)| *n == most)
        .map_or(',', |(d, _)| *d)
}

pub fn parse_csv(input: &str) -> Result<CsvTable, CsvError> {
    if input
        .chars()
        .any(|c| c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t')))
    {
        return Err(CsvError::Binary);
    }
    let text = input.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    let delimiter = detect_delimiter(text);
    let mut records: Vec<(usize, Vec<String>)> = Vec::new();
    let mut field = String::new();
    let mut record: Vec<String> = Vec::new();
    let (mut line, mut record_line) = (1usize, 1usize);
    let mut quoted = false;
    let mut quote_line = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' => {}
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                quoted = true;
                quote_line = line;
            }
            c if c == delimiter => record.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push((record_line, std::mem::take(&mut record)));
                line += 1;
                record_line = line;
            }
            _ => field.push(c),
        }
    }
    if quoted {
        return Err(CsvError::UnterminatedQuote(quote_line));
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push((record_line, record));
    }
    // Blank lines carry no data.
    records.retain(|(_, r)| !(r.len() == 1 && r[0].trim().is_empty()));
    let mut records = records.into_iter();
    let (_, headers) = records.next().ok_or(CsvError::Empty)?;
    let headers: Vec<String> = headers.into_iter().map(|h| h.trim().to_string()).collect();
    if headers.iter().all(|h| h.is_empty()) {
        return Err(CsvError::NoHeader);
    }
    // One or two columns are a table ("Name", "Name,Churned on"); one or two "column
    // names" that make a sentence are a letter or a note saved as text (a comma in it
    // splits it in two).
    let words: usize = headers.iter().map(|h| h.split_whitespace().count()).sum();
    if headers.len() <= 2 && words > 8 {
        return Err(CsvError::Prose);
    }
    Ok(CsvTable {
        delimiter,
        headers,
        rows: records.collect(),
    })
}

/// Quotes a field when it needs it.
pub fn quote(field: &str, delimiter: char) -> String {
    if field.contains(delimiter)
        || field.contains('"')
        || field.contains('\n')
        || field.contains('\r')
    {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}
