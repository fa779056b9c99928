//! The example request's URL as evidence of an operation's path, for pages whose HTTP request
//! block documents none (the newer template's empty blocks). The newer template writes example
//! URLs with placeholders (`/deviceManagement/deviceShellScripts/{id}/assign`); a URL that holds
//! values (`/users/john@contoso.com`) is no path template and is not used, nor is the bare
//! service root (`https://graph.microsoft.com/beta/`).

use crate::diag::Span;
use crate::facts::template::{is_guid, parse_template_noting};
use crate::ir::{Example, PathTemplate, SegmentPart};

/// A path read from an example URL.
#[derive(Clone, Debug)]
pub struct ExamplePath {
    /// The path the operation is taken to have (for a create, without the item key the
    /// example's URL ends with).
    pub template: PathTemplate,
    /// The URL as written.
    pub url: String,
    /// The key segment a create's URL ended with, dropped (`{id}`).
    pub dropped_key: Option<String>,
    pub span: Span,
}

/// What the examples say about the path.
#[derive(Clone, Debug, Default)]
pub struct ExampleEvidence {
    pub path: Option<ExamplePath>,
    /// Why the examples give no path, for the drop reason ("the example URL is the service
    /// root").
    pub problem: Option<String>,
}

/// The first example request whose URL is a usable path; `creates` drops a trailing item key
/// (a create posts to the collection, while the template's example addresses an item).
pub fn evidence(examples: &[Example], creates: bool) -> ExampleEvidence {
    let mut problem = None;
    for example in examples {
        let request = &example.request;
        let Some(path) = request.path.as_deref() else {
            problem.get_or_insert_with(|| {
                format!(
                    "the example URL `{}` names no resource path",
                    crate::diag::excerpt(&request.url)
                )
            });
            continue;
        };
        if let Some(value) = path.split('/').find(|s| !is_template_segment(s)) {
            problem.get_or_insert_with(|| {
                format!(
                    "the example URL `{}` holds values (`{}`), not a path template",
                    crate::diag::excerpt(&request.url),
                    crate::diag::excerpt(value)
                )
            });
            continue;
        }
        let Ok(mut template) = parse_template_noting(path, &request.source, &mut Vec::new()) else {
            continue;
        };
        let mut dropped_key = None;
        let ends_with_key = matches!(
            template.segments.last().map(|s| s.parts.as_slice()),
            Some([SegmentPart::Param(_)])
        );
        if creates && ends_with_key && template.segments.len() > 1 {
            template.segments.pop();
            dropped_key = path.rsplit('/').next().map(str::to_string);
            template.template = crate::facts::template::render(&template.segments);
        }
        return ExampleEvidence {
            path: Some(ExamplePath {
                template,
                url: request.url.clone(),
                dropped_key,
                span: request.source.clone(),
            }),
            problem: None,
        };
    }
    ExampleEvidence {
        path: None,
        problem: problem.or_else(|| {
            examples
                .is_empty()
                .then(|| "the page has no example request".to_string())
        }),
    }
}

/// A segment a path template may hold: a name (`deviceShellScripts`,
/// `microsoft.graph.assign`), an OData segment (`$value`), a placeholder (`{id}`), a GUID (read
/// as a key), or a function call of those (`getSchedule(start='{start}')`).
fn is_template_segment(segment: &str) -> bool {
    if segment.is_empty() {
        return true;
    }
    if segment.starts_with('{') && segment.ends_with('}') {
        return true;
    }
    if is_guid(segment) {
        return true;
    }
    let (name, call) = match segment.split_once('(') {
        Some((name, rest)) => (name, Some(rest)),
        None => (segment, None),
    };
    let name = name.strip_prefix('$').unwrap_or(name);
    let name_ok = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    // Arguments must be placeholders, not values: `(period='{period}')`.
    let call_ok = call.is_none_or(|args| !args.contains('=') || args.contains('{'));
    name_ok && call_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_segments_and_values() {
        for ok in [
            "deviceShellScripts",
            "{id}",
            "microsoft.graph.assign",
            "$value",
            "getSchedule(start='{start}')",
            "acdefc6b-2dc6-4e71-b1e9-6d9810ab1793",
            "delta()",
        ] {
            assert!(is_template_segment(ok), "{ok}");
        }
        for value in [
            "john@contoso.com",
            "AAMkAGI2TG93AAA=",
            "42",
            "getSchedule(start='2021-01-01')",
        ] {
            assert!(!is_template_segment(value), "{value}");
        }
    }
}
