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

/// Most features listed in one type's `cfg`. A type that more workloads need is compiled always
/// (its `features` are empty). Without the cap, `types/mod.rs` grows as types x workloads: 3,000
/// pages that each name a workload and reach each other made a 480 MB file. Everything a type
/// reaches is needed by at least the same workloads, so it is compiled always too: the crate
/// still builds with any set of features. The v1.0 docs need at most 43 per type.
pub const MAX_CFG_FEATURES: usize = 64;

use super::op_plan::{referenced_types, OpPlan};
use super::plan::TypesPlan;
use crate::ir::{Model, TypeRefKind};
use crate::naming;
use std::collections::{BTreeMap, BTreeSet};

/// Fills `TypePlan::features` and returns every feature name, sorted.
pub fn assign(model: &Model, types: &mut TypesPlan<'_>, ops: &[OpPlan<'_>]) -> BTreeSet<String> {
    let ids: BTreeMap<&str, usize> = model
        .types
        .iter()
        .enumerate()
        .map(|(id, def)| (def.name.as_str(), id))
        .collect();
    // Direct references of each type: field types and base types.
    let mut refs: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); model.types.len()];
    for (def, entry) in model.types.iter().zip(refs.iter_mut()) {
        // A base type too: the derived type's `Derives<Base>` impl names it.
        entry.extend(def.base().and_then(|base| ids.get(base)));
        if let Some(plan) = types.get(&def.name) {
            for field in &plan.fields {
                let p = field.property;
                if matches!(
                    p.type_ref.kind,
                    TypeRefKind::Entity | TypeRefKind::Complex | TypeRefKind::Enum
                ) {
                    entry.extend(ids.get(p.type_ref.name.as_str()));
                }
            }
        }
    }

    // Seeds of each workload: its own types and the types its operations use.
    let mut seeds: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (id, def) in model.types.iter().enumerate() {
        seeds
            .entry(naming::feature_name(&def.workload))
            .or_default()
            .insert(id);
    }
    for op in ops {
        seeds.entry(op.feature.clone()).or_default().extend(
            referenced_types(op.op)
                .into_iter()
                .filter_map(|n| ids.get(n)),
        );
    }

    // The features (by index in sorted order) that reach each type. A type reached by more than
    // MAX_CFG_FEATURES is compiled always, and so is everything it reaches (every feature that
    // reached it went on to all of those), so a walk stops there: linear time, not types x
    // features.
    let features: Vec<&String> = seeds.keys().collect();
    let mut needed_by: Vec<Vec<usize>> = vec![Vec::new(); model.types.len()];
    let mut last_walk: Vec<usize> = vec![usize::MAX; model.types.len()];
    for (feature, start) in seeds.values().enumerate() {
        let mut stack: Vec<usize> = start.iter().copied().collect();
        while let Some(id) = stack.pop() {
            match last_walk.get_mut(id) {
                Some(walk) if *walk != feature => *walk = feature,
                _ => continue,
            }
            let Some(entry) = needed_by.get_mut(id) else {
                continue;
            };
            if entry.len() > MAX_CFG_FEATURES {
                continue;
            }
            entry.push(feature);
            stack.extend(refs.get(id).into_iter().flatten().copied());
        }
    }
    for (name, plan) in types.types.iter_mut() {
        let needed = ids.get(name).and_then(|id| needed_by.get(*id));
        plan.features = match needed {
            Some(list) if list.len() <= MAX_CFG_FEATURES => list
                .iter()
                .filter_map(|f| features.get(*f).map(|name| name.to_string()))
                .collect(),
            _ => Vec::new(),
        };
    }
    seeds.into_keys().collect()
}

#[cfg(test)]
mod tests {
    use super::MAX_CFG_FEATURES;
    use crate::emit::{emit, EmitOptions};
    use crate::pipeline::{model_from_sources, sources_from_bytes};

    fn resource(name: &str, workload: &str, property_type: &str) -> (String, Vec<u8>) {
        let page = format!(
            "---\ntitle: \"{name} resource type\"\nms.prod: {workload}\n\
             doc_type: resourcePageType\n---\n\n# {name} resource type\n\n## Properties\n\n\
             | Property | Type | Description |\n|:---|:---|:---|\n| p | {property_type} | x |\n"
        );
        (format!("resources/{name}.md"), page.into_bytes())
    }

    /// `types/mod.rs` for `workloads` types, each in its own workload, all using type `shared`.
    fn types_mod(workloads: usize) -> String {
        let mut pages = vec![resource("shared", "common", "String")];
        for i in 0..workloads {
            pages.push(resource(
                &format!("t{i}"),
                &format!("w{i}"),
                "[shared](shared.md)",
            ));
        }
        let (sources, diagnostics) = sources_from_bytes(pages);
        let model = model_from_sources(&sources, diagnostics);
        let options = EmitOptions {
            crate_name: "x".into(),
            ..Default::default()
        };
        let files = emit(&model, &options).expect("emit").files;
        let file = files.iter().find(|f| f.path == "src/types/mod.rs");
        file.expect("types/mod.rs").contents.clone()
    }

    #[test]
    fn a_type_needed_by_many_workloads_is_compiled_always() {
        let few = types_mod(3);
        assert!(few.contains("feature = \"w2\""), "{few}");
        assert!(few.contains(")]\nmod shared;"), "gated by few: {few}");
        let many = types_mod(MAX_CFG_FEATURES + 1);
        assert!(
            many.contains("\nmod shared;") && !many.contains("]\nmod shared;"),
            "needed by many: not gated"
        );
        assert!(many.contains("#[cfg(feature = \"w7\")]\nmod t7;"), "{many}");
        assert!(many.matches("feature =").count() < 4 * (MAX_CFG_FEATURES + 2));
    }
}
