//! Path templates: a request path (`/users/{id}/events/{id}`) cut into segments of literals and
//! parameters, with parameter names made identifiers (`{drive-id}` -> `driveId`), repeated names
//! made distinct (`eventId`, `attachmentId`) and literal ids (GUIDs written where a placeholder
//! belongs) turned into parameters.

use crate::diag::{excerpt, Code, Diagnostic, Span};
use crate::ir::{PathTemplate, Segment, SegmentPart};
use heck::ToLowerCamelCase;
use std::collections::BTreeMap;

/// Parses a path (starting with `/`, no query) into a template with normalised, distinct
/// parameter names.
pub fn parse_template(path: &str, span: &Span) -> Result<PathTemplate, Diagnostic> {
    parse_template_noting(path, span, &mut Vec::new())
}

/// As [`parse_template`]; a literal id where a placeholder belongs becomes a parameter, with an
/// `http-path-invalid` warning in `diagnostics`.
pub fn parse_template_noting(
    path: &str,
    span: &Span,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<PathTemplate, Diagnostic> {
    let invalid = |why: String| Diagnostic::new(Code::HttpPathInvalid, span.clone(), why);
    let mut segments = Vec::new();
    for raw in split_segments(path.trim_start_matches('/')) {
        if raw.is_empty() {
            continue;
        }
        if raw == ".." || raw == "." {
            return Err(invalid(format!(
                "the path `{}` has a `{}` segment; ignored",
                excerpt(path),
                raw
            )));
        }
        if has_space_outside_brackets(raw) {
            return Err(invalid(format!(
                "the path `{}` holds spaces outside placeholders; ignored",
                excerpt(path)
            )));
        }
        segments.push(parse_segment(raw));
    }
    if segments.is_empty() {
        return Err(invalid(format!("`{}` has no resource path", excerpt(path))));
    }
    let literal_ids = literal_ids_to_params(&mut segments);
    if !literal_ids.is_empty() {
        diagnostics.push(Diagnostic::new(
            Code::HttpPathInvalid,
            span.clone(),
            format!(
                "the path `{}` holds literal ids ({}) where placeholders belong; read as parameters",
                excerpt(path),
                literal_ids.join(", ")
            ),
        ));
    }
    make_params_distinct(&mut segments);
    Ok(PathTemplate {
        template: render(&segments),
        segments,
        fixed_query: Vec::new(),
        source: span.clone(),
    })
}

/// Segments that are a GUID (`acdefc6b-2dc6-4e71-b1e9-6d9810ab1793`) become parameters named
/// after the collection they index (`classes` -> `classId`). Returns the ids replaced.
fn literal_ids_to_params(segments: &mut [Segment]) -> Vec<String> {
    let mut replaced = Vec::new();
    let mut previous = String::new();
    for segment in segments.iter_mut() {
        let guid = match segment.parts.as_slice() {
            [SegmentPart::Literal(text)] if is_guid(text) => Some(text.clone()),
            _ => None,
        };
        match guid {
            Some(text) => {
                let name = if previous.is_empty() {
                    "id".to_string()
                } else {
                    qualified_param(&previous, "id")
                };
                segment.parts = vec![SegmentPart::Param(name)];
                replaced.push(text);
            }
            None => previous = segment_literal_word(segment),
        }
    }
    replaced
}

/// `8-4-4-4-12` hexadecimal digits.
pub(crate) fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// `a=1&b=2` -> pairs, as written (not decoded).
pub fn split_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.trim().is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (k.trim().to_string(), v.trim().to_string()),
            None => (pair.trim().to_string(), String::new()),
        })
        .collect()
}

/// The template text: literals as written, parameters as `{name}`.
pub fn render(segments: &[Segment]) -> String {
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        for part in &segment.parts {
            match part {
                SegmentPart::Literal(text) => out.push_str(text),
                SegmentPart::Param(name) => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
        }
    }
    out
}

/// A placeholder's name as an identifier: the first alternative (`{id | userPrincipalName}` is
/// `id`), words joined in lowerCamel case (`{drive-id}` is `driveId`).
pub fn normalise_param(raw: &str) -> String {
    let first = raw.split('|').next().unwrap_or_default().trim();
    let name = first.to_lower_camel_case();
    match name.chars().next() {
        None => "param".to_string(),
        Some(c) if c.is_ascii_digit() => format!("p{name}"),
        Some(_) => name,
    }
}

pub(crate) fn has_space_outside_brackets(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '{' | '(' | '<' => depth += 1,
            '}' | ')' | '>' => depth -= 1,
            c if c.is_whitespace() && depth <= 0 => return true,
            _ => {}
        }
    }
    false
}

/// Splits on `/` outside braces and parentheses (function arguments may hold slashes).
fn split_segments(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0usize;
    for (i, c) in path.char_indices() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth = (depth - 1).max(0),
            '/' if depth == 0 => {
                out.push(path.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(path.get(start..).unwrap_or_default());
    out
}

/// `getSchedule(start='{start}')` -> literal, param, literal. `{x}` and `<x>` are placeholders.
fn parse_segment(raw: &str) -> Segment {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let close = match c {
            '{' => '}',
            '<' => '>',
            _ => {
                literal.push(c);
                continue;
            }
        };
        let after = raw.get(i + 1..).unwrap_or_default();
        let (inner, consumed) = match after.find(close) {
            Some(end) => (after.get(..end).unwrap_or_default(), end + 1),
            // Unclosed: the rest of the segment is the name.
            None => (after, after.len()),
        };
        if !literal.is_empty() {
            parts.push(SegmentPart::Literal(std::mem::take(&mut literal)));
        }
        parts.push(SegmentPart::Param(normalise_param(inner)));
        let stop = i + 1 + consumed;
        while chars.peek().is_some_and(|(j, _)| *j < stop) {
            chars.next();
        }
    }
    if !literal.is_empty() {
        parts.push(SegmentPart::Literal(literal));
    }
    Segment { parts }
}

/// Repeated names (`/me/events/{id}/attachments/{id}`) are qualified by the collection they
/// index (`eventId`, `attachmentId`); a counter settles what is still equal.
fn make_params_distinct(segments: &mut [Segment]) {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for segment in segments.iter() {
        for part in &segment.parts {
            if let SegmentPart::Param(name) = part {
                *counts.entry(name.clone()).or_default() += 1;
            }
        }
    }
    if counts.values().all(|&n| n < 2) {
        return;
    }
    let mut used: Vec<String> = counts
        .iter()
        .filter(|(_, n)| **n < 2)
        .map(|(k, _)| k.clone())
        .collect();
    let mut previous_literal = String::new();
    for segment in segments.iter_mut() {
        let own_literal = segment_literal_word(segment);
        for part in segment.parts.iter_mut() {
            if let SegmentPart::Param(name) = part {
                if counts.get(name.as_str()).copied().unwrap_or(0) >= 2 {
                    let context = if own_literal.is_empty() {
                        &previous_literal
                    } else {
                        &own_literal
                    };
                    let base = qualified_param(context, name);
                    let mut candidate = base.clone();
                    let mut n = 2;
                    while used.contains(&candidate) {
                        candidate = format!("{base}{n}");
                        n += 1;
                    }
                    used.push(candidate.clone());
                    *name = candidate;
                }
            }
        }
        if !own_literal.is_empty() {
            previous_literal = own_literal;
        }
    }
}

/// The identifier-like start of a segment's literal text (`events` of `events`, `getSchedule`
/// of `getSchedule(start=`).
fn segment_literal_word(segment: &Segment) -> String {
    match segment.parts.first() {
        Some(SegmentPart::Literal(text)) => text
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect(),
        _ => String::new(),
    }
}

fn qualified_param(collection: &str, name: &str) -> String {
    if collection.is_empty() {
        return name.to_string();
    }
    let singular = singular(collection);
    let mut upper = name.to_string();
    if let Some(first) = upper.get(..1) {
        upper = first.to_ascii_uppercase() + upper.get(1..).unwrap_or_default();
    }
    format!("{}{upper}", singular.to_lower_camel_case())
}

/// A collection name's singular, naively (`policies` -> `policy`, `events` -> `event`).
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if let Some(stem) = word.strip_suffix("sses") {
        return format!("{stem}ss");
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.is_empty() => stem.to_string(),
        _ => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(path: &str) -> (PathTemplate, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let t =
            parse_template_noting(path, &Span::new("api/x.md", 3, 1), &mut d).expect("template");
        (t, d)
    }

    #[test]
    fn param_names_normalise() {
        assert_eq!(normalise_param("id | userPrincipalName"), "id");
        assert_eq!(normalise_param("period_value"), "periodValue");
        assert_eq!(normalise_param(""), "param");
        assert_eq!(normalise_param("2nd"), "p2nd");
        assert_eq!(singular("policies"), "policy");
        assert_eq!(singular("address"), "address");
    }

    #[test]
    fn literal_ids_become_parameters() {
        let (t, d) = template("/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments/cf6005fc-9e13-44a2-a6ac-a53322006454/submit");
        assert_eq!(
            t.template,
            "/education/classes/{classId}/assignments/{assignmentId}/submit"
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "http-path-invalid");
        let (t, d) = template("/users/{id}/events");
        assert_eq!(t.template, "/users/{id}/events");
        assert!(d.is_empty());
    }

    #[test]
    fn invalid_paths() {
        let span = Span::default();
        assert!(parse_template("/a/../b", &span).is_err());
        assert!(parse_template("/a b/c", &span).is_err());
        assert!(parse_template("/", &span).is_err());
    }
}
