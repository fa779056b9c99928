//! The JSON representation of a resource page: its top-level keys and what each value says about
//! the key's type. The values are type placeholders (`"String (timestamp)"`), literals (`1024`,
//! `true`) or objects naming their type (`{"@odata.type": "microsoft.graph.x"}`). Stage 3
//! compares these shapes with the Properties table once named types are resolved.

use super::typeref::{parse_type_text, TypeSpecKind};
use crate::diag::{Code, Diagnostic, Span};
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
    /// Any other string (a literal value, `"a | b"` enum values).
    Text,
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
    let value = match serde_json::from_str::<Value>(&code.text) {
        Ok(value) => value,
        Err(_) => match serde_json::from_str::<Value>(&repair(&code.text)) {
            Ok(value) => value,
            Err(error) => {
                let line = code.content_line.saturating_sub(1) + error.line() as u32;
                diagnostics.push(Diagnostic::new(
                    Code::JsonRepresentationInvalid,
                    Span::new(path, line.max(code.content_line), error.column() as u32),
                    format!("the JSON representation does not parse even after repair: {error}"),
                ));
                return None;
            }
        },
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
            line[col + needle.len()..]
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
            let odata_type = map
                .get("@odata.type")
                .or_else(|| map.get("@type"))
                .and_then(Value::as_str)
                .map(|t| {
                    let spec = parse_type_text(t);
                    match (spec.kind, spec.namespace) {
                        (TypeSpecKind::Named, Some(ns)) => format!("{ns}.{}", spec.name),
                        (TypeSpecKind::Named, None) => spec.name,
                        _ => t.trim_start_matches('#').to_string(),
                    }
                });
            JsonShape::Object { odata_type }
        }
    }
}

/// `"String (timestamp)"` -> DateTimeOffset, `"<Unknown Primitive Type Edm.Stream>"` -> Stream,
/// `"Collection(String)"` -> array of String; literals stay text.
fn placeholder(text: &str) -> JsonShape {
    if let Some(at) = text.find("Edm.") {
        let name: String = text[at + 4..]
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
        _ => JsonShape::Text,
    }
}

/// Removes what the docs' JSON blocks add to JSON: `//` comments, `...` lines and trailing
/// commas. Strings are left alone.
pub fn repair(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed == "..." || trimmed == "…" || trimmed.starts_with("//") {
            continue;
        }
        out.push_str(strip_line_comment(line));
        out.push('\n');
    }
    remove_trailing_commas(&out)
}

fn strip_line_comment(line: &str) -> &str {
    let mut in_string = false;
    let mut escaped = false;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if in_string => escaped = true,
            b'"' => in_string = !in_string,
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => return &line[..i],
            _ => {}
        }
    }
    line
}

fn remove_trailing_commas(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            out.push(c);
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        if c == ',' {
            let next = chars[i + 1..].iter().find(|ch| !ch.is_whitespace());
            if matches!(next, Some('}') | Some(']') | None) {
                continue;
            }
        }
        out.push(c);
    }
    out
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
        let text = "{\n  \"id\": \"String (identifier)\",\n  \"created\": \"String (timestamp)\",\n  \"size\": 1024,\n  \"ratio\": 4.2,\n  \"on\": true,\n  \"tags\": [\"String\"],\n  \"who\": {\"@odata.type\": \"microsoft.graph.identitySet\"},\n  \"state\": \"notStarted | running\",\n  \"blob\": \"<Unknown Primitive Type Edm.Stream>\",\n  \"empty\": [],\n  \"cr\": {\"@odata.type\": \"#microsoft.graph.callRecords.session\"}\n}\n";
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
        assert_eq!(get("state"), Some(JsonShape::Text));
        assert_eq!(get("blob"), prim("Stream"));
        assert_eq!(get("empty"), Some(JsonShape::Array { item: None }));
        assert_eq!(
            get("cr"),
            Some(JsonShape::Object {
                odata_type: Some("callRecords.session".into())
            })
        );
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
        assert!(d.is_empty());
    }

    #[test]
    fn invalid_json_is_a_diagnostic() {
        let mut d = Vec::new();
        assert!(read_json_representation(&block("{\n  \"a\": \n"), "r.md", &mut d).is_none());
        assert_eq!(
            d.first().map(|d| d.code.as_str()),
            Some("json-representation-invalid")
        );
        let mut d = Vec::new();
        assert!(read_json_representation(&block("[1]"), "r.md", &mut d).is_none());
        assert_eq!(d.len(), 1);
    }
}
