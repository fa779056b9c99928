//! `docgen stats`: the figures of one run over a folder of pages (pages read, types by kind,
//! properties, operations, example pairs and tests, diagnostics by code, pages that produced
//! nothing and why, time and peak memory), for people (a table) and tools (JSON).
//!
//! The count figures can be compared with a committed baseline (see [`baseline`]): a drop of
//! more than 1% is a regression, so it shows in the diff of the change that causes it, and
//! raising the baseline is a reviewed change of the baseline file.

pub mod baseline;

use crate::config::Config;
use crate::diag::{Diagnostic, Severity};
use crate::emit::EmitOptions;
use crate::error::Error;
use crate::ir::{Model, TypeKind};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

/// Codes listed in the human report's "diagnostics by code".
pub const TOP_CODES: usize = 15;
/// Example pages listed per cause of "pages that produced nothing".
pub const EXAMPLES_PER_CAUSE: usize = 3;

/// Everything `docgen stats` reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    /// The count figures the baseline compares, by stable key (see [`baseline::KEYS`]).
    pub counts: BTreeMap<String, u64>,
    pub diagnostics: DiagnosticCounts,
    /// Pages that produced nothing, grouped by cause, most frequent cause first.
    pub empty_pages: Vec<EmptyPages>,
    pub run: Run,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DiagnosticCounts {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// (code, count), most frequent first, then by code.
    pub by_code: Vec<(String, usize)>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EmptyPages {
    /// The reason's text before its first `: ` (`conceptual page`, `duplicate type`, ...).
    pub cause: String,
    /// Every page with this cause, with its full reason, in path order.
    pub pages: Vec<(String, String)>,
}

/// What the run cost. Not compared with the baseline: it depends on the machine.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Run {
    /// Reading, resolving and emitting (in memory; nothing is written).
    pub seconds: f64,
    /// The process's peak resident memory (`VmHWM`), when the platform tells it.
    pub peak_memory_kib: Option<u64>,
}

/// Reads `input`, builds the model and renders the crate in memory, and measures it all.
/// `threads`: 0 for all cores.
pub fn collect(input: &Path, threads: usize) -> Result<Stats, Error> {
    let start = Instant::now();
    let config = Config::new(input).threads(threads);
    let model = config.model()?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Error::Threads {
            threads,
            message: e.to_string(),
        })?;
    let options = EmitOptions {
        crate_name: "graph-bindings".to_string(),
        ..Default::default()
    };
    let emitted = pool.install(|| crate::emit::emit(&model, &options))?;
    let mut diagnostics = model.diagnostics.clone();
    diagnostics.extend(emitted.diagnostics.iter().cloned());
    diagnostics.sort();
    diagnostics.dedup();
    let mut stats = of(&model, emitted.example_tests, &diagnostics);
    stats.run = Run {
        seconds: start.elapsed().as_secs_f64(),
        peak_memory_kib: peak_memory_kib(),
    };
    Ok(stats)
}

/// The figures of a model whose emitter made `example_tests` tests; `diagnostics` are the
/// model's and the emitter's.
pub fn of(model: &Model, example_tests: usize, diagnostics: &[Diagnostic]) -> Stats {
    let count = |kind: TypeKind| model.types.iter().filter(|t| t.kind() == kind).count();
    let examples = model.operations.iter().flat_map(|op| &op.examples);
    let figures: [(&str, usize); 11] = [
        (baseline::PAGES, model.pages.len()),
        (
            baseline::PAGES_PRODUCING,
            model
                .pages
                .iter()
                .filter(|p| !p.produced.is_empty())
                .count(),
        ),
        (baseline::TYPES, model.types.len()),
        (baseline::TYPES_ENTITY, count(TypeKind::Entity)),
        (baseline::TYPES_COMPLEX, count(TypeKind::Complex)),
        (baseline::TYPES_ENUM, count(TypeKind::Enum)),
        (
            baseline::PROPERTIES,
            model.types.iter().map(|t| t.properties().len()).sum(),
        ),
        (
            baseline::ENUM_MEMBERS,
            model.types.iter().map(|t| t.members().len()).sum(),
        ),
        (baseline::OPERATIONS, model.operations.len()),
        (
            baseline::EXAMPLE_PAIRS,
            examples.filter(|e| e.response.is_some()).count(),
        ),
        (baseline::EXAMPLE_TESTS, example_tests),
    ];
    Stats {
        counts: figures
            .iter()
            .map(|(key, n)| (key.to_string(), *n as u64))
            .collect(),
        diagnostics: diagnostic_counts(diagnostics),
        empty_pages: empty_pages(model),
        run: Run::default(),
    }
}

fn diagnostic_counts(diagnostics: &[Diagnostic]) -> DiagnosticCounts {
    let mut counts = DiagnosticCounts::default();
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for d in diagnostics {
        match d.severity {
            Severity::Error => counts.errors += 1,
            Severity::Warning => counts.warnings += 1,
            Severity::Note => counts.notes += 1,
        }
        *by_code.entry(d.code.as_str()).or_default() += 1;
    }
    counts.by_code = by_code
        .into_iter()
        .map(|(code, n)| (code.to_string(), n))
        .collect();
    counts
        .by_code
        .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

fn empty_pages(model: &Model) -> Vec<EmptyPages> {
    let mut groups: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for page in model.pages.iter().filter(|p| p.produced.is_empty()) {
        let reason = page
            .dropped
            .clone()
            .unwrap_or_else(|| "unexplained: the model gives no reason".to_string());
        let cause = reason.split(": ").next().unwrap_or_default().to_string();
        groups
            .entry(cause)
            .or_default()
            .push((page.path.clone(), reason));
    }
    let mut out: Vec<EmptyPages> = groups
        .into_iter()
        .map(|(cause, pages)| EmptyPages { cause, pages })
        .collect();
    out.sort_by(|a, b| {
        b.pages
            .len()
            .cmp(&a.pages.len())
            .then(a.cause.cmp(&b.cause))
    });
    out
}

/// `VmHWM` of /proc/self/status in KiB (Linux); None elsewhere.
pub fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_hwm(&status)
}

fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let mut words = line.split_whitespace().skip(1);
    let number: u64 = words.next()?.parse().ok()?;
    match words.next() {
        Some("kB") | None => Some(number),
        Some(_) => None,
    }
}

/// The human report: the figures as a table, diagnostics by code (top [`TOP_CODES`]), pages
/// that produced nothing by cause (with [`EXAMPLES_PER_CAUSE`] examples each), the run.
pub fn render_human(stats: &Stats, input: &str) -> String {
    let n = |key: &str| {
        stats
            .counts
            .get(key)
            .map_or_else(|| "not measured".to_string(), u64::to_string)
    };
    let mut out = format!("docgen stats of {input}\n");
    let mut row = |label: &str, value: String| out.push_str(&format!("  {label:<26}{value}\n"));
    row(
        "pages read",
        format!(
            "{} ({} produced something)",
            n(baseline::PAGES),
            n(baseline::PAGES_PRODUCING)
        ),
    );
    row(
        "types",
        format!(
            "{} (entity {} / complex {} / enum {})",
            n(baseline::TYPES),
            n(baseline::TYPES_ENTITY),
            n(baseline::TYPES_COMPLEX),
            n(baseline::TYPES_ENUM)
        ),
    );
    row("properties", n(baseline::PROPERTIES));
    row("enum members", n(baseline::ENUM_MEMBERS));
    row("operations", n(baseline::OPERATIONS));
    row("example pairs", n(baseline::EXAMPLE_PAIRS));
    row("example tests generated", n(baseline::EXAMPLE_TESTS));
    row(
        "example tests passed",
        match stats.counts.get(baseline::EXAMPLE_TESTS_PASSED) {
            Some(passed) => format!("{passed} (cargo test of the generated crate)"),
            None => "not measured (run .ci/corpus)".to_string(),
        },
    );
    let d = &stats.diagnostics;
    out.push_str(&format!(
        "diagnostics: {} errors, {} warnings, {} notes; by code:\n",
        d.errors, d.warnings, d.notes
    ));
    for (code, count) in d.by_code.iter().take(TOP_CODES) {
        out.push_str(&format!("  {count:>6}  {code}\n"));
    }
    if d.by_code.len() > TOP_CODES {
        let rest: usize = d.by_code.iter().skip(TOP_CODES).map(|(_, n)| n).sum();
        out.push_str(&format!(
            "  {rest:>6}  ({} other codes)\n",
            d.by_code.len() - TOP_CODES
        ));
    }
    let empty: usize = stats.empty_pages.iter().map(|g| g.pages.len()).sum();
    out.push_str(&format!("pages that produced nothing: {empty}\n"));
    for group in &stats.empty_pages {
        out.push_str(&format!("  {:>6}  {}\n", group.pages.len(), group.cause));
        for (path, reason) in group.pages.iter().take(EXAMPLES_PER_CAUSE) {
            let detail = reason.split_once(": ").map_or(reason.as_str(), |(_, d)| d);
            out.push_str(&format!("          e.g. {path}: {detail}\n"));
        }
    }
    let memory = match stats.run.peak_memory_kib {
        Some(kib) => format!("{:.1} MiB", kib as f64 / 1024.0),
        None => "unknown".to_string(),
    };
    out.push_str(&format!(
        "run: {:.2} s (read, resolve, emit in memory), peak memory {memory}\n",
        stats.run.seconds
    ));
    out
}

/// The JSON report: the whole [`Stats`] as one object.
pub fn render_json(stats: &Stats) -> String {
    serde_json::to_string_pretty(stats).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests;
