//! The text of a file as people have it: UTF-8 with or without a byte-order mark,
//! UTF-16 (what Excel's "Unicode text" writes), or Windows-1252 (Excel's "CSV" on
//! Windows). Decoded exactly, or refused with a reason; never with characters
//! silently replaced.

use thiserror::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => "UTF-16",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DecodeError {
    #[error("the file starts as UTF-8 text but byte {0} is not UTF-8")]
    BadUtf8(usize),
    #[error("the file is UTF-16 text with a broken character at byte {0}")]
    BadUtf16(usize),
}

/// The file's text and how it was written.
pub fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest)
            .map(|text| (text.to_string(), TextEncoding::Utf8))
            .map_err(|e| DecodeError::BadUtf8(e.valid_up_to() + 3));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes, 2).map(|t| (t, TextEncoding::Utf16Le));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes, 2).map(|t| (t, TextEncoding::Utf16Be));
    }
    // UTF-16 without a mark: text in Latin letters has a zero in every other byte.
    if let Some(encoding) = unmarked_utf16(bytes) {
        let read = if encoding == TextEncoding::Utf16Le {
            u16::from_le_bytes
        } else {
            u16::from_be_bytes
        };
        return utf16(bytes, read, 0).map(|t| (t, encoding));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), TextEncoding::Utf8)),
        // Not UTF-8: every byte is a character of Windows-1252.
        Err(_) => Ok((windows_1252(bytes), TextEncoding::Windows1252)),
    }
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16, offset: usize) -> Result<String, DecodeError> {
    if bytes.len() % 2 == 1 {
        return Err(DecodeError::BadUtf16(offset + bytes.len() - 1));
    }
    let units = bytes.chunks_exact(2).map(|pair| read([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut at = offset;
    for unit in char::decode_utf16(units) {
        let c = unit.map_err(|_| DecodeError::BadUtf16(at))?;
        text.push(c);
        at += 2 * c.len_utf16();
    }
    Ok(text)
}

fn unmarked_utf16(bytes: &[u8]) -> Option<TextEncoding> {
    let sample = &bytes[..bytes.len().min(1024) & !1];
    if sample.len() < 4 {
        return None;
    }
    let zeros = |first: usize| {
        sample
            .iter()
            .skip(first)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let half = sample.len() / 2;
    // Most characters of a table are ASCII: one byte of each pair is zero.
    if zeros(1) * 10 >= half * 9 && zeros(0) == 0 {
        Some(TextEncoding::Utf16Le)
    } else if zeros(0) * 10 >= half * 9 && zeros(1) == 0 {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// Windows-1252: Latin-1 except 0x80–0x9F, where it has € ‚ ƒ „ … and the like. The
/// five bytes it leaves unassigned read as the control characters they are in Latin-1
/// (as browsers do), which the table reader then refuses as binary.
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[(b - 0x80) as usize],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_bytes(text: &str, little_endian: bool, mark: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = (mark.then_some(0xFEFF_u16).into_iter()).chain(text.encode_utf16());
        for unit in units {
            out.extend(if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        out
    }

    #[test]
    fn each_encoding_decodes_to_the_same_text() {
        let text = "Title;Value\r\nCafé Müller — “Öl”;1.250,00 €\r\n";
        assert_eq!(
            decode(text.as_bytes()),
            Ok((text.into(), TextEncoding::Utf8))
        );
        let marked = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        assert_eq!(decode(&marked), Ok((text.into(), TextEncoding::Utf8)));
        for (little, mark) in [(true, true), (false, true), (true, false), (false, false)] {
            let expected = if little {
                TextEncoding::Utf16Le
            } else {
                TextEncoding::Utf16Be
            };
            let bytes = utf16_bytes(text, little, mark);
            assert_eq!(
                decode(&bytes),
                Ok((text.into(), expected)),
                "{little} {mark}"
            );
        }
        // Windows-1252 as Excel writes it: é = E9, € = 80, — = 97, “ ” = 93 94.
        let mut cp1252 =
            b"Title;Value\r\nCaf\xE9 M\xFCller \x97 \x93\xD6l\x94;1.250,00 \x80\r\n".to_vec();
        assert_eq!(
            decode(&cp1252),
            Ok((text.into(), TextEncoding::Windows1252))
        );
        cp1252.push(0x81);
        assert!(decode(&cp1252).is_ok_and(|(t, _)| t.ends_with('\u{81}')));
    }

    #[test]
    fn broken_text_is_refused_where_it_breaks() {
        assert_eq!(
            decode(&[0xEF, 0xBB, 0xBF, b'a', 0xFF]),
            Err(DecodeError::BadUtf8(4))
        );
        // A lone high surrogate, then an odd byte at the end.
        assert_eq!(
            decode(&[0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0]),
            Err(DecodeError::BadUtf16(4))
        );
        assert_eq!(
            decode(&[0xFF, 0xFE, b'a', 0, b'b']),
            Err(DecodeError::BadUtf16(4))
        );
    }
}
