//! Test support: a tiny reader that turns a small inline Markdown page into a [`Page`], so that
//! the facts and model tests do not depend on the pages stage. It knows only what those tests
//! write: headings, paragraphs, pipe tables, fences with a preceding annotation, comments.

use crate::diag::Span;
use crate::pages::{
    Annotation, Block, Cell, CodeBlock, Comment, FrontMatter, FrontMatterField, Heading, Link,
    Page, Row, Table, Text,
};

pub fn page(path: &str, markdown: &str) -> Page {
    let mut page = Page {
        path: path.to_string(),
        ..Page::default()
    };
    let lines: Vec<&str> = markdown.lines().collect();
    let span = |i: usize| Span::new(path, i as u32 + 1, 1);
    let mut i = 0;
    let mut pending_annotation: Option<Annotation> = None;
    if lines.first() == Some(&"---") {
        page.front_matter.present = true;
        i = 1;
        while let Some(line) = lines.get(i) {
            i += 1;
            if *line == "---" {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                let field = FrontMatterField {
                    value: v.trim().trim_matches('"').to_string(),
                    span: span(i - 1),
                };
                page.front_matter.fields.insert(k.trim().to_string(), field);
            }
        }
        page.front_matter = FrontMatter {
            span: span(0),
            ..page.front_matter
        };
    }
    while let Some(line) = lines.get(i) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            i += 1;
        } else if let Some(rest) = trimmed.strip_prefix("<!--") {
            let start = i;
            let mut text = rest.to_string();
            while !text.contains("-->") {
                i += 1;
                match lines.get(i) {
                    Some(next) => {
                        text.push('\n');
                        text.push_str(next);
                    }
                    None => break,
                }
            }
            i += 1;
            let inner = text
                .split("-->")
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            let annotation = match serde_json::from_str(&inner) {
                Ok(serde_json::Value::Object(fields)) => Some(Annotation {
                    fields,
                    span: span(start),
                }),
                _ => None,
            };
            match annotation {
                Some(a) if a.block_type().is_some() => pending_annotation = Some(a),
                other => page.blocks.push(Block::Comment(Comment {
                    text: inner,
                    span: span(start),
                    annotation: other,
                })),
            }
        } else if let Some(lang) = trimmed.strip_prefix("```") {
            let start = i;
            let mut text = String::new();
            i += 1;
            while let Some(next) = lines.get(i) {
                i += 1;
                if next.trim() == "```" {
                    break;
                }
                text.push_str(next);
                text.push('\n');
            }
            page.blocks.push(Block::Code(CodeBlock {
                lang: lang.trim().to_lowercase(),
                text,
                span: span(start),
                content_line: start as u32 + 2,
                annotation: pending_annotation.take(),
            }));
        } else if trimmed.starts_with('#') {
            let level = trimmed.chars().take_while(|c| *c == '#').count() as u8;
            let text = trimmed.trim_start_matches('#').trim().to_string();
            page.blocks.push(Block::Heading(Heading {
                level,
                text,
                span: span(i),
            }));
            i += 1;
        } else if trimmed.starts_with('|') {
            let mut table = Table {
                span: span(i),
                ..Table::default()
            };
            table.header = cells(trimmed, &span(i));
            i += 1;
            while let Some(next) = lines
                .get(i)
                .map(|l| l.trim())
                .filter(|l| l.starts_with('|'))
            {
                if !next.chars().all(|c| "|:- ".contains(c)) {
                    table.rows.push(Row {
                        cells: cells(next, &span(i)),
                        span: span(i),
                    });
                }
                i += 1;
            }
            page.blocks.push(Block::Table(table));
        } else {
            page.blocks.push(Block::Paragraph(text(trimmed, span(i))));
            i += 1;
        }
    }
    page
}

fn cells(line: &str, span: &Span) -> Vec<Cell> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner
        .split('|')
        .map(|raw| {
            let t = text(raw.trim(), span.clone());
            Cell {
                text: t.text,
                raw: raw.trim().to_string(),
                links: t.links,
                span: span.clone(),
            }
        })
        .collect()
}

/// Plain text with `[x](y)` links replaced by their text.
fn text(markdown: &str, span: Span) -> Text {
    let mut out = String::new();
    let mut links = Vec::new();
    let mut rest = markdown;
    while let Some(open) = rest.find('[') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let after = rest.get(open + 1..).unwrap_or_default();
        match after
            .split_once("](")
            .and_then(|(t, r)| r.split_once(')').map(|(target, r)| (t, target, r)))
        {
            Some((label, target, remainder)) if !label.contains('[') => {
                out.push_str(label);
                links.push(Link {
                    text: label.to_string(),
                    target: target.to_string(),
                });
                rest = remainder;
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Text {
        text: out.replace("**", ""),
        links,
        span,
    }
}
