//! Annotation comments `<!-- { ... } -->`: lenient JSON, a fallback for `blockType`, and the
//! checks that concern the annotation alone (block type, key vocabulary, value kinds).

use super::json_repair::{parse_lenient, JsonError, Repaired};
use super::lines::PageText;
use super::page::Annotation;
use crate::diag::{excerpt, Code, Diagnostic, Span};
use serde_json::{Map, Value};

/// Block types the docs' tooling (ApiDoctor) knows.
const BLOCK_TYPES: &[&str] = &[
    "ignored",
    "request",
    "response",
    "resource",
    "example",
    "samples",
    "simulatedResponse",
    "testParams",
    "permissions",
];

/// The page annotation's `type` value; such annotations have no `blockType`.
const PAGE_ANNOTATION: &str = "#page.annotation";

/// Every top-level annotation key of the docs' vocabulary (ANCHORS.md §2), block and page.
const KEYS: &[&str] = &[
    "blockType",
    "@odata.type",
    "@type",
    "@type.aka",
    "name",
    "truncated",
    "optionalProperties",
    "keyProperty",
    "isCollection",
    "collectionProperty",
    "baseType",
    "openType",
    "abstract",
    "isMediaEntity",
    "nullableProperties",
    "isEmpty",
    "expectError",
    "sampleKeys",
    "opaqueUrl",
    "isComposable",
    "idempotent",
    "target",
    "scopes",
    "apiVersions",
    "tags",
    "longRunningResponseType",
    "@odata.annotations",
    "requestUrls",
    "mergePermissions",
    // Page annotations.
    "type",
    "title",
    "description",
    "keywords",
    "section",
    "tocPath",
    "tocIndex",
    "tocBookmarks",
    "canonicalUrl",
    "headerAdditions",
    "footerAdditions",
    "suppressions",
    "namespace",
];

/// Keys whose value is a boolean; `"true"` as a string is a defect worth a warning.
const BOOLEAN_KEYS: &[&str] = &[
    "truncated",
    "isCollection",
    "openType",
    "abstract",
    "isMediaEntity",
    "isEmpty",
    "expectError",
    "opaqueUrl",
    "isComposable",
    "idempotent",
    "mergePermissions",
];

/// Whether a comment's inner text looks like an annotation (a JSON object).
pub(crate) fn is_annotation_shaped(inner: &str) -> bool {
    inner.trim_start().starts_with('{')
}

/// Reads the annotation in a comment whose inner text starts at byte `inner_offset` of the page.
/// `span` is the comment's own place.
pub(crate) fn read_annotation(
    page: &PageText<'_>,
    inner: &str,
    inner_offset: usize,
    span: Span,
) -> (Annotation, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let fields = match parse_lenient(inner) {
        Ok(Repaired {
            value: Value::Object(fields),
            repairs,
        }) => {
            if let Some(first) = repairs.first() {
                let at = page_span(page, inner, inner_offset, first.line, first.col);
                let summary = Repaired {
                    value: Value::Null,
                    repairs,
                }
                .summary();
                let message = format!("annotation is not valid JSON; repaired: {summary}");
                diags.push(Diagnostic::new(Code::AnnotationJson, at, message));
            }
            check_fields(&fields, &span, &mut diags);
            fields
        }
        Ok(_) => fallback(
            inner,
            span.clone(),
            "it is not a JSON object".to_string(),
            &mut diags,
        ),
        Err(JsonError { line, col, message }) => {
            let at = page_span(page, inner, inner_offset, line, col);
            let reason = format!("{message} at {at}");
            fallback(inner, span.clone(), reason, &mut diags)
        }
    };
    (Annotation { fields, span }, diags)
}

/// An annotation that could not be read: keep the `blockType` if it can still be found.
fn fallback(
    inner: &str,
    span: Span,
    reason: String,
    diags: &mut Vec<Diagnostic>,
) -> Map<String, Value> {
    let mut fields = Map::new();
    let message = match find_block_type(inner) {
        Some(block_type) => {
            let message = format!(
                "annotation could not be read ({reason}); kept its blockType `{block_type}`"
            );
            fields.insert("blockType".to_string(), Value::String(block_type));
            message
        }
        None => format!("annotation could not be read ({reason})"),
    };
    diags.push(Diagnostic::new(Code::AnnotationUnreadable, span, message));
    fields
}

/// Finds `"blockType": "x"` (quotes optional) in text that is not JSON. Regex-free.
pub(crate) fn find_block_type(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(at) = rest.find("blockType") {
        let after = rest.get(at + "blockType".len()..).unwrap_or("");
        let after = after.trim_start_matches(['"', '\'']).trim_start();
        if let Some(value) = after.strip_prefix(':') {
            let value = value.trim_start();
            let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'');
            let value = quote.map_or(value, |q| value.get(q.len_utf8()..).unwrap_or(""));
            let end = value
                .find(|c: char| match quote {
                    Some(q) => c == q || c == '\n',
                    None => !(c.is_alphanumeric() || c == '_'),
                })
                .unwrap_or(value.len());
            let found = value.get(..end).unwrap_or("").trim();
            if !found.is_empty() {
                return Some(found.to_string());
            }
        }
        rest = rest.get(at + "blockType".len()..).unwrap_or("");
    }
    None
}

fn check_fields(fields: &Map<String, Value>, span: &Span, diags: &mut Vec<Diagnostic>) {
    let is_page = fields.get("type").and_then(Value::as_str) == Some(PAGE_ANNOTATION);
    match fields.get("blockType") {
        Some(Value::String(block_type)) if BLOCK_TYPES.contains(&block_type.as_str()) => {}
        Some(Value::String(block_type)) => diags.push(Diagnostic::new(
            Code::AnnotationBlockType,
            span.clone(),
            format!("unknown blockType `{}`", excerpt(block_type)),
        )),
        Some(other) => diags.push(Diagnostic::new(
            Code::AnnotationBlockType,
            span.clone(),
            format!("blockType is {}, not a string", excerpt(&other.to_string())),
        )),
        None if is_page => {}
        None => diags.push(Diagnostic::new(
            Code::AnnotationBlockType,
            span.clone(),
            "annotation has no blockType".to_string(),
        )),
    }
    for (key, value) in fields {
        if !KEYS.contains(&key.as_str()) {
            let hint = KEYS
                .iter()
                .find(|known| known.eq_ignore_ascii_case(key))
                .map(|known| format!(" (did you mean `{known}`?)"))
                .unwrap_or_default();
            let message = format!("unknown annotation key `{}`{hint}", excerpt(key));
            diags.push(Diagnostic::new(Code::AnnotationKey, span.clone(), message));
        }
        if BOOLEAN_KEYS.contains(&key.as_str()) {
            if let Value::String(text) = value {
                let message = format!("`{key}` is the string \"{}\", not a boolean", excerpt(text));
                diags.push(Diagnostic::new(
                    Code::AnnotationValue,
                    span.clone(),
                    message,
                ));
            }
        }
    }
}

/// The page place of a 1-based line:col inside an annotation's inner text.
fn page_span(page: &PageText<'_>, inner: &str, inner_offset: usize, line: u32, col: u32) -> Span {
    let mut offset = inner_offset;
    let mut remaining = line.saturating_sub(1);
    for (index, byte) in inner.bytes().enumerate() {
        if remaining == 0 {
            break;
        }
        if byte == b'\n' {
            remaining -= 1;
            offset = inner_offset + index + 1;
        }
    }
    let start = page.span(offset);
    let extra = col.saturating_sub(1);
    Span::new(page.path, start.line, start.col.saturating_add(extra))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(inner: &str) -> (Annotation, Vec<Diagnostic>) {
        let text = format!("<!--{inner}-->");
        let page = PageText::new("a.md", &text);
        read_annotation(&page, inner, 4, Span::new("a.md", 1, 1))
    }

    fn codes(diags: &[Diagnostic]) -> Vec<&str> {
        diags.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn valid_annotation_has_no_diagnostics() {
        let (annotation, diags) = read(
            r#" { "blockType": "response", "@odata.type": "microsoft.graph.user", "truncated": true } "#,
        );
        assert_eq!(annotation.block_type(), Some("response"));
        assert_eq!(annotation.odata_type(), Some("microsoft.graph.user"));
        assert_eq!(annotation.get_bool("truncated"), Some(true));
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn repaired_annotation_says_what_was_repaired() {
        let (annotation, diags) =
            read("{\n  \"blockType\": \"response\",\n  isCollection: true,\n}\n");
        assert_eq!(annotation.get_bool("isCollection"), Some(true));
        assert_eq!(codes(&diags), vec!["annotation-json"]);
        assert!(
            diags[0].message.contains("unquoted key"),
            "{}",
            diags[0].message
        );
        assert!(
            diags[0].message.contains("trailing comma"),
            "{}",
            diags[0].message
        );
        // The first repair is on line 3 of the page (the comment starts on line 1).
        assert_eq!((diags[0].span.line, diags[0].span.col), (3, 3));
    }

    #[test]
    fn unreadable_annotation_keeps_its_block_type() {
        let (annotation, diags) = read("{ \"blockType\": \"request\", \"name\": oops: [ }");
        assert_eq!(annotation.block_type(), Some("request"));
        assert_eq!(annotation.fields.len(), 1);
        assert_eq!(codes(&diags), vec!["annotation-unreadable"]);
        let (annotation, diags) = read("{ nothing useful");
        assert!(annotation.fields.is_empty());
        assert_eq!(codes(&diags), vec!["annotation-unreadable"]);
    }

    #[test]
    fn block_type_key_and_value_checks() {
        let (_, diags) =
            read(r#"{"blockType": "reqest", "isAbstract": true, "truncated": "true"}"#);
        assert_eq!(
            codes(&diags),
            vec![
                "annotation-block-type",
                "annotation-key",
                "annotation-value"
            ]
        );
        let (_, diags) =
            read(r##"{"type": "#page.annotation", "description": "x", "suppressions": []}"##);
        assert!(diags.is_empty(), "{diags:?}");
        let (_, diags) = read(r#"{"name": "x"}"#);
        assert_eq!(codes(&diags), vec!["annotation-block-type"]);
        let (_, diags) = read(r#"{"blockType": "resource", "BaseType": "x"}"#);
        assert!(
            diags[0].message.contains("did you mean `baseType`"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn fallback_finds_block_type_in_broken_text() {
        assert_eq!(
            find_block_type("{ \"blockType\" : \"ignored\" oops"),
            Some("ignored".to_string())
        );
        assert_eq!(
            find_block_type("{ blockType: response, x"),
            Some("response".to_string())
        );
        assert_eq!(find_block_type("{ \"name\": \"blockType\" }"), None);
        assert_eq!(find_block_type(""), None);
    }
}
