//! What lenient reading gives: the value and its repairs, or where the text could not be read.

use serde_json::Value;
use std::fmt;

/// A value read from lenient JSON. `repairs` is empty when the text was strictly valid JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct Repaired {
    pub value: Value,
    pub repairs: Vec<Repair>,
}

impl Repaired {
    pub fn is_strict(&self) -> bool {
        self.repairs.is_empty()
    }

    /// What was repaired, one entry per kind, for a diagnostic message:
    /// `trailing comma (3:5), unquoted key (2:3, 2 times)`.
    pub fn summary(&self) -> String {
        let mut kinds: Vec<(RepairKind, &Repair, usize)> = Vec::new();
        for repair in &self.repairs {
            match kinds.iter_mut().find(|(kind, _, _)| *kind == repair.kind) {
                Some(entry) => entry.2 += 1,
                None => kinds.push((repair.kind, repair, 1)),
            }
        }
        let parts: Vec<String> = kinds
            .iter()
            .map(|(kind, first, count)| match count {
                1 => format!("{} ({}:{})", kind, first.line, first.col),
                n => format!("{} ({}:{}, {} times)", kind, first.line, first.col, n),
            })
            .collect();
        parts.join(", ")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RepairKind {
    /// A `//` or `/* */` comment outside strings, removed.
    Comment,
    /// A `...` or `…` line or element, removed.
    Ellipsis,
    /// A comma before `}` or `]`, removed.
    TrailingComma,
    /// A comma missing between two values on different lines, added.
    MissingComma,
    /// A raw control character (newline, tab) inside a string, kept as the character.
    ControlCharacter,
    /// A string left open at the end of its line, before a line holding a `"key":`; closed there.
    MissingQuote,
    /// An escape JSON does not know (`\x`, a lone surrogate), kept as written.
    InvalidEscape,
    /// A property name without quotes.
    UnquotedKey,
    /// A string in single quotes.
    SingleQuotes,
    /// Python's `True`, `False` or `None`.
    PythonLiteral,
    /// A bare word or malformed number used as a value, read as a string.
    UnquotedValue,
}

impl fmt::Display for RepairKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RepairKind::Comment => "comment removed",
            RepairKind::Ellipsis => "`...` removed",
            RepairKind::TrailingComma => "trailing comma",
            RepairKind::MissingComma => "missing comma",
            RepairKind::ControlCharacter => "raw control character in a string",
            RepairKind::MissingQuote => "missing closing quote",
            RepairKind::InvalidEscape => "invalid escape in a string",
            RepairKind::UnquotedKey => "unquoted key",
            RepairKind::SingleQuotes => "single-quoted string",
            RepairKind::PythonLiteral => "Python literal (True/False/None)",
            RepairKind::UnquotedValue => "unquoted value",
        })
    }
}

/// One repair, at a 1-based line and character column inside the parsed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    pub kind: RepairKind,
    pub line: u32,
    pub col: u32,
}

/// Why the text could not be read, at a 1-based line and character column inside it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{col}: {message}")]
pub struct JsonError {
    pub line: u32,
    pub col: u32,
    pub message: String,
}
