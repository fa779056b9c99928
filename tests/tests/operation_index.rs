//! The operations module's docs index every method and path of the model, sorted, each linked to
//! an operation the module exports: a user finds `GET /users/{id}` without grepping.

use docgen::emit::{emit, EmitOptions};
use docgen_tests::{fixture, workspace_root};
use std::collections::BTreeSet;

#[test]
fn every_method_and_path_leads_to_its_operation() {
    let mut indexed = 0;
    for name in ["operations", "workloads", "names", "updates"] {
        let path = workspace_root().join(format!("tests/fixtures/ir/{name}.json"));
        let model = fixture::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let emitted = emit(&model, &EmitOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        let module = emitted
            .files
            .iter()
            .find(|f| f.path == "src/operations/mod.rs")
            .map(|f| f.contents.as_str())
            .unwrap_or_default();

        let rows: Vec<(String, String, String)> = module
            .lines()
            .filter_map(|line| line.strip_prefix("//! | "))
            .filter(|row| !row.starts_with("method") && !row.starts_with("---"))
            .map(|row| {
                let cells: Vec<&str> = row.trim_end_matches(" |").split(" | ").collect();
                let [method, path, operation] = cells[..] else {
                    panic!("{name}: row {row:?}");
                };
                (
                    // A `|` in a table cell is escaped as `\|`.
                    path.trim_matches('`').replace("\\|", "|"),
                    method.to_string(),
                    operation.trim_matches(|c| "[]`".contains(c)).to_string(),
                )
            })
            .collect();
        let mut sorted = rows.clone();
        sorted.sort();
        assert_eq!(
            rows, sorted,
            "{name}: the index is sorted by path, then method"
        );

        let want: BTreeSet<(String, String)> = model
            .operations
            .iter()
            .flat_map(|op| {
                op.paths
                    .iter()
                    .map(|p| (p.template.clone(), op.method.as_str().to_string()))
            })
            .collect();
        let got: BTreeSet<(String, String)> = rows
            .iter()
            .map(|(p, m, _)| (p.clone(), m.clone()))
            .collect();
        assert_eq!(got, want, "{name}: every method and path, once");

        for (_, _, operation) in &rows {
            let exported = module.lines().any(|line| {
                line.starts_with("pub use ")
                    && line
                        .split(|c: char| !c.is_alphanumeric() && c != '_')
                        .any(|word| word == operation)
            });
            assert!(exported, "{name}: {operation} is indexed but not exported");
        }
        indexed += rows.len();
    }
    assert!(indexed > 20, "only {indexed} rows");
}
