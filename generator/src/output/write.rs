//! `write_crate`: plan every change first (reading only), then apply it under the lock.
//!
//! Order of a run, and why it is safe to kill at any point:
//! 1. validate all paths and limits, refuse unsafe folders: nothing touched yet;
//! 2. lock; remove temporary files a killed run left; plan by comparing bytes;
//! 3. if nothing changes (files and manifest), stop: a no-op run writes nothing;
//! 4. write the journal manifest (old set + new set), so every file this run may create is
//!    already listed as docgen's;
//! 5. write changed files atomically, then remove stale ones;
//! 6. write the final manifest (exactly the new set).
//!
//! Killed after 4, the next run sees every path in the journal as docgen's and repairs the rest.

use super::atomic::{remove_leftover_temps, write_atomic};
use super::contract::{WriteOptions, WriteReport, MANIFEST_NAME};
use super::lock::{acquire, Mode};
use super::manifest::{self, Entry, Manifest};
use super::paths::{create_parents, inspect, prune_empty_parents, validate_set, OnDisk};
use super::{guard, limits};
use crate::emit::GeneratedFile;
use crate::error::Error;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Writes `files` (paths relative to `out_dir`) into `out_dir`. See the module documentation of
/// [`crate::output`] for what it promises.
pub fn write_crate(
    out_dir: &Path,
    files: &[GeneratedFile],
    options: &WriteOptions,
) -> Result<WriteReport, Error> {
    validate_files(files)?;
    if !options.force {
        guard::refuse_unsafe_out_dir(out_dir, options.input.as_deref())?;
        if super::paths::metadata(&out_dir.join(MANIFEST_NAME))?.is_none() {
            guard::refuse_foreign_folder(out_dir)?;
        }
    }
    std::fs::create_dir_all(out_dir).map_err(|source| Error::Io {
        path: out_dir.into(),
        source,
    })?;
    let _lock = acquire(out_dir, Mode::Exclusive, options.lock_timeout)?;

    let (old, old_text) = match manifest::read(out_dir) {
        Ok(Some((manifest, text))) => (manifest, Some(text)),
        Ok(None) => (Manifest::default(), None),
        // Forced past a broken manifest: start afresh; it is rewritten below.
        Err(Error::ManifestInvalid { .. }) if options.force => (Manifest::default(), None),
        Err(e) => return Err(e),
    };
    remove_temps_around(out_dir, files, &old)?;

    let plans: Vec<Result<bool, Error>> = files
        .par_iter()
        .map(|file| needs_write(out_dir, file, &old, options.force))
        .collect();
    let mut report = WriteReport::default();
    let mut to_write = Vec::new();
    for (file, plan) in files.iter().zip(plans) {
        if plan? {
            to_write.push(file);
            report.written.push(file.path.clone());
        } else {
            report.unchanged.push(file.path.clone());
        }
    }
    let generated: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut to_remove = Vec::new();
    for path in old.paths().into_iter().filter(|p| !generated.contains(p)) {
        match stale_action(out_dir, path, &old, options.force)? {
            Stale::Gone => {}
            Stale::Remove => to_remove.push(path.to_string()),
            Stale::Keep => report.kept.push(path.to_string()),
        }
    }
    let new = Manifest::from_entries(
        files
            .iter()
            .map(|f| Entry::of(&f.path, f.contents.as_bytes())),
    );
    let new_text = new.render();
    if to_write.is_empty() && to_remove.is_empty() && old_text.as_deref() == Some(new_text.as_str())
    {
        report.kept.sort();
        return Ok(report);
    }

    let manifest_path = out_dir.join(MANIFEST_NAME);
    let journal_text = old.union(&new).render();
    if old_text.as_deref() != Some(journal_text.as_str()) {
        write_atomic(&manifest_path, journal_text.as_bytes())?;
    }
    match options.crash_after_writes {
        Some(crash_after) => write_in_order(out_dir, &to_write, crash_after)?,
        None => write_concurrently(out_dir, &to_write)?,
    }
    for path in &to_remove {
        let full = out_dir.join(path);
        std::fs::remove_file(&full).map_err(|source| Error::Io { path: full, source })?;
        prune_empty_parents(out_dir, path);
        report.removed.push(path.clone());
    }
    if journal_text != new_text {
        write_atomic(&manifest_path, new_text.as_bytes())?;
    }
    report.kept.sort();
    Ok(report)
}

/// Most files written at once. Each write ends with its own `fsync`, which waits for the disk;
/// many waiting at once share journal commits, so a fresh crate of 2,000 files is written in a
/// fraction of the time one by one takes. (Threads, not rayon: they wait, they do not compute.)
const WRITERS: usize = 16;

/// Writes every file, [`WRITERS`] at a time; stops at the first error. Each file is written
/// atomically, so the order in which they land does not matter to a reader or a later run.
fn write_concurrently(out_dir: &Path, files: &[&GeneratedFile]) -> Result<(), Error> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let first_error: Mutex<Option<Error>> = Mutex::new(None);
    let writer = || {
        while !failed.load(Ordering::Relaxed) {
            let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) else {
                break;
            };
            if let Err(error) = write_one(out_dir, file) {
                failed.store(true, Ordering::Relaxed);
                let mut slot = first_error.lock().unwrap_or_else(|e| e.into_inner());
                slot.get_or_insert(error);
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..WRITERS.min(files.len()) {
            scope.spawn(writer);
        }
        writer();
    });
    match first_error.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// One file after the other, failing as if the run were killed after `crash_after` writes (the
/// test hook of [`WriteOptions::crash_after_writes`]).
fn write_in_order(
    out_dir: &Path,
    files: &[&GeneratedFile],
    crash_after: usize,
) -> Result<(), Error> {
    for (count, file) in files.iter().enumerate() {
        if count == crash_after {
            let source = std::io::Error::other("simulated crash (test hook)");
            return Err(Error::Io {
                path: out_dir.to_path_buf(),
                source,
            });
        }
        write_one(out_dir, file)?;
    }
    Ok(())
}

fn write_one(out_dir: &Path, file: &GeneratedFile) -> Result<(), Error> {
    // Checked again right before writing: the folder may have changed since planning.
    if let OnDisk::Dir | OnDisk::Symlink | OnDisk::Special = inspect(out_dir, &file.path)? {
        return Err(Error::UnsafePath {
            path: file.path.clone(),
            reason: "it changed into a folder or a link during the run".into(),
        });
    }
    create_parents(out_dir, &file.path)?;
    write_atomic(&out_dir.join(&file.path), file.contents.as_bytes())
}

/// What `write_crate` checks of a file set before touching the disk: the resource limits, then
/// every path (see [`crate::output`]). Public so that tests and fuzz targets can assert that no
/// input makes the emitter produce a set that would be refused.
pub fn validate_files(files: &[GeneratedFile]) -> Result<(), Error> {
    check_limits(files)?;
    validate_set(files.iter().map(|f| f.path.as_str()))
}

fn check_limits(files: &[GeneratedFile]) -> Result<(), Error> {
    if files.len() > limits::MAX_FILES {
        let what = format!(
            "{} files generated, more than {}",
            files.len(),
            limits::MAX_FILES
        );
        return Err(Error::Limit { what });
    }
    let mut total: u64 = 0;
    for file in files {
        let len = file.contents.len() as u64;
        if len > limits::MAX_FILE_BYTES {
            let what = format!(
                "{} has {len} bytes, more than {}",
                file.path,
                limits::MAX_FILE_BYTES
            );
            return Err(Error::Limit { what });
        }
        total = total.saturating_add(len);
    }
    if total > limits::MAX_TOTAL_BYTES {
        let what = format!(
            "the crate has {total} bytes, more than {}",
            limits::MAX_TOTAL_BYTES
        );
        return Err(Error::Limit { what });
    }
    Ok(())
}

/// Whether `file` must be written; an error when what is there may not be replaced.
fn needs_write(
    out_dir: &Path,
    file: &GeneratedFile,
    old: &Manifest,
    force: bool,
) -> Result<bool, Error> {
    let bytes = file.contents.as_bytes();
    let full = out_dir.join(&file.path);
    let meta = match inspect(out_dir, &file.path)? {
        OnDisk::Missing => return Ok(true),
        OnDisk::File(meta) => meta,
        OnDisk::Dir => {
            let reason = "a folder is in the way (docgen never removes folders it did not create)";
            return Err(Error::UnsafePath {
                path: file.path.clone(),
                reason: reason.into(),
            });
        }
        OnDisk::Symlink => return Err(Error::Symlink { path: full }),
        OnDisk::Special => {
            let reason = "something that is not a regular file is in the way".to_string();
            return Err(Error::UnsafePath {
                path: file.path.clone(),
                reason,
            });
        }
    };
    if meta.len() == bytes.len() as u64 {
        let existing = std::fs::read(&full).map_err(|source| Error::Io {
            path: full.clone(),
            source,
        })?;
        if existing == bytes {
            return Ok(false);
        }
    }
    if force || old.lists(&file.path) || guard::starts_with_marker(&full)? {
        Ok(true)
    } else {
        Err(Error::ForeignFile { path: full })
    }
}

enum Stale {
    /// Already gone: it only leaves the manifest.
    Gone,
    Remove,
    /// Edited since docgen wrote it, or no longer a plain file: not docgen's to delete.
    Keep,
}

fn stale_action(out_dir: &Path, path: &str, old: &Manifest, force: bool) -> Result<Stale, Error> {
    let meta = match inspect(out_dir, path)? {
        OnDisk::Missing => return Ok(Stale::Gone),
        OnDisk::File(meta) => meta,
        OnDisk::Dir | OnDisk::Symlink | OnDisk::Special => return Ok(Stale::Keep),
    };
    if force {
        return Ok(Stale::Remove);
    }
    if meta.len() > limits::MAX_FILE_BYTES {
        return Ok(Stale::Keep);
    }
    let full = out_dir.join(path);
    let bytes = std::fs::read(&full).map_err(|source| Error::Io { path: full, source })?;
    Ok(if old.wrote(path, &bytes) {
        Stale::Remove
    } else {
        Stale::Keep
    })
}

/// Removes temporary files of killed runs from the output folder and every folder docgen
/// writes or wrote in (only real folders: a link on the way is skipped, never entered).
fn remove_temps_around(
    out_dir: &Path,
    files: &[GeneratedFile],
    old: &Manifest,
) -> Result<(), Error> {
    let mut folders: BTreeSet<&str> = BTreeSet::new();
    let all_paths = files.iter().map(|f| f.path.as_str()).chain(old.paths());
    for path in all_paths {
        let mut rest = path;
        while let Some((parent, _)) = rest.rsplit_once('/') {
            folders.insert(parent);
            rest = parent;
        }
    }
    remove_leftover_temps(out_dir)?;
    for folder in folders {
        if let Ok(OnDisk::Dir) = inspect(out_dir, folder) {
            remove_leftover_temps(&out_dir.join(folder))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::testdir::TestDir;
    use std::time::{Duration, SystemTime};

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    fn crate_v1() -> Vec<GeneratedFile> {
        vec![
            file("Cargo.toml", "# @generated by docgen\n[package]\n"),
            file("src/lib.rs", "// @generated by docgen\npub mod types;\n"),
            file("src/types/a.rs", "// @generated by docgen\npub struct A;\n"),
            file("src/types/b.rs", "// @generated by docgen\npub struct B;\n"),
        ]
    }

    fn age(path: &Path) {
        let old = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }

    #[test]
    fn writes_then_a_second_run_touches_nothing() {
        let dir = TestDir::new();
        let out = dir.path().join("out");
        let first = write_crate(&out, &crate_v1(), &WriteOptions::default()).unwrap();
        assert_eq!(first.written.len(), 4);
        for f in crate_v1() {
            assert_eq!(
                std::fs::read_to_string(out.join(&f.path)).unwrap(),
                f.contents
            );
            age(&out.join(&f.path));
        }
        age(&out.join(MANIFEST_NAME));
        let before: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        let mtimes = |paths: &[std::path::PathBuf]| -> Vec<SystemTime> {
            paths
                .iter()
                .map(|p| std::fs::metadata(p).unwrap().modified().unwrap())
                .collect()
        };
        let old_times = mtimes(&before);
        let second = write_crate(&out, &crate_v1(), &WriteOptions::default()).unwrap();
        assert!(second.written.is_empty() && second.removed.is_empty());
        assert_eq!(second.unchanged.len(), 4);
        assert_eq!(mtimes(&before), old_times);
    }

    #[test]
    fn a_killed_run_is_repaired_by_the_next_and_files_are_old_or_new() {
        let dir = TestDir::new();
        let out = dir.path().join("out");
        write_crate(&out, &crate_v1(), &WriteOptions::default()).unwrap();
        let mut v2 = crate_v1();
        v2.retain(|f| f.path != "src/types/b.rs");
        for f in &mut v2 {
            f.contents.push_str("// v2\n");
        }
        v2.push(file(
            "src/types/c.rs",
            "// @generated by docgen\npub struct C;\n",
        ));
        let crash = WriteOptions {
            crash_after_writes: Some(2),
            ..WriteOptions::default()
        };
        assert!(write_crate(&out, &v2, &crash).is_err());
        for f in crate_v1().iter().chain(&v2) {
            if let Ok(text) = std::fs::read_to_string(out.join(&f.path)) {
                let is_old = crate_v1()
                    .iter()
                    .any(|o| o.path == f.path && o.contents == text);
                let is_new = v2.iter().any(|n| n.path == f.path && n.contents == text);
                assert!(
                    is_old || is_new,
                    "{} is neither old nor new: {text:?}",
                    f.path
                );
            }
        }
        let repaired = write_crate(&out, &v2, &WriteOptions::default()).unwrap();
        assert_eq!(repaired.removed, ["src/types/b.rs"]);
        assert_eq!(repaired.written.len() + repaired.unchanged.len(), v2.len());
        for f in &v2 {
            assert_eq!(
                std::fs::read_to_string(out.join(&f.path)).unwrap(),
                f.contents
            );
        }
        let manifest = std::fs::read_to_string(out.join(MANIFEST_NAME)).unwrap();
        assert_eq!(manifest.lines().count(), 2 + v2.len());
    }

    #[test]
    fn nothing_is_written_when_one_path_is_unsafe() {
        let dir = TestDir::new();
        let out = dir.path().join("out");
        let mut files = crate_v1();
        files.push(file("../escape.rs", "x"));
        let err = write_crate(&out, &files, &WriteOptions::default()).unwrap_err();
        assert!(matches!(err, Error::UnsafePath { .. }), "{err}");
        assert!(!out.exists() && !dir.path().join("escape.rs").exists());
    }

    #[test]
    fn limits_are_enforced_before_anything_is_written() {
        let dir = TestDir::new();
        let too_many: Vec<GeneratedFile> = (0..=limits::MAX_FILES)
            .map(|i| file(&format!("f{i}.rs"), ""))
            .collect();
        let err = write_crate(dir.path(), &too_many, &WriteOptions::default()).unwrap_err();
        assert!(matches!(err, Error::Limit { .. }), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
