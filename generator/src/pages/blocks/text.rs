//! Headings (and tab pivots), paragraphs (and include lines, and tables CommonMark missed),
//! and code blocks.

use super::{Spanned, Walker};
use crate::diag::{Code, Diagnostic};
use crate::pages::inline::parse_include;
use crate::pages::lines::to_u32;
use crate::pages::page::{Annotation, Block, CodeBlock, Heading, Include, TabPivot};
use crate::pages::table::{build_table, find_table_start};
use pulldown_cmark::{CodeBlockKind, Event};
use std::ops::Range;

impl Walker<'_, '_> {
    pub(super) fn heading(&mut self, level: u8, range: Range<usize>, inner: &[Spanned<'_>]) {
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

    pub(super) fn paragraph(&mut self, range: Range<usize>, inner: &[Spanned<'_>]) {
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

    pub(super) fn code(
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
            content_line: to_u32(content_line),
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
}
