//! Cross-page resolution: page facts -> one model. Deterministic whatever the order of the facts.

use super::{Model, PageInfo, IR_VERSION};
use crate::diag::Diagnostic;
use crate::facts::PageFacts;

/// Builds the model from every page's facts.
pub fn build(mut facts: Vec<PageFacts>, mut diagnostics: Vec<Diagnostic>) -> Model {
    // Input order must not matter: sort pages by path first.
    facts.sort_by(|a, b| a.page.path.cmp(&b.page.path));
    let types = super::types::resolve_types(&facts, &mut diagnostics);
    let mut operations = super::operations::resolve_operations(&facts, &types, &mut diagnostics);
    super::validate::validate_examples(&types, &mut operations, &mut diagnostics);
    let pages = facts
        .iter()
        .map(|f| PageInfo {
            path: f.page.path.clone(),
            kind: f.page.kind,
            title: f.page.title.clone(),
            workload: f.page.workload.clone(),
            produced: Vec::new(),
            dropped: None,
        })
        .collect();
    diagnostics.sort();
    diagnostics.dedup();
    Model {
        ir_version: IR_VERSION,
        pages,
        types: types.into_types(),
        operations,
        diagnostics,
    }
}
