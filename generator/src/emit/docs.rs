//! Doc comments from the docs' descriptions, made safe for rustdoc, clippy and rustc.
//!
//! Descriptions arrive structured ([`Description`]: paragraphs of text, code and link pieces, read
//! from the Markdown by the pages stage), so this module only renders; it never reads Markdown.
//! Text reaches the code only as `#[doc = "..."]` string literals built by quote, so it cannot
//! add code; what remains is keeping rustdoc and the lints quiet and the rendering faithful:
//! - each paragraph is wrapped at [`WIDTH`]; every line starts with plain text (block markers
//!   such as `-`, `#`, `>`, `1.`, `|` are escaped), so no list, heading, table or indented/fenced
//!   code block (a doctest!) can appear;
//! - in text pieces, the characters Markdown reads anywhere (`\`, `[`, `]`, `<`, `|`, backtick)
//!   are escaped: no broken intra-doc link, HTML tag or code span comes from text;
//! - code pieces become code spans with backticks enough for their content;
//! - links to absolute http(s) URLs are kept (`[text](url)`, or `<url>` when the text is the
//!   URL); other links (the docs' relative pages) show their text; a URL in text is shown as
//!   `<url>` ([`Paragraph::push_text_linking_urls`], the reader's rule);
//! - control characters (NUL included) and bidirectional-override code points are dropped
//!   (rustc denies the latter in comments).

use crate::ir::text::{Description, Inline, Paragraph};
use proc_macro2::TokenStream;
use quote::quote;

/// Wrap width of doc text (the `///` prefix and indentation come on top).
pub const WIDTH: usize = 90;

/// Longest target of a link with its own text kept as a link; a longer one shows the text only.
const MAX_URL_CHARS: usize = 2048;

/// `#[doc]` attributes for the lines, each rendered as `/// line`.
pub fn attrs(lines: &[String]) -> TokenStream {
    let docs = lines.iter().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #( #[doc = #docs] )* }
}

/// Builds doc lines from paragraphs of docs text and docgen's own lines.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    lines: Vec<String>,
}

impl Doc {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a description from the docs, one doc paragraph per paragraph.
    pub fn description(mut self, description: &Description) -> Self {
        for paragraph in &description.paragraphs {
            let lines = paragraph_lines(paragraph);
            if !lines.is_empty() {
                self.paragraph_break();
                self.lines.extend(lines);
            }
        }
        self
    }

    /// Adds docs text that is not Markdown (a title) as one paragraph of plain text.
    pub fn text(self, text: &str) -> Self {
        self.description(&Description::plain(text))
    }

    /// Adds one paragraph built by docgen from pieces already made safe with [`code`] or
    /// [`plain`].
    pub fn line(mut self, text: impl Into<String>) -> Self {
        self.paragraph_break();
        self.lines.push(text.into());
        self
    }

    fn paragraph_break(&mut self) {
        if !self.lines.is_empty() {
            self.lines.push(String::new());
        }
    }

    pub fn attrs(&self) -> TokenStream {
        attrs(&self.lines)
    }
}

/// Docs text shown as inline code: backticks long enough to hold any backtick inside.
pub fn code(text: &str) -> String {
    let text: String = strip_unsafe_chars(text)
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let longest = longest_backtick_run(&text);
    let fence = "`".repeat(longest + 1);
    let pad = if longest > 0 || text.starts_with(' ') || text.ends_with(' ') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Docs text shown as plain, single-line text with every Markdown character escaped.
pub fn plain(text: &str) -> String {
    let mut out = String::new();
    for c in strip_unsafe_chars(text).chars() {
        match c {
            '\n' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// Drops control characters (but keeps newlines), bidi overrides and zero-width marks.
fn strip_unsafe_chars(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// A piece of a paragraph: text the wrapper may break at spaces, or an unbreakable unit.
enum Piece {
    Text(String),
    Atom(String),
}

/// Sanitised, wrapped lines of one paragraph.
fn paragraph_lines(paragraph: &Paragraph) -> Vec<String> {
    let mut pieces = Vec::new();
    render(&paragraph.0, &mut pieces);
    wrap(&pieces)
}

/// Inline pieces as wrapper pieces: text escaped, code and kept links as atoms.
fn render(inlines: &[Inline], out: &mut Vec<Piece>) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => {
                // A URL left in text (the reader makes them links; another IR may not) is
                // still shown as a link: rustdoc warns on bare URLs.
                let mut linked = Paragraph::default();
                linked.push_text_linking_urls(text);
                for piece in linked.0 {
                    match piece {
                        Inline::Text(text) => {
                            let text = escape_text(&text);
                            match out.last_mut() {
                                Some(Piece::Text(last)) => last.push_str(&text),
                                _ => out.push(Piece::Text(text)),
                            }
                        }
                        link => render(&[link], out),
                    }
                }
            }
            Inline::Code(content) if !content.is_empty() => out.push(Piece::Atom(code(content))),
            Inline::Code(_) => {}
            Inline::Link { text, target } => match web_link(text, target) {
                Some(link) => out.push(Piece::Atom(link)),
                None => render(text, out),
            },
        }
    }
}

/// A link to an absolute http(s) URL as Markdown: `<url>` when its text is the URL (or empty),
/// else `[text](url)` (parentheses percent-encoded, so the target cannot end early).
fn web_link(text: &[Inline], target: &str) -> Option<String> {
    if !is_web_url(target) {
        return None;
    }
    let label = label_markdown(text);
    let shows_itself = match text {
        [] => true,
        [Inline::Text(only)] => only.trim() == target,
        _ => false,
    };
    if shows_itself {
        return Some(format!("<{target}>"));
    }
    if target.chars().count() > MAX_URL_CHARS || label.trim().is_empty() {
        return None;
    }
    let target = target.replace('(', "%28").replace(')', "%29");
    Some(format!("[{}]({target})", label.trim()))
}

/// A link's text as Markdown on one line: text escaped, code as code, a link inside as its text.
fn label_markdown(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push_str(&escape_text(text)),
            Inline::Code(content) => out.push_str(&code(content)),
            Inline::Link { text, .. } => out.push_str(&label_markdown(text)),
        }
    }
    out
}

/// Escapes the characters that are Markdown syntax wherever they stand in a line; newlines
/// become spaces.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in strip_unsafe_chars(text).chars() {
        match c {
            '\n' => out.push(' '),
            '\\' | '[' | ']' | '<' | '|' | '`' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn is_web_url(target: &str) -> bool {
    (target.starts_with("https://") || target.starts_with("http://"))
        && target.len() > "https://".len()
        && target
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '`' | '"' | '\\' | '[' | ']'))
}

/// Wraps pieces into lines of at most [`WIDTH`] characters (atoms are never split), escaping
/// whatever would make a line start a Markdown block.
fn wrap(pieces: &[Piece]) -> Vec<String> {
    // Words: (text, may_start_a_line_unescaped). Atoms are one word each; text splits at spaces.
    let mut words: Vec<(String, bool)> = Vec::new();
    let mut glue = false;
    for piece in pieces {
        match piece {
            Piece::Atom(atom) => {
                push_word(&mut words, atom.clone(), true, glue);
                glue = true;
            }
            Piece::Text(text) => {
                let starts_with_space = text.starts_with(' ');
                for (n, word) in text.split(' ').enumerate() {
                    if word.is_empty() {
                        continue;
                    }
                    push_word(
                        &mut words,
                        word.to_string(),
                        false,
                        glue && n == 0 && !starts_with_space,
                    );
                }
                glue = !text.ends_with(' ');
            }
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (word, atom) in words {
        if !line.is_empty() && line.len() + 1 + word.len() > WIDTH {
            lines.push(std::mem::take(&mut line));
        }
        if line.is_empty() {
            line = if atom { word } else { escape_line_start(&word) };
        } else {
            line.push(' ');
            line.push_str(&word);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Appends a word, or glues it to the previous one when no space separated them in the text.
fn push_word(words: &mut Vec<(String, bool)>, word: String, atom: bool, glue: bool) {
    match words.last_mut() {
        Some((last, last_atom)) if glue => {
            last.push_str(&word);
            *last_atom = *last_atom && atom;
        }
        _ => words.push((word, atom)),
    }
}

/// Escapes a line's first character when it would start a block (list, heading, quote, table,
/// setext underline, fence) or an ordered list marker (`1.` / `1)`).
fn escape_line_start(word: &str) -> String {
    if word.starts_with(['-', '+', '*', '#', '>', '=', '~', '_', ':']) {
        return format!("\\{word}");
    }
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    if let Some((number, rest)) = word.split_at_checked(digits) {
        if digits > 0 && rest.starts_with(['.', ')']) {
            return format!("{number}\\{rest}");
        }
    }
    word.to_string()
}

#[cfg(test)]
#[path = "docs_tests.rs"]
mod tests;
