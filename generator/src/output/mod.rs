//! Stage 6: writing the generated crate safely, and checking it is up to date.
//!
//! What a write promises (each is tested, here and in `tests/output.rs`):
//! - Only inside the output folder: every path is a relative path of plain components
//!   ([`paths`]), and no symbolic link inside the folder is ever followed.
//! - Only when bytes change, so mtimes (and cargo's cache) survive a no-op run.
//! - Atomic: each file goes to a temporary file in its own folder and is renamed over the target,
//!   so a killed run leaves every file old or new, never truncated.
//! - Recoverable and never destructive: a manifest (`.docgen-manifest`) lists what docgen wrote.
//!   Before touching anything a run records the union of the old and new sets (a journal), and
//!   the exact new set at the end, so the next run after a crash knows every file it may own.
//!   Files docgen did not write are never overwritten or deleted (unless forced).
//! - One run at a time: an exclusive lock on `.docgen-lock` (bounded wait, then a clear error).

mod atomic;
mod check;
mod contract;
mod guard;
pub mod limits;
mod lock;
mod manifest;
mod paths;
mod side;
mod write;

pub use check::{check, CheckReport, FileDiff, ManifestState};
pub(crate) use paths::path_problem;
pub use side::{read_generated, read_side_file, write_side_file, CACHE_NAME};
pub use write::{validate_files, write_crate};

pub use contract::{
    WriteOptions, WriteReport, GENERATED_MARKER, LOCK_NAME, MANIFEST_NAME, TEMP_PREFIX,
};

#[cfg(test)]
pub(crate) mod testdir {
    //! A throwaway folder for tests (std only), removed on drop.
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicUsize, Ordering};

    static NEXT: AtomicUsize = AtomicUsize::new(0);

    pub struct TestDir(PathBuf);

    impl TestDir {
        pub fn new() -> TestDir {
            let n = NEXT.fetch_add(1, Ordering::SeqCst);
            let dir =
                std::env::temp_dir().join(format!("docgen-unit-{}-{}", std::process::id(), n));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("create test dir");
            TestDir(dir)
        }
        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TestDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
