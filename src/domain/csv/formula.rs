//! Spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return is run as a formula by Excel, LibreOffice
//! and Google Sheets. Exported text cells that would start so get a leading `'`, which
//! spreadsheets show as text; importing our own export takes it off again, so the round
//! trip gives the original text back.

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The text as an exported cell: never a formula.
pub fn neutralise(text: &str) -> String {
    // A leading quote is doubled too, so `restore` can tell ours from the user's.
    if text.starts_with(TRIGGERS) || text.starts_with('\'') {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The text a `neutralise`d cell stood for; other text as it is.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(TRIGGERS) || rest.starts_with('\'') => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_come_back() {
        for text in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "@SUM(1)",
            "=cmd|' /C calc'!A0",
            "+1 555 0100",
            "-5",
            "\tx",
            "\rx",
            "'=already quoted",
            "'plain quote",
            "plain",
            "",
        ] {
            let cell = neutralise(text);
            assert!(!cell.starts_with(TRIGGERS), "{cell:?} would run");
            assert_eq!(restore(&cell), text);
        }
        assert_eq!(neutralise("=1+1"), "'=1+1");
        // A foreign file's leading quote before ordinary text stays.
        assert_eq!(restore("'hello"), "'hello");
    }
}
