//! The docs folders of the CI tests (tests/lint_ci.rs, tests/lint_sarif.rs): pages with a
//! known error, warning or nothing, and readers of `docgen lint --format json`.

use super::{stdout, TestDir, PAGE};
use serde_json::Value;

/// An API page with an empty HTTP request block: two errors (`operation-dropped` at line 6,
/// `http-block-empty` at line 10).
pub const BROKEN_API_PAGE: &str = "---\ntitle: Get widget\ndoc_type: apiPageType\n---\n\n# Get widget\n\n\
    ## HTTP request\n\n```http\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n";

/// A resource page whose only row has one cell too many: one `table-cells` warning at line 12.
pub fn extra_cell_page(name: &str) -> String {
    PAGE.replace("widget", name)
        .replace("Read-only. |", "Read-only. | extra |")
}

/// The name of a page whose file name GitHub's escaping must carry: `,` and `:` end a
/// property, `%` starts an escape; a space and non-ASCII need percent-encoding in a URI.
pub const ODD_NAME: &str = "resources/gad get,é:1%.md";

/// `docs/` with a clean page, plus the broken API page (errors) and/or the odd page (a warning).
pub fn input(dir: &TestDir, errors: bool, warnings: bool) -> std::path::PathBuf {
    dir.write("docs/resources/widget.md", PAGE);
    if errors {
        dir.write("docs/api/widget-get.md", BROKEN_API_PAGE);
    }
    if warnings {
        dir.write(&format!("docs/{ODD_NAME}"), &extra_cell_page("gadget"));
    }
    dir.join("docs")
}

/// The JSON Lines of `docgen lint --format json`, the closing summary last.
pub fn json_lines(output: &std::process::Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

pub fn summary(lines: &[Value], key: &str) -> u64 {
    lines
        .last()
        .and_then(|l| l.pointer(&format!("/summary/{key}")))
        .and_then(Value::as_u64)
        .expect("a closing summary with the count")
}
