//! Stage 2: page facts. What one page says (types, enums, operations, examples), read from its
//! blocks without looking at any other page. Cross-page work happens in [`crate::model`].

use crate::diag::Diagnostic;
use crate::pages::Page;
use serde::Serialize;

/// Everything one page contributes to the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PageFacts {
    pub path: String,
}

/// Extracts the facts of one page. Never panics.
pub fn extract(page: &Page) -> (PageFacts, Vec<Diagnostic>) {
    (PageFacts { path: page.path.clone() }, Vec::new())
}
