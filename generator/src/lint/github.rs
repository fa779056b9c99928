//! The GitHub form: one workflow command per diagnostic, which GitHub Actions turns into an
//! annotation on that line of the pull request's diff:
//!
//! ```text
//! ::error file=docs-input/api/a.md,line=35,col=1,title=docgen[http-block-empty]::The HTTP ...
//! ```
//!
//! `error`, `warning` or `notice` by severity; the file relative to the folder docgen ran in
//! (the repository root in CI); related places as further lines of the message. Suppressed
//! diagnostics are left out. Escaping follows GitHub's own toolkit (`@actions/core`,
//! `command.ts`): `%`, CR and LF in the message, and `:` and `,` too in a property.

use super::findings::{Linted, Summary};
use super::location::repository_path;
use crate::diag::{Diagnostic, Severity};

/// `linted`'s unsuppressed diagnostics as workflow commands, then the summary line as plain
/// log text; `input` is the input folder as [`repository_path`] takes it.
pub(super) fn render(
    linted: &Linted,
    summary: &Summary,
    summary_only: bool,
    input: &str,
) -> String {
    let mut out = String::new();
    if !summary_only {
        for diagnostic in linted.remaining() {
            out.push_str(&command(diagnostic, input));
            out.push('\n');
        }
    }
    out.push_str(&summary.line());
    out.push('\n');
    out
}

/// One diagnostic as `::level properties::message`.
fn command(d: &Diagnostic, input: &str) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut properties: Vec<(&str, String)> = Vec::new();
    if !d.span.file.is_empty() {
        properties.push(("file", repository_path(input, &d.span.file)));
        // Line 0 and column 0 mean unknown: GitHub then annotates the whole file.
        if d.span.line > 0 {
            properties.push(("line", d.span.line.to_string()));
            if d.span.col > 0 {
                properties.push(("col", d.span.col.to_string()));
            }
        }
    }
    properties.push(("title", format!("docgen[{}]", d.code.as_str())));
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    let mut message = d.message.clone();
    for related in &d.related {
        let place = repository_path(input, &related.span.file);
        message.push_str(&format!(
            "\n{place}:{}: {}",
            related.span.line, related.message
        ));
    }
    format!(
        "::{level} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// A message: `%`, CR and LF percent-encoded, so a message cannot end the command or start
/// another one on a new line.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as [`escape_data`], and `:` and `,`, which end a property.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Span};

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("100% done\r\nnext"), "100%25 done%0D%0Anext");
        assert_eq!(escape_data("a::b, c"), "a::b, c");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        // `%` first, so an escape already in the text is not decoded by GitHub.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn commands_carry_file_line_col_and_title() {
        let d = Diagnostic::new(
            Code::HttpBlockEmpty,
            Span::new("api/a,b:c.md", 35, 2),
            "no request line\n::error::injected",
        )
        .with_related(Span::new("api/other.md", 9, 1), "the other 100%");
        assert_eq!(
            command(&d, "docs-input"),
            "::error file=docs-input/api/a%2Cb%3Ac.md,line=35,col=2,title=docgen[http-block-empty]\
             ::no request line%0A::error::injected%0Adocs-input/api/other.md:9: the other 100%25"
        );
        let note = Diagnostic::new(Code::PathInferred, Span::new("a.md", 0, 0), "x");
        assert_eq!(
            command(&note, ""),
            "::notice file=a.md,title=docgen[path-inferred]::x"
        );
        let nowhere = Diagnostic::new(Code::TableCells, Span::new("", 3, 1), "y");
        assert_eq!(
            command(&nowhere, "docs"),
            "::warning title=docgen[table-cells]::y"
        );
    }
}
