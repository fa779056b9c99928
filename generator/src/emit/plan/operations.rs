//! The emit plan for operations: struct, path-enum and body names, fields, body and response
//! shapes, decided over the whole set before any token is built.

use crate::diag::{Code, Diagnostic};
use crate::emit::plan::headers::{self, HeaderField, HEADERS_FIELD};
use crate::emit::plan::query::{self, SystemOption};
use crate::emit::plan::types::{FieldPlan, Scalar, TypesPlan, ValueType, ADDITIONAL_PROPERTIES};
use crate::ir::{Method, Model, Operation, PathTemplate, Property, SegmentPart, TypeRefKind};
use crate::naming::{self, Case, Request};
use std::collections::BTreeSet;

/// Field names every operation struct reserves for docgen's own fields.
pub const BODY_FIELD: &str = "body";
pub const PATH_FIELD: &str = "path";
pub const EXTRA_QUERY_FIELD: &str = "additional_query";

#[derive(Clone, Debug)]
pub struct OpPlan<'m> {
    pub op: &'m Operation,
    pub rust: String,
    /// File stem of `src/operations/<module>.rs`.
    pub module: String,
    pub feature: String,
    pub templates: Vec<TemplatePlan<'m>>,
    /// The path enum's name when there are several templates; one per file and set of
    /// templates, shared by its operations (`share` in plan/paths.rs).
    pub path_enum: Option<String>,
    /// The operations using the path enum, when this one emits it (else empty), and their features.
    pub path_users: Vec<String>,
    pub path_features: Vec<String>,
    pub query: Vec<QueryField<'m>>,
    /// The page's request headers, sent as headers.
    pub headers: Vec<HeaderField<'m>>,
    pub body: BodyPlan<'m>,
    pub response: ResponsePlan,
}

#[derive(Clone, Debug)]
pub struct TemplatePlan<'m> {
    pub template: &'m PathTemplate,
    /// The path enum's variant (unused with a single template).
    pub variant: String,
    /// One per parameter occurrence, in path order.
    pub params: Vec<ParamField>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamField {
    pub wire: String,
    pub rust: String,
    /// Whether an earlier segment of the same template already used this wire name.
    pub repeated: bool,
}

pub use super::query::QueryField;

#[derive(Clone, Debug)]
pub enum BodyPlan<'m> {
    None,
    /// JSON of a type from `crate::types` (or a primitive, a Vec, untyped JSON).
    Value(ValueType),
    /// An emitted `<Op>Body` struct of the action's parameters.
    Struct {
        rust: String,
        fields: Vec<FieldPlan<'m>>,
    },
    /// Raw bytes (`Stream` bodies).
    Raw,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResponsePlan {
    /// No content: `()`.
    Empty,
    /// A JSON value.
    Json(ValueType),
    /// `crate::runtime::Collection<T>`.
    Collection(Scalar),
    /// Raw bytes (`Stream` responses).
    Raw,
}

pub fn plan_operations<'m>(
    model: &'m Model,
    types: &TypesPlan<'m>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<OpPlan<'m>> {
    let ops: Vec<&Operation> = model
        .operations
        .iter()
        .filter(|op| {
            let usable = !op.paths.is_empty();
            if !usable {
                diagnostics.push(Diagnostic::new(
                    Code::Unsupported,
                    op.source.clone(),
                    format!(
                        "operation `{}` has no path template; no request value is emitted for it",
                        op.name
                    ),
                ));
            }
            usable
        })
        .collect();

    let requests: Vec<Request> = ops
        .iter()
        .map(|op| Request::new(&op.name, naming::pascal(&op.name), op.source.clone()))
        .collect();
    let (names, diags) = naming::resolve(
        "the operations of `crate::operations`",
        &[],
        &requests,
        Case::Pascal,
    );
    diagnostics.extend(diags);

    // Body structs and path enums share the namespace; operations keep their names first.
    let mut extra_requests = Vec::new();
    let mut extra_of = Vec::new();
    for (i, (op, rust)) in ops.iter().zip(&names).enumerate() {
        let needs_body_struct = op
            .request_body
            .as_ref()
            .is_some_and(|b| b.type_ref.is_none() && !b.parameters.is_empty());
        if needs_body_struct {
            extra_of.push((i, true));
            extra_requests.push(Request::new(
                format!("{} (body)", op.name),
                format!("{rust}Body"),
                op.source.clone(),
            ));
        }
        if op.paths.len() > 1 {
            extra_of.push((i, false));
            extra_requests.push(Request::new(
                format!("{} (path)", op.name),
                format!("{rust}Path"),
                op.source.clone(),
            ));
        }
    }
    let reserved: Vec<&str> = names.iter().map(String::as_str).collect();
    let (extra_names, diags) = naming::resolve(
        "the operations of `crate::operations`",
        &reserved,
        &extra_requests,
        Case::Pascal,
    );
    diagnostics.extend(diags);

    let mut plans = Vec::with_capacity(ops.len());
    for (i, (op, rust)) in ops.iter().zip(names).enumerate() {
        let extra = |body: bool| {
            extra_of
                .iter()
                .zip(&extra_names)
                .find(|((j, b), _)| *j == i && *b == body)
                .map(|(_, n)| n.clone())
        };
        let response = plan_response(op, types);
        let returns = match &response {
            ResponsePlan::Collection(scalar) => Some((scalar, true)),
            ResponsePlan::Json(value) => Some((&value.scalar, value.collection)),
            ResponsePlan::Empty | ResponsePlan::Raw => None,
        };
        let system = query::system_options(op.method, returns);
        let (templates, query, headers) = plan_fields(op, types, system, diagnostics);
        let body = plan_body(op, types, extra(true), diagnostics);
        plans.push(OpPlan {
            op,
            rust,
            module: group_module(&op.group),
            feature: naming::feature_name(&op.workload),
            templates,
            path_enum: extra(false),
            path_users: Vec::new(),
            path_features: Vec::new(),
            query,
            headers,
            body,
            response,
        });
    }
    plans
}

/// The file stem of an operation group. Groups whose stems are equal share the file; the stem
/// `operations` is taken by the parent module (clippy's `module_inception`).
fn group_module(group: &str) -> String {
    match naming::file_stem(group) {
        stem if stem == "operations" => "operations_".to_string(),
        stem => stem,
    }
}

/// Path parameters (per template) and query fields, named over one set per operation.
fn plan_fields<'m>(
    op: &'m Operation,
    types: &TypesPlan<'m>,
    system: &[SystemOption],
    diagnostics: &mut Vec<Diagnostic>,
) -> (
    Vec<TemplatePlan<'m>>,
    Vec<QueryField<'m>>,
    Vec<HeaderField<'m>>,
) {
    // A parameter is keyed by its wire name and which occurrence of it in its template it is,
    // so `/a/{id}/b/{id}` gets two fields (`id`, `id_2`).
    let mut keys: Vec<(String, usize)> = Vec::new();
    for template in &op.paths {
        let mut count = std::collections::BTreeMap::<&str, usize>::new();
        for name in template.parameters() {
            let n = count.entry(name).or_default();
            let key = (name.to_string(), *n);
            *n += 1;
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    let mut requests: Vec<Request> = keys
        .iter()
        .map(|(wire, _)| Request::new(wire, naming::snake(wire), op.source.clone()))
        .collect();
    let (page, added) = query::merge(op, system);
    requests.extend(
        page.iter()
            .map(|q| Request::new(&q.name, naming::snake(&q.name), q.source.clone())),
    );
    requests.extend(
        added
            .iter()
            .map(|o| Request::new(o.wire(), naming::snake(o.wire()), op.source.clone())),
    );
    let header_params = headers::documented(op);
    requests.extend(
        header_params
            .iter()
            .map(|(name, p)| Request::new(name, naming::snake(&p.name), p.source.clone())),
    );
    let what = format!("the fields of operation `{}`", op.name);
    let (names, diags) = naming::resolve(
        &what,
        &[BODY_FIELD, PATH_FIELD, EXTRA_QUERY_FIELD, HEADERS_FIELD],
        &requests,
        Case::Snake,
    );
    diagnostics.extend(diags);
    let (param_names, rest) = names.split_at(keys.len().min(names.len()));
    let (query_names, header_names) = rest.split_at((page.len() + added.len()).min(rest.len()));

    let variants = variant_names(op, diagnostics);
    let templates = op
        .paths
        .iter()
        .zip(variants)
        .map(|(template, variant)| {
            let mut count = std::collections::BTreeMap::<&str, usize>::new();
            let params = template
                .parameters()
                .map(|name| {
                    let n = count.entry(name).or_default();
                    let key = (name.to_string(), *n);
                    *n += 1;
                    let rust = keys
                        .iter()
                        .position(|k| *k == key)
                        .and_then(|i| param_names.get(i))
                        .cloned()
                        .unwrap_or_else(|| naming::snake(name));
                    ParamField {
                        wire: name.to_string(),
                        rust,
                        repeated: key.1 > 0,
                    }
                })
                .collect();
            TemplatePlan {
                template,
                variant,
                params,
            }
        })
        .collect();

    let query = query::query_fields(&page, &added, query_names, types);
    let headers = header_params
        .into_iter()
        .zip(header_names)
        .map(|((name, param), rust)| HeaderField {
            name,
            param,
            rust: rust.clone(),
        })
        .collect();
    (templates, query, headers)
}

/// Path enum variants named after the literal segments that tell the templates apart
/// (`/me/events` and `/users/{id}/events` give `Me` and `Users`); templates that differ only in
/// parameters fall back to all their literals, and any remaining tie gets a number.
fn variant_names(op: &Operation, diagnostics: &mut Vec<Diagnostic>) -> Vec<String> {
    let literals: Vec<Vec<String>> = op
        .paths
        .iter()
        .map(|t| {
            t.segments
                .iter()
                .filter_map(|s| match s.parts.as_slice() {
                    [SegmentPart::Literal(text)] => Some(text.clone()),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let common: BTreeSet<&String> = literals
        .first()
        .map(|first| {
            first
                .iter()
                .filter(|l| literals.iter().all(|other| other.contains(l)))
                .collect()
        })
        .unwrap_or_default();
    let requests: Vec<Request> = op
        .paths
        .iter()
        .zip(&literals)
        .map(|(template, lits)| {
            let distinct: Vec<&str> = lits
                .iter()
                .filter(|l| !common.contains(l))
                .map(String::as_str)
                .collect();
            let words = if distinct.is_empty() {
                lits.iter().map(String::as_str).collect()
            } else {
                distinct
            };
            let name = if words.is_empty() {
                "root".to_string()
            } else {
                words.join(" ")
            };
            Request::new(
                &template.template,
                naming::pascal(&name),
                template.source.clone(),
            )
        })
        .collect();
    let what = format!("the paths of operation `{}`", op.name);
    let (names, diags) = naming::resolve(&what, &[], &requests, Case::Pascal);
    if op.paths.len() > 1 {
        diagnostics.extend(diags);
    }
    names
}

fn plan_body<'m>(
    op: &'m Operation,
    types: &TypesPlan<'m>,
    struct_name: Option<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BodyPlan<'m> {
    let Some(body) = &op.request_body else {
        return BodyPlan::None;
    };
    match &body.type_ref {
        Some(t) if t.kind == TypeRefKind::Primitive && t.name == "Stream" => BodyPlan::Raw,
        Some(t) => {
            let is_patch = op.method == Method::Patch;
            let update = types
                .get(&t.name)
                .and_then(|plan| plan.update.clone())
                .filter(|_| is_patch && !t.collection);
            let scalar = match update {
                Some(rust) => Scalar::Named {
                    rust,
                    is_enum: false,
                },
                None => types.scalar(&t.name, t.kind).unwrap_or(Scalar::Json),
            };
            BodyPlan::Value(ValueType {
                scalar,
                collection: t.collection,
                boxed: false,
            })
        }
        None => match struct_name {
            Some(rust) => {
                let what = format!("the body of operation `{}`", op.name);
                BodyPlan::Struct {
                    rust,
                    fields: body_fields(&what, &body.parameters, types, diagnostics),
                }
            }
            None => BodyPlan::None,
        },
    }
}

/// Fields of an action's `<Op>Body` struct.
pub fn body_fields<'m>(
    what: &str,
    parameters: &'m [Property],
    types: &TypesPlan<'m>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<FieldPlan<'m>> {
    let mut seen = BTreeSet::new();
    let parameters: Vec<&Property> = parameters
        .iter()
        .filter(|p| seen.insert(p.name.as_str()))
        .collect();
    let requests: Vec<Request> = parameters
        .iter()
        .map(|p| Request::new(&p.name, naming::snake(&p.name), p.source.clone()))
        .collect();
    let (names, diags) = naming::resolve(what, &[ADDITIONAL_PROPERTIES], &requests, Case::Snake);
    diagnostics.extend(diags);
    parameters
        .into_iter()
        .zip(names)
        .map(|(property, rust)| {
            let scalar = types
                .scalar(&property.type_ref.name, property.type_ref.kind)
                .unwrap_or(Scalar::Json);
            FieldPlan {
                property,
                rust,
                value: ValueType {
                    scalar,
                    collection: property.type_ref.collection,
                    boxed: false,
                },
            }
        })
        .collect()
}

/// The response shape. A primitive that is not a collection is parsed as untyped JSON: Graph
/// wraps function results in `{"value": ...}` but serves `$count` as bare text, and the docs do
/// not say which a page is.
fn plan_response(op: &Operation, types: &TypesPlan<'_>) -> ResponsePlan {
    let Some(response) = &op.response else {
        return ResponsePlan::Json(ValueType {
            scalar: Scalar::Json,
            collection: false,
            boxed: false,
        });
    };
    let Some(t) = &response.type_ref else {
        return ResponsePlan::Empty;
    };
    if t.kind == TypeRefKind::Primitive && t.name == "Stream" {
        return ResponsePlan::Raw;
    }
    let scalar = types.scalar(&t.name, t.kind).unwrap_or(Scalar::Json);
    if t.collection {
        ResponsePlan::Collection(scalar)
    } else if t.kind == TypeRefKind::Primitive {
        ResponsePlan::Json(ValueType {
            scalar: Scalar::Json,
            collection: false,
            boxed: false,
        })
    } else {
        ResponsePlan::Json(ValueType {
            scalar,
            collection: false,
            boxed: false,
        })
    }
}
