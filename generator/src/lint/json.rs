//! The JSON form: JSON Lines, one object per diagnostic per line (the same shape as the
//! `diagnostics` of `docgen ir`: `span`, `severity`, `code`, `message`, `related`, plus
//! `suppressed: {span, reason}` for a suppressed one), then one closing `{"summary": {...}}`
//! object. Lines rather than one array, so a tool can stream them and `grep` still works; the
//! summary comes last so a reader knows the stream is complete.

use super::findings::{Linted, Summary};
use serde::Serialize;

pub(super) fn render(linted: &Linted, summary: &Summary, summary_only: bool) -> String {
    let mut out = String::new();
    if !summary_only {
        for finding in &linted.findings {
            // Plain data with string keys: serialization cannot fail; skip rather than panic.
            if let Ok(line) = serde_json::to_string(finding) {
                out.push_str(&line);
                out.push('\n');
            }
        }
    }
    #[derive(Serialize)]
    struct Closing<'a> {
        summary: &'a Summary,
    }
    if let Ok(line) = serde_json::to_string(&Closing { summary }) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}
