//! The grammar of the docs' Type column (`String`, `[x](x.md) collection`, `Collection(Edm.Int32)`, ...).
//!
//! A cell is first cut into tokens (links, words, punctuation), then read as
//! `[qualifier] primary [collection] [qualifier] [trailing text]`, where a primary is
//! `Collection(..)`, `collection of ..`, a parenthesised group of alternatives, a link, or a word.
//! Anything that does not fit becomes [`TypeSpecKind::Unknown`] with the raw text.

use crate::model::PRIMITIVES;
use crate::pages::Cell;
use serde::Serialize;
use std::collections::BTreeMap;

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
    fn unknown(raw: &str) -> TypeSpec {
        TypeSpec {
            name: raw.trim().to_string(),
            kind: TypeSpecKind::Unknown,
            collection: false,
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

/// Decodes entities and escapes, drops emphasis and code marks (noting them), turns `<br>` into a
/// sentence break so that what follows reads as trailing text.
fn normalise(raw: &str, notes: &mut Vec<String>) -> String {
    let mut text = raw.trim().to_string();
    for (entity, plain) in [
        ("&nbsp;", " "),
        ("&#124;", "|"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&amp;", "&"),
    ] {
        text = text.replace(entity, plain);
    }
    for br in ["<br/>", "<br />", "<br>", "<BR>"] {
        text = text.replace(br, ". ");
    }
    if text.contains('`') {
        notes.push("written in backticks".to_string());
        text = text.replace('`', "");
    }
    if text.contains("**") || text.contains("__") {
        notes.push("written in bold".to_string());
        text = text.replace("**", "").replace("__", "");
    }
    // Backslash escapes (`\_`, `\|`) stand for the character itself.
    let mut unescaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(next)) if next.is_ascii_punctuation() => {}
            _ => unescaped.push(c),
        }
    }
    unescaped.trim().to_string()
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Link {
        text: String,
        target: Option<String>,
        broken: bool,
    },
    Word(String),
    Punct(char),
}

/// Where a token starts in the normalised text (for trailing-text notes).
#[derive(Clone, Debug)]
struct Tok {
    token: Token,
    start: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '#' | '-')
}

fn tokenize(text: &str, link_defs: &BTreeMap<String, String>, notes: &mut Vec<String>) -> Vec<Tok> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let start = text.len() - rest.len();
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
        } else if c == '[' {
            let (token, after) = read_link(rest, link_defs, notes);
            tokens.push(Tok { token, start });
            rest = after;
        } else if is_word_char(c) {
            let end = rest
                .find(|ch: char| !is_word_char(ch))
                .unwrap_or(rest.len());
            let word = rest[..end].trim_end_matches('.');
            if word.is_empty() {
                tokens.push(Tok {
                    token: Token::Punct('.'),
                    start,
                });
                rest = &rest[1..];
            } else {
                tokens.push(Tok {
                    token: Token::Word(word.to_string()),
                    start,
                });
                rest = &rest[word.len()..];
            }
        } else {
            tokens.push(Tok {
                token: Token::Punct(c),
                start,
            });
            rest = &rest[c.len_utf8()..];
        }
    }
    tokens
}

/// Reads `[text](target)`, `[text][label]`, `[text][]` or `[text]` at the start of `text`.
fn read_link<'a>(
    text: &'a str,
    link_defs: &BTreeMap<String, String>,
    notes: &mut Vec<String>,
) -> (Token, &'a str) {
    let inner = &text[1..];
    let Some(close) = inner.find(']') else {
        notes.push("unclosed `[`".to_string());
        let token = Token::Link {
            text: inner.trim().to_string(),
            target: None,
            broken: true,
        };
        return (token, "");
    };
    let label = inner[..close].trim().to_string();
    let after = &inner[close + 1..];
    if let Some(dest) = after.strip_prefix('(') {
        return match dest.find(')') {
            Some(end) => {
                let target = dest[..end].trim();
                // `[x](x.md "title")`: the title is not part of the target.
                let target = target.split_whitespace().next().unwrap_or("").to_string();
                let token = Token::Link {
                    text: label,
                    target: Some(target),
                    broken: false,
                };
                (token, &dest[end + 1..])
            }
            None => {
                notes.push("link target not closed".to_string());
                let end = dest.find(char::is_whitespace).unwrap_or(dest.len());
                let target = Some(dest[..end].to_string());
                (
                    Token::Link {
                        text: label,
                        target,
                        broken: true,
                    },
                    &dest[end..],
                )
            }
        };
    }
    let (key, rest) = match after
        .strip_prefix('[')
        .and_then(|r| r.find(']').map(|e| (r, e)))
    {
        Some((r, end)) if r[..end].trim().is_empty() => (label.clone(), &r[end + 1..]),
        Some((r, end)) => (r[..end].trim().to_string(), &r[end + 1..]),
        None => {
            notes.push("bracketed name without a link".to_string());
            (label.clone(), after)
        }
    };
    let target = link_defs.get(&key.to_lowercase()).cloned();
    (
        Token::Link {
            text: label,
            target,
            broken: false,
        },
        rest,
    )
}

#[derive(Clone, Debug, PartialEq)]
enum Base {
    Primitive(String),
    Named {
        name: String,
        link: Option<String>,
        namespace: Option<String>,
    },
    Json,
}

#[derive(Clone, Debug)]
struct Term {
    base: Base,
    collection: bool,
    /// A bare word that is not a primitive: too weak to stand as one side of `a or b`.
    bare: bool,
    notes: Vec<String>,
}

struct Parser<'t> {
    tokens: &'t [Tok],
    pos: usize,
    notes: Vec<String>,
}

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
        let close = self.matching_paren()?;
        let inner = self.tokens.get(self.pos + 1..close)?;
        let mut sub = Parser {
            tokens: inner,
            pos: 0,
            notes: Vec::new(),
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
                self.pos += 2;
                let mut term = self.primary()?;
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

fn link_term(text: &str, target: Option<String>, broken: bool) -> Term {
    let mut notes = Vec::new();
    if broken {
        notes.push("broken link".to_string());
    }
    let text = text.trim();
    if let Some(mut term) = classify_name(text) {
        if let Base::Primitive(name) = &term.base {
            notes.push(format!("link to the primitive {name}"));
        }
        if let Base::Named { link, .. } = &mut term.base {
            *link = target;
        }
        term.notes.extend(notes);
        return term;
    }
    // A link whose text is not a name: fall back on the target's file name.
    let stem = target
        .as_deref()
        .and_then(|t| t.split('#').next())
        .and_then(|t| t.rsplit(['/', '\\']).next())
        .map(|t| t.trim_end_matches(".md").to_string())
        .filter(|s| is_identifier(s));
    notes.push(format!("link text `{text}` is not a type name"));
    Term {
        base: Base::Named {
            name: stem.unwrap_or_else(|| text.to_string()),
            link: target,
            namespace: None,
        },
        collection: false,
        bare: false,
        notes,
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Words that are not Edm names but mean a primitive (or untyped JSON).
fn non_edm_primitive(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "int" | "integer" => "Int32",
        "long" => "Int64",
        "bool" => "Boolean",
        "datetime" | "timestamp" => "DateTimeOffset",
        "number" | "numeric" | "float" => "Double",
        "url" | "uri" => "String",
        _ => return None,
    })
}

/// Classifies a name: `[#][Edm.]primitive` in any case, non-Edm words, `microsoft.graph[.ns].X`,
/// or a plain identifier. None when it is none of these (a foreign namespace, punctuation).
fn classify_name(word: &str) -> Option<Term> {
    let mut notes = Vec::new();
    let word = word.strip_prefix('#').unwrap_or(word);
    let (edm, name) = match word.get(..4) {
        Some(prefix) if prefix.eq_ignore_ascii_case("edm.") => (true, &word[4..]),
        _ => (false, word),
    };
    let term = |base, notes| {
        Some(Term {
            base,
            collection: false,
            bare: false,
            notes,
        })
    };
    if let Some(canonical) = PRIMITIVES.iter().find(|p| p.eq_ignore_ascii_case(name)) {
        if edm {
            notes.push("`Edm.` prefix".to_string());
        }
        if *canonical != name {
            notes.push(format!("`{name}` for {canonical}"));
        }
        return term(Base::Primitive(canonical.to_string()), notes);
    }
    let lower = name.to_lowercase();
    if edm && lower == "untyped" {
        return term(Base::Json, vec!["`Edm.Untyped`".to_string()]);
    }
    if edm {
        return None;
    }
    if let Some(canonical) = non_edm_primitive(&lower) {
        return term(
            Base::Primitive(canonical.to_string()),
            vec![format!("`{name}` for {canonical}")],
        );
    }
    if lower == "object" {
        return term(Base::Json, vec![format!("`{name}` for untyped JSON")]);
    }
    if lower == "json" {
        return term(Base::Json, Vec::new());
    }
    if lower.starts_with("microsoft.graph.") {
        let rest = &name["microsoft.graph.".len()..];
        let (namespace, bare) = match rest.rsplit_once('.') {
            Some((ns, bare)) => (Some(ns.to_string()), bare),
            None => (None, rest),
        };
        if !is_identifier(bare)
            || namespace
                .as_deref()
                .is_some_and(|ns| ns.split('.').any(|p| !is_identifier(p)))
        {
            return None;
        }
        let base = Base::Named {
            name: bare.to_string(),
            link: None,
            namespace,
        };
        return term(base, Vec::new());
    }
    if is_identifier(name) {
        return term(
            Base::Named {
                name: name.to_string(),
                link: None,
                namespace: None,
            },
            Vec::new(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(raw: &str) -> Cell {
        Cell {
            raw: raw.to_string(),
            text: raw.to_string(),
            ..Cell::default()
        }
    }

    fn parse(raw: &str) -> TypeSpec {
        parse_type_cell(&cell(raw), &BTreeMap::new())
    }

    fn assert_type(raw: &str, kind: TypeSpecKind, name: &str, collection: bool, odd: bool) {
        let spec = parse(raw);
        assert_eq!(spec.kind, kind, "{raw}: {spec:?}");
        assert_eq!(spec.name, name, "{raw}: {spec:?}");
        assert_eq!(spec.collection, collection, "{raw}: {spec:?}");
        assert_eq!(spec.oddity.is_some(), odd, "{raw}: {spec:?}");
    }

    #[test]
    fn edm_primitives_in_canonical_case() {
        for name in PRIMITIVES {
            assert_type(name, TypeSpecKind::Primitive, name, false, false);
        }
    }

    #[test]
    fn primitives_in_other_case_are_odd() {
        assert_type("string", TypeSpecKind::Primitive, "String", false, true);
        assert_type("boolean", TypeSpecKind::Primitive, "Boolean", false, true);
        assert_type("GUID", TypeSpecKind::Primitive, "Guid", false, true);
        assert_type(
            "dateTimeOffset",
            TypeSpecKind::Primitive,
            "DateTimeOffset",
            false,
            true,
        );
        assert_type(
            "DateTimeOffSet",
            TypeSpecKind::Primitive,
            "DateTimeOffset",
            false,
            true,
        );
        assert_type("int32", TypeSpecKind::Primitive, "Int32", false, true);
    }

    #[test]
    fn primitive_collections() {
        assert_type(
            "String collection",
            TypeSpecKind::Primitive,
            "String",
            true,
            false,
        );
        assert_type(
            "string collection",
            TypeSpecKind::Primitive,
            "String",
            true,
            true,
        );
        assert_type(
            "Guid collection",
            TypeSpecKind::Primitive,
            "Guid",
            true,
            false,
        );
    }

    #[test]
    fn inline_links_take_the_link_text() {
        let spec = parse("[identitySet](identityset.md)");
        assert_eq!(spec.kind, TypeSpecKind::Named);
        assert_eq!(spec.name, "identitySet");
        assert_eq!(spec.link.as_deref(), Some("identityset.md"));
        assert!(spec.oddity.is_none());
        let spec = parse("[mimeContent](../resources/intune-shared-mimecontent.md)");
        assert_eq!(spec.name, "mimeContent");
        assert_eq!(
            spec.link.as_deref(),
            Some("../resources/intune-shared-mimecontent.md")
        );
    }

    #[test]
    fn link_collections() {
        let spec = parse("[directoryObject](directoryobject.md) collection");
        assert_eq!(
            (spec.name.as_str(), spec.collection),
            ("directoryObject", true)
        );
        assert_eq!(spec.kind, TypeSpecKind::Named);
        assert!(spec.oddity.is_none());
    }

    #[test]
    fn bare_names() {
        assert_type(
            "educationExternalSource",
            TypeSpecKind::Named,
            "educationExternalSource",
            false,
            false,
        );
        assert_type(
            "dayOfWeek collection",
            TypeSpecKind::Named,
            "dayOfWeek",
            true,
            false,
        );
        assert_type("Recipient", TypeSpecKind::Named, "Recipient", false, false);
    }

    #[test]
    fn reference_style_links() {
        let mut defs = BTreeMap::new();
        defs.insert("identityset".to_string(), "identityset.md".to_string());
        let spec = parse_type_cell(&cell("[identitySet][]"), &defs);
        assert_eq!(spec.name, "identitySet");
        assert_eq!(spec.link.as_deref(), Some("identityset.md"));
        let spec = parse_type_cell(&cell("[identitySet][] collection"), &defs);
        assert!(spec.collection);
        assert_eq!(spec.link.as_deref(), Some("identityset.md"));
        let spec = parse_type_cell(&cell("[set][IdentitySet]"), &defs);
        assert_eq!(spec.link.as_deref(), Some("identityset.md"));
        // A reference without a definition still names the type.
        let spec = parse("[itemReference][]");
        assert_eq!(
            (spec.kind, spec.name.as_str(), spec.link),
            (TypeSpecKind::Named, "itemReference", None)
        );
    }

    #[test]
    fn edm_prefix_in_backticks() {
        assert_type("Edm.Int32", TypeSpecKind::Primitive, "Int32", false, true);
        assert_type(
            "`Edm.String`",
            TypeSpecKind::Primitive,
            "String",
            false,
            true,
        );
        assert_type(
            "`Edm.boolean `",
            TypeSpecKind::Primitive,
            "Boolean",
            false,
            true,
        );
        assert_type(
            "`DateTimeOffset`",
            TypeSpecKind::Primitive,
            "DateTimeOffset",
            false,
            true,
        );
        assert_type(
            "`contactRelationship`",
            TypeSpecKind::Named,
            "contactRelationship",
            false,
            true,
        );
    }

    #[test]
    fn qualified_names() {
        let spec = parse("microsoft.graph.callRecords.wifiBand");
        assert_eq!(
            (spec.kind, spec.name.as_str()),
            (TypeSpecKind::Named, "wifiBand")
        );
        assert_eq!(spec.namespace.as_deref(), Some("callRecords"));
        let spec = parse("microsoft.graph.printer");
        assert_eq!((spec.name.as_str(), spec.namespace), ("printer", None));
        let spec = parse("[microsoft.graph.externalConnectors.acl](../resources/externalconnectors-acl.md) collection");
        assert_eq!((spec.name.as_str(), spec.collection), ("acl", true));
        assert_eq!(spec.namespace.as_deref(), Some("externalConnectors"));
        assert_eq!(
            spec.link.as_deref(),
            Some("../resources/externalconnectors-acl.md")
        );
        let spec = parse("microsoft.graph.callRecords.modality collection");
        assert_eq!((spec.name.as_str(), spec.collection), ("modality", true));
    }

    #[test]
    fn collection_function_forms() {
        assert_type(
            "Collection(String)",
            TypeSpecKind::Primitive,
            "String",
            true,
            false,
        );
        assert_type(
            "collection(string)",
            TypeSpecKind::Primitive,
            "String",
            true,
            true,
        );
        assert_type(
            "`collection(string)`",
            TypeSpecKind::Primitive,
            "String",
            true,
            true,
        );
        let spec = parse("Collection([recipient](recipient.md))");
        assert_eq!((spec.name.as_str(), spec.collection), ("recipient", true));
        assert_eq!(spec.link.as_deref(), Some("recipient.md"));
        let spec = parse("Collection(microsoft.graph.user)");
        assert_eq!(
            (spec.kind, spec.name.as_str(), spec.collection),
            (TypeSpecKind::Named, "user", true)
        );
        assert_type(
            "Collection([driveRecipient][])",
            TypeSpecKind::Named,
            "driveRecipient",
            true,
            false,
        );
        assert_type(
            "Collection of String",
            TypeSpecKind::Primitive,
            "String",
            true,
            true,
        );
    }

    #[test]
    fn anchor_links() {
        let spec = parse("[ageGroup](#agegroup-values)");
        assert_eq!(
            (spec.kind, spec.name.as_str()),
            (TypeSpecKind::Named, "ageGroup")
        );
        assert_eq!(spec.link.as_deref(), Some("#agegroup-values"));
        let spec = parse("[printFinishing](enums.md#printfinishing-values) collection");
        assert_eq!(
            (spec.name.as_str(), spec.collection),
            ("printFinishing", true)
        );
        assert_eq!(spec.link.as_deref(), Some("enums.md#printfinishing-values"));
    }

    #[test]
    fn non_edm_words() {
        assert_type("Json", TypeSpecKind::Json, "Json", false, false);
        assert_type(
            "DateTime",
            TypeSpecKind::Primitive,
            "DateTimeOffset",
            false,
            true,
        );
        assert_type(
            "datetime",
            TypeSpecKind::Primitive,
            "DateTimeOffset",
            false,
            true,
        );
        assert_type("int", TypeSpecKind::Primitive, "Int32", false, true);
        assert_type("Integer", TypeSpecKind::Primitive, "Int32", false, true);
        assert_type("number", TypeSpecKind::Primitive, "Double", false, true);
        assert_type(
            "Timestamp",
            TypeSpecKind::Primitive,
            "DateTimeOffset",
            false,
            true,
        );
        assert_type("Url", TypeSpecKind::Primitive, "String", false, true);
        assert_type("bool", TypeSpecKind::Primitive, "Boolean", false, true);
        assert_type("`bool`", TypeSpecKind::Primitive, "Boolean", false, true);
        assert_type("Object", TypeSpecKind::Json, "Json", false, true);
        assert_type("Float", TypeSpecKind::Primitive, "Double", false, true);
        assert_type("numeric", TypeSpecKind::Primitive, "Double", false, true);
    }

    #[test]
    fn qualifiers() {
        assert_type(
            "string (url)",
            TypeSpecKind::Primitive,
            "String",
            false,
            true,
        );
        assert_type(
            "String (optional)",
            TypeSpecKind::Primitive,
            "String",
            false,
            true,
        );
        assert_type(
            "(Optional) String",
            TypeSpecKind::Primitive,
            "String",
            false,
            true,
        );
        assert_type(
            "string (readonly)",
            TypeSpecKind::Primitive,
            "String",
            false,
            true,
        );
        assert_type(
            "string (timestamp)",
            TypeSpecKind::Primitive,
            "DateTimeOffset",
            false,
            true,
        );
        assert_type(
            "String (enum)",
            TypeSpecKind::Primitive,
            "String",
            false,
            true,
        );
        let spec = parse("[teamVisibilityType](../resources/teamvisibilitytype.md) (optional)");
        assert_eq!(
            (spec.name.as_str(), spec.kind),
            ("teamVisibilityType", TypeSpecKind::Named)
        );
        assert!(spec.oddity.unwrap_or_default().contains("optional"));
    }

    #[test]
    fn free_form_objects() {
        assert_type("JSON object", TypeSpecKind::Json, "Json", false, true);
        assert_type(
            "Untyped JSON object",
            TypeSpecKind::Json,
            "Json",
            false,
            true,
        );
    }

    #[test]
    fn alternatives_are_json() {
        assert_type("string/number", TypeSpecKind::Json, "Json", false, true);
        assert_type(
            "[appHostedMediaConfig](../resources/apphostedmediaconfig.md) or [serviceHostedMediaConfig](../resources/servicehostedmediaconfig.md)",
            TypeSpecKind::Json,
            "Json",
            false,
            true,
        );
        assert_type(
            "(boolean or string or number) collection",
            TypeSpecKind::Json,
            "Json",
            true,
            true,
        );
    }

    #[test]
    fn trailing_text() {
        let spec = parse("[educationOutcome](educationOutcome.md) collection. Holds grades, feedback and/or rubrics");
        assert_eq!(
            (spec.name.as_str(), spec.collection),
            ("educationOutcome", true)
        );
        assert!(spec.oddity.unwrap_or_default().contains("Holds grades"));
        assert_type(
            "string, maximum size 20",
            TypeSpecKind::Primitive,
            "String",
            false,
            true,
        );
        assert_type(
            "alertStatus enum",
            TypeSpecKind::Named,
            "alertStatus",
            false,
            true,
        );
        assert_type(
            "[itemAnalytics][] resource",
            TypeSpecKind::Named,
            "itemAnalytics",
            false,
            true,
        );
        assert_type(
            "String<br>Max 20 characters",
            TypeSpecKind::Primitive,
            "String",
            false,
            true,
        );
    }

    #[test]
    fn broken_and_odd_links() {
        let spec = parse("[invitedUserMessageInfo](invitedusermessageinfo.md");
        assert_eq!(
            (spec.kind, spec.name.as_str()),
            (TypeSpecKind::Named, "invitedUserMessageInfo")
        );
        assert_eq!(spec.link.as_deref(), Some("invitedusermessageinfo.md"));
        assert!(spec.oddity.unwrap_or_default().contains("link"));
        let spec = parse("[DateTimeOffset](../resources/timestamp.md)");
        assert_eq!(
            (spec.kind, spec.name.as_str()),
            (TypeSpecKind::Primitive, "DateTimeOffset")
        );
        assert!(spec.oddity.is_some());
        let spec = parse("[physicalAddress]");
        assert_eq!(
            (spec.kind, spec.name.as_str()),
            (TypeSpecKind::Named, "physicalAddress")
        );
        assert!(spec.oddity.is_some());
        let spec = parse("[identitySet](/graph/api/resources/identityset)");
        assert_eq!(
            spec.link.as_deref(),
            Some("/graph/api/resources/identityset")
        );
        let spec = parse("**dateTimeTimeZone**");
        assert_eq!(
            (spec.kind, spec.name.as_str()),
            (TypeSpecKind::Named, "dateTimeTimeZone")
        );
        assert!(spec.oddity.is_some());
    }

    #[test]
    fn unreadable_values_are_unknown_with_raw_text() {
        for raw in [
            "application/json",
            "Not supported.",
            "",
            "$(this.Properties.DisplayType)",
            "** Unknown Type `microsoft.management.services.x.operation` ** collection",
            "Microsoft.DirectoryServices.contract",
            "<Unknown Primitive Type Edm.Stream>",
        ] {
            let spec = parse(raw);
            assert_eq!(spec.kind, TypeSpecKind::Unknown, "{raw}: {spec:?}");
            assert_eq!(spec.name, raw.trim());
        }
    }

    #[test]
    fn annotation_type_text() {
        let spec = parse_type_text("#microsoft.graph.user");
        assert_eq!(
            (spec.kind, spec.name.as_str()),
            (TypeSpecKind::Named, "user")
        );
        let spec = parse_type_text("Collection(microsoft.graph.callRecords.session)");
        assert_eq!((spec.name.as_str(), spec.collection), ("session", true));
        assert_eq!(spec.namespace.as_deref(), Some("callRecords"));
        assert_eq!(parse_type_text("stream").name, "Stream");
        assert_eq!(
            parse_type_text("$(this.ReturnTypeFullName)").kind,
            TypeSpecKind::Unknown
        );
    }

    #[test]
    fn cells_without_raw_use_text_and_links() {
        let cell = Cell {
            text: "identitySet collection".to_string(),
            links: vec![crate::pages::Link {
                text: "identitySet".to_string(),
                target: "identityset.md".to_string(),
            }],
            ..Cell::default()
        };
        let spec = parse_type_cell(&cell, &BTreeMap::new());
        assert_eq!((spec.name.as_str(), spec.collection), ("identitySet", true));
        assert_eq!(spec.link.as_deref(), Some("identityset.md"));
    }
}
