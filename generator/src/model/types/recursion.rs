//! Recursion: which single-valued properties must be boxed.
//!
//! The emitter copies base properties into derived types, so a struct holds its own fields and
//! its ancestors'. A property declared on `B` with type `U` is copied into `B` and every type
//! derived from `B`; it is recursive when `U` contains (through single-valued fields, at any
//! depth) `B` or one of those derived types. Collections are `Vec`s and need no box.

use super::build::Work;
use crate::model::TypeKind;

struct BitSet {
    words: Vec<u64>,
}

impl BitSet {
    fn new(len: usize) -> Self {
        BitSet {
            words: vec![0; len.div_ceil(64)],
        }
    }
    fn insert(&mut self, i: usize) {
        if let Some(w) = self.words.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }
    fn contains(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
    /// `self |= other`; true when something changed.
    fn union(&mut self, other: &BitSet) -> bool {
        let mut changed = false;
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            let next = *a | *b;
            changed |= next != *a;
            *a = next;
        }
        changed
    }
}

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
                .filter(|(p, _)| !p.collection)
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
    // reach[u]: u and every type u embeds, transitively.
    let mut reach: Vec<BitSet> = (0..n)
        .map(|u| {
            let mut set = BitSet::new(n);
            set.insert(u);
            for v in edges.get(u).into_iter().flatten() {
                set.insert(*v);
            }
            set
        })
        .collect();
    let mut changed = true;
    while changed {
        changed = false;
        for u in 0..n {
            for &v in edges.get(u).into_iter().flatten() {
                if v == u {
                    continue;
                }
                // Split borrows: take u's set out while merging v's.
                let mut set = std::mem::replace(&mut reach[u], BitSet::new(0));
                if let Some(other) = reach.get(v) {
                    changed |= set.union(other);
                }
                reach[u] = set;
            }
        }
    }
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
            if property.collection {
                continue;
            }
            if let Some(set) = reach.get(u) {
                property.recursive = holders.iter().any(|h| set.contains(*h));
            }
        }
    }
}
