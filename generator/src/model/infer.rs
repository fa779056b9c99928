//! Paths for operations whose page documents none (the seed's and the newer template's empty
//! HTTP request blocks), recovered as a careful reader of the docs would:
//! - a bound action or function (`deviceShellScript : assign`) is its binding type's item path
//!   plus its name ([`super::bound`]);
//! - another operation is reached through a relationship of a type whose path is documented
//!   ([`super::relationship`]);
//! - the page's example URL, when it is a path template, confirms one of those, picks among
//!   equally good ones, or is the path when nothing else gives one ([`super::example_path`]).
//!
//! Each recovered path gets a `path-inferred` note saying from what; an operation with none
//! keeps a reason that names the missing fact, for its `operation-dropped` error.

use super::draft::{Draft, Inference, MethodSource};
use super::example_path::{self, ExamplePath};
use super::owners::{same_shape, Owners};
use super::types::TypeIndex;
use crate::diag::{Code, Diagnostic};
use crate::ir::InferredPath;

/// Rounds of inference: a path inferred in one round (a get page's, from its example URL) can
/// be the owner's path of another page in the next.
const MAX_ROUNDS: usize = 4;

/// Fills in the paths of drafts that have none, where the docs allow it; records a drop
/// reason on the others. Each round sees only the paths documented or inferred before it, so
/// the result does not depend on the order of drafts.
pub fn infer_missing_paths(
    drafts: &mut [Draft],
    types: &TypeIndex,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for _ in 0..MAX_ROUNDS {
        let mut found = Vec::new();
        let mut missing = Vec::new();
        {
            let owners = Owners::new(drafts);
            for (index, draft) in drafts.iter().enumerate() {
                if !draft.op.paths.is_empty() {
                    continue;
                }
                match recover(draft, &owners, types) {
                    Ok(inference) => found.push((index, inference)),
                    Err(reason) => missing.push((index, reason)),
                }
            }
        }
        for (index, reason) in missing {
            if let Some(draft) = drafts.get_mut(index) {
                draft.drop_reason = Some(reason);
            }
        }
        if found.is_empty() {
            return;
        }
        apply(drafts, found, diagnostics);
    }
}

/// Gives each draft its inferred paths, with a `path-inferred` note.
fn apply(drafts: &mut [Draft], found: Vec<(usize, Inference)>, diagnostics: &mut Vec<Diagnostic>) {
    for (index, inference) in found {
        let Some(draft) = drafts.get_mut(index) else {
            continue;
        };
        let paths: Vec<String> = inference
            .templates
            .iter()
            .map(|t| format!("`{}`", t.template))
            .collect();
        let method = match draft.method_from {
            MethodSource::RequestLines => String::new(),
            source => format!(
                "; the method {} is from {}",
                draft.op.method,
                source.describe(&draft.op.title, draft.function)
            ),
        };
        let mut note = Diagnostic::new(
            Code::PathInferred,
            draft.op.source.clone(),
            format!(
                "the page documents no path; {} {} inferred from {}{method}",
                paths.join(", "),
                if paths.len() == 1 { "was" } else { "were" },
                inference.reason
            ),
        );
        for (span, label) in inference.related {
            note = note.with_related(span, label);
        }
        diagnostics.push(note);
        draft.op.paths = inference.templates;
        draft.op.inferred_path = Some(InferredPath {
            reason: inference.reason,
            from: inference.from,
        });
        draft.drop_reason = None;
    }
}

/// The structural path (bound operation or relationship), checked against the example URL;
/// the example's path when the structure gives none or contradicts it.
fn recover(draft: &Draft, owners: &Owners<'_>, types: &TypeIndex) -> Result<Inference, String> {
    let evidence = example_path::evidence(&draft.op.examples, draft.creates);
    let example = evidence.path.as_ref();
    let structural = match &draft.bound {
        Some(bound) => super::bound::infer(draft, bound, owners, types, example),
        None => super::relationship::infer(draft, owners, types, example),
    };
    match (structural, example) {
        (Ok(mut inference), Some(example)) => {
            if inference
                .templates
                .iter()
                .any(|t| same_shape(t, &example.template))
            {
                inference.reason.push_str(&format!(
                    "; the example URL `{}` agrees",
                    crate::diag::excerpt(&example.url)
                ));
                inference
                    .related
                    .push((example.span.clone(), "the example request".to_string()));
                Ok(inference)
            } else {
                let other = format!(
                    "{} inferred from {}",
                    inference
                        .templates
                        .first()
                        .map(|t| format!("`{}`", t.template))
                        .unwrap_or_default(),
                    inference.reason
                );
                Ok(from_example(
                    example,
                    &format!(
                        "the page's own example is preferred to {other}, which it contradicts"
                    ),
                ))
            }
        }
        (Ok(inference), None) => Ok(inference),
        (Err(why), Some(example)) => Ok(from_example(
            example,
            &format!("no other source gives one: {why}"),
        )),
        (Err(why), None) => Err(match evidence.problem {
            Some(problem) => format!("the page documents none, {problem}, and {why}"),
            None => format!("the page documents none, and {why}"),
        }),
    }
}

/// The example's path, and why the structure's path is not used (`context`).
fn from_example(example: &ExamplePath, context: &str) -> Inference {
    let dropped = example
        .dropped_key
        .as_deref()
        .map(|key| {
            format!(
                " without its trailing `{key}` (a create posts to the collection, not to an item)"
            )
        })
        .unwrap_or_default();
    Inference {
        templates: vec![example.template.clone()],
        reason: format!(
            "the example request URL `{}`{dropped}; {context}",
            crate::diag::excerpt(&example.url)
        ),
        from: example.span.clone(),
        related: vec![(example.span.clone(), "the example request".to_string())],
    }
}

#[cfg(test)]
#[path = "infer_tests.rs"]
mod tests;
