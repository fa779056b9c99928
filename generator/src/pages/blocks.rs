//! The page walker: pulldown-cmark events (with offsets) -> [`Block`]s in document order.
//!
//! Recognises what CommonMark cannot know: tab pivots (a heading holding only a `#tab/` link),
//! annotation comments that belong to the next fence, DocFX include lines, and an unterminated
//! comment, which would otherwise swallow the rest of the page.

use super::annotation::{is_annotation_shaped, read_annotation};
use super::comments::{split_html, RawComment};
use super::front_matter::read_front_matter;
use super::inline::{normalize_label, parse_include, resolve_broken_link, InlineWriter};
use super::lines::PageText;
use super::table::{build_table, find_table_start};
use super::{
    Annotation, Block, CodeBlock, Comment, Heading, Include, Page, SourceFile, TabPivot, Text,
};
use crate::diag::{Code, Diagnostic};
use pulldown_cmark::{BrokenLink, CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
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
                    format!("reference link `[{id}]` has no definition on this page"),
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

    fn heading(&mut self, level: u8, range: Range<usize>, inner: &[Spanned<'_>]) {
        let text = self.render(inner, range.start, &[]);
        if let [link] = text.links.as_slice() {
            if link.target.to_ascii_lowercase().starts_with("#tab/") && link.text == text.text {
                self.blocks.push(Block::TabPivot(TabPivot {
                    label: link.text.clone(),
                    target: link.target.clone(),
                    span: text.span,
                }));
                self.in_tab_group = true;
                return;
            }
        }
        let source = self.page.slice(range.start, range.end);
        let setext = !source.trim_start().starts_with('#');
        if setext && level == 2 {
            // `text` + `---`: a setext heading to CommonMark, but in a tab group (or after include
            // lines) the `---` closes the group.
            let underline = self
                .page
                .lines
                .line_of(range.end.saturating_sub(1).max(range.start));
            let includes = self.include_lines(range.start, self.page.lines.line_start(underline));
            let all_includes =
                !includes.is_empty() && includes.iter().all(|(_, include)| include.is_some());
            if self.in_tab_group || all_includes {
                self.paragraph_lines(range.start, inner, &includes);
                let rule_offset = self.page.lines.line_start(underline);
                let rule_offset = rule_offset
                    + (self.page.lines.line_text(underline).len()
                        - self.page.lines.line_text(underline).trim_start().len());
                self.blocks.push(Block::Rule(self.page.span(rule_offset)));
                self.in_tab_group = false;
                return;
            }
        }
        self.in_tab_group = false;
        self.blocks.push(Block::Heading(Heading {
            level,
            text: text.text,
            span: text.span,
        }));
    }

    fn paragraph(&mut self, range: Range<usize>, inner: &[Spanned<'_>]) {
        if let Some(table_start) = find_table_start(self.page, range.start, range.end) {
            // A table pulldown-cmark did not recognise, maybe after some lines of text.
            if table_start > range.start {
                let table_lines = table_start..range.end;
                let text = self.render(inner, range.start, std::slice::from_ref(&table_lines));
                if !text.text.is_empty() || !text.links.is_empty() {
                    self.blocks.push(Block::Paragraph(text));
                }
            }
            let table = build_table(
                self.page,
                table_start..range.end,
                &self.link_defs,
                &mut self.diags,
            );
            self.blocks.push(Block::Table(table));
            return;
        }
        let lines = self.include_lines(range.start, range.end);
        self.paragraph_lines(range.start, inner, &lines);
    }

    /// Each line of `start..end` with the include it holds, if any.
    fn include_lines(&self, start: usize, end: usize) -> Vec<(Range<usize>, Option<Include>)> {
        let lines = &self.page.lines;
        let first = lines.line_of(start);
        let last = lines.line_of(end.saturating_sub(1).max(start));
        (first..=last)
            .map(|index| {
                let line_start = lines.line_start(index).max(start);
                let line = self.page.slice(line_start, lines.line_end(index));
                let content = line.trim_start_matches([' ', '\t', '>']);
                let offset = line_start + (line.len() - content.len());
                let include = parse_include(content).map(|(label, target, indent)| Include {
                    label,
                    target,
                    span: self.page.span(offset + indent),
                });
                (line_start..lines.line_end(index) + 1, include)
            })
            .collect()
    }

    /// A paragraph whose include lines become [`Include`]s and whose other lines stay text.
    fn paragraph_lines(
        &mut self,
        start: usize,
        inner: &[Spanned<'_>],
        lines: &[(Range<usize>, Option<Include>)],
    ) {
        let skip: Vec<Range<usize>> = lines
            .iter()
            .filter(|(_, include)| include.is_some())
            .map(|(range, _)| range.clone())
            .collect();
        let text_start = inner
            .iter()
            .map(|(_, range)| range.start)
            .find(|offset| !skip.iter().any(|s| s.contains(offset)))
            .unwrap_or(start);
        let text = self.render(inner, text_start, &skip);
        let mut pieces: Vec<(usize, Block)> = Vec::new();
        if !text.text.is_empty() || !text.links.is_empty() {
            pieces.push((text_start, Block::Paragraph(text)));
        }
        for (range, include) in lines {
            if let Some(include) = include {
                pieces.push((range.start, Block::Include(include.clone())));
            }
        }
        pieces.sort_by_key(|(offset, _)| *offset);
        self.blocks
            .extend(pieces.into_iter().map(|(_, block)| block));
    }

    fn code(
        &mut self,
        kind: &CodeBlockKind<'_>,
        range: Range<usize>,
        inner: &[Spanned<'_>],
        annotation: Option<Annotation>,
    ) {
        let lines = &self.page.lines;
        let mut text = String::new();
        for (event, _) in inner {
            if let Event::Text(chunk) = event {
                text.push_str(chunk);
            }
        }
        let first_line = lines.line_of(range.start);
        let (lang, content_line) = match kind {
            CodeBlockKind::Fenced(info) => {
                let lang = info.split_whitespace().next().unwrap_or("").to_lowercase();
                if !self.fence_closed(range.clone()) {
                    self.diags.push(Diagnostic::new(
                        Code::FenceUnterminated,
                        self.page.span(range.start),
                        "this code fence is not closed; it runs to the end of its container",
                    ));
                }
                (lang, first_line + 2)
            }
            CodeBlockKind::Indented => (String::new(), first_line + 1),
        };
        self.blocks.push(Block::Code(CodeBlock {
            lang,
            text,
            span: self.page.span(range.start),
            content_line: super::lines::to_u32(content_line),
            annotation,
        }));
    }

    /// Whether the fenced block at `range` ends with a closing fence.
    fn fence_closed(&self, range: Range<usize>) -> bool {
        let lines = &self.page.lines;
        let opening = self
            .page
            .slice(range.start, lines.line_end(lines.line_of(range.start)));
        let opening = opening.trim_start_matches([' ', '\t', '>']);
        let Some(fence_char) = opening.chars().next().filter(|c| *c == '`' || *c == '~') else {
            return true;
        };
        let fence_len = opening.chars().take_while(|c| *c == fence_char).count();
        let first = lines.line_of(range.start);
        let last = lines.line_of(range.end.saturating_sub(1).max(range.start));
        if last == first {
            return false;
        }
        let closing = lines
            .line_text(last)
            .trim_start_matches([' ', '\t', '>'])
            .trim_end();
        closing.len() >= fence_len && closing.chars().all(|c| c == fence_char)
    }

    /// An HTML block: its comments become [`Comment`]s or the annotation of the next fence.
    /// Returns where to restart parsing when an unterminated comment was cut short.
    fn html_block(
        &mut self,
        range: Range<usize>,
        next: Option<&Spanned<'_>>,
        pending: &mut Option<Annotation>,
    ) -> Option<usize> {
        let html = self.page.slice(range.start, range.end);
        let pieces = split_html(html, range.start);
        let starts_with_comment = html.trim_start().starts_with("<!--");
        if !pieces.other_text.is_empty() && !starts_with_comment {
            self.push_other_text(&pieces.other_text, range.start);
        }
        let count = pieces.comments.len();
        let mut restart = None;
        for (index, comment) in pieces.comments.iter().enumerate() {
            if !comment.terminated {
                restart = self.unterminated_comment(comment);
                break;
            }
            let is_last = index + 1 == count && pieces.ends_with_comment;
            if is_last
                && is_annotation_shaped(comment.inner)
                && self.fence_follows(comment.end, next)
            {
                let (annotation, diags) = self.annotation(comment);
                self.diags.extend(diags);
                *pending = Some(annotation);
            } else {
                self.push_comment(comment, comment.inner);
            }
        }
        if !pieces.other_text.is_empty() && starts_with_comment && restart.is_none() {
            self.push_other_text(&pieces.other_text, range.start);
        }
        restart
    }

    fn push_other_text(&mut self, text: &str, offset: usize) {
        let span = self.page.span(offset);
        self.blocks.push(Block::Paragraph(Text {
            text: text.to_string(),
            links: Vec::new(),
            span,
        }));
    }

    /// Whether `next` is a fenced code block with only blank lines between `end` and it.
    fn fence_follows(&self, end: usize, next: Option<&Spanned<'_>>) -> bool {
        match next {
            Some((Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))), range)) => {
                self.page.slice(end, range.start).trim().is_empty()
            }
            _ => false,
        }
    }

    fn annotation(&self, comment: &RawComment<'_>) -> (Annotation, Vec<Diagnostic>) {
        read_annotation(
            self.page,
            comment.inner,
            comment.inner_start,
            self.page.span(comment.start),
        )
    }

    fn push_comment(&mut self, comment: &RawComment<'_>, inner: &str) {
        let annotation = if is_annotation_shaped(inner) {
            let (annotation, diags) = read_annotation(
                self.page,
                inner,
                comment.inner_start,
                self.page.span(comment.start),
            );
            self.diags.extend(diags);
            Some(annotation)
        } else {
            None
        };
        self.blocks.push(Block::Comment(Comment {
            text: inner.trim().to_string(),
            span: self.page.span(comment.start),
            annotation,
        }));
    }

    /// A comment with no `-->`: it ends at the first blank line, and parsing restarts there.
    fn unterminated_comment(&mut self, comment: &RawComment<'_>) -> Option<usize> {
        let blank = first_blank_line(comment.inner).filter(|_| self.restarts < MAX_RESTARTS);
        self.restarts += 1;
        let (inner, restart) = match blank {
            Some(at) => (
                comment.inner.get(..at).unwrap_or(""),
                Some(comment.inner_start + at),
            ),
            None => (comment.inner, None),
        };
        let message = match restart {
            Some(offset) => format!(
                "this comment has no closing `-->`; it was taken to end at line {}",
                self.page.span(offset).line.saturating_sub(1)
            ),
            None => "this comment has no closing `-->`; it runs to the end of the page".to_string(),
        };
        self.diags.push(Diagnostic::new(
            Code::CommentUnterminated,
            self.page.span(comment.start),
            message,
        ));
        self.push_comment(comment, inner);
        restart
    }
}

/// Offset of the first blank line after the first line of `text`, if a line follows it.
fn first_blank_line(text: &str) -> Option<usize> {
    let mut offset = 0;
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 && line.trim().is_empty() && offset + line.len() < text.len() {
            return Some(offset);
        }
        offset += line.len() + 1;
    }
    None
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
