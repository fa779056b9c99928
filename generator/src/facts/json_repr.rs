//! The JSON representation of a resource page: its top-level keys and what each value says about
//! the key's type. The values are type placeholders (`"String (timestamp)"`), literals (`1024`,
//! `true`) or objects naming their type (`{"@odata.type": "microsoft.graph.x"}`). Stage 3
//! compares these shapes with the Properties table once named types are resolved.

use super::typeref::{parse_type_text, TypeSpecKind};
use crate::diag::{Code, Diagnostic, Span};
use crate::pages::json_repair::parse_lenient;
use crate::pages::CodeBlock;
use serde::Serialize;
use serde_json::Value;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum JsonShape {
    /// A string naming a primitive (`"String"`, `"Int32"`, `"String (timestamp)"`).
    Placeholder {
        primitive: String,
    },
    /// Any other string (a literal value, `"a | b"` enum values), as written.
    Text {
        literal: String,
    },
    Number {
        integer: bool,
    },
    Boolean,
    /// An object; `odata_type` without `#` and `microsoft.graph.` when it names one.
    Object {
        odata_type: Option<String>,
    },
    /// An array and the shape of its first element (None when empty).
    Array {
        item: Option<Box<JsonShape>>,
    },
    Null,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JsonProperty {
    pub name: String,
    pub shape: JsonShape,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JsonRepresentation {
    pub properties: Vec<JsonProperty>,
    pub span: Span,
}

/// Reads a JSON representation block. Invalid JSON that repair cannot fix is a diagnostic and
/// gives no representation.
pub fn read_json_representation(
    code: &CodeBlock,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<JsonRepresentation> {
    let value = match parse_lenient(&code.text) {
        Ok(repaired) => {
            if !repaired.is_strict() {
                diagnostics.push(Diagnostic::new(
                    Code::JsonRepresentationInvalid,
                    code.span.clone(),
                    format!(
                        "the JSON representation is not valid JSON; repaired: {}",
                        repaired.summary()
                    ),
                ));
            }
            repaired.value
        }
        Err(error) => {
            let line = code.content_line.saturating_sub(1) + error.line;
            diagnostics.push(Diagnostic::new(
                Code::JsonRepresentationInvalid,
                Span::new(path, line.max(code.content_line), error.col),
                format!(
                    "the JSON representation does not parse even after repair: {}",
                    error.message
                ),
            ));
            return None;
        }
    };
    let Value::Object(map) = value else {
        diagnostics.push(Diagnostic::new(
            Code::JsonRepresentationInvalid,
            code.span.clone(),
            "the JSON representation is not an object",
        ));
        return None;
    };
    let properties = map
        .iter()
        .map(|(name, value)| JsonProperty {
            name: name.clone(),
            shape: shape(value),
            span: key_span(code, path, name),
        })
        .collect();
    Some(JsonRepresentation {
        properties,
        span: code.span.clone(),
    })
}

/// The line of `"name":` in the block (the first one; the block's line when not found).
fn key_span(code: &CodeBlock, path: &str, name: &str) -> Span {
    let needle = format!("\"{name}\"");
    code.text
        .lines()
        .enumerate()
        .find_map(|(i, line)| {
            let col = line.find(&needle)?;
            line.get(col + needle.len()..)?
                .trim_start()
                .starts_with(':')
                .then(|| Span::new(path, code.content_line + i as u32, col as u32 + 1))
        })
        .unwrap_or_else(|| code.span.clone())
}

fn shape(value: &Value) -> JsonShape {
    match value {
        Value::Null => JsonShape::Null,
        Value::Bool(_) => JsonShape::Boolean,
        Value::Number(n) => JsonShape::Number {
            integer: n.is_i64() || n.is_u64(),
        },
        Value::String(s) => placeholder(s),
        Value::Array(items) => JsonShape::Array {
            item: items.first().map(|v| Box::new(shape(v))),
        },
        Value::Object(map) => {
            let written = map
                .get("@odata.type")
                .or_else(|| map.get("@type"))
                .and_then(Value::as_str);
            let Some(written) = written else {
                return JsonShape::Object { odata_type: None };
            };
            let spec = parse_type_text(written);
            match (spec.kind, spec.namespace) {
                // `{"@odata.type": "Edm.Stream"}` names a primitive, not an object type.
                (TypeSpecKind::Primitive, _) => JsonShape::Placeholder {
                    primitive: spec.name,
                },
                (TypeSpecKind::Named, Some(ns)) => JsonShape::Object {
                    odata_type: Some(format!("{ns}.{}", spec.name)),
                },
                (TypeSpecKind::Named, None) => JsonShape::Object {
                    odata_type: Some(spec.name),
                },
                _ => JsonShape::Object {
                    odata_type: Some(written.trim_start_matches('#').to_string()),
                },
            }
        }
    }
}

/// `"String (timestamp)"` -> DateTimeOffset, `"<Unknown Primitive Type Edm.Stream>"` -> Stream,
/// `"Collection(String)"` -> array of String; literals stay text.
fn placeholder(text: &str) -> JsonShape {
    if let Some(at) = text.find("Edm.") {
        let name: String = text
            .get(at + "Edm.".len()..)
            .unwrap_or_default()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let spec = parse_type_text(&name);
        if spec.kind == TypeSpecKind::Primitive {
            return JsonShape::Placeholder {
                primitive: spec.name,
            };
        }
    }
    let spec = parse_type_text(text);
    match spec.kind {
        TypeSpecKind::Primitive if spec.collection => JsonShape::Array {
            item: Some(Box::new(JsonShape::Placeholder {
                primitive: spec.name,
            })),
        },
        TypeSpecKind::Primitive => JsonShape::Placeholder {
            primitive: spec.name,
        },
        _ => JsonShape::Text {
            literal: text.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> CodeBlock {
        CodeBlock {
            lang: "json".into(),
            text: text.into(),
            span: Span::new("r.md", 10, 1),
            content_line: 11,
            annotation: None,
        }
    }

    #[test]
    fn shapes_of_placeholders_and_literals() {
        let text = "{\n  \"id\": \"String (identifier)\",\n  \"created\": \"String (timestamp)\",\n  \"size\": 1024,\n  \"ratio\": 4.2,\n  \"on\": true,\n  \"tags\": [\"String\"],\n  \"who\": {\"@odata.type\": \"microsoft.graph.identitySet\"},\n  \"state\": \"notStarted | running\",\n  \"blob\": \"<Unknown Primitive Type Edm.Stream>\",\n  \"empty\": [],\n  \"cr\": {\"@odata.type\": \"#microsoft.graph.callRecords.session\"},\n  \"content\": {\"@odata.type\": \"Edm.Stream\"}\n}\n";
        let mut d = Vec::new();
        let repr = read_json_representation(&block(text), "r.md", &mut d)
            .unwrap_or_else(|| panic!("{d:?}"));
        let get = |n: &str| {
            repr.properties
                .iter()
                .find(|p| p.name == n)
                .map(|p| p.shape.clone())
        };
        let prim = |p: &str| {
            Some(JsonShape::Placeholder {
                primitive: p.into(),
            })
        };
        assert_eq!(get("id"), prim("String"));
        assert_eq!(get("created"), prim("DateTimeOffset"));
        assert_eq!(get("size"), Some(JsonShape::Number { integer: true }));
        assert_eq!(get("ratio"), Some(JsonShape::Number { integer: false }));
        assert_eq!(get("on"), Some(JsonShape::Boolean));
        assert_eq!(
            get("tags"),
            Some(JsonShape::Array {
                item: prim("String").map(Box::new)
            })
        );
        assert_eq!(
            get("who"),
            Some(JsonShape::Object {
                odata_type: Some("identitySet".into())
            })
        );
        assert_eq!(
            get("state"),
            Some(JsonShape::Text {
                literal: "notStarted | running".into()
            })
        );
        assert_eq!(get("blob"), prim("Stream"));
        assert_eq!(get("empty"), Some(JsonShape::Array { item: None }));
        assert_eq!(
            get("cr"),
            Some(JsonShape::Object {
                odata_type: Some("callRecords.session".into())
            })
        );
        assert_eq!(get("content"), prim("Stream"));
        let created = repr.properties.iter().find(|p| p.name == "created");
        assert_eq!(created.map(|p| p.span.line), Some(13));
        assert!(d.is_empty());
    }

    #[test]
    fn repairs_comments_and_trailing_commas() {
        let text =
            "{\n  \"a\": \"String\", // the a\n  \"url\": \"https://x\",\n  \"b\": [1, 2,],\n}\n";
        let mut d = Vec::new();
        let repr = read_json_representation(&block(text), "r.md", &mut d);
        assert_eq!(repr.map(|r| r.properties.len()), Some(3));
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("repaired"));
    }

    #[test]
    fn invalid_json_is_a_diagnostic() {
        let mut d = Vec::new();
        assert!(read_json_representation(&block("{\n  \"a\": {\n"), "r.md", &mut d).is_none());
        assert_eq!(
            d.first().map(|d| d.code.as_str()),
            Some("json-representation-invalid")
        );
        let mut d = Vec::new();
        assert!(read_json_representation(&block("[1]"), "r.md", &mut d).is_none());
        assert_eq!(d.len(), 1);
    }
}
