//! What description prose says about a property or a type: read-only, nullable,
//! "Possible values are: `a`, `b`", "Inherited from [x]", "Inherits from [x]".

use crate::ir::text::Paragraph;
use crate::pages::{Link, Text};

/// `text` without `suffix`, compared ignoring ASCII case; None when it does not end so.
/// (Lower-casing first and slicing the original would be wrong for non-ASCII text.)
pub fn strip_suffix_ignore_case<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let at = text.len().checked_sub(suffix.len())?;
    let tail = text.get(at..)?;
    tail.eq_ignore_ascii_case(suffix)
        .then(|| text.get(..at))
        .flatten()
}

/// `text` without `prefix`, compared ignoring ASCII case.
pub fn strip_prefix_ignore_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

/// "Read-only", "read only", "readonly", in any case.
pub fn says_read_only(description: &str) -> bool {
    let lower = description.to_lowercase();
    lower.contains("read-only") || lower.contains("read only") || lower.contains("readonly")
}

/// "Not nullable" -> false, "Nullable" -> true, nothing -> None.
pub fn says_nullable(description: &str) -> Option<bool> {
    let lower = description.to_lowercase();
    if lower.contains("not nullable") || lower.contains("non-nullable") {
        Some(false)
    } else if lower.contains("nullable") {
        Some(true)
    } else {
        None
    }
}

const VALUE_PHRASES: &[&str] = &[
    "possible values",
    "allowed values",
    "supported values",
    "valid values",
    "the possible values",
];

/// The values listed after "Possible values are:" (and its kin) in the same sentence: the
/// backticked words, or, when there are none, the comma-separated words (intune writes them
/// bare). Empty when the prose lists nothing.
pub fn possible_values(description: &str) -> Vec<String> {
    let lower = description.to_lowercase();
    let Some(start) = VALUE_PHRASES
        .iter()
        .filter_map(|p| lower.find(p).map(|i| i + p.len()))
        .min()
    else {
        return Vec::new();
    };
    let rest = description.get(start..).unwrap_or("");
    let sentence = sentence(rest);
    let quoted: Vec<String> = sentence
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect();
    if !quoted.is_empty() {
        return dedup(quoted);
    }
    let body = sentence.split_once(':').map(|(_, b)| b).unwrap_or(sentence);
    let body = body.trim_start_matches(|c: char| c.is_whitespace());
    let body = body.strip_prefix("are").unwrap_or(body);
    let words: Vec<String> = body
        .split(',')
        .flat_map(|part| part.split(" and ").flat_map(|p| p.split(" or ")))
        .map(|w| w.trim().trim_end_matches('.').trim().to_string())
        .filter(|w| is_value_word(w))
        .collect();
    // A single bare word is more likely prose ("valid values 1 to 365") than a list.
    if words.len() < 2 {
        return Vec::new();
    }
    dedup(words)
}

fn dedup(values: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for value in values {
        if !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

fn is_value_word(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && word.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Text up to the end of the first sentence: a `.` outside backticks followed by a space and
/// an upper-case letter (or the end), or a `<br>`-made break.
fn sentence(text: &str) -> &str {
    let mut in_code = false;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        match c {
            '`' => in_code = !in_code,
            '.' if !in_code => {
                let next = text.get(i + 1..).unwrap_or_default().trim_start();
                let ends = next.is_empty()
                    || (bytes.get(i + 1) == Some(&b' ')
                        && next
                            .chars()
                            .next()
                            .is_some_and(|n| n.is_uppercase() || n == '$'));
                if ends {
                    return text.get(..i).unwrap_or(text);
                }
            }
            _ => {}
        }
    }
    text
}

/// The first link after `phrase` (case-insensitive) in a paragraph or cell: the target of
/// "Inherits from [x](x.md)" and "Inherited from [x](x.md)".
pub fn link_after<'t>(text: &str, links: &'t [Link], phrase: &str) -> Option<&'t Link> {
    let lower = text.to_lowercase();
    let at = lower.find(&phrase.to_lowercase())? + phrase.len();
    let tail = text.get(at..)?;
    links
        .iter()
        .filter(|l| !l.text.is_empty())
        .filter_map(|l| tail.find(&l.text).map(|pos| (pos, l)))
        .min_by_key(|(pos, _)| *pos)
        .map(|(_, l)| l)
}

/// "Inherits from [x]", "Derived from [x]" or "A subclass of [x]" in a paragraph.
pub fn base_link(paragraph: &Text) -> Option<&Link> {
    ["inherits from", "derived from", "subclass of"]
        .iter()
        .find_map(|phrase| link_after(&paragraph.text, &paragraph.links, phrase))
}

/// Openings of a sentence that only names the base type, lower case, before the base's name.
const BASE_SENTENCES: &[&str] = &[
    "a subclass of ",
    "subclass of ",
    "inherits from ",
    "derived from ",
    "inherited from ",
];

/// Subjects that may come before a [`BASE_SENTENCES`] opening ("This is a subclass of x").
const BASE_SUBJECTS: &[&str] = &[
    "this is ",
    "it is ",
    "this resource is ",
    "this type is ",
    "this resource type is ",
    "this entity is ",
];

/// `paragraph` without the sentences that only state that the type derives from `base` ("A
/// subclass of educationResource.", "This is a subclass of x.", "Inherits from x."): the doc
/// comment states the base itself, and such a sentence made a poor summary. A sentence that
/// says more ("A subclass of x that represents a file") is kept.
pub fn without_base_sentences(paragraph: &Paragraph, base: &str) -> Paragraph {
    let all = sentences(paragraph);
    let kept: Vec<Paragraph> = all
        .iter()
        .filter(|sentence| !names_only_the_base(&sentence.flat_text(), base))
        .cloned()
        .collect();
    if kept.len() == all.len() {
        return paragraph.clone();
    }
    Paragraph::join(kept)
}

fn names_only_the_base(sentence: &str, base: &str) -> bool {
    let lower = sentence.trim().trim_end_matches('.').trim().to_lowercase();
    let lower = BASE_SUBJECTS
        .iter()
        .find_map(|subject| lower.strip_prefix(subject))
        .unwrap_or(&lower);
    let Some(named) = BASE_SENTENCES
        .iter()
        .find_map(|opening| lower.strip_prefix(opening))
    else {
        return false;
    };
    let named = named
        .trim_start_matches("the ")
        .trim_end_matches(" resource type")
        .trim_end_matches(" type")
        .trim_end_matches(" resource")
        .trim();
    let named = named.rsplit('.').next().unwrap_or(named);
    !base.is_empty() && named.eq_ignore_ascii_case(base)
}

/// The sentences of `paragraph`, trimmed: split after a `.` (outside code) that a space and an
/// upper-case letter follow.
pub fn sentences(paragraph: &Paragraph) -> Vec<Paragraph> {
    let flat = paragraph.flat_text();
    let ends: Vec<usize> = sentence_ends(&flat).collect();
    paragraph.split_at_flat(&ends)
}

/// Byte offsets just after each sentence-ending `.`: one outside backticks that a space and an
/// upper-case letter follow.
pub fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut in_code = false;
    text.char_indices().filter_map(move |(i, c)| {
        match c {
            '`' => in_code = !in_code,
            '.' if !in_code => {
                let after = text.get(i + 1..).unwrap_or_default();
                let next = after.trim_start().chars().next();
                if after.starts_with(' ') && next.is_some_and(char::is_uppercase) {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affixes_ignore_case_and_survive_unicode() {
        assert_eq!(
            strip_suffix_ignore_case("ageGroup Values", " values"),
            Some("ageGroup")
        );
        assert_eq!(
            strip_suffix_ignore_case("İİİ values", " values"),
            Some("İİİ")
        );
        assert_eq!(strip_suffix_ignore_case("x", " values"), None);
        assert_eq!(strip_suffix_ignore_case("aé", "xé"), None);
        assert_eq!(
            strip_prefix_ignore_case("Microsoft.Graph.x", "microsoft.graph."),
            Some("x")
        );
        assert_eq!(strip_prefix_ignore_case("éé", "a"), None);
    }

    #[test]
    fn read_only_and_nullable() {
        assert!(says_read_only("The id. Read-only."));
        assert!(says_read_only("This property is read only"));
        assert!(!says_read_only("The display name."));
        assert_eq!(says_nullable("Read-only. Not nullable."), Some(false));
        assert_eq!(says_nullable("Nullable."), Some(true));
        assert_eq!(says_nullable("A name."), None);
    }

    #[test]
    fn possible_values_in_backticks() {
        assert_eq!(
            possible_values(
                "The state. Possible values are: `notStarted`, `running`, `v1.0`. Read-only."
            ),
            ["notStarted", "running", "v1.0"]
        );
        assert_eq!(
            possible_values(
                "Possible values: `Approve`, `Deny`, or `DontKnow`. Supports `$select`."
            ),
            ["Approve", "Deny", "DontKnow"]
        );
        assert_eq!(
            possible_values("supported values are `oidc`, and `saml`."),
            ["oidc", "saml"]
        );
    }

    #[test]
    fn possible_values_bare_and_absent() {
        assert_eq!(
            possible_values(
                "Publishing state. Possible values are: notPublished, processing, published."
            ),
            ["notPublished", "processing", "published"]
        );
        assert!(possible_values("Number of days. Valid values 1 to 365").is_empty());
        assert!(possible_values("The name of the user.").is_empty());
    }

    #[test]
    fn links_after_phrases() {
        let links = vec![
            Link {
                text: "team".into(),
                target: "team.md".into(),
            },
            Link {
                text: "deviceConfiguration".into(),
                target: "../resources/x.md".into(),
            },
        ];
        let text = "Part of a team. Key. Inherited from deviceConfiguration";
        let link = link_after(text, &links, "inherited from");
        assert_eq!(link.map(|l| l.text.as_str()), Some("deviceConfiguration"));
        assert!(link_after("Nothing here", &links, "inherited from").is_none());
        let paragraph = Text {
            text: "A room. Derived from place.".into(),
            links: vec![Link {
                text: "place".into(),
                target: "place.md".into(),
            }],
            ..Text::default()
        };
        assert_eq!(
            base_link(&paragraph).map(|l| l.target.as_str()),
            Some("place.md")
        );
    }

    fn without_base(text: &str, base: &str) -> String {
        without_base_sentences(&Paragraph::from_text(text), base).flat_text()
    }

    #[test]
    fn sentences_naming_only_the_base_are_dropped() {
        let base = "educationResource";
        assert_eq!(without_base("A subclass of educationResource.", base), "");
        assert_eq!(
            without_base(
                "A subclass of educationResource. This resource type represents an Excel document.",
                base
            ),
            "This resource type represents an Excel document."
        );
        assert_eq!(
            without_base(
                "Used with the `a.B` property. This is a subclass of microsoft.graph.educationResource.",
                base
            ),
            "Used with the `a.B` property."
        );
        assert_eq!(
            without_base("Inherits from the educationResource type.", base),
            ""
        );
        // Saying more, or naming another type: kept.
        let more = "A subclass of educationResource that represents a file.";
        assert_eq!(without_base(more, base), more);
        let other = "A subclass of entity. A file.";
        assert_eq!(without_base(other, base), other);
        assert_eq!(without_base("Plain text", base), "Plain text");
    }

    #[test]
    fn a_subclass_names_its_base() {
        let paragraph = Text {
            text: "A subclass of educationResource.".into(),
            links: vec![Link {
                text: "educationResource".into(),
                target: "educationresource.md".into(),
            }],
            ..Text::default()
        };
        assert_eq!(
            base_link(&paragraph).map(|l| l.target.as_str()),
            Some("educationresource.md")
        );
    }
}
