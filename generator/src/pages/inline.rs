//! Inline Markdown -> plain text with links, and the same text as structured pieces
//! ([`Paragraph`]): emphasis removed, inline code kept (in backticks in the plain text), entities
//! decoded (by pulldown-cmark), `<br>` as a space, other HTML tags dropped, whitespace collapsed,
//! bare `http(s)://` URLs in prose made links. Also reference-link resolution and DocFX
//! `[!INCLUDE [label](path)]` lines.

use super::page::{Link, Text};
use crate::diag::Span;
use crate::ir::text::{Inline, Paragraph};
use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;

/// Builds one [`Text`] from inline events.
#[derive(Debug, Default)]
pub(crate) struct InlineWriter {
    text: String,
    links: Vec<Link>,
    /// The pieces outside any link.
    root: Pieces,
    /// Open links: where their text starts in `text`, their target and their pieces.
    open_links: Vec<(usize, String, Pieces)>,
    pending_space: bool,
    /// Inside a code span: characters go to `text` only (the code piece is pushed whole).
    in_code: bool,
    /// Labels of reference links with no definition.
    pub(crate) broken_refs: Vec<String>,
    /// Whether any event was seen (an empty paragraph still counts).
    pub(crate) touched: bool,
}

/// Pieces being built: those done, and the text run not yet made a piece.
#[derive(Debug, Default)]
struct Pieces {
    done: Paragraph,
    run: String,
}

impl InlineWriter {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// A writer expecting about `bytes` of text.
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        InlineWriter {
            text: String::with_capacity(bytes),
            ..Self::default()
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_empty() && self.links.is_empty()
    }

    /// Feeds one event; block-level events are ignored.
    pub(crate) fn event(&mut self, event: &Event<'_>) {
        self.touched = true;
        match event {
            Event::Text(text) => self.push_str(text),
            Event::Code(code) => self.code(code),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.push_str(math),
            Event::SoftBreak | Event::HardBreak => self.push_char(' '),
            Event::InlineHtml(html) | Event::Html(html) => self.html(html),
            Event::FootnoteReference(label) => self.push_str(label),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                if matches!(
                    link_type,
                    LinkType::ReferenceUnknown | LinkType::CollapsedUnknown
                ) && dest_url.is_empty()
                {
                    self.broken_refs.push(id.to_string());
                }
                self.open_links
                    .push((self.text.len(), dest_url.to_string(), Pieces::default()));
            }
            Event::End(TagEnd::Link) => self.close_link(),
            _ => {}
        }
    }

    /// A code span: in backticks in the plain text (whitespace collapsed there as elsewhere),
    /// one code piece with the same text.
    fn code(&mut self, code: &str) {
        let at_root = self.open_links.is_empty();
        if std::mem::take(&mut self.pending_space) {
            self.text.push(' ');
            self.pieces().run.push(' ');
        }
        self.text.push('`');
        let start = self.text.len();
        self.in_code = true;
        self.push_str(code);
        self.in_code = false;
        let mut content = self.text.get(start..).unwrap_or_default().to_string();
        if std::mem::take(&mut self.pending_space) {
            content.push(' ');
            self.text.push(' ');
        }
        self.text.push('`');
        let pieces = self.pieces();
        flush_run(pieces, at_root);
        pieces.done.push(Inline::Code(content));
    }

    /// The pieces new text goes to: the innermost open link's, else the paragraph's.
    fn pieces(&mut self) -> &mut Pieces {
        match self.open_links.last_mut() {
            Some((_, _, pieces)) => pieces,
            None => &mut self.root,
        }
    }

    fn close_link(&mut self) {
        let Some((start, target, mut label)) = self.open_links.pop() else {
            return;
        };
        let text = self.text.get(start..).unwrap_or("").trim().to_string();
        self.links.push(Link {
            text,
            target: target.clone(),
        });
        flush_run(&mut label, false);
        let mut label = label.done;
        // A space written before the label's first word belongs before the link.
        let leading_space = match label.0.first_mut() {
            Some(Inline::Text(first)) if first.starts_with(' ') => {
                first.remove(0);
                true
            }
            _ => false,
        };
        let label = label.trimmed();
        let at_root = self.open_links.is_empty();
        let parent = self.pieces();
        if leading_space {
            parent.run.push(' ');
        }
        if !label.is_blank() {
            flush_run(parent, at_root);
            parent.done.push(Inline::Link {
                text: label.0,
                target,
            });
        }
    }

    fn html(&mut self, html: &str) {
        let trimmed = html.trim();
        if trimmed.starts_with("<!--") {
            return;
        }
        match tag_name(trimmed) {
            Some(name) if name.eq_ignore_ascii_case("br") => self.push_char(' '),
            Some(name) if is_html_element(name) => {}
            // `<token>`, `<id>`: a placeholder that CommonMark reads as a tag; keep it.
            _ => self.push_str(html),
        }
    }

    pub(crate) fn push_str(&mut self, text: &str) {
        // Copy runs of ordinary characters at once; only separators go char by char.
        let mut rest = text;
        while !rest.is_empty() {
            let run = rest.find(is_separator).unwrap_or(rest.len());
            if let Some(word) = rest.get(..run).filter(|word| !word.is_empty()) {
                self.write(word);
            }
            let Some(separator) = rest.get(run..).and_then(|tail| tail.chars().next()) else {
                break;
            };
            self.push_char(separator);
            rest = rest.get(run + separator.len_utf8()..).unwrap_or("");
        }
    }

    fn push_char(&mut self, ch: char) {
        match ch {
            '\u{feff}' | '\u{200b}' => {}
            c if c.is_whitespace() => self.pending_space = !self.text.is_empty(),
            c => self.write(c.encode_utf8(&mut [0; 4])),
        }
    }

    /// Writes visible text, after the space pending before it.
    fn write(&mut self, word: &str) {
        let in_code = self.in_code;
        let space = std::mem::take(&mut self.pending_space);
        if space {
            self.text.push(' ');
        }
        self.text.push_str(word);
        if !in_code {
            let pieces = self.pieces();
            if space {
                pieces.run.push(' ');
            }
            pieces.run.push_str(word);
        }
    }

    pub(crate) fn finish(mut self, span: Span) -> Text {
        // Links left open by malformed input still count.
        while !self.open_links.is_empty() {
            self.close_link();
        }
        flush_run(&mut self.root, true);
        Text {
            text: self.text,
            links: self.links,
            pieces: self.root.done.trimmed(),
            span,
        }
    }
}

/// Makes the pending text run a piece; outside links, bare URLs in it become links.
fn flush_run(pieces: &mut Pieces, find_urls: bool) {
    let run = std::mem::take(&mut pieces.run);
    if find_urls {
        pieces.done.push_text_linking_urls(&run);
    } else {
        pieces.done.push_text(&run);
    }
}

/// Inline Markdown text on its own (not part of a page) as a [`Text`]; block structure is
/// read as spaces.
pub(crate) fn read(markdown: &str, span: Span) -> Text {
    let defs = BTreeMap::new();
    let mut callback = |link: BrokenLink<'_>| resolve_broken_link(&defs, &link);
    let parser =
        Parser::new_with_broken_link_callback(markdown, Options::empty(), Some(&mut callback));
    let mut writer = InlineWriter::with_capacity(markdown.len());
    for event in parser {
        match event {
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell,
            ) => writer.push_char(' '),
            other => writer.event(&other),
        }
    }
    writer.finish(span)
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// The element name of an HTML tag (`<br/>` -> `br`, `</p>` -> `p`).
fn tag_name(html: &str) -> Option<&str> {
    let inner = html.strip_prefix('<')?;
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    let end = inner
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(inner.len());
    inner.get(..end).filter(|name| !name.is_empty())
}

fn is_html_element(name: &str) -> bool {
    const ELEMENTS: &[&str] = &[
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "center",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "font",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "nobr",
        "ol",
        "p",
        "pre",
        "s",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "tt",
        "u",
        "ul",
        "wbr",
    ];
    ELEMENTS
        .iter()
        .any(|element| element.eq_ignore_ascii_case(name))
}

/// Normalises a link label the way CommonMark matches them: case-folded, whitespace collapsed.
pub(crate) fn normalize_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Resolves reference links pulldown-cmark could not: through the page's definitions (for text
/// parsed apart from the page, like table cells), else to an empty target for `[x][]`/`[x][y]`.
/// Shortcut references without a definition (`[!NOTE]`) stay text.
pub(crate) fn resolve_broken_link<'a>(
    defs: &BTreeMap<String, String>,
    link: &BrokenLink<'_>,
) -> Option<(CowStr<'a>, CowStr<'a>)> {
    if let Some(target) = defs.get(&normalize_label(&link.reference)) {
        return Some((CowStr::from(target.clone()), CowStr::from("")));
    }
    match link.link_type {
        LinkType::Reference | LinkType::Collapsed => Some((CowStr::from(""), CowStr::from(""))),
        _ => None,
    }
}

/// A DocFX include line `[!INCLUDE [label](path)]`: its label, path and the byte offset of `[`
/// within the line.
pub(crate) fn parse_include(line: &str) -> Option<(String, String, usize)> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let rest = trimmed.strip_prefix('[')?.trim_start().strip_prefix('!')?;
    let keyword = rest.get(..7)?;
    if !keyword.eq_ignore_ascii_case("include") {
        return None;
    }
    let rest = rest.get(7..)?.trim_start().strip_prefix('[')?;
    let (label, rest) = rest.split_once(']')?;
    let rest = rest.trim_start().strip_prefix('(')?;
    let (path, rest) = rest.split_once(')')?;
    let rest = rest.trim_start().strip_prefix(']')?;
    if !rest.trim().is_empty() {
        return None;
    }
    Some((label.trim().to_string(), path.trim().to_string(), indent))
}

#[cfg(test)]
#[path = "inline_tests.rs"]
mod tests;
