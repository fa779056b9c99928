//! Workspace-level tests of docgen: fixtures, snapshots of the emitted crates, determinism.

pub mod fixture;
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
