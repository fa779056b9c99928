//! Operation names: lowerCamel words of the page title (`Update userRunStates` ->
//! `updateUserRunStates`), made unique over the whole model in a way that does not depend on the
//! order pages were read.

use crate::diag::{Code, Diagnostic};
use crate::ir::{Operation, PathTemplate};
use heck::{ToLowerCamelCase, ToUpperCamelCase};
use std::collections::{BTreeMap, BTreeSet};

/// The name a title gives: articles dropped, words joined in lowerCamel case.
pub fn base_name(title: &str, page_path: &str) -> String {
    let words: Vec<&str> = title
        .split_whitespace()
        .filter(|w| !matches!(w.to_ascii_lowercase().as_str(), "a" | "an" | "the"))
        .collect();
    let mut name = words.join(" ").to_lower_camel_case();
    if name.is_empty() {
        name = file_stem(page_path).to_lower_camel_case();
    }
    match name.chars().next() {
        None => "operation".to_string(),
        Some(c) if c.is_ascii_digit() => format!("op{name}"),
        Some(_) => name,
    }
}

fn file_stem(path: &str) -> &str {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.strip_suffix(".md").unwrap_or(file)
}

/// The page an operation came from (its source file).
fn page_of(op: &Operation) -> &str {
    op.source.file.as_str()
}

fn file_at(operations: &[Operation], index: usize) -> &str {
    operations.get(index).map_or("", page_of)
}

/// Gives every operation a unique name. Operations whose titles give the same name are
/// qualified by the words of their file names that the others do not share
/// (`listAttachments` from `event-list-attachments.md` -> `listAttachmentsEvent`); two pages that
/// document the same method and paths are `operation-duplicate`.
pub fn assign_names(operations: &mut [Operation], diagnostics: &mut Vec<Diagnostic>) {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, op) in operations.iter_mut().enumerate() {
        op.name = base_name(&op.title, page_of(op));
        groups.entry(op.name.clone()).or_default().push(index);
    }
    let mut taken: BTreeSet<String> = groups
        .iter()
        .filter(|(_, v)| v.len() == 1)
        .map(|(k, _)| k.clone())
        .collect();
    for (name, mut members) in groups.into_iter().filter(|(_, v)| v.len() > 1) {
        members.sort_by(|a, b| file_at(operations, *a).cmp(file_at(operations, *b)));
        report_duplicates(operations, &members, diagnostics);
        let stems: Vec<Vec<String>> = members
            .iter()
            .map(|&i| stem_words(file_at(operations, i)))
            .collect();
        let shared: BTreeSet<&String> = stems
            .first()
            .map(|first| {
                first
                    .iter()
                    .filter(|w| stems.iter().all(|s| s.contains(w)))
                    .collect()
            })
            .unwrap_or_default();
        for (position, &index) in members.iter().enumerate() {
            let title_words = title_words(operations.get(index).map_or("", |o| o.title.as_str()));
            let words = stems.get(position).cloned().unwrap_or_default();
            let qualifier: Vec<&String> = words
                .iter()
                .filter(|w| !shared.contains(w) && !title_words.contains(w.as_str()))
                .collect();
            let qualifier = qualifier
                .iter()
                .map(|w| w.as_str())
                .collect::<Vec<_>>()
                .join(" ")
                .to_upper_camel_case();
            let candidate = if qualifier.is_empty() {
                format!(
                    "{name}{}",
                    file_stem(file_at(operations, index)).to_upper_camel_case()
                )
            } else {
                format!("{name}{qualifier}")
            };
            let mut unique = candidate.clone();
            let mut n = 2;
            while taken.contains(&unique) {
                unique = format!("{candidate}{n}");
                n += 1;
            }
            taken.insert(unique.clone());
            if let Some(op) = operations.get_mut(index) {
                op.name = unique;
            }
        }
    }
}

fn title_words(title: &str) -> BTreeSet<String> {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

fn stem_words(path: &str) -> Vec<String> {
    file_stem(path)
        .split(['-', '_', '.'])
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Same method and same paths documented by two pages: the same operation twice.
fn report_duplicates(
    operations: &[Operation],
    members: &[usize],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (position, &index) in members.iter().enumerate() {
        let Some(op) = operations.get(index) else {
            continue;
        };
        let earlier = members
            .iter()
            .take(position)
            .filter_map(|&i| operations.get(i))
            .find(|other| other.method == op.method && sorted(&other.paths) == sorted(&op.paths));
        if let Some(other) = earlier {
            diagnostics.push(
                Diagnostic::new(
                    Code::OperationDuplicate,
                    op.source.clone(),
                    format!(
                        "`{} {}` is also documented by {} under the same title; this one was renamed",
                        op.method,
                        op.paths.first().map(|t| t.template.as_str()).unwrap_or_default(),
                        other.source.file
                    ),
                )
                .with_related(other.source.clone(), "the other page"),
            );
        }
    }
}

fn sorted(paths: &[PathTemplate]) -> Vec<&str> {
    let mut out: Vec<&str> = paths.iter().map(|t| t.template.as_str()).collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;
    use crate::ir::text::Description;
    use crate::ir::Method;

    fn op(title: &str, file: &str, method: &str, path: &str) -> Operation {
        Operation {
            name: String::new(),
            title: title.to_string(),
            description: Description::default(),
            method: Method::parse(method).unwrap_or(Method::Get),
            paths: vec![PathTemplate {
                template: path.to_string(),
                segments: Vec::new(),
                fixed_query: Vec::new(),
                source: Span::new(file, 10, 1),
            }],
            query: Vec::new(),
            headers: Vec::new(),
            request_body: None,
            response: None,
            examples: Vec::new(),
            group: String::new(),
            workload: String::new(),
            source: Span::new(file, 5, 1),
            inferred_path: None,
        }
    }

    #[test]
    fn names_from_titles() {
        assert_eq!(
            base_name("Update userRunStates", "x.md"),
            "updateUserRunStates"
        );
        assert_eq!(base_name("Get a user", "x.md"), "getUser");
        assert_eq!(
            base_name("manageddevice : requestRemoteAssistance", "x.md"),
            "manageddeviceRequestRemoteAssistance"
        );
        assert_eq!(base_name("", "api/user-get.md"), "userGet");
    }

    #[test]
    fn collisions_are_qualified_and_true_duplicates_reported() {
        let mut ops = vec![
            op(
                "List attachments",
                "api/message-list-attachments.md",
                "GET",
                "/me/messages/{id}/attachments",
            ),
            op(
                "List attachments",
                "api/event-list-attachments.md",
                "GET",
                "/me/events/{id}/attachments",
            ),
            op(
                "Update deviceManagement",
                "api/intune-a-devicemanagement-update.md",
                "PATCH",
                "/deviceManagement",
            ),
            op(
                "Update deviceManagement",
                "api/intune-b-devicemanagement-update.md",
                "PATCH",
                "/deviceManagement",
            ),
            op("Get user", "api/user-get.md", "GET", "/users/{id}"),
        ];
        let mut d = Vec::new();
        assign_names(&mut ops, &mut d);
        let names: Vec<&str> = ops.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "listAttachmentsMessage",
                "listAttachmentsEvent",
                "updateDeviceManagementA",
                "updateDeviceManagementB",
                "getUser"
            ]
        );
        assert_eq!(
            d.iter().map(|d| d.code.as_str()).collect::<Vec<_>>(),
            vec!["operation-duplicate"]
        );
        assert_eq!(d[0].span.file, "api/intune-b-devicemanagement-update.md");
        // The same input in another order gives the same names.
        let mut reversed: Vec<Operation> = ops.iter().rev().cloned().collect();
        assign_names(&mut reversed, &mut Vec::new());
        let mut again: Vec<&str> = reversed.iter().map(|o| o.name.as_str()).collect();
        let mut first = names.clone();
        again.sort();
        first.sort();
        assert_eq!(again, first);
    }
}
