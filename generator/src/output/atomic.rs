//! Atomic file replacement: write a temporary file in the target's folder, then rename it.
//!
//! A rename within one folder is atomic on every file system docgen targets, so a reader (or a
//! run killed at any instant) sees the old file or the new one, never a truncated one. The
//! temporary file is created with `create_new`, which also refuses to open through a link that
//! someone planted under its name.

use super::contract::TEMP_PREFIX;
use crate::error::Error;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

/// Replaces `target` with `bytes` atomically. The target's folder must exist.
pub(crate) fn write_atomic(target: &Path, bytes: &[u8]) -> Result<(), Error> {
    let folder = target.parent().unwrap_or_else(|| Path::new("."));
    let temp = folder.join(format!(
        "{TEMP_PREFIX}{}-{}",
        std::process::id(),
        NEXT_TEMP.fetch_add(1, Ordering::Relaxed)
    ));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(io(&temp))?;
        file.write_all(bytes).map_err(io(&temp))?;
        // Durable before it becomes visible: without it a power cut can leave an empty file under
        // the new name on some file systems. A killed process needs only the rename.
        file.sync_data().map_err(io(&temp))?;
        drop(file);
        std::fs::rename(&temp, target).map_err(io(target))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Removes temporary files that a killed run left in `folder` (not following links).
pub(crate) fn remove_leftover_temps(folder: &Path) -> Result<(), Error> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(Error::Io {
                path: folder.to_path_buf(),
                source,
            })
        }
    };
    for entry in entries.flatten() {
        let is_temp = entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX);
        if is_temp && entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|source| Error::Io { path, source })?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::testdir::TestDir;

    #[test]
    fn replaces_contents_and_leaves_no_temporary_file() {
        let dir = TestDir::new();
        let target = dir.path().join("a.rs");
        write_atomic(&target, b"old").unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn leftovers_are_removed_and_other_files_kept() {
        let dir = TestDir::new();
        std::fs::write(dir.path().join(format!("{TEMP_PREFIX}1-1")), "partial").unwrap();
        std::fs::write(dir.path().join("keep.rs"), "keep").unwrap();
        remove_leftover_temps(dir.path()).unwrap();
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["keep.rs"]);
    }
}
