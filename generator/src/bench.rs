//! `docgen bench`: docgen's `generate` against the floor, on the same input, in one run.
//!
//! The floor is what any generator of this design must at least do, single-threaded:
//! (a) read every page and run pulldown-cmark over it, and (b) pretty-print the syntax trees
//! docgen produces with prettyplease. Against their sum it measures the cases of a build step:
//! `generate` into a fresh folder (with and without the cache), then into the same folder with
//! nothing changed, after one page's prose changed, and after one type was renamed (the edits
//! are made to a copy of the input, see [`edits`]). Every measurement is repeated `runs` times,
//! interleaved so that noise from other processes hits all of them alike; the report gives the
//! minimum and the median of each.

use crate::config::Config;
use crate::emit::EmitOptions;
use crate::error::Error;
use crate::timings::{Stage, StageTime, Timings};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod edits;
use edits::{copy_pages, Edits};

/// What to measure.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    pub input: PathBuf,
    /// Repetitions of every measurement (at least 1).
    pub runs: usize,
    /// Worker threads for docgen (0: all cores); the floor is always single-threaded.
    pub threads: usize,
}

/// Minimum and median of repeated measurements.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sample {
    pub min: Duration,
    pub median: Duration,
}

impl Sample {
    fn of(mut times: Vec<Duration>) -> Sample {
        times.sort();
        Sample {
            min: times.first().copied().unwrap_or_default(),
            median: times.get(times.len() / 2).copied().unwrap_or_default(),
        }
    }
}

/// The measurements of one `docgen bench`.
#[derive(Clone, Debug, Default)]
pub struct BenchReport {
    pub input: PathBuf,
    pub pages: usize,
    /// Bytes of the pages read.
    pub input_bytes: u64,
    pub threads: usize,
    pub runs: usize,
    /// Floor (a): read + pulldown-cmark, one thread.
    pub floor_markdown: Sample,
    /// Floor (b): prettyplease over docgen's syntax trees, one thread.
    pub floor_format: Sample,
    /// `generate` into a fresh folder (with the cache, the default: it writes one).
    pub generate: Sample,
    /// The same with `--no-cache`.
    pub generate_uncached: Sample,
    /// `generate` again into the same folder, nothing changed (writes nothing).
    pub regenerate: Sample,
    /// `generate` again after one word of one page's prose changed (see `bench/edits.rs`).
    pub edit_page: Sample,
    /// `generate` again after one type was renamed on its own page.
    pub rename_type: Sample,
    /// Files the no-op, the edit and the rename rewrote (a reader sees what each case did).
    pub regenerate_writes: usize,
    pub edited_writes: usize,
    pub renamed_writes: usize,
    /// Per stage of the fresh `generate`: the median over runs of work and wall time.
    pub stages: Vec<(Stage, StageTime)>,
    /// Peak resident memory (VmHWM) right after the first `generate`, before the floor ran.
    pub peak_rss_bytes: Option<u64>,
    /// Bytes of the generated crate.
    pub output_bytes: u64,
}

impl BenchReport {
    /// The floor: (a) + (b), each at its minimum.
    pub fn floor(&self) -> Duration {
        self.floor_markdown.min + self.floor_format.min
    }

    /// docgen's fastest end-to-end `generate` over the floor.
    pub fn ratio(&self) -> f64 {
        ratio(self.generate.min, self.floor())
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        let mb = |bytes: u64| bytes as f64 / 1e6;
        let _ = writeln!(
            out,
            "input: {} ({} pages, {:.1} MB); docgen on {} threads; {} runs, min / median",
            self.input.display(),
            self.pages,
            mb(self.input_bytes),
            self.threads,
            self.runs
        );
        let mut line = |what: &str, sample: Sample| {
            let _ = writeln!(
                out,
                "{what:<46} {:>8} / {:>8}",
                secs(sample.min),
                secs(sample.median)
            );
        };
        line(
            "floor (a): read + pulldown-cmark, 1 thread",
            self.floor_markdown,
        );
        line("floor (b): prettyplease, 1 thread", self.floor_format);
        let floor = Sample {
            min: self.floor(),
            median: self.floor_markdown.median + self.floor_format.median,
        };
        line("floor = (a) + (b)", floor);
        let floor_min = self.floor();
        let mut case = |what: &str, sample: Sample| {
            let _ = writeln!(
                out,
                "{what:<46} {:>8} / {:>8}  {:.3}x floor",
                secs(sample.min),
                secs(sample.median),
                ratio(sample.min, floor_min)
            );
        };
        case("docgen generate, fresh folder", self.generate);
        case("  the same, --no-cache", self.generate_uncached);
        case(
            &format!("  again, no-op ({} written)", self.regenerate_writes),
            self.regenerate,
        );
        case(
            &format!("  again, one page edited ({} written)", self.edited_writes),
            self.edit_page,
        );
        case(
            &format!(
                "  again, one type renamed ({} written)",
                self.renamed_writes
            ),
            self.rename_type,
        );
        let _ = writeln!(out, "  by stage (median){:>29} {:>8}", "work", "wall");
        for (stage, time) in &self.stages {
            let _ = writeln!(
                out,
                "  {:<44} {:>8} {:>8}",
                stage.name(),
                secs(time.work),
                secs(time.wall)
            );
        }
        let _ = writeln!(
            out,
            "ratio end-to-end / floor: {:.2} (min), {:.2} (median)",
            self.ratio(),
            ratio(self.generate.median, floor.median)
        );
        match self.peak_rss_bytes {
            Some(peak) => {
                let _ = writeln!(
                    out,
                    "peak memory: {:.1} MB, {:.1}x the input; output {:.1} MB",
                    mb(peak),
                    peak as f64 / self.input_bytes.max(1) as f64,
                    mb(self.output_bytes)
                );
            }
            None => {
                let _ = writeln!(out, "peak memory: unknown (no /proc/self/status)");
            }
        }
        out
    }
}

fn secs(time: Duration) -> String {
    format!("{:.3} s", time.as_secs_f64())
}

fn ratio(time: Duration, floor: Duration) -> f64 {
    time.as_secs_f64() / floor.as_secs_f64().max(1e-9)
}

/// Runs the benchmark. Output goes to fresh folders in the system's temporary folder, removed
/// afterwards.
pub fn run(options: &BenchOptions) -> Result<BenchReport, Error> {
    let runs = options.runs.max(1);
    let scratch = Scratch::new()?;
    // The edits are made to a copy: the user's pages are never touched.
    let input = scratch.root.join("input");
    copy_pages(&options.input, &input)?;
    let edits = Edits::choose(&input)?;
    let config = |out: &Path| {
        Config::new(&input)
            .out_dir(out)
            .crate_name("bench")
            .threads(options.threads)
            .timings(true)
    };

    let mut generate = Vec::new();
    let mut generate_uncached = Vec::new();
    let mut regenerate = Vec::new();
    let mut edit_page = Vec::new();
    let mut rename_type = Vec::new();
    let mut stage_runs: Vec<Timings> = Vec::new();
    let mut floor_markdown = Vec::new();
    let mut floor_format = Vec::new();
    let mut report = BenchReport {
        input: options.input.clone(),
        threads: if options.threads == 0 {
            rayon::current_num_threads()
        } else {
            options.threads
        },
        runs,
        ..BenchReport::default()
    };
    for run in 0..runs {
        let out = scratch.folder(run);
        let start = Instant::now();
        let fresh = config(&out).generate()?;
        generate.push(start.elapsed());
        if run == 0 {
            report.peak_rss_bytes = peak_rss_bytes();
            report.pages = fresh.pages;
            report.output_bytes = folder_bytes(&out);
        }
        stage_runs.extend(fresh.timings);
        let again = |times: &mut Vec<Duration>| {
            let start = Instant::now();
            let report = config(&out).generate()?;
            times.push(start.elapsed());
            Ok::<usize, Error>(report.files.written.len())
        };
        report.regenerate_writes = again(&mut regenerate)?;
        edits.edit_one_page()?;
        report.edited_writes = again(&mut edit_page)?;
        edits.rename_one_type()?;
        report.renamed_writes = again(&mut rename_type)?;
        edits.restore()?;
        scratch.remove(&out);
        let uncached = scratch.folder(runs + run);
        let start = Instant::now();
        config(&uncached).cache(false).generate()?;
        generate_uncached.push(start.elapsed());
        scratch.remove(&uncached);

        let (time, pages, bytes) = markdown_floor(&options.input)?;
        floor_markdown.push(time);
        report.input_bytes = bytes;
        report.pages = report.pages.max(pages);
        // The trees are built outside the timing: only prettyplease is the floor.
        let trees = syntax_trees(&options.input, options.threads)?;
        floor_format.push(format_floor(&trees));
    }
    report.floor_markdown = Sample::of(floor_markdown);
    report.floor_format = Sample::of(floor_format);
    report.generate = Sample::of(generate);
    report.regenerate = Sample::of(regenerate);
    report.generate_uncached = Sample::of(generate_uncached);
    report.edit_page = Sample::of(edit_page);
    report.rename_type = Sample::of(rename_type);
    report.stages = Stage::ALL
        .iter()
        .map(|&stage| {
            let times = |pick: fn(StageTime) -> Duration| {
                Sample::of(stage_runs.iter().map(|t| pick(t.get(stage))).collect()).median
            };
            let time = StageTime {
                work: times(|t| t.work),
                wall: times(|t| t.wall),
            };
            (stage, time)
        })
        .collect();
    Ok(report)
}

/// Floor (a): reads every `.md` file below `input` and runs pulldown-cmark over it (with the
/// options docgen uses), on this thread. Returns the time, the page count and their bytes.
pub fn markdown_floor(input: &Path) -> Result<(Duration, usize, u64), Error> {
    let start = Instant::now();
    let mut pending = vec![input.to_path_buf()];
    let (mut pages, mut bytes, mut events) = (0usize, 0u64, 0usize);
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() && path.extension().is_some_and(|e| e == "md") {
                let Ok(raw) = std::fs::read(&path) else {
                    continue;
                };
                bytes += raw.len() as u64;
                pages += 1;
                let text = String::from_utf8_lossy(&raw);
                let parser =
                    pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::ENABLE_TABLES);
                events += parser.into_offset_iter().count();
            }
        }
    }
    std::hint::black_box(events);
    Ok((start.elapsed(), pages, bytes))
}

/// The syntax trees docgen builds for `input` (not timed).
fn syntax_trees(input: &Path, threads: usize) -> Result<Vec<(String, syn::File)>, Error> {
    let model = Config::new(input).threads(threads).model()?;
    let options = EmitOptions {
        crate_name: "bench".to_string(),
        ..Default::default()
    };
    Ok(crate::emit::syntax_trees(&model, &options)?)
}

/// Floor (b): prettyplease over every tree, on this thread.
pub fn format_floor(trees: &[(String, syn::File)]) -> Duration {
    let start = Instant::now();
    let mut bytes = 0usize;
    for (_, file) in trees {
        bytes += prettyplease::unparse(file).len();
    }
    std::hint::black_box(bytes);
    start.elapsed()
}

/// Peak resident set size of this process (Linux: `VmHWM` in /proc/self/status).
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

/// Total bytes of the regular files below `dir`.
fn folder_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => pending.push(entry.path()),
                Ok(kind) if kind.is_file() => {
                    total += entry.metadata().map_or(0, |m| m.len());
                }
                _ => {}
            }
        }
    }
    total
}

/// A folder of its own in the system's temporary folder, removed when dropped.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new() -> Result<Scratch, Error> {
        let root = std::env::temp_dir().join(format!("docgen-bench-{}", std::process::id()));
        // A leftover from an earlier process with the same id is ours to replace.
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).map_err(|source| Error::Io {
            path: root.clone(),
            source,
        })?;
        Ok(Scratch { root })
    }

    fn folder(&self, run: usize) -> PathBuf {
        self.root.join(format!("run-{run}"))
    }

    fn remove(&self, folder: &Path) {
        let _ = std::fs::remove_dir_all(folder);
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

#[cfg(test)]
#[path = "bench_tests.rs"]
mod tests;
