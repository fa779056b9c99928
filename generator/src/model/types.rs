//! Type resolution: links to types, inheritance (cycles broken), duplicates, recursion.
//!
//! Steps: collect every definition ([`registry`]), keep one per name, promote the `X values`
//! sections that properties refer to, resolve property types, then inheritance
//! ([`inheritance`], with the chains of [`hierarchy`]), the JSON representation check
//! ([`json_check`]) and recursion ([`recursion`]).

mod build;
mod hierarchy;
mod inheritance;
mod json_check;
mod names;
mod recursion;
mod registry;

pub use hierarchy::MAX_INHERITANCE_DEPTH;

pub(crate) use registry::{link_target, model_name};

use crate::diag::Diagnostic;
use crate::facts::typeref::{TypeSpec, TypeSpecKind};
use crate::facts::PageFacts;
use crate::ir::{TypeDef, TypeRef, TypeRefKind};
use names::NameIndex;

/// The resolved types, searchable by name. Operations resolve their types through it.
#[derive(Clone, Debug, Default)]
pub struct TypeIndex {
    /// Sorted by name.
    types: Vec<TypeDef>,
    /// Index-aligned with `types`.
    names: NameIndex,
}

impl TypeIndex {
    /// An index over already resolved types (tests and tools), sorted by name.
    pub fn from_types(mut types: Vec<TypeDef>) -> Self {
        types.sort_by(|a, b| a.name.cmp(&b.name));
        let names = NameIndex::new(
            types
                .iter()
                .map(|t| (t.name.as_str(), t.source.file.as_str())),
        );
        TypeIndex { types, names }
    }

    /// Resolves a type name as written in the docs (any case, `microsoft.graph.` prefix or not,
    /// leading `#`) to the model's spelling and kind. None when no page defines it.
    /// `Collection(...)` is the caller's to remove.
    pub fn resolve(&self, name: &str) -> Option<(&str, TypeRefKind)> {
        let name = name.trim().trim_start_matches('#');
        let lower = name.to_lowercase();
        let lower = lower.strip_prefix("microsoft.graph.").unwrap_or(&lower);
        let index = self.names.named(lower).or_else(|| {
            (!lower.contains('.'))
                .then(|| self.names.only_bare(lower))
                .flatten()
        })?;
        let def = self.types.get(index)?;
        Some((def.name.as_str(), TypeRefKind::from(def.kind())))
    }

    /// Resolves a Type cell read by [`crate::facts::typeref`] on page `page_path`: primitives
    /// and JSON as they are, named types by name, else by the link's target page.
    pub fn resolve_spec(&self, spec: &TypeSpec, page_path: &str) -> TypeRef {
        let (name, kind) = match spec.kind {
            TypeSpecKind::Primitive => (spec.name.clone(), TypeRefKind::Primitive),
            TypeSpecKind::Json | TypeSpecKind::Unknown => ("Json".to_string(), TypeRefKind::Json),
            TypeSpecKind::Named => {
                let written = match &spec.namespace {
                    Some(ns) => format!("{ns}.{}", spec.name),
                    None => spec.name.clone(),
                };
                let by_link = || {
                    let (page, _) = registry::link_target(page_path, spec.link.as_deref()?);
                    match self.names.on_page(&page?) {
                        [only] => self.types.get(*only),
                        _ => None,
                    }
                    .map(|d| (d.name.as_str(), TypeRefKind::from(d.kind())))
                };
                match self.resolve(&written).or_else(by_link) {
                    Some((name, kind)) => (name.to_string(), kind),
                    None => (written, TypeRefKind::Unresolved),
                }
            }
        };
        TypeRef {
            name,
            kind,
            collection: spec.collection,
        }
    }

    /// The type of that model name, in any case (no other spelling).
    pub fn get_ignore_case(&self, name: &str) -> Option<&TypeDef> {
        self.types.get(self.names.named(&name.to_lowercase())?)
    }

    /// The type of that exact model name.
    pub fn get(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name.as_str().cmp(name))
            .ok()
            .and_then(|i| self.types.get(i))
    }

    pub fn types(&self) -> &[TypeDef] {
        &self.types
    }

    /// The types, to change their properties' types (type agreement); names, kinds and order
    /// must stay as they are, so the index remains valid.
    pub(crate) fn types_mut(&mut self) -> &mut [TypeDef] {
        &mut self.types
    }

    pub fn into_types(self) -> Vec<TypeDef> {
        self.types
    }
}

/// The link resolution of [`registry`], for the facts stage's robustness tests.
#[cfg(test)]
pub(crate) fn link_target_for_tests(from: &str, link: &str) -> (Option<String>, Option<String>) {
    registry::link_target(from, link)
}

pub fn resolve_types(facts: &[PageFacts], diagnostics: &mut Vec<Diagnostic>) -> TypeIndex {
    let (candidates, sections) = registry::candidates(facts);
    // First pass: which `X values` sections do properties refer to? Those become enums.
    let first = registry::Registry::build(candidates.clone(), sections.clone(), &mut Vec::new());
    let referenced = build::referenced_sections(&first);
    let mut all = candidates;
    let mut kept_sections = Vec::new();
    for (i, section) in sections.into_iter().enumerate() {
        if referenced.contains(&i) && !section.lists_null() {
            all.push(registry::section_def(section.page, section.facts));
        } else {
            kept_sections.push(section);
        }
    }
    let registry = registry::Registry::build(all, kept_sections, diagnostics);
    let mut work = build::build_defs(&registry, diagnostics);
    inheritance::apply(&mut work, &registry, diagnostics);
    json_check::check(&work, &registry, diagnostics);
    let mut types: Vec<TypeDef> = work.into_iter().map(|w| w.def).collect();
    recursion::mark(&mut types, diagnostics);
    // The registry's definitions are sorted by name, as the types are.
    TypeIndex {
        types,
        names: registry.into_names(),
    }
}

/// Completes types read from elsewhere than pages (a tool's model, a test fixture) as
/// [`resolve_types`] does for pages: ancestors and derived lists from the bases `base_of` names
/// (cycles cut, with diagnostics), then which properties are recursive.
pub fn complete<'a>(
    types: &mut [TypeDef],
    base_of: impl Fn(&str) -> Option<&'a str>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    hierarchy::link(types, base_of, diagnostics);
    recursion::mark(types, diagnostics);
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod corpus_tests;
