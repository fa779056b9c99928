//! Inheritance: the base of each type (the `baseType` annotation, else the "Inherits from"
//! line), cycles broken, entity or complex (a key, own or inherited, `entity` among the
//! ancestors, or being the target of a relationship while having an `id`), intune's flattened inherited rows removed, `derived` lists, and the final kinds
//! of property types.

use super::build::{def_span, Work};
use super::registry::{Body, Found, Registry};
use crate::diag::{Code, Diagnostic};
use crate::facts::resource::BaseRef;
use crate::ir::{Property, TypeKind, TypeRefKind};
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
    break_cycles(work, diagnostics);
    limit_depth(work, diagnostics);
    // OData navigation properties point at entities: a relationship's target with an `id`
    // is an entity even when its page has no keyProperty (appRoleAssignment, alert).
    let nav_targets: BTreeSet<usize> = work
        .iter()
        .flat_map(|w| w.def.properties.iter().zip(&w.props))
        .filter(|(p, _)| p.navigation)
        .filter_map(|(_, info)| info.target)
        .collect();
    let order = topological_order(work);
    for &i in &order {
        settle(work, i, nav_targets.contains(&i), diagnostics);
    }
    // Property kinds now that entity / complex is known.
    let kinds: Vec<TypeKind> = work.iter().map(|w| w.def.kind).collect();
    for w in work.iter_mut() {
        for (property, info) in w.def.properties.iter_mut().zip(&w.props) {
            if let Some(kind) = info.target.and_then(|t| kinds.get(t)) {
                property.type_ref.kind = TypeRefKind::from(*kind);
            }
        }
    }
    let mut derived: Vec<(usize, String)> = Vec::new();
    for w in work.iter() {
        if let Some(b) = w.base {
            derived.push((b, w.def.name.clone()));
        }
    }
    for (b, name) in derived {
        if let Some(base) = work.get_mut(b) {
            base.def.derived.push(name);
        }
    }
    for w in work.iter_mut() {
        w.def.derived.sort();
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

/// Deepest chain of base types kept (Graph's deepest is about 5). A deeper chain is cut, with an
/// `inheritance-too-deep` error: every derived type copies its bases' properties, so without a
/// bound N pages in one chain made N^2/2 fields (3,000 pages: a 646 MB crate).
pub const MAX_INHERITANCE_DEPTH: usize = 32;

/// Walks each base chain; a chain that comes back on itself loses the base link of the type
/// whose name sorts last in the cycle. Each type is walked a bounded number of times (a walk
/// stops at a type already known to end without a cycle), so long chains take linear time.
fn break_cycles(work: &mut [Work], diagnostics: &mut Vec<Diagnostic>) {
    const NEW: u8 = 0;
    const ON_WALK: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; work.len()];
    let mut position = vec![0usize; work.len()];
    for start in 0..work.len() {
        loop {
            let mut path: Vec<usize> = Vec::new();
            let mut current = Some(start);
            let mut cycle = None;
            while let Some(c) = current {
                match state.get(c).copied() {
                    Some(NEW) => {}
                    Some(ON_WALK) => {
                        let at = position.get(c).copied().unwrap_or_default();
                        cycle = path.get(at..).map(<[usize]>::to_vec);
                        break;
                    }
                    _ => break,
                }
                if let (Some(s), Some(p)) = (state.get_mut(c), position.get_mut(c)) {
                    *s = ON_WALK;
                    *p = path.len();
                }
                path.push(c);
                current = work.get(c).and_then(|w| w.base);
            }
            let Some(cycle) = cycle else {
                for p in &path {
                    if let Some(s) = state.get_mut(*p) {
                        *s = DONE;
                    }
                }
                break;
            };
            // Walk again once the cycle is broken.
            for p in &path {
                if let Some(s) = state.get_mut(*p) {
                    *s = NEW;
                }
            }
            let name = |i: usize| work.get(i).map_or("", |w| w.def.name.as_str());
            let Some(&victim) = cycle.iter().max_by(|a, b| name(**a).cmp(name(**b))) else {
                break;
            };
            let Some(v) = work.get(victim) else { break };
            let names: Vec<&str> = cycle.iter().map(|i| name(*i)).collect();
            let mut d = Diagnostic::new(
                Code::InheritanceCycle,
                v.def.source.clone(),
                format!(
                    "base types form a cycle ({}); the base of `{}` was dropped",
                    names.join(" -> "),
                    v.def.name
                ),
            );
            for other in cycle.iter().filter(|o| **o != victim) {
                if let Some(o) = work.get(*other) {
                    d = d.with_related(o.def.source.clone(), format!("`{}`", o.def.name));
                }
            }
            diagnostics.push(d);
            if let Some(v) = work.get_mut(victim) {
                v.base = None;
            }
        }
    }
}

/// Cuts chains deeper than [`MAX_INHERITANCE_DEPTH`] from the top: a type with that many bases
/// above it keeps them, a type below it loses its base and starts a new chain. Runs after
/// [`break_cycles`], in linear time.
fn limit_depth(work: &mut [Work], diagnostics: &mut Vec<Diagnostic>) {
    // Depth of each type in the acyclic chains, each computed once.
    let mut depth: Vec<Option<usize>> = vec![None; work.len()];
    for start in 0..work.len() {
        let mut path = Vec::new();
        let mut current = Some(start);
        let mut known = None;
        while let Some(c) = current {
            if let Some(d) = depth.get(c).copied().flatten() {
                known = Some(d);
                break;
            }
            if path.len() > work.len() {
                break; // only after a cycle, which break_cycles removed
            }
            path.push(c);
            current = work.get(c).and_then(|w| w.base);
        }
        let above = known.map_or(0, |d| d + 1);
        for (d, &p) in (above..).zip(path.iter().rev()) {
            if let Some(slot) = depth.get_mut(p) {
                *slot = Some(d);
            }
        }
    }
    // Bases before derived types; each type's depth after the cuts above it.
    let mut order: Vec<(usize, usize)> = depth
        .iter()
        .enumerate()
        .map(|(i, d)| (d.unwrap_or_default(), i))
        .collect();
    order.sort();
    let mut kept: Vec<usize> = vec![0; work.len()];
    for (_, i) in order {
        let Some(base) = work.get(i).and_then(|w| w.base) else {
            continue;
        };
        let above = kept.get(base).copied().unwrap_or_default() + 1;
        if above <= MAX_INHERITANCE_DEPTH {
            if let Some(k) = kept.get_mut(i) {
                *k = above;
            }
            continue;
        }
        let (Some(w), Some(b)) = (work.get(i), work.get(base)) else {
            continue;
        };
        diagnostics.push(
            Diagnostic::new(
                Code::InheritanceTooDeep,
                w.def.source.clone(),
                format!(
                    "`{}` has more than {MAX_INHERITANCE_DEPTH} base types above it; its base `{}` was dropped",
                    w.def.name, b.def.name
                ),
            )
            .with_related(b.def.source.clone(), format!("`{}`", b.def.name)),
        );
        if let Some(w) = work.get_mut(i) {
            w.base = None;
        }
    }
}

/// Types with their bases first (the chains are acyclic by now).
fn topological_order(work: &[Work]) -> Vec<usize> {
    let depth = |mut i: usize| {
        let mut d = 0usize;
        while let Some(b) = work.get(i).and_then(|w| w.base) {
            d += 1;
            i = b;
            if d > work.len() {
                break;
            }
        }
        d
    };
    let mut order: Vec<(usize, usize)> = (0..work.len()).map(|i| (depth(i), i)).collect();
    order.sort();
    order.into_iter().map(|(_, i)| i).collect()
}

/// The bases of `index`, nearest first, stopping where the chain comes back on itself.
pub(super) fn ancestors(work: &[Work], index: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut current = work.get(index).and_then(|w| w.base);
    while let Some(c) = current {
        if out.contains(&c) || c == index {
            break;
        }
        out.push(c);
        current = work.get(c).and_then(|w| w.base);
    }
    out
}

/// Base name, key, kind, inherited rows and key nullability of one structured type, whose
/// ancestors are already settled.
fn settle(work: &mut [Work], index: usize, nav_target: bool, diagnostics: &mut Vec<Diagnostic>) {
    if work.get(index).is_none_or(|w| w.def.kind == TypeKind::Enum) {
        return;
    }
    let chain: Vec<&Work> = ancestors(work, index)
        .into_iter()
        .filter_map(|a| work.get(a))
        .collect();
    let base_name = chain.first().map(|b| b.def.name.clone());
    let inherited_key = chain.iter().find_map(|a| a.def.key.clone());
    let reaches_entity = chain.iter().any(|a| a.def.name == "entity");
    let declared_id = chain
        .iter()
        .any(|a| a.def.properties.iter().any(|p| p.name == "id"));
    // The nearest ancestor's declaration of each inherited name.
    let mut declared: BTreeMap<String, (&Property, &str)> = BTreeMap::new();
    for a in chain.iter().rev() {
        for p in &a.def.properties {
            declared.insert(p.name.to_lowercase(), (p, a.def.name.as_str()));
        }
    }
    let mut removals = Vec::new();
    let mut problems = Vec::new();
    if let Some(w) = work.get(index) {
        for (i, property) in w.def.properties.iter().enumerate() {
            let Some((inherited, base)) = declared.get(&property.name.to_lowercase()) else {
                continue;
            };
            removals.push(i);
            // Pages repeat inherited rows (intune always, others often): silently dropped when
            // they agree with the base, reported when they do not.
            if (
                inherited.type_ref.name.as_str(),
                inherited.type_ref.collection,
            ) != (
                property.type_ref.name.as_str(),
                property.type_ref.collection,
            ) {
                problems.push(
                    Diagnostic::new(
                        Code::DuplicateRow,
                        property.source.clone(),
                        format!(
                            "property `{}` of `{}` repeats the one of its base `{base}` with another type ({}{} vs {}{}); the base's is kept",
                            property.name,
                            w.def.name,
                            property.type_ref.name,
                            if property.type_ref.collection { " collection" } else { "" },
                            inherited.type_ref.name,
                            if inherited.type_ref.collection { " collection" } else { "" },
                        ),
                    )
                    .with_related(inherited.source.clone(), format!("`{base}`")),
                );
            }
        }
    }
    diagnostics.extend(problems);
    let Some(w) = work.get_mut(index) else { return };
    for i in removals.into_iter().rev() {
        w.def.properties.remove(i);
        w.props.remove(i);
    }
    w.def.base = base_name;
    if w.def.key.is_none() {
        let has_id = w.def.properties.iter().any(|p| p.name == "id") || declared_id;
        let implied = reaches_entity || (nav_target && has_id);
        w.def.key = inherited_key.or_else(|| implied.then(|| "id".to_string()));
    }
    let is_entity = w.def.key.is_some() || w.def.name == "entity";
    w.def.kind = if is_entity {
        TypeKind::Entity
    } else {
        TypeKind::Complex
    };
    if let Some(key) = w.def.key.clone() {
        for (property, info) in w.def.properties.iter_mut().zip(&w.props) {
            if property.name == key && info.explicit_nullable != Some(true) {
                property.nullable = false;
            }
        }
    }
}
