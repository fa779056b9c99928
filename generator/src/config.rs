//! The library's front door: one `Config`, one call per command.

use crate::cache::{CacheReport, CacheSettings, CachedReport, Session};
use crate::diag::{Diagnostic, Severity};
use crate::emit::{EmitOptions, Emitted, GeneratedFile};
use crate::error::Error;
use crate::ir::Model;
use crate::lint::{Linted, Suppressions};
use crate::output::{CheckReport, WriteOptions, WriteReport};
use crate::pages::SourceFile;
use crate::timings::{Stage, StageClock, Timings};
use crate::version::Version;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What to generate from where. Defaults: output `generated`, crate name `graph-bindings`,
/// no force, all cores.
#[derive(Clone, Debug)]
pub struct Config {
    input: PathBuf,
    out_dir: PathBuf,
    crate_name: String,
    crate_version: Version,
    force: bool,
    threads: usize,
    lock_timeout: Duration,
    timings: bool,
    suppressions: Option<PathBuf>,
    cache: CacheSettings,
}

/// The outcome of `generate` (or `check`): counts, every diagnostic, and what was written.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub types: usize,
    pub operations: usize,
    /// Example pairs that became tests (some part of them is checked).
    pub example_tests: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// Files written, unchanged, removed and kept; empty for `check`.
    pub files: WriteReport,
    /// Time per stage, when [`Config::timings`] asked for it.
    pub timings: Option<Timings>,
    /// What the incremental cache did (`generate` only).
    pub cache: CacheReport,
}

/// The outcome of `check`.
#[derive(Clone, Debug)]
pub struct CheckOutcome {
    pub report: Report,
    pub check: CheckReport,
}

impl Report {
    /// The model's counts and diagnostics plus the emitter's (name collisions, untested examples).
    fn of(model: &Model, emitted: &Emitted) -> Report {
        let mut diagnostics = model.diagnostics.clone();
        diagnostics.extend(emitted.diagnostics.iter().cloned());
        diagnostics.sort();
        diagnostics.dedup();
        Report {
            pages: model.pages.len(),
            types: model.types.len(),
            operations: model.operations.len(),
            example_tests: emitted.example_tests,
            diagnostics,
            files: WriteReport::default(),
            timings: None,
            cache: CacheReport::default(),
        }
    }

    /// A report as the cache kept it, for a run with nothing changed.
    fn cached(cached: CachedReport) -> Report {
        Report {
            pages: cached.pages,
            types: cached.types,
            operations: cached.operations,
            example_tests: cached.example_tests,
            diagnostics: cached.diagnostics,
            ..Report::default()
        }
    }

    /// What the cache keeps of this report.
    fn cached_form(&self) -> CachedReport {
        CachedReport {
            pages: self.pages,
            types: self.types,
            operations: self.operations,
            example_tests: self.example_tests,
            diagnostics: self.diagnostics.clone(),
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// `N pages, N types, N operations, N example tests, N warnings, N errors`.
    pub fn summary_line(&self) -> String {
        format!(
            "{} pages, {} types, {} operations, {} example tests, {} warnings, {} errors",
            self.pages,
            self.types,
            self.operations,
            self.example_tests,
            self.count(Severity::Warning),
            self.count(Severity::Error)
        )
    }

    /// `N files written, N unchanged, N removed` (and `N kept` when some were).
    pub fn files_line(&self) -> String {
        let files = &self.files;
        let mut line = format!(
            "{} files written, {} unchanged, {} removed",
            files.written.len(),
            files.unchanged.len(),
            files.removed.len()
        );
        if !files.kept.is_empty() {
            line.push_str(&format!(
                ", {} kept (edited since docgen wrote them: {})",
                files.kept.len(),
                files.kept.join(", ")
            ));
        }
        line
    }
}

impl Config {
    pub fn new(input: impl Into<PathBuf>) -> Self {
        Config {
            input: input.into(),
            out_dir: PathBuf::from("generated"),
            crate_name: "graph-bindings".to_string(),
            crate_version: EmitOptions::default().crate_version,
            force: false,
            threads: 0,
            lock_timeout: crate::output::limits::LOCK_WAIT,
            timings: false,
            suppressions: None,
            cache: CacheSettings::default(),
        }
    }

    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = dir.into();
        self
    }

    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = name.into();
        self
    }

    /// The generated crate's version (its `Cargo.toml`); 0.1.0 unless set.
    pub fn crate_version(mut self, version: Version) -> Self {
        self.crate_version = version;
        self
    }

    /// Write even where docgen refuses to (see [`WriteOptions::force`]).
    pub fn force(mut self, force: bool) -> Self {
        self.force = force;
        self
    }

    /// Worker threads for reading pages and checking files; 0 (the default) means all cores.
    /// The output never depends on it.
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }

    /// How long `generate` waits for another run writing the same folder.
    pub fn lock_timeout(mut self, wait: Duration) -> Self {
        self.lock_timeout = wait;
        self
    }

    /// Measure each stage of `generate` and `check` (see [`Report::timings`]). The output is
    /// the same with or without.
    pub fn timings(mut self, on: bool) -> Self {
        self.timings = on;
        self
    }

    /// The suppression file to read instead of `docgen-suppressions.txt` in the input folder
    /// (see [`crate::lint::suppress`]).
    pub fn suppressions(mut self, file: impl Into<PathBuf>) -> Self {
        self.suppressions = Some(file.into());
        self
    }

    /// Use the incremental cache (the default; see [`crate::cache`]). Off, `generate` neither
    /// reads nor writes it; the crate is the same bytes either way.
    pub fn cache(mut self, on: bool) -> Self {
        self.cache.enabled = on;
        self
    }

    /// Keep the cache in `dir` instead of the output folder.
    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache.dir = Some(dir.into());
        self
    }

    /// The docgen version the cache is written for and must match (by default
    /// [`crate::cache::build_identity`]); tests vary it to see a version change.
    #[doc(hidden)]
    pub fn cache_version(mut self, version: impl Into<String>) -> Self {
        self.cache.version = version.into();
        self
    }

    pub fn input(&self) -> &Path {
        &self.input
    }

    pub fn output(&self) -> &Path {
        &self.out_dir
    }

    /// Reads every page and builds the model (stages 1-3). Pages are parsed in parallel; the
    /// results keep path order, so the model does not depend on the thread count.
    pub fn model(&self) -> Result<Model, Error> {
        self.in_pool(|| self.model_in_pool(&StageClock::disabled()))
    }

    /// Every diagnostic `generate` reports (the model's and the emitter's), without building
    /// or writing a file, after suppressions: what `docgen lint` prints.
    pub fn lint(&self) -> Result<Linted, Error> {
        let suppressions = self.load_suppressions()?;
        let diagnostics = self.in_pool(|| {
            let model = self.model_in_pool(&StageClock::disabled())?;
            let mut diagnostics = model.diagnostics.clone();
            diagnostics.extend(crate::emit::diagnostics(&model, &self.emit_options()));
            Ok(diagnostics)
        })?;
        Ok(suppressions.apply(&diagnostics))
    }

    /// The suppression file ([`Config::suppressions`], else the input folder's, else none);
    /// `apply` it to a [`Report`]'s diagnostics.
    pub fn load_suppressions(&self) -> Result<Suppressions, Error> {
        Suppressions::load(&self.input, self.suppressions.as_deref())
    }

    /// Builds the model and the crate's files in memory (stages 1-5).
    pub fn render(&self) -> Result<(Model, Vec<GeneratedFile>), Error> {
        self.in_pool(|| self.render_in_pool(&StageClock::disabled()))
            .map(|(model, emitted)| (model, emitted.files))
    }

    /// Renders the crate and writes it to the output folder (stage 6). With the cache (the
    /// default), formats only what changed, and parses nothing when no page did.
    pub fn generate(&self) -> Result<Report, Error> {
        let start = Instant::now();
        let clock = StageClock::new(self.timings);
        self.in_pool(|| {
            let (files, read_diagnostics) = self.read_pages(&clock)?;
            let mut session = clock.stage(Stage::Cache, || {
                Session::open(
                    &self.cache,
                    &self.input,
                    &self.out_dir,
                    &self.crate_name,
                    &files,
                    &read_diagnostics,
                )
            })?;
            let (report, generated, keys) = match session.unchanged_crate() {
                Some((cached, generated)) => (Report::cached(cached), generated, BTreeMap::new()),
                None => {
                    let model =
                        crate::pipeline::model_from_sources_timed(&files, read_diagnostics, &clock);
                    // The pages' text is not needed past the model (peak memory).
                    drop(files);
                    let keyed = crate::emit::reuse::emit_reusing(
                        &model,
                        &self.emit_options(),
                        &clock,
                        &session,
                    )?;
                    session.report.files_reused = keyed.reused;
                    let report = Report::of(&model, &keyed.emitted);
                    (report, keyed.emitted.files, keyed.keys)
                }
            };
            let options = WriteOptions {
                force: self.force,
                input: Some(self.input.clone()),
                lock_timeout: self.lock_timeout,
                crash_after_writes: None,
            };
            let written = clock.stage(Stage::Write, || {
                crate::output::write_crate(&self.out_dir, &generated, &options)
            })?;
            clock.stage(Stage::Cache, || {
                session.store(report.cached_form(), &generated, &keys)
            })?;
            Ok(Report {
                files: written,
                timings: clock.report(start.elapsed()),
                cache: session.report,
                ..report
            })
        })
    }

    /// Renders the crate and compares it with the output folder, writing nothing.
    pub fn check(&self) -> Result<CheckOutcome, Error> {
        let start = Instant::now();
        let clock = StageClock::new(self.timings);
        self.in_pool(|| {
            let (model, emitted) = self.render_in_pool(&clock)?;
            let check = clock.stage(Stage::Write, || {
                crate::output::check(&self.out_dir, &emitted.files)
            })?;
            Ok(CheckOutcome {
                report: Report {
                    timings: clock.report(start.elapsed()),
                    ..Report::of(&model, &emitted)
                },
                check,
            })
        })
    }

    fn emit_options(&self) -> EmitOptions {
        EmitOptions {
            crate_name: self.crate_name.clone(),
            crate_version: self.crate_version.clone(),
        }
    }

    fn in_pool<T: Send>(&self, job: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Error> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .build()
            .map_err(|e| Error::Threads {
                threads: self.threads,
                message: e.to_string(),
            })?;
        pool.install(job)
    }

    /// Every page of the input folder, decoded, with the diagnostics of reading.
    fn read_pages(&self, clock: &StageClock) -> Result<(Vec<SourceFile>, Vec<Diagnostic>), Error> {
        if !self.input.is_dir() {
            return Err(Error::InputMissing(self.input.clone()));
        }
        clock
            .stage(Stage::Read, || {
                crate::pages::source::read_input(&self.input)
            })
            .map_err(|source| Error::Io {
                path: self.input.clone(),
                source,
            })
    }

    fn model_in_pool(&self, clock: &StageClock) -> Result<Model, Error> {
        let (files, diagnostics) = self.read_pages(clock)?;
        Ok(crate::pipeline::model_from_sources_timed(
            &files,
            diagnostics,
            clock,
        ))
    }

    fn render_in_pool(&self, clock: &StageClock) -> Result<(Model, Emitted), Error> {
        let model = self.model_in_pool(clock)?;
        let emitted = crate::emit::emit_timed(&model, &self.emit_options(), clock)?;
        Ok((model, emitted))
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
