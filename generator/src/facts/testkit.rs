//! Test support: a small line-based reader that turns an inline Markdown page into a [`Page`],
//! so facts tests do not depend on the pages stage. It knows only what the tests write:
//! front matter, ATX headings, pipe tables, fences with annotations, link definitions and
//! one-line paragraphs.

use crate::diag::Span;
use crate::ir::text::{Inline, Paragraph};
use crate::pages::{
    Annotation, Block, Cell, CodeBlock, Comment, FrontMatter, FrontMatterField, Heading, Link,
    Page, Row, TabPivot, Table, Text,
};

pub fn page(path: &str, markdown: &str) -> Page {
    let lines: Vec<&str> = markdown.lines().collect();
    let span = |i: usize| Span::new(path, i as u32 + 1, 1);
    let mut page = Page {
        path: path.to_string(),
        ..Page::default()
    };
    let mut i = 0;
    if lines.first() == Some(&"---") {
        page.front_matter = FrontMatter {
            present: true,
            span: span(0),
            ..FrontMatter::default()
        };
        i = 1;
        while i < lines.len() && lines[i] != "---" {
            if let Some((key, value)) = lines[i].split_once(':') {
                let value = value.trim().trim_matches('"').to_string();
                let field = FrontMatterField {
                    value,
                    span: span(i),
                };
                page.front_matter
                    .fields
                    .insert(key.trim().to_string(), field);
            }
            i += 1;
        }
        i += 1;
    }
    let mut pending: Option<Annotation> = None;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim();
        if trimmed.is_empty() {
            i += 1;
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("<!--") {
            let start = i;
            let mut text = rest.to_string();
            while !text.contains("-->") && i + 1 < lines.len() {
                i += 1;
                text.push('\n');
                text.push_str(lines[i]);
            }
            i += 1;
            let inner = text.split("-->").next().unwrap_or("").trim().to_string();
            let annotation = inner.starts_with('{').then(|| Annotation {
                fields: serde_json::from_str(&inner).unwrap_or_default(),
                span: span(start),
            });
            let next_is_fence = lines[i..]
                .iter()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.trim_start().starts_with("```"));
            if next_is_fence {
                pending = annotation;
            } else {
                page.blocks.push(Block::Comment(Comment {
                    text: inner,
                    span: span(start),
                    annotation,
                }));
            }
            continue;
        }
        if let Some(info) = trimmed.strip_prefix("```") {
            let start = i;
            let mut text = String::new();
            i += 1;
            while i < lines.len() && !lines[i].trim_start().starts_with("```") {
                text.push_str(lines[i]);
                text.push('\n');
                i += 1;
            }
            i += 1;
            page.blocks.push(Block::Code(CodeBlock {
                lang: info.trim().to_lowercase(),
                text,
                span: span(start),
                content_line: start as u32 + 2,
                annotation: pending.take(),
            }));
            continue;
        }
        if trimmed.starts_with('#') {
            let level = trimmed.chars().take_while(|c| *c == '#').count() as u8;
            let text = trimmed.trim_start_matches('#').trim();
            if level == 1 && text.starts_with('[') && text.contains("(#tab/") {
                let (inline, links, _) = inline(text);
                let target = links.first().map(|l| l.target.clone()).unwrap_or_default();
                page.blocks.push(Block::TabPivot(TabPivot {
                    label: inline,
                    target,
                    span: span(i),
                }));
            } else {
                let (text, _, _) = inline(text);
                page.blocks.push(Block::Heading(Heading {
                    level,
                    text,
                    span: span(i),
                }));
            }
            i += 1;
            continue;
        }
        if trimmed.starts_with('|') && lines.get(i + 1).is_some_and(|l| is_separator(l)) {
            let mut table = Table {
                header: cells(trimmed, path, i),
                span: span(i),
                ..Table::default()
            };
            i += 2;
            while i < lines.len() && lines[i].trim().starts_with('|') {
                table.rows.push(Row {
                    cells: cells(lines[i].trim(), path, i),
                    span: span(i),
                });
                i += 1;
            }
            page.blocks.push(Block::Table(table));
            continue;
        }
        if let Some((label, target)) = link_definition(trimmed) {
            page.link_defs.insert(label.to_lowercase(), target);
            i += 1;
            continue;
        }
        if trimmed == "---" {
            page.blocks.push(Block::Rule(span(i)));
            i += 1;
            continue;
        }
        let body = trimmed
            .trim_start_matches('>')
            .trim_start_matches("- ")
            .trim();
        let (text, links, pieces) = inline(body);
        page.blocks.push(Block::Paragraph(Text {
            text,
            links,
            pieces,
            span: span(i),
        }));
        i += 1;
    }
    // Reference links take their targets from the definitions, as the pages stage does.
    let defs = page.link_defs.clone();
    let target = |target: &mut String| {
        if let Some(label) = target.strip_prefix("ref:") {
            *target = defs.get(&label.to_lowercase()).cloned().unwrap_or_default();
        }
    };
    let resolve = |links: &mut Vec<Link>, pieces: &mut Paragraph| {
        links.iter_mut().for_each(|link| target(&mut link.target));
        for piece in &mut pieces.0 {
            if let Inline::Link { target: t, .. } = piece {
                target(t);
            }
        }
    };
    for block in &mut page.blocks {
        match block {
            Block::Paragraph(p) => resolve(&mut p.links, &mut p.pieces),
            Block::Table(t) => {
                for cell in t
                    .header
                    .iter_mut()
                    .chain(t.rows.iter_mut().flat_map(|r| r.cells.iter_mut()))
                {
                    resolve(&mut cell.links, &mut cell.pieces);
                }
            }
            _ => {}
        }
    }
    page
}

fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn link_definition(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix('[')?;
    let (label, target) = rest.split_once("]:")?;
    Some((label.to_string(), target.trim().to_string()))
}

fn cells(line: &str, path: &str, index: usize) -> Vec<Cell> {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                current.push('|');
                chars.next();
            }
            '|' => parts.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    parts.push(current);
    parts
        .into_iter()
        .map(|raw| {
            let raw = raw.trim().to_string();
            let (text, links, pieces) = inline(&raw);
            Cell {
                text,
                raw,
                links,
                pieces,
                span: Span::new(path, index as u32 + 1, 1),
            }
        })
        .collect()
}

/// Plain text, links and pieces of inline Markdown: emphasis dropped, code kept in backticks
/// (a code piece), link text in place of links. Reference links get a `ref:label` target
/// resolved later.
fn inline(source: &str) -> (String, Vec<Link>, Paragraph) {
    let source = source
        .replace("**", "")
        .replace("<br>", " ")
        .replace("<br/>", " ");
    let source = source.trim();
    let mut text = String::new();
    let mut links = Vec::new();
    let mut pieces = Paragraph::default();
    let mut rest = source;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        push_prose(&mut pieces, &rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            text.push_str(&rest[open..]);
            push_prose(&mut pieces, &rest[open..]);
            rest = "";
            break;
        };
        let label = &after[..close];
        let tail = &after[close + 1..];
        let target;
        if let Some(dest) = tail.strip_prefix('(') {
            let end = dest.find(')').unwrap_or(dest.len());
            target = dest[..end].to_string();
            rest = dest.get(end + 1..).unwrap_or("");
        } else if let Some(reference) = tail.strip_prefix('[') {
            let end = reference.find(']').unwrap_or(reference.len());
            let key = if reference[..end].is_empty() {
                label
            } else {
                &reference[..end]
            };
            target = format!("ref:{key}");
            rest = reference.get(end + 1..).unwrap_or("");
        } else {
            target = format!("ref:{label}");
            rest = tail;
        }
        links.push(Link {
            text: label.to_string(),
            target: target.clone(),
        });
        let mut label_pieces = Paragraph::default();
        push_prose(&mut label_pieces, label);
        pieces.push(Inline::Link {
            text: label_pieces.0,
            target,
        });
        text.push_str(label);
    }
    text.push_str(rest);
    push_prose(&mut pieces, rest);
    (text, links, pieces)
}

/// Text with `backticked` parts as code pieces.
fn push_prose(pieces: &mut Paragraph, text: &str) {
    for (index, part) in text.split('`').enumerate() {
        if index % 2 == 1 {
            pieces.push(Inline::Code(part.to_string()));
        } else {
            pieces.push_text(part);
        }
    }
}
