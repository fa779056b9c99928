//! Resource pages: the Properties and Relationships tables, the JSON representation, inheritance.

use super::page::PageHeader;
use crate::diag::Diagnostic;
use crate::pages::Page;
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ResourceFacts {}

pub fn read_resource(page: &Page, header: &PageHeader, diagnostics: &mut Vec<Diagnostic>) -> Option<ResourceFacts> {
    let _ = (page, header, diagnostics);
    None
}
