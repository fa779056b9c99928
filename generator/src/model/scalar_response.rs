//! A response example that returns one primitive value, written as its type's placeholder
//! (`{"value": "String"}`), on a page whose prose says "returns a `x` object". The newer
//! template writes the prose that way for every operation. When no page defines the prose's
//! type, the example's value is the response; when the prose's type is a structured type, it
//! is kept and the disagreement is reported.

use crate::diag::{Code, Diagnostic, Span};
use crate::facts::api::ApiFacts;
use crate::facts::body::is_type_placeholder;
use crate::ir::{ExampleResponse, TypeRef, TypeRefKind, PRIMITIVES};

/// The example's primitive as the response type (with its span), when the docs define no type
/// the response could be; reports what was read either way.
pub fn read(
    facts: &ApiFacts,
    known: Option<&TypeRef>,
    example: &ExampleResponse,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(TypeRef, Span)> {
    let primitive = placeholder_value(example.body.json.as_ref())?;
    let mention = facts.response.type_mention.as_ref()?;
    let shown = format!("`{{\"value\": \"{primitive}\"}}`");
    let (message, read) = match known {
        None => (
            format!(
                "the response prose names `{}`, which no page defines, but the example returns a single `{primitive}` value ({shown}); the response is read as one {primitive}",
                mention.name
            ),
            Some(TypeRef::new(primitive.clone(), TypeRefKind::Primitive)),
        ),
        Some(known) if matches!(known.kind, TypeRefKind::Entity | TypeRefKind::Complex) => (
            format!(
                "the response prose says a `{0}` object, but the example returns a single `{primitive}` value ({shown}); `{0}` was kept",
                known.name
            ),
            None,
        ),
        Some(_) => return None,
    };
    diagnostics.push(
        Diagnostic::new(Code::ResponseTypeMismatch, mention.span.clone(), message)
            .with_related(example.source.clone(), "the response example"),
    );
    read.map(|r| (r, example.source.clone()))
}

/// `{"value": "String"}` -> `String`: one value, written as its primitive type's placeholder.
fn placeholder_value(json: Option<&serde_json::Value>) -> Option<String> {
    let map = json?.as_object()?;
    if !map.keys().all(|k| k == "value" || k.contains('@')) {
        return None;
    }
    let text = map.get("value")?.as_str()?;
    if !is_type_placeholder(text) {
        return None;
    }
    let name = text.trim().trim_start_matches("Edm.");
    let name = name.split('(').next().unwrap_or(name).trim();
    PRIMITIVES.contains(&name).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn placeholder_values() {
        assert_eq!(
            placeholder_value(Some(&json!({"value": "String"}))).as_deref(),
            Some("String")
        );
        assert_eq!(
            placeholder_value(Some(&json!({"value": "Int32", "@odata.context": "x"}))).as_deref(),
            Some("Int32")
        );
        assert_eq!(placeholder_value(Some(&json!({"value": "hello"}))), None);
        assert_eq!(
            placeholder_value(Some(&json!({"value": {"a": "String"}}))),
            None
        );
        assert_eq!(
            placeholder_value(Some(&json!({"value": "String", "other": 1}))),
            None
        );
    }
}
