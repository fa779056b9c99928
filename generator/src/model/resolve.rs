//! Cross-page resolution: page facts -> one model.

use super::{Model, IR_VERSION};
use crate::diag::Diagnostic;
use crate::facts::PageFacts;

/// Builds the model from every page's facts. Deterministic whatever the order of `facts`.
pub fn build(facts: Vec<PageFacts>, diagnostics: Vec<Diagnostic>) -> Model {
    let _ = facts;
    let mut diagnostics = diagnostics;
    diagnostics.sort();
    diagnostics.dedup();
    Model { ir_version: IR_VERSION, diagnostics, ..Model::default() }
}
