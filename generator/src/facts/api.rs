//! Api pages: the HTTP request block, parameter and header tables, request body, response, examples.

use super::page::PageHeader;
use crate::diag::Diagnostic;
use crate::pages::Page;
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ApiFacts {}

pub fn read_api(page: &Page, header: &PageHeader, diagnostics: &mut Vec<Diagnostic>) -> Option<ApiFacts> {
    let _ = (page, header, diagnostics);
    None
}
