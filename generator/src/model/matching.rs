//! Example URLs matched against an operation's path templates.
//!
//! A template is a sequence of literals and parameters. Literals compare without ASCII case (Graph
//! paths are case-insensitive); a parameter takes one or more characters up to the next `/`,
//! except a drive path (`root:/{item-path}:`), which may span segments. Values are
//! percent-decoded.

use crate::facts::url::percent_decode;
use crate::ir::{PathTemplate, SegmentPart};
use std::collections::BTreeMap;

/// The best template for `path` (the one with the most literal text; the first on ties), and
/// the values of its parameters.
pub fn match_templates(
    path: &str,
    templates: &[PathTemplate],
) -> Option<(usize, BTreeMap<String, String>)> {
    let path = path.trim_end_matches('/');
    let mut best: Option<(usize, usize, BTreeMap<String, String>)> = None;
    for (index, template) in templates.iter().enumerate() {
        let Some(values) = match_template(path, template) else {
            continue;
        };
        let literal_len = literal_length(template);
        if best.as_ref().is_none_or(|(_, len, _)| literal_len > *len) {
            best = Some((index, literal_len, values));
        }
    }
    best.map(|(index, _, values)| (index, values))
}

/// Matches one template; the values are percent-decoded.
pub fn match_template(path: &str, template: &PathTemplate) -> Option<BTreeMap<String, String>> {
    let tokens = tokens(template);
    let mut values = Vec::new();
    if !match_from(path.as_bytes(), 0, &tokens, &mut values, &mut Vec::new()) {
        return None;
    }
    Some(
        values
            .into_iter()
            .map(|(name, raw)| (name, percent_decode(&raw)))
            .collect(),
    )
}

/// The literal text of `template` that `path` spells in another case, as (written, documented)
/// pairs in path order; empty when the path does not match or spells every literal alike.
pub fn literal_case_differences(path: &str, template: &PathTemplate) -> Vec<(String, String)> {
    let tokens = tokens(template);
    let mut differences = Vec::new();
    let path = path.trim_end_matches('/');
    if !match_from(
        path.as_bytes(),
        0,
        &tokens,
        &mut Vec::new(),
        &mut differences,
    ) {
        return Vec::new();
    }
    differences
}

#[derive(Debug)]
enum Token<'a> {
    Literal(&'a str),
    Param { name: &'a str, spans_segments: bool },
}

fn tokens(template: &PathTemplate) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    for segment in &template.segments {
        out.push(Token::Literal("/"));
        for (i, part) in segment.parts.iter().enumerate() {
            match part {
                SegmentPart::Literal(text) => out.push(Token::Literal(text)),
                SegmentPart::Param(name) => {
                    // `{item-path}:` after `root:/`: a path inside the drive.
                    let next_is_colon = matches!(segment.parts.get(i + 1), Some(SegmentPart::Literal(t)) if t.starts_with(':'));
                    out.push(Token::Param {
                        name,
                        spans_segments: next_is_colon,
                    });
                }
            }
        }
    }
    out
}

fn literal_length(template: &PathTemplate) -> usize {
    template
        .segments
        .iter()
        .flat_map(|s| s.parts.iter())
        .map(|p| match p {
            SegmentPart::Literal(t) => t.len() + 1,
            SegmentPart::Param(_) => 1,
        })
        .sum()
}

/// Backtracking match of `tokens` against `path[at..]`; `cased` collects the literals matched
/// only without case, as (written, documented).
fn match_from(
    path: &[u8],
    at: usize,
    tokens: &[Token<'_>],
    values: &mut Vec<(String, String)>,
    cased: &mut Vec<(String, String)>,
) -> bool {
    let Some((first, rest)) = tokens.split_first() else {
        return at == path.len();
    };
    match first {
        Token::Literal(text) => {
            let end = at + text.len();
            let Some(written) = path
                .get(at..end)
                .filter(|p| p.eq_ignore_ascii_case(text.as_bytes()))
            else {
                return false;
            };
            let differs = written != text.as_bytes();
            if differs {
                cased.push((
                    String::from_utf8_lossy(written).into_owned(),
                    text.to_string(),
                ));
            }
            let matched = match_from(path, end, rest, values, cased);
            if differs && !matched {
                cased.pop();
            }
            matched
        }
        Token::Param {
            name,
            spans_segments,
        } => {
            let mut end = at + 1;
            while end <= path.len() {
                let Some(taken) = path.get(at..end) else {
                    break;
                };
                if !spans_segments && taken.last() == Some(&b'/') {
                    break;
                }
                values.push((
                    name.to_string(),
                    String::from_utf8_lossy(taken).into_owned(),
                ));
                if match_from(path, end, rest, values, cased) {
                    return true;
                }
                values.pop();
                end += 1;
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;
    use crate::facts::template::parse_template;

    fn template(path: &str) -> PathTemplate {
        parse_template(path, &Span::default()).expect("template")
    }

    #[test]
    fn matches_and_extracts_values() {
        let templates = vec![template("/users/{id}"), template("/me")];
        let (index, values) =
            match_templates("/users/AdeleV%40contoso.com", &templates).expect("match");
        assert_eq!(index, 0);
        assert_eq!(
            values.get("id").map(String::as_str),
            Some("AdeleV@contoso.com")
        );
        assert_eq!(match_templates("/ME/", &templates).map(|m| m.0), Some(1));
        assert_eq!(match_templates("/users/a/b", &templates), None);
        assert_eq!(match_templates("/users/", &templates), None);
    }

    #[test]
    fn prefers_the_most_literal_template() {
        let templates = vec![
            template("/users/{id}/events/{eventId}"),
            template("/users/{id}/events/delta"),
        ];
        assert_eq!(
            match_templates("/users/1/events/delta", &templates).map(|m| m.0),
            Some(1)
        );
    }

    #[test]
    fn function_arguments_and_drive_paths() {
        let t = template("/reports/getEmailActivityCounts(period='{period_value}')");
        let values =
            match_template("/reports/getEmailActivityCounts(period='D7')", &t).expect("match");
        assert_eq!(values.get("periodValue").map(String::as_str), Some("D7"));
        let t = template("/drives/{drive-id}/root:/{item-path}:/content");
        let values = match_template("/drives/b!x/root:/Documents/My%20File.txt:/content", &t)
            .expect("match");
        assert_eq!(
            values.get("itemPath").map(String::as_str),
            Some("Documents/My File.txt")
        );
    }

    #[test]
    fn literal_case_differences_are_named() {
        let t = template("/auditLogs/directoryAudits/{id}");
        assert_eq!(
            literal_case_differences("/auditLogs/directoryaudits/AbC", &t),
            [("directoryaudits".to_string(), "directoryAudits".to_string())]
        );
        assert!(literal_case_differences("/auditLogs/directoryAudits/AbC", &t).is_empty());
        assert!(literal_case_differences("/auditLogs/other/AbC", &t).is_empty());
        // A backtracked literal is not reported.
        let t = template("/drives/{drive-id}/root:/{item-path}:/content");
        let path = "/drives/1/root:/a:/CONTENT:/content";
        assert!(match_template(path, &t).is_some());
        assert!(literal_case_differences(path, &t).is_empty());
    }

    #[test]
    fn repeated_names_keep_their_distinct_values() {
        let t = template("/me/events/{id}/attachments/{id}");
        let values = match_template("/me/events/AAA/attachments/BBB", &t).expect("match");
        assert_eq!(values.get("eventId").map(String::as_str), Some("AAA"));
        assert_eq!(values.get("attachmentId").map(String::as_str), Some("BBB"));
    }
}
