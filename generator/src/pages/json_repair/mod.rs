//! Lenient JSON for the docs' hand-written JSON (annotations, example bodies, JSON representations).
//!
//! Strictly valid JSON goes through serde_json unchanged. Otherwise a single, non-recursive pass
//! reads the text and records every repair it made: comments, `...` lines and elements, trailing
//! and missing commas, raw control characters in strings, unquoted keys, single quotes, Python
//! literals, unquoted words. The pass keeps an explicit stack bounded by [`MAX_DEPTH`], so deeply
//! nested input is an error, never a stack overflow, and it runs in linear time.

mod lexer;
mod parser;
mod repair;
#[cfg(test)]
mod tests;

pub use parser::MAX_DEPTH;
pub use repair::{JsonError, Repair, RepairKind, Repaired};

use serde_json::Value;

/// Parses `text` as JSON, repairing what the docs get wrong. See the module documentation.
pub fn parse_lenient(text: &str) -> Result<Repaired, JsonError> {
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        return Ok(Repaired {
            value,
            repairs: Vec::new(),
        });
    }
    parser::LenientParser::new(text).parse()
}
