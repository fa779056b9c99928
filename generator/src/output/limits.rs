//! Resource limits. Past each one the run stops with [`crate::error::Error::Limit`] before writing.

use std::time::Duration;

/// Files in one generated crate.
pub const MAX_FILES: usize = 50_000;
/// Bytes of one generated file. Existing files larger than this are never read (they differ).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Bytes of the whole generated crate.
pub const MAX_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;
/// Bytes of a relative path (most file systems allow 255 per name; Windows 260 per path).
pub const MAX_PATH_BYTES: usize = 250;
/// Bytes of one path component.
pub const MAX_COMPONENT_BYTES: usize = 150;
/// Components of one relative path.
pub const MAX_DEPTH: usize = 16;
/// Bytes of the manifest file.
pub const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;
/// Entries looked at when deciding whether a folder without a manifest holds foreign files.
pub const MAX_SCAN_ENTRIES: usize = 100_000;
/// How long a run waits for another run's lock before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(30);
/// How often it retries the lock meanwhile.
pub const LOCK_POLL: Duration = Duration::from_millis(25);
/// Time allowed to diff one file in `check` (past it the diff is coarser, never wrong).
pub const DIFF_TIMEOUT: Duration = Duration::from_secs(2);
/// Lines of unified diff shown per file in `check`.
pub const MAX_DIFF_LINES: usize = 400;
/// Bytes of a file that `check` still diffs line by line (larger ones are only reported).
pub const MAX_DIFF_INPUT_BYTES: u64 = 8 * 1024 * 1024;
