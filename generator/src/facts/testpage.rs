//! Test support: inline Markdown pages read by the real pages stage.

use crate::pages::{parse_page, Page, SourceFile};

pub fn page(path: &str, markdown: &str) -> Page {
    parse_page(&SourceFile {
        path: path.to_string(),
        text: markdown.to_string(),
    })
    .0
}
