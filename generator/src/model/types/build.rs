//! One `TypeDef` per kept definition, with property types resolved against the registry.
//! Kinds (entity or complex), ancestors and recursion are filled in by the later steps.

use super::registry::{Body, Def, Found, Registry};
use crate::diag::{Code, Diagnostic, Span};
use crate::facts::page::PageHeader;
use crate::facts::resource::{PropertyFacts, ResourceFacts};
use crate::facts::typeref::{TypeSpec, TypeSpecKind};
use crate::ir::{
    EnumBody, EnumMember, Property, StructBody, TypeBody, TypeDef, TypeRef, TypeRefKind,
};
use std::collections::BTreeSet;

/// A type under construction, index-aligned with `Registry::defs`.
#[derive(Clone, Debug)]
pub struct Work {
    pub def: TypeDef,
    /// Side facts of each property, aligned with `def.properties`.
    pub props: Vec<PropInfo>,
    /// The resolved base (index into the registry), set by the inheritance step.
    pub base: Option<usize>,
    /// All bases, nearest first (indexes), set by the inheritance step.
    pub ancestors: Vec<usize>,
}

#[derive(Clone, Debug, Default)]
pub struct PropInfo {
    /// The registry index of the property's type, when it is a model type.
    pub target: Option<usize>,
    /// What the description said about nullability.
    pub explicit_nullable: Option<bool>,
}

/// Indexes of the `X values` sections that some property refers to.
pub fn referenced_sections(registry: &Registry<'_>) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    for def in &registry.defs {
        let Body::Resource(resource) = def.body else {
            continue;
        };
        let sources = std::iter::once((def.page, resource)).chain(def.merged.iter().copied());
        for (page, facts) in sources {
            for property in &facts.properties {
                let spec = &property.type_spec;
                if spec.kind != TypeSpecKind::Named {
                    continue;
                }
                let found = registry.lookup(
                    &spec.name,
                    spec.namespace.as_deref(),
                    spec.link.as_deref(),
                    page,
                );
                if let Found::Section(i) = found {
                    out.insert(i);
                }
            }
        }
    }
    out
}

pub fn build_defs(registry: &Registry<'_>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Work> {
    registry
        .defs
        .iter()
        .map(|def| match def.body {
            Body::Resource(resource) => resource_work(def, resource, registry, diagnostics),
            Body::Enum(facts) => Work {
                def: TypeDef {
                    name: def.name.clone(),
                    namespace: def.namespace.clone(),
                    description: facts.description.clone(),
                    workload: def.page.workload.clone(),
                    source: facts.span.clone(),
                    body: TypeBody::Enum(EnumBody {
                        members: facts
                            .members
                            .iter()
                            .map(|m| EnumMember {
                                name: m.name.clone(),
                                value: m.value,
                                description: m.description.clone(),
                                source: m.span.clone(),
                            })
                            .collect(),
                        flags: facts.flags,
                    }),
                },
                props: Vec::new(),
                base: None,
                ancestors: Vec::new(),
            },
        })
        .collect()
}

fn resource_work(
    def: &Def<'_>,
    resource: &ResourceFacts,
    registry: &Registry<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Work {
    let mut properties = Vec::with_capacity(resource.properties.len());
    let mut props = Vec::with_capacity(resource.properties.len());
    let mut seen = BTreeSet::new();
    // The definition's own rows, then those of merged duplicates that it lacks (each resolved
    // from its own page, whose links are relative to it).
    let sources = std::iter::once((def.page, resource)).chain(def.merged.iter().copied());
    for (page, facts) in sources {
        for row in &facts.properties {
            if !seen.insert(row.name.to_lowercase()) {
                continue;
            }
            let optional = facts.optional_properties.iter().any(|o| o == &row.name);
            let (property, info) = property(registry, row, def, page, optional, diagnostics);
            properties.push(property);
            props.push(info);
        }
    }
    let example_properties = example_properties(resource, &properties);
    Work {
        def: TypeDef {
            name: def.name.clone(),
            namespace: def.namespace.clone(),
            description: resource.description.clone(),
            workload: def.page.workload.clone(),
            source: resource.span.clone(),
            // Entity or complex is decided by the inheritance step.
            body: TypeBody::Complex(StructBody {
                ancestors: Vec::new(),
                is_abstract: resource.is_abstract,
                open: resource.open,
                key: resource.key.clone(),
                properties,
                derived: Vec::new(),
                example_properties,
            }),
        },
        props,
        base: None,
        ancestors: Vec::new(),
    }
}

/// The JSON representation's keys that name a property (spelled as the property), minus the
/// annotation's `optionalProperties`: what a complete example shows.
fn example_properties(resource: &ResourceFacts, properties: &[Property]) -> Vec<String> {
    let Some(json) = &resource.json else {
        return Vec::new();
    };
    let optional: BTreeSet<String> = resource
        .optional_properties
        .iter()
        .map(|o| o.to_lowercase())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for key in &json.properties {
        if optional.contains(&key.name.to_lowercase()) {
            continue;
        }
        let property = properties
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(&key.name));
        if let Some(p) = property.filter(|p| !out.contains(&p.name)) {
            out.push(p.name.clone());
        }
    }
    out
}

fn property(
    registry: &Registry<'_>,
    facts: &PropertyFacts,
    owner: &Def<'_>,
    page: &PageHeader,
    optional: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Property, PropInfo) {
    let resolved = resolve_property(registry, facts, owner, page, diagnostics);
    let possible_values = match (&resolved.kind, resolved.name.as_str()) {
        (TypeRefKind::Primitive, "String") if !resolved.section_values.is_empty() => {
            resolved.section_values
        }
        (TypeRefKind::Primitive, "String") => facts.possible_values.clone(),
        _ => Vec::new(),
    };
    let property = Property {
        name: facts.name.clone(),
        type_ref: TypeRef {
            name: resolved.name,
            kind: resolved.kind,
            collection: facts.type_spec.collection,
        },
        // Key properties become non-nullable in the inheritance step.
        nullable: facts.nullable.unwrap_or(true) || optional,
        read_only: facts.read_only,
        navigation: facts.navigation,
        recursive: false,
        description: facts.description.clone(),
        possible_values,
        source: facts.span.clone(),
    };
    let info = PropInfo {
        target: resolved.target,
        explicit_nullable: facts.nullable,
    };
    (property, info)
}

struct Resolved {
    name: String,
    kind: TypeRefKind,
    target: Option<usize>,
    /// Members of a `null`-listing `X values` section the type pointed at.
    section_values: Vec<String>,
}

fn written_name(spec: &TypeSpec) -> String {
    match &spec.namespace {
        Some(ns) => format!("{ns}.{}", spec.name),
        None => spec.name.clone(),
    }
}

fn resolve_property(
    registry: &Registry<'_>,
    facts: &PropertyFacts,
    owner: &Def<'_>,
    page: &PageHeader,
    diagnostics: &mut Vec<Diagnostic>,
) -> Resolved {
    let spec = &facts.type_spec;
    let plain = |name: &str, kind| Resolved {
        name: name.to_string(),
        kind,
        target: None,
        section_values: Vec::new(),
    };
    match spec.kind {
        TypeSpecKind::Primitive => plain(&spec.name, TypeRefKind::Primitive),
        // Unreadable cells were reported by the facts stage.
        TypeSpecKind::Json | TypeSpecKind::Unknown => plain("Json", TypeRefKind::Json),
        TypeSpecKind::Named => named(registry, facts, owner, page, diagnostics),
    }
}

fn named(
    registry: &Registry<'_>,
    facts: &PropertyFacts,
    owner: &Def<'_>,
    page: &PageHeader,
    diagnostics: &mut Vec<Diagnostic>,
) -> Resolved {
    let spec = &facts.type_spec;
    match registry.lookup(
        &spec.name,
        spec.namespace.as_deref(),
        spec.link.as_deref(),
        page,
    ) {
        Found::Def(i) => {
            let (name, kind) = match registry.def(i) {
                Some(d) => match d.body {
                    // Entity or complex is decided by the inheritance step.
                    Body::Resource(_) => (d.name.clone(), TypeRefKind::Complex),
                    Body::Enum(_) => (d.name.clone(), TypeRefKind::Enum),
                },
                None => (written_name(spec), TypeRefKind::Unresolved),
            };
            Resolved {
                name,
                kind,
                target: Some(i),
                section_values: Vec::new(),
            }
        }
        Found::Section(i) => {
            let values: Vec<String> = registry
                .sections
                .get(i)
                .map(|s| s.facts.members.iter().map(|m| m.name.clone()).collect())
                .unwrap_or_default();
            let span = registry
                .sections
                .get(i)
                .map(|s| s.facts.span.clone())
                .unwrap_or_default();
            diagnostics.push(
                Diagnostic::new(
                    Code::TypeOddSpelling,
                    facts.span.clone(),
                    format!(
                        "property `{}` of `{}`: `{}` is documented like an enum but lists `null`; read as String",
                        facts.name, owner.name, spec.name
                    ),
                )
                .with_related(span, "the values section"),
            );
            let values = values
                .into_iter()
                .filter(|v| !v.eq_ignore_ascii_case("null"))
                .collect();
            Resolved {
                name: "String".to_string(),
                kind: TypeRefKind::Primitive,
                target: None,
                section_values: values,
            }
        }
        Found::Missing => {
            let written = written_name(spec);
            let link = spec
                .link
                .as_deref()
                .map(|l| format!(" (link `{l}`)"))
                .unwrap_or_default();
            diagnostics.push(Diagnostic::new(
                Code::TypeUnresolved,
                facts.span.clone(),
                format!(
                    "property `{}` of `{}`: no page defines the type `{written}`{link}",
                    facts.name, owner.name
                ),
            ));
            Resolved {
                name: written,
                kind: TypeRefKind::Unresolved,
                target: None,
                section_values: Vec::new(),
            }
        }
    }
}

/// The span of a definition, for related notes.
pub fn def_span(registry: &Registry<'_>, index: usize) -> Span {
    registry
        .def(index)
        .map(|d| d.span().clone())
        .unwrap_or_default()
}
