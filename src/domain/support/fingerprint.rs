//! A short fingerprint of bytes (FNV-1a, 64 bits): tells texts apart by name without
//! keeping or comparing the texts. Not for secrets; collisions are a 1 in 2^64 chance.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// A running fingerprint, for values made of several pieces.
#[derive(Clone, Copy, Debug)]
pub struct Fingerprint(u64);

impl Default for Fingerprint {
    fn default() -> Self {
        Fingerprint(OFFSET)
    }
}

impl Fingerprint {
    pub fn with(mut self, bytes: &[u8]) -> Fingerprint {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(PRIME);
        }
        self
    }

    /// Sixteen hexadecimal digits.
    pub fn hex(self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The fingerprint of one text, as sixteen hexadecimal digits.
pub fn fingerprint(text: &str) -> String {
    Fingerprint::default().with(text.as_bytes()).hex()
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn matches_the_published_fnv1a_values() {
        // Test vectors of FNV-1a 64 (draft-eastlake-fnv).
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
        assert_eq!(fingerprint("foobar"), "85944171f73967e8");
    }

    #[test]
    fn tells_texts_apart() {
        assert_ne!(fingerprint("{\"1\":2}"), fingerprint("{\"1\":3}"));
    }
}
