//! The changes of operations: added, removed and renamed ones, and for each pair its method,
//! workload, paths, query parameters, headers, request body (and an action's parameters) and
//! response. What each does to the Rust API is [`super::classify`]'s.

use super::classify::{Surfaces, Verdict};
use super::matching::{path_shape, Matched, Pair};
use super::report::{added_and_removed, Change, ChangeKind, On, Subject, Verdicts};
use super::types::{first_by_name, property_differs, property_text, type_text};
use crate::ir::{Operation, Parameter, RequestBody, Response};

pub fn compare(matched: &Matched<'_, Operation>, surfaces: &Surfaces<'_>, out: &mut Vec<Change>) {
    out.extend(added_and_removed(
        matched,
        subject,
        request_line,
        [ChangeKind::OperationAdded, ChangeKind::OperationRemoved],
        Verdicts {
            added: |name: &str| surfaces.operation_added(name),
            removed: |name: &str| surfaces.operation_removed(name),
        },
    ));
    for pair in &matched.pairs {
        compare_pair(pair, surfaces, out);
    }
}

fn subject(op: &Operation) -> Subject<'_> {
    Subject {
        on: On::Operation,
        workload: &op.workload,
        name: &op.name,
    }
}

/// A change on the operation `op` (the new one of a pair).
fn change(
    op: &Operation,
    kind: ChangeKind,
    item: Option<&str>,
    old: Option<String>,
    new: Option<String>,
    verdict: Verdict,
) -> Change {
    subject(op).change(kind, item, old, new, verdict)
}

/// `GET /users/{id}` (the first path; `(+2 paths)` when there are more).
fn request_line(op: &Operation) -> String {
    let mut paths = op.path_texts();
    let first = paths.next().unwrap_or("(no path)");
    let more = paths.count();
    match more {
        0 => format!("{} {first}", op.method),
        n => format!("{} {first} (+{n} paths)", op.method),
    }
}

fn parameter_text(p: &Parameter) -> String {
    let required = if p.required { ", required" } else { "" };
    format!("{}{required}", type_text(&p.type_ref))
}

fn body_text(body: &RequestBody) -> String {
    match &body.type_ref {
        Some(t) => type_text(t),
        None if body.parameters.is_empty() => "untyped".to_string(),
        None => format!("{} parameters", body.parameters.len()),
    }
}

fn response_text(response: Option<&Response>) -> String {
    match response {
        None => "undocumented".to_string(),
        Some(r) => match &r.type_ref {
            Some(t) => format!("{} {}", r.status, type_text(t)),
            None => format!("{} no content", r.status),
        },
    }
}

fn compare_pair(pair: &Pair<'_, Operation>, surfaces: &Surfaces<'_>, out: &mut Vec<Change>) {
    let (old, new) = (pair.old, pair.new);
    let (o, n) = (old.name.as_str(), new.name.as_str());
    let at = |kind, item: Option<&str>, before, after, verdict| {
        change(new, kind, item, before, after, verdict)
    };
    if pair.pairing.is_rename() {
        let (impact, why) = surfaces.operation_renamed(o, n);
        let why = format!("{why} (rename: {})", pair.pairing.evidence());
        out.push(at(
            ChangeKind::OperationRenamed,
            None,
            Some(o.into()),
            Some(n.into()),
            (impact, why),
        ));
    } else if let (Some(a), Some(b)) = (
        surfaces.old.operations.get(o),
        surfaces.new.operations.get(n),
    ) {
        if a.rust != b.rust {
            let verdict = surfaces.rust_changed("operation", &a.rust, &b.rust);
            out.push(at(
                ChangeKind::RustChanged,
                None,
                Some(a.rust.clone()),
                Some(b.rust.clone()),
                verdict,
            ));
        }
    }
    if old.method != new.method {
        let (a, b) = (old.method.to_string(), new.method.to_string());
        let verdict = surfaces.method_changed(&a, &b);
        out.push(at(
            ChangeKind::MethodChanged,
            None,
            Some(a),
            Some(b),
            verdict,
        ));
    }
    if old.workload != new.workload {
        let verdict = surfaces.workload_changed(o, n);
        let workloads = (Some(old.workload.clone()), Some(new.workload.clone()));
        out.push(at(
            ChangeKind::WorkloadChanged,
            None,
            workloads.0,
            workloads.1,
            verdict,
        ));
    }
    compare_paths(pair, surfaces, out);
    compare_query(pair, surfaces, out);
    compare_headers(pair, surfaces, out);
    compare_body(pair, surfaces, out);
    if (old.response.as_ref().map(|r| (r.status, &r.type_ref)))
        != (new.response.as_ref().map(|r| (r.status, &r.type_ref)))
    {
        let verdict = surfaces.response_changed(o, n);
        let texts = (
            response_text(old.response.as_ref()),
            response_text(new.response.as_ref()),
        );
        out.push(at(
            ChangeKind::ResponseChanged,
            None,
            Some(texts.0),
            Some(texts.1),
            verdict,
        ));
    }
}

/// Paths in both are unchanged; of the rest, an old and a new path of the same shape (only the
/// parameter names differ) are one changed path, paired in order; the others are removed or
/// added.
fn compare_paths(pair: &Pair<'_, Operation>, surfaces: &Surfaces<'_>, out: &mut Vec<Change>) {
    let (old, new) = (pair.old, pair.new);
    let before: Vec<&str> = old
        .path_texts()
        .filter(|p| !new.path_texts().any(|q| q == *p))
        .collect();
    let mut after: Vec<&str> = new
        .path_texts()
        .filter(|p| !old.path_texts().any(|q| q == *p))
        .collect();
    let mut gone = Vec::new();
    for path in before {
        let shape = path_shape(path);
        match after.iter().position(|q| path_shape(q) == shape) {
            Some(i) => {
                let renamed = after.remove(i);
                let verdict = surfaces.path(&old.name, &new.name, "parameters renamed");
                out.push(change(
                    new,
                    ChangeKind::PathChanged,
                    Some(renamed),
                    Some(path.into()),
                    Some(renamed.into()),
                    verdict,
                ));
            }
            None => gone.push(path),
        }
    }
    for path in gone {
        let verdict = surfaces.path(&old.name, &new.name, "a path removed");
        out.push(change(
            new,
            ChangeKind::PathRemoved,
            Some(path),
            Some(path.into()),
            None,
            verdict,
        ));
    }
    for path in after {
        let verdict = surfaces.path(&old.name, &new.name, "a path added");
        out.push(change(
            new,
            ChangeKind::PathAdded,
            Some(path),
            None,
            Some(path.into()),
            verdict,
        ));
    }
}

fn compare_query(pair: &Pair<'_, Operation>, surfaces: &Surfaces<'_>, out: &mut Vec<Change>) {
    let (old, new) = (pair.old, pair.new);
    let before = first_by_name(&old.query, |p| p.name.as_str());
    let after = first_by_name(&new.query, |p| p.name.as_str());
    for (name, p) in &before {
        if !after.contains_key(name) {
            let verdict = surfaces.query_removed(&old.name, name);
            out.push(change(
                new,
                ChangeKind::QueryRemoved,
                Some(name),
                Some(parameter_text(p)),
                None,
                verdict,
            ));
        }
    }
    for (name, b) in &after {
        match before.get(name) {
            None => {
                let verdict = surfaces.query_added(&old.name, &new.name, name);
                out.push(change(
                    new,
                    ChangeKind::QueryAdded,
                    Some(name),
                    None,
                    Some(parameter_text(b)),
                    verdict,
                ));
            }
            Some(a) if a.type_ref != b.type_ref || a.required != b.required => {
                let verdict = surfaces.query_changed(&old.name, &new.name, name);
                let texts = (Some(parameter_text(a)), Some(parameter_text(b)));
                out.push(change(
                    new,
                    ChangeKind::QueryChanged,
                    Some(name),
                    texts.0,
                    texts.1,
                    verdict,
                ));
            }
            Some(_) => {}
        }
    }
}

/// Header names compare without case, as HTTP reads them.
fn compare_headers(pair: &Pair<'_, Operation>, surfaces: &Surfaces<'_>, out: &mut Vec<Change>) {
    let (old, new) = (pair.old, pair.new);
    let lower = |ps: &[Parameter]| -> std::collections::BTreeSet<String> {
        ps.iter().map(|p| p.name.to_ascii_lowercase()).collect()
    };
    let (before, after) = (lower(&old.headers), lower(&new.headers));
    for name in before.difference(&after) {
        out.push(change(
            new,
            ChangeKind::HeaderRemoved,
            Some(name),
            Some(name.clone()),
            None,
            surfaces.header(),
        ));
    }
    for name in after.difference(&before) {
        out.push(change(
            new,
            ChangeKind::HeaderAdded,
            Some(name),
            None,
            Some(name.clone()),
            surfaces.header(),
        ));
    }
}

fn compare_body(pair: &Pair<'_, Operation>, surfaces: &Surfaces<'_>, out: &mut Vec<Change>) {
    let (old, new) = (pair.old, pair.new);
    let (o, n) = (old.name.as_str(), new.name.as_str());
    let (a, b) = match (&old.request_body, &new.request_body) {
        (None, None) => return,
        (None, Some(b)) => {
            let verdict = surfaces.body_added(o, n);
            out.push(change(
                new,
                ChangeKind::BodyAdded,
                None,
                None,
                Some(body_text(b)),
                verdict,
            ));
            return;
        }
        (Some(a), None) => {
            let verdict = surfaces.body_removed(o);
            out.push(change(
                new,
                ChangeKind::BodyRemoved,
                None,
                Some(body_text(a)),
                None,
                verdict,
            ));
            return;
        }
        (Some(a), Some(b)) => (a, b),
    };
    if a.type_ref != b.type_ref {
        let verdict = surfaces.body_changed(o, n);
        out.push(change(
            new,
            ChangeKind::BodyChanged,
            None,
            Some(body_text(a)),
            Some(body_text(b)),
            verdict,
        ));
    }
    let before = first_by_name(&a.parameters, |p| p.name.as_str());
    let after = first_by_name(&b.parameters, |p| p.name.as_str());
    for (name, p) in &before {
        if !after.contains_key(name) {
            let verdict = surfaces.body_parameter_removed(o, name);
            out.push(change(
                new,
                ChangeKind::BodyParameterRemoved,
                Some(name),
                Some(property_text(p)),
                None,
                verdict,
            ));
        }
    }
    for (name, q) in &after {
        match before.get(name) {
            None => {
                let verdict = surfaces.body_parameter_added(n, name);
                out.push(change(
                    new,
                    ChangeKind::BodyParameterAdded,
                    Some(name),
                    None,
                    Some(property_text(q)),
                    verdict,
                ));
            }
            Some(p) if property_differs(p, q) => {
                let verdict = surfaces.body_parameter_changed(o, n, name);
                let texts = (Some(property_text(p)), Some(property_text(q)));
                out.push(change(
                    new,
                    ChangeKind::BodyParameterChanged,
                    Some(name),
                    texts.0,
                    texts.1,
                    verdict,
                ));
            }
            Some(_) => {}
        }
    }
}
