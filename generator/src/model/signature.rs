//! What an operation takes and returns: request body, response, query and header parameters,
//! each resolved through the type index.

use super::lookup::{find_type, is_same_or_derived, resolve_spec, resolve_text};
use super::types::TypeIndex;
use crate::diag::{Code, Diagnostic, Span};
use crate::facts::api::{ApiFacts, BodyTable};
use crate::facts::example::is_internal_type_name;
use crate::facts::params::ParamFacts;
use crate::facts::sections::TypeMention;
use crate::ir::text::{Description, Paragraph};
use crate::ir::Example;
use crate::ir::{Parameter, Property, RequestBody, Response, TypeRef, TypeRefKind};

/// A prose type mention resolved; unlinked words that name no type are not types at all.
pub fn resolve_mention(
    types: &TypeIndex,
    mention: &TypeMention,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TypeRef> {
    let page = mention.span.file.as_str();
    let mut resolved = resolve_text(types, &mention.name, mention.link.as_deref(), page);
    resolved.collection |= mention.collection;
    match resolved.kind {
        TypeRefKind::Unresolved if mention.link.is_some() => {
            diagnostics.push(Diagnostic::new(
                Code::TypeUnresolved,
                mention.span.clone(),
                format!(
                    "`{}` names a type that no page in the input defines",
                    mention.name
                ),
            ));
            Some(resolved)
        }
        TypeRefKind::Unresolved | TypeRefKind::Json => None,
        _ => Some(resolved),
    }
}

/// One source's claim about the returned type.
struct Claim {
    resolved: TypeRef,
    from: &'static str,
    span: Span,
}

/// The response: status from the prose, else the first example; type from the first example's
/// annotation, else the prose, else the example body's `@odata.type`. Claims that name
/// unrelated types are `response-type-mismatch`.
pub fn response(
    facts: &ApiFacts,
    subject_span: &Span,
    types: &TypeIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Response> {
    let example = facts.examples.iter().find_map(|e| e.response.as_ref());
    let status = facts
        .response
        .status
        .or_else(|| example.and_then(|r| r.status));
    let mut claims = Vec::new();
    if let Some(example) = example {
        let usable = example
            .odata_type
            .as_deref()
            .filter(|t| !t.contains("$(") && !is_internal_type_name(t));
        if let Some(written) = usable {
            let mut resolved = resolve_text(types, written, None, &example.source.file);
            if let Some(is_collection) = example.is_collection {
                resolved.collection = is_collection;
            } else if let Some(prose) = &facts.response.type_mention {
                resolved.collection |= prose.collection;
            }
            if resolved.kind == TypeRefKind::Unresolved {
                diagnostics.push(Diagnostic::new(
                    Code::TypeUnresolved,
                    example.source.clone(),
                    format!("the response annotation's @odata.type `{written}` names a type no page defines"),
                ));
            }
            claims.push(Claim {
                resolved,
                from: "the response annotation",
                span: example.source.clone(),
            });
        }
    }
    if let Some(mention) = &facts.response.type_mention {
        if let Some(resolved) = resolve_mention(types, mention, diagnostics) {
            claims.push(Claim {
                resolved,
                from: "the response prose",
                span: mention.span.clone(),
            });
        }
    }
    if let Some(example) = example {
        if let Some(written) = body_odata_type(example.body.json.as_ref()) {
            let resolved = resolve_text(types, &written, None, &example.source.file);
            if resolved.is_model_type() {
                claims.push(Claim {
                    resolved,
                    from: "the response example's @odata.type",
                    span: example.source.clone(),
                });
            }
        }
    }
    report_disagreements(&claims, types, diagnostics);
    if let Some(example) = example {
        let known = claims
            .iter()
            .find(|c| c.resolved.kind != TypeRefKind::Unresolved);
        let known = known.map(|c| &c.resolved);
        if let Some((resolved, span)) =
            super::scalar_response::read(facts, known, example, diagnostics)
        {
            claims.insert(
                0,
                Claim {
                    resolved,
                    from: "the response example's `{\"value\": ...}`",
                    span,
                },
            );
        }
    }
    let chosen = claims
        .iter()
        .find(|c| c.resolved.kind != TypeRefKind::Unresolved)
        .or(claims.first());
    let source = facts
        .response
        .span
        .clone()
        .unwrap_or_else(|| subject_span.clone());
    let example_has_body = example
        .and_then(|e| e.body.json.as_ref())
        .is_some_and(|json| json.as_object().is_some_and(|o| !o.is_empty()) || json.is_array());
    if chosen.is_none() && example_has_body && matches!(status, None | Some(200 | 201)) {
        diagnostics.push(Diagnostic::new(
            Code::ResponseTypeUnknown,
            source.clone(),
            "the response example has a body, but neither the response prose, the annotation nor the body names its type",
        ));
    }
    match (status, chosen) {
        (None, None) => None,
        (status, chosen) => Some(Response {
            status: status.unwrap_or(200),
            type_ref: chosen.map(|c| c.resolved.clone()),
            source,
        }),
    }
}

fn report_disagreements(claims: &[Claim], types: &TypeIndex, diagnostics: &mut Vec<Diagnostic>) {
    let resolved: Vec<&Claim> = claims
        .iter()
        .filter(|c| c.resolved.is_model_type())
        .collect();
    let Some(first) = resolved.first() else {
        return;
    };
    for other in resolved.iter().skip(1) {
        let (a, b) = (&first.resolved.name, &other.resolved.name);
        if is_same_or_derived(types, a, b) || is_same_or_derived(types, b, a) {
            continue;
        }
        diagnostics.push(
            Diagnostic::new(
                Code::ResponseTypeMismatch,
                first.span.clone(),
                format!(
                    "{} says the response is `{a}`, {} says `{b}`; `{a}` was kept",
                    first.from, other.from
                ),
            )
            .with_related(other.span.clone(), format!("{} names `{b}`", other.from)),
        );
    }
}

/// `@odata.type` of a body object, or of the first item of `{"value": [...]}`.
pub fn body_odata_type(json: Option<&serde_json::Value>) -> Option<String> {
    let json = json?;
    let object = match json.get("value") {
        Some(serde_json::Value::Array(items)) => items.first()?,
        _ => json,
    };
    object
        .get("@odata.type")
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// The request body: the prose type, else the page's subject for an update, else the table's
/// rows as parameters, else the example body's `@odata.type`.
pub fn request_body(
    facts: &ApiFacts,
    method: &str,
    subject: Option<&TypeRef>,
    types: &TypeIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<RequestBody> {
    let body = &facts.body;
    if body.none && !body_kept_despite_none(facts, method, diagnostics)
        || matches!(method, "GET" | "DELETE") && body.rows.is_empty() && body.type_mention.is_none()
    {
        return None;
    }
    let span = body
        .span
        .clone()
        .unwrap_or_else(|| facts.title_span.clone());
    let typed = |resolved: &TypeRef| RequestBody {
        type_ref: Some(resolved.clone()),
        parameters: Vec::new(),
        source: span.clone(),
    };
    if let Some(resolved) = body
        .type_mention
        .as_ref()
        .and_then(|m| resolve_mention(types, m, diagnostics))
    {
        return Some(typed(&resolved));
    }
    let update = matches!(method, "PATCH" | "PUT");
    if let Some(subject) =
        subject.filter(|s| update && s.is_model_type() && body.table != Some(BodyTable::Parameters))
    {
        return Some(typed(&TypeRef {
            collection: false,
            ..subject.clone()
        }));
    }
    if !body.rows.is_empty() {
        let parameters = body
            .rows
            .iter()
            .map(|row| parameter_property(row, types, diagnostics))
            .collect();
        return Some(RequestBody {
            type_ref: None,
            parameters,
            source: span,
        });
    }
    let example_type =
        first_request_body(&facts.examples).and_then(|json| body_odata_type(Some(json)));
    let resolved = example_type
        .map(|t| resolve_text(types, &t, None, &facts.title_span.file))
        .filter(TypeRef::is_model_type)?;
    Some(typed(&resolved))
}

/// "Do not supply a request body" on a page whose method sends one and whose body section
/// names the body's type or lists its properties, or whose example sends one: the newer
/// template leaves the sentence in create and update pages. The body is kept, and that is said.
fn body_kept_despite_none(
    facts: &ApiFacts,
    method: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let body = &facts.body;
    if !matches!(method, "POST" | "PATCH" | "PUT") {
        return false;
    }
    let mut evidence = Vec::new();
    if let Some(mention) = &body.type_mention {
        evidence.push(format!("names the body's type `{}`", mention.name));
    }
    if !body.rows.is_empty() {
        evidence.push(format!(
            "lists {} of the body's properties",
            body.rows.len()
        ));
    }
    if first_request_body(&facts.examples).is_some() {
        evidence.push("its example request sends one".to_string());
    }
    if evidence.is_empty() {
        return false;
    }
    diagnostics.push(Diagnostic::new(
        Code::RequestBodyContradicted,
        body.none_span
            .clone()
            .unwrap_or_else(|| facts.title_span.clone()),
        format!(
            "the page says \"Do not supply a request body\", but it {}; the {method} body was kept",
            evidence.join(" and ")
        ),
    ));
    true
}

fn first_request_body(examples: &[Example]) -> Option<&serde_json::Value> {
    examples.iter().find_map(|e| e.request.body.json.as_ref())
}

/// A body table row as an action parameter.
fn parameter_property(
    row: &ParamFacts,
    types: &TypeIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Property {
    Property {
        name: row.name.clone(),
        type_ref: typed(row, types, diagnostics),
        nullable: !row.required,
        read_only: false,
        navigation: false,
        recursive: false,
        description: row.description.clone(),
        possible_values: Vec::new(),
        source: row.span.clone(),
    }
}

/// A row's type: its Type cell, or String when the table has none.
fn typed(row: &ParamFacts, types: &TypeIndex, diagnostics: &mut Vec<Diagnostic>) -> TypeRef {
    let Some(spec) = &row.type_spec else {
        return TypeRef {
            name: "String".to_string(),
            kind: TypeRefKind::Primitive,
            collection: false,
        };
    };
    let resolved = resolve_spec(types, spec, &row.span.file);
    if resolved.kind == TypeRefKind::Unresolved {
        diagnostics.push(Diagnostic::new(
            Code::TypeUnresolved,
            row.span.clone(),
            format!(
                "`{}` of `{}` names a type that no page in the input defines",
                spec.name, row.name
            ),
        ));
    }
    resolved
}

/// Query parameters: table rows, then the OData options the prose names.
pub fn query_parameters(
    facts: &ApiFacts,
    types: &TypeIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Parameter> {
    let mut out: Vec<Parameter> = facts
        .query_parameters
        .iter()
        .map(|row| parameter(row, types, diagnostics))
        .collect();
    for option in &facts.query_options {
        if out.iter().any(|p| p.name.eq_ignore_ascii_case(option)) {
            continue;
        }
        out.push(Parameter {
            name: option.clone(),
            type_ref: TypeRef::new("String", TypeRefKind::Primitive),
            required: false,
            description: Description::paragraph(
                Paragraph::default()
                    .with_text("The OData ")
                    .with_code(option)
                    .with_text(" query option."),
            ),
            source: facts.title_span.clone(),
        });
    }
    out
}

pub fn header_parameters(
    facts: &ApiFacts,
    types: &TypeIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Parameter> {
    facts
        .headers
        .iter()
        .map(|row| parameter(row, types, diagnostics))
        .collect()
}

fn parameter(row: &ParamFacts, types: &TypeIndex, diagnostics: &mut Vec<Diagnostic>) -> Parameter {
    Parameter {
        name: row.name.clone(),
        type_ref: typed(row, types, diagnostics),
        required: row.required,
        description: row.description.clone(),
        source: row.span.clone(),
    }
}

/// The type the page is about: its introduction's type, else the body's, else the response's,
/// else the one its title names before a colon.
pub fn subject(facts: &ApiFacts, types: &TypeIndex) -> Option<TypeRef> {
    let mentions = [
        facts.subject.as_ref(),
        facts.body.type_mention.as_ref(),
        facts.response.type_mention.as_ref(),
    ];
    let from_mentions = mentions.into_iter().flatten().find_map(|m| {
        let def = find_type(types, &m.name)?;
        Some(TypeRef {
            name: def.name.clone(),
            kind: TypeRefKind::from(def.kind()),
            collection: m.collection,
        })
    });
    // `call: redirect`, `manageddevice : requestRemoteAssistance`: the type before the colon.
    from_mentions.or_else(|| {
        let (prefix, _) = facts.title.split_once(':')?;
        let def = find_type(types, prefix.trim())?;
        Some(TypeRef {
            name: def.name.clone(),
            kind: TypeRefKind::from(def.kind()),
            collection: false,
        })
    })
}
