//! Recursion: which single-valued properties must be boxed.
//!
//! The emitter copies base properties into derived types, so a struct holds its own fields and
//! its ancestors'. A property declared on `B` with type `U` is copied into `B` and every type
//! derived from `B`; it is recursive when `U` contains (through single-valued fields, at any
//! depth) `B` or one of those derived types. Collections are `Vec`s and need no box.

use super::build::Work;
use crate::ir::TypeKind;

fn chain(work: &[Work], index: usize) -> Vec<usize> {
    let mut out = vec![index];
    let mut current = work.get(index).and_then(|w| w.base);
    while let Some(c) = current {
        if out.contains(&c) {
            break;
        }
        out.push(c);
        current = work.get(c).and_then(|w| w.base);
    }
    out
}

/// Direct single-valued embeddings of each type, own and inherited fields alike.
fn edges(work: &[Work]) -> Vec<Vec<usize>> {
    (0..work.len())
        .map(|t| {
            let mut targets: Vec<usize> = chain(work, t)
                .into_iter()
                .filter_map(|a| work.get(a))
                .flat_map(|w| w.def.properties.iter().zip(&w.props))
                .filter(|(p, _)| !p.type_ref.collection)
                .filter_map(|(_, info)| info.target)
                .filter(|u| work.get(*u).is_some_and(|w| w.def.kind != TypeKind::Enum))
                .collect();
            targets.sort_unstable();
            targets.dedup();
            targets
        })
        .collect()
}

pub fn mark(work: &mut [Work]) {
    let n = work.len();
    let edges = edges(work);
    // A holder embeds the property's type `u` (it has the field), so `u` reaching the holder is
    // a cycle: `u` and the holder are in one strongly connected component.
    let component = components(&edges);
    // Each type and the types derived from it, directly or not.
    let mut family: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    for d in 0..n {
        for a in chain(work, d).into_iter().skip(1) {
            if let Some(f) = family.get_mut(a) {
                f.push(d);
            }
        }
    }
    for b in 0..n {
        let Some(holders) = family.get(b).cloned() else {
            continue;
        };
        let Some(w) = work.get_mut(b) else { continue };
        for (property, info) in w.def.properties.iter_mut().zip(&w.props) {
            let Some(u) = info.target else { continue };
            if property.type_ref.collection {
                continue;
            }
            if let Some(target) = component.get(u) {
                property.recursive = holders.iter().any(|h| component.get(*h) == Some(target));
            }
        }
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
    use super::components;

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
