//! The incremental cache: a regeneration formats only the files whose key changed, and one
//! whose pages all hash as before parses nothing at all.
//!
//! Where: `.docgen-cache` in the output folder (hidden: no generated path can collide with it,
//! `check` and the manifest ignore it), or `docgen-<hash of the output folder>.cache` in a
//! folder the user names (one folder can serve several outputs). To clear it, delete the file;
//! `--no-cache` ([`CacheSettings::enabled`]) neither reads nor writes it.
//!
//! What is trusted, and why it cannot make a wrong crate:
//! - The whole file only after its checksum, its format and its identity (docgen's version and
//!   build, input and output folders, crate name) match; otherwise it is ignored with a note.
//! - A run whose pages (and read diagnostics) hash as in the cache takes the report from the
//!   cache and every file from the output folder, each checked against the hash the cache
//!   recorded; one file that does not match sends the run down the normal path.
//! - Otherwise the run parses every page, builds the model and every file's tokens, and takes a
//!   file from the output folder only when its key (the fingerprint of its tokens and header,
//!   see [`crate::emit::reuse`]) is the recorded one and its bytes hash as recorded.
//!
//! So each reused file is, byte for byte, what formatting its tokens gave before, and the tests
//! (`tests/tests/cache.rs`) compare cached and uncached runs after every kind of edit.

mod file;

use crate::diag::Diagnostic;
use crate::emit::reuse::Reuse;
use crate::emit::GeneratedFile;
use crate::error::Error;
use crate::fingerprint::{fnv1a_128, Fnv128};
use crate::output::{path_problem, read_generated, read_side_file, write_side_file, CACHE_NAME};
use crate::pages::SourceFile;
use file::{CacheData, FileRecord, Hex, Identity};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use file::CachedReport;

/// Whether and where to cache, and the version a cache must have been written by.
#[derive(Clone, Debug)]
pub struct CacheSettings {
    pub enabled: bool,
    /// A folder for the cache file instead of the output folder.
    pub dir: Option<PathBuf>,
    /// docgen's version and build: a cache written by any other is ignored. By default
    /// [`build_identity`]; tests set it to see a version change.
    pub version: String,
}

impl Default for CacheSettings {
    fn default() -> Self {
        CacheSettings {
            enabled: true,
            dir: None,
            version: build_identity(),
        }
    }
}

/// docgen's version plus the size and modification time of the running executable: a rebuilt
/// docgen (which may format differently with the same version number) never trusts a cache of
/// the old build. Empty when the executable cannot be looked at, which turns the cache off.
pub fn build_identity() -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata);
    let Ok(meta) = exe else {
        return String::new();
    };
    let modified = meta
        .modified()
        .ok()
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos());
    format!("{}+{}.{}", env!("CARGO_PKG_VERSION"), meta.len(), modified)
}

/// What the cache did in one run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CacheReport {
    /// Why a cache was not used, or could not be written (one line each).
    pub notes: Vec<String>,
    /// Pages added, edited or removed since the cache was written (all of them without one).
    pub pages_changed: usize,
    /// The run parsed nothing: every page was as cached and every file checked out.
    pub unchanged: bool,
    /// Files taken from the output folder instead of formatted.
    pub files_reused: usize,
}

/// One run's view of the cache.
pub struct Session {
    path: Option<PathBuf>,
    out_dir: PathBuf,
    identity: Identity,
    pages: BTreeMap<String, Hex>,
    read_diagnostics: Hex,
    previous: Option<CacheData>,
    pub report: CacheReport,
}

impl Session {
    /// Hashes the pages read, and loads the cache when `settings` enable it and it can be
    /// trusted (else a note says why not).
    pub fn open(
        settings: &CacheSettings,
        input: &Path,
        out_dir: &Path,
        crate_name: &str,
        files: &[SourceFile],
        read_diagnostics: &[Diagnostic],
    ) -> Result<Session, Error> {
        let pages: BTreeMap<String, Hex> = files
            .par_iter()
            .map(|file| {
                let hash = Fnv128::new().piece(file.text.as_bytes()).finish();
                (file.path.clone(), Hex(hash))
            })
            .collect();
        let diagnostics_json = serde_json::to_string(read_diagnostics).unwrap_or_default();
        let identity = Identity {
            docgen: settings.version.clone(),
            input: absolute(input),
            out_dir: absolute(out_dir),
            crate_name: crate_name.to_string(),
        };
        let mut session = Session {
            path: None,
            out_dir: out_dir.to_path_buf(),
            identity,
            pages,
            read_diagnostics: Hex(fnv1a_128(diagnostics_json.as_bytes())),
            previous: None,
            report: CacheReport::default(),
        };
        if settings.enabled && settings.version.is_empty() {
            let note = "cache off: docgen's executable cannot be identified".to_string();
            session.report.notes.push(note);
        } else if settings.enabled {
            let path = match &settings.dir {
                Some(dir) => {
                    let name = fnv1a_128(session.identity.out_dir.as_bytes());
                    dir.join(format!("docgen-{:016x}.cache", name as u64))
                }
                None => out_dir.join(CACHE_NAME),
            };
            session.previous = session.load(&path)?;
            session.path = Some(path);
        }
        session.report.pages_changed = session.pages_changed();
        Ok(session)
    }

    fn load(&mut self, path: &Path) -> Result<Option<CacheData>, Error> {
        let bytes = match read_side_file(path, file::MAX_CACHE_BYTES) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Ok(None),
            // Someone planted a link where docgen keeps its file: refused, as for the manifest.
            Err(error @ Error::Symlink { .. }) => return Err(error),
            Err(error) => {
                self.note(path, &format!("it cannot be read ({error})"));
                return Ok(None);
            }
        };
        let data = match file::parse(&bytes) {
            Ok(data) => data,
            Err(reason) => {
                self.note(path, &reason);
                return Ok(None);
            }
        };
        // Checksummed is not trusted: a hand-made cache could name a path outside the folder.
        if let Some(unsafe_path) = data.files.keys().find(|p| path_problem(p).is_some()) {
            let reason = format!("it names an unsafe output path ({unsafe_path:?})");
            self.note(path, &reason);
            return Ok(None);
        }
        let was = &data.identity;
        let now = &self.identity;
        let foreign = if was.docgen != now.docgen {
            format!(
                "it was written by docgen {}, this is {}",
                was.docgen, now.docgen
            )
        } else if was.input != now.input {
            format!("it is for another input folder ({})", was.input)
        } else if was.out_dir != now.out_dir {
            format!("it is for another output folder ({})", was.out_dir)
        } else if was.crate_name != now.crate_name {
            format!("it is for another crate name ({})", was.crate_name)
        } else {
            return Ok(Some(data));
        };
        self.note(path, &foreign);
        Ok(None)
    }

    fn note(&mut self, path: &Path, reason: &str) {
        let note = format!("cache {} ignored: {reason}", path.display());
        self.report.notes.push(note);
    }

    fn pages_changed(&self) -> usize {
        let Some(previous) = &self.previous else {
            return self.pages.len();
        };
        let edited_or_added = self
            .pages
            .iter()
            .filter(|(path, hash)| previous.pages.get(*path) != Some(hash))
            .count();
        let removed = previous
            .pages
            .keys()
            .filter(|path| !self.pages.contains_key(*path))
            .count();
        edited_or_added + removed
    }

    /// When no page changed and every file of the cached crate is in the output folder as
    /// recorded: the cached report and those files, with nothing parsed or formatted.
    pub fn unchanged_crate(&mut self) -> Option<(CachedReport, Vec<GeneratedFile>)> {
        let previous = self.previous.as_ref()?;
        if self.report.pages_changed != 0 || previous.read_diagnostics != self.read_diagnostics {
            return None;
        }
        let files: Option<Vec<GeneratedFile>> = previous
            .files
            .par_iter()
            .map(|(path, record)| {
                let contents = self.recorded_contents(path, record)?;
                Some(GeneratedFile {
                    path: path.clone(),
                    contents,
                })
            })
            .collect();
        let files = files?;
        self.report.unchanged = true;
        self.report.files_reused = files.len();
        Some((previous.report.clone(), files))
    }

    /// The output folder's `path`, when its bytes are the ones `record` says were written.
    fn recorded_contents(&self, path: &str, record: &FileRecord) -> Option<String> {
        let bytes = read_generated(&self.out_dir, path)?;
        if bytes.len() as u64 != record.len || Hex(fnv1a_128(&bytes)) != record.hash {
            return None;
        }
        String::from_utf8(bytes).ok()
    }

    /// Records this run for the next one: the pages' hashes, the report and every file's key
    /// and hash (`keys` as [`crate::emit::reuse::KeyedEmitted::keys`]). Nothing is written when
    /// the cache is off or nothing changed.
    pub fn store(
        &mut self,
        report: CachedReport,
        files: &[GeneratedFile],
        keys: &BTreeMap<String, u128>,
    ) -> Result<(), Error> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if self.report.unchanged {
            // The crate is the cached one, file for file: the cache already says all of it.
            return Ok(());
        }
        let previous = self.previous.as_ref();
        let records: BTreeMap<String, FileRecord> = files
            .par_iter()
            .map(|file| {
                let key = keys.get(&file.path).copied().map(Hex);
                let known = previous.and_then(|p| p.files.get(&file.path));
                // A reused file was checked against its record: no need to hash it again.
                let hash = match known {
                    Some(record) if key.is_some() && record.key == key => record.hash,
                    _ => Hex(fnv1a_128(file.contents.as_bytes())),
                };
                let record = FileRecord {
                    key,
                    hash,
                    len: file.contents.len() as u64,
                };
                (file.path.clone(), record)
            })
            .collect();
        let data = CacheData {
            identity: self.identity.clone(),
            pages: std::mem::take(&mut self.pages),
            read_diagnostics: self.read_diagnostics,
            report,
            files: records,
        };
        if previous == Some(&data) {
            return Ok(());
        }
        write_side_file(path, file::render(&data).as_bytes())
    }
}

impl Reuse for Session {
    fn reuse(&self, path: &str, key: u128) -> Option<String> {
        let record = self.previous.as_ref()?.files.get(path)?;
        if record.key != Some(Hex(key)) {
            return None;
        }
        self.recorded_contents(path, record)
    }

    fn wants_keys(&self) -> bool {
        self.path.is_some()
    }
}

/// `path` made absolute (not resolved through links: the output folder may not exist yet).
fn absolute(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}
