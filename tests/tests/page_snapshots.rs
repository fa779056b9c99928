//! Snapshot tests of the whole pipeline from Markdown: each folder of small pages in
//! `tests/fixtures/pages/<feature>/` becomes the crate `tests/snapshots/pages-<feature>/`,
//! compared byte-for-byte with its diagnostics (`DOCGEN_SNAPSHOTS=overwrite` rewrites both).
//! The crates are workspace members: `cargo test --workspace` compiles them and runs their
//! example tests (CI's `clippy -- -D warnings` lints them).

use docgen_tests::{pages, snapshot, workspace_root};
use std::collections::BTreeSet;

#[test]
fn page_fixtures_match_their_snapshots() {
    let features = pages::features();
    assert!(!features.is_empty(), "no page fixtures found");
    let mut problems = Vec::new();
    for feature in &features {
        let run = pages::run(feature);
        if let Err(more) = snapshot::check_dir(&pages::snapshot_dir(feature), &run.emitted.files) {
            problems.extend(more);
        }
        let report = workspace_root()
            .join("tests/snapshots")
            .join(format!("pages-{feature}.diagnostics.txt"));
        if let Err(problem) = snapshot::check_file(&report, &run.diagnostics_text()) {
            problems.push(problem);
        }
    }
    assert!(
        problems.is_empty(),
        "snapshots differ (rerun with DOCGEN_SNAPSHOTS=overwrite to accept):\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_page_snapshot_has_its_fixture() {
    let features: BTreeSet<String> = pages::features().into_iter().collect();
    let dir = workspace_root().join("tests/snapshots");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let feature = name
            .strip_prefix("pages-")
            .map(|rest| rest.strip_suffix(".diagnostics.txt").unwrap_or(rest));
        if let Some(feature) = feature {
            assert!(
                features.contains(feature),
                "tests/snapshots/{name} has no fixture tests/fixtures/pages/{feature}/: remove it"
            );
        }
    }
}
