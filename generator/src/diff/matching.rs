//! Which old type or operation is which new one: the same name, or a rename where the evidence
//! is strong. The rules (the README's "Renames"):
//!
//! - a **type** is renamed when a removed and an added type have the same kind (struct or
//!   enum) and the same non-empty set of own property names (member names for an enum), and
//!   are the only such pair on their page (same page path), else the only such pair anywhere
//!   (same namespace too);
//! - an **operation** is renamed when a removed and an added operation are documented on the
//!   same page with the same method and share a path shape (the path with its parameter names
//!   left out), and each is the other's only such candidate on the page; else when they have
//!   the same method and the same set of paths, and are the only such pair anywhere.
//!
//! Anything less (a renamed page and a changed shape at once, two look-alikes) is reported as a
//! removal and an addition: a wrong rename would hide a breaking removal.

use crate::ir::{Model, Operation, TypeDef};
use std::collections::{BTreeMap, BTreeSet};

/// How an old and a new definition were paired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pairing {
    /// The same name.
    Same,
    /// Renamed, on the same page.
    RenamedOnPage,
    /// Renamed, on another page, with exactly the same shape.
    RenamedElsewhere,
}

impl Pairing {
    pub fn is_rename(self) -> bool {
        self != Pairing::Same
    }

    /// The rename rule that applied, for the report.
    pub fn evidence(self) -> &'static str {
        match self {
            Pairing::Same => "",
            Pairing::RenamedOnPage => "same page, same shape",
            Pairing::RenamedElsewhere => "same shape, the only such pair",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Pair<'m, T> {
    pub old: &'m T,
    pub new: &'m T,
    pub pairing: Pairing,
}

/// Every definition of both sides, each in exactly one of the three lists; each list sorted by
/// name (the new name for a pair).
#[derive(Clone, Debug)]
pub struct Matched<'m, T> {
    pub pairs: Vec<Pair<'m, T>>,
    pub removed: Vec<&'m T>,
    pub added: Vec<&'m T>,
}

/// What a rename rule needs to know of a definition.
trait Definition {
    fn name(&self) -> &str;
    /// Within the same page: the key candidates must share.
    fn page_key(&self) -> String;
    /// Anywhere: the key candidates must share (None: never renamed by this rule).
    fn shape_key(&self) -> Option<String>;
    /// Within the same page key: whether `self` (removed) and `other` (added) may be one.
    fn fits_on_page(&self, other: &Self) -> bool;
}

impl Definition for TypeDef {
    fn name(&self) -> &str {
        &self.name
    }

    fn page_key(&self) -> String {
        let names = own_names(self);
        format!("{}\n{}\n{names}", self.source.file, self.is_enum())
    }

    fn shape_key(&self) -> Option<String> {
        let names = own_names(self);
        (!names.is_empty()).then(|| format!("{}\n{}\n{names}", self.namespace, self.is_enum()))
    }

    fn fits_on_page(&self, _: &Self) -> bool {
        // The page key holds the whole shape; an empty shape is no evidence.
        !own_names(self).is_empty()
    }
}

impl Definition for Operation {
    fn name(&self) -> &str {
        &self.name
    }

    fn page_key(&self) -> String {
        format!("{}\n{}", self.source.file, self.method)
    }

    fn shape_key(&self) -> Option<String> {
        let paths: BTreeSet<&str> = self.path_texts().collect();
        let paths: Vec<&str> = paths.into_iter().collect();
        (!paths.is_empty()).then(|| format!("{}\n{}", self.method, paths.join("\n")))
    }

    fn fits_on_page(&self, other: &Self) -> bool {
        let shapes: BTreeSet<String> = self.path_texts().map(path_shape).collect();
        other.path_texts().any(|p| shapes.contains(&path_shape(p)))
    }
}

/// A type's own property names (member names for an enum), sorted, one per line.
fn own_names(def: &TypeDef) -> String {
    let names: BTreeSet<&str> = if def.is_enum() {
        def.members().iter().map(|m| m.name.as_str()).collect()
    } else {
        def.properties().iter().map(|p| p.name.as_str()).collect()
    };
    names.into_iter().collect::<Vec<_>>().join("\n")
}

/// A path with its parameter names left out: `/users/{id}/events` -> `/users/{}/events`.
pub fn path_shape(template: &str) -> String {
    let mut shape = String::with_capacity(template.len());
    let mut in_param = false;
    for c in template.chars() {
        match c {
            '{' if !in_param => {
                in_param = true;
                shape.push_str("{}");
            }
            '}' if in_param => in_param = false,
            _ if in_param => {}
            c => shape.push(c),
        }
    }
    shape
}

pub fn match_types<'m>(old: &'m Model, new: &'m Model) -> Matched<'m, TypeDef> {
    match_all(&old.types, &new.types)
}

pub fn match_operations<'m>(old: &'m Model, new: &'m Model) -> Matched<'m, Operation> {
    match_all(&old.operations, &new.operations)
}

fn match_all<'m, T: Definition>(old: &'m [T], new: &'m [T]) -> Matched<'m, T> {
    let old_by_name: BTreeMap<&str, &T> = old.iter().map(|d| (d.name(), d)).collect();
    let new_by_name: BTreeMap<&str, &T> = new.iter().map(|d| (d.name(), d)).collect();
    let mut pairs: Vec<Pair<'m, T>> = old_by_name
        .iter()
        .filter_map(|(name, old)| {
            let new = new_by_name.get(name)?;
            Some(Pair {
                old: *old,
                new: *new,
                pairing: Pairing::Same,
            })
        })
        .collect();
    let mut removed: Vec<&T> = old_by_name
        .iter()
        .filter(|(name, _)| !new_by_name.contains_key(*name))
        .map(|(_, d)| *d)
        .collect();
    let mut added: Vec<&T> = new_by_name
        .iter()
        .filter(|(name, _)| !old_by_name.contains_key(*name))
        .map(|(_, d)| *d)
        .collect();

    let on_page = pair_within(&removed, &added, T::page_key, T::fits_on_page);
    take_pairs(
        &mut pairs,
        &mut removed,
        &mut added,
        on_page,
        Pairing::RenamedOnPage,
    );
    let elsewhere = pair_within(
        &removed,
        &added,
        |d| d.shape_key().unwrap_or_default(),
        |old, _| old.shape_key().is_some(),
    );
    take_pairs(
        &mut pairs,
        &mut removed,
        &mut added,
        elsewhere,
        Pairing::RenamedElsewhere,
    );
    pairs.sort_by(|a, b| a.new.name().cmp(b.new.name()));
    Matched {
        pairs,
        removed,
        added,
    }
}

/// Index pairs (into `removed`, `added`) that share a key, fit, and are each other's only
/// candidate.
fn pair_within<T>(
    removed: &[&T],
    added: &[&T],
    key: impl Fn(&T) -> String,
    fits: impl Fn(&T, &T) -> bool,
) -> Vec<(usize, usize)> {
    let mut added_by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, d) in added.iter().enumerate() {
        added_by_key.entry(key(d)).or_default().push(i);
    }
    let candidates: Vec<Vec<usize>> = removed
        .iter()
        .map(|old| {
            added_by_key
                .get(&key(old))
                .into_iter()
                .flatten()
                .copied()
                .filter(|&j| added.get(j).is_some_and(|new| fits(old, new)))
                .collect()
        })
        .collect();
    let mut claims: BTreeMap<usize, usize> = BTreeMap::new();
    for list in &candidates {
        for &j in list {
            *claims.entry(j).or_default() += 1;
        }
    }
    candidates
        .iter()
        .enumerate()
        .filter_map(|(i, list)| match list.as_slice() {
            [j] if claims.get(j) == Some(&1) => Some((i, *j)),
            _ => None,
        })
        .collect()
}

fn take_pairs<'m, T>(
    pairs: &mut Vec<Pair<'m, T>>,
    removed: &mut Vec<&'m T>,
    added: &mut Vec<&'m T>,
    found: Vec<(usize, usize)>,
    pairing: Pairing,
) {
    let taken_old: BTreeSet<usize> = found.iter().map(|(i, _)| *i).collect();
    let taken_new: BTreeSet<usize> = found.iter().map(|(_, j)| *j).collect();
    for (i, j) in found {
        if let (Some(old), Some(new)) = (removed.get(i), added.get(j)) {
            pairs.push(Pair { old, new, pairing });
        }
    }
    let mut index = 0;
    removed.retain(|_| {
        index += 1;
        !taken_old.contains(&(index - 1))
    });
    let mut index = 0;
    added.retain(|_| {
        index += 1;
        !taken_new.contains(&(index - 1))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_shape_leaves_parameter_names_out() {
        assert_eq!(path_shape("/users/{id}/events"), "/users/{}/events");
        assert_eq!(
            path_shape("/f(start='{start}',end='{end}')"),
            "/f(start='{}',end='{}')"
        );
        assert_eq!(path_shape("/me"), "/me");
    }
}
