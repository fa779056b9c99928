//! HTML blocks: comments, annotations that belong to the next fence, unterminated comments.

use super::{Spanned, Walker, MAX_RESTARTS};
use crate::diag::{Code, Diagnostic};
use crate::ir::text::Paragraph;
use crate::pages::annotation::{is_annotation_shaped, read_annotation};
use crate::pages::comments::{split_html, RawComment};
use crate::pages::page::{Annotation, Block, Comment, Text};
use pulldown_cmark::{CodeBlockKind, Event, Tag};
use std::ops::Range;

impl Walker<'_, '_> {
    /// An HTML block: its comments become [`Comment`]s or the annotation of the next fence.
    /// Returns where to restart parsing when an unterminated comment was cut short.
    pub(super) fn html_block(
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
            pieces: Paragraph::from_text(text),
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
