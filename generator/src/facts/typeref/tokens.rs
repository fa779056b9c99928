//! The Type cell's tokens: links (inline, reference-style, shortcut, broken), words and
//! punctuation, after entities, escapes, emphasis and code marks are removed.

use std::collections::BTreeMap;

/// Decodes entities and escapes, drops emphasis and code marks (noting them), turns `<br>` into a
/// sentence break so that what follows reads as trailing text.
pub(super) fn normalise(raw: &str, notes: &mut Vec<String>) -> String {
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
pub(super) enum Token {
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
pub(super) struct Tok {
    pub(super) token: Token,
    pub(super) start: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '.' | '#' | '-')
}

pub(super) fn tokenize(
    text: &str,
    link_defs: &BTreeMap<String, String>,
    notes: &mut Vec<String>,
) -> Vec<Tok> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let start = text.len() - rest.len();
        if c.is_whitespace() {
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
        } else if c == '[' {
            let (token, after) = read_link(rest, link_defs, notes);
            tokens.push(Tok { token, start });
            rest = after;
        } else if is_word_char(c) {
            let end = rest
                .find(|ch: char| !is_word_char(ch))
                .unwrap_or(rest.len());
            let word = rest.get(..end).unwrap_or_default().trim_end_matches('.');
            if word.is_empty() {
                tokens.push(Tok {
                    token: Token::Punct('.'),
                    start,
                });
                rest = rest.get(1..).unwrap_or_default();
            } else {
                tokens.push(Tok {
                    token: Token::Word(word.to_string()),
                    start,
                });
                rest = rest.get(word.len()..).unwrap_or_default();
            }
        } else {
            tokens.push(Tok {
                token: Token::Punct(c),
                start,
            });
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
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
    let inner = text.strip_prefix('[').unwrap_or(text);
    let Some(close) = inner.find(']') else {
        notes.push("unclosed `[`".to_string());
        let token = Token::Link {
            text: inner.trim().to_string(),
            target: None,
            broken: true,
        };
        return (token, "");
    };
    let (label, after) = inner.split_at_checked(close).unwrap_or((inner, ""));
    let label = label.trim().to_string();
    let after = after.strip_prefix(']').unwrap_or(after);
    if let Some(dest) = after.strip_prefix('(') {
        return match dest.find(')') {
            Some(end) => {
                let (target, after) = dest.split_at_checked(end).unwrap_or((dest, ""));
                let target = target.trim();
                // `[x](x.md "title")`: the title is not part of the target.
                let target = target.split_whitespace().next().unwrap_or("").to_string();
                let token = Token::Link {
                    text: label,
                    target: Some(target),
                    broken: false,
                };
                (token, after.strip_prefix(')').unwrap_or(after))
            }
            None => {
                notes.push("link target not closed".to_string());
                let end = dest.find(char::is_whitespace).unwrap_or(dest.len());
                let (target, after) = dest.split_at_checked(end).unwrap_or((dest, ""));
                (
                    Token::Link {
                        text: label,
                        target: Some(target.to_string()),
                        broken: true,
                    },
                    after,
                )
            }
        };
    }
    let (key, rest) = match after.strip_prefix('[').and_then(|r| r.split_once(']')) {
        Some((key, rest)) if key.trim().is_empty() => (label.clone(), rest),
        Some((key, rest)) => (key.trim().to_string(), rest),
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
