//! FNV-1a 128: the one content hash of docgen, for the manifest ("unchanged since docgen wrote
//! it") and the incremental cache (pages, output files, token trees, the cache's own checksum).
//!
//! Stable across Rust versions and platforms (unlike `DefaultHasher`), a dozen lines, no
//! dependency. It is not a defence against someone who can write the output folder: they could
//! replace the files anyway.

/// A streaming FNV-1a 128 hasher. Variable-length pieces go in through [`Fnv128::piece`], which
/// writes the length first, so `("ab", "c")` and `("a", "bc")` differ.
#[derive(Clone, Copy, Debug)]
pub struct Fnv128(u128);

const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
const PRIME: u128 = 0x0000000001000000000000000000013b;

impl Default for Fnv128 {
    fn default() -> Self {
        Fnv128(OFFSET)
    }
}

impl Fnv128 {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds raw bytes (no length: the caller keeps the framing unambiguous).
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0 = bytes.iter().fold(self.0, |hash, byte| {
            (hash ^ u128::from(*byte)).wrapping_mul(PRIME)
        });
        self
    }

    /// Adds a length-prefixed piece.
    pub fn piece(&mut self, bytes: &[u8]) -> &mut Self {
        self.bytes(&(bytes.len() as u64).to_le_bytes()).bytes(bytes)
    }

    pub fn finish(&self) -> u128 {
        self.0
    }
}

/// Text written with `write!` goes in as raw bytes, so a `Display` value is hashed without
/// building its string.
impl std::fmt::Write for Fnv128 {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.bytes(text.as_bytes());
        Ok(())
    }
}

/// FNV-1a 128 of `bytes`.
pub fn fnv1a_128(bytes: &[u8]) -> u128 {
    Fnv128::new().bytes(bytes).finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_and_framing() {
        assert_eq!(fnv1a_128(b""), OFFSET);
        assert_eq!(fnv1a_128(b"a"), 0xd228cb696f1a8caf78912b704e4a8964);
        assert_ne!(fnv1a_128(b"ab"), fnv1a_128(b"ba"));
        let split = |a: &str, b: &str| {
            Fnv128::new()
                .piece(a.as_bytes())
                .piece(b.as_bytes())
                .finish()
        };
        assert_ne!(split("ab", "c"), split("a", "bc"));
        let mut written = Fnv128::new();
        std::fmt::Write::write_fmt(&mut written, format_args!("{}-{}", 12, "x")).unwrap();
        assert_eq!(written.finish(), fnv1a_128(b"12-x"));
    }
}
