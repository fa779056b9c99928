//! Page-level facts: doc type, H1 name, namespace, workload.

use crate::diag::{Diagnostic, Span};
use crate::model::PageKind;
use crate::pages::Page;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageHeader {
    pub path: String,
    pub kind: PageKind,
    /// The H1 text (or the title when there is no H1).
    pub title: String,
    pub title_span: Span,
    /// `microsoft.graph` unless the page says otherwise.
    pub namespace: String,
    /// `ms.prod`, or the page's area when absent.
    pub workload: String,
}

impl Default for PageHeader {
    fn default() -> Self {
        PageHeader {
            path: String::new(),
            kind: PageKind::Unknown,
            title: String::new(),
            title_span: Span::default(),
            namespace: "microsoft.graph".to_string(),
            workload: String::new(),
        }
    }
}

pub fn read_header(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> PageHeader {
    let _ = diagnostics;
    PageHeader { path: page.path.clone(), ..PageHeader::default() }
}
