//! Support for docgen's own tests (unit, integration and workspace tests): not part of the API.
//!
//! Tests that read the real docs find them in `../shared` next to the repository. Without it
//! they print `skipped: ../shared not found` and pass, except when `DOCGEN_REQUIRE_SHARED=1`
//! (which `.ci/run` sets): then a missing `../shared` fails the test.

use std::path::{Path, PathBuf};

/// The environment variable that turns a missing `../shared` into a failure.
pub const REQUIRE_SHARED: &str = "DOCGEN_REQUIRE_SHARED";

/// The `shared` folder next to the repository (a git worktree under `wt/<name>` has it one
/// level higher), or None after printing the skip message.
///
/// # Panics
/// When `../shared` is absent and `DOCGEN_REQUIRE_SHARED=1`: the test must fail, not skip.
pub fn shared_dir() -> Option<PathBuf> {
    let found = candidates().into_iter().find(|dir| is_shared(dir));
    if found.is_none() {
        skip_or_fail("../shared not found");
    }
    found
}

/// `relative` inside the shared folder (`seeds/000_x.txt`, `corpus/v1.0`), or None after the
/// skip message; the same rule as [`shared_dir`] when either is missing.
pub fn shared_path(relative: &str) -> Option<PathBuf> {
    let path = shared_dir()?.join(relative);
    if path.exists() {
        Some(path)
    } else {
        skip_or_fail(&format!("../shared/{relative} not found"));
        None
    }
}

fn candidates() -> Vec<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    vec![repo.join("../shared"), repo.join("../../shared")]
}

fn is_shared(dir: &Path) -> bool {
    dir.join("corpus").is_dir() || dir.join("seeds").is_dir()
}

fn skip_or_fail(what: &str) {
    let required = std::env::var(REQUIRE_SHARED).is_ok_and(|v| v == "1");
    assert!(!required, "{what} and {REQUIRE_SHARED}=1");
    println!("skipped: {what}");
}
