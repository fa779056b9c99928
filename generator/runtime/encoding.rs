//! Percent-encoding of path segments and query components, and its inverse.
//!
//! docgen compiles this file into itself too (`facts::url::percent_decode`): the docs' example
//! URLs are decoded exactly as the generated tests decode the requests they check.

/// Percent-encodes a path parameter: every byte outside RFC 3986's unreserved set
/// (`A-Z a-z 0-9 - . _ ~`) is encoded, and `.`/`..` become `%2E`/`%2E%2E`, so a value can
/// never add a segment, a query or a fragment to the path.
pub fn encode_path_segment(value: &str) -> ::std::string::String {
    if value == "." || value == ".." {
        return value.replace('.', "%2E");
    }
    percent_encode(value, |byte| {
        byte.is_ascii_alphanumeric() || ::core::matches!(byte, b'-' | b'.' | b'_' | b'~')
    })
}

/// Percent-encodes a query name or value: unreserved characters and the OData
/// punctuation `$ ' ( ) , : @ /` are kept; `&`, `=`, `+`, `#`, spaces and the rest are
/// encoded.
pub fn encode_query_component(value: &str) -> ::std::string::String {
    percent_encode(value, |byte| {
        byte.is_ascii_alphanumeric()
            || ::core::matches!(
                byte,
                b'-' | b'.' | b'_' | b'~' | b'$' | b'\'' | b'(' | b')' | b',' | b':' | b'@' | b'/'
            )
    })
}

/// Decodes `%XX` escapes, the inverse of [`encode_path_segment`] and
/// [`encode_query_component`]. A `%` not followed by two hex digits is kept as written, `+`
/// stays `+`, and when the decoded bytes are not UTF-8 the text comes back as written, so
/// nothing is lost.
pub fn percent_decode(text: &str) -> ::std::string::String {
    let bytes = text.as_bytes();
    let mut out = ::std::vec::Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let ::core::option::Option::Some(&byte) = bytes.get(index) {
        let hex = |at: usize| bytes.get(at).and_then(|b| char::from(*b).to_digit(16));
        match (byte, hex(index + 1), hex(index + 2)) {
            (b'%', ::core::option::Option::Some(high), ::core::option::Option::Some(low)) => {
                // Two hex digits are at most 0xFF: the conversion cannot fail.
                out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                index += 3;
            }
            _ => {
                out.push(byte);
                index += 1;
            }
        }
    }
    ::std::string::String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

fn percent_encode(value: &str, keep: fn(u8) -> bool) -> ::std::string::String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = ::std::string::String::with_capacity(value.len());
    for &byte in value.as_bytes() {
        if keep(byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_parameter_cannot_change_the_path() {
        assert_eq!(encode_path_segment("a/b?c#d"), "a%2Fb%3Fc%23d");
        assert_eq!(encode_path_segment(".."), "%2E%2E");
        assert_eq!(encode_path_segment("."), "%2E");
        assert_eq!(encode_path_segment("x%2Fy"), "x%252Fy");
        assert_eq!(encode_path_segment("é ~._-"), "%C3%A9%20~._-");
    }

    #[test]
    fn query_components_are_encoded() {
        assert_eq!(encode_query_component("a&b=c+d e"), "a%26b%3Dc%2Bd%20e");
        assert_eq!(encode_query_component("$filter"), "$filter");
        assert_eq!(
            encode_query_component("startswith(name,'a')"),
            "startswith(name,'a')"
        );
    }

    #[test]
    fn decoding_keeps_what_is_not_an_escape() {
        assert_eq!(percent_decode("a%23EXT%23@b"), "a#EXT#@b");
        assert_eq!(percent_decode("a%2Fb%20c"), "a/b c");
        assert_eq!(percent_decode("%C3%A9%c3%a9"), "éé");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz+%4"), "%zz+%4");
        assert_eq!(percent_decode("%%41"), "%A");
        // Not UTF-8 once decoded (a Latin-1 `é`): kept as written, not replaced by U+FFFD.
        assert_eq!(percent_decode("caf%E9"), "caf%E9");
    }

    #[test]
    fn decoding_inverts_encoding() {
        for text in [
            "a/b?c#d",
            "..",
            "x%2Fy",
            "é ~._-",
            "a&b=c+d e",
            "'$x'(1,2):@/",
            "",
        ] {
            assert_eq!(percent_decode(&encode_path_segment(text)), text);
            assert_eq!(percent_decode(&encode_query_component(text)), text);
        }
    }
}
