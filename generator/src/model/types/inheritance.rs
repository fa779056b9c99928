//! Inheritance: the base of each type (the `baseType` annotation, else the "Inherits from"
//! line), the chains resolved by [`hierarchy`] (cycles broken there), entity or complex (a key,
//! own or inherited, `entity` among the ancestors, or being the target of a relationship while
//! having an `id`), intune's flattened inherited rows removed, and the final kinds of property
//! types.

use super::build::{def_span, Work};
use super::hierarchy;
use super::registry::{Body, Found, Registry};
use crate::diag::{Code, Diagnostic};
use crate::facts::resource::BaseRef;
use crate::ir::{Property, TypeBody, TypeDef, TypeKind, TypeRefKind};
use std::collections::{BTreeMap, BTreeSet};

pub fn apply(work: &mut [Work], registry: &Registry<'_>, diagnostics: &mut Vec<Diagnostic>) {
    for (i, def) in registry.defs.iter().enumerate() {
        let Body::Resource(resource) = def.body else {
            continue;
        };
        let base = choose_base(
            i,
            resource.base_annotation.as_ref(),
            resource.base_prose.as_ref(),
            registry,
            diagnostics,
        );
        if let Some(w) = work.get_mut(i) {
            w.base = base;
        }
    }
    let mut bases: Vec<Option<usize>> = work.iter().map(|w| w.base).collect();
    let defs: Vec<&TypeDef> = work.iter().map(|w| &w.def).collect();
    let chains = hierarchy::resolve(&mut bases, &defs, diagnostics);
    let derived = hierarchy::derived(&bases);
    for ((w, base), chain) in work.iter_mut().zip(bases).zip(chains) {
        w.base = base;
        w.ancestors = chain;
    }
    // OData navigation properties point at entities: a relationship's target with an `id`
    // is an entity even when its page has no keyProperty (appRoleAssignment, alert).
    let nav_targets: BTreeSet<usize> = work
        .iter()
        .flat_map(|w| w.def.properties().iter().zip(&w.props))
        .filter(|(p, _)| p.navigation)
        .filter_map(|(_, info)| info.target)
        .collect();
    // Bases before derived types, so that each type settles after its ancestors.
    let mut order: Vec<(usize, usize)> = work
        .iter()
        .enumerate()
        .map(|(i, w)| (w.ancestors.len(), i))
        .collect();
    order.sort();
    for (_, i) in order {
        settle(work, i, nav_targets.contains(&i), diagnostics);
    }
    // Property kinds now that entity / complex is known.
    let kinds: Vec<TypeKind> = work.iter().map(|w| w.def.kind()).collect();
    let names: Vec<String> = work.iter().map(|w| w.def.name.clone()).collect();
    let name = |i: &usize| names.get(*i).cloned().unwrap_or_default();
    for (w, derived) in work.iter_mut().zip(derived) {
        let ancestors: Vec<String> = w.ancestors.iter().map(name).collect();
        let Some(body) = w.def.structure_mut() else {
            continue;
        };
        for (property, info) in body.properties.iter_mut().zip(&w.props) {
            if let Some(kind) = info.target.and_then(|t| kinds.get(t)) {
                property.type_ref.kind = TypeRefKind::from(*kind);
            }
        }
        body.ancestors = ancestors;
        body.derived = derived.iter().map(name).collect();
        body.derived.sort();
    }
}

/// A base must be a structured type defined by some page.
fn resolve_base(base: &BaseRef, registry: &Registry<'_>, from: usize) -> Option<usize> {
    let page = registry.def(from)?.page;
    match registry.lookup(
        &base.name,
        base.namespace.as_deref(),
        base.link.as_deref(),
        page,
    ) {
        Found::Def(i) if matches!(registry.def(i).map(|d| d.body), Some(Body::Resource(_))) => {
            Some(i)
        }
        _ => None,
    }
}

fn choose_base(
    index: usize,
    annotation: Option<&BaseRef>,
    prose: Option<&BaseRef>,
    registry: &Registry<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let owner = registry
        .def(index)
        .map(|d| d.name.clone())
        .unwrap_or_default();
    let from_annotation = annotation.map(|b| (b, resolve_base(b, registry, index)));
    let from_prose = prose.map(|b| (b, resolve_base(b, registry, index)));
    for (base, found) in from_annotation.iter().chain(from_prose.iter()) {
        if found.is_none() {
            diagnostics.push(Diagnostic::new(
                Code::BaseUnresolved,
                base.span.clone(),
                format!(
                    "`{owner}` inherits from `{}`, which no page defines as a type",
                    base.name
                ),
            ));
        }
    }
    let chosen = match (from_annotation, from_prose) {
        (Some((a, Some(x))), Some((p, Some(y)))) if x != y => {
            diagnostics.push(
                Diagnostic::new(
                    Code::BaseConflict,
                    a.span.clone(),
                    format!(
                        "`{owner}`: the baseType annotation says `{}` but the prose says `{}`; the annotation is kept",
                        a.name, p.name
                    ),
                )
                .with_related(p.span.clone(), "the \"Inherits from\" line"),
            );
            Some(x)
        }
        (Some((_, Some(x))), _) => Some(x),
        (_, Some((_, Some(y)))) => Some(y),
        _ => None,
    };
    if chosen == Some(index) {
        let span = def_span(registry, index);
        diagnostics.push(Diagnostic::new(
            Code::InheritanceCycle,
            span,
            format!("`{owner}` names itself as its base; the base was dropped"),
        ));
        return None;
    }
    chosen
}

/// Key, kind, inherited rows and key nullability of one structured type, whose ancestors are
/// already settled.
fn settle(work: &mut [Work], index: usize, nav_target: bool, diagnostics: &mut Vec<Diagnostic>) {
    let Some(w) = work.get(index).filter(|w| w.def.structure().is_some()) else {
        return;
    };
    let chain: Vec<&Work> = w.ancestors.iter().filter_map(|a| work.get(*a)).collect();
    let inherited_key = chain
        .iter()
        .find_map(|a| a.def.structure().and_then(|s| s.key.clone()));
    let reaches_entity = chain.iter().any(|a| a.def.name == "entity");
    let declared_id = chain
        .iter()
        .any(|a| a.def.properties().iter().any(|p| p.name == "id"));
    // The nearest ancestor's declaration of each inherited name.
    let mut declared: BTreeMap<String, (&Property, &str)> = BTreeMap::new();
    for a in chain.iter().rev() {
        for p in a.def.properties() {
            declared.insert(p.name.to_lowercase(), (p, a.def.name.as_str()));
        }
    }
    let mut removals = Vec::new();
    let mut problems = Vec::new();
    for (i, property) in w.def.properties().iter().enumerate() {
        let Some((inherited, base)) = declared.get(&property.name.to_lowercase()) else {
            continue;
        };
        removals.push(i);
        // Pages repeat inherited rows (intune always, others often): silently dropped when
        // they agree with the base, reported when they do not.
        let (mine, theirs) = (&property.type_ref, &inherited.type_ref);
        if (mine.name.as_str(), mine.collection) != (theirs.name.as_str(), theirs.collection) {
            problems.push(
                Diagnostic::new(
                    Code::DuplicateRow,
                    property.source.clone(),
                    format!(
                        "property `{}` of `{}` repeats the one of its base `{base}` with another type ({}{} vs {}{}); the base's is kept",
                        property.name,
                        w.def.name,
                        mine.name,
                        if mine.collection { " collection" } else { "" },
                        theirs.name,
                        if theirs.collection { " collection" } else { "" },
                    ),
                )
                .with_related(inherited.source.clone(), format!("`{base}`")),
            );
        }
    }
    diagnostics.extend(problems);
    let Some(Work { def, props, .. }) = work.get_mut(index) else {
        return;
    };
    let name_is_entity = def.name == "entity";
    let Some(body) = def.structure_mut() else {
        return;
    };
    for i in removals.into_iter().rev() {
        body.properties.remove(i);
        props.remove(i);
    }
    if body.key.is_none() {
        let has_id = body.properties.iter().any(|p| p.name == "id") || declared_id;
        let implied = reaches_entity || (nav_target && has_id);
        body.key = inherited_key.or_else(|| implied.then(|| "id".to_string()));
    }
    if let Some(key) = body.key.clone() {
        for (property, info) in body.properties.iter_mut().zip(props.iter()) {
            if property.name == key && info.explicit_nullable != Some(true) {
                property.nullable = false;
            }
        }
    }
    let is_entity = body.key.is_some() || name_is_entity;
    let body = std::mem::take(body);
    def.body = if is_entity {
        TypeBody::Entity(body)
    } else {
        TypeBody::Complex(body)
    };
}
