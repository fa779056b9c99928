//! Pipe tables, read from their source lines.
//!
//! pulldown-cmark finds the table, but it pads or drops cells to the header's width and it reads a
//! row broken over two lines as two rows. So rows and cells are split here from the source (GFM
//! rules: unescaped `|`, outer pipes optional), broken rows are joined, and each cell's inline
//! Markdown is rendered by parsing the cells again as one table wide enough for every row.

use super::inline::{resolve_broken_link, InlineWriter};
use super::lines::PageText;
use super::page::{Cell, Row, Table, Text};
use crate::diag::{excerpt, Code, Diagnostic, Span};
use crate::ir::text::Paragraph;
use pulldown_cmark::{BrokenLink, Event, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::ops::Range;

/// One cell as split from the source.
#[derive(Clone, Debug)]
struct RawCell {
    /// Page offset of the cell's first non-blank character.
    start: usize,
    /// The cell's Markdown, trimmed (joined with a space when the row was broken).
    source: String,
}

#[derive(Clone, Debug)]
struct RawRow {
    /// Page offset of the row's first character after any container prefix.
    start: usize,
    cells: Vec<RawCell>,
    ends_with_pipe: bool,
}

/// Builds the table pulldown-cmark found at `range` of the page.
pub(crate) fn build_table(
    page: &PageText<'_>,
    range: Range<usize>,
    defs: &BTreeMap<String, String>,
    diags: &mut Vec<Diagnostic>,
) -> Table {
    let lines = &page.lines;
    let first_line = lines.line_of(range.start);
    let last_line = lines.line_of(range.end.saturating_sub(1).max(range.start));
    let in_quote = page
        .slice(lines.line_start(first_line), range.start)
        .contains('>');
    let split = |index: usize| split_row(page, index, in_quote);

    let header = split(first_line);
    let width = header.cells.len();
    let trailing_pipes = header.ends_with_pipe;
    let mut rows: Vec<RawRow> = Vec::new();
    let mut index = first_line + 2;
    while index <= last_line {
        if lines.line_text(index).trim().is_empty() {
            index += 1;
            continue;
        }
        let mut row = split(index);
        while index < last_line {
            let next = split(index + 1);
            if !continues(
                &row,
                &next,
                page,
                index + 1,
                width,
                trailing_pipes,
                in_quote,
            ) {
                break;
            }
            diags.push(Diagnostic::new(
                Code::TableRowBroken,
                page.span(next.start),
                "this line continues the table row above it (it does not start with `|`); the lines were joined",
            ));
            join(&mut row, next);
            index += 1;
        }
        rows.push(row);
        index += 1;
    }

    let rendered = render_cells(&header, &rows, defs);
    let mut render = rendered.into_iter();
    let header_cells = finish_cells(page, &header, render.next(), diags);
    let mut table_rows = Vec::with_capacity(rows.len());
    for row in &rows {
        let cells = finish_cells(page, row, render.next(), diags);
        if cells.len() != width {
            diags.push(Diagnostic::new(
                Code::TableCells,
                page.span(row.start),
                format!(
                    "this row has {} cells, the header has {}",
                    cells.len(),
                    width
                ),
            ));
        }
        table_rows.push(Row {
            cells,
            span: page.span(row.start),
        });
    }
    Table {
        header: header_cells,
        rows: table_rows,
        span: page.span(header.start),
    }
}

/// The offset of a table's header line inside `start..end` (a paragraph to CommonMark), if a
/// line there holding `|` is followed by a delimiter row. pulldown-cmark rejects some tables
/// GitHub and the docs site accept, e.g. with tabs in the delimiter row.
pub(crate) fn find_table_start(page: &PageText<'_>, start: usize, end: usize) -> Option<usize> {
    let lines = &page.lines;
    let first = lines.line_of(start);
    let last = lines.line_of(end.saturating_sub(1).max(start));
    (first..last)
        .find(|&index| {
            let header = lines.line_text(index).trim_start_matches([' ', '\t', '>']);
            header.contains('|') && is_delimiter_row(lines.line_text(index + 1))
        })
        .map(|index| lines.line_start(index).max(start))
}

fn is_delimiter_row(line: &str) -> bool {
    let row = line.trim_start_matches([' ', '\t', '>']).trim_end();
    row.contains('|')
        && row.contains('-')
        && row
            .chars()
            .all(|c| matches!(c, '|' | ':' | '-' | ' ' | '\t'))
}

/// Whether `next` (line `index`) is the rest of `row`, broken by a literal newline.
fn continues(
    row: &RawRow,
    next: &RawRow,
    page: &PageText<'_>,
    index: usize,
    width: usize,
    trailing_pipes: bool,
    in_quote: bool,
) -> bool {
    let text = page.lines.line_text(index);
    let text = if in_quote {
        text.trim_start_matches([' ', '\t', '>'])
    } else {
        text.trim_start()
    };
    if text.is_empty() || text.starts_with('|') {
        return false;
    }
    let incomplete = if trailing_pipes {
        !row.ends_with_pipe
    } else {
        row.cells.len() < width
    };
    let joined_width = row.cells.len() + next.cells.len().saturating_sub(1);
    incomplete && (joined_width <= width || row.cells.len() < width)
}

fn join(row: &mut RawRow, next: RawRow) {
    let mut rest = next.cells.into_iter();
    if let (Some(last), Some(first)) = (row.cells.last_mut(), rest.next()) {
        if !first.source.is_empty() {
            if !last.source.is_empty() {
                last.source.push(' ');
            }
            last.source.push_str(&first.source);
        }
    }
    row.cells.extend(rest);
    row.ends_with_pipe = next.ends_with_pipe;
}

/// Splits line `index` into cells on unescaped pipes.
fn split_row(page: &PageText<'_>, index: usize, in_quote: bool) -> RawRow {
    let line_start = page.lines.line_start(index);
    let line = page.lines.line_text(index);
    let content = if in_quote {
        line.trim_start_matches([' ', '\t', '>'])
    } else {
        line.trim_start()
    };
    let mut offset = line_start + (line.len() - content.len());
    let row_start = offset;
    let mut content = content.trim_end();
    if let Some(rest) = content.strip_prefix('|') {
        content = rest;
        offset += 1;
    }
    let bytes = content.as_bytes();
    let mut boundaries = Vec::new();
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'\\' => i += 2,
            b'|' => {
                boundaries.push(i);
                i += 1;
            }
            _ => i += 1,
        }
    }
    let ends_with_pipe = boundaries
        .last()
        .is_some_and(|&last| last + 1 == content.len());
    let mut cells = Vec::with_capacity(boundaries.len() + 1);
    let mut cell_start = 0;
    for end in boundaries
        .iter()
        .copied()
        .chain(std::iter::once(content.len()))
    {
        if end == content.len() && ends_with_pipe {
            break;
        }
        let piece = content.get(cell_start..end).unwrap_or("");
        let trimmed = piece.trim_start();
        let lead = piece.len() - trimmed.len();
        cells.push(RawCell {
            start: offset + cell_start + lead,
            source: trimmed.trim_end().to_string(),
        });
        cell_start = end + 1;
    }
    RawRow {
        start: row_start,
        cells,
        ends_with_pipe,
    }
}

/// Text, links and pieces of one cell, with the labels of its undefined reference links.
type RenderedCell = (Text, Vec<String>);

/// Renders every cell's inline Markdown; the first row returned is the header. Plain cells (no
/// Markdown punctuation) are copied; the others are parsed together as the rows of a one-column
/// table, so each keeps table-cell semantics (`\|`, no block syntax) and none is dropped.
fn render_cells(
    header: &RawRow,
    rows: &[RawRow],
    defs: &BTreeMap<String, String>,
) -> Vec<Vec<RenderedCell>> {
    let all_rows = || std::iter::once(header).chain(rows);
    let mut rendered: Vec<Vec<RenderedCell>> = Vec::with_capacity(rows.len() + 1);
    let mut markdown = String::new();
    let mut pending: Vec<(usize, usize)> = Vec::new();
    for (row_index, row) in all_rows().enumerate() {
        let mut cells = Vec::with_capacity(row.cells.len());
        for (cell_index, cell) in row.cells.iter().enumerate() {
            if is_plain(&cell.source) {
                let mut writer = InlineWriter::with_capacity(cell.source.len());
                writer.push_str(&cell.source);
                cells.push((writer.finish(Span::default()), Vec::new()));
            } else {
                if markdown.is_empty() {
                    markdown.push_str("| x |\n|---|\n");
                }
                markdown.push_str("| ");
                markdown.push_str(&cell.source);
                markdown.push_str(" |\n");
                pending.push((row_index, cell_index));
                cells.push((Text::default(), Vec::new()));
            }
        }
        rendered.push(cells);
    }
    if pending.is_empty() {
        return rendered;
    }
    let mut callback = |link: BrokenLink<'_>| resolve_broken_link(defs, &link);
    let parser = Parser::new_with_broken_link_callback(
        &markdown,
        Options::ENABLE_TABLES,
        Some(&mut callback),
    );
    let mut targets = pending.into_iter();
    let mut in_head = false;
    let mut writer: Option<InlineWriter> = None;
    for event in parser {
        match &event {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            _ if in_head => {}
            Event::Start(Tag::TableCell) => writer = Some(InlineWriter::new()),
            Event::End(TagEnd::TableCell) => {
                let Some(done) = writer.take() else { continue };
                let Some((row, cell)) = targets.next() else {
                    break;
                };
                let broken = done.broken_refs.clone();
                let text = done.finish(Span::default());
                if let Some(slot) = rendered.get_mut(row).and_then(|cells| cells.get_mut(cell)) {
                    *slot = (text, broken);
                }
            }
            other => {
                if let Some(current) = writer.as_mut() {
                    current.event(other);
                }
            }
        }
    }
    rendered
}

/// A cell with nothing for Markdown to interpret (no emphasis, code, link, HTML, entity, escape).
fn is_plain(source: &str) -> bool {
    !source.bytes().any(|b| {
        matches!(
            b,
            b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'&' | b'\\' | b'!'
        )
    })
}

fn finish_cells(
    page: &PageText<'_>,
    row: &RawRow,
    rendered: Option<Vec<RenderedCell>>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Cell> {
    let mut rendered = rendered.unwrap_or_default().into_iter();
    row.cells
        .iter()
        .map(|cell| {
            let raw = cell.source.replace("\\|", "|");
            let span = page.span(cell.start);
            let (text, broken) = rendered.next().unwrap_or_else(|| {
                let text = Text {
                    text: raw.clone(),
                    pieces: Paragraph::from_text(&raw),
                    ..Text::default()
                };
                (text, Vec::new())
            });
            for label in broken {
                diags.push(Diagnostic::new(
                    Code::LinkBroken,
                    span.clone(),
                    format!(
                        "reference link `[{}]` has no definition on this page",
                        excerpt(&label)
                    ),
                ));
            }
            Cell {
                text: text.text,
                raw,
                links: text.links,
                pieces: text.pieces,
                span,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(markdown: &str) -> (Table, Vec<Diagnostic>) {
        let page = PageText::new("t.md", markdown);
        let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES).into_offset_iter();
        let range = parser
            .filter_map(|(event, range)| {
                matches!(event, Event::Start(Tag::Table(_))).then_some(range)
            })
            .next();
        let defs = BTreeMap::from([("identityset".to_string(), "identityset.md".to_string())]);
        let mut diags = Vec::new();
        let table = build_table(&page, range.unwrap_or(0..0), &defs, &mut diags);
        (table, diags)
    }

    fn texts(row: &Row) -> Vec<&str> {
        row.cells.iter().map(|c| c.text.as_str()).collect()
    }

    fn codes(diags: &[Diagnostic]) -> Vec<(&str, u32)> {
        diags
            .iter()
            .map(|d| (d.code.as_str(), d.span.line))
            .collect()
    }

    #[test]
    fn header_rows_spans_and_links() {
        let (table, diags) = table(
            "Intro\n\n| Property | Type | Description |\n|:---|:---|:---|\n| id | String | The **id**. Read-only. |\n| by | [identitySet][] | See [user](user.md). |\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(table.header_keys(), vec!["property", "type", "description"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(
            texts(&table.rows[0]),
            vec!["id", "String", "The id. Read-only."]
        );
        assert_eq!(table.rows[0].cells[2].raw, "The **id**. Read-only.");
        assert_eq!((table.span.line, table.span.col), (3, 1));
        assert_eq!(
            (table.rows[1].span.line, table.rows[1].cells[1].span.col),
            (6, 8)
        );
        assert_eq!(table.rows[1].cells[1].links[0].target, "identityset.md");
        assert_eq!(table.rows[1].cells[2].links[0].text, "user");
    }

    #[test]
    fn missing_outer_pipes_and_varied_separators() {
        let (table, diags) = table("Member | Value\n:-- | --:\nnotStarted | 0\nrunning|1\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(texts(&table.rows[1]), vec!["running", "1"]);
        assert_eq!(table.rows[1].cells[1].span.col, 9);
    }

    #[test]
    fn extra_and_missing_cells_are_kept_with_a_warning() {
        let (table, diags) = table("| A | B | C |\n|-|-|-|\n| **Calendar** |\n| a | b | c | d |\n");
        assert_eq!(codes(&diags), vec![("table-cells", 3), ("table-cells", 4)]);
        assert_eq!(texts(&table.rows[0]), vec!["Calendar"]);
        assert_eq!(texts(&table.rows[1]), vec!["a", "b", "c", "d"]);
    }

    #[test]
    fn escaped_pipes_entities_and_br() {
        let (table, diags) = table(
            "| Name | Value |\n|--|--|\n| a \\| b | `x\\|y` &lt;t&gt;<br>next&#124;&nbsp;z |\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(texts(&table.rows[0]), vec!["a | b", "`x|y` <t> next| z"]);
        assert_eq!(table.rows[0].cells[0].raw, "a | b");
    }

    #[test]
    fn broken_row_is_joined() {
        let markdown = "| Property | Type | Description |\n|:--|:--|:--|\n|threats|String collection|List (a,\nb,c).|\n|tier|String|Tier.|\n";
        let (table, diags) = table(markdown);
        assert_eq!(codes(&diags), vec![("table-row-broken", 4)]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(
            texts(&table.rows[0]),
            vec!["threats", "String collection", "List (a, b,c)."]
        );
        assert_eq!(table.rows[0].cells[2].raw, "List (a, b,c).");
        assert_eq!(table.rows[1].span.line, 5);
    }

    #[test]
    fn row_without_leading_pipe_is_a_row_not_a_continuation() {
        let (table, diags) = table("| A | B |\n|-|-|\n| a | b |\nc | d |\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(table.rows.len(), 2);
        assert_eq!(texts(&table.rows[1]), vec!["c", "d"]);
    }

    #[test]
    fn undefined_reference_in_a_cell() {
        let (table, diags) = table("| A | B |\n|-|-|\n| a | [nowhere][] |\n");
        assert_eq!(codes(&diags), vec![("link-broken", 3)]);
        assert_eq!(table.rows[0].cells[1].links[0].target, "");
    }

    #[test]
    fn table_in_a_block_quote() {
        let (table, diags) = table("> | A | B |\n> |-|-|\n> | a | b |\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(texts(&table.rows[0]), vec!["a", "b"]);
    }
}
