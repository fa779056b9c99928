//! What linting yields, shared by the renderers and the suppressions (a leaf of `lint`, so that
//! they and `lint/mod.rs` form no cycle): each diagnostic with the suppression that hid it, the
//! counts of what remains, and the `--deny` gate over them.

use crate::diag::{Code, Diagnostic, Severity, Span};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The lowest severity that fails a command (`--deny`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deny {
    /// Nothing fails the command.
    None,
    Error,
    /// Warnings and errors.
    Warning,
}

impl Deny {
    pub fn denies(self, severity: Severity) -> bool {
        match self {
            Deny::None => false,
            Deny::Error => severity == Severity::Error,
            Deny::Warning => severity <= Severity::Warning,
        }
    }

    fn flag(self) -> &'static str {
        match self {
            Deny::None => "--deny none",
            Deny::Error => "--deny error",
            Deny::Warning => "--deny warning",
        }
    }
}

/// Where the suppression that hid a diagnostic is, and why it is there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    /// The suppression's line; the file is relative to the input folder, like every span.
    pub span: Span,
    pub reason: String,
}

/// A diagnostic, and the suppression that hid it if one did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<Suppressed>,
}

/// Diagnostics after suppressions, sorted like diagnostics (by place, then code).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Linted {
    pub findings: Vec<Finding>,
}

impl Linted {
    /// The diagnostics no suppression hid.
    pub fn remaining(&self) -> impl Iterator<Item = &Diagnostic> {
        self.findings
            .iter()
            .filter(|f| f.suppressed.is_none())
            .map(|f| &f.diagnostic)
    }

    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        let mut pages = BTreeSet::new();
        for d in self.remaining() {
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
        summary.suppressed = self.findings.len() - self.remaining().count();
        summary
    }

    /// Why `deny` fails the command (`--deny warning: 2 errors and 3 warnings remain after
    /// suppressions`), or None when nothing at or above its severity remains.
    pub fn denied(&self, deny: Deny) -> Option<String> {
        let summary = self.summary();
        let mut counts = Vec::new();
        if deny.denies(Severity::Error) && summary.errors > 0 {
            counts.push(format!("{} errors", summary.errors));
        }
        if deny.denies(Severity::Warning) && summary.warnings > 0 {
            counts.push(format!("{} warnings", summary.warnings));
        }
        if counts.is_empty() {
            return None;
        }
        Some(format!(
            "{}: {} remain after suppressions ({} suppressed)",
            deny.flag(),
            counts.join(" and "),
            summary.suppressed
        ))
    }
}

/// Counts over the diagnostics that remain after suppressions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    /// Pages with at least one diagnostic.
    pub pages: usize,
    /// Diagnostics per code, sorted by code.
    pub by_code: BTreeMap<String, usize>,
    /// Diagnostics a suppression hid (not counted above).
    pub suppressed: usize,
}

impl Summary {
    /// `N errors, N warnings, N notes in N pages` (and `, N suppressed` when some were).
    pub fn line(&self) -> String {
        let mut line = format!(
            "{} errors, {} warnings, {} notes in {} pages",
            self.errors, self.warnings, self.notes, self.pages
        );
        if self.suppressed > 0 {
            line.push_str(&format!(", {} suppressed", self.suppressed));
        }
        line
    }
}

/// The catalogue entry of a diagnostic's code (None for a code docgen does not know, which
/// only an IR read back from elsewhere can hold). Through `as_str`, so this reads the code
/// whether it is held as a string or as a [`Code`].
pub(super) fn code_of(d: &Diagnostic) -> Option<Code> {
    Code::from_str(d.code.as_str())
}
