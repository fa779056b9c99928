//! Inline Markdown -> plain text with links: emphasis removed, inline code kept in backticks,
//! entities decoded (by pulldown-cmark), `<br>` as a space, other HTML tags dropped, whitespace
//! collapsed. Also reference-link resolution and DocFX `[!INCLUDE [label](path)]` lines.

use super::page::{Link, Text};
use crate::diag::Span;
use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Tag, TagEnd};
use std::collections::BTreeMap;

/// Builds one [`Text`] from inline events.
#[derive(Debug, Default)]
pub(crate) struct InlineWriter {
    text: String,
    links: Vec<Link>,
    /// Open links: where their text starts in `text`, and their target.
    open_links: Vec<(usize, String)>,
    pending_space: bool,
    /// Labels of reference links with no definition.
    pub(crate) broken_refs: Vec<String>,
    /// Whether any event was seen (an empty paragraph still counts).
    pub(crate) touched: bool,
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
            Event::Code(code) => {
                self.push_char('`');
                self.push_str(code);
                self.push_char('`');
            }
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
                    .push((self.text.len(), dest_url.to_string()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((start, target)) = self.open_links.pop() {
                    let text = self.text.get(start..).unwrap_or("").trim().to_string();
                    self.links.push(Link { text, target });
                }
            }
            _ => {}
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
                if self.pending_space {
                    self.text.push(' ');
                    self.pending_space = false;
                }
                self.text.push_str(word);
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
            c => {
                if self.pending_space {
                    self.text.push(' ');
                    self.pending_space = false;
                }
                self.text.push(c);
            }
        }
    }

    pub(crate) fn finish(mut self, span: Span) -> Text {
        // Links left open by malformed input still count.
        while let Some((start, target)) = self.open_links.pop() {
            let text = self.text.get(start..).unwrap_or("").trim().to_string();
            self.links.push(Link { text, target });
        }
        Text {
            text: self.text,
            links: self.links,
            span,
        }
    }
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
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    fn render(markdown: &str) -> Text {
        let defs = BTreeMap::from([("known".to_string(), "known.md".to_string())]);
        let mut callback = |link: BrokenLink<'_>| resolve_broken_link(&defs, &link);
        let parser =
            Parser::new_with_broken_link_callback(markdown, Options::empty(), Some(&mut callback));
        let mut writer = InlineWriter::new();
        for event in parser {
            writer.event(&event);
        }
        writer.finish(Span::default())
    }

    #[test]
    fn plain_text_with_code_entities_and_breaks() {
        let text =
            render("Some **bold** and _em_ with `code`,\n&lt;token&gt;&nbsp;x<br>y &#124; z<br/>.");
        assert_eq!(text.text, "Some bold and em with `code`, <token> x y | z .");
    }

    #[test]
    fn placeholder_tags_are_kept_and_comments_dropped() {
        let text = render("Bearer <token>. Required. <!-- hidden --> <b>bold</b>");
        assert_eq!(text.text, "Bearer <token>. Required. bold");
    }

    #[test]
    fn links_inline_reference_and_broken() {
        let markdown = "See [user](../resources/user.md), [Known][], [x][known], [missing][] and [!NOTE].\n\n[other]: o.md";
        let text = render(markdown);
        assert_eq!(text.text, "See user, Known, x, missing and [!NOTE].");
        let links: Vec<(&str, &str)> = text
            .links
            .iter()
            .map(|l| (l.text.as_str(), l.target.as_str()))
            .collect();
        assert_eq!(
            links,
            vec![
                ("user", "../resources/user.md"),
                ("Known", "known.md"),
                ("x", "known.md"),
                ("missing", "")
            ]
        );
    }

    #[test]
    fn include_lines() {
        assert_eq!(
            parse_include("  [!INCLUDE [sample-code](../includes/x.md)]"),
            Some(("sample-code".to_string(), "../includes/x.md".to_string(), 2))
        );
        assert_eq!(
            parse_include("[!include[beta](../../includes/beta-disclaimer.md)]"),
            Some((
                "beta".to_string(),
                "../../includes/beta-disclaimer.md".to_string(),
                0
            ))
        );
        assert_eq!(parse_include("[!NOTE]"), None);
        assert_eq!(parse_include("[!INCLUDE [x](y)] and more"), None);
    }
}
