//! Suppressions: diagnostics a repository has decided to live with, by code and path, in a
//! checked-in file.
//!
//! The file (`docgen-suppressions.txt` in the input folder, or the one `--suppressions` names)
//! holds one suppression per line:
//!
//! ```text
//! # Lines starting with `#` are comments.
//! table-cells         api/intune-*.md   # the Intune tables are fixed upstream, docs PR 1234
//! *                   beta/**           # beta pages are not ours to fix
//! ```
//!
//! A code from the catalogue (or `*` for every code), a path glob relative to the input folder
//! (`/`-separated; `*` and `?` stay within a folder, `**` as a whole component spans folders,
//! `[abc]` is a set), and after `#` the reason, which is required: a suppression nobody can
//! explain cannot be reviewed. A line that cannot be read is a `suppression-invalid` error and
//! suppresses nothing; a suppression that matched no diagnostic is reported as
//! `suppression-stale` at its line. The file's own diagnostics are never suppressed.

use super::findings::{code_of, Finding, Linted, Suppressed};
use crate::diag::{Code, Diagnostic, Span};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The suppression file docgen looks for in the input folder.
pub const FILE_NAME: &str = "docgen-suppressions.txt";

/// A larger file is not read: a suppression file is a short, reviewed list.
pub const MAX_BYTES: u64 = 1 << 20;

/// `*` stays within one folder, like a shell's; `**` crosses folders.
const MATCH: glob::MatchOptions = glob::MatchOptions {
    case_sensitive: true,
    require_literal_separator: true,
    require_literal_leading_dot: false,
};

/// One line of the suppression file.
#[derive(Clone, Debug)]
pub struct Suppression {
    /// None for `*`: every code.
    pub code: Option<Code>,
    pub path: glob::Pattern,
    /// The line in the suppression file (its file relative to the input folder).
    pub span: Span,
    pub reason: String,
}

impl Suppression {
    fn matches(&self, code: Option<Code>) -> bool {
        self.code.is_none() || self.code == code
    }

    /// `code path`, as written.
    fn rule(&self) -> String {
        let code = self.code.map_or("*", Code::as_str);
        format!("{code} {}", self.path.as_str())
    }
}

/// A suppression file, read: its suppressions and the diagnostics of the lines that could not
/// be read.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    pub entries: Vec<Suppression>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Linted {
    /// `diagnostics` with no suppression file.
    pub fn unsuppressed(diagnostics: &[Diagnostic]) -> Linted {
        Suppressions::default().apply(diagnostics)
    }
}

impl Suppressions {
    /// Reads the file `explicit` names, else `docgen-suppressions.txt` in `input` when there is
    /// one, else none. Spans name the file relative to `input`, like a page's. A named file
    /// that cannot be read is an I/O error; an unreadable default file too (it is there).
    pub fn load(
        input: &Path,
        explicit: Option<&Path>,
    ) -> Result<Suppressions, crate::error::Error> {
        let path: PathBuf = match explicit {
            Some(path) => path.to_path_buf(),
            None => {
                let default = input.join(FILE_NAME);
                if !default.exists() {
                    return Ok(Suppressions::default());
                }
                default
            }
        };
        let io = |source| crate::error::Error::Io {
            path: path.clone(),
            source,
        };
        let file = super::location::relative_to(input, &path);
        let size = std::fs::metadata(&path).map_err(io)?.len();
        if size > MAX_BYTES {
            let mut found = Suppressions::default();
            found.diagnostics.push(Diagnostic::new(
                Code::SuppressionInvalid,
                Span::new(file, 1, 0),
                format!("the suppression file has {size} bytes, more than the limit of {MAX_BYTES}; it was not read"),
            ));
            return Ok(found);
        }
        let bytes = std::fs::read(&path).map_err(io)?;
        let text = String::from_utf8_lossy(&bytes);
        let mut found = Suppressions::parse(&text, &file);
        if let std::borrow::Cow::Owned(_) = text {
            found.diagnostics.push(Diagnostic::new(
                Code::FileNotUtf8,
                Span::new(file, 1, 0),
                "the suppression file is not valid UTF-8; invalid bytes were replaced",
            ));
        }
        Ok(found)
    }

    /// Reads the text of a suppression file whose path (relative to the input folder) is `file`.
    pub fn parse(text: &str, file: &str) -> Suppressions {
        let mut found = Suppressions::default();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (index, line) in text.lines().enumerate() {
            let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
            match parse_line(line) {
                Ok(None) => {}
                Ok(Some((code, path, reason))) => found.entries.push(Suppression {
                    code,
                    path,
                    span: Span::new(file, number, 1),
                    reason,
                }),
                Err((col, message)) => found.diagnostics.push(Diagnostic::new(
                    Code::SuppressionInvalid,
                    Span::new(file, number, col),
                    message,
                )),
            }
        }
        found
    }

    /// Marks each diagnostic the first matching suppression (in file order) hides, and adds
    /// the file's own diagnostics and one `suppression-stale` per suppression that matched
    /// nothing. Findings come sorted like diagnostics.
    pub fn apply(&self, diagnostics: &[Diagnostic]) -> Linted {
        // Globs are matched once per distinct file, not once per diagnostic: the v1.0 docs
        // have ten times more diagnostics than pages.
        let files: BTreeSet<&str> = diagnostics.iter().map(|d| d.span.file.as_str()).collect();
        let by_file: BTreeMap<&str, Vec<&Suppression>> = files
            .into_iter()
            .map(|file| {
                let matching = self.entries.iter();
                let matching = matching.filter(|s| s.path.matches_with(file, MATCH));
                (file, matching.collect())
            })
            .collect();
        let mut used: BTreeSet<&Span> = BTreeSet::new();
        let mut findings: Vec<Finding> = diagnostics
            .iter()
            .map(|diagnostic| {
                let code = code_of(diagnostic);
                let candidates = by_file.get(diagnostic.span.file.as_str());
                let hits: Vec<&&Suppression> = candidates
                    .into_iter()
                    .flatten()
                    .filter(|s| s.matches(code))
                    .collect();
                used.extend(hits.iter().map(|s| &s.span));
                Finding {
                    diagnostic: diagnostic.clone(),
                    suppressed: hits.first().map(|s| Suppressed {
                        span: s.span.clone(),
                        reason: s.reason.clone(),
                    }),
                }
            })
            .collect();
        let stale = self.entries.iter().filter(|s| !used.contains(&s.span));
        let own = self.diagnostics.iter().cloned().chain(stale.map(|s| {
            Diagnostic::new(
                Code::SuppressionStale,
                s.span.clone(),
                format!(
                    "suppression `{}` matched no diagnostic; remove it, or fix its code or path",
                    s.rule()
                ),
            )
        }));
        findings.extend(own.map(|diagnostic| Finding {
            diagnostic,
            suppressed: None,
        }));
        findings.sort_by(|a, b| a.diagnostic.cmp(&b.diagnostic));
        findings.dedup();
        Linted { findings }
    }
}

type Line = (Option<Code>, glob::Pattern, String);

/// One line: None for a blank line or a comment; else the suppression, or the 1-based column
/// and message of what is wrong with it.
fn parse_line(line: &str) -> Result<Option<Line>, (u32, String)> {
    let trimmed = line.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Ok(None);
    }
    // The reason starts at the first `#` after a space; a `#` inside a glob stays in it.
    let hash = line
        .char_indices()
        .zip(line.chars().skip(1))
        .find(|((_, before), c)| before.is_whitespace() && *c == '#')
        .map(|((at, before), _)| at + before.len_utf8());
    let (rule, reason) = match hash {
        Some(at) => (&line[..at], Some(line[at + 1..].trim())),
        None => (line, None),
    };
    let fields = fields(rule);
    let expected = "write `code path-glob  # reason`";
    let [(code_col, code), (path_col, path)] = fields.as_slice() else {
        let (col, message) = match fields.get(2) {
            Some((col, extra)) => (*col, format!("unexpected `{extra}`; {expected}")),
            None => (
                column(line.trim_end()) + 1,
                format!("no path glob; {expected}"),
            ),
        };
        return Err((col, message));
    };
    let code = match *code {
        "*" => None,
        text => match Code::from_str(text) {
            Some(code) => Some(code),
            None => {
                return Err((
                    *code_col,
                    format!(
                    "unknown code `{}`; the codes are those `docgen lint` prints, or `*` for all",
                    crate::diag::excerpt(text)
                ),
                ))
            }
        },
    };
    if path.starts_with('/') || path.contains('\\') {
        return Err((
            *path_col,
            format!("path glob `{path}` is not relative to the input folder with `/` separators"),
        ));
    }
    let pattern = glob::Pattern::new(path).map_err(|error| {
        // `pos` counts characters.
        let at = u32::try_from(error.pos).unwrap_or(0);
        (path_col + at, format!("path glob `{path}`: {}", error.msg))
    })?;
    match reason {
        Some(reason) if !reason.is_empty() => Ok(Some((code, pattern, reason.to_string()))),
        _ => Err((
            column(line.trim_end()) + 1,
            "no reason; add `# why this is suppressed` to the line".to_string(),
        )),
    }
}

/// The whitespace-separated fields of `text` with their 1-based character columns.
fn fields(text: &str) -> Vec<(u32, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (true, Some(from)) => {
                out.push((column(&text[..from]) + 1, &text[from..at]));
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    out
}

/// Characters in `text`: the 0-based column after it.
fn column(text: &str) -> u32 {
    u32::try_from(text.chars().count()).unwrap_or(u32::MAX)
}

#[cfg(test)]
#[path = "suppress_tests.rs"]
mod tests;
