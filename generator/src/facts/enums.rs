//! Enums: enum pages, multi-enum pages (`enums.md`) and `X values` sections of resource pages.

use super::page::PageHeader;
use crate::diag::Diagnostic;
use crate::pages::Page;
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EnumFacts {}

pub fn read_enums(page: &Page, header: &PageHeader, diagnostics: &mut Vec<Diagnostic>) -> Vec<EnumFacts> {
    let _ = (page, header, diagnostics);
    Vec::new()
}
