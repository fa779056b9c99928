//! Lenient JSON for the docs' hand-written JSON (annotations, example bodies, JSON representations).
//!
//! Strictly valid JSON goes through serde_json unchanged. Otherwise a single, non-recursive pass
//! reads the text and records every repair it made: comments, `...` lines and elements, trailing
//! and missing commas, raw control characters in strings, unquoted keys, single quotes, Python
//! literals, unquoted words. The pass keeps an explicit stack bounded by [`MAX_DEPTH`], so deeply
//! nested input is an error, never a stack overflow, and it runs in linear time.

use super::lines::LineIndex;
use serde_json::{Map, Number, Value};
use std::fmt;

/// Deepest nesting accepted; the same as serde_json's own recursion limit.
pub const MAX_DEPTH: usize = 127;

/// A value read from lenient JSON. `repairs` is empty when the text was strictly valid JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct Repaired {
    pub value: Value,
    pub repairs: Vec<Repair>,
}

impl Repaired {
    pub fn is_strict(&self) -> bool {
        self.repairs.is_empty()
    }

    /// What was repaired, one entry per kind, for a diagnostic message:
    /// `trailing comma (3:5), unquoted key (2:3, 2 times)`.
    pub fn summary(&self) -> String {
        let mut kinds: Vec<(RepairKind, &Repair, usize)> = Vec::new();
        for repair in &self.repairs {
            match kinds.iter_mut().find(|(kind, _, _)| *kind == repair.kind) {
                Some(entry) => entry.2 += 1,
                None => kinds.push((repair.kind, repair, 1)),
            }
        }
        let parts: Vec<String> = kinds
            .iter()
            .map(|(kind, first, count)| match count {
                1 => format!("{} ({}:{})", kind, first.line, first.col),
                n => format!("{} ({}:{}, {} times)", kind, first.line, first.col, n),
            })
            .collect();
        parts.join(", ")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RepairKind {
    /// A `//` or `/* */` comment outside strings, removed.
    Comment,
    /// A `...` or `…` line or element, removed.
    Ellipsis,
    /// A comma before `}` or `]`, removed.
    TrailingComma,
    /// A comma missing between two values on different lines, added.
    MissingComma,
    /// A raw control character (newline, tab) inside a string, kept as the character.
    ControlCharacter,
    /// A string left open at the end of its line, before a line holding a `"key":`; closed there.
    MissingQuote,
    /// An escape JSON does not know (`\x`, a lone surrogate), kept as written.
    InvalidEscape,
    /// A property name without quotes.
    UnquotedKey,
    /// A string in single quotes.
    SingleQuotes,
    /// Python's `True`, `False` or `None`.
    PythonLiteral,
    /// A bare word or malformed number used as a value, read as a string.
    UnquotedValue,
}

impl fmt::Display for RepairKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RepairKind::Comment => "comment removed",
            RepairKind::Ellipsis => "`...` removed",
            RepairKind::TrailingComma => "trailing comma",
            RepairKind::MissingComma => "missing comma",
            RepairKind::ControlCharacter => "raw control character in a string",
            RepairKind::MissingQuote => "missing closing quote",
            RepairKind::InvalidEscape => "invalid escape in a string",
            RepairKind::UnquotedKey => "unquoted key",
            RepairKind::SingleQuotes => "single-quoted string",
            RepairKind::PythonLiteral => "Python literal (True/False/None)",
            RepairKind::UnquotedValue => "unquoted value",
        })
    }
}

/// One repair, at a 1-based line and character column inside the parsed text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    pub kind: RepairKind,
    pub line: u32,
    pub col: u32,
}

/// Why the text could not be read, at a 1-based line and character column inside it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{col}: {message}")]
pub struct JsonError {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

/// Parses `text` as JSON, repairing what the docs get wrong. See the module documentation.
pub fn parse_lenient(text: &str) -> Result<Repaired, JsonError> {
    if let Ok(value) = serde_json::from_str::<Value>(text) {
        return Ok(Repaired {
            value,
            repairs: Vec::new(),
        });
    }
    LenientParser::new(text).parse()
}

enum Frame {
    Array(Vec<Value>),
    Object(Map<String, Value>, Option<String>),
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expect {
    /// A value: at the top, after `:`, after `[` or after `,` in an array.
    Value,
    /// A property name: after `{` or after `,` in an object.
    Key,
    Colon,
    /// `,` or the closing bracket of the current container.
    CommaOrClose,
    /// The top-level value is complete.
    End,
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Open(char),
    Close(char),
    Colon,
    Comma,
    Str(String),
    /// A number, literal or bare word, as written.
    Word(String),
    Ellipsis,
    Eof,
}

struct LenientParser<'a> {
    text: &'a str,
    pos: usize,
    lines: Option<LineIndex<'a>>,
    repairs: Vec<Repair>,
    stack: Vec<Frame>,
    root: Option<Value>,
    /// The previous token ended before a newline: a missing comma may be inserted.
    newline_before: bool,
    /// The last container separator was followed by `...`: no trailing-comma repair for it.
    after_ellipsis: bool,
    /// The comma that `after_ellipsis` refers to: a following `}`/`]` is no trailing comma.
    pending_comma_offset: Option<usize>,
}

impl<'a> LenientParser<'a> {
    fn new(text: &'a str) -> Self {
        LenientParser {
            text,
            pos: 0,
            lines: None,
            repairs: Vec::new(),
            stack: Vec::new(),
            root: None,
            newline_before: false,
            after_ellipsis: false,
            pending_comma_offset: None,
        }
    }

    fn position(&mut self, offset: usize) -> (u32, u32) {
        let text = self.text;
        self.lines
            .get_or_insert_with(|| LineIndex::new(text))
            .position(offset)
    }

    fn repair(&mut self, kind: RepairKind, offset: usize) {
        let (line, col) = self.position(offset);
        self.repairs.push(Repair { kind, line, col });
    }

    fn error(&mut self, offset: usize, message: impl Into<String>) -> JsonError {
        let (line, col) = self.position(offset);
        JsonError {
            line,
            col,
            message: message.into(),
        }
    }

    fn parse(mut self) -> Result<Repaired, JsonError> {
        let mut expect = Expect::Value;
        let mut started = false;
        loop {
            let (start, token) = self.next_token()?;
            if !started {
                started = true;
                // Only containers get repaired; a malformed scalar or prose is not JSON.
                if !matches!(token, Token::Open(_)) {
                    return Err(self.error(start, "expected `{` or `[`"));
                }
            }
            expect = match expect {
                Expect::End => match token {
                    Token::Eof => break,
                    Token::Ellipsis => {
                        self.repair(RepairKind::Ellipsis, start);
                        Expect::End
                    }
                    _ => return Err(self.error(start, "unexpected text after the JSON value")),
                },
                Expect::Value => self.on_value(start, token)?,
                Expect::Key => self.on_key(start, token)?,
                Expect::Colon => match token {
                    Token::Colon => Expect::Value,
                    _ => return Err(self.error(start, "expected `:` after the property name")),
                },
                Expect::CommaOrClose => self.on_comma_or_close(start, token)?,
            };
        }
        let value = self.root.take().unwrap_or(Value::Null);
        Ok(Repaired {
            value,
            repairs: self.repairs,
        })
    }

    fn on_value(&mut self, start: usize, token: Token) -> Result<Expect, JsonError> {
        let in_array = matches!(self.stack.last(), Some(Frame::Array(_)));
        let value = match token {
            Token::Open(bracket) => return self.open(start, bracket),
            Token::Close(']') if in_array => {
                // `[` directly followed by `]` is an empty array; after `,` it is a trailing comma.
                let just_opened = matches!(self.stack.last(), Some(Frame::Array(items)) if items.is_empty())
                    && self.pending_comma_offset.is_none();
                if !just_opened && !self.after_ellipsis {
                    let comma = self.pending_comma_offset.unwrap_or(start);
                    self.repair(RepairKind::TrailingComma, comma);
                }
                return self.close(start, ']');
            }
            Token::Ellipsis if in_array => {
                self.skip_ellipsis(start)?;
                return Ok(Expect::Value);
            }
            Token::Ellipsis => {
                self.repair(RepairKind::Ellipsis, start);
                Value::String("...".to_string())
            }
            Token::Str(text) => Value::String(text),
            Token::Word(word) => self.word_value(start, word),
            Token::Eof => return Err(self.unexpected_end(start)),
            other => {
                return Err(self.error(
                    start,
                    format!("expected a value, found {}", describe(&other)),
                ))
            }
        };
        self.push_value(value)
    }

    fn on_key(&mut self, start: usize, token: Token) -> Result<Expect, JsonError> {
        let key = match token {
            Token::Str(text) => text,
            Token::Word(word) => {
                self.repair(RepairKind::UnquotedKey, start);
                word
            }
            Token::Close('}') => {
                let just_opened = matches!(self.stack.last(), Some(Frame::Object(map, _)) if map.is_empty())
                    && self.pending_comma_offset.is_none();
                if !just_opened && !self.after_ellipsis {
                    let comma = self.pending_comma_offset.unwrap_or(start);
                    self.repair(RepairKind::TrailingComma, comma);
                }
                return self.close(start, '}');
            }
            Token::Ellipsis => {
                self.skip_ellipsis(start)?;
                return Ok(Expect::Key);
            }
            Token::Eof => return Err(self.unexpected_end(start)),
            other => {
                return Err(self.error(
                    start,
                    format!("expected a property name, found {}", describe(&other)),
                ))
            }
        };
        if let Some(Frame::Object(_, pending)) = self.stack.last_mut() {
            *pending = Some(key);
        }
        Ok(Expect::Colon)
    }

    fn on_comma_or_close(&mut self, start: usize, token: Token) -> Result<Expect, JsonError> {
        let in_array = matches!(self.stack.last(), Some(Frame::Array(_)));
        match token {
            Token::Comma => {
                self.pending_comma_offset = Some(start);
                self.after_ellipsis = false;
                Ok(if in_array { Expect::Value } else { Expect::Key })
            }
            Token::Close(bracket) => self.close(start, bracket),
            Token::Ellipsis => {
                self.skip_ellipsis(start)?;
                Ok(Expect::CommaOrClose)
            }
            Token::Eof => Err(self.unexpected_end(start)),
            token @ (Token::Str(_) | Token::Word(_) | Token::Open(_)) if self.newline_before => {
                self.repair(RepairKind::MissingComma, start);
                self.pending_comma_offset = None;
                self.after_ellipsis = false;
                if in_array {
                    self.on_value(start, token)
                } else {
                    self.on_key(start, token)
                }
            }
            other => Err(self.error(
                start,
                format!(
                    "expected `,` or a closing bracket, found {}",
                    describe(&other)
                ),
            )),
        }
    }

    /// Drops a `...` element and the comma after it, if any.
    fn skip_ellipsis(&mut self, start: usize) -> Result<(), JsonError> {
        self.repair(RepairKind::Ellipsis, start);
        let save = (self.pos, self.newline_before);
        let (_, next) = self.next_token()?;
        if next != Token::Comma {
            (self.pos, self.newline_before) = save;
        }
        self.after_ellipsis = true;
        Ok(())
    }

    fn word_value(&mut self, start: usize, word: String) -> Value {
        match word.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            "True" | "False" | "None" => {
                self.repair(RepairKind::PythonLiteral, start);
                match word.as_str() {
                    "True" => Value::Bool(true),
                    "False" => Value::Bool(false),
                    _ => Value::Null,
                }
            }
            _ => match word.parse::<Number>() {
                Ok(number) if starts_like_number(&word) => Value::Number(number),
                _ => {
                    self.repair(RepairKind::UnquotedValue, start);
                    Value::String(word)
                }
            },
        }
    }

    fn open(&mut self, start: usize, bracket: char) -> Result<Expect, JsonError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error(start, format!("nested more than {MAX_DEPTH} levels deep")));
        }
        self.pending_comma_offset = None;
        self.after_ellipsis = false;
        if bracket == '{' {
            self.stack.push(Frame::Object(Map::new(), None));
            Ok(Expect::Key)
        } else {
            self.stack.push(Frame::Array(Vec::new()));
            Ok(Expect::Value)
        }
    }

    fn close(&mut self, start: usize, bracket: char) -> Result<Expect, JsonError> {
        self.pending_comma_offset = None;
        self.after_ellipsis = false;
        let value = match (self.stack.pop(), bracket) {
            (Some(Frame::Array(items)), ']') => Value::Array(items),
            (Some(Frame::Object(map, None)), '}') => Value::Object(map),
            (frame, _) => {
                let expected = match frame {
                    Some(Frame::Array(_)) => "`]`",
                    Some(Frame::Object(_, Some(_))) => "a value",
                    Some(Frame::Object(_, None)) => "`}`",
                    None => "nothing",
                };
                return Err(self.error(start, format!("expected {expected}, found `{bracket}`")));
            }
        };
        self.push_value(value)
    }

    fn push_value(&mut self, value: Value) -> Result<Expect, JsonError> {
        self.pending_comma_offset = None;
        self.after_ellipsis = false;
        match self.stack.last_mut() {
            None => {
                self.root = Some(value);
                Ok(Expect::End)
            }
            Some(Frame::Array(items)) => {
                items.push(value);
                Ok(Expect::CommaOrClose)
            }
            Some(Frame::Object(map, pending)) => {
                if let Some(key) = pending.take() {
                    map.insert(key, value);
                }
                Ok(Expect::CommaOrClose)
            }
        }
    }

    fn unexpected_end(&mut self, offset: usize) -> JsonError {
        let open = match self.stack.last() {
            Some(Frame::Array(_)) => "an array",
            Some(Frame::Object(..)) => "an object",
            None => "the value",
        };
        self.error(offset, format!("unexpected end of text inside {open}"))
    }

    /// The next token and its byte offset; skips whitespace and comments.
    fn next_token(&mut self) -> Result<(usize, Token), JsonError> {
        self.newline_before = false;
        loop {
            let rest = self.text.get(self.pos..).unwrap_or("");
            let Some(ch) = rest.chars().next() else {
                return Ok((self.pos, Token::Eof));
            };
            let start = self.pos;
            match ch {
                '\n' => {
                    self.newline_before = true;
                    self.pos += 1;
                }
                c if c.is_whitespace() || c == '\u{feff}' => self.pos += c.len_utf8(),
                '/' if rest.starts_with("//") => {
                    self.repair(RepairKind::Comment, start);
                    self.pos += rest.find('\n').unwrap_or(rest.len());
                }
                '/' if rest.starts_with("/*") => {
                    self.repair(RepairKind::Comment, start);
                    match rest.get(2..).and_then(|r| r.find("*/")) {
                        Some(end) => {
                            if rest.get(..end + 2).is_some_and(|c| c.contains('\n')) {
                                self.newline_before = true;
                            }
                            self.pos += end + 4;
                        }
                        None => return Err(self.error(start, "unterminated `/*` comment")),
                    }
                }
                '{' | '[' => {
                    self.pos += 1;
                    return Ok((start, Token::Open(ch)));
                }
                '}' | ']' => {
                    self.pos += 1;
                    return Ok((start, Token::Close(ch)));
                }
                ':' => {
                    self.pos += 1;
                    return Ok((start, Token::Colon));
                }
                ',' => {
                    self.pos += 1;
                    return Ok((start, Token::Comma));
                }
                '"' | '\'' | '\u{201c}' => return self.string(start, ch),
                '…' => {
                    self.pos += ch.len_utf8();
                    return Ok((start, Token::Ellipsis));
                }
                c if is_word_char(c) => {
                    let len = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
                    self.pos += len;
                    let word = rest.get(..len).unwrap_or("");
                    if word.len() >= 2 && word.bytes().all(|b| b == b'.') {
                        return Ok((start, Token::Ellipsis));
                    }
                    return Ok((start, Token::Word(word.to_string())));
                }
                other => return Err(self.error(start, format!("unexpected character `{other}`"))),
            }
        }
    }

    /// A string starting at `start` with quote `quote` (`"`, `'` or a curly quote).
    fn string(&mut self, start: usize, quote: char) -> Result<(usize, Token), JsonError> {
        let closing = match quote {
            '\u{201c}' => '\u{201d}',
            other => other,
        };
        if quote != '"' {
            self.repair(RepairKind::SingleQuotes, start);
        }
        let text = self.text;
        let body_start = start + quote.len_utf8();
        let mut chars = text.get(body_start..).unwrap_or("").char_indices();
        let mut value = String::new();
        let mut control_reported = false;
        while let Some((index, ch)) = chars.next() {
            let offset = body_start + index;
            match ch {
                c if c == closing => {
                    self.pos = offset + c.len_utf8();
                    return Ok((start, Token::Str(value)));
                }
                '\\' => match chars.next() {
                    Some((_, escaped)) => self.escape(offset, escaped, &mut chars, &mut value),
                    None => break,
                },
                '\n' if next_line_is_key(text.get(offset + 1..).unwrap_or("")) => {
                    // `"a": "text,` + newline + `"b": ...`: the quote was forgotten.
                    self.repair(RepairKind::MissingQuote, offset);
                    let kept = value.trim_end();
                    let comma = kept.ends_with(',');
                    let kept_len = kept.trim_end_matches(',').trim_end().len();
                    value.truncate(kept_len);
                    // Leave a trailing comma to be read as the separator.
                    self.pos = if comma {
                        body_start + last_comma_index(text.get(body_start..offset).unwrap_or(""))
                    } else {
                        offset
                    };
                    return Ok((start, Token::Str(value)));
                }
                c if (c as u32) < 0x20 => {
                    if !control_reported {
                        control_reported = true;
                        self.repair(RepairKind::ControlCharacter, offset);
                    }
                    value.push(c);
                }
                c => value.push(c),
            }
        }
        Err(self.error(start, "unterminated string"))
    }

    fn escape(
        &mut self,
        offset: usize,
        escaped: char,
        chars: &mut std::str::CharIndices<'_>,
        value: &mut String,
    ) {
        let simple = match escaped {
            '"' => Some('"'),
            '\\' => Some('\\'),
            '/' => Some('/'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            _ => None,
        };
        if let Some(c) = simple {
            value.push(c);
            return;
        }
        if escaped == 'u' {
            if let Some(unit) = read_hex4(chars) {
                if let Some(c) = char::from_u32(unit) {
                    value.push(c);
                    return;
                }
                // A high surrogate needs a `\uDC00`-`\uDFFF` partner.
                if (0xD800..0xDC00).contains(&unit) {
                    let mut lookahead = chars.clone();
                    if let (Some((_, '\\')), Some((_, 'u'))) = (lookahead.next(), lookahead.next())
                    {
                        if let Some(low) = read_hex4(&mut lookahead) {
                            if (0xDC00..0xE000).contains(&low) {
                                let combined = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                                if let Some(c) = char::from_u32(combined) {
                                    value.push(c);
                                    *chars = lookahead;
                                    return;
                                }
                            }
                        }
                    }
                }
                self.repair(RepairKind::InvalidEscape, offset);
                value.push('\u{fffd}');
                return;
            }
        }
        // Unknown escape (`\'` in single quotes is fine too): keep what was written.
        if escaped != '\'' {
            self.repair(RepairKind::InvalidEscape, offset);
            value.push('\\');
        }
        value.push(escaped);
    }
}

/// Whether `rest` starts (after blanks) with `"name":`, i.e. a property on its own line.
fn next_line_is_key(rest: &str) -> bool {
    let line = rest.split('\n').next().unwrap_or("").trim_start();
    let Some(after) = line.strip_prefix('"') else {
        return false;
    };
    match after.find('"') {
        Some(end) => {
            let name = after.get(..end).unwrap_or("");
            !name.is_empty()
                && !name.contains(char::is_whitespace)
                && after
                    .get(end + 1..)
                    .unwrap_or("")
                    .trim_start()
                    .starts_with(':')
        }
        None => false,
    }
}

/// Byte index of the last `,` in `text` (its length when there is none).
fn last_comma_index(text: &str) -> usize {
    text.rfind(',').unwrap_or(text.len())
}

fn read_hex4(chars: &mut std::str::CharIndices<'_>) -> Option<u32> {
    let mut lookahead = chars.clone();
    let mut unit = 0u32;
    for _ in 0..4 {
        let (_, c) = lookahead.next()?;
        unit = unit * 16 + c.to_digit(16)?;
    }
    *chars = lookahead;
    Some(unit)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '$' | '@' | '.' | '#' | '-' | '+')
}

fn starts_like_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit() || c == '-')
}

fn describe(token: &Token) -> String {
    match token {
        Token::Open(c) | Token::Close(c) => format!("`{c}`"),
        Token::Colon => "`:`".to_string(),
        Token::Comma => "`,`".to_string(),
        Token::Str(_) => "a string".to_string(),
        Token::Word(word) => format!("`{}`", word.chars().take(20).collect::<String>()),
        Token::Ellipsis => "`...`".to_string(),
        Token::Eof => "the end of the text".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kinds(text: &str) -> Vec<RepairKind> {
        match parse_lenient(text) {
            Ok(repaired) => repaired.repairs.iter().map(|r| r.kind).collect(),
            Err(e) => panic!("{text:?} failed: {e}"),
        }
    }

    fn value(text: &str) -> Value {
        match parse_lenient(text) {
            Ok(repaired) => repaired.value,
            Err(e) => panic!("{text:?} failed: {e}"),
        }
    }

    #[test]
    fn strict_json_has_no_repairs() {
        let repaired = parse_lenient(r#"{"a": [1, 2.5, "x", null, true], "b": {}}"#).ok();
        assert_eq!(repaired.as_ref().map(Repaired::is_strict), Some(true));
        assert_eq!(
            repaired.map(|r| r.value),
            Some(json!({"a": [1, 2.5, "x", null, true], "b": {}}))
        );
        assert_eq!(value("[]"), json!([]));
        assert_eq!(value("\"scalar\""), json!("scalar"));
    }

    #[test]
    fn trailing_commas() {
        let text = "{\n  \"a\": 1,\n  \"b\": [1, 2,],\n}";
        assert_eq!(value(text), json!({"a": 1, "b": [1, 2]}));
        let repaired = parse_lenient(text).ok();
        let repairs = repaired.map(|r| r.repairs).unwrap_or_default();
        assert_eq!(repairs.len(), 2);
        assert_eq!(
            (repairs[0].kind, repairs[0].line, repairs[0].col),
            (RepairKind::TrailingComma, 3, 13)
        );
        assert_eq!((repairs[1].line, repairs[1].col), (3, 15));
    }

    #[test]
    fn comments_are_removed() {
        let text = "{\n  // the id\n  \"id\": \"x\", /* inline */ \"n\": 2 // end\n}";
        assert_eq!(value(text), json!({"id": "x", "n": 2}));
        assert_eq!(kinds(text), vec![RepairKind::Comment; 3]);
        assert_eq!(
            value("{\"url\": \"https://a/b\"}"),
            json!({"url": "https://a/b"})
        );
    }

    #[test]
    fn ellipsis_lines_and_elements() {
        let text = "{\n  \"value\": [\n    {\"a\": 1},\n    ...\n  ],\n  ...\n}";
        assert_eq!(value(text), json!({"value": [{"a": 1}]}));
        assert_eq!(
            kinds(text),
            vec![RepairKind::Ellipsis, RepairKind::Ellipsis]
        );
        assert_eq!(value("[1, …, 2]"), json!([1, 2]));
        assert_eq!(value("{\"a\": 1,\n ...}"), json!({"a": 1}));
    }

    #[test]
    fn raw_control_characters_in_strings() {
        let text = "{\"suppressions\": [\"a\nb\", \"c\td\"]}";
        assert_eq!(value(text), json!({"suppressions": ["a\nb", "c\td"]}));
        assert_eq!(kinds(text), vec![RepairKind::ControlCharacter; 2]);
    }

    #[test]
    fn unquoted_keys_single_quotes_and_python_literals() {
        let text = "{\n  \"blockType\": \"response\",\n  isCollection: true,\n  'name': 'x',\n  \"openType\": False\n}";
        assert_eq!(
            value(text),
            json!({"blockType": "response", "isCollection": true, "name": "x", "openType": false})
        );
        assert_eq!(
            kinds(text),
            vec![
                RepairKind::UnquotedKey,
                RepairKind::SingleQuotes,
                RepairKind::SingleQuotes,
                RepairKind::PythonLiteral
            ]
        );
        assert_eq!(value("{\"a\": None}"), json!({"a": null}));
        assert_eq!(
            value("{\"t\": NAV.PostalAddress}"),
            json!({"t": "NAV.PostalAddress"})
        );
        assert_eq!(
            kinds("{\"t\": NAV.PostalAddress}"),
            vec![RepairKind::UnquotedValue]
        );
    }

    #[test]
    fn missing_commas_between_lines() {
        let text = "{\n  \"a\": \"x\"\n  \"b\": [1\n 2]\n}";
        assert_eq!(value(text), json!({"a": "x", "b": [1, 2]}));
        assert_eq!(
            kinds(text),
            vec![RepairKind::MissingComma, RepairKind::MissingComma]
        );
        // On one line, two values without a comma are an error, not a guess.
        assert!(parse_lenient("{\"a\": \"x\" \"b\": 1}").is_err());
    }

    #[test]
    fn missing_closing_quote_before_the_next_key() {
        let text =
            "{\n  \"description\": \"User delete apps,\n  \"keywords\": \"\",\n  \"t\": \"x\"\n}";
        assert_eq!(
            value(text),
            json!({"description": "User delete apps", "keywords": "", "t": "x"})
        );
        assert_eq!(kinds(text), vec![RepairKind::MissingQuote]);
        // Without a comma the next line still reads, as a missing comma.
        let text = "{\"a\": \"open\n\"b\": 1}";
        assert_eq!(value(text), json!({"a": "open", "b": 1}));
        assert_eq!(
            kinds(text),
            vec![RepairKind::MissingQuote, RepairKind::MissingComma]
        );
    }

    #[test]
    fn errors_carry_line_and_column() {
        let error = parse_lenient("{\n  \"a\": 1,\n  \"b\": ]\n}").err();
        assert_eq!(error.as_ref().map(|e| (e.line, e.col)), Some((3, 8)));
        let error = parse_lenient("{\"a\": \"unterminated").err();
        assert_eq!(error.map(|e| (e.line, e.col)), Some((1, 7)));
        assert!(parse_lenient("GET /me").is_err());
        assert!(parse_lenient("").is_err());
        assert!(parse_lenient("{\"a\": 1} trailing").is_err());
        assert!(parse_lenient("[1, 2").is_err());
        assert!(parse_lenient("{\"a\" 1}").is_err());
        assert!(parse_lenient("[1 }").is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(5000) + &"]".repeat(5000);
        let error = parse_lenient(&deep).err();
        assert!(error.is_some_and(|e| e.message.contains("nested")));
        // Deep but within the limit, and with a repair so the lenient pass runs.
        let ok = "[".repeat(MAX_DEPTH) + "1," + &"]".repeat(MAX_DEPTH);
        assert!(parse_lenient(&ok).is_ok_and(|r| r.repairs.len() == 1));
        let unclosed_objects = "{\"a\":".repeat(10_000);
        assert!(parse_lenient(&unclosed_objects).is_err());
    }

    #[test]
    fn escapes_and_surrogates() {
        assert_eq!(
            value("{\"a\": \"\\ud83d\\ude00\\u00e9\",}"),
            json!({"a": "😀é"})
        );
        assert_eq!(
            kinds("{\"a\": \"\\ud83d x\"}"),
            vec![RepairKind::InvalidEscape]
        );
        assert_eq!(value("{\"p\": \"C:\\path\"}"), json!({"p": "C:\\path"}));
    }

    #[test]
    fn summary_groups_repairs_by_kind() {
        let repaired = parse_lenient("{\"a\": [1,],\n\"b\": [2,],}").ok();
        assert_eq!(
            repaired.map(|r| r.summary()).as_deref(),
            Some("trailing comma (1:9, 3 times)")
        );
    }

    #[test]
    fn linear_time_on_large_input() {
        let item = "{\"id\": \"x\", \"n\": 1,},\n";
        let text = format!("[{}]", item.repeat(50_000));
        let started = std::time::Instant::now();
        let repaired = parse_lenient(&text).ok();
        assert_eq!(repaired.map(|r| r.repairs.len()), Some(50_001));
        assert!(started.elapsed().as_secs() < 5);
    }
}
