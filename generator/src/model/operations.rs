//! Operation resolution: names, paths (inferred where missing), body and response types, examples
//! matched to path templates.

use super::bound::parse_title;
use super::draft::{Draft, FunctionParameter, MethodSource};
use super::infer::infer_missing_paths;
use super::matching::{literal_case_differences, match_templates};
use super::signature::{header_parameters, query_parameters, request_body, response, subject};
use super::types::TypeIndex;
use crate::diag::{Code, Diagnostic};
use crate::facts::api::{title_method, ApiFacts};
use crate::facts::PageFacts;
use crate::ir::text::{Description, Paragraph};
use crate::ir::{Method, Operation, Parameter, PathTemplate, TypeRef, TypeRefKind};

pub fn resolve_operations(
    facts: &[PageFacts],
    types: &TypeIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Operation> {
    let listing = super::methods_index::listing_types(facts, types);
    let mut drafts: Vec<Draft> = facts
        .iter()
        .filter_map(|page| {
            let api = page.api.as_ref()?;
            let mut draft = draft(page, api, types, diagnostics)?;
            if let Some(listed_by) = listing.get(&page.page.path.to_lowercase()) {
                draft.listed_by = listed_by.clone();
                draft.bound = draft
                    .bound
                    .or_else(|| super::methods_index::bound_by_listing(&draft.op.title, listed_by));
            }
            Some(draft)
        })
        .collect();
    infer_missing_paths(&mut drafts, types, diagnostics);
    let mut operations: Vec<Operation> = drafts
        .into_iter()
        .filter_map(|draft| {
            if draft.op.paths.is_empty() {
                diagnostics.push(Diagnostic::new(
                    Code::OperationDropped,
                    draft.op.source.clone(),
                    drop_reason(&draft),
                ));
                return None;
            }
            Some(draft.op)
        })
        .collect();
    super::opnames::assign_names(&mut operations, diagnostics);
    for op in &mut operations {
        match_examples(op, diagnostics);
    }
    operations.sort_by(|a, b| a.name.cmp(&b.name));
    operations
}

fn drop_reason(draft: &Draft) -> String {
    let title = draft.op.title.trim();
    let why = draft
        .drop_reason
        .as_deref()
        .unwrap_or("the page documents none");
    format!("`{title}` was dropped: no path; {why}")
}

/// One page's operation before cross-page work. None (with `operation-dropped`) when no method
/// can be found at all.
fn draft(
    page: &PageFacts,
    api: &ApiFacts,
    types: &TypeIndex,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Draft> {
    let Some((method, method_from)) = choose_method(api) else {
        diagnostics.push(Diagnostic::new(
            Code::OperationDropped,
            api.title_span.clone(),
            format!(
                "`{}` was dropped: no HTTP method in its request lines, examples or title",
                api.title.trim()
            ),
        ));
        return None;
    };
    let mut query = query_parameters(api, types, diagnostics);
    let path_templates = templates(api, method.as_str(), &mut query, diagnostics);
    let subject = subject(api, types);
    let response = response(api, &api.title_span, types, diagnostics);
    let request_body = request_body(api, method.as_str(), subject.as_ref(), types, diagnostics);
    let group = subject
        .as_ref()
        .filter(|s| s.is_model_type())
        .map(|s| s.name.clone())
        .or_else(|| first_literal_segment(&path_templates))
        .unwrap_or_else(|| "operations".to_string());
    let acts_on_item = match method {
        Method::Patch | Method::Put | Method::Delete => true,
        // "List x" addresses the collection, whatever its response prose says.
        Method::Get => !response.as_ref().is_some_and(|r| r.collection()) && !lists(&api.title),
        Method::Post => false,
    };
    let creates = method == Method::Post && title_method(&api.title) == Some("POST");
    if method_from != MethodSource::RequestLines && !path_templates.is_empty() {
        note_method(api, method, method_from, diagnostics);
    }
    let op = Operation {
        name: String::new(),
        title: api.title.trim().to_string(),
        description: api.description.clone(),
        method,
        paths: path_templates,
        query,
        headers: header_parameters(api, types, diagnostics),
        request_body,
        response,
        examples: api.examples.clone(),
        group,
        workload: page.page.workload.clone(),
        source: api.title_span.clone(),
        inferred_path: None,
    };
    Some(Draft {
        op,
        named_type: named_type(api, subject.as_ref()),
        subject,
        acts_on_item,
        creates,
        method_from,
        bound: parse_title(&api.title),
        function: api.function_section,
        function_parameters: function_parameters(api),
        listed_by: Vec::new(),
        drop_reason: None,
    })
}

/// The request lines' method, else the first example's, else the title verb's, else the kind
/// of page's (a `binding : name` page is a function when it has a `## Function parameters`
/// section, else an action).
fn choose_method(api: &ApiFacts) -> Option<(Method, MethodSource)> {
    let found = |source| move |method: Method| (method, source);
    api.request_lines
        .iter()
        .find_map(|l| l.method.as_deref().and_then(Method::parse))
        .map(found(MethodSource::RequestLines))
        .or_else(|| {
            api.examples
                .iter()
                .find_map(|e| e.request.method)
                .map(found(MethodSource::Example))
        })
        .or_else(|| {
            title_method(&api.title)
                .and_then(Method::parse)
                .map(found(MethodSource::Title))
        })
        .or_else(|| {
            parse_title(&api.title)?;
            let method = if api.function_section {
                Method::Get
            } else {
                Method::Post
            };
            Some((method, MethodSource::PageKind))
        })
}

/// A title whose verb is "List".
fn lists(title: &str) -> bool {
    title
        .split_whitespace()
        .next()
        .is_some_and(|verb| verb.eq_ignore_ascii_case("list"))
}

/// The request lines are bare paths: say where the method came from.
fn note_method(
    api: &ApiFacts,
    method: Method,
    source: MethodSource,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(line) = api.request_lines.first() else {
        return;
    };
    diagnostics.push(Diagnostic::new(
        Code::PathInferred,
        line.span.clone(),
        format!(
            "the request lines name no method; {method} is from {}",
            source.describe(&api.title, api.function_section)
        ),
    ));
}

/// The type the page names first, as written, when it resolves to no type (for the reason an
/// operation is dropped).
fn named_type(api: &ApiFacts, subject: Option<&TypeRef>) -> Option<String> {
    if subject.is_some_and(|s| s.is_model_type()) {
        return None;
    }
    [
        api.subject.as_ref(),
        api.body.type_mention.as_ref(),
        api.response.type_mention.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(|m| m.name.clone())
    .next()
}

/// A function's parameters from its `## Function parameters` table; text values are quoted.
fn function_parameters(api: &ApiFacts) -> Vec<FunctionParameter> {
    if !api.function_section {
        return Vec::new();
    }
    api.path_parameters
        .iter()
        .map(|row| FunctionParameter {
            name: row.name.clone(),
            quoted: row.type_spec.as_ref().is_none_or(|spec| {
                spec.kind == crate::facts::typeref::TypeSpecKind::Primitive
                    && matches!(
                        spec.name.as_str(),
                        "String" | "Guid" | "Date" | "DateTimeOffset"
                    )
                    || spec.kind == crate::facts::typeref::TypeSpecKind::Named
            }),
        })
        .collect()
}

/// The block's templates for `method` (lines without a method count), each template once; of
/// two lines with the same path the one without a fixed query is kept. Placeholder queries
/// become query parameters. Lines with another
/// method are reported: a page gives one operation.
fn templates(
    api: &ApiFacts,
    method: &str,
    query: &mut Vec<Parameter>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PathTemplate> {
    let mut out: Vec<PathTemplate> = Vec::new();
    for line in &api.request_lines {
        if let Some(other) = line.method.as_deref().filter(|m| *m != method) {
            diagnostics.push(Diagnostic::new(
                Code::Unsupported,
                line.span.clone(),
                format!(
                    "this line's method {other} differs from the page's {method}; one operation per page, so `{other} {}` was not used",
                    line.template.template
                ),
            ));
            continue;
        }
        let mut template = line.template.clone();
        lift_placeholder_queries(&mut template, query);
        match out.iter_mut().find(|t| t.template == template.template) {
            Some(existing)
                if !existing.fixed_query.is_empty() && template.fixed_query.is_empty() =>
            {
                *existing = template;
            }
            Some(_) => {}
            None => out.push(template),
        }
    }
    out
}

/// Query pairs of the HTTP block whose values are placeholders
/// (`?startDateTime={start_datetime}`, `?$filter={property} eq '{value}'`) document query
/// parameters; they become parameters (required unless an OData `$` option) instead of a query
/// the template would always send.
fn lift_placeholder_queries(template: &mut PathTemplate, query: &mut Vec<Parameter>) {
    let (placeholders, fixed): (Vec<_>, Vec<_>) = std::mem::take(&mut template.fixed_query)
        .into_iter()
        .partition(|(k, v)| [k, v].iter().any(|t| t.contains('{') || t.contains('<')));
    template.fixed_query = fixed;
    for (name, _) in placeholders {
        if name.contains('{') || query.iter().any(|q| q.name.eq_ignore_ascii_case(&name)) {
            continue;
        }
        query.push(Parameter {
            required: !name.starts_with('$'),
            description: Description::paragraph(
                Paragraph::default()
                    .with_text("Documented in the request syntax as ")
                    .with_code(&format!("{name}=..."))
                    .with_text("."),
            ),
            name,
            type_ref: TypeRef::new("String", TypeRefKind::Primitive),
            source: template.source.clone(),
        });
    }
}

fn first_literal_segment(templates: &[PathTemplate]) -> Option<String> {
    let first = templates.first()?.segments.first()?;
    match first.parts.first()? {
        super::SegmentPart::Literal(text) => {
            let word: String = text
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            (!word.is_empty()).then_some(word)
        }
        super::SegmentPart::Param(_) => None,
    }
}

/// Each example's path matched against the operation's templates. Literal segments match
/// without case (as Graph does); a case difference is a defect of the docs, reported.
fn match_examples(op: &mut Operation, diagnostics: &mut Vec<Diagnostic>) {
    for example in &mut op.examples {
        let Some(path) = example.request.path.as_deref() else {
            continue;
        };
        let Some((index, values)) = match_templates(path, &op.paths) else {
            continue;
        };
        if let Some(template) = op.paths.get(index) {
            let differences = literal_case_differences(path, template);
            if !differences.is_empty() {
                let spelled: Vec<String> = differences
                    .iter()
                    .map(|(written, documented)| format!("`{written}` for `{documented}`"))
                    .collect();
                diagnostics.push(
                    Diagnostic::new(
                        Code::ExamplePathCase,
                        example.request.source.clone(),
                        format!(
                            "the example URL writes {} of the path `{}`; Graph ignores the case of literal segments, so the test compares them without case",
                            spelled.join(", "),
                            template.template
                        ),
                    )
                    .with_related(template.source.clone(), "the request syntax"),
                );
            }
        }
        example.request.matched_template = Some(index);
        example.request.path_values = values;
    }
}

#[cfg(test)]
#[path = "operations_tests.rs"]
pub(crate) mod tests;

#[cfg(test)]
#[path = "residue_tests.rs"]
mod residue_tests;
