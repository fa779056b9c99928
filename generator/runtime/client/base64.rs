//! Base64 (RFC 4648, standard alphabet, padded): how `$batch` carries bodies that are not
//! JSON, both ways.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub(super) fn encode(bytes: &[u8]) -> ::std::string::String {
    let mut out = ::std::string::String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let word = chunk.iter().enumerate().fold(0u32, |word, (index, byte)| {
            word | (u32::from(*byte) << (16 - 8 * index))
        });
        for index in 0..4 {
            if index <= chunk.len() {
                let sextet = (word >> (18 - 6 * index)) & 0x3f;
                out.push(char::from(ALPHABET[sextet as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The bytes of `text`; `None` when it is not base64 (ASCII whitespace is skipped, as
/// services wrap long values).
pub(super) fn decode(text: &str) -> ::core::option::Option<::std::vec::Vec<u8>> {
    let symbols: ::std::vec::Vec<u8> = text
        .bytes()
        .filter(|byte| !byte.is_ascii_whitespace())
        .collect();
    if !symbols.len().is_multiple_of(4) {
        return ::core::option::Option::None;
    }
    let mut out = ::std::vec::Vec::with_capacity(symbols.len() / 4 * 3);
    let quads = symbols.chunks(4);
    let last = quads.len().saturating_sub(1);
    for (index, quad) in quads.enumerate() {
        let padding = quad.iter().rev().take_while(|s| **s == b'=').count();
        if padding > 2 || (padding > 0 && index != last) {
            return ::core::option::Option::None;
        }
        let mut word = 0u32;
        for symbol in &quad[..4 - padding] {
            let value = ALPHABET.iter().position(|a| a == symbol)?;
            word = (word << 6) | value as u32;
        }
        word <<= 6 * padding as u32;
        let bytes = word.to_be_bytes();
        out.extend_from_slice(&bytes[1..4 - padding]);
    }
    ::core::option::Option::Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4648_test_vectors_both_ways() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded).as_deref(), Some(plain.as_bytes()));
        }
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode(&encode(&all)), Some(all));
        assert_eq!(decode("Zm9v\r\nYmFy").as_deref(), Some(&b"foobar"[..]));
    }

    #[test]
    fn what_is_not_base64_is_refused() {
        for bad in ["Zm9", "Zm9v!A==", "Z===", "Zg==Zm9v", "Zm-_"] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }
}
