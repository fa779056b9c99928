//! Diagnostics for people and tools, after suppressions; and the `--deny` gate.
//!
//! [`Suppressions::apply`] marks the diagnostics a checked-in file suppresses ([`Linted`]);
//! [`render`] prints them in one of four forms, one file each: `human` (rustc style, with a
//! report), `json` (JSON Lines), `sarif` (SARIF 2.1.0) and `github` (workflow commands that
//! become pull request annotations); [`Deny`] says whether what remains fails the command.

mod findings;
mod github;
mod human;
mod json;
pub mod location;
mod sarif;
pub mod suppress;

pub use findings::{Deny, Finding, Linted, Summary, Suppressed};
pub use github::{escape_data, escape_property};
pub use human::WORST_PAGES;
pub use sarif::SCHEMA_URI;
pub use suppress::{Suppression, Suppressions};

use crate::diag::Diagnostic;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

/// How to render: the form, counts only, and where the input folder is.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    pub format: Format,
    /// Only the counts (human, GitHub) or the summary object (JSON); SARIF is always whole.
    pub summary_only: bool,
    /// The input folder relative to the folder docgen ran in (the repository root in CI), or
    /// absolute, `/`-separated: prefixed to spans in the SARIF and GitHub forms, whose readers
    /// want paths from the repository root. Empty for the current folder.
    pub input: String,
}

impl RenderOptions {
    pub fn new(format: Format) -> RenderOptions {
        RenderOptions {
            format,
            summary_only: false,
            input: String::new(),
        }
    }
}

/// Renders diagnostics after suppressions in the form `options` asks for.
pub fn render(linted: &Linted, options: &RenderOptions) -> String {
    let summary = linted.summary();
    let summary_only = options.summary_only;
    match options.format {
        Format::Human => {
            let remaining: Vec<&Diagnostic> = linted.remaining().collect();
            human::render(&remaining, &summary, summary_only)
        }
        Format::Json => json::render(linted, &summary, summary_only),
        Format::Sarif => sarif::render(linted, &options.input),
        Format::Github => github::render(linted, &summary, summary_only, &options.input),
    }
}

#[cfg(test)]
mod tests;
