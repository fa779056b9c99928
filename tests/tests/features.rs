//! Per-workload cargo features (issue 6): a workload compiles exactly its operations, its own
//! types and the types they reach, and no single workload compiles everything.

use docgen::emit::{emit, EmitOptions, Emitted};
use docgen_tests::fixture;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

fn emitted() -> Emitted {
    // a: `alpha` (workload a) -> `beta` (b) -> `gamma` (c); `delta` (b) stands alone; the
    // operation of workload d returns `gamma`; workload e only has `epsilon`, whose field is
    // an enum of workload c.
    let model = fixture::complete(json!({
        "types": [
            {"name": "alpha", "workload": "a", "properties": [{"name": "b", "type": "beta"}]},
            {"name": "beta", "kind": "entity", "workload": "b",
             "properties": [{"name": "c", "type": "gamma", "collection": true}]},
            {"name": "gamma", "workload": "c", "properties": [{"name": "x"}]},
            {"name": "delta", "workload": "b", "properties": [{"name": "x"}]},
            {"name": "epsilon", "workload": "e", "properties": [{"name": "s", "type": "state"}]},
            {"name": "state", "kind": "enum", "workload": "c", "members": [{"name": "on"}]}
        ],
        "operations": [
            {"name": "getGamma", "paths": ["/gammas/{id}"], "response": {"type": "gamma"},
             "workload": "d", "group": "gamma"}
        ]
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    emit(
        &model,
        &EmitOptions {
            crate_name: "features".into(),
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// Each type module of `src/types/mod.rs` with the features that compile it.
fn type_features(emitted: &Emitted) -> BTreeMap<String, BTreeSet<String>> {
    let mod_rs = emitted
        .files
        .iter()
        .find(|f| f.path == "src/types/mod.rs")
        .map(|f| f.contents.as_str())
        .unwrap_or_default();
    let mut out = BTreeMap::new();
    let mut gate = BTreeSet::new();
    for line in mod_rs.lines() {
        if line.starts_with("#[cfg(") {
            gate = line
                .split("feature = \"")
                .skip(1)
                .filter_map(|s| s.split('"').next())
                .map(str::to_string)
                .collect();
        } else if let Some(module) = line.strip_prefix("mod ") {
            out.insert(module.trim_end_matches(';').to_string(), gate.clone());
        }
    }
    out
}

fn set(features: &[&str]) -> BTreeSet<String> {
    features.iter().map(|f| f.to_string()).collect()
}

#[test]
fn a_workload_compiles_only_its_types_and_those_they_reach() {
    let features = type_features(&emitted());
    let expected: BTreeMap<String, BTreeSet<String>> = [
        ("alpha", set(&["a"])),
        ("beta", set(&["a", "b"])),
        ("gamma", set(&["a", "b", "c", "d"])),
        ("delta", set(&["b"])),
        ("epsilon", set(&["e"])),
        ("state", set(&["c", "e"])),
    ]
    .into_iter()
    .map(|(module, features)| (module.to_string(), features))
    .collect();
    assert_eq!(features, expected);
}

#[test]
fn features_are_independent_and_full_enables_them_all() {
    let emitted = emitted();
    let manifest = emitted
        .files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .map(|f| f.contents.as_str())
        .unwrap_or_default();
    for workload in ["a", "b", "c", "d", "e"] {
        // No feature enables another: each compiles what it reaches through `cfg(any(...))`.
        assert!(
            manifest.contains(&format!("\n{workload} = []\n")),
            "{workload}: {manifest}"
        );
    }
    assert!(manifest.contains("default = [\"full\"]"), "{manifest}");
    assert!(
        manifest.contains("full = [\"a\", \"b\", \"c\", \"d\", \"e\"]"),
        "{manifest}"
    );
    // No workload compiles every type.
    let features = type_features(&emitted);
    for workload in ["a", "b", "c", "d", "e"] {
        let compiled = features.values().filter(|f| f.contains(workload)).count();
        assert!(compiled < features.len(), "{workload} compiles every type");
    }
}

/// On the real docs, the features are the workloads the pages name (`ms.prod`), not guesses:
/// an operation whose page names none takes its type's workload, so the few left over are the
/// ones no type explains.
#[test]
fn v1_0_features_are_the_docs_workloads() {
    let Some(corpus) = docgen::testing::shared_path("corpus/v1.0") else {
        return;
    };
    let model = docgen::Config::new(&corpus).model().expect("model");
    let named: BTreeSet<&str> = model
        .pages
        .iter()
        .map(|p| p.workload.as_str())
        .filter(|w| !w.is_empty())
        .collect();
    let used: BTreeSet<&str> = model
        .operations
        .iter()
        .map(|op| op.workload.as_str())
        .collect();
    let guessed: Vec<&&str> = used
        .iter()
        .filter(|w| !w.is_empty() && !named.contains(*w))
        .collect();
    assert!(guessed.is_empty(), "workloads no page names: {guessed:?}");
    assert!(used.len() <= 40, "{} workloads: {used:?}", used.len());
    let without = model
        .operations
        .iter()
        .filter(|op| op.workload.is_empty())
        .count();
    // Measured: 22 of 2,102 (pages with `ms.prod: ""` about types that name none either).
    assert!(
        without * 100 <= model.operations.len() * 3,
        "{without} of {} operations have no workload",
        model.operations.len()
    );
}
