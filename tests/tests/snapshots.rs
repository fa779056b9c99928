//! Snapshot tests: each IR fixture in `tests/fixtures/ir/<feature>.json` is emitted to the crate
//! `tests/snapshots/<feature>/`, compared byte-for-byte (`DOCGEN_SNAPSHOTS=overwrite` rewrites).
//! The snapshot crates are workspace members, so `cargo test --workspace` also compiles them
//! (CI's `clippy -- -D warnings` lints them) and runs their example tests.

use docgen::emit::{emit, EmitOptions};
use docgen_tests::{fixture, snapshot, workspace_root};
use std::path::PathBuf;

fn fixtures() -> Vec<(String, PathBuf)> {
    let dir = workspace_root().join("tests/fixtures/ir");
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .filter_map(|path| Some((path.file_stem()?.to_str()?.to_string(), path)))
        .collect();
    out.sort();
    out
}

#[test]
fn emitted_crates_match_their_snapshots() {
    let fixtures = fixtures();
    assert!(!fixtures.is_empty(), "no fixtures found");
    let mut problems = Vec::new();
    for (feature, path) in &fixtures {
        let model = fixture::load(path).unwrap_or_else(|e| panic!("{e}"));
        let options = EmitOptions {
            crate_name: format!("snapshot-{feature}"),
            ..Default::default()
        };
        let emitted = emit(&model, &options).unwrap_or_else(|e| panic!("{feature}: {e}"));
        let dir = workspace_root().join("tests/snapshots").join(feature);
        if let Err(more) = snapshot::check_dir(&dir, &emitted.files) {
            problems.extend(more);
        }
        // The model's (completing the fixture: recursion) then the emitter's.
        let diagnostics: String = model
            .diagnostics
            .iter()
            .chain(&emitted.diagnostics)
            .map(|d| format!("{d}\n"))
            .collect();
        let report = workspace_root()
            .join("tests/snapshots")
            .join(format!("{feature}.diagnostics.txt"));
        if let Err(problem) = snapshot::check_file(&report, &diagnostics) {
            problems.push(problem);
        }
    }
    assert!(
        problems.is_empty(),
        "snapshots differ (rerun with DOCGEN_SNAPSHOTS=overwrite to accept):\n{}",
        problems.join("\n")
    );
}
