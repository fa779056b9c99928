//! Request headers from the pages' "Request headers" tables: one `Option<String>` field each,
//! sent as a header, next to the `headers` escape hatch for any other.

use crate::ir::{Operation, Parameter};

/// The escape hatch: more headers, sent as given.
pub const HEADERS_FIELD: &str = "headers";

#[derive(Clone, Debug)]
pub struct HeaderField<'m> {
    /// The header name in lower case, as `http::HeaderName::from_static` takes it.
    pub name: String,
    pub param: &'m Parameter,
    pub rust: String,
}

/// The page's headers that become fields: not those the caller's client sets (`Authorization`)
/// or the runtime does (`Content-Type` from the body, `Accept`), nor names that are no HTTP
/// token (`{header}` placeholders); the first of two spellings of one name.
pub fn documented(op: &Operation) -> Vec<(String, &Parameter)> {
    let mut seen = Vec::new();
    op.headers
        .iter()
        .filter_map(|p| {
            let name = p.name.trim().to_ascii_lowercase();
            let managed = matches!(
                name.as_str(),
                "authorization" | "content-type" | "content-length" | "accept" | "host"
            );
            if managed || !is_token(&name) || seen.contains(&name) {
                return None;
            }
            seen.push(name.clone());
            Some((name, p))
        })
        .collect()
}

/// An HTTP header name (RFC 9110 `token`).
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_must_be_tokens() {
        assert!(is_token("if-none-match"));
        assert!(is_token("consistencylevel"));
        assert!(!is_token("{header}"));
        assert!(!is_token("if none match"));
        assert!(!is_token(""));
    }
}
