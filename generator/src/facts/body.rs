//! Example bodies: JSON as written, repaired, made of type placeholders, invalid, or not JSON.

use crate::diag::{Code, Diagnostic, Span};
use crate::model::{BodyKind, ExampleBody};
use serde_json::Value;

/// Classifies an example body. `content_type` is the value of the fence's Content-Type header.
pub fn classify_body(
    text: &str,
    content_type: Option<&str>,
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
    let (kind, json) = match serde_json::from_str::<Value>(trimmed) {
        Ok(json) => (BodyKind::Json, json),
        Err(strict_error) => match repair_json(trimmed) {
            Some(json) => {
                diagnostics.push(Diagnostic::new(
                    Code::ExampleBodyRepaired,
                    span.clone(),
                    format!("the example body is not strict JSON ({strict_error}); it was read after repair"),
                ));
                (BodyKind::Repaired, json)
            }
            None => {
                diagnostics.push(Diagnostic::new(
                    Code::ExampleBodyInvalid,
                    span.clone(),
                    format!("the example body is not JSON even after repair: {strict_error}"),
                ));
                return body(BodyKind::Invalid, None);
            }
        },
    };
    let (placeholders, values) = count_placeholders(&json);
    if placeholders > 0 && placeholders * 2 > values {
        diagnostics.push(Diagnostic::new(
            Code::ExampleBodyPlaceholder,
            span.clone(),
            format!("the example body holds type placeholders instead of values ({placeholders} of {values} values, e.g. \"Int32\")"),
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

/// Lenient JSON: `//` comments and `...` removed, trailing commas dropped, raw control
/// characters inside strings escaped, trailing text after the first value ignored.
pub fn repair_json(text: &str) -> Option<Value> {
    let cleaned = strip_comments_and_ellipses(text);
    let cleaned = drop_trailing_commas(&cleaned);
    let mut stream = serde_json::Deserializer::from_str(&cleaned).into_iter::<Value>();
    match stream.next() {
        Some(Ok(value)) => Some(value),
        _ => None,
    }
}

/// One pass outside strings: `//` to end of line removed, `...`/`…` removed; inside strings raw
/// tabs and newlines escaped.
fn strip_comments_and_ellipses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                _ if escaped => {
                    escaped = false;
                    out.push(c);
                }
                '\\' => {
                    escaped = true;
                    out.push(c);
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => {}
                _ => out.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '/' if chars.peek() == Some(&'/') => {
                while chars.peek().is_some_and(|&n| n != '\n') {
                    chars.next();
                }
            }
            '.' if chars.peek() == Some(&'.') => {
                while chars.peek() == Some(&'.') {
                    chars.next();
                }
            }
            '…' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Removes commas (outside strings) followed only by whitespace and `}` or `]`, and commas that
/// directly follow `[`, `{` or another comma (left behind by a removed `...`).
fn drop_trailing_commas(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut last_significant: Option<char> = None;
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            out.push(c);
            continue;
        }
        if c == ',' {
            let next = chars.iter().skip(i + 1).find(|n| !n.is_whitespace());
            let dangling = matches!(next, Some('}') | Some(']') | Some(',') | None);
            let leading = matches!(last_significant, Some('[') | Some('{') | Some(','));
            if dangling || leading {
                continue;
            }
        }
        if c == '"' {
            in_string = true;
        }
        if !c.is_whitespace() {
            last_significant = Some(c);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classify(text: &str, content_type: Option<&str>) -> (BodyKind, Vec<String>) {
        let mut d = Vec::new();
        let body = classify_body(text, content_type, &Span::new("api/x.md", 1, 1), &mut d);
        (body.kind, d.into_iter().map(|d| d.code).collect())
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
                vec!["example-body-placeholder".to_string()]
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

    #[test]
    fn repair_handles_the_corpus_failures() {
        let text = "{\n  // a comment\n  \"a\": \"http://x\", \"b\": [1, 2, ...],\n  ...\n  \"c\": \"tab\there\",\n}";
        let value = repair_json(text).expect("repaired");
        assert_eq!(value["a"], "http://x");
        assert_eq!(value["b"], serde_json::json!([1, 2]));
        assert_eq!(value["c"], "tab\there");
        assert!(repair_json("{\"a\": 1} trailing").is_some());
        assert!(repair_json("{ nope }").is_none());
    }
}
