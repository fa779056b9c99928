//! What a parsed page is: front matter and blocks in document order, each with its span. Plain
//! data, read by the facts stage.

use crate::diag::Span;
use crate::ir::text::Paragraph;
use serde::Serialize;
use std::collections::BTreeMap;

/// One input file after decoding: BOM stripped, `\r\n` normalised to `\n`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Relative to the input folder, `/` separated.
    pub path: String,
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Page {
    /// Relative to the input folder, `/` separated.
    pub path: String,
    pub front_matter: FrontMatter,
    pub blocks: Vec<Block>,
    /// Reference-style link definitions (`[x]: x.md`), keyed by the lower-cased label.
    pub link_defs: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FrontMatter {
    /// Whether the page had a front matter block at all.
    pub present: bool,
    /// Keys as written; values unquoted and trimmed (`"apiPageType"` -> `apiPageType`).
    pub fields: BTreeMap<String, FrontMatterField>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FrontMatterField {
    pub value: String,
    pub span: Span,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields.get(key).map(|f| f.value.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "block", rename_all = "snake_case")]
pub enum Block {
    /// A real heading (tab pivots are `TabPivot`, not headings).
    Heading(Heading),
    /// A paragraph, list item or block quote line, as inline text.
    Paragraph(Text),
    Table(Table),
    /// A fenced or indented code block, with the annotation comment that precedes it.
    Code(CodeBlock),
    /// An HTML comment that annotates no code block (page annotations, template residue,
    /// commented-out prose). Annotation-shaped comments have `annotation` set.
    Comment(Comment),
    /// A DocFX `[!INCLUDE [label](path)]` line, kept as text and never followed.
    Include(Include),
    /// A tab pivot line such as `# [HTTP](#tab/http)`.
    TabPivot(TabPivot),
    /// A thematic break (`---`), which also ends a tab group.
    Rule(Span),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Heading {
    pub level: u8,
    /// Plain text of the heading, trimmed.
    pub text: String,
    pub span: Span,
}

/// Inline text with its links. `text` is plain text: emphasis removed, inline code kept in
/// backticks, entities decoded, `<br>` as a space; link text is kept in place of the link.
/// `pieces` is the same text as structured pieces (text, code, links with their targets), what
/// descriptions are made of.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Text {
    pub text: String,
    pub links: Vec<Link>,
    pub pieces: Paragraph,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Link {
    /// The link's text (plain).
    pub text: String,
    /// The destination as written (reference-style links resolved through `link_defs`);
    /// empty when a reference link has no definition.
    pub target: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Table {
    pub header: Vec<Cell>,
    pub rows: Vec<Row>,
    pub span: Span,
}

impl Table {
    /// Header cell texts, lower-cased and trimmed, for classification.
    pub fn header_keys(&self) -> Vec<String> {
        self.header
            .iter()
            .map(|c| c.text.trim().to_lowercase())
            .collect()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Row {
    /// As many cells as the row had (may differ from the header; a diagnostic was emitted).
    pub cells: Vec<Cell>,
    pub span: Span,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Cell {
    /// Plain text, as for [`Text`].
    pub text: String,
    /// The cell's Markdown source, trimmed, `\|` unescaped.
    pub raw: String,
    pub links: Vec<Link>,
    /// Structured pieces, as for [`Text`].
    pub pieces: Paragraph,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodeBlock {
    /// Info string, lower-cased and trimmed (`http`, `json`, `` for none).
    pub lang: String,
    /// The content, `\n`-terminated lines, without the fences.
    pub text: String,
    /// The opening fence.
    pub span: Span,
    /// 1-based line of the first content line.
    pub content_line: u32,
    /// The annotation comment right before the fence (blank lines allowed between).
    pub annotation: Option<Annotation>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comment {
    /// The comment's inner text.
    pub text: String,
    pub span: Span,
    pub annotation: Option<Annotation>,
}

/// An annotation comment `<!-- { ... } -->`, read leniently.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Annotation {
    /// The parsed object (after repair). Empty when nothing could be read.
    pub fields: serde_json::Map<String, serde_json::Value>,
    pub span: Span,
}

impl Annotation {
    pub fn block_type(&self) -> Option<&str> {
        self.get_str("blockType")
    }

    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.fields.get(key).and_then(|v| v.as_str())
    }

    /// A boolean that may be written `true` or `"true"`.
    pub fn get_bool(&self, key: &str) -> Option<bool> {
        match self.fields.get(key)? {
            serde_json::Value::Bool(b) => Some(*b),
            serde_json::Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            serde_json::Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    /// `@odata.type`, or the `@type` some pages use instead.
    pub fn odata_type(&self) -> Option<&str> {
        self.get_str("@odata.type")
            .or_else(|| self.get_str("@type"))
    }

    /// A list of strings (`optionalProperties`, `sampleKeys`).
    pub fn get_strings(&self, key: &str) -> Vec<String> {
        match self.fields.get(key) {
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Include {
    pub label: String,
    pub target: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TabPivot {
    pub label: String,
    pub target: String,
    pub span: Span,
}
