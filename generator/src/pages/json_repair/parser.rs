//! The lenient parser's state machine: containers on an explicit stack, one token at a time.

use super::lexer::{Lexer, Token};
use super::repair::{JsonError, RepairKind, Repaired};
use serde_json::{Map, Number, Value};

/// Deepest nesting accepted; the same as serde_json's own recursion limit.
pub const MAX_DEPTH: usize = 127;

pub(super) enum Frame {
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

pub(super) struct LenientParser<'a> {
    /// Tokens, and every repair made (by the lexer or reported here).
    lexer: Lexer<'a>,
    stack: Vec<Frame>,
    root: Option<Value>,
    /// The last container separator was followed by `...`: no trailing-comma repair for it.
    after_ellipsis: bool,
    /// The comma that `after_ellipsis` refers to: a following `}`/`]` is no trailing comma.
    pending_comma_offset: Option<usize>,
}

impl<'a> LenientParser<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        LenientParser {
            lexer: Lexer::new(text),
            stack: Vec::new(),
            root: None,
            after_ellipsis: false,
            pending_comma_offset: None,
        }
    }

    pub(super) fn parse(mut self) -> Result<Repaired, JsonError> {
        let mut expect = Expect::Value;
        let mut started = false;
        loop {
            let (start, token) = self.lexer.next_token()?;
            if !started {
                started = true;
                // Only containers get repaired; a malformed scalar or prose is not JSON.
                if !matches!(token, Token::Open(_)) {
                    return Err(self.lexer.error(start, "expected `{` or `[`"));
                }
            }
            expect = match expect {
                Expect::End => match token {
                    Token::Eof => break,
                    Token::Ellipsis => {
                        self.lexer.repair(RepairKind::Ellipsis, start);
                        Expect::End
                    }
                    _ => {
                        return Err(self
                            .lexer
                            .error(start, "unexpected text after the JSON value"))
                    }
                },
                Expect::Value => self.on_value(start, token)?,
                Expect::Key => self.on_key(start, token)?,
                Expect::Colon => match token {
                    Token::Colon => Expect::Value,
                    _ => {
                        return Err(self
                            .lexer
                            .error(start, "expected `:` after the property name"))
                    }
                },
                Expect::CommaOrClose => self.on_comma_or_close(start, token)?,
            };
        }
        let value = self.root.take().unwrap_or(Value::Null);
        Ok(Repaired {
            value,
            repairs: self.lexer.repairs,
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
                    self.lexer.repair(RepairKind::TrailingComma, comma);
                }
                return self.close(start, ']');
            }
            Token::Ellipsis if in_array => {
                self.skip_ellipsis(start)?;
                return Ok(Expect::Value);
            }
            Token::Ellipsis => {
                self.lexer.repair(RepairKind::Ellipsis, start);
                Value::String("...".to_string())
            }
            Token::Str(text) => Value::String(text),
            Token::Word(word) => self.word_value(start, word),
            Token::Eof => return Err(self.unexpected_end(start)),
            other => {
                return Err(self.lexer.error(
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
                self.lexer.repair(RepairKind::UnquotedKey, start);
                word
            }
            Token::Close('}') => {
                let just_opened = matches!(self.stack.last(), Some(Frame::Object(map, _)) if map.is_empty())
                    && self.pending_comma_offset.is_none();
                if !just_opened && !self.after_ellipsis {
                    let comma = self.pending_comma_offset.unwrap_or(start);
                    self.lexer.repair(RepairKind::TrailingComma, comma);
                }
                return self.close(start, '}');
            }
            Token::Ellipsis => {
                self.skip_ellipsis(start)?;
                return Ok(Expect::Key);
            }
            Token::Eof => return Err(self.unexpected_end(start)),
            other => {
                return Err(self.lexer.error(
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
            token @ (Token::Str(_) | Token::Word(_) | Token::Open(_))
                if self.lexer.newline_before =>
            {
                self.lexer.repair(RepairKind::MissingComma, start);
                self.pending_comma_offset = None;
                self.after_ellipsis = false;
                if in_array {
                    self.on_value(start, token)
                } else {
                    self.on_key(start, token)
                }
            }
            other => Err(self.lexer.error(
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
        self.lexer.repair(RepairKind::Ellipsis, start);
        let save = (self.lexer.pos, self.lexer.newline_before);
        let (_, next) = self.lexer.next_token()?;
        if next != Token::Comma {
            (self.lexer.pos, self.lexer.newline_before) = save;
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
                self.lexer.repair(RepairKind::PythonLiteral, start);
                match word.as_str() {
                    "True" => Value::Bool(true),
                    "False" => Value::Bool(false),
                    _ => Value::Null,
                }
            }
            _ => match word.parse::<Number>() {
                Ok(number) if starts_like_number(&word) => Value::Number(number),
                _ => {
                    self.lexer.repair(RepairKind::UnquotedValue, start);
                    Value::String(word)
                }
            },
        }
    }

    fn open(&mut self, start: usize, bracket: char) -> Result<Expect, JsonError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(self
                .lexer
                .error(start, format!("nested more than {MAX_DEPTH} levels deep")));
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
                return Err(self
                    .lexer
                    .error(start, format!("expected {expected}, found `{bracket}`")));
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
        self.lexer
            .error(offset, format!("unexpected end of text inside {open}"))
    }
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
