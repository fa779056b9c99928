//! `check`: is the crate on disk exactly what `write_crate` would leave? Reads only.
//!
//! Diffs come from the `similar` crate (Myers with a deadline, unified format). A hand-written
//! Myers diff is ~150 lines that would need its own tests; `similar` is small, has no
//! dependencies, bounds its time on pathological inputs, and is what insta uses for snapshots.

use super::contract::MANIFEST_NAME;
use super::limits::{DIFF_TIMEOUT, LOCK_WAIT, MAX_DIFF_INPUT_BYTES, MAX_DIFF_LINES};
use super::lock::{acquire, Mode};
use super::manifest::{self, Entry, Manifest};
use super::paths::{inspect, validate_set, OnDisk};
use crate::emit::GeneratedFile;
use crate::error::Error;
use std::path::{Path, PathBuf};

/// A generated file whose bytes on disk differ, with a unified diff (disk -> generated) or, when
/// no line diff makes sense (a link, a huge file), a sentence saying why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileDiff {
    pub path: String,
    pub diff: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ManifestState {
    Current,
    Missing,
    /// Present, but `generate` would write a different one.
    Outdated,
    /// Unreadable or malformed (the reason).
    Invalid(String),
}

/// Everything that keeps the folder from being exactly what `generate` writes. Lists are sorted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckReport {
    pub out_dir: PathBuf,
    pub differ: Vec<FileDiff>,
    pub missing: Vec<String>,
    /// Written by docgen earlier (in the manifest), no longer generated, still on disk.
    pub stale: Vec<String>,
    pub manifest: ManifestState,
    pub unchanged: usize,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.differ.is_empty()
            && self.missing.is_empty()
            && self.stale.is_empty()
            && self.manifest == ManifestState::Current
    }

    /// The diffs, then one line per missing or stale file, then a count line.
    pub fn render(&self) -> String {
        let dir = self.out_dir.display();
        let mut text = String::new();
        for file in &self.differ {
            text.push_str(&file.diff);
            if !file.diff.ends_with('\n') {
                text.push('\n');
            }
        }
        for path in &self.missing {
            text.push_str(&format!("missing: {dir}/{path}\n"));
        }
        for path in &self.stale {
            text.push_str(&format!(
                "stale: {dir}/{path} (docgen no longer generates it)\n"
            ));
        }
        match &self.manifest {
            ManifestState::Current => {}
            ManifestState::Missing => text.push_str(&format!("missing: {dir}/{MANIFEST_NAME}\n")),
            ManifestState::Outdated => text.push_str(&format!("outdated: {dir}/{MANIFEST_NAME}\n")),
            ManifestState::Invalid(why) => {
                text.push_str(&format!("invalid: {dir}/{MANIFEST_NAME}: {why}\n"))
            }
        }
        if self.is_clean() {
            text.push_str(&format!("{dir} is up to date ({} files)\n", self.unchanged));
        } else {
            text.push_str(&format!(
                "{dir} is out of date: {} differ, {} missing, {} stale, {} unchanged; \
                 run `docgen generate` to update it\n",
                self.differ.len(),
                self.missing.len(),
                self.stale.len(),
                self.unchanged
            ));
        }
        text
    }
}

/// Compares `files` with `out_dir`. Errors only for unsafe paths and I/O failures; everything
/// else (including links where files should be) is a difference in the report.
pub fn check(out_dir: &Path, files: &[GeneratedFile]) -> Result<CheckReport, Error> {
    validate_set(files.iter().map(|f| f.path.as_str()))?;
    let mut report = CheckReport {
        out_dir: out_dir.to_path_buf(),
        differ: Vec::new(),
        missing: Vec::new(),
        stale: Vec::new(),
        manifest: ManifestState::Current,
        unchanged: 0,
    };
    let exists = super::paths::metadata(out_dir)?.is_some();
    // Shared: waits for a writer to finish, so a check never sees half a run.
    let _lock = if exists {
        acquire(out_dir, Mode::Shared, LOCK_WAIT)?
    } else {
        None
    };
    let mut sorted: Vec<&GeneratedFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    for file in sorted {
        match compare(out_dir, file)? {
            Compared::Same => report.unchanged += 1,
            Compared::Missing => report.missing.push(file.path.clone()),
            Compared::Differs(diff) => report.differ.push(FileDiff {
                path: file.path.clone(),
                diff,
            }),
        }
    }
    let expected = Manifest::from_entries(
        files
            .iter()
            .map(|f| Entry::of(&f.path, f.contents.as_bytes())),
    );
    match manifest::read(out_dir) {
        Ok(None) => report.manifest = ManifestState::Missing,
        Ok(Some((on_disk, text))) => {
            if text != expected.render() {
                report.manifest = ManifestState::Outdated;
            }
            let generated = expected.paths();
            for path in on_disk
                .paths()
                .into_iter()
                .filter(|p| !generated.contains(p))
            {
                if !matches!(inspect(out_dir, path), Ok(OnDisk::Missing)) {
                    report.stale.push(path.to_string());
                }
            }
        }
        Err(Error::ManifestInvalid { line, reason, .. }) => {
            report.manifest = ManifestState::Invalid(format!("line {line}: {reason}"));
        }
        Err(e) => return Err(e),
    }
    Ok(report)
}

enum Compared {
    Same,
    Missing,
    Differs(String),
}

fn compare(out_dir: &Path, file: &GeneratedFile) -> Result<Compared, Error> {
    let shown = format!("{}/{}", out_dir.display(), file.path);
    let meta = match inspect(out_dir, &file.path) {
        Ok(OnDisk::Missing) => return Ok(Compared::Missing),
        Ok(OnDisk::File(meta)) => meta,
        Ok(OnDisk::Dir) => {
            return Ok(Compared::Differs(format!(
                "{shown}: a folder, not a file\n"
            )))
        }
        Ok(OnDisk::Symlink) => {
            return Ok(Compared::Differs(format!(
                "{shown}: a symbolic link, not a file\n"
            )))
        }
        Ok(OnDisk::Special) => {
            return Ok(Compared::Differs(format!("{shown}: not a regular file\n")))
        }
        Err(Error::Symlink { path }) => {
            let why = format!(
                "{shown}: reached through the symbolic link {}\n",
                path.display()
            );
            return Ok(Compared::Differs(why));
        }
        Err(e) => return Err(e),
    };
    let new = file.contents.as_bytes();
    if meta.len() > MAX_DIFF_INPUT_BYTES {
        let why = format!(
            "{shown}: {} bytes on disk, {} generated (too large to diff)\n",
            meta.len(),
            new.len()
        );
        return Ok(Compared::Differs(why));
    }
    let full = out_dir.join(&file.path);
    let old = std::fs::read(&full).map_err(|source| Error::Io { path: full, source })?;
    if old == new {
        return Ok(Compared::Same);
    }
    Ok(Compared::Differs(unified_diff(
        &shown,
        &String::from_utf8_lossy(&old),
        &file.contents,
    )))
}

/// A unified diff with 3 lines of context, at most `MAX_DIFF_LINES` lines long.
pub(crate) fn unified_diff(name: &str, old: &str, new: &str) -> String {
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .timeout(DIFF_TIMEOUT)
        .diff_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("{name} (on disk)"), &format!("{name} (generated)"))
        .to_string();
    let total = text.lines().count();
    if total <= MAX_DIFF_LINES {
        return text;
    }
    let mut shown: String = text
        .lines()
        .take(MAX_DIFF_LINES)
        .flat_map(|l| [l, "\n"])
        .collect();
    shown.push_str(&format!(
        "... {} more diff lines for {name}\n",
        total - MAX_DIFF_LINES
    ));
    shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::testdir::TestDir;
    use crate::output::{write_crate, WriteOptions};

    fn files() -> Vec<GeneratedFile> {
        let file = |path: &str, contents: &str| GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        };
        vec![
            file(
                "src/lib.rs",
                "// @generated by docgen\npub mod a;\npub mod b;\n",
            ),
            file("src/a.rs", "// @generated by docgen\npub struct A;\n"),
            file("src/b.rs", "// @generated by docgen\npub struct B;\n"),
        ]
    }

    #[test]
    fn clean_after_write_then_reports_each_kind_of_difference() {
        let dir = TestDir::new();
        let out = dir.path().join("out");
        let before = check(&out, &files()).unwrap();
        assert_eq!(before.missing.len(), 3);
        assert_eq!(before.manifest, ManifestState::Missing);
        write_crate(&out, &files(), &WriteOptions::default()).unwrap();
        let clean = check(&out, &files()).unwrap();
        assert!(clean.is_clean(), "{}", clean.render());
        assert_eq!(clean.unchanged, 3);

        std::fs::write(
            out.join("src/a.rs"),
            "// @generated by docgen\npub struct Edited;\n",
        )
        .unwrap();
        std::fs::remove_file(out.join("src/b.rs")).unwrap();
        let mut fewer = files();
        fewer.retain(|f| f.path != "src/lib.rs");
        let report = check(&out, &fewer).unwrap();
        assert!(!report.is_clean());
        assert_eq!(report.missing, ["src/b.rs"]);
        assert_eq!(report.stale, ["src/lib.rs"]);
        assert_eq!(report.manifest, ManifestState::Outdated);
        let diff = &report.differ.first().unwrap().diff;
        assert!(
            diff.contains("-pub struct Edited;\n") && diff.contains("+pub struct A;\n"),
            "{diff}"
        );
        assert!(
            diff.contains("src/a.rs (on disk)") && diff.contains("@@"),
            "{diff}"
        );
        let rendered = report.render();
        assert!(
            rendered.contains("missing:") && rendered.contains("stale:"),
            "{rendered}"
        );
    }

    #[test]
    fn long_diffs_are_cut_with_a_count() {
        let old: String = (0..1000).map(|i| format!("line {i}\n")).collect();
        let new: String = (0..1000).map(|i| format!("line {}\n", i * 7)).collect();
        let diff = unified_diff("x.rs", &old, &new);
        assert_eq!(diff.lines().count(), MAX_DIFF_LINES + 1);
        assert!(
            diff.ends_with("more diff lines for x.rs\n"),
            "{}",
            diff.lines().last().unwrap_or("")
        );
    }
}
