//! Doc comments from the docs' prose, made safe for rustdoc, clippy and rustc.
//!
//! Text reaches the code only as `#[doc = "..."]` string literals built by quote, so it cannot
//! add code; what remains is keeping rustdoc and the lints quiet and the rendering faithful:
//! - paragraphs are kept, the lines of a paragraph joined, then re-wrapped at [`WIDTH`]; every line
//!   starts with plain text (block markers such as `-`, `#`, `>`, `1.`, `|` are escaped), so no
//!   list, heading, table or indented/fenced code block (a doctest!) can appear;
//! - `[text](url)` links keep absolute http(s) targets and become plain text otherwise; other
//!   brackets are escaped (no broken intra-doc links); bare URLs become `<url>` autolinks;
//! - `<br>` becomes a space and every other `<` is escaped (no invalid HTML tags);
//! - backtick code spans are kept; runs of three or more backticks and unmatched ones are escaped;
//! - control characters (NUL included) and bidirectional-override code points are dropped
//!   (rustc denies the latter in comments).

use proc_macro2::TokenStream;
use quote::quote;

/// Wrap width of doc text (the `///` prefix and indentation come on top).
pub const WIDTH: usize = 90;

/// Longest link target or autolink looked for. The scans for a link's `)` and an autolink's `>`
/// stop here, and at the first character a web URL cannot hold, so text such as `[a](` or `<`
/// repeated 100,000 times takes linear time, not quadratic (it did: 55 s for a 400 KB
/// description); longer URLs stay plain text.
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

    /// Adds docs prose (Markdown), sanitised, as one or more paragraphs.
    pub fn prose(mut self, text: &str) -> Self {
        for paragraph in markdown_lines(text) {
            self.paragraph_break();
            self.lines.extend(paragraph);
        }
        self
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

/// Sanitised, wrapped lines for each paragraph of `text`.
fn markdown_lines(text: &str) -> Vec<Vec<String>> {
    let text = strip_unsafe_chars(text);
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                let joined = current
                    .iter()
                    .map(|l| l.trim())
                    .collect::<Vec<_>>()
                    .join(" ");
                let lines = wrap(&inline(&joined));
                if !lines.is_empty() {
                    paragraphs.push(lines);
                }
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    paragraphs
}

/// Inline Markdown made safe, as pieces.
fn inline(text: &str) -> Vec<Piece> {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces = Vec::new();
    let mut plain = String::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            '`' => {
                let run = count_run(&chars, i, '`');
                let closer = (run < 3).then(|| find_run(&chars, i + run, run)).flatten();
                match closer {
                    Some(end) => {
                        flush(&mut plain, &mut pieces);
                        pieces.push(Piece::Atom(slice(&chars, i, end + run)));
                        i = end + run;
                    }
                    None => {
                        plain.push_str(&"\\`".repeat(run));
                        i += run;
                    }
                }
            }
            '[' => match link(&chars, i) {
                Some((label, target, end)) => {
                    let label = escape_text(&label);
                    if is_web_url(&target) && target != label {
                        flush(&mut plain, &mut pieces);
                        pieces.push(Piece::Atom(format!("[{label}]({target})")));
                    } else if is_web_url(&target) {
                        flush(&mut plain, &mut pieces);
                        pieces.push(Piece::Atom(format!("<{target}>")));
                    } else {
                        plain.push_str(&label);
                    }
                    i = end;
                }
                None => {
                    plain.push_str("\\[");
                    i += 1;
                }
            },
            '<' => {
                let rest: String = slice(&chars, i, i + 6).to_ascii_lowercase();
                if rest.starts_with("<br") {
                    let close = chars
                        .get(i..)
                        .unwrap_or_default()
                        .iter()
                        .position(|&c| c == '>')
                        .filter(|&p| p <= 6);
                    match close {
                        Some(p) => {
                            plain.push(' ');
                            i += p + 1;
                        }
                        None => {
                            plain.push_str("\\<");
                            i += 1;
                        }
                    }
                } else if let Some((url, end)) = autolink(&chars, i) {
                    flush(&mut plain, &mut pieces);
                    pieces.push(Piece::Atom(format!("<{url}>")));
                    i = end;
                } else {
                    plain.push_str("\\<");
                    i += 1;
                }
            }
            'h' if starts_url(&chars, i)
                && i.checked_sub(1)
                    .and_then(|before| chars.get(before))
                    .is_none_or(|c| !c.is_alphanumeric()) =>
            {
                let (url, end) = bare_url(&chars, i);
                flush(&mut plain, &mut pieces);
                pieces.push(Piece::Atom(format!("<{url}>")));
                i = end;
            }
            _ => {
                plain.push_str(&escape_char(c));
                i += 1;
            }
        }
    }
    flush(&mut plain, &mut pieces);
    pieces
}

fn flush(plain: &mut String, pieces: &mut Vec<Piece>) {
    if !plain.is_empty() {
        pieces.push(Piece::Text(std::mem::take(plain)));
    }
}

/// Escapes the characters that are Markdown syntax wherever they stand in a line.
fn escape_char(c: char) -> String {
    match c {
        '\\' | '[' | ']' | '<' | '|' | '`' => format!("\\{c}"),
        c => c.to_string(),
    }
}

fn escape_text(text: &str) -> String {
    text.chars().map(escape_char).collect()
}

/// `chars[start..end]` as a string, clamped to the text (empty when `start` is past it).
fn slice(chars: &[char], start: usize, end: usize) -> String {
    let end = end.min(chars.len());
    chars.get(start..end).unwrap_or_default().iter().collect()
}

fn count_run(chars: &[char], start: usize, c: char) -> usize {
    chars
        .get(start..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&x| x == c)
        .count()
}

/// The start of the next run of exactly `len` backticks at or after `from`.
fn find_run(chars: &[char], from: usize, len: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars.get(i) == Some(&'`') {
            let run = count_run(chars, i, '`');
            if run == len {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// `[label](target)` at `start`: the label (no brackets inside), the target, and the end index.
fn link(chars: &[char], start: usize) -> Option<(String, String, usize)> {
    let close = start
        + 1
        + chars
            .get(start + 1..)?
            .iter()
            .position(|&c| c == ']' || c == '[')?;
    if chars.get(close) != Some(&']') || chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let open = close + 2;
    let end = open
        + chars
            .get(open..)?
            .iter()
            .take(MAX_URL_CHARS)
            .position(|&c| c == ')' || c.is_whitespace() || matches!(c, '<' | '>' | '[' | ']'))?;
    if chars.get(end) != Some(&')') {
        return None;
    }
    let label = slice(chars, start + 1, close);
    let target = slice(chars, open, end);
    Some((label.trim().to_string(), target, end + 1))
}

fn is_web_url(target: &str) -> bool {
    (target.starts_with("https://") || target.starts_with("http://"))
        && target.len() > "https://".len()
        && target
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '`' | '"' | '\\' | '[' | ']'))
}

fn starts_url(chars: &[char], i: usize) -> bool {
    let head = slice(chars, i, i + 8);
    head.starts_with("https://") || head.starts_with("http://")
}

/// A bare URL at `start`: the URL (trailing punctuation left out) and its end.
fn bare_url(chars: &[char], start: usize) -> (String, usize) {
    let mut end = start;
    while let Some(&c) = chars.get(end) {
        if !c.is_ascii_graphic() || matches!(c, '<' | '>' | '`' | '"' | '\\' | '[' | ']' | '|') {
            break;
        }
        end += 1;
    }
    let mut url = slice(chars, start, end);
    while url.ends_with(['.', ',', ';', ':', '!', '?', '\'', ')']) {
        if url.ends_with(')') && url.matches('(').count() >= url.matches(')').count() {
            break;
        }
        url.pop();
        end -= 1;
    }
    (url, end)
}

/// `<https://...>` at `start`: the URL and the index after `>`.
fn autolink(chars: &[char], start: usize) -> Option<(String, usize)> {
    let close = start
        + chars
            .get(start..)?
            .iter()
            .skip(1)
            .take(MAX_URL_CHARS)
            .position(|&c| c == '>' || c == '<' || c.is_whitespace())?
        + 1;
    if chars.get(close) != Some(&'>') {
        return None;
    }
    let url = slice(chars, start + 1, close);
    is_web_url(&url).then_some((url, close + 1))
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
mod tests {
    use super::*;

    fn doc(text: &str) -> Vec<String> {
        markdown_lines(text).into_iter().flatten().collect()
    }

    #[test]
    fn links_keep_web_targets_only() {
        assert_eq!(
            doc("See [user](../resources/user.md) and [docs](https://learn.microsoft.com/x)."),
            ["See user and [docs](https://learn.microsoft.com/x)."]
        );
        assert_eq!(
            doc("[https://a.com/b](https://a.com/b)"),
            ["<https://a.com/b>"]
        );
    }

    #[test]
    fn brackets_html_and_urls_are_neutralised() {
        assert_eq!(
            doc("[!NOTE] x [y] <b>bold</b> a<br>b"),
            ["\\[!NOTE\\] x \\[y\\] \\<b>bold\\</b> a b"]
        );
        assert_eq!(
            doc("Go to https://aka.ms/x. Now"),
            ["Go to <https://aka.ms/x>. Now"]
        );
        assert_eq!(
            doc("Pipes a|b and back\\slash"),
            ["Pipes a\\|b and back\\\\slash"]
        );
    }

    #[test]
    fn code_spans_survive_and_fences_do_not() {
        assert_eq!(doc("Use `a[0] <b>` here"), ["Use `a[0] <b>` here"]);
        assert_eq!(
            doc("```rust\nfn x() {}\n```"),
            ["\\`\\`\\`rust fn x() {} \\`\\`\\`"]
        );
        assert_eq!(doc("odd ` tick"), ["odd \\` tick"]);
    }

    #[test]
    fn no_line_starts_a_block() {
        assert_eq!(
            doc("- item\n    indented code\n# heading"),
            ["\\- item indented code # heading"]
        );
        assert_eq!(doc("1. first"), ["1\\. first"]);
        let long = format!("{} - dash {} 2. two", "word ".repeat(17), "w ".repeat(2));
        for line in doc(&long) {
            assert!(!line.starts_with('-') && !line.starts_with("2."), "{line}");
            assert!(line.len() <= WIDTH + 1);
        }
    }

    #[test]
    fn paragraphs_and_control_characters() {
        assert_eq!(markdown_lines("a\nb\n\n\nc\0d\u{202e}e\r").len(), 2);
        assert_eq!(doc("a\nb\n\nc\0d\u{202e}e"), ["a b", "cde"]);
        assert!(doc("  \n\t\n").is_empty());
    }

    #[test]
    fn inline_code_and_plain_helpers() {
        assert_eq!(code("PATCH /a/{id}"), "`PATCH /a/{id}`");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(plain("a*b[c]"), "a\\*b\\[c\\]");
    }

    #[test]
    fn unclosed_links_and_angle_brackets_take_linear_time() {
        for text in [
            "[a](".repeat(50_000),
            "<".repeat(200_000),
            "[a](<".repeat(40_000),
        ] {
            let started = std::time::Instant::now();
            let lines = doc(&text);
            assert!(!lines.is_empty());
            assert!(
                started.elapsed() < std::time::Duration::from_secs(5),
                "{:?} for {} characters",
                started.elapsed(),
                text.len()
            );
        }
        let long = format!("[x](https://a.com/{})", "b".repeat(MAX_URL_CHARS));
        let text = doc(&long).concat();
        assert!(
            text.starts_with("\\[x\\]("),
            "too long for a link, escaped: {text}"
        );
    }

    #[test]
    fn attrs_are_string_literals() {
        let tokens = Doc::new()
            .prose("*/ \"quoted\" #[x] } fn x() {}")
            .attrs()
            .to_string();
        assert!(tokens.starts_with("# [doc = \""), "{tokens}");
        assert!(tokens.contains("\\\"quoted\\\""), "{tokens}");
    }
}
