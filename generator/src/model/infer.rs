//! Paths for operations whose page documents none (the seed's empty HTTP block).
//!
//! The operation's type T is reached through a relationship (navigation property) of another
//! type O whose own path is documented by O's pages: `O path` + `/relationship` (+ `/{tId}` when
//! the relationship is a collection and the operation acts on one item). When no such
//! relationship or page exists the operation is dropped rather than given an invented path.

use super::lookup::is_same_or_derived;
use super::types::TypeIndex;
use crate::diag::{Code, Diagnostic};
use crate::facts::template::{render, singular};
use crate::ir::{
    InferredPath, Method, Operation, PathTemplate, Property, Segment, SegmentPart, TypeDef, TypeRef,
};
use heck::ToLowerCamelCase;

/// What inference needs to know about an operation besides the operation itself.
#[derive(Clone, Debug)]
pub struct Draft {
    pub op: Operation,
    /// The type the page is about (resolved), if any.
    pub subject: Option<TypeRef>,
    /// The operation addresses one item (get one, update, delete), not a collection.
    pub acts_on_item: bool,
    /// A POST that creates an item in a collection (title verb Create/Add).
    pub creates: bool,
}

/// Fills in the paths of drafts that have none, where a relationship allows it. Only documented
/// paths are used as the owners' paths, so the result does not depend on the order of drafts.
pub fn infer_missing_paths(
    drafts: &mut [Draft],
    types: &TypeIndex,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut found = Vec::new();
    for (index, draft) in drafts.iter().enumerate() {
        if !draft.op.paths.is_empty() {
            continue;
        }
        if let Some(inference) = infer(draft, drafts, types) {
            found.push((index, inference));
        }
    }
    for (index, (template, inferred, owner_op)) in found {
        let Some(draft) = drafts.get_mut(index) else {
            continue;
        };
        diagnostics.push(
            Diagnostic::new(
                Code::PathInferred,
                draft.op.source.clone(),
                format!(
                    "the page documents no path; `{}` was inferred from {}",
                    template.template, inferred.reason
                ),
            )
            .with_related(inferred.from.clone(), "the relationship")
            .with_related(owner_op, "the owner's documented path"),
        );
        draft.op.paths = vec![template];
        draft.op.inferred_path = Some(inferred);
    }
}

type Inference = (PathTemplate, InferredPath, crate::diag::Span);

fn infer(draft: &Draft, drafts: &[Draft], types: &TypeIndex) -> Option<Inference> {
    let subject = draft.subject.as_ref().filter(|s| s.is_model_type())?;
    if draft.op.method == Method::Post && !draft.creates {
        // An action's own segment cannot be guessed.
        return None;
    }
    let title: Vec<String> = draft
        .op
        .title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let in_title = |word: &str| {
        let word = word.to_ascii_lowercase();
        title.iter().any(|w| *w == word || *w == singular(&word))
    };
    // Rank: the relationship named in the title, then its owner named there, then an exact type.
    let mut candidates: Vec<((bool, bool, bool), &TypeDef, &Property)> = Vec::new();
    for owner in types.types() {
        for property in owner.properties().iter().filter(|p| p.navigation) {
            let exact = property.type_ref.name.eq_ignore_ascii_case(&subject.name);
            if !exact && !is_same_or_derived(types, &subject.name, &property.type_ref.name) {
                continue;
            }
            let rank = (!in_title(&property.name), !in_title(&owner.name), !exact);
            candidates.push((rank, owner, property));
        }
    }
    candidates.sort_by(|a, b| (a.0, &a.1.name, &a.2.name).cmp(&(b.0, &b.1.name, &b.2.name)));
    // Only the best-ranked relationships are evidence; a weaker one would be a guess.
    let best = candidates.first().map(|c| c.0);
    candidates.retain(|c| Some(c.0) == best);
    candidates.into_iter().find_map(|(_, owner, property)| {
        let (owner_template, owner_span) = owner_instance_path(owner, drafts)?;
        let template = extend(owner_template, property, &subject.name, draft.acts_on_item);
        let reason = format!(
            "the relationship `{}` of `{}` ({}) and the path `{}` of {}",
            property.name,
            owner.name,
            property.source.file,
            owner_template.template,
            owner_span.file
        );
        Some((
            template,
            InferredPath {
                reason,
                from: property.source.clone(),
            },
            owner_span,
        ))
    })
}

/// The shortest documented path that addresses one `owner` (a get, update or delete page of it,
/// or a singleton), first in text order on ties.
fn owner_instance_path<'a>(
    owner: &TypeDef,
    drafts: &'a [Draft],
) -> Option<(&'a PathTemplate, crate::diag::Span)> {
    drafts
        .iter()
        .filter(|d| d.op.inferred_path.is_none() && d.acts_on_item)
        .filter(|d| d.subject.as_ref().is_some_and(|s| s.name == owner.name))
        .flat_map(|d| {
            d.op.paths
                .iter()
                .map(move |t| (t, d.op.source.clone(), method_rank(d.op.method)))
        })
        .filter(|(t, _, _)| !t.template.contains('$') && t.fixed_query.is_empty())
        .min_by(|a, b| {
            (a.0.segments.len(), &a.0.template, a.2, &a.1.file).cmp(&(
                b.0.segments.len(),
                &b.0.template,
                b.2,
                &b.1.file,
            ))
        })
        .map(|(template, span, _)| (template, span))
}

/// Get pages explain an owner's path best; then updates, then the rest.
fn method_rank(method: Method) -> u8 {
    match method {
        Method::Get => 0,
        Method::Patch | Method::Put => 1,
        Method::Post | Method::Delete => 2,
    }
}

/// The owner's path, the relationship, and (for one item of a collection) a key named after
/// the item type, as the docs name keys (`{deviceManagementScriptUserStateId}`).
fn extend(
    owner: &PathTemplate,
    property: &Property,
    item_type: &str,
    one_item: bool,
) -> PathTemplate {
    let mut segments = owner.segments.clone();
    segments.push(Segment {
        parts: vec![SegmentPart::Literal(property.name.clone())],
    });
    if property.type_ref.collection && one_item {
        let existing: Vec<&str> = owner.parameters().collect();
        let bare = item_type.rsplit('.').next().unwrap_or(item_type);
        let base = format!("{}Id", bare.to_lower_camel_case());
        let mut name = base.clone();
        let mut n = 2;
        while existing.contains(&name.as_str()) {
            name = format!("{base}{n}");
            n += 1;
        }
        segments.push(Segment {
            parts: vec![SegmentPart::Param(name)],
        });
    }
    PathTemplate {
        template: render(&segments),
        segments,
        fixed_query: Vec::new(),
        source: property.source.clone(),
    }
}
