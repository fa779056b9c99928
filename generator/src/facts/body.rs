//! Example bodies: JSON as written, repaired, made of type placeholders, invalid, or not JSON.

use crate::diag::{Code, Diagnostic, Span};
use crate::ir::{BodyKind, ExampleBody};
use crate::pages::json_repair::parse_lenient;
use serde_json::Value;

/// Which example a body belongs to: each side has its own placeholder code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Request,
    Response,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Side::Request => "request",
            Side::Response => "response",
        }
    }

    fn placeholder_code(self) -> Code {
        match self {
            Side::Request => Code::ExampleRequestPlaceholder,
            Side::Response => Code::ExampleResponsePlaceholder,
        }
    }
}

/// Classifies an example body. `content_type` is the value of the fence's Content-Type header;
/// `span` is the body's first line (repair and parse errors are placed relative to it).
pub fn classify_body(
    text: &str,
    content_type: Option<&str>,
    side: Side,
    span: &Span,
    diagnostics: &mut Vec<Diagnostic>,
) -> ExampleBody {
    let trimmed = text.trim();
    let content_type = content_type.map(|c| c.trim().to_string());
    let body = |kind, json| ExampleBody {
        kind,
        text: trimmed.to_string(),
        json,
        content_type: content_type.clone(),
    };
    if trimmed.is_empty() {
        return body(BodyKind::None, None);
    }
    let declared_json = content_type.as_deref().map(is_json_content_type);
    let looks_json = trimmed.starts_with('{') || trimmed.starts_with('[');
    if declared_json == Some(false) || (declared_json.is_none() && !looks_json) {
        // Text, binary, CSV, form data: nothing to read, and not an error.
        return match serde_json::from_str::<Value>(trimmed) {
            Ok(json) if declared_json.is_none() => body(BodyKind::Json, Some(json)),
            _ => body(BodyKind::Other, None),
        };
    }
    let at = |line: u32, col: u32| {
        Span::new(span.file.as_str(), span.line + line.saturating_sub(1), col)
    };
    let (kind, json) = match parse_lenient(trimmed) {
        Ok(repaired) if repaired.is_strict() => (BodyKind::Json, repaired.value),
        Ok(repaired) => {
            let first = repaired
                .repairs
                .first()
                .map(|r| at(r.line, r.col))
                .unwrap_or_else(|| span.clone());
            diagnostics.push(Diagnostic::new(
                Code::ExampleBodyRepaired,
                first,
                format!(
                    "the example body is not strict JSON; read after repair: {}",
                    repaired.summary()
                ),
            ));
            (BodyKind::Repaired, repaired.value)
        }
        Err(error) => {
            diagnostics.push(Diagnostic::new(
                Code::ExampleBodyInvalid,
                at(error.line, error.col),
                format!(
                    "the example body is not JSON even after repair: {}",
                    error.message
                ),
            ));
            return body(BodyKind::Invalid, None);
        }
    };
    let (placeholders, values) = count_placeholders(&json);
    if placeholders > 0 && placeholders * 2 > values {
        diagnostics.push(Diagnostic::new(
            side.placeholder_code(),
            span.clone(),
            format!(
                "the example {} body holds type placeholders instead of values ({placeholders} of {values} values, e.g. {:?})",
                side.name(),
                first_placeholder(&json).unwrap_or_default()
            ),
        ));
        return body(BodyKind::Placeholder, Some(json));
    }
    body(kind, Some(json))
}

pub fn is_json_content_type(content_type: &str) -> bool {
    let lower = content_type.to_ascii_lowercase();
    lower.contains("json")
}

/// Whether a JSON string value is a type name standing for a value (`"Int32"`,
/// `"String (identifier)"`, `"String(identifier)"`, `"Edm.Boolean"`, `"Collection(String)"`).
pub fn is_type_placeholder(value: &str) -> bool {
    const NAMES: &[&str] = &[
        "String",
        "Int32",
        "Int64",
        "Int16",
        "Boolean",
        "Double",
        "Single",
        "Decimal",
        "DateTimeOffset",
        "Date",
        "TimeOfDay",
        "Duration",
        "Guid",
        "Binary",
        "Stream",
        "Byte",
        "SByte",
    ];
    let text = value.trim();
    if text.starts_with("<Unknown Primitive Type") {
        return true;
    }
    let text = text.strip_prefix("Edm.").unwrap_or(text);
    let inner = text
        .strip_prefix("Collection(")
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(text);
    let inner = inner.strip_prefix("Edm.").unwrap_or(inner);
    // `String (identifier)`, `String(timestamp)`: a qualifier in parentheses.
    let name = match inner.split_once('(') {
        Some((name, rest)) if rest.ends_with(')') => name.trim_end(),
        Some(_) => return false,
        None => inner,
    };
    NAMES.contains(&name)
}

/// (placeholder string values, all primitive values), ignoring `@odata.*` annotations.
/// The first type placeholder of a body, in document order (for the diagnostic's example).
fn first_placeholder(json: &Value) -> Option<&str> {
    match json {
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| !k.starts_with('@') && !k.contains("@odata."))
            .find_map(|(_, v)| first_placeholder(v)),
        Value::Array(items) => items.iter().find_map(first_placeholder),
        Value::String(s) => is_type_placeholder(s).then_some(s.as_str()),
        _ => None,
    }
}

fn count_placeholders(json: &Value) -> (usize, usize) {
    match json {
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| !k.starts_with('@') && !k.contains("@odata."))
            .map(|(_, v)| count_placeholders(v))
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1)),
        Value::Array(items) => items
            .iter()
            .map(count_placeholders)
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1)),
        Value::String(s) => (usize::from(is_type_placeholder(s)), 1),
        _ => (0, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(text: &str, content_type: Option<&str>) -> (BodyKind, Vec<String>) {
        let mut d = Vec::new();
        let span = Span::new("api/x.md", 1, 1);
        let body = classify_body(text, content_type, Side::Request, &span, &mut d);
        (
            body.kind,
            d.into_iter().map(|d| d.code.as_str().to_string()).collect(),
        )
    }

    #[test]
    fn kinds() {
        assert_eq!(classify("", None).0, BodyKind::None);
        assert_eq!(
            classify("{\"a\": 1}", Some("application/json")),
            (BodyKind::Json, vec![])
        );
        assert_eq!(
            classify("{\"a\": 1,}", None),
            (
                BodyKind::Repaired,
                vec!["example-body-repaired".to_string()]
            )
        );
        assert_eq!(
            classify("{\"a\": }", None),
            (BodyKind::Invalid, vec!["example-body-invalid".to_string()])
        );
        assert_eq!(classify("Hello", Some("text/plain")).0, BodyKind::Other);
        assert_eq!(
            classify("{\"a\": 1}", Some("text/plain")).0,
            BodyKind::Other
        );
        assert_eq!(classify("binary data", None).0, BodyKind::Other);
    }

    #[test]
    fn placeholders_need_a_majority() {
        let seed = r##"[{"@odata.type": "#microsoft.graph.x", "errorDeviceCount": "Int32", "id": "String(identifier)", "name": "String"}]"##;
        assert_eq!(
            classify(seed, None),
            (
                BodyKind::Placeholder,
                vec!["example-request-placeholder".to_string()]
            )
        );
        let schema = r#"{"properties": [{"name": "courseId", "type": "Integer"}, {"name": "courseName", "type": "String"}]}"#;
        assert_eq!(classify(schema, None).0, BodyKind::Json);
        for text in [
            "Int32",
            "String (identifier)",
            "String(identifier)",
            "Boolean",
            "Edm.Int64",
            "Collection(String)",
        ] {
            assert!(is_type_placeholder(text), "{text}");
        }
        for text in ["Adele", "string value", "Strings", "String (x"] {
            assert!(!is_type_placeholder(text), "{text}");
        }
    }
}
