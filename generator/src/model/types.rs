//! Type resolution: links to types, inheritance (cycles broken), duplicates, recursion.
//!
//! Steps: collect every definition ([`registry`]), keep one per name, promote the `X values`
//! sections that properties refer to, resolve property types, then inheritance
//! ([`inheritance`]), recursion ([`recursion`]) and the JSON representation check
//! ([`json_check`]).

mod build;
mod inheritance;
mod json_check;
mod recursion;
mod registry;

pub(crate) use registry::{link_target, model_name};

use super::{TypeDef, TypeKind, TypeRefKind};
use crate::diag::Diagnostic;
use crate::facts::typeref::{TypeSpec, TypeSpecKind};
use crate::facts::PageFacts;
use std::collections::BTreeMap;

/// The resolved types, searchable by name. Operations resolve their types through it.
#[derive(Clone, Debug, Default)]
pub struct TypeIndex {
    types: Vec<TypeDef>,
    /// Lower-cased model name -> index.
    by_name: BTreeMap<String, usize>,
    /// Lower-cased name without sub-namespace -> indexes.
    by_bare: BTreeMap<String, Vec<usize>>,
    /// Lower-cased defining page -> indexes of the types defined there.
    by_page: BTreeMap<String, Vec<usize>>,
}

/// A type reference resolved against the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedRef {
    /// The model's spelling (`identitySet`, `callRecords.session`), a primitive, `Json`, or the
    /// name as written when unresolved.
    pub name: String,
    pub kind: TypeRefKind,
    pub collection: bool,
}

impl TypeIndex {
    /// An index over already resolved types (tests and tools), sorted by name.
    pub fn from_types(mut types: Vec<TypeDef>) -> Self {
        types.sort_by(|a, b| a.name.cmp(&b.name));
        let mut index = TypeIndex {
            types,
            ..TypeIndex::default()
        };
        for (i, def) in index.types.iter().enumerate() {
            index.by_name.insert(def.name.to_lowercase(), i);
            let bare = def
                .name
                .rsplit('.')
                .next()
                .unwrap_or(&def.name)
                .to_lowercase();
            index.by_bare.entry(bare).or_default().push(i);
            index
                .by_page
                .entry(def.source.file.to_lowercase())
                .or_default()
                .push(i);
        }
        index
    }

    /// Resolves a type name as written in the docs (any case, `microsoft.graph.` prefix or not,
    /// leading `#`) to the model's spelling and kind. None when no page defines it.
    /// `Collection(...)` is the caller's to remove.
    pub fn resolve(&self, name: &str) -> Option<(&str, TypeRefKind)> {
        let name = name.trim().trim_start_matches('#');
        let lower = name.to_lowercase();
        let lower = lower.strip_prefix("microsoft.graph.").unwrap_or(&lower);
        let index = self.by_name.get(lower).copied().or_else(|| {
            match self.by_bare.get(lower).map(Vec::as_slice) {
                Some([only]) if !lower.contains('.') => Some(*only),
                _ => None,
            }
        })?;
        let def = self.types.get(index)?;
        Some((def.name.as_str(), ref_kind(def.kind)))
    }

    /// Resolves a Type cell read by [`crate::facts::typeref`] on page `page_path`: primitives
    /// and JSON as they are, named types by name, else by the link's target page.
    pub fn resolve_spec(&self, spec: &TypeSpec, page_path: &str) -> ResolvedRef {
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
                    match self.by_page.get(&page?).map(Vec::as_slice) {
                        Some([only]) => self.types.get(*only),
                        _ => None,
                    }
                    .map(|d| (d.name.as_str(), ref_kind(d.kind)))
                };
                match self.resolve(&written).or_else(by_link) {
                    Some((name, kind)) => (name.to_string(), kind),
                    None => (written, TypeRefKind::Unresolved),
                }
            }
        };
        ResolvedRef {
            name,
            kind,
            collection: spec.collection,
        }
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

pub(crate) fn ref_kind(kind: TypeKind) -> TypeRefKind {
    match kind {
        TypeKind::Entity => TypeRefKind::Entity,
        TypeKind::Complex => TypeRefKind::Complex,
        TypeKind::Enum => TypeRefKind::Enum,
    }
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
    recursion::mark(&mut work);
    json_check::check(&work, &registry, diagnostics);
    TypeIndex::from_types(work.into_iter().map(|w| w.def).collect())
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod corpus_tests;
