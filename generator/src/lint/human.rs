//! The human form: the diagnostics grouped by code (errors first, then the most frequent
//! codes), each group under a line giving its count, pages and the code's meaning, its
//! diagnostics as `file:line:col: severity[code]: message` with the worst pages first (most
//! errors, then warnings, then notes); then counts by code; then the worst pages; then one
//! summary line. Suppressed diagnostics are only counted, in the summary line.

use super::findings::{code_of, Summary};
use crate::diag::{Diagnostic, Severity};
use std::collections::{BTreeMap, BTreeSet};

/// Pages listed in the "worst pages" part of the human report.
pub const WORST_PAGES: usize = 10;

/// `remaining` sorted by place; `summary` counts them (and the suppressed ones).
pub(super) fn render(remaining: &[&Diagnostic], summary: &Summary, summary_only: bool) -> String {
    let mut out = String::new();
    if !summary_only {
        out.push_str(&grouped_by_code(remaining));
    }
    if !remaining.is_empty() {
        out.push_str("by code:\n");
        for (severity, code, count) in codes_by_weight(remaining) {
            out.push_str(&format!("  {count:>6}  {severity:<7}  {code}\n"));
        }
        out.push_str("worst pages:\n");
        let pages = pages_by_weight(remaining);
        for (file, counts) in pages.iter().take(WORST_PAGES) {
            out.push_str(&format!(
                "  {}: {} errors, {} warnings, {} notes\n",
                if file.is_empty() { "(no page)" } else { file },
                counts.errors,
                counts.warnings,
                counts.notes
            ));
        }
        if pages.len() > WORST_PAGES {
            out.push_str(&format!(
                "  ... and {} more pages\n",
                pages.len() - WORST_PAGES
            ));
        }
    }
    out.push_str(&summary.line());
    out.push('\n');
    out
}

/// Each code's diagnostics under a heading, codes in [`codes_by_weight`] order, the worst pages
/// ([`pages_by_weight`]) first within a code, then by place.
fn grouped_by_code(sorted: &[&Diagnostic]) -> String {
    let rank: BTreeMap<&str, usize> = pages_by_weight(sorted)
        .iter()
        .enumerate()
        .map(|(i, (file, _))| (*file, i))
        .collect();
    let mut out = String::new();
    for (severity, code, count) in codes_by_weight(sorted) {
        let mut group: Vec<&Diagnostic> = sorted
            .iter()
            .copied()
            .filter(|d| d.severity == severity && d.code.as_str() == code)
            .collect();
        group.sort_by_key(|d| (rank.get(d.span.file.as_str()), *d));
        let pages = group
            .iter()
            .map(|d| d.span.file.as_str())
            .collect::<BTreeSet<_>>()
            .len();
        let meaning = group
            .first()
            .and_then(|d| code_of(d))
            .map(|c| format!(" {}", c.description()))
            .unwrap_or_default();
        out.push_str(&format!(
            "== {code} ({severity}): {count} in {pages} {}.{meaning}\n",
            if pages == 1 { "page" } else { "pages" }
        ));
        for d in group {
            out.push_str(&format!("{d}\n"));
        }
        out.push('\n');
    }
    out
}

/// (severity, code, count): errors first, then by count (descending), then by code.
fn codes_by_weight(sorted: &[&Diagnostic]) -> Vec<(Severity, String, usize)> {
    let mut counts: BTreeMap<(Severity, &str), usize> = BTreeMap::new();
    for d in sorted {
        *counts.entry((d.severity, d.code.as_str())).or_default() += 1;
    }
    let mut rows: Vec<(Severity, String, usize)> = counts
        .into_iter()
        .map(|((severity, code), n)| (severity, code.to_string(), n))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)).then(a.1.cmp(&b.1)));
    rows
}

#[derive(Default)]
struct PageCounts {
    errors: usize,
    warnings: usize,
    notes: usize,
}

/// Pages with diagnostics: most errors first, then most warnings, then most notes, then path.
fn pages_by_weight<'a>(sorted: &[&'a Diagnostic]) -> Vec<(&'a str, PageCounts)> {
    let mut pages: BTreeMap<&str, PageCounts> = BTreeMap::new();
    for d in sorted {
        let counts = pages.entry(d.span.file.as_str()).or_default();
        match d.severity {
            Severity::Error => counts.errors += 1,
            Severity::Warning => counts.warnings += 1,
            Severity::Note => counts.notes += 1,
        }
    }
    let mut rows: Vec<(&str, PageCounts)> = pages.into_iter().collect();
    rows.sort_by(|(pa, a), (pb, b)| {
        b.errors
            .cmp(&a.errors)
            .then(b.warnings.cmp(&a.warnings))
            .then(b.notes.cmp(&a.notes))
            .then(pa.cmp(pb))
    });
    rows
}
