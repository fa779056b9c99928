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
                    let model = crate::pipeline::model_from_sources_timed(
                        &files,
                        read_diagnostics,
                        &clock,
                    );
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
            drop(files);
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
mod tests {
    use super::*;
    use crate::output::testdir::TestDir;

    const PAGE: &str = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\n\
        # widget resource type\n\n## Properties\n\n| Property | Type | Description |\n\
        |:---|:---|:---|\n| id | String | The identifier. Read-only. |\n";

    #[test]
    fn the_model_does_not_depend_on_the_thread_count() {
        let dir = TestDir::new();
        for i in 0..12 {
            let page = PAGE.replace("widget", &format!("widget{i}"));
            std::fs::write(dir.path().join(format!("widget{i}.md")), page).unwrap();
        }
        let one = Config::new(dir.path()).threads(1).model().unwrap();
        let four = Config::new(dir.path()).threads(4).model().unwrap();
        assert_eq!(
            serde_json::to_string(&one).unwrap(),
            serde_json::to_string(&four).unwrap()
        );
    }

    #[test]
    fn timings_are_reported_on_request_and_change_no_output() {
        let dir = TestDir::new();
        std::fs::create_dir_all(dir.path().join("in")).unwrap();
        std::fs::write(dir.path().join("in/a.md"), PAGE).unwrap();
        let run = |out: &str, timed: bool| {
            Config::new(dir.path().join("in"))
                .out_dir(dir.path().join(out))
                .timings(timed)
                .generate()
                .unwrap()
        };
        let plain = run("plain", false);
        let timed = run("timed", true);
        assert!(plain.timings.is_none());
        let timings = timed.timings.unwrap();
        assert!(timings.get(Stage::Parse).work > Duration::ZERO);
        assert!(timings.get(Stage::Write).wall <= timings.total);
        assert_eq!(plain.files.written, timed.files.written);
        for path in &plain.files.written {
            let read = |out: &str| std::fs::read(dir.path().join(out).join(path)).unwrap();
            assert_eq!(read("plain"), read("timed"), "{path}");
        }
    }

    #[test]
    fn a_no_op_regeneration_touches_no_file() {
        let dir = TestDir::new();
        std::fs::create_dir_all(dir.path().join("in")).unwrap();
        std::fs::write(dir.path().join("in/a.md"), PAGE).unwrap();
        let out = dir.path().join("out");
        let config = Config::new(dir.path().join("in")).out_dir(&out);
        let first = config.generate().unwrap();
        assert!(!first.files.written.is_empty());
        // Back-date every file, so a rewrite within the same clock tick would still show.
        let past = std::time::SystemTime::now() - Duration::from_secs(3600);
        let mut files = Vec::new();
        let mut pending = vec![out.clone()];
        while let Some(folder) = pending.pop() {
            for entry in std::fs::read_dir(&folder).unwrap().flatten() {
                if entry.file_type().unwrap().is_dir() {
                    pending.push(entry.path());
                } else {
                    let file = std::fs::File::options().write(true).open(entry.path());
                    file.unwrap().set_modified(past).unwrap();
                    files.push(entry.path());
                }
            }
        }
        let again = config.generate().unwrap();
        assert!(again.files.written.is_empty() && again.files.removed.is_empty());
        assert_eq!(again.files.unchanged, first.files.written);
        for file in &files {
            let modified = std::fs::metadata(file).unwrap().modified().unwrap();
            assert_eq!(modified, past, "{} was touched", file.display());
        }
    }

    #[test]
    fn generate_refuses_to_write_into_the_input_and_check_writes_nothing() {
        let dir = TestDir::new();
        std::fs::write(dir.path().join("a.md"), PAGE).unwrap();
        let err = Config::new(dir.path())
            .out_dir(dir.path())
            .generate()
            .unwrap_err();
        assert!(matches!(err, Error::OutputRefused { .. }), "{err}");
        let out = dir.path().join("../docgen-config-check-out");
        let checked = Config::new(dir.path()).out_dir(&out).check().unwrap();
        assert!(!checked.check.is_clean() && !out.exists());
        let missing = Config::new(dir.path().join("nope")).generate().unwrap_err();
        assert!(matches!(missing, Error::InputMissing(_)), "{missing}");
    }

    #[test]
    fn summary_lines_count_what_they_say() {
        let mut report = Report {
            pages: 3,
            types: 2,
            operations: 1,
            ..Report::default()
        };
        let span = crate::diag::Span::new("a.md", 1, 1);
        report.diagnostics.push(Diagnostic::new(
            crate::diag::Code::HttpBlockEmpty,
            span.clone(),
            "x",
        ));
        report
            .diagnostics
            .push(Diagnostic::new(crate::diag::Code::TableCells, span, "y"));
        report.files.written = vec!["a".into(), "b".into()];
        assert_eq!(
            report.summary_line(),
            "3 pages, 2 types, 1 operations, 0 example tests, 1 warnings, 1 errors"
        );
        assert_eq!(
            report.files_line(),
            "2 files written, 0 unchanged, 0 removed"
        );
    }
}
