//! Whether a JSON value conforms to a model type, as ApiDoctor's check-docs judges it: unknown
//! properties (unless the type is open; `@odata.*` and other `@` annotations are allowed), the
//! JSON kind of each value, single vs collection, enum members, and `@odata.type` naming the
//! declared type or a type derived from it. Missing properties are not an error in a truncated
//! example; in a complete one ([`check_complete_value`]: a response not marked `truncated`),
//! the response's objects must show their type's `example_properties`, as ApiDoctor requires.

use super::lookup::{ancestry, find_type, is_same_or_derived};
use super::types::TypeIndex;
use crate::diag::{excerpt, Code};
use crate::ir::{Property, TypeDef, TypeRefKind};
use serde_json::Value;

/// One way an example value does not conform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    /// Where in the body, e.g. `value[0].displayName`; empty for the body itself.
    pub path: String,
    pub message: String,
}

/// The declared type of a value.
#[derive(Clone, Copy, Debug)]
pub struct Declared<'a> {
    pub name: &'a str,
    pub kind: TypeRefKind,
    pub collection: bool,
}

/// Checks `value` against `declared`, as a possibly truncated example: properties may be
/// missing. Findings are appended.
pub fn check_value(
    types: &TypeIndex,
    value: &Value,
    declared: Declared<'_>,
    path: &str,
    findings: &mut Vec<Finding>,
) {
    check(types, value, declared, false, path, findings);
}

/// Checks `value` against `declared` as a complete example: besides what [`check_value`]
/// checks, the value's object (or each item's, for a collection) lacking some of its type's
/// `example_properties` is an `example-missing-property` finding. Nested objects may be partial.
pub fn check_complete_value(
    types: &TypeIndex,
    value: &Value,
    declared: Declared<'_>,
    path: &str,
    findings: &mut Vec<Finding>,
) {
    check(types, value, declared, true, path, findings);
}

fn check(
    types: &TypeIndex,
    value: &Value,
    declared: Declared<'_>,
    complete: bool,
    path: &str,
    findings: &mut Vec<Finding>,
) {
    if value.is_null() || matches!(declared.kind, TypeRefKind::Json | TypeRefKind::Unresolved) {
        return;
    }
    if declared.collection {
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    check(
                        types,
                        item,
                        Declared {
                            collection: false,
                            ..declared
                        },
                        complete,
                        &format!("{path}[{i}]"),
                        findings,
                    );
                }
            }
            _ => findings.push(wrong_kind(path, "an array", value)),
        }
        return;
    }
    if value.is_array() {
        findings.push(Finding {
            code: Code::ExampleWrongKind,
            path: path.to_string(),
            message: format!("expected a single `{}`, found an array", declared.name),
        });
        return;
    }
    match declared.kind {
        TypeRefKind::Primitive => check_primitive(value, declared.name, path, findings),
        TypeRefKind::Enum => check_enum(types, value, declared.name, path, findings),
        TypeRefKind::Entity | TypeRefKind::Complex => match value {
            Value::Object(_) => check_object(types, value, declared.name, complete, path, findings),
            _ => findings.push(wrong_kind(
                path,
                &format!("a `{}` object", declared.name),
                value,
            )),
        },
        TypeRefKind::Json | TypeRefKind::Unresolved => {}
    }
}

fn wrong_kind(path: &str, expected: &str, value: &Value) -> Finding {
    Finding {
        code: Code::ExampleWrongKind,
        path: path.to_string(),
        message: format!("expected {expected}, found {}", describe(value)),
    }
}

fn describe(value: &Value) -> String {
    let text = value.to_string();
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    format!("{kind} `{}`", excerpt(&text))
}

fn check_primitive(value: &Value, name: &str, path: &str, findings: &mut Vec<Finding>) {
    let ok = match name {
        "String" | "Date" | "DateTimeOffset" | "TimeOfDay" | "Duration" | "Guid" | "Binary" => {
            value.is_string()
        }
        "Int16" | "Int32" | "Int64" | "Byte" | "SByte" => value.is_i64() || value.is_u64(),
        "Double" | "Single" | "Decimal" => {
            value.is_number()
                || value
                    .as_str()
                    .is_some_and(|s| matches!(s, "NaN" | "INF" | "-INF"))
        }
        "Boolean" => value.is_boolean(),
        _ => true,
    };
    if !ok {
        findings.push(wrong_kind(path, &format!("a {name}"), value));
    }
}

fn check_enum(
    types: &TypeIndex,
    value: &Value,
    name: &str,
    path: &str,
    findings: &mut Vec<Finding>,
) {
    let Some(text) = value.as_str() else {
        findings.push(wrong_kind(path, &format!("a `{name}` member name"), value));
        return;
    };
    let Some(def) = find_type(types, name).filter(|d| !d.members().is_empty()) else {
        return;
    };
    let is_member = |part: &str| {
        def.members()
            .iter()
            .any(|m| m.name.eq_ignore_ascii_case(part))
    };
    // `"a | b | c"`: the template lists the choices where one value belongs.
    let listed: Vec<&str> = text.split('|').map(str::trim).collect();
    if listed.len() > 1 && listed.iter().all(|part| is_member(part)) {
        findings.push(Finding {
            code: Code::ExampleEnumValue,
            path: path.to_string(),
            message: format!(
                "`{text}` lists {} members of enum `{}` where one value belongs (the template's way to show the choices); it is no value of the enum",
                listed.len(),
                def.name
            ),
        });
        return;
    }
    // Flags values combine members with commas.
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        // The service reads enum members without regard to case.
        if !is_member(part) {
            findings.push(Finding {
                code: Code::ExampleEnumValue,
                path: path.to_string(),
                message: format!("`{part}` is not a member of enum `{}`", def.name),
            });
        }
    }
}

fn check_object(
    types: &TypeIndex,
    value: &Value,
    declared: &str,
    complete: bool,
    path: &str,
    findings: &mut Vec<Finding>,
) {
    let Value::Object(map) = value else { return };
    let Some(declared_def) = find_type(types, declared) else {
        return;
    };
    let mut effective = declared_def;
    if let Some(written) = map.get("@odata.type").and_then(Value::as_str) {
        match find_type(types, written) {
            Some(def) if is_same_or_derived(types, &def.name, &declared_def.name) => effective = def,
            Some(def) => findings.push(Finding {
                code: Code::ExampleTypeMismatch,
                path: path.to_string(),
                message: format!("@odata.type `{written}` is neither `{declared}` nor derived from it (it is `{}`)", def.name),
            }),
            None => {
                findings.push(Finding {
                    code: Code::TypeUnresolved,
                    path: path.to_string(),
                    message: format!("@odata.type `{written}` names a type no page defines; its properties are not checked"),
                });
                return;
            }
        }
    }
    let chain = ancestry(types, effective);
    let open = chain.iter().any(|t| t.structure().is_some_and(|s| s.open));
    for (key, item) in map {
        if key.contains('@') {
            continue;
        }
        let child = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        match find_property(&chain, key) {
            Some(property) => {
                let declared = Declared {
                    name: &property.type_ref.name,
                    kind: property.type_ref.kind,
                    collection: property.type_ref.collection,
                };
                // Only the example's own objects must be complete: a nested value is often
                // shown in part (and ApiDoctor's `truncated` speaks of the response).
                check(types, item, declared, false, &child, findings);
            }
            None if open => {}
            None => findings.push(Finding {
                code: Code::ExampleUnknownProperty,
                path: child,
                message: format!(
                    "`{key}` is not a property of `{}` or its base types",
                    effective.name
                ),
            }),
        }
    }
    if complete {
        check_complete(map, &chain, path, findings);
    }
}

/// Names listed in an `example-missing-property` message; the rest are counted.
const MISSING_LISTED: usize = 8;

/// A complete example shows every `example_properties` of the type and its bases.
fn check_complete(
    map: &serde_json::Map<String, Value>,
    chain: &[&TypeDef],
    path: &str,
    findings: &mut Vec<Finding>,
) {
    let mut missing: Vec<&str> = Vec::new();
    for name in chain
        .iter()
        .filter_map(|t| t.structure())
        .flat_map(|s| s.example_properties.iter())
    {
        if !map.contains_key(name.as_str()) && !missing.contains(&name.as_str()) {
            missing.push(name);
        }
    }
    let Some(owner) = chain.first() else { return };
    if missing.is_empty() {
        return;
    }
    let mut listed: Vec<String> = missing
        .iter()
        .take(MISSING_LISTED)
        .map(|m| format!("`{m}`"))
        .collect();
    if missing.len() > MISSING_LISTED {
        listed.push(format!("and {} more", missing.len() - MISSING_LISTED));
    }
    let count = match missing.len() {
        1 => "a property".to_string(),
        n => format!("{n} properties"),
    };
    findings.push(Finding {
        code: Code::ExampleMissingProperty,
        path: path.to_string(),
        message: format!(
            "the `{}` object lacks {count} that its JSON representation shows ({}), and the example is not marked `truncated`",
            owner.name,
            listed.join(", ")
        ),
    });
}

fn find_property<'a>(chain: &[&'a TypeDef], key: &str) -> Option<&'a Property> {
    chain
        .iter()
        .flat_map(|t| t.properties().iter())
        .find(|p| p.name == key)
}

#[cfg(test)]
#[path = "conform_tests.rs"]
mod tests;
