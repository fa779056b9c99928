//! Recursion: which single-valued properties must be boxed, decided once for the whole model
//! (the emitter reads [`crate::ir::Property::recursive`]).
//!
//! A struct holds its own fields and its ancestors' (the emitter copies base properties into
//! derived types; a property a derived type declares again takes the place of the inherited
//! one). A property `p` declared on `B` with struct type `U` is recursive when some holder of
//! `p` (`B` or a type derived from it that does not redeclare `p`) can be reached from `U`
//! through single-valued struct fields: the holder then contains itself through `p`. The flag is
//! per declaration, so an inherited field has the same type in every struct that holds it.
//! Collections are `Vec`s and need no box.

use super::hierarchy::struct_positions;
use crate::diag::{Code, Diagnostic};
use crate::ir::TypeDef;
use std::collections::BTreeMap;

/// Sets `recursive` on every property of `types` (sorted by name, ancestors resolved), with a
/// `recursive-type` note for each property it sets.
pub fn mark(types: &mut [TypeDef], diagnostics: &mut Vec<Diagnostic>) {
    for t in types.iter_mut() {
        for p in t
            .structure_mut()
            .map(|s| s.properties.iter_mut())
            .into_iter()
            .flatten()
        {
            p.recursive = false;
        }
    }
    let index = struct_positions(types);
    let lookup = |name: &str| index.get(name).copied();
    // For each struct, each field name -> the declaration it holds: (declaring type, index of
    // the property there). A later declaration replaces an earlier one, as in the emitter.
    let held: Vec<BTreeMap<&str, (usize, usize)>> = types
        .iter()
        .map(|t| {
            let mut fields = BTreeMap::new();
            let chain = t.ancestors().iter().rev().filter_map(|a| lookup(a));
            for owner in chain.chain(lookup(&t.name)) {
                let properties = types.get(owner).map(TypeDef::properties);
                for (i, p) in properties.unwrap_or_default().iter().enumerate() {
                    fields.insert(p.name.as_str(), (owner, i));
                }
            }
            fields
        })
        .collect();
    // The struct type a single-valued struct property (owner, index) holds.
    let target = |(owner, i): (usize, usize)| {
        let p = types.get(owner)?.properties().get(i)?;
        (!p.type_ref.collection && p.type_ref.is_struct())
            .then(|| lookup(&p.type_ref.name))
            .flatten()
    };
    let edges: Vec<Vec<usize>> = held
        .iter()
        .map(|fields| {
            let mut targets: Vec<usize> = fields.values().filter_map(|d| target(*d)).collect();
            targets.sort_unstable();
            targets.dedup();
            targets
        })
        .collect();
    let component = components(&edges);
    // Each struct's holders: itself and the types derived from it, directly or not.
    let mut family: Vec<Vec<usize>> = (0..types.len()).map(|i| vec![i]).collect();
    for (d, t) in types.iter().enumerate() {
        for a in t.ancestors().iter().filter_map(|a| lookup(a)) {
            if let Some(f) = family.get_mut(a) {
                f.push(d);
            }
        }
    }
    let mut decided: Vec<(usize, usize, Option<usize>)> = Vec::new(); // (owner, property, holder)
    for (b, t) in types.iter().enumerate() {
        for (i, p) in t.properties().iter().enumerate() {
            let Some(u) = target((b, i)) else {
                continue;
            };
            let cycles = |h: &usize| {
                held.get(*h).and_then(|f| f.get(p.name.as_str())) == Some(&(b, i))
                    && component.get(*h) == component.get(u)
            };
            let holders = family.get(b).map(Vec::as_slice).unwrap_or_default();
            if cycles(&b) {
                decided.push((b, i, None));
            } else if let Some(h) = holders.iter().filter(|h| cycles(h)).min() {
                decided.push((b, i, Some(*h)));
            }
        }
    }
    for (b, i, holder) in decided {
        let holder_name = holder.and_then(|h| types.get(h)).map(|h| h.name.clone());
        let Some(t) = types.get_mut(b) else { continue };
        let owner = t.name.clone();
        let Some(p) = t.structure_mut().and_then(|s| s.properties.get_mut(i)) else {
            continue;
        };
        p.recursive = true;
        let message = match holder_name {
            None => format!(
                "`{owner}` contains itself through `{}` (`{}`); the field is boxed",
                p.name, p.type_ref.name
            ),
            Some(derived) => format!(
                "`{derived}` contains itself through `{}` (`{}`), which it inherits from `{owner}`; the field is boxed in `{owner}` and the types derived from it",
                p.name, p.type_ref.name
            ),
        };
        diagnostics.push(Diagnostic::new(
            Code::RecursiveType,
            p.source.clone(),
            message,
        ));
    }
}

/// The strongly connected component of each node (Tarjan's algorithm with an explicit stack, so
/// a chain of 100,000 types cannot overflow the call stack; linear time, where the transitive
/// closure it replaces took types^3/64 steps: hours for 30,000 types that embed each other).
fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut order = vec![UNSEEN; n];
    let mut low = vec![UNSEEN; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack: Vec<usize> = Vec::new();
    let (mut next_order, mut next_component) = (0usize, 0usize);
    let mut visit = |v: usize, order: &mut Vec<usize>, low: &mut Vec<usize>| {
        if let (Some(o), Some(l)) = (order.get_mut(v), low.get_mut(v)) {
            *o = next_order;
            *l = next_order;
        }
        next_order += 1;
    };
    for root in 0..n {
        if order.get(root) != Some(&UNSEEN) {
            continue;
        }
        visit(root, &mut order, &mut low);
        stack.push(root);
        if let Some(s) = on_stack.get_mut(root) {
            *s = true;
        }
        // Frames of the depth-first walk: a node and how many of its edges were followed.
        let mut frames: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some((v, followed)) = frames.last_mut() {
            let v = *v;
            if let Some(&w) = edges.get(v).and_then(|e| e.get(*followed)) {
                *followed += 1;
                if order.get(w) == Some(&UNSEEN) {
                    visit(w, &mut order, &mut low);
                    stack.push(w);
                    if let Some(s) = on_stack.get_mut(w) {
                        *s = true;
                    }
                    frames.push((w, 0));
                } else if on_stack.get(w) == Some(&true) {
                    let w_order = order.get(w).copied().unwrap_or(UNSEEN);
                    if let Some(l) = low.get_mut(v) {
                        *l = (*l).min(w_order);
                    }
                }
                continue;
            }
            frames.pop();
            let v_low = low.get(v).copied().unwrap_or(UNSEEN);
            if let Some((parent, _)) = frames.last() {
                if let Some(l) = low.get_mut(*parent) {
                    *l = (*l).min(v_low);
                }
            }
            if order.get(v) == Some(&v_low) {
                while let Some(w) = stack.pop() {
                    if let (Some(s), Some(c)) = (on_stack.get_mut(w), component.get_mut(w)) {
                        *s = false;
                        *c = next_component;
                    }
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::{components, mark};
    use crate::ir::{TypeDef, TypeKind, TypeRefKind};
    use crate::model::lookup::tests::{def, linked, prop};

    /// A type: its name, its base, its properties as `(name, type, collection)`.
    type Written<'a> = (&'a str, Option<&'a str>, &'a [(&'a str, &'a str, bool)]);

    /// The types linked and marked: the recursive properties as `type.property`, and the notes'
    /// messages.
    fn boxed(types: &[Written<'_>]) -> (Vec<String>, Vec<String>) {
        let defs: Vec<TypeDef> = types
            .iter()
            .map(|(name, base, props)| {
                let props = props
                    .iter()
                    .map(|(p, t, c)| prop(p, t, TypeRefKind::Complex, *c))
                    .collect();
                def(name, TypeKind::Complex, *base, props)
            })
            .collect();
        let mut types = linked(defs).into_types();
        let mut notes = Vec::new();
        mark(&mut types, &mut notes);
        let flagged = types
            .iter()
            .flat_map(|t| {
                t.properties()
                    .iter()
                    .filter(|p| p.recursive)
                    .map(move |p| format!("{}.{}", t.name, p.name))
            })
            .collect();
        (flagged, notes.into_iter().map(|d| d.message).collect())
    }

    #[test]
    fn direct_and_mutual_recursion_is_boxed_collections_are_not() {
        let (flagged, notes) = boxed(&[
            (
                "folder",
                None,
                &[("parent", "folder", false), ("children", "folder", true)],
            ),
            ("ping", None, &[("pong", "pong", false)]),
            (
                "pong",
                None,
                &[("ping", "ping", false), ("pings", "ping", true)],
            ),
            ("leafOnly", None, &[("ping", "ping", false)]),
        ]);
        assert_eq!(flagged, ["folder.parent", "ping.pong", "pong.ping"]);
        assert_eq!(
            notes.first().map(String::as_str),
            Some("`folder` contains itself through `parent` (`folder`); the field is boxed")
        );
    }

    #[test]
    fn a_cycle_through_a_derived_holder_boxes_the_declaration_for_every_holder() {
        let (flagged, notes) = boxed(&[
            ("node", None, &[("leaf", "leaf", false)]),
            ("leaf", Some("node"), &[]),
        ]);
        assert_eq!(flagged, ["node.leaf"]);
        assert_eq!(
            notes,
            ["`leaf` contains itself through `leaf` (`leaf`), which it inherits from `node`; the field is boxed in `node` and the types derived from it"]
        );
    }

    #[test]
    fn a_redeclared_property_replaces_the_inherited_one() {
        // `derived` redeclares `next` as a `plain`: only `base.next` can hold a `base`.
        let (flagged, _) = boxed(&[
            ("base", None, &[("next", "base", false)]),
            ("derived", Some("base"), &[("next", "plain", false)]),
            ("plain", None, &[]),
        ]);
        assert_eq!(flagged, ["base.next"]);
    }

    #[test]
    fn components_of_cycles_chains_and_self_loops() {
        // 0 -> 1 -> 2 -> 0 (a cycle), 3 -> 3 (a self loop), 4 -> 0 (into the cycle), 5 alone.
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0], vec![]];
        let c = components(&edges);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[0] && c[5] != c[0] && c[4] != c[5]);
    }

    #[test]
    fn a_long_chain_closed_into_a_cycle_is_one_component_in_linear_time() {
        let n = 200_000;
        let started = std::time::Instant::now();
        let mut edges: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        edges[n - 1] = vec![0];
        let c = components(&edges);
        assert!(c.iter().all(|x| *x == c[0]));
        edges[n - 1] = vec![];
        let c = components(&edges);
        let distinct: std::collections::BTreeSet<usize> = c.into_iter().collect();
        assert_eq!(distinct.len(), n);
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }
}
