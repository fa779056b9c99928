//! Cargo features per workload (issue 6), decided on the plan.
//!
//! Each workload (`ms.prod` of the defining page) is a feature. An operation compiles with its
//! workload's feature. A type compiles when *any* workload that needs it is enabled: its own, or
//! one whose types or operations reach it through fields, bases, bodies or responses. So a type
//! file carries `#[cfg(any(feature = "a", feature = "b"))]` and the features themselves are
//! independent (`full` enables them all and is the default).
//!
//! Why not "feature `a` enables feature `b` when `a`'s types use `b`'s" (the first design):
//! enabling `a` would then compile all of `b`, operations included, although `a` needs a handful
//! of `b`'s types; and workloads that use each other would form a feature cycle, which cargo
//! rejects. Reachability per type compiles exactly what is needed, and cannot cycle.

use super::op_plan::{referenced_types, OpPlan};
use super::plan::TypesPlan;
use crate::model::{Model, TypeRefKind};
use crate::naming;
use std::collections::{BTreeMap, BTreeSet};

/// Fills `TypePlan::features` and returns every feature name, sorted.
pub fn assign(model: &Model, types: &mut TypesPlan<'_>, ops: &[OpPlan<'_>]) -> BTreeSet<String> {
    // Direct references of each type: field types and base types.
    let mut refs: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for def in &model.types {
        let entry = refs.entry(def.name.as_str()).or_default();
        if let Some(plan) = types.get(&def.name) {
            for field in &plan.fields {
                let p = field.property;
                if matches!(
                    p.type_kind,
                    TypeRefKind::Entity | TypeRefKind::Complex | TypeRefKind::Enum
                ) {
                    entry.insert(p.type_name.as_str());
                }
            }
        }
    }

    // Seeds of each workload: its own types and the types its operations use.
    let mut seeds: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for def in &model.types {
        seeds
            .entry(naming::feature_name(&def.workload))
            .or_default()
            .insert(def.name.as_str());
    }
    for op in ops {
        seeds
            .entry(op.feature.clone())
            .or_default()
            .extend(referenced_types(op.op));
    }

    let mut needed_by: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (feature, start) in &seeds {
        let mut stack: Vec<&str> = start.iter().copied().collect();
        let mut seen = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if !seen.insert(name) {
                continue;
            }
            needed_by.entry(name).or_default().insert(feature.clone());
            stack.extend(refs.get(name).into_iter().flatten().copied());
        }
    }
    for (name, plan) in types.types.iter_mut() {
        plan.features = needed_by
            .get(name)
            .map(|f| f.iter().cloned().collect())
            .unwrap_or_default();
    }
    seeds.into_keys().collect()
}
