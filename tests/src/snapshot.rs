//! A tiny compare-or-overwrite helper for snapshot folders (no dependency: the comparison is
//! byte-for-byte and the report names each file that differs with its first differing line).
//!
//! `DOCGEN_SNAPSHOTS=overwrite cargo test -p docgen-tests` rewrites the snapshots instead.

use docgen::emit::GeneratedFile;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Whether the run rewrites snapshots instead of comparing them.
pub fn overwrite() -> bool {
    std::env::var("DOCGEN_SNAPSHOTS").is_ok_and(|v| v == "overwrite")
}

/// Compares `files` with the folder `dir` (every file in it, recursively), or rewrites the folder
/// when overwriting. Returns the differences, one line each.
pub fn check_dir(dir: &Path, files: &[GeneratedFile]) -> Result<(), Vec<String>> {
    let on_disk: BTreeSet<PathBuf> = list_files(dir).into_iter().collect();
    let wanted: BTreeSet<PathBuf> = files.iter().map(|f| dir.join(&f.path)).collect();
    let mut problems = Vec::new();
    for file in files {
        let path = dir.join(&file.path);
        let current = std::fs::read(&path).ok();
        if current.as_deref() == Some(file.contents.as_bytes()) {
            continue;
        }
        if overwrite() {
            if let Some(parent) = path.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            if let Err(e) = std::fs::write(&path, &file.contents) {
                problems.push(format!("{}: cannot write: {e}", path.display()));
            }
        } else {
            match current {
                None => problems.push(format!("{}: missing", path.display())),
                Some(bytes) => {
                    let old = String::from_utf8_lossy(&bytes);
                    problems.push(format!(
                        "{}: differs {}",
                        path.display(),
                        first_difference(&old, &file.contents)
                    ));
                }
            }
        }
    }
    for stale in on_disk.difference(&wanted) {
        if overwrite() {
            let _ = std::fs::remove_file(stale);
        } else {
            problems.push(format!("{}: not generated any more", stale.display()));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Compares one text file (or writes it when overwriting).
pub fn check_file(path: &Path, contents: &str) -> Result<(), String> {
    let current = std::fs::read_to_string(path).ok();
    if current.as_deref() == Some(contents) {
        return Ok(());
    }
    if overwrite() {
        return std::fs::write(path, contents)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()));
    }
    match current {
        None => Err(format!("{}: missing", path.display())),
        Some(old) => Err(format!(
            "{}: differs {}",
            path.display(),
            first_difference(&old, contents)
        )),
    }
}

fn first_difference(old: &str, new: &str) -> String {
    let mut old_lines = old.lines();
    let mut new_lines = new.lines();
    let mut line = 1;
    loop {
        match (old_lines.next(), new_lines.next()) {
            (Some(a), Some(b)) if a == b => line += 1,
            (a, b) => {
                return format!(
                    "at line {line}:\n    snapshot:  {}\n    generated: {}",
                    a.unwrap_or("<end of file>"),
                    b.unwrap_or("<end of file>")
                )
            }
        }
    }
}

fn list_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => stack.push(path),
                Ok(kind) if kind.is_file() => out.push(path),
                _ => {}
            }
        }
    }
    out.sort();
    out
}
