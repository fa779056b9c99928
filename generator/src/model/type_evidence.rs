//! What the JSON representations and the examples say about each property's type, as claims
//! to weigh against the Properties table ([`super::type_agreement`]).
//!
//! A claim *states* a type when the docs write a type there: a placeholder (`"String
//! (timestamp)"`, `"Int32"`), an enum's members listed as `"a | b | c"`, or a literal's JSON
//! kind (a number, a boolean, an object, a plain string). A string literal that merely looks
//! like a date, a GUID or a duration *shows* that type: an id that holds a GUID is still a
//! string id, so showing supports a type that something else states but never contradicts the
//! table on its own.

use super::lookup::{ancestry, find_type, is_same_or_derived};
use super::types::TypeIndex;
use crate::diag::Span;
use crate::facts::body::is_type_placeholder;
use crate::facts::json_repr::JsonShape;
use crate::facts::typeref::{parse_type_text, TypeSpecKind};
use crate::facts::PageFacts;
use crate::ir::{BodyKind, Operation, TypeDef, TypeRefKind};
use serde_json::Value;
use std::collections::BTreeMap;

/// What kind of value a claim is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Text,
    Date {
        date_only: bool,
    },
    Time,
    Duration,
    Guid,
    Binary,
    Integer,
    Number,
    Boolean,
    Object,
    /// An enum's members, lower-cased, in the order written.
    Members(Vec<String>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Stated,
    Shows,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    JsonRepresentation,
    Examples,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub class: Class,
    pub strength: Strength,
    pub source: Source,
    /// A type placeholder (`"String"`, `"Int32"`), not a literal value.
    pub placeholder: bool,
    /// The value as written (a placeholder's primitive name), for messages.
    pub written: String,
    pub span: Span,
}

/// Claims by (declaring type, lower-cased property name).
#[derive(Debug, Default)]
pub struct Evidence {
    claims: BTreeMap<(String, String), Vec<Claim>>,
}

/// Deeper objects in example bodies are not read (bodies are untrusted input).
const MAX_DEPTH: usize = 8;

impl Evidence {
    pub fn gather(facts: &[PageFacts], types: &TypeIndex, operations: &[Operation]) -> Evidence {
        let mut evidence = Evidence::default();
        for page in facts {
            let Some(resource) = &page.resource else {
                continue;
            };
            let Some(json) = &resource.json else { continue };
            let name = super::types::model_name(&resource.namespace, &resource.name);
            let Some(def) = find_type(types, &name) else {
                continue;
            };
            for key in json.properties.iter().filter(|k| !k.name.starts_with('@')) {
                if let Some(claim) = shape_claim(&key.shape, &key.span) {
                    evidence.add(types, def, &key.name, claim);
                }
            }
        }
        for op in operations {
            evidence.add_examples(types, op);
        }
        evidence
    }

    pub fn claims(&self, type_name: &str, property: &str) -> &[Claim] {
        self.claims
            .get(&(type_name.to_string(), property.to_lowercase()))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Files the claim under the type that declares `key` (`def` or one of its bases).
    fn add(&mut self, types: &TypeIndex, def: &TypeDef, key: &str, claim: Claim) {
        let declaring = ancestry(types, def).into_iter().find(|t| {
            t.properties()
                .iter()
                .any(|p| p.name.eq_ignore_ascii_case(key))
        });
        if let Some(declaring) = declaring {
            let entry = self
                .claims
                .entry((declaring.name.clone(), key.to_lowercase()))
                .or_default();
            if !entry.contains(&claim) {
                entry.push(claim);
            }
        }
    }

    fn add_examples(&mut self, types: &TypeIndex, op: &Operation) {
        let body_type = op
            .request_body
            .as_ref()
            .and_then(|b| b.type_name())
            .and_then(|name| find_type(types, name));
        let response = op.response.as_ref();
        let response_type = response
            .and_then(|r| r.type_name())
            .and_then(|name| find_type(types, name));
        for example in &op.examples {
            let request = &example.request;
            if let (Some(def), Some(json)) = (body_type, readable(&request.body)) {
                self.walk(types, def, json, &request.source, 0);
            }
            let Some(reply) = &example.response else {
                continue;
            };
            if let (Some(def), Some(json)) = (response_type, readable(&reply.body)) {
                // `{"value": [...]}` for collections; the newer template wraps one object too.
                let inner = match json.get("value") {
                    Some(inner) if !def.properties().iter().any(|p| p.name == "value") => inner,
                    _ => json,
                };
                self.walk(types, def, inner, &reply.source, 0);
            }
        }
    }

    /// Claims from every key of an example object (or of each object of an array) of `def`.
    fn walk(&mut self, types: &TypeIndex, def: &TypeDef, value: &Value, span: &Span, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let map = match value {
            Value::Array(items) => {
                for item in items {
                    self.walk(types, def, item, span, depth + 1);
                }
                return;
            }
            Value::Object(map) => map,
            _ => return,
        };
        let effective = map
            .get("@odata.type")
            .and_then(Value::as_str)
            .and_then(|written| find_type(types, written))
            .filter(|t| is_same_or_derived(types, &t.name, &def.name))
            .unwrap_or(def);
        for (key, item) in map.iter().filter(|(k, _)| !k.contains('@')) {
            let chain = ancestry(types, effective);
            let Some(property) = chain
                .iter()
                .flat_map(|t| t.properties().iter())
                .find(|p| p.name.eq_ignore_ascii_case(key))
            else {
                continue;
            };
            let structured = matches!(
                property.type_ref.kind,
                TypeRefKind::Entity | TypeRefKind::Complex
            );
            if structured {
                if let Some(inner) = find_type(types, &property.type_ref.name) {
                    self.walk(types, inner, item, span, depth + 1);
                }
            }
            for claim in value_claims(item, span) {
                self.add(types, effective, key, claim);
            }
        }
    }
}

/// The body's JSON when it holds values or placeholders.
fn readable(body: &super::ExampleBody) -> Option<&Value> {
    match body.kind {
        BodyKind::Json | BodyKind::Repaired | BodyKind::Placeholder => body.json.as_ref(),
        BodyKind::None | BodyKind::Invalid | BodyKind::Other => None,
    }
}

/// An example value's claims (an array's, one per distinct item claim).
fn value_claims(value: &Value, span: &Span) -> Vec<Claim> {
    let claim = |class, strength, written: String| Claim {
        class,
        strength,
        source: Source::Examples,
        placeholder: false,
        written,
        span: span.clone(),
    };
    match value {
        Value::Null => Vec::new(),
        Value::Bool(b) => vec![claim(Class::Boolean, Strength::Stated, b.to_string())],
        Value::Number(n) => {
            let class = if n.is_f64() {
                Class::Number
            } else {
                Class::Integer
            };
            vec![claim(class, Strength::Stated, n.to_string())]
        }
        Value::String(text) if is_type_placeholder(text) => {
            let spec = parse_type_text(text.trim().trim_start_matches("Edm."));
            let (class, written) = match spec.kind {
                TypeSpecKind::Primitive => (primitive_class(&spec.name), spec.name),
                _ => (Class::Text, text.clone()),
            };
            vec![Claim {
                placeholder: true,
                ..claim(class, Strength::Stated, written)
            }]
        }
        Value::String(text) => {
            let (class, strength) = string_class(text);
            vec![claim(class, strength, text.clone())]
        }
        Value::Object(_) => vec![claim(Class::Object, Strength::Stated, "{...}".to_string())],
        Value::Array(items) => {
            let mut out: Vec<Claim> = Vec::new();
            for item in items {
                for c in value_claims(item, span) {
                    if !out
                        .iter()
                        .any(|o| o.class == c.class && o.strength == c.strength)
                    {
                        out.push(c);
                    }
                }
            }
            out
        }
    }
}

/// A JSON representation value's claim (an array's item's).
fn shape_claim(shape: &JsonShape, span: &Span) -> Option<Claim> {
    let placeholder = matches!(shape, JsonShape::Placeholder { .. });
    let (class, strength, written) = match shape {
        JsonShape::Placeholder { primitive } => (
            primitive_class(primitive),
            Strength::Stated,
            primitive.clone(),
        ),
        JsonShape::Text { literal } => {
            let (class, strength) = string_class(literal);
            (class, strength, literal.clone())
        }
        JsonShape::Number { integer: true } => {
            (Class::Integer, Strength::Stated, "a whole number".into())
        }
        JsonShape::Number { integer: false } => {
            (Class::Number, Strength::Stated, "a number".into())
        }
        JsonShape::Boolean => (Class::Boolean, Strength::Stated, "a boolean".into()),
        JsonShape::Object { .. } => (Class::Object, Strength::Stated, "an object".into()),
        JsonShape::Array { item } => return shape_claim(item.as_deref()?, span),
        JsonShape::Null => return None,
    };
    Some(Claim {
        class,
        strength,
        source: Source::JsonRepresentation,
        placeholder,
        written,
        span: span.clone(),
    })
}

/// The class of a primitive type name (canonical Edm spelling).
pub fn primitive_class(name: &str) -> Class {
    match name {
        "DateTimeOffset" => Class::Date { date_only: false },
        "Date" => Class::Date { date_only: true },
        "TimeOfDay" => Class::Time,
        "Duration" => Class::Duration,
        "Guid" => Class::Guid,
        "Binary" | "Stream" => Class::Binary,
        "Byte" | "SByte" | "Int16" | "Int32" | "Int64" => Class::Integer,
        "Single" | "Double" | "Decimal" => Class::Number,
        "Boolean" => Class::Boolean,
        _ => Class::Text,
    }
}

/// A string literal: `"a | b"` states members; a date, GUID or duration shows that type;
/// anything else states a string.
fn string_class(text: &str) -> (Class, Strength) {
    let text = text.trim();
    let parts: Vec<&str> = text.split('|').map(str::trim).collect();
    let identifier = |p: &&str| {
        p.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    if parts.len() > 1 && parts.iter().all(identifier) {
        let members = parts.iter().map(|p| p.to_ascii_lowercase()).collect();
        return (Class::Members(members), Strength::Stated);
    }
    if let Some(class) = looks_like(text) {
        return (class, Strength::Shows);
    }
    // A type's name (`Collection(microsoft.graph.x)`) is weighed by the JSON check, not here.
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("microsoft.graph.") || lower.starts_with("collection(") {
        return (Class::Text, Strength::Shows);
    }
    (Class::Text, Strength::Stated)
}

/// `2017-01-01T00:02:43Z`, `2017-01-01`, `"true"`, a GUID, `PT2M43S`.
fn looks_like(text: &str) -> Option<Class> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    let date = digits(0..4)
        && bytes.get(4) == Some(&b'-')
        && digits(5..7)
        && bytes.get(7) == Some(&b'-')
        && digits(8..10);
    if date && bytes.len() == 10 {
        return Some(Class::Date { date_only: true });
    }
    if date && bytes.get(10) == Some(&b'T') && digits(11..13) {
        return Some(Class::Date { date_only: false });
    }
    if text == "true" || text == "false" {
        return Some(Class::Boolean);
    }
    // A number in quotes: the JSON kind is wrong, the value says what it is.
    if text.parse::<i64>().is_ok() {
        return Some(Class::Integer);
    }
    if text.parse::<f64>().is_ok_and(f64::is_finite) && text.contains('.') {
        return Some(Class::Number);
    }
    if crate::facts::template::is_guid(text) {
        return Some(Class::Guid);
    }
    let duration = text.strip_prefix('-').unwrap_or(text).strip_prefix('P')?;
    let is_duration = duration
        .chars()
        .all(|c| c.is_ascii_digit() || "YMWDTHS.".contains(c))
        && duration.chars().any(|c| c.is_ascii_digit());
    is_duration.then_some(Class::Duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_state_or_show() {
        assert_eq!(
            string_class("enabled | disabled"),
            (
                Class::Members(vec!["enabled".into(), "disabled".into()]),
                Strength::Stated
            )
        );
        assert_eq!(
            string_class("MyAnalytics | Your past week").1,
            Strength::Stated
        );
        assert_eq!(string_class("MyAnalytics | Your past week").0, Class::Text);
        assert_eq!(
            string_class("2017-01-01T00:02:43.5775965-08:00"),
            (Class::Date { date_only: false }, Strength::Shows)
        );
        assert_eq!(
            string_class("2017-01-01"),
            (Class::Date { date_only: true }, Strength::Shows)
        );
        assert_eq!(
            string_class("ca9e0ad8-0ad8-ca9e-d80a-9ecad80a9eca"),
            (Class::Guid, Strength::Shows)
        );
        assert_eq!(
            string_class("PT2M43.444327S"),
            (Class::Duration, Strength::Shows)
        );
        assert_eq!(
            string_class("Display Name value"),
            (Class::Text, Strength::Stated)
        );
        assert_eq!(string_class("P"), (Class::Text, Strength::Stated));
        assert_eq!(string_class("true"), (Class::Boolean, Strength::Shows));
        assert_eq!(string_class("4.2"), (Class::Number, Strength::Shows));
        assert_eq!(string_class("42"), (Class::Integer, Strength::Shows));
        assert_eq!(
            string_class("Collection(microsoft.graph.x)"),
            (Class::Text, Strength::Shows)
        );
        let span = Span::default();
        let classes = |v: Value| {
            value_claims(&v, &span)
                .into_iter()
                .map(|c| (c.class, c.placeholder))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            classes(Value::from("String (timestamp)")),
            [(Class::Date { date_only: false }, true)]
        );
        assert_eq!(classes(Value::from("Int32")), [(Class::Integer, true)]);
        assert_eq!(
            classes(Value::from("String(identifier)")),
            [(Class::Text, true)]
        );
        assert_eq!(
            classes(serde_json::json!([1, 2, 3.5])),
            [(Class::Integer, false), (Class::Number, false)]
        );
    }
}
