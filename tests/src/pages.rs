//! Page fixtures: `tests/fixtures/pages/<feature>/` holds small Markdown pages (`api/`,
//! `resources/`) that the whole pipeline turns into the snapshot crate
//! `tests/snapshots/pages-<feature>/` (package `snapshot-pages-<feature>`), with every diagnostic
//! of the run (model and emitter) in `tests/snapshots/pages-<feature>.diagnostics.txt`.

use crate::workspace_root;
use docgen::diag::Diagnostic;
use docgen::emit::{emit, EmitOptions, Emitted};
use docgen::model::{Model, Operation, TypeDef};
use std::path::PathBuf;

/// The fixtures folder of `feature`.
pub fn fixture_dir(feature: &str) -> PathBuf {
    workspace_root().join("tests/fixtures/pages").join(feature)
}

/// The snapshot crate's folder of `feature`.
pub fn snapshot_dir(feature: &str) -> PathBuf {
    workspace_root()
        .join("tests/snapshots")
        .join(format!("pages-{feature}"))
}

/// Every page fixture's feature name, sorted.
pub fn features() -> Vec<String> {
    let dir = workspace_root().join("tests/fixtures/pages");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .filter_map(|entry| entry.file_name().to_str().map(str::to_string))
        .collect();
    names.sort();
    names
}

/// A fixture run through the whole pipeline, in memory.
pub struct Run {
    pub model: Model,
    pub emitted: Emitted,
}

impl Run {
    /// Every diagnostic of the run (reading, modelling, emitting), sorted, one per line.
    pub fn diagnostics_text(&self) -> String {
        let mut all: Vec<&Diagnostic> = self
            .model
            .diagnostics
            .iter()
            .chain(&self.emitted.diagnostics)
            .collect();
        all.sort();
        all.dedup();
        all.iter().map(|d| format!("{d}\n")).collect()
    }

    /// The contents of a generated file.
    pub fn file(&self, path: &str) -> Option<&str> {
        self.emitted
            .files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.contents.as_str())
    }

    /// The model's type `name`; panics (failing the test) when there is none.
    pub fn type_def(&self, name: &str) -> &TypeDef {
        self.model
            .type_by_name(name)
            .unwrap_or_else(|| panic!("type {name} missing"))
    }

    /// The model's operation `name`; panics (failing the test) when there is none.
    pub fn operation(&self, name: &str) -> &Operation {
        self.model
            .operations
            .iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("operation {name} missing"))
    }
}

/// Reads, models and emits the fixture `feature` as the crate `snapshot-pages-<feature>`.
pub fn run(feature: &str) -> Run {
    let dir = fixture_dir(feature);
    let model = docgen::Config::new(&dir)
        .model()
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let options = EmitOptions {
        crate_name: format!("snapshot-pages-{feature}"),
        ..Default::default()
    };
    let emitted = emit(&model, &options).unwrap_or_else(|e| panic!("{feature}: {e}"));
    Run { model, emitted }
}
