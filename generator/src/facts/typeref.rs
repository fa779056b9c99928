//! The grammar of the docs' Type column (`String`, `[x](x.md) collection`, `Collection(Edm.Int32)`, ...).
//!
//! A cell is first cut into tokens (links, words, punctuation), then read as
//! `[qualifier] primary [collection] [qualifier] [trailing text]`, where a primary is
//! `Collection(..)`, `collection of ..`, a parenthesised group of alternatives, a link, or a word.
//! Anything that does not fit becomes [`TypeSpecKind::Unknown`] with the raw text.

mod names;
mod tokens;

use crate::pages::Cell;
use names::{classify_name, link_term, Base, Term};
use serde::Serialize;
use std::collections::BTreeMap;
use tokens::{normalise, tokenize, Tok, Token};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeSpecKind {
    /// An Edm primitive; `name` is its canonical spelling (`String`, `Int32`).
    Primitive,
    /// A named (structured or enum) type; `name` is the name as written (link text), without
    /// `microsoft.graph.`; resolution against the model happens in stage 3.
    Named,
    /// Untyped JSON by intent (`Json`, `JSON object`, `Object`).
    Json,
    /// Could not be read; `name` holds the raw text.
    Unknown,
}

/// A Type cell, read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TypeSpec {
    pub name: String,
    pub kind: TypeSpecKind,
    pub collection: bool,
    /// The link target, when the type was a link (`../resources/identityset.md`).
    pub link: Option<String>,
    /// The sub-namespace when the name was qualified (`callRecords` for
    /// `microsoft.graph.callRecords.session`).
    pub namespace: Option<String>,
    /// Set when the spelling was odd but understood (`string`, `Edm.Int32`, trailing text):
    /// the explanation for a `type-odd-spelling` note.
    pub oddity: Option<String>,
}

impl TypeSpec {
    /// An unreadable type; a trailing `collection` still says it is a collection.
    fn unknown(raw: &str) -> TypeSpec {
        let lower = raw.trim().to_lowercase();
        TypeSpec {
            name: raw.trim().to_string(),
            kind: TypeSpecKind::Unknown,
            collection: lower.ends_with(" collection"),
            link: None,
            namespace: None,
            oddity: None,
        }
    }
}

/// Reads a table's Type cell (inline, reference-style and anchor links, qualifiers, collections).
pub fn parse_type_cell(cell: &Cell, link_defs: &BTreeMap<String, String>) -> TypeSpec {
    if cell.raw.trim().is_empty() {
        parse_markdown(&text_with_links(cell), link_defs)
    } else {
        parse_markdown(&cell.raw, link_defs)
    }
}

/// Reads a type written as text (annotation `@odata.type`, `Collection(microsoft.graph.x)`).
/// Markdown links are understood too.
pub fn parse_type_text(text: &str) -> TypeSpec {
    parse_markdown(text, &BTreeMap::new())
}

/// Rebuilds Markdown links from a cell's plain text and its links (for cells without `raw`).
fn text_with_links(cell: &Cell) -> String {
    let mut text = cell.text.clone();
    for link in &cell.links {
        if link.text.is_empty() || text.contains(&format!("[{}]", link.text)) {
            continue;
        }
        if let Some(at) = text.find(&link.text) {
            let markdown = format!("[{}]({})", link.text, link.target);
            text.replace_range(at..at + link.text.len(), &markdown);
        }
    }
    text
}

fn parse_markdown(raw: &str, link_defs: &BTreeMap<String, String>) -> TypeSpec {
    let mut notes = Vec::new();
    let text = normalise(raw, &mut notes);
    let tokens = tokenize(&text, link_defs, &mut notes);
    let mut parser = Parser {
        tokens: &tokens,
        pos: 0,
        notes,
        depth: 0,
    };
    let Some(term) = parser.expression() else {
        return TypeSpec::unknown(raw);
    };
    if parser.pos < tokens.len() && !parser.trailing(&text) {
        return TypeSpec::unknown(raw);
    }
    let mut notes = parser.notes;
    notes.extend(term.notes);
    let (name, kind, link, namespace) = match term.base {
        Base::Primitive(name) => (name, TypeSpecKind::Primitive, None, None),
        Base::Named {
            name,
            link,
            namespace,
        } => (name, TypeSpecKind::Named, link, namespace),
        Base::Json => ("Json".to_string(), TypeSpecKind::Json, None, None),
    };
    notes.dedup();
    TypeSpec {
        name,
        kind,
        collection: term.collection,
        link,
        namespace,
        oddity: if notes.is_empty() {
            None
        } else {
            Some(notes.join("; "))
        },
    }
}

struct Parser<'t> {
    tokens: &'t [Tok],
    pos: usize,
    notes: Vec<String>,
    /// Groups and `collection of` entered so far; past [`MAX_NESTING`] the cell is no type.
    depth: usize,
}

/// Deepest nesting of parentheses and `collection of` read in a Type cell (real cells nest at
/// most two deep). It bounds the parser's recursion, so a hostile cell cannot overflow the stack.
pub const MAX_NESTING: usize = 16;

const QUALIFIER_WORDS: &[&str] = &["optional", "required", "readonly", "read-only", "nullable"];
const TRAILING_WORDS: &[&str] = &[
    "enum", "resource", "type", "object", "value", "values", "complex", "entity",
];

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|t| &t.token)
    }

    fn peek_at(&self, offset: usize) -> Option<&Token> {
        self.tokens.get(self.pos + offset).map(|t| &t.token)
    }

    fn peek_word(&self, offset: usize) -> Option<String> {
        match self.peek_at(offset) {
            Some(Token::Word(w)) => Some(w.to_lowercase()),
            _ => None,
        }
    }

    fn is_punct(&self, offset: usize, c: char) -> bool {
        self.peek_at(offset) == Some(&Token::Punct(c))
    }

    /// Index of the `)` matching the `(` at `self.pos`.
    fn matching_paren(&self) -> Option<usize> {
        let mut depth = 0usize;
        for (i, tok) in self.tokens.iter().enumerate().skip(self.pos) {
            match tok.token {
                Token::Punct('(') => depth += 1,
                Token::Punct(')') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// Parses the tokens between `(` at `self.pos` and its `)` as alternatives; moves past `)`.
    fn group(&mut self) -> Option<Term> {
        if self.depth >= MAX_NESTING {
            return None;
        }
        let close = self.matching_paren()?;
        let inner = self.tokens.get(self.pos + 1..close)?;
        let mut sub = Parser {
            tokens: inner,
            pos: 0,
            notes: Vec::new(),
            depth: self.depth + 1,
        };
        let term = sub.expression()?;
        if sub.pos < inner.len() {
            return None;
        }
        self.notes.extend(sub.notes);
        self.pos = close + 1;
        Some(term)
    }

    /// `term (("or" | "/") term)*`; more than one alternative is untyped JSON.
    fn expression(&mut self) -> Option<Term> {
        let first = self.term()?;
        let mut alternatives = vec![first];
        while self.peek_word(0).as_deref() == Some("or") || self.is_punct(0, '/') {
            self.pos += 1;
            alternatives.push(self.term()?);
        }
        if alternatives.len() == 1 {
            return alternatives.pop();
        }
        if alternatives.iter().any(|t| t.bare) {
            return None;
        }
        let mut term = Term {
            base: Base::Json,
            collection: false,
            bare: false,
            notes: Vec::new(),
        };
        term.notes
            .push("alternative types; read as untyped JSON".to_string());
        // `(a or b) collection`: the collection applies to the whole group.
        if self.peek_word(0).as_deref() == Some("collection") {
            self.pos += 1;
            term.collection = true;
        }
        Some(term)
    }

    /// `[(qualifier)] primary [collection] [(qualifier)]`.
    fn term(&mut self) -> Option<Term> {
        if self.is_punct(0, '(')
            && self.is_punct(2, ')')
            && self
                .peek_word(1)
                .is_some_and(|w| QUALIFIER_WORDS.contains(&w.as_str()))
        {
            let word = self.peek_word(1).unwrap_or_default();
            self.notes.push(format!("qualifier `({word})`"));
            self.pos += 3;
        }
        let mut term = self.primary()?;
        loop {
            if self.peek_word(0).as_deref() == Some("collection") {
                if term.collection {
                    term.notes.push("nested collection".to_string());
                }
                term.collection = true;
                self.pos += 1;
            } else if !(self.is_punct(0, '(') && self.qualifier(&mut term)) {
                break;
            }
        }
        Some(term)
    }

    /// `(word ...)` after a type: a qualifier such as `(url)` or `(timestamp)`.
    fn qualifier(&mut self, term: &mut Term) -> bool {
        let Some(close) = self.matching_paren() else {
            return false;
        };
        let words: Option<Vec<String>> = self
            .tokens
            .get(self.pos + 1..close)
            .unwrap_or_default()
            .iter()
            .map(|t| match &t.token {
                Token::Word(w) => Some(w.clone()),
                _ => None,
            })
            .collect();
        let Some(words) = words.filter(|w| !w.is_empty()) else {
            return false;
        };
        let qualifier = words.join(" ");
        if qualifier.eq_ignore_ascii_case("timestamp")
            && term.base == Base::Primitive("String".into())
        {
            term.base = Base::Primitive("DateTimeOffset".to_string());
        }
        term.notes.push(format!("qualifier `({qualifier})`"));
        self.pos = close + 1;
        true
    }

    fn primary(&mut self) -> Option<Term> {
        match self.peek()?.clone() {
            Token::Word(w) if w.eq_ignore_ascii_case("collection") && self.is_punct(1, '(') => {
                self.pos += 1;
                let mut term = self.group()?;
                if term.collection {
                    term.notes.push("nested collection".to_string());
                }
                term.collection = true;
                term.bare = false;
                Some(term)
            }
            Token::Word(w)
                if w.eq_ignore_ascii_case("collection")
                    && self.peek_word(1).as_deref() == Some("of") =>
            {
                if self.depth >= MAX_NESTING {
                    return None;
                }
                self.pos += 2;
                self.depth += 1;
                let term = self.primary();
                self.depth -= 1;
                let mut term = term?;
                term.collection = true;
                term.notes.push("`collection of X`".to_string());
                Some(term)
            }
            Token::Punct('(') => self.group(),
            Token::Link {
                text,
                target,
                broken,
            } => {
                self.pos += 1;
                Some(link_term(&text, target, broken))
            }
            Token::Word(w) => {
                self.pos += 1;
                self.word_term(&w)
            }
            Token::Punct(_) => None,
        }
    }

    fn word_term(&mut self, word: &str) -> Option<Term> {
        let lower = word.to_lowercase();
        // `JSON object`, `Untyped JSON object`, `Untyped JSON`.
        if lower == "untyped" && self.peek_word(0).as_deref() == Some("json") {
            self.pos += 1;
        }
        if matches!(lower.as_str(), "json" | "untyped") {
            if self.peek_word(0).as_deref() == Some("object") {
                self.pos += 1;
            }
            let mut notes = Vec::new();
            if word != "Json" {
                notes.push(format!("`{word}` for untyped JSON"));
            }
            return Some(Term {
                base: Base::Json,
                collection: false,
                bare: false,
                notes,
            });
        }
        let mut term = classify_name(word)?;
        if let Base::Named { .. } = term.base {
            term.bare = true;
        }
        Some(term)
    }

    /// What follows a complete type: accepted (with a note) when it plainly is commentary
    /// (`. Holds grades`, `, maximum size 20`, `enum`), else the cell is not a type.
    fn trailing(&mut self, text: &str) -> bool {
        let Some(tok) = self.tokens.get(self.pos) else {
            return true;
        };
        let accepted = match &tok.token {
            Token::Punct(c) => matches!(c, '.' | ',' | ';' | ':' | '-'),
            // A lone word such as `enum` ends the cell; more words are prose, not a type.
            Token::Word(w) => {
                self.pos + 1 == self.tokens.len()
                    && TRAILING_WORDS.contains(&w.to_lowercase().as_str())
            }
            Token::Link { .. } => false,
        };
        if accepted {
            let rest = text.get(tok.start..).unwrap_or("").trim();
            self.notes.push(format!("trailing text `{rest}`"));
            self.pos = self.tokens.len();
        }
        accepted
    }
}

#[cfg(test)]
mod tests;
