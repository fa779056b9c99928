//! An api page cut into its H2 sections, and the prose readers the sections need (status codes,
//! type mentions such as "a collection of [user](../resources/user.md) objects").

use crate::diag::Span;
use crate::ir::PRIMITIVES;
use crate::pages::{Block, Page, Text};
use serde::Serialize;

/// The blocks under one H2 (sub-headings included), or the blocks before the first H2.
pub struct Section<'a> {
    /// The heading text folded for matching: lower case, no spaces (`httprequest`); empty for
    /// the part before the first H2.
    pub key: String,
    pub span: Span,
    pub blocks: Vec<&'a Block>,
}

/// `HTTP Request`, `HTTP request`, ` Request  Body ` -> `httprequest`, `requestbody`.
pub fn section_key(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

pub fn h2_sections(page: &Page) -> Vec<Section<'_>> {
    let mut sections = vec![Section {
        key: String::new(),
        span: Span::new(page.path.as_str(), 1, 1),
        blocks: Vec::new(),
    }];
    for block in &page.blocks {
        if let Block::Heading(h) = block {
            // `### Optional request headers` nested under the query parameters (drive pages)
            // is a headers table, not more query parameters.
            let in_query = sections.last().is_some_and(|s| {
                matches!(
                    s.key.as_str(),
                    "optionalqueryparameters" | "queryparameters"
                )
            });
            let headers = h.level == 3
                && in_query
                && matches!(
                    section_key(&h.text).as_str(),
                    "requestheaders" | "optionalrequestheaders"
                );
            if h.level == 2 || headers {
                sections.push(Section {
                    key: section_key(&h.text),
                    span: h.span.clone(),
                    blocks: Vec::new(),
                });
                continue;
            }
        }
        if let Some(current) = sections.last_mut() {
            current.blocks.push(block);
        }
    }
    sections
}

impl<'a> Section<'a> {
    pub fn paragraphs(&self) -> impl Iterator<Item = &'a Text> + '_ {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph(t) => Some(t),
            _ => None,
        })
    }

    pub fn tables(&self) -> impl Iterator<Item = &'a crate::pages::Table> + '_ {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }

    pub fn is(&self, keys: &[&str]) -> bool {
        keys.contains(&self.key.as_str())
    }
}

/// A type named in prose: a link to a type page, or a bare word before "object".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TypeMention {
    /// The name as written (link text or word), backticks removed.
    pub name: String,
    pub link: Option<String>,
    pub collection: bool,
    pub span: Span,
}

/// The first success or other status code in the text: `200 OK`, `` `204 No Content` ``.
pub fn status_code(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 3 <= bytes.len() {
        let digits = bytes.get(i..i + 3).unwrap_or_default();
        let before_ok = i == 0 || !bytes.get(i - 1).is_some_and(u8::is_ascii_alphanumeric);
        let after = bytes.get(i + 3).copied();
        if before_ok
            && digits.iter().all(u8::is_ascii_digit)
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
        {
            let reason_follows = text.get(i + 3..).is_some_and(|rest| {
                let rest = rest.strip_prefix(' ').unwrap_or("");
                rest.starts_with(|c: char| c.is_ascii_uppercase())
            });
            let code = std::str::from_utf8(digits)
                .ok()
                .and_then(|d| d.parse::<u16>().ok());
            if let Some(code) = code.filter(|c| (100..600).contains(c)) {
                if reason_follows {
                    return Some(code);
                }
            }
        }
        i += 1;
    }
    None
}

/// The type a sentence names: the first link to a type page, else a bare identifier before
/// "object(s)" / "resource" / "collection", else a primitive name. The sentence decides
/// "collection".
pub fn type_mention(text: &Text) -> Option<TypeMention> {
    let plain = text.text.as_str();
    if let Some(link) = text.links.iter().find(|l| is_type_link(&l.text, &l.target)) {
        let name = clean_word(&link.text);
        let sentence = sentence_around(plain, &link.text);
        return Some(TypeMention {
            collection: says_collection(sentence, &name),
            name,
            link: Some(link.target.clone()),
            span: text.span.clone(),
        });
    }
    let words: Vec<&str> = plain.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        let noun = word.trim_end_matches(['.', ',', ';']).to_ascii_lowercase();
        if !matches!(
            noun.as_str(),
            "object" | "objects" | "resource" | "entity" | "collection"
        ) {
            continue;
        }
        let Some(before) = i.checked_sub(1).and_then(|j| words.get(j)) else {
            continue;
        };
        let name = clean_word(before);
        if is_identifier(&name) && !STOP_WORDS.contains(&name.to_ascii_lowercase().as_str()) {
            let sentence = sentence_around(plain, before);
            return Some(TypeMention {
                collection: says_collection(sentence, &name),
                name,
                link: None,
                span: text.span.clone(),
            });
        }
    }
    words.iter().enumerate().find_map(|(i, word)| {
        let name = clean_word(word);
        let canonical = PRIMITIVES.iter().find(|p| **p == name)?;
        // "a String in the response body", "a Stream", "a String collection object".
        let previous = i
            .checked_sub(1)
            .and_then(|j| words.get(j))
            .map(|w| w.to_ascii_lowercase());
        if !matches!(previous.as_deref(), Some("a" | "an" | "the" | "of")) {
            return None;
        }
        let sentence = sentence_around(plain, word);
        Some(TypeMention {
            name: canonical.to_string(),
            link: None,
            collection: says_collection(sentence, &name),
            span: text.span.clone(),
        })
    })
}

const STOP_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "json",
    "updated",
    "new",
    "created",
    "response",
    "same",
    "this",
    "that",
    "single",
    "empty",
    "error",
    "requested",
    "corresponding",
    "specified",
    "each",
    "returned",
    "following",
    "body",
    "and",
    "of",
    "or",
    "collection",
    "object",
    "objects",
    "in",
    "with",
    "its",
    "existing",
    "entire",
    "complete",
    "child",
    "parent",
    "target",
    "resulting",
    "modified",
    "async",
    "operation",
    "odata",
    "no",
    "any",
    "one",
    "user's",
    "full",
];

/// A link to a type page: an identifier as text, a `.md` target that is not a conceptual page.
fn is_type_link(text: &str, target: &str) -> bool {
    let target = target.to_ascii_lowercase();
    let file = target.split('#').next().unwrap_or_default();
    is_identifier(&clean_word(text))
        && file.ends_with(".md")
        && !target.starts_with("http")
        && !file.contains("/api/")
        && !file.starts_with("/graph/")
}

fn clean_word(word: &str) -> String {
    word.trim_matches(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .trim_end_matches('.')
        .to_string()
}

fn is_identifier(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// The sentence of `text` that holds `needle` (sentences end at ". ").
fn sentence_around<'t>(text: &'t str, needle: &str) -> &'t str {
    let Some(at) = text.find(needle) else {
        return text;
    };
    let start = text
        .get(..at)
        .and_then(|head| head.rfind(". "))
        .map_or(0, |i| i + 2);
    let end = text
        .get(at..)
        .and_then(|tail| tail.find(". "))
        .map_or(text.len(), |i| at + i + 1);
    text.get(start..end).unwrap_or(text)
}

fn says_collection(sentence: &str, name: &str) -> bool {
    let lower = sentence.to_ascii_lowercase();
    let name = name.to_ascii_lowercase();
    lower.contains("collection")
        || lower.contains(&format!("{name} objects"))
        || lower.contains(&format!("{name} resources"))
        || lower.contains("array of")
        || lower.contains("list of")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::Link;

    fn text(plain: &str, links: &[(&str, &str)]) -> Text {
        Text {
            text: plain.to_string(),
            links: links
                .iter()
                .map(|(t, l)| Link {
                    text: t.to_string(),
                    target: l.to_string(),
                })
                .collect(),
            pieces: crate::ir::text::Paragraph::from_text(plain),
            span: Span::new("api/x.md", 3, 1),
        }
    }

    #[test]
    fn status_codes() {
        assert_eq!(status_code("returns a `200 OK` response code"), Some(200));
        assert_eq!(status_code("returns 204 No Content."), Some(204));
        assert_eq!(
            status_code("up to 1000 items; returns `201 Created`"),
            Some(201)
        );
        assert_eq!(status_code("no code here"), None);
    }

    #[test]
    fn linked_type_single_and_collection() {
        let t = text(
            "returns a `200 OK` response code and a user object in the response body.",
            &[("user", "../resources/user.md")],
        );
        let m = type_mention(&t).expect("mention");
        assert_eq!(
            (m.name.as_str(), m.collection, m.link.is_some()),
            ("user", false, true)
        );
        let t = text(
            "returns a `200 OK` response code and a collection of user objects in the response body.",
            &[("user", "../resources/user.md")],
        );
        assert!(type_mention(&t).expect("mention").collection);
        let t = text(
            "See permissions for more.",
            &[("permissions", "/graph/permissions-reference")],
        );
        assert_eq!(type_mention(&t), None);
    }

    #[test]
    fn unlinked_type_and_primitives() {
        let t = text("returns a `200 OK` response code and a deviceManagementScriptUserState object in the response body.", &[]);
        assert_eq!(
            type_mention(&t).map(|m| m.name),
            Some("deviceManagementScriptUserState".to_string())
        );
        let t = text(
            "returns a `200 OK` response code and a String collection object in the response body.",
            &[],
        );
        let m = type_mention(&t).expect("mention");
        assert_eq!((m.name.as_str(), m.collection), ("String", true));
        let t = text(
            "returns a `200 OK` response code and a Stream in the response body.",
            &[],
        );
        assert_eq!(type_mention(&t).map(|m| m.name), Some("Stream".to_string()));
        let t = text(
            "returns a `200 OK` response code and an updated object in the response body.",
            &[],
        );
        assert_eq!(type_mention(&t), None);
    }

    #[test]
    fn keys_fold_case_and_space() {
        assert_eq!(section_key("HTTP Request"), "httprequest");
        assert_eq!(section_key(" Request  body"), "requestbody");
    }
}
