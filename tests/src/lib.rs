//! Workspace-level tests of docgen: fixtures, snapshots of the emitted crates, determinism.

pub mod fixture;
pub mod layers;
pub mod pages;
pub mod snapshot;

use std::path::{Path, PathBuf};

/// The workspace root (the parent of this package).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| manifest.to_path_buf())
}

/// The crate docgen emits (in memory) for the v1.0 corpus in `../shared`, or None after the
/// skip message (`docgen::testing::shared_path`'s rule).
pub fn emitted_v1() -> Option<docgen::emit::Emitted> {
    let corpus = docgen::testing::shared_path("corpus/v1.0")?;
    let model = docgen::Config::new(&corpus).model().expect("model of v1.0");
    let options = docgen::emit::EmitOptions {
        crate_name: "graph-v1".into(),
        ..Default::default()
    };
    Some(docgen::emit::emit(&model, &options).expect("emit v1.0"))
}
