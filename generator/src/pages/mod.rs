//! Stage 1: pages. Markdown text -> a flat list of blocks with spans.
//!
//! This stage knows the docs' Markdown dialect (front matter, annotation comments, tab pivots,
//! DocFX includes, broken table rows) but nothing about types or operations, and nothing of Rust.
//! Blocks come in document order; later stages track the current heading themselves.
//!
//! [`source`] reads and decodes the files; `front_matter` reads the YAML header; `blocks` walks
//! pulldown-cmark's events (with `inline` for text, links and description pieces, `table` for
//! pipe tables, `comments` and `annotation` for HTML comments); [`json_repair`] is the lenient
//! JSON reader, also used by later stages for example bodies and JSON representations.

mod annotation;
mod blocks;
mod comments;
mod front_matter;
mod inline;
pub mod json_repair;
mod lines;
mod page;
pub mod source;
mod table;

#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod tests;

use crate::diag::{Diagnostic, Span};

pub use page::{
    Annotation, Block, Cell, CodeBlock, Comment, FrontMatter, FrontMatterField, Heading, Include,
    Link, Page, Row, SourceFile, TabPivot, Table, Text,
};

/// Parses one page. Never panics; every defect found is a diagnostic.
pub fn parse_page(file: &SourceFile) -> (Page, Vec<Diagnostic>) {
    blocks::parse(file)
}

/// Reads text that is inline Markdown on its own (a front matter description) as a [`Text`].
pub fn read_inline(markdown: &str, span: Span) -> Text {
    inline::read(markdown, span)
}
