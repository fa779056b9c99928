//! Where a type's items are addressed: the paths of the pages that get, update or delete one
//! item of the type, or the type's own root segment when it is a singleton
//! (`/deviceManagement`). Documented paths come first; paths inferred in an earlier round of
//! inference are used only where no page documents one. Rounds see only earlier rounds'
//! results, so the outcome does not depend on the order of pages.

use super::draft::Draft;
use crate::diag::Span;
use crate::ir::{Method, PathTemplate, Segment, SegmentPart, TypeDef};
use std::collections::BTreeMap;

/// A type's documented item paths: every clean path of the page that gives the shortest one.
#[derive(Clone, Debug)]
pub struct ItemPaths<'a> {
    pub templates: Vec<&'a PathTemplate>,
    /// The page (its H1) the paths come from.
    pub span: Span,
    /// The paths were themselves inferred (in an earlier round), not documented.
    pub inferred: bool,
}

/// A singleton's path: `/name`, spelled as the documented paths spell it.
#[derive(Clone, Debug)]
pub struct Singleton {
    pub template: PathTemplate,
    /// A documented path that starts with the singleton.
    pub witness: Span,
}

/// Documented item paths by owner, and the singletons documented paths start with.
pub struct Owners<'a> {
    drafts: &'a [Draft],
    /// Lower-cased first literal segment of a documented path -> the singleton.
    singletons: BTreeMap<String, Singleton>,
}

impl<'a> Owners<'a> {
    pub fn new(drafts: &'a [Draft]) -> Self {
        let mut singletons: BTreeMap<String, Singleton> = BTreeMap::new();
        for draft in with_paths(drafts) {
            for template in &draft.op.paths {
                let Some(first) = template.segments.first() else {
                    continue;
                };
                let [SegmentPart::Literal(word)] = first.parts.as_slice() else {
                    continue;
                };
                if !word.chars().all(|c| c.is_ascii_alphanumeric()) {
                    continue;
                }
                let segments = vec![first.clone()];
                singletons
                    .entry(word.to_ascii_lowercase())
                    .or_insert_with(|| Singleton {
                        template: PathTemplate {
                            template: crate::facts::template::render(&segments),
                            segments,
                            fixed_query: Vec::new(),
                            source: template.source.clone(),
                        },
                        witness: draft.op.source.clone(),
                    });
            }
        }
        Owners { drafts, singletons }
    }

    /// The shortest documented path addressing one `owner` (a get, update or delete page of it),
    /// with the other paths of the same page; first in text order on ties.
    pub fn item_paths(&self, owner: &TypeDef) -> Option<ItemPaths<'a>> {
        let best = with_paths(self.drafts)
            .filter(|d| d.acts_on_item)
            .filter(|d| d.subject.as_ref().is_some_and(|s| s.name == owner.name))
            .flat_map(|d| {
                let inferred = d.op.inferred_path.is_some();
                clean(&d.op.paths).map(move |t| (inferred, t, d, method_rank(d.op.method)))
            })
            .min_by(|a, b| {
                (
                    a.0,
                    a.1.segments.len(),
                    &a.1.template,
                    a.3,
                    &a.2.op.source.file,
                )
                    .cmp(&(
                        b.0,
                        b.1.segments.len(),
                        &b.1.template,
                        b.3,
                        &b.2.op.source.file,
                    ))
            })?;
        let (inferred, shortest, draft, _) = best;
        let mut templates = vec![shortest];
        templates.extend(clean(&draft.op.paths).filter(|t| *t != shortest));
        Some(ItemPaths {
            templates,
            span: draft.op.source.clone(),
            inferred,
        })
    }

    /// `owner` as a singleton: documented paths start with a segment spelled like its name.
    pub fn singleton(&self, owner: &TypeDef) -> Option<&Singleton> {
        let bare = owner.name.rsplit('.').next().unwrap_or(&owner.name);
        self.singletons.get(&bare.to_ascii_lowercase())
    }

    /// The documented paths of every page, for checks such as how the docs spell bound
    /// operations.
    pub fn documented_templates(&self) -> impl Iterator<Item = &'a PathTemplate> {
        self.drafts
            .iter()
            .filter(|d| d.op.inferred_path.is_none())
            .flat_map(|d| d.op.paths.iter())
    }
}

/// Drafts with paths: documented, or inferred in an earlier round.
fn with_paths(drafts: &[Draft]) -> impl Iterator<Item = &Draft> {
    drafts.iter().filter(|d| !d.op.paths.is_empty())
}

/// Templates without OData segments (`$value`, `$ref`) or a fixed query: plain item paths.
fn clean(templates: &[PathTemplate]) -> impl Iterator<Item = &PathTemplate> {
    templates
        .iter()
        .filter(|t| !t.template.contains('$') && t.fixed_query.is_empty())
}

/// Get pages explain an owner's path best; then updates, then the rest.
fn method_rank(method: Method) -> u8 {
    match method {
        Method::Get => 0,
        Method::Patch | Method::Put => 1,
        Method::Post | Method::Delete => 2,
    }
}

/// `template` with one more literal segment.
pub fn with_literal(template: &PathTemplate, literal: &str, source: &Span) -> PathTemplate {
    let mut segments = template.segments.clone();
    segments.push(Segment {
        parts: vec![SegmentPart::Literal(literal.to_string())],
    });
    PathTemplate {
        template: crate::facts::template::render(&segments),
        segments,
        fixed_query: Vec::new(),
        source: source.clone(),
    }
}

/// Whether two templates address the same thing: as many segments, literals equal without case
/// and parameters where parameters are (their names may differ).
pub fn same_shape(a: &PathTemplate, b: &PathTemplate) -> bool {
    same_segments(&a.segments, &b.segments)
}

/// [`same_shape`] of segment lists.
pub fn same_segments(a: &[Segment], b: &[Segment]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| match (x.parts.as_slice(), y.parts.as_slice()) {
                ([SegmentPart::Param(_)], [SegmentPart::Param(_)]) => true,
                (xs, ys) => {
                    xs.len() == ys.len()
                        && xs.iter().zip(ys).all(|(p, q)| match (p, q) {
                            (SegmentPart::Literal(p), SegmentPart::Literal(q)) => {
                                p.eq_ignore_ascii_case(q)
                            }
                            (SegmentPart::Param(_), SegmentPart::Param(_)) => true,
                            _ => false,
                        })
                }
            })
}
