//! The one place base chains are walked: from each type's base link to its ancestors (nearest
//! first), with cycles and chains past [`MAX_INHERITANCE_DEPTH`] cut here, with a diagnostic,
//! and the derived lists. Everything else reads the result from the IR
//! ([`crate::ir::StructBody::ancestors`], [`crate::ir::StructBody::derived`]).

use crate::diag::{Code, Diagnostic};
use crate::ir::TypeDef;
use std::collections::BTreeMap;

/// Deepest chain of base types kept (Graph's deepest is about 5). A deeper chain is cut, with an
/// `inheritance-too-deep` error: every derived type copies its bases' properties, so without a
/// bound N pages in one chain made N^2/2 fields (3,000 pages: a 646 MB crate).
pub const MAX_INHERITANCE_DEPTH: usize = 32;

/// Cuts cycles and too-deep chains out of `bases` (each type's base, an index into `defs`), then
/// returns each type's ancestors, nearest first. Linear in the number of types times the depth
/// limit.
pub fn resolve(
    bases: &mut [Option<usize>],
    defs: &[&TypeDef],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Vec<usize>> {
    break_cycles(bases, defs, diagnostics);
    limit_depth(bases, defs, diagnostics);
    (0..bases.len())
        .map(|start| {
            let mut chain = Vec::new();
            let mut current = bases.get(start).copied().flatten();
            // Acyclic by now; the bound only guards against a bug above.
            while let Some(c) = current.filter(|_| chain.len() <= MAX_INHERITANCE_DEPTH) {
                chain.push(c);
                current = bases.get(c).copied().flatten();
            }
            chain
        })
        .collect()
}

/// For each type, the types whose base it is, in index order.
pub fn derived(bases: &[Option<usize>]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); bases.len()];
    for (index, base) in bases.iter().enumerate() {
        if let Some(list) = base.and_then(|b| out.get_mut(b)) {
            list.push(index);
        }
    }
    out
}

/// Links resolved types whose bases are given by name (a tool's or a test fixture's model):
/// fills each struct's `ancestors` and `derived` (sorted) as the page pipeline does. A base that
/// names no struct of `types` is dropped, with a diagnostic.
pub fn link<'a>(
    types: &mut [TypeDef],
    base_of: impl Fn(&str) -> Option<&'a str>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let structs = struct_positions(types);
    let mut bases: Vec<Option<usize>> = Vec::with_capacity(types.len());
    for t in types.iter() {
        let written = base_of(&t.name);
        let found = written.and_then(|b| structs.get(b).copied());
        if let (Some(written), None) = (written, found) {
            diagnostics.push(Diagnostic::new(
                Code::BaseUnresolved,
                t.source.clone(),
                format!("`{}` inherits from `{written}`, which is not a struct of the model; the base was dropped", t.name),
            ));
        }
        bases.push(found);
    }
    let defs: Vec<&TypeDef> = types.iter().collect();
    let chains = resolve(&mut bases, &defs, diagnostics);
    let derived = derived(&bases);
    let names: Vec<String> = types.iter().map(|t| t.name.clone()).collect();
    let name = |i: &usize| names.get(*i).cloned().unwrap_or_default();
    for ((def, chain), derived) in types.iter_mut().zip(chains).zip(derived) {
        if let Some(body) = def.structure_mut() {
            body.ancestors = chain.iter().map(name).collect();
            body.derived = derived.iter().map(name).collect();
            body.derived.sort();
        }
    }
}

/// The position of each struct of `types` by its model name.
pub(super) fn struct_positions(types: &[TypeDef]) -> BTreeMap<&str, usize> {
    types
        .iter()
        .enumerate()
        .filter(|(_, t)| t.structure().is_some())
        .map(|(i, t)| (t.name.as_str(), i))
        .collect()
}

/// Walks each base chain; a chain that comes back on itself loses the base link of the type
/// whose name sorts last in the cycle. Each type is walked a bounded number of times (a walk
/// stops at a type already known to end without a cycle), so long chains take linear time.
fn break_cycles(bases: &mut [Option<usize>], defs: &[&TypeDef], diagnostics: &mut Vec<Diagnostic>) {
    const NEW: u8 = 0;
    const ON_WALK: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; bases.len()];
    let mut position = vec![0usize; bases.len()];
    for start in 0..bases.len() {
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
                current = bases.get(c).copied().flatten();
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
            let name = |i: usize| defs.get(i).map_or("", |d| d.name.as_str());
            let Some(&victim) = cycle.iter().max_by(|a, b| name(**a).cmp(name(**b))) else {
                break;
            };
            let Some(v) = defs.get(victim) else { break };
            let names: Vec<&str> = cycle.iter().map(|i| name(*i)).collect();
            let mut d = Diagnostic::new(
                Code::InheritanceCycle,
                v.source.clone(),
                format!(
                    "base types form a cycle ({}); the base of `{}` was dropped",
                    names.join(" -> "),
                    v.name
                ),
            );
            for other in cycle.iter().filter(|o| **o != victim) {
                if let Some(o) = defs.get(*other) {
                    d = d.with_related(o.source.clone(), format!("`{}`", o.name));
                }
            }
            diagnostics.push(d);
            if let Some(b) = bases.get_mut(victim) {
                *b = None;
            }
        }
    }
}

/// Cuts chains deeper than [`MAX_INHERITANCE_DEPTH`] from the top: a type with that many bases
/// above it keeps them, a type below it loses its base and starts a new chain. Runs after
/// [`break_cycles`], in linear time.
fn limit_depth(bases: &mut [Option<usize>], defs: &[&TypeDef], diagnostics: &mut Vec<Diagnostic>) {
    // Depth of each type in the acyclic chains, each computed once.
    let mut depth: Vec<Option<usize>> = vec![None; bases.len()];
    for start in 0..bases.len() {
        let mut path = Vec::new();
        let mut current = Some(start);
        let mut known = None;
        while let Some(c) = current {
            if let Some(d) = depth.get(c).copied().flatten() {
                known = Some(d);
                break;
            }
            if path.len() > bases.len() {
                break; // only after a cycle, which break_cycles removed
            }
            path.push(c);
            current = bases.get(c).copied().flatten();
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
    let mut kept: Vec<usize> = vec![0; bases.len()];
    for (_, i) in order {
        let Some(base) = bases.get(i).copied().flatten() else {
            continue;
        };
        let above = kept.get(base).copied().unwrap_or_default() + 1;
        if above <= MAX_INHERITANCE_DEPTH {
            if let Some(k) = kept.get_mut(i) {
                *k = above;
            }
            continue;
        }
        let (Some(w), Some(b)) = (defs.get(i), defs.get(base)) else {
            continue;
        };
        diagnostics.push(
            Diagnostic::new(
                Code::InheritanceTooDeep,
                w.source.clone(),
                format!(
                    "`{}` has more than {MAX_INHERITANCE_DEPTH} base types above it; its base `{}` was dropped",
                    w.name, b.name
                ),
            )
            .with_related(b.source.clone(), format!("`{}`", b.name)),
        );
        if let Some(slot) = bases.get_mut(i) {
            *slot = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::TypeKind;
    use crate::model::lookup::tests::def;

    fn linked(bases: &[(&str, &str)], names: &[&str]) -> (Vec<TypeDef>, Vec<Diagnostic>) {
        let mut types: Vec<TypeDef> = names
            .iter()
            .map(|n| def(n, TypeKind::Complex, None, vec![]))
            .collect();
        let base_of = |name: &str| bases.iter().find(|(n, _)| *n == name).map(|(_, b)| *b);
        let mut diagnostics = Vec::new();
        link(&mut types, base_of, &mut diagnostics);
        (types, diagnostics)
    }

    fn ancestors<'t>(types: &'t [TypeDef], name: &str) -> &'t [String] {
        types
            .iter()
            .find(|t| t.name == name)
            .map_or(&[], |t| t.ancestors())
    }

    #[test]
    fn chains_are_nearest_first_and_derived_lists_sorted() {
        let (types, d) = linked(
            &[("puppy", "dog"), ("dog", "animal"), ("cat", "animal")],
            &["animal", "cat", "dog", "puppy"],
        );
        assert!(d.is_empty(), "{d:#?}");
        assert_eq!(ancestors(&types, "puppy"), ["dog", "animal"]);
        assert_eq!(ancestors(&types, "animal"), [] as [&str; 0]);
        let animal = types
            .iter()
            .find(|t| t.name == "animal")
            .map(TypeDef::derived);
        assert_eq!(
            animal,
            Some(["cat".to_string(), "dog".to_string()].as_slice())
        );
    }

    #[test]
    fn cycles_and_unknown_bases_are_cut_with_a_diagnostic() {
        let (types, d) = linked(
            &[("a", "b"), ("b", "c"), ("c", "a"), ("d", "nowhere")],
            &["a", "b", "c", "d"],
        );
        let codes: Vec<&str> = d.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["base-unresolved", "inheritance-cycle"], "{d:#?}");
        // `c` sorts last in the cycle: it loses its base; no type is its own ancestor.
        assert_eq!(ancestors(&types, "a"), ["b", "c"]);
        assert_eq!(ancestors(&types, "c"), [] as [&str; 0]);
        assert_eq!(ancestors(&types, "d"), [] as [&str; 0]);
        for t in &types {
            assert!(!t.ancestors().contains(&t.name), "{}", t.name);
        }
    }

    #[test]
    fn chains_past_the_limit_are_cut_from_the_top() {
        let names: Vec<String> = (0..MAX_INHERITANCE_DEPTH + 5)
            .map(|i| format!("t{i:02}"))
            .collect();
        let bases: Vec<(&str, &str)> = names
            .windows(2)
            .map(|w| (w[1].as_str(), w[0].as_str()))
            .collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let (types, d) = linked(&bases, &refs);
        assert!(d.iter().all(|d| d.code == "inheritance-too-deep") && !d.is_empty());
        assert!(types
            .iter()
            .all(|t| t.ancestors().len() <= MAX_INHERITANCE_DEPTH));
    }
}
