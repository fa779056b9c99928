//! Byte offset -> 1-based line:column, computed from line starts found once per text.

use crate::diag::Span;
use std::cell::Cell;

/// Line starts of one text. Columns count characters, not bytes.
#[derive(Clone, Debug)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the first byte of every line; `starts[0] == 0`.
    starts: Vec<usize>,
    /// The last position computed: byte offset and 0-based column.
    last: Cell<(usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        // `match_indices` on a char searches with memchr.
        starts.extend(text.match_indices('\n').map(|(index, _)| index + 1));
        LineIndex {
            text,
            starts,
            last: Cell::new((0, 0)),
        }
    }

    pub(crate) fn text(&self) -> &'a str {
        self.text
    }

    /// Number of lines (a text ending in `\n` has an empty last line).
    pub(crate) fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based index of the line holding `offset` (clamped to the text).
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// Byte offset where line `index` starts (the text's end past the last line).
    pub(crate) fn line_start(&self, index: usize) -> usize {
        self.starts.get(index).copied().unwrap_or(self.text.len())
    }

    /// Byte offset where line `index` ends, before its `\n`.
    pub(crate) fn line_end(&self, index: usize) -> usize {
        match self.starts.get(index + 1) {
            Some(next) => next.saturating_sub(1),
            None => self.text.len(),
        }
    }

    /// The text of line `index`, without its `\n`.
    pub(crate) fn line_text(&self, index: usize) -> &'a str {
        self.text
            .get(self.line_start(index)..self.line_end(index))
            .unwrap_or("")
    }

    /// 1-based line and character column of `offset`.
    ///
    /// Columns are counted from the last position asked on the same line when it lies before
    /// `offset`, so asking for every cell of a very long row stays linear.
    pub(crate) fn position(&self, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(self.text.len());
        while offset > 0 && !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let line_start = self.line_start(line);
        let (mut from, mut col) = (line_start, 0);
        let (cached_offset, cached_col) = self.last.get();
        if cached_offset >= line_start && cached_offset <= offset {
            (from, col) = (cached_offset, cached_col);
        }
        let between = self.text.get(from..offset).unwrap_or("");
        col += if between.is_ascii() {
            between.len()
        } else {
            between.chars().count()
        };
        self.last.set((offset, col));
        (to_u32(line + 1), to_u32(col + 1))
    }
}

pub(crate) fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// A page's path and line index: turns offsets into diagnostic spans.
#[derive(Clone, Debug)]
pub(crate) struct PageText<'a> {
    pub(crate) path: &'a str,
    pub(crate) lines: LineIndex<'a>,
}

impl<'a> PageText<'a> {
    pub(crate) fn new(path: &'a str, text: &'a str) -> Self {
        PageText {
            path,
            lines: LineIndex::new(text),
        }
    }

    pub(crate) fn text(&self) -> &'a str {
        self.lines.text()
    }

    /// The text between two byte offsets, or "" when they do not fit the text.
    pub(crate) fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text().get(start..end).unwrap_or("")
    }

    pub(crate) fn span(&self, offset: usize) -> Span {
        let (line, col) = self.lines.position(offset);
        Span::new(self.path, line, col)
    }

    /// The span of the first column of line `index` (0-based).
    pub(crate) fn line_span(&self, index: usize) -> Span {
        Span::new(self.path, to_u32(index + 1), 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let index = LineIndex::new("ab\nçd|e\n\nx");
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(1), (1, 2));
        assert_eq!(index.position(3), (2, 1));
        // `ç` is two bytes: `|` is byte 6 but the third character of its line.
        assert_eq!(index.position(6), (2, 3));
        assert_eq!(index.position(9), (3, 1));
        assert_eq!(index.position(10), (4, 1));
        assert_eq!(index.position(999), (4, 2));
        // Inside a multi-byte char: no panic, previous boundary.
        assert_eq!(index.position(4), (2, 1));
        assert_eq!(index.line_text(1), "çd|e");
        assert_eq!(index.line_text(2), "");
        assert_eq!(index.line_count(), 4);
        // Backwards after forwards on the same line: still right.
        assert_eq!(index.position(7), (2, 4));
        assert_eq!(index.position(5), (2, 2));
    }

    #[test]
    fn many_positions_on_one_long_line_are_linear() {
        let line = "| cell ".repeat(200_000);
        let index = LineIndex::new(&line);
        let started = std::time::Instant::now();
        let mut last = 0;
        for (offset, _) in line.match_indices('|') {
            last = index.position(offset).1;
        }
        assert_eq!(last, u32::try_from(line.len() - 7 + 1).unwrap_or(0));
        assert!(started.elapsed().as_secs() < 2);
    }
}
