//! The human and JSON forms, the summary and `--deny`.

use super::*;
use crate::diag::{Code, Span};

fn rendered(diagnostics: &[Diagnostic], format: Format, summary_only: bool) -> String {
    let options = RenderOptions {
        summary_only,
        ..RenderOptions::new(format)
    };
    render(&Linted::unsuppressed(diagnostics), &options)
}

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
    let text = rendered(&sample(), Format::Human, false);
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
        rendered(&sample(), Format::Human, false),
        rendered(&reversed, Format::Human, false)
    );
    let summary = rendered(&sample(), Format::Human, true);
    assert!(!summary.contains("row 1 has 4 cells"));
    assert!(summary.starts_with("by code:\n"));
    assert_eq!(
        rendered(&[], Format::Human, false),
        "0 errors, 0 warnings, 0 notes in 0 pages\n"
    );
}

#[test]
fn json_lines_parse_and_end_with_the_summary() {
    let text = rendered(&sample(), Format::Json, false);
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
    let only = rendered(&sample(), Format::Json, true);
    assert_eq!(only.lines().count(), 1);
    assert_eq!(summary.get("suppressed"), Some(&0.into()));
}

#[test]
fn deny_counts_what_remains_at_or_above_its_severity() {
    let all = Linted::unsuppressed(&sample());
    assert_eq!(all.denied(Deny::None), None);
    assert_eq!(
        all.denied(Deny::Error).as_deref(),
        Some("--deny error: 1 errors remain after suppressions (0 suppressed)")
    );
    assert_eq!(
        all.denied(Deny::Warning).as_deref(),
        Some("--deny warning: 1 errors and 4 warnings remain after suppressions (0 suppressed)")
    );
    // Without the error (sample()[1]): warnings and a note.
    let mut no_error = sample();
    no_error.remove(1);
    let rest = Linted::unsuppressed(&no_error);
    assert_eq!(rest.denied(Deny::Error), None);
    assert!(rest.denied(Deny::Warning).is_some());
    let notes = Linted::unsuppressed(&sample()[4..5]);
    assert_eq!(notes.denied(Deny::Warning), None);
}

#[test]
fn suppressed_diagnostics_are_counted_apart_and_shown_only_in_json() {
    let file = Suppressions::parse(
        "table-cells c.md  # c's tables are upstream's\nhttp-block-empty b.md # known\n",
        "docgen-suppressions.txt",
    );
    let linted = file.apply(&sample());
    let summary = linted.summary();
    assert_eq!((summary.errors, summary.warnings, summary.notes), (0, 2, 1));
    assert_eq!(summary.suppressed, 3);
    assert_eq!(linted.denied(Deny::Error), None);
    assert_eq!(
        linted.denied(Deny::Warning).as_deref(),
        Some("--deny warning: 2 warnings remain after suppressions (3 suppressed)")
    );
    let human = render(&linted, &RenderOptions::new(Format::Human));
    assert!(!human.contains("c.md:2:1"), "{human}");
    assert!(human.contains("b.md:9:1: warning[table-cells]"), "{human}");
    assert!(
        human.ends_with("0 errors, 2 warnings, 1 notes in 3 pages, 3 suppressed\n"),
        "{human}"
    );
    let json = render(&linted, &RenderOptions::new(Format::Json));
    let lines: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), sample().len() + 1);
    let hidden: Vec<&serde_json::Value> =
        lines.iter().filter_map(|l| l.get("suppressed")).collect();
    assert_eq!(hidden.len(), 3);
    // The first in place order is b.md's error, hidden by line 2.
    assert_eq!(
        hidden.first().and_then(|s| s.get("reason")),
        Some(&"known".into())
    );
    assert_eq!(
        hidden.first().and_then(|s| s.pointer("/span/line")),
        Some(&2.into())
    );
    let github = render(&linted, &RenderOptions::new(Format::Github));
    assert_eq!(github.lines().filter(|l| l.starts_with("::")).count(), 3);
}
