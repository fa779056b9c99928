//! Descriptions as structured text: paragraphs of inline pieces (text, inline code, links), built
//! by the Markdown reader (`pages`) and rendered by the emitter, which never reads Markdown.
//!
//! Text pieces are literal: `*`, `[`, `<` and backticks in them are characters, not syntax. Emphasis
//! is not kept (the docs use bold for names that read as well without it, and the doc comments
//! never showed it). A link's text holds text and code pieces only (CommonMark has no link in a
//! link); a bare `https://` URL in prose is a link whose text is the URL.
//!
//! JSON (part of `docgen ir`): `{"paragraphs": [[{"text": "The "}, {"code": "id"},
//! {"text": " of a "}, {"link": {"text": [{"text": "user"}], "target": "user.md"}}]]}`.

use serde::{Deserialize, Serialize};

/// A description: paragraphs in order. Empty when the docs say nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Description {
    #[serde(default)]
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph: inline pieces in order. Adjacent text pieces are kept merged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Paragraph(pub Vec<Inline>);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Inline {
    /// Literal text.
    Text(String),
    /// Inline code, without its backticks.
    Code(String),
    /// A link: its text and its target as written (`user.md`, `https://...`, `#anchor`).
    Link { text: Vec<Inline>, target: String },
}

impl Inline {
    pub fn text(text: &str) -> Self {
        Inline::Text(text.to_string())
    }

    pub fn code(code: &str) -> Self {
        Inline::Code(code.to_string())
    }

    pub fn link(text: Vec<Inline>, target: &str) -> Self {
        Inline::Link {
            text,
            target: target.to_string(),
        }
    }
}

impl Description {
    /// One paragraph of plain text (docgen's own words, a title); nothing when `text` is blank.
    pub fn plain(text: &str) -> Self {
        Self::from_paragraphs([Paragraph::from_text(text)])
    }

    /// The non-blank paragraphs, trimmed.
    pub fn from_paragraphs(paragraphs: impl IntoIterator<Item = Paragraph>) -> Self {
        Description {
            paragraphs: paragraphs
                .into_iter()
                .map(Paragraph::trimmed)
                .filter(|p| !p.is_blank())
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.iter().all(Paragraph::is_blank)
    }

    /// One paragraph.
    pub fn paragraph(paragraph: Paragraph) -> Self {
        Self::from_paragraphs([paragraph])
    }

    /// The first paragraph alone (the summary), or nothing.
    pub fn first_paragraph(&self) -> Description {
        Self::from_paragraphs(self.paragraphs.first().cloned())
    }

    /// The text as one string: paragraphs separated by a blank line, each as
    /// [`Paragraph::flat_text`].
    pub fn flat_text(&self) -> String {
        let paragraphs: Vec<String> = self.paragraphs.iter().map(Paragraph::flat_text).collect();
        paragraphs.join("\n\n")
    }
}

impl Paragraph {
    /// One text piece (none when `text` is empty).
    pub fn from_text(text: &str) -> Self {
        let mut paragraph = Paragraph::default();
        paragraph.push_text(text);
        paragraph
    }

    /// The paragraph with `text` appended (for descriptions docgen writes itself).
    pub fn with_text(mut self, text: &str) -> Self {
        self.push_text(text);
        self
    }

    /// The paragraph with inline code appended.
    pub fn with_code(mut self, code: &str) -> Self {
        self.0.push(Inline::code(code));
        self
    }

    /// Appends a piece, merging text into a text piece before it; empty text is not kept.
    pub fn push(&mut self, piece: Inline) {
        match piece {
            Inline::Text(text) => self.push_text(&text),
            other => self.0.push(other),
        }
    }

    pub fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some(Inline::Text(last)) => last.push_str(text),
            _ => self.0.push(Inline::Text(text.to_string())),
        }
    }

    /// Appends `text` with each bare `http://` / `https://` URL in it as a link whose text is the
    /// URL (also right after a letter: rustdoc warns on such a URL too). A URL ends before a
    /// space, a character it cannot hold, or trailing punctuation (`.`, `,`, a `)` without its
    /// `(`...).
    pub fn push_text_linking_urls(&mut self, text: &str) {
        let mut rest = text;
        while let Some(at) = find_url_start(rest) {
            let (before, tail) = rest.split_at(at);
            self.push_text(before);
            let url = tail.get(..url_len(tail)).unwrap_or_default();
            self.0.push(Inline::Link {
                text: vec![Inline::Text(url.to_string())],
                target: url.to_string(),
            });
            rest = tail.get(url.len()..).unwrap_or_default();
        }
        self.push_text(rest);
    }

    /// Whether the paragraph holds no visible text.
    pub fn is_blank(&self) -> bool {
        self.0.iter().all(|piece| match piece {
            Inline::Text(text) => text.trim().is_empty(),
            Inline::Code(_) => false,
            Inline::Link { text, .. } => text.is_empty(),
        })
    }

    /// The paragraph as one line, the way prose rules read it: code in backticks, links as
    /// their text.
    pub fn flat_text(&self) -> String {
        let mut out = String::new();
        flatten(&self.0, &mut out);
        out
    }

    /// Without whitespace at the start of the first piece and the end of the last (when those
    /// are text; empty text pieces are dropped).
    pub fn trimmed(mut self) -> Self {
        if let Some(Inline::Text(first)) = self.0.first_mut() {
            *first = first.trim_start().to_string();
        }
        if let Some(Inline::Text(last)) = self.0.last_mut() {
            *last = last.trim_end().to_string();
        }
        self.0
            .retain(|piece| !matches!(piece, Inline::Text(text) if text.is_empty()));
        self
    }

    /// The paragraph cut at byte offsets of its [`flat_text`](Self::flat_text), in increasing
    /// order. Cuts fall only inside or between text pieces: an offset inside code or a link's
    /// text is ignored. Each part is trimmed; blank parts are left out.
    pub fn split_at_flat(&self, offsets: &[usize]) -> Vec<Paragraph> {
        let mut parts = Vec::new();
        let mut current = Paragraph::default();
        let mut offsets = offsets.iter().copied().peekable();
        let mut at = 0;
        for piece in &self.0 {
            let len = flat_len(piece);
            if let Inline::Text(text) = piece {
                let mut start = 0;
                while let Some(cut) = offsets.next_if(|&cut| cut <= at + len) {
                    let Some(local) = cut.checked_sub(at).filter(|&l| l >= start) else {
                        continue;
                    };
                    current.push_text(text.get(start..local).unwrap_or_default());
                    parts.push(std::mem::take(&mut current));
                    start = local;
                }
                current.push_text(text.get(start..).unwrap_or_default());
            } else {
                // A cut inside code or link text is no cut.
                while offsets.next_if(|&cut| cut < at + len).is_some() {}
                current.push(piece.clone());
            }
            at += len;
        }
        parts.push(current);
        parts
            .into_iter()
            .map(Paragraph::trimmed)
            .filter(|p| !p.is_blank())
            .collect()
    }

    /// The parts joined by a space, as one paragraph.
    pub fn join(parts: impl IntoIterator<Item = Paragraph>) -> Paragraph {
        let mut out = Paragraph::default();
        for part in parts {
            if !out.0.is_empty() {
                out.push_text(" ");
            }
            for piece in part.0 {
                out.push(piece);
            }
        }
        out
    }
}

/// Where the first bare URL with something after its scheme starts.
fn find_url_start(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text.get(from..)?.find("http") {
        let at = from + found;
        let tail = text.get(at..)?;
        let scheme = ["https://", "http://"]
            .into_iter()
            .find(|scheme| tail.starts_with(scheme));
        if scheme.is_some_and(|scheme| url_len(tail) > scheme.len()) {
            return Some(at);
        }
        from = at + "http".len();
    }
    None
}

/// The length of the URL at the start of `text`.
fn url_len(text: &str) -> usize {
    let end = text
        .find(|c: char| {
            !c.is_ascii_graphic() || matches!(c, '<' | '>' | '`' | '"' | '\\' | '[' | ']' | '|')
        })
        .unwrap_or(text.len());
    let url = text.get(..end).unwrap_or_default();
    // Counted once and updated as the end moves back, so a URL ending in many `)` costs linear
    // time.
    let mut open = url.matches('(').count();
    let mut close = url.matches(')').count();
    let mut len = url.len();
    for last in url.chars().rev() {
        let unbalanced_paren = last == ')' && open < close;
        if !(matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'') || unbalanced_paren) {
            break;
        }
        match last {
            '(' => open -= 1,
            ')' => close -= 1,
            _ => {}
        }
        len -= 1;
    }
    len
}

fn flatten(pieces: &[Inline], out: &mut String) {
    for piece in pieces {
        match piece {
            Inline::Text(text) => out.push_str(text),
            Inline::Code(code) => {
                out.push('`');
                out.push_str(code);
                out.push('`');
            }
            Inline::Link { text, .. } => flatten(text, out),
        }
    }
}

/// Length of a piece in [`Paragraph::flat_text`].
fn flat_len(piece: &Inline) -> usize {
    match piece {
        Inline::Text(text) => text.len(),
        Inline::Code(code) => code.len() + 2,
        Inline::Link { text, .. } => text.iter().map(flat_len).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use Inline as I;

    fn sample() -> Paragraph {
        Paragraph(vec![
            I::text("Use "),
            I::code("a.B"),
            I::text(". See "),
            I::link(vec![I::text("the user")], "user.md"),
            I::text(". Done."),
        ])
    }

    #[test]
    fn json_is_readable() {
        let description = Description::from_paragraphs([sample()]);
        let json = serde_json::to_string(&description).unwrap();
        assert_eq!(
            json,
            r#"{"paragraphs":[[{"text":"Use "},{"code":"a.B"},{"text":". See "},{"link":{"text":[{"text":"the user"}],"target":"user.md"}},{"text":". Done."}]]}"#
        );
        let back: Description = serde_json::from_str(&json).unwrap();
        assert_eq!(back, description);
        let empty: Description = serde_json::from_str("{}").unwrap();
        assert!(empty.is_empty());
    }

    #[test]
    fn flat_text_and_splits() {
        let paragraph = sample();
        let flat = paragraph.flat_text();
        assert_eq!(flat, "Use `a.B`. See the user. Done.");
        // After "`a.B`." (10), inside the code (6, ignored), after "user." (24).
        let parts = paragraph.split_at_flat(&[6, 10, 24]);
        let flats: Vec<String> = parts.iter().map(Paragraph::flat_text).collect();
        assert_eq!(flats, ["Use `a.B`.", "See the user.", "Done."]);
        assert_eq!(parts[1].0.first(), Some(&I::text("See ")));
        assert_eq!(Paragraph::join(parts).flat_text(), flat);
        assert_eq!(paragraph.split_at_flat(&[]), vec![paragraph.clone()]);
    }

    #[test]
    fn bare_urls_become_links() {
        let url = |u: &str| I::link(vec![I::text(u)], u);
        let mut paragraph = Paragraph::default();
        paragraph.push_text_linking_urls(
            "Go to https://aka.ms/x_y. Or (http://a.com/b(c)), xhttps://c.com, not http://",
        );
        assert_eq!(
            paragraph.0,
            [
                I::text("Go to "),
                url("https://aka.ms/x_y"),
                I::text(". Or ("),
                url("http://a.com/b(c)"),
                I::text("), x"),
                url("https://c.com"),
                I::text(", not http://"),
            ]
        );
        let mut parens = Paragraph::default();
        let long = format!("https://a.com/b{}", ")".repeat(200_000));
        let started = std::time::Instant::now();
        parens.push_text_linking_urls(&long);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        assert_eq!(parens.0.first(), Some(&url("https://a.com/b")));
    }

    #[test]
    fn blank_and_trimmed() {
        assert!(Description::plain("  ").is_empty());
        assert!(Paragraph(vec![I::text(" "), I::text("")]).is_blank());
        assert!(!Paragraph(vec![I::code("")]).is_blank());
        assert_eq!(
            Paragraph(vec![I::text(" a "), I::code("b"), I::text(" ")]).trimmed(),
            Paragraph(vec![I::text("a "), I::code("b")])
        );
        let mut merged = Paragraph::from_text("a");
        merged.push(I::text("b"));
        assert_eq!(merged, Paragraph::from_text("ab"));
        assert_eq!(
            Description::plain("x\n").flat_text(),
            Description::plain("x").flat_text()
        );
    }
}
