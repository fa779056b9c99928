//! The emit plan for types: every Rust name decided at once, over whole sets, before any token is
//! built. Deciding names up front is what makes collisions resolvable deterministically (the
//! first holder in model order keeps a name) and lets every file be emitted independently.

use crate::diag::{Code, Diagnostic};
use crate::ir::{EnumMember, Method, Model, Property, TypeDef, TypeRefKind};
use crate::naming::{self, Case, Request};
use std::collections::{BTreeMap, BTreeSet};

/// docgen's own field in every struct: the JSON properties the docs do not list.
pub const ADDITIONAL_PROPERTIES: &str = "additional_properties";
/// docgen's own variant in every enum, for a member the docs do not list: the first of these
/// that no documented member is called, so a documented `other` keeps its own name.
pub const CATCH_ALL_VARIANTS: [&str; 4] = ["Other", "OtherValue", "Undocumented", "UnknownValue"];

/// The Rust shape of a value, before it becomes tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scalar {
    /// String and Stream.
    String,
    /// One of the runtime's lossless text newtypes, `crate::runtime::<name>`: Guid, Date,
    /// DateTimeOffset, TimeOfDay, Duration, Binary (the text as sent, parsed on demand).
    Text(&'static str),
    Bool,
    I8,
    U8,
    I16,
    I32,
    /// Not an Edm type: `$top` and `$skip` counts.
    U32,
    I64,
    F32,
    F64,
    /// `crate::types::<rust>`.
    Named {
        rust: String,
        is_enum: bool,
    },
    /// `serde_json::Value`.
    Json,
}

impl Scalar {
    /// The Rust type for an Edm primitive name. Unknown names are strings (the docs' `String`
    /// spellings are normalised by stage 2, so this only catches model bugs).
    pub fn primitive(name: &str) -> Scalar {
        match name {
            "Boolean" => Scalar::Bool,
            "Byte" => Scalar::U8,
            "SByte" => Scalar::I8,
            "Int16" => Scalar::I16,
            "Int32" => Scalar::I32,
            "Int64" => Scalar::I64,
            "Single" => Scalar::F32,
            "Double" | "Decimal" => Scalar::F64,
            "Guid" => Scalar::Text("Guid"),
            "Date" => Scalar::Text("Date"),
            "DateTimeOffset" => Scalar::Text("DateTimeOffset"),
            "TimeOfDay" => Scalar::Text("TimeOfDay"),
            "Duration" => Scalar::Text("Duration"),
            "Binary" => Scalar::Text("Binary"),
            _ => Scalar::String,
        }
    }
}

/// A property's Rust type: the scalar, in a `Vec` for collections, boxed to break a cycle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueType {
    pub scalar: Scalar,
    pub collection: bool,
    pub boxed: bool,
}

#[derive(Clone, Debug)]
pub struct FieldPlan<'m> {
    pub property: &'m Property,
    pub rust: String,
    pub value: ValueType,
}

#[derive(Clone, Debug)]
pub struct VariantPlan<'m> {
    pub member: &'m EnumMember,
    pub rust: String,
}

#[derive(Clone, Debug)]
pub struct TypePlan<'m> {
    pub def: &'m TypeDef,
    pub rust: String,
    /// File stem of `src/types/<module>.rs`, also the module name.
    pub module: String,
    /// Name of the `<Type>Update` struct, when an operation PATCHes this type.
    pub update: Option<String>,
    /// For structs: own and inherited properties (base chain first; a redefinition wins).
    pub fields: Vec<FieldPlan<'m>>,
    /// For enums: one variant per distinct member.
    pub variants: Vec<VariantPlan<'m>>,
    /// For enums: the variant holding a value the docs do not list (see [`CATCH_ALL_VARIANTS`]).
    pub catch_all: &'static str,
    /// Pages whose text the file shows (the type's and its base types').
    pub pages: BTreeSet<String>,
    /// Cargo features any of which compiles this type (see `plan/features.rs`); empty: always.
    pub features: Vec<String>,
}

impl TypePlan<'_> {
    pub fn is_enum(&self) -> bool {
        self.def.is_enum()
    }
}

/// Names and shapes of every type.
#[derive(Clone, Debug, Default)]
pub struct TypesPlan<'m> {
    /// By model name.
    pub types: BTreeMap<&'m str, TypePlan<'m>>,
}

impl<'m> TypesPlan<'m> {
    pub fn get(&self, name: &str) -> Option<&TypePlan<'m>> {
        self.types.get(name)
    }

    /// The Rust scalar for a reference to a type; `None` when the reference names a structured or
    /// enum type that the model does not define (a model inconsistency: emitted as JSON).
    pub fn scalar(&self, type_name: &str, kind: TypeRefKind) -> Option<Scalar> {
        match kind {
            TypeRefKind::Primitive => Some(Scalar::primitive(type_name)),
            TypeRefKind::Json | TypeRefKind::Unresolved => Some(Scalar::Json),
            TypeRefKind::Entity | TypeRefKind::Complex | TypeRefKind::Enum => {
                self.types.get(type_name).map(|t| Scalar::Named {
                    rust: t.rust.clone(),
                    is_enum: t.is_enum(),
                })
            }
        }
    }
}

/// Model names of the types that some operation PATCHes as a whole object.
pub fn patched_types(model: &Model) -> BTreeSet<&str> {
    model
        .operations
        .iter()
        .filter(|op| op.method == Method::Patch)
        .filter_map(|op| op.request_body.as_ref())
        .filter_map(|body| body.type_ref.as_ref())
        .filter(|t| !t.collection && t.is_struct())
        .map(|t| t.name.as_str())
        .filter(|name| model.type_by_name(name).is_some_and(|t| !t.is_enum()))
        .collect()
}

pub fn plan_types<'m>(model: &'m Model, diagnostics: &mut Vec<Diagnostic>) -> TypesPlan<'m> {
    let defs: Vec<&TypeDef> = model.types.iter().collect();

    // Type names, then the update structs' names, in one namespace (`crate::types`).
    let requests: Vec<Request> = defs
        .iter()
        .map(|t| Request::new(&t.name, naming::pascal(&t.name), t.source.clone()))
        .collect();
    let (rust_names, diags) =
        naming::resolve("the types of `crate::types`", &[], &requests, Case::Pascal);
    diagnostics.extend(diags);

    let patched = patched_types(model);
    let update_of: Vec<(usize, Request)> = defs
        .iter()
        .enumerate()
        .filter(|(_, t)| patched.contains(t.name.as_str()))
        .filter_map(|(i, t)| {
            let rust = rust_names.get(i)?;
            Some((
                i,
                Request::new(
                    format!("{} (update body)", t.name),
                    format!("{rust}Update"),
                    t.source.clone(),
                ),
            ))
        })
        .collect();
    let reserved: Vec<&str> = rust_names.iter().map(String::as_str).collect();
    let update_requests: Vec<Request> = update_of.iter().map(|(_, r)| r.clone()).collect();
    let (update_names, diags) = naming::resolve(
        "the types of `crate::types`",
        &reserved,
        &update_requests,
        Case::Pascal,
    );
    diagnostics.extend(diags);
    let updates: BTreeMap<usize, String> = update_of
        .iter()
        .map(|(i, _)| *i)
        .zip(update_names)
        .collect();

    // File stems (module names) in `src/types/`.
    let module_requests: Vec<Request> = defs
        .iter()
        .map(|t| Request::new(&t.name, naming::file_stem(&t.name), t.source.clone()))
        .collect();
    // `types` would be `crate::types::types` (clippy's `module_inception`).
    let (modules, diags) = naming::resolve(
        "the files of `src/types`",
        &["types"],
        &module_requests,
        Case::Snake,
    );
    diagnostics.extend(diags);

    let mut plan = TypesPlan::default();
    for (i, def) in defs.iter().enumerate() {
        let (Some(rust), Some(module)) = (rust_names.get(i), modules.get(i)) else {
            continue;
        };
        plan.types.insert(
            def.name.as_str(),
            TypePlan {
                def,
                rust: rust.clone(),
                module: module.clone(),
                update: updates.get(&i).cloned(),
                fields: Vec::new(),
                variants: Vec::new(),
                catch_all: CATCH_ALL_VARIANTS[0],
                pages: BTreeSet::new(),
                features: Vec::new(),
            },
        );
    }

    // Fields and variants need every type's Rust name, so they come second.
    let mut shapes = BTreeMap::new();
    for def in &defs {
        let (chain, pages) = base_chain(model, def);
        let shape = if def.is_enum() {
            (Vec::new(), Some(plan_variants(def, diagnostics)), pages)
        } else {
            (plan_fields(&plan, def, &chain, diagnostics), None, pages)
        };
        shapes.insert(def.name.as_str(), shape);
    }
    for (name, (fields, variants, pages)) in shapes {
        if let Some(t) = plan.types.get_mut(name) {
            t.fields = fields;
            if let Some((variants, catch_all)) = variants {
                t.variants = variants;
                t.catch_all = catch_all;
            }
            t.pages = pages;
        }
    }
    plan
}

/// The type and its bases (the model's ancestors), root first, and the pages they come from.
pub fn base_chain<'m>(model: &'m Model, def: &'m TypeDef) -> (Vec<&'m TypeDef>, BTreeSet<String>) {
    let mut chain: Vec<&TypeDef> = std::iter::once(def)
        .chain(
            def.ancestors()
                .iter()
                .map_while(|name| model.type_by_name(name).filter(|t| !t.is_enum())),
        )
        .collect();
    chain.reverse();
    let pages = chain.iter().map(|t| t.source.file.clone()).collect();
    (chain, pages)
}

/// Fields of a struct: base properties first, in chain order; a property the derived type
/// redefines keeps its place and takes the derived definition.
fn plan_fields<'m>(
    plan: &TypesPlan<'m>,
    def: &'m TypeDef,
    chain: &[&'m TypeDef],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<FieldPlan<'m>> {
    let mut properties: Vec<&'m Property> = Vec::new();
    for t in chain {
        for property in t.properties() {
            match properties.iter_mut().find(|p| p.name == property.name) {
                Some(slot) => *slot = property,
                None => properties.push(property),
            }
        }
    }
    let requests: Vec<Request> = properties
        .iter()
        .map(|p| Request::new(&p.name, naming::snake(&p.name), p.source.clone()))
        .collect();
    let what = format!("the fields of `{}`", def.name);
    let (names, diags) = naming::resolve(&what, &[ADDITIONAL_PROPERTIES], &requests, Case::Snake);
    // Inherited fields are renamed identically in every derived type; report each rename once,
    // on the type that declares the property.
    diagnostics.extend(
        diags
            .into_iter()
            .filter(|d| def.properties().iter().any(|p| p.source == d.span)),
    );
    properties
        .into_iter()
        .zip(names)
        .map(|(property, rust)| {
            let scalar = plan.scalar(&property.type_ref.name, property.type_ref.kind).unwrap_or_else(|| {
                diagnostics.push(Diagnostic::new(
                    Code::TypeUnresolved,
                    property.source.clone(),
                    format!(
                        "property `{}` of `{}` refers to `{}`, which the model does not define; it is emitted as untyped JSON",
                        property.name, def.name, property.type_ref.name
                    ),
                ));
                Scalar::Json
            });
            let value = ValueType { scalar, collection: property.type_ref.collection, boxed: property.recursive && !property.type_ref.collection };
            FieldPlan { property, rust, value }
        })
        .collect()
}

/// The variants of an enum's members and the name of its catch-all variant.
fn plan_variants<'m>(
    def: &'m TypeDef,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<VariantPlan<'m>>, &'static str) {
    // The same wire value twice would be an unreachable match arm: the first one wins (stage 3
    // reports the duplicate).
    let mut seen = BTreeSet::new();
    let members: Vec<&EnumMember> = def
        .members()
        .iter()
        .filter(|m| seen.insert(m.name.as_str()))
        .collect();
    let requests: Vec<Request> = members
        .iter()
        .map(|m| Request::new(&m.name, naming::pascal(&m.name), m.source.clone()))
        .collect();
    let catch_all = CATCH_ALL_VARIANTS
        .into_iter()
        .find(|name| requests.iter().all(|r| r.rust != *name))
        .unwrap_or(CATCH_ALL_VARIANTS[0]);
    let what = format!("the members of enum `{}`", def.name);
    let (names, diags) = naming::resolve(&what, &[catch_all], &requests, Case::Pascal);
    diagnostics.extend(diags);
    let variants = members
        .into_iter()
        .zip(names)
        .map(|(member, rust)| VariantPlan { member, rust })
        .collect();
    (variants, catch_all)
}
