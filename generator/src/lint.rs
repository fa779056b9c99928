//! Rendering diagnostics for people (rustc style) and tools (JSON Lines).
//!
//! Human form: the diagnostics grouped by code (errors first, then the most frequent codes), each
//! group under a line giving its count, pages and the code's meaning, its diagnostics as
//! `file:line:col: severity[code]: message` with the worst pages first (most errors, then
//! warnings, then notes); then counts by code; then the worst pages; then one summary line.
//!
//! JSON form: JSON Lines, one object per diagnostic per line (the same shape as the
//! `diagnostics` of `docgen ir`: `span`, `severity`, `code`, `message`, `related`), then one
//! closing `{"summary": {...}}` object. Lines rather than one array, so a tool can stream them
//! and `grep` still works; the summary comes last so a reader knows the stream is complete.

use crate::diag::{Diagnostic, Severity};
use serde::Serialize;
use std::collections::BTreeMap;

/// Pages listed in the "worst pages" part of the human report.
pub const WORST_PAGES: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// Counts over a set of diagnostics.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Pages with at least one diagnostic.
    pub pages: usize,
    /// Diagnostics per code, sorted by code.
    pub by_code: BTreeMap<String, usize>,
}

impl Summary {
    pub fn of(diagnostics: &[Diagnostic]) -> Summary {
        let mut summary = Summary::default();
        let mut pages = std::collections::BTreeSet::new();
        for d in diagnostics {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Note => summary.notes += 1,
            }
            pages.insert(d.span.file.as_str());
            *summary
                .by_code
                .entry(d.code.as_str().to_string())
                .or_default() += 1;
        }
        summary.pages = pages.len();
        summary
    }

    /// `N errors, N warnings, N notes in N pages`.
    pub fn line(&self) -> String {
        format!(
            "{} errors, {} warnings, {} notes in {} pages",
            self.errors, self.warnings, self.notes, self.pages
        )
    }
}

/// The exit status `docgen lint` uses: 1 when the input has errors, else 0.
pub fn exit_code(diagnostics: &[Diagnostic]) -> i32 {
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        1
    } else {
        0
    }
}

/// Renders diagnostics. With `summary_only`, only the counts (human) or the summary object (JSON).
pub fn render(diagnostics: &[Diagnostic], format: Format, summary_only: bool) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort();
    match format {
        Format::Human => render_human(&sorted, summary_only),
        Format::Json => render_json(&sorted, summary_only),
    }
}

fn render_human(sorted: &[&Diagnostic], summary_only: bool) -> String {
    let mut out = String::new();
    if !summary_only {
        out.push_str(&grouped_by_code(sorted));
    }
    let owned: Vec<Diagnostic> = sorted.iter().map(|d| (*d).clone()).collect();
    let summary = Summary::of(&owned);
    if !sorted.is_empty() {
        out.push_str("by code:\n");
        for (severity, code, count) in codes_by_weight(sorted) {
            out.push_str(&format!("  {count:>6}  {severity:<7}  {code}\n"));
        }
        out.push_str("worst pages:\n");
        let pages = pages_by_weight(sorted);
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

fn render_json(sorted: &[&Diagnostic], summary_only: bool) -> String {
    let mut out = String::new();
    if !summary_only {
        for d in sorted {
            // Plain data with string keys: serialization cannot fail; skip rather than panic.
            if let Ok(line) = serde_json::to_string(d) {
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
    let owned: Vec<Diagnostic> = sorted.iter().map(|d| (*d).clone()).collect();
    #[derive(Serialize)]
    struct Closing {
        summary: Summary,
    }
    if let Ok(line) = serde_json::to_string(&Closing {
        summary: Summary::of(&owned),
    }) {
        out.push_str(&line);
        out.push('\n');
    }
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
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        let meaning = crate::diag::Code::from_str(&code)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Span};

    fn sample() -> Vec<Diagnostic> {
        vec![
            Diagnostic::new(
                Code::TableCells,
                Span::new("b.md", 9, 1),
                "row 3 has 2 cells",
            ),
            Diagnostic::new(Code::HttpBlockEmpty, Span::new("b.md", 4, 1), "empty block"),
            Diagnostic::new(
                Code::TableCells,
                Span::new("a.md", 7, 1),
                "row 1 has 4 cells",
            ),
            Diagnostic::new(
                Code::TableCells,
                Span::new("c.md", 2, 1),
                "row 2 has 1 cell",
            ),
            Diagnostic::new(Code::PathInferred, Span::new("c.md", 1, 1), "inferred"),
            Diagnostic::new(
                Code::TableCells,
                Span::new("c.md", 3, 1),
                "row 5 has 1 cell",
            ),
        ]
    }

    #[test]
    fn human_report_is_sorted_grouped_and_counted() {
        let text = render(&sample(), Format::Human, false);
        let lines: Vec<&str> = text.lines().collect();
        // Errors first; within a code the worst page (b.md, with the error) first.
        assert_eq!(
            lines
                .first()
                .map(|l| l.split('.').next().unwrap_or_default()),
            Some("== http-block-empty (error): 1 in 1 page")
        );
        assert_eq!(
            lines.get(1),
            Some(&"b.md:4:1: error[http-block-empty]: empty block")
        );
        let cells: Vec<&str> = lines
            .iter()
            .skip_while(|l| !l.starts_with("== table-cells"))
            .take(5)
            .copied()
            .collect();
        assert_eq!(
            cells,
            [
                "== table-cells (warning): 4 in 3 pages. A table row has more or fewer cells than its header.",
                "b.md:9:1: warning[table-cells]: row 3 has 2 cells",
                "c.md:2:1: warning[table-cells]: row 2 has 1 cell",
                "c.md:3:1: warning[table-cells]: row 5 has 1 cell",
                "a.md:7:1: warning[table-cells]: row 1 has 4 cells",
            ]
        );
        let by_code = text.split("by code:\n").nth(1).unwrap_or_default();
        let codes: Vec<&str> = by_code
            .lines()
            .take(3)
            .map(|l| l.split_whitespace().last().unwrap_or(""))
            .collect();
        assert_eq!(codes, ["http-block-empty", "table-cells", "path-inferred"]);
        assert!(by_code
            .lines()
            .nth(1)
            .unwrap_or("")
            .trim_start()
            .starts_with("4  warning"));
        let worst = text.split("worst pages:\n").nth(1).unwrap_or_default();
        let pages: Vec<&str> = worst
            .lines()
            .take(3)
            .map(|l| l.trim().split(':').next().unwrap_or(""))
            .collect();
        assert_eq!(pages, ["b.md", "c.md", "a.md"]);
        assert_eq!(
            lines.last(),
            Some(&"1 errors, 4 warnings, 1 notes in 3 pages")
        );
    }

    #[test]
    fn summary_only_has_no_diagnostic_lines_and_order_of_input_does_not_matter() {
        let mut reversed = sample();
        reversed.reverse();
        assert_eq!(
            render(&sample(), Format::Human, false),
            render(&reversed, Format::Human, false)
        );
        let summary = render(&sample(), Format::Human, true);
        assert!(!summary.contains("row 1 has 4 cells"));
        assert!(summary.starts_with("by code:\n"));
        assert_eq!(
            render(&[], Format::Human, false),
            "0 errors, 0 warnings, 0 notes in 0 pages\n"
        );
    }

    #[test]
    fn json_lines_parse_and_end_with_the_summary() {
        let text = render(&sample(), Format::Json, false);
        let values: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is JSON"))
            .collect();
        assert_eq!(values.len(), sample().len() + 1);
        assert_eq!(
            values.first().and_then(|v| v.pointer("/span/file")),
            Some(&"a.md".into())
        );
        let summary = values
            .last()
            .and_then(|v| v.get("summary"))
            .expect("summary last");
        assert_eq!(summary.get("errors"), Some(&1.into()));
        assert_eq!(summary.pointer("/by_code/table-cells"), Some(&4.into()));
        let only = render(&sample(), Format::Json, true);
        assert_eq!(only.lines().count(), 1);
        assert_eq!(exit_code(&sample()), 1);
        assert_eq!(exit_code(&sample()[2..]), 0);
    }
}
