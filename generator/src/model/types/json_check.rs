//! The JSON representation against the Properties table (`json-table-mismatch`, both places
//! named): a key the table lacks, a table property the JSON lacks (relationships excepted: the
//! docs leave them out on purpose), and values whose JSON kind or collection-ness differ.

use super::build::Work;
use super::registry::{Body, Found, Registry};
use crate::diag::{Code, Diagnostic};
use crate::facts::json_repr::JsonShape;
use crate::ir::{Property, TypeRefKind};
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wire {
    String,
    Number,
    Boolean,
    Object,
}

fn wire_of_primitive(name: &str) -> Option<Wire> {
    Some(match name {
        "Boolean" => Wire::Boolean,
        "Byte" | "SByte" | "Int16" | "Int32" | "Int64" | "Single" | "Double" | "Decimal" => {
            Wire::Number
        }
        "String" | "Guid" | "Date" | "DateTimeOffset" | "Duration" | "TimeOfDay" | "Binary"
        | "Stream" => Wire::String,
        _ => return None,
    })
}

fn wire_of_property(p: &Property) -> Option<Wire> {
    match p.type_ref.kind {
        TypeRefKind::Primitive => wire_of_primitive(&p.type_ref.name),
        TypeRefKind::Enum => Some(Wire::String),
        TypeRefKind::Entity | TypeRefKind::Complex => Some(Wire::Object),
        TypeRefKind::Json | TypeRefKind::Unresolved => None,
    }
}

fn wire_of_shape(shape: &JsonShape) -> Option<Wire> {
    match shape {
        JsonShape::Placeholder { primitive } => wire_of_primitive(primitive),
        JsonShape::Text { .. } => Some(Wire::String),
        JsonShape::Number { .. } => Some(Wire::Number),
        JsonShape::Boolean => Some(Wire::Boolean),
        JsonShape::Object { .. } => Some(Wire::Object),
        JsonShape::Array { .. } | JsonShape::Null => None,
    }
}

fn describe(shape: &JsonShape) -> String {
    match shape {
        JsonShape::Placeholder { primitive } => format!("a {primitive} placeholder"),
        JsonShape::Text { .. } => "a string".to_string(),
        JsonShape::Number { .. } => "a number".to_string(),
        JsonShape::Boolean => "a boolean".to_string(),
        JsonShape::Object {
            odata_type: Some(t),
        } => format!("a `{t}` object"),
        JsonShape::Object { odata_type: None } => "an object".to_string(),
        JsonShape::Array { .. } => "an array".to_string(),
        JsonShape::Null => "null".to_string(),
    }
}

pub fn check(work: &[Work], registry: &Registry<'_>, diagnostics: &mut Vec<Diagnostic>) {
    for (index, def) in registry.defs.iter().enumerate() {
        let Body::Resource(resource) = def.body else {
            continue;
        };
        let Some(json) = &resource.json else { continue };
        let Some(w) = work.get(index) else { continue };
        let chain = &w.ancestors;
        let table: BTreeSet<String> = resource
            .properties
            .iter()
            .map(|p| p.name.to_lowercase())
            .chain(
                chain
                    .iter()
                    .filter_map(|a| work.get(*a))
                    .flat_map(|a| a.def.properties().iter().map(|p| p.name.to_lowercase())),
            )
            .collect();
        let keys: BTreeSet<String> = json
            .properties
            .iter()
            .map(|k| k.name.to_lowercase())
            .collect();
        for key in json.properties.iter().filter(|k| !k.name.starts_with('@')) {
            if !table.contains(&key.name.to_lowercase()) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::JsonTableMismatch,
                        key.span.clone(),
                        format!(
                            "`{}`: the JSON representation has `{}`, the Properties table does not",
                            def.name, key.name
                        ),
                    )
                    .with_related(resource.span.clone(), "the type's tables"),
                );
                continue;
            }
            if let Some(property) = w
                .def
                .properties()
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(&key.name))
            {
                if let Some(problem) = compare(property, &key.shape, registry, work, w) {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::JsonTableMismatch,
                            key.span.clone(),
                            format!("`{}.{}`: {problem}", def.name, property.name),
                        )
                        .with_related(property.source.clone(), "the Properties table row"),
                    );
                }
            }
        }
        if keys.is_empty() {
            continue;
        }
        for property in &resource.properties {
            let skip = property.navigation
                || property.inherited_from.is_some()
                || property.name.starts_with('@');
            if !skip && !keys.contains(&property.name.to_lowercase()) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::JsonTableMismatch,
                        property.span.clone(),
                        format!(
                            "`{}`: the Properties table has `{}`, the JSON representation does not",
                            def.name, property.name
                        ),
                    )
                    .with_related(json.span.clone(), "the JSON representation"),
                );
            }
        }
    }
}

/// What disagrees between a table property and its JSON value, if anything.
fn compare(
    property: &Property,
    shape: &JsonShape,
    registry: &Registry<'_>,
    work: &[Work],
    owner: &Work,
) -> Option<String> {
    let (item, json_collection) = match shape {
        JsonShape::Null => return None,
        JsonShape::Array { item } => (item.as_deref(), true),
        other => (Some(other), false),
    };
    let table_says = if property.type_ref.collection {
        format!("a collection of {}", property.type_ref.name)
    } else {
        format!("a single {}", property.type_ref.name)
    };
    if json_collection != property.type_ref.collection {
        return Some(format!(
            "the JSON representation gives {}, the table says {table_says}",
            describe(shape)
        ));
    }
    let item = item?;
    let (Some(json_wire), Some(table_wire)) = (wire_of_shape(item), wire_of_property(property))
    else {
        return None;
    };
    if json_wire != table_wire {
        return Some(format!(
            "the JSON representation gives {}, the table says {}",
            describe(item),
            property.type_ref.name
        ));
    }
    if let JsonShape::Object {
        odata_type: Some(written),
    } = item
    {
        let target = owner
            .props
            .iter()
            .zip(owner.def.properties())
            .find(|(_, p)| p.name == property.name)?
            .0
            .target?;
        let page = registry.def(target)?.page;
        let (namespace, bare) = match written.rsplit_once('.') {
            Some((ns, bare)) => (Some(ns), bare),
            None => (None, written.as_str()),
        };
        if let Found::Def(found) = registry.lookup(bare, namespace, None, page) {
            if found != target {
                let name = registry
                    .def(found)
                    .map(|d| d.name.clone())
                    .unwrap_or_default();
                // A derived type in place of its base is fine; anything else is not.
                return (!derives_from(work, found, target)).then(|| {
                    format!(
                        "the JSON representation gives a `{name}` object, the table says {}",
                        property.type_ref.name
                    )
                });
            }
        }
    }
    None
}

/// Whether `base` is among the resolved ancestors of `derived`.
fn derives_from(work: &[Work], derived: usize, base: usize) -> bool {
    work.get(derived)
        .is_some_and(|w| w.ancestors.contains(&base))
}
