//! The page walker: pulldown-cmark events (with offsets) -> [`Block`]s in document order.
//!
//! Recognises what CommonMark cannot know: tab pivots (a heading holding only a `#tab/` link),
//! annotation comments that belong to the next fence, DocFX include lines, and an unterminated
//! comment, which would otherwise swallow the rest of the page.

mod html;
mod text;

use super::front_matter::read_front_matter;
use super::inline::{normalize_label, resolve_broken_link, InlineWriter};
use super::lines::PageText;
use super::page::{Annotation, Block, Page, SourceFile, Text};
use super::table::build_table;
use crate::diag::{excerpt, Code, Diagnostic};
use pulldown_cmark::{BrokenLink, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::ops::Range;

/// Most restarts after unterminated comments; past it a comment runs to the end of the page, so
/// a page full of `<!--` lines costs linear, not quadratic, time.
const MAX_RESTARTS: usize = 32;

/// CommonMark plus GFM pipe tables; nothing else (no footnotes, smart quotes, heading attributes).
const OPTIONS: Options = Options::ENABLE_TABLES;

type Spanned<'a> = (Event<'a>, Range<usize>);

pub(crate) fn parse(file: &SourceFile) -> (Page, Vec<Diagnostic>) {
    let page = PageText::new(&file.path, &file.text);
    let mut diags = Vec::new();
    let (front_matter, body_start) = read_front_matter(&page, &mut diags);
    let mut walker = Walker {
        page: &page,
        blocks: Vec::new(),
        diags,
        link_defs: BTreeMap::new(),
        in_tab_group: false,
        restarts: 0,
    };
    let mut start = body_start;
    // Each restart begins after the previous one, so this ends.
    while let Some(restart) = walker.segment(start) {
        if restart <= start {
            break;
        }
        start = restart;
    }
    let page_out = Page {
        path: file.path.clone(),
        front_matter,
        blocks: walker.blocks,
        link_defs: walker.link_defs,
    };
    (page_out, walker.diags)
}

struct Walker<'p, 'a> {
    page: &'p PageText<'a>,
    blocks: Vec<Block>,
    diags: Vec<Diagnostic>,
    link_defs: BTreeMap<String, String>,
    /// After a tab pivot, until the `---` that closes the group.
    in_tab_group: bool,
    /// Times parsing restarted after an unterminated comment (each restart re-reads the rest).
    restarts: usize,
}

/// The inline text directly inside a tight list item.
struct ItemText {
    writer: InlineWriter,
    start: Option<usize>,
}

impl ItemText {
    fn new() -> Self {
        ItemText {
            writer: InlineWriter::new(),
            start: None,
        }
    }
}

impl<'p, 'a> Walker<'p, 'a> {
    /// Parses the page from byte `start` on. Returns where to start again when an unterminated
    /// comment had to be cut short.
    fn segment(&mut self, start: usize) -> Option<usize> {
        let text = self.page.text();
        let body = text.get(start..).unwrap_or("");
        let known_defs = self.link_defs.clone();
        let mut callback = |link: BrokenLink<'_>| resolve_broken_link(&known_defs, &link);
        let parser = Parser::new_with_broken_link_callback(body, OPTIONS, Some(&mut callback))
            .into_offset_iter();
        for (label, def) in parser.reference_definitions().iter() {
            self.link_defs
                .entry(normalize_label(label))
                .or_insert_with(|| def.dest.to_string());
        }
        // About one event per 20 bytes in the docs; reserving avoids repeated growth.
        let mut events: Vec<Spanned<'_>> = Vec::with_capacity(body.len() / 16 + 16);
        events.extend(parser.map(|(event, range)| (event, range.start + start..range.end + start)));
        self.walk(&events)
    }

    fn walk(&mut self, events: &[Spanned<'_>]) -> Option<usize> {
        let mut items: Vec<ItemText> = Vec::new();
        let mut pending_annotation: Option<Annotation> = None;
        let mut i = 0;
        while let Some((event, range)) = events.get(i) {
            if is_block_boundary(event) {
                // Text directly in a list item ends where a nested block begins.
                self.flush_item(items.last_mut());
            }
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    let end = matching_end(events, i);
                    self.heading(
                        *level as u8,
                        range.clone(),
                        events.get(i + 1..end).unwrap_or(&[]),
                    );
                    i = end;
                }
                Event::Start(Tag::Paragraph) => {
                    let end = matching_end(events, i);
                    self.paragraph(range.clone(), events.get(i + 1..end).unwrap_or(&[]));
                    i = end;
                }
                Event::Start(Tag::Table(_)) => {
                    let end = matching_end(events, i);
                    let table =
                        build_table(self.page, range.clone(), &self.link_defs, &mut self.diags);
                    self.blocks.push(Block::Table(table));
                    i = end;
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let end = matching_end(events, i);
                    let inner = events.get(i + 1..end).unwrap_or(&[]);
                    self.code(kind, range.clone(), inner, pending_annotation.take());
                    i = end;
                }
                Event::Start(Tag::HtmlBlock) => {
                    let end = matching_end(events, i);
                    let next = events.get(end + 1);
                    if let Some(restart) =
                        self.html_block(range.clone(), next, &mut pending_annotation)
                    {
                        return Some(restart);
                    }
                    i = end;
                }
                Event::Start(Tag::Item) => items.push(ItemText::new()),
                Event::End(TagEnd::Item) => {
                    let mut item = items.pop();
                    self.flush_item(item.as_mut());
                }
                Event::Rule => {
                    self.blocks.push(Block::Rule(self.page.span(range.start)));
                    self.in_tab_group = false;
                }
                other => {
                    if let Some(item) = items.last_mut() {
                        if is_inline(other) {
                            item.start.get_or_insert(range.start);
                            self.note_broken_ref(other, range.start);
                            item.writer.event(other);
                        }
                    }
                }
            }
            i += 1;
        }
        None
    }

    fn flush_item(&mut self, item: Option<&mut ItemText>) {
        let Some(item) = item else { return };
        let done = std::mem::replace(item, ItemText::new());
        if let (false, Some(start)) = (done.writer.is_empty(), done.start) {
            self.blocks
                .push(Block::Paragraph(done.writer.finish(self.page.span(start))));
        }
    }

    fn note_broken_ref(&mut self, event: &Event<'_>, offset: usize) {
        if let Event::Start(Tag::Link {
            link_type,
            dest_url,
            id,
            ..
        }) = event
        {
            if matches!(
                link_type,
                LinkType::ReferenceUnknown | LinkType::CollapsedUnknown
            ) && dest_url.is_empty()
            {
                self.diags.push(Diagnostic::new(
                    Code::LinkBroken,
                    self.page.span(offset),
                    format!(
                        "reference link `[{}]` has no definition on this page",
                        excerpt(id)
                    ),
                ));
            }
        }
    }

    /// Renders inline events, skipping those that start inside `skip` byte ranges.
    fn render(&mut self, events: &[Spanned<'_>], start: usize, skip: &[Range<usize>]) -> Text {
        let source_len = match (events.first(), events.last()) {
            (Some((_, first)), Some((_, last))) => last.end.saturating_sub(first.start),
            _ => 0,
        };
        let mut writer = InlineWriter::with_capacity(source_len);
        for (event, range) in events {
            if skip.iter().any(|s| s.contains(&range.start)) {
                continue;
            }
            self.note_broken_ref(event, range.start);
            writer.event(event);
        }
        writer.finish(self.page.span(start))
    }
}

/// Index of the `End` event matching the `Start` at `start` (the last index if unbalanced).
fn matching_end(events: &[Spanned<'_>], start: usize) -> usize {
    let mut depth = 0usize;
    for (index, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return index;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

fn is_block_boundary(event: &Event<'_>) -> bool {
    match event {
        Event::Start(Tag::Item) => false,
        Event::Start(_) => !is_inline_start(event),
        Event::Rule => true,
        _ => false,
    }
}

fn is_inline_start(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Start(
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        )
    )
}

fn is_inline(event: &Event<'_>) -> bool {
    match event {
        Event::Start(_) => is_inline_start(event),
        Event::End(end) => matches!(
            end,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript
        ),
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineHtml(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::FootnoteReference(_) => true,
        _ => false,
    }
}
