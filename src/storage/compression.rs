//! Large stored texts, compressed so 10,000 deals fit in local storage.
//!
//! Written: deflate (level 1, zlib-wrapped so its checksum catches damage) with its bytes packed 15 bits to a character, tagged
//! `df15:<byte count>:`. Why: lz-string, used before, took 2.5 s for 9 M characters
//! (a 0.3–0.9 s pause at every save of a large change); deflate takes 26 ms and its
//! output is half the size. Read: that, and lz-string's `lz16:` from earlier builds.
//!
//! Local storage holds strings, so the bytes become characters: 15 bits each, offset to
//! U+0800–U+87FF, a range with no surrogates or control characters, so the text survives
//! the trip through UTF-8 (Rust) and UTF-16 (the browser) unchanged.

use thiserror::Error;

const DEFLATE_TAG: &str = "df15:";
const LZ_STRING_TAG: &str = "lz16:";
/// Level 1 of 10: a workspace of 10,000 deals compresses in tens of milliseconds.
const LEVEL: u8 = 1;
const BITS: u32 = 15;
const FIRST_CHAR: u32 = 0x0800;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("the compressed data is damaged")]
pub struct Damaged;

/// `text` compressed and tagged.
pub fn compress(text: &str) -> String {
    let bytes = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), LEVEL);
    let mut out = format!("{DEFLATE_TAG}{}:", bytes.len());
    out.reserve((bytes.len() * 8).div_ceil(BITS as usize) * 3);
    let (mut buffer, mut held) = (0u32, 0u32);
    for byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        held += 8;
        if held >= BITS {
            held -= BITS;
            out.push(to_char(buffer >> held));
            buffer &= (1 << held) - 1;
        }
    }
    if held > 0 {
        out.push(to_char(buffer << (BITS - held)));
    }
    out
}

fn to_char(value: u32) -> char {
    // Every 15-bit value lands in U+0800–U+87FF, all of them valid characters.
    char::from_u32(FIRST_CHAR + value).unwrap_or('\u{0800}')
}

/// Whether `text` is compressed (by this build or an earlier one).
pub fn is_compressed(text: &str) -> bool {
    text.starts_with(DEFLATE_TAG) || text.starts_with(LZ_STRING_TAG)
}

/// The text inside a compressed one; `None` when `text` is not compressed.
pub fn decompress(text: &str) -> Option<Result<String, Damaged>> {
    if let Some(packed) = text.strip_prefix(DEFLATE_TAG) {
        return Some(inflate(packed));
    }
    let old = text.strip_prefix(LZ_STRING_TAG)?;
    Some(
        lz_str::decompress_from_utf16(old)
            .ok_or(Damaged)
            .and_then(|wide| String::from_utf16(&wide).map_err(|_| Damaged)),
    )
}

fn inflate(packed: &str) -> Result<String, Damaged> {
    let (count, chars) = packed.split_once(':').ok_or(Damaged)?;
    let count: usize = count.parse().map_err(|_| Damaged)?;
    let mut bytes = Vec::with_capacity(count);
    let (mut buffer, mut held) = (0u32, 0u32);
    for c in chars.chars() {
        let value = u32::from(c)
            .checked_sub(FIRST_CHAR)
            .filter(|v| *v < 1 << BITS)
            .ok_or(Damaged)?;
        buffer = (buffer << BITS) | value;
        held += BITS;
        while held >= 8 && bytes.len() < count {
            held -= 8;
            bytes.push((buffer >> held) as u8);
            buffer &= (1 << held) - 1;
        }
    }
    if bytes.len() != count {
        return Err(Damaged);
    }
    let text = inflate_zlib(&bytes)?;
    String::from_utf8(text).map_err(|_| Damaged)
}

/// How many times larger than its deflated bytes a stored JSON text usually is (6–9 at
/// level 1): the first buffer is made that large.
const USUAL_RATIO: usize = 10;

/// `miniz_oxide::inflate::decompress_to_vec_zlib`, starting from a buffer of the usual
/// size instead of twice the input: doubling from there zero-filled and copied about
/// thirty times the input, a tenth of opening 10,000 deals.
fn inflate_zlib(mut input: &[u8]) -> Result<Vec<u8>, Damaged> {
    use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER
        | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let mut out = vec![0u8; input.len().saturating_mul(USUAL_RATIO).max(1024)];
    let mut state = Box::<DecompressorOxide>::default();
    let mut written = 0;
    loop {
        let (status, read, wrote) = decompress(&mut state, input, &mut out, written, flags);
        written += wrote;
        match status {
            TINFLStatus::Done => {
                out.truncate(written);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput => {
                input = input.get(read..).ok_or(Damaged)?;
                let larger = out.len().saturating_mul(2);
                out.resize(larger, 0);
            }
            _ => return Err(Damaged),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_length_reads_back_the_same() {
        // Every remainder of bits to the 15-bit characters, and multi-byte text.
        for n in 0..200 {
            let text: String = (0..n)
                .map(|i| ["a", "é", "€", "𝄞", "{\"x\":1}"][i % 5])
                .collect();
            let packed = compress(&text);
            assert!(is_compressed(&packed));
            assert_eq!(decompress(&packed), Some(Ok(text)));
        }
    }

    #[test]
    fn the_packed_text_has_no_surrogates_or_controls() {
        let bytes: Vec<u8> = (0..=255).cycle().take(5000).collect();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let packed = compress(&text);
        assert!(packed["df15:".len()..]
            .chars()
            .all(|c| c == ':' || c.is_ascii_digit() || ('\u{0800}'..='\u{87FF}').contains(&c)));
        assert!(packed
            .encode_utf16()
            .all(|u| !(0xD800..=0xDFFF).contains(&u)));
    }

    #[test]
    fn damage_is_reported_not_guessed_at() {
        let packed = compress("a workspace");
        for broken in [
            "df15:",
            "df15:12",
            "df15:x:abc",
            "df15:999:\u{0800}",
            &packed[..packed.len() - 3],
            &format!("{}a", &packed[..packed.len() - 3]),
            &flip_one(&packed),
            "lz16:garbage",
        ] {
            assert_eq!(decompress(broken), Some(Err(Damaged)), "{broken:?}");
        }
        assert_eq!(decompress("{\"plain\":true}"), None);
    }

    /// The same length, one character changed in the middle: the checksum notices.
    fn flip_one(packed: &str) -> String {
        let middle = packed.chars().count() / 2;
        packed
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i == middle {
                    char::from_u32(u32::from(c) ^ 1).unwrap_or(c)
                } else {
                    c
                }
            })
            .collect()
    }

    #[test]
    fn text_from_earlier_builds_still_reads() {
        let old = format!("lz16:{}", lz_str::compress_to_utf16("stored before"));
        assert_eq!(decompress(&old), Some(Ok("stored before".to_string())));
    }

    #[test]
    fn text_far_larger_than_usual_reads_back_and_cut_data_is_damaged() {
        // Compresses about a thousand times: the buffer grows several times over.
        let text = "{\"deal\":1}".repeat(50_000);
        let packed = compress(&text);
        assert_eq!(decompress(&packed), Some(Ok(text)));
        let cut: String = packed.chars().take(packed.chars().count() / 2).collect();
        assert_eq!(decompress(&cut), Some(Err(Damaged)));
    }
}
