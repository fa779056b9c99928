//! Tokens of lenient JSON: whitespace and comments skipped, strings read with their repairs.

use super::repair::{JsonError, Repair, RepairKind};
use crate::pages::lines::LineIndex;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Token {
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

/// Reads tokens one at a time and records repairs (its own and those the parser reports).
pub(super) struct Lexer<'a> {
    text: &'a str,
    pub(super) pos: usize,
    lines: Option<LineIndex<'a>>,
    pub(super) repairs: Vec<Repair>,
    /// The previous token ended before a newline: a missing comma may be inserted.
    pub(super) newline_before: bool,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Lexer {
            text,
            pos: 0,
            lines: None,
            repairs: Vec::new(),
            newline_before: false,
        }
    }

    fn position(&mut self, offset: usize) -> (u32, u32) {
        let text = self.text;
        self.lines
            .get_or_insert_with(|| LineIndex::new(text))
            .position(offset)
    }

    pub(super) fn repair(&mut self, kind: RepairKind, offset: usize) {
        let (line, col) = self.position(offset);
        self.repairs.push(Repair { kind, line, col });
    }

    pub(super) fn error(&mut self, offset: usize, message: impl Into<String>) -> JsonError {
        let (line, col) = self.position(offset);
        JsonError {
            line,
            col,
            message: message.into(),
        }
    }

    /// The next token and its byte offset; skips whitespace and comments.
    pub(super) fn next_token(&mut self) -> Result<(usize, Token), JsonError> {
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
