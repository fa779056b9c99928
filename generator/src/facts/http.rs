//! The `## HTTP request` block: request lines (`METHOD /path?query`) -> path templates.
//!
//! A block holds N alternative lines. Lines may lack the method (the newer template's bare
//! paths), the leading slash, or be absolute URLs; placeholders come as `{id}`,
//! `{id | userPrincipalName}`, `{with-hyphen}`, `<x>` and inside OData keys or function calls
//! (`(period='{period_value}')`). Stray lines (`or`, headers, C#) are reported and skipped.

use super::template::{has_space_outside_brackets, parse_template_noting, split_query};
use super::url::{split_url, UrlTarget};
use crate::diag::{excerpt, Code, Diagnostic, Span};
use crate::ir::PathTemplate;
use crate::pages::CodeBlock;
use serde::Serialize;

/// The HTTP methods an operation can have.
pub const METHODS: &[&str] = &["GET", "POST", "PATCH", "PUT", "DELETE"];

/// One usable line of an HTTP request block.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RequestLine {
    /// Upper-case method, or None when the line has none (bare path).
    pub method: Option<String>,
    pub template: PathTemplate,
    pub span: Span,
}

/// What one line of a block turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum LineOutcome {
    /// A request line with a usable path.
    Request(RequestLine),
    /// A line to skip without comment (blank, `or`).
    Skip,
    /// A line that is not usable; the diagnostic says why.
    Rejected(Diagnostic),
}

/// Reads every line of an HTTP request block. An empty block is `http-block-empty`; lines
/// without a method get one `http-method-missing` per block.
pub fn read_http_block(
    code: &CodeBlock,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<RequestLine> {
    let mut lines = Vec::new();
    let mut without_method = 0usize;
    let mut first_without_method = None;
    for (index, text) in code.text.lines().enumerate() {
        let line_no = code.content_line.saturating_add(index as u32);
        let col = text.len() - text.trim_start().len() + 1;
        let span = Span::new(file, line_no, col as u32);
        match parse_request_line(text, &span, diagnostics) {
            LineOutcome::Request(line) => {
                if line.method.is_none() {
                    without_method += 1;
                    first_without_method.get_or_insert_with(|| line.span.clone());
                }
                lines.push(line);
            }
            LineOutcome::Skip => {}
            LineOutcome::Rejected(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    if code.text.trim().is_empty() {
        diagnostics.push(Diagnostic::new(
            Code::HttpBlockEmpty,
            code.span.clone(),
            "the HTTP request block is empty: the operation's method and path are not documented here",
        ));
    }
    if let Some(span) = first_without_method {
        diagnostics.push(Diagnostic::new(
            Code::HttpMethodMissing,
            span,
            format!("{without_method} request line(s) of this block have no HTTP method"),
        ));
    }
    lines
}

/// Reads one line of an HTTP request block. Warnings about a usable line (e.g. no leading
/// slash) go to `diagnostics`; a rejected line carries its own diagnostic.
pub fn parse_request_line(
    text: &str,
    span: &Span,
    diagnostics: &mut Vec<Diagnostic>,
) -> LineOutcome {
    let line = text.trim();
    if line.is_empty() || line.eq_ignore_ascii_case("or") {
        return LineOutcome::Skip;
    }
    let (method, rest) = split_method(line);
    let url = match method {
        MethodToken::Known(_, rest) | MethodToken::Glued(_, rest) => rest,
        MethodToken::Unknown(word) => {
            return LineOutcome::Rejected(Diagnostic::new(
                Code::HttpMethodUnknown,
                span.clone(),
                format!(
                    "`{}` is not an HTTP method; the line `{}` was ignored",
                    excerpt(word),
                    excerpt(line)
                ),
            ));
        }
        MethodToken::None => rest,
    };
    let method_name = match method {
        MethodToken::Known(m, _) | MethodToken::Glued(m, _) => Some(m.to_string()),
        _ => None,
    };
    if matches!(method, MethodToken::Glued(..)) {
        diagnostics.push(Diagnostic::new(
            Code::HttpPathInvalid,
            span.clone(),
            format!(
                "no space between the method and the path in `{}`",
                excerpt(line)
            ),
        ));
    }
    // A trailing protocol (`GET /me HTTP/1.1`) is not part of the URL.
    let url = strip_protocol_suffix(url.trim());
    if method_name.is_none() && !looks_like_path(url) {
        return LineOutcome::Rejected(Diagnostic::new(
            Code::HttpLineIgnored,
            span.clone(),
            format!("`{}` is not a request line; ignored", excerpt(line)),
        ));
    }
    match request_template(url, span, diagnostics) {
        Ok(template) => LineOutcome::Request(RequestLine {
            method: method_name,
            template,
            span: span.clone(),
        }),
        Err(diagnostic) => LineOutcome::Rejected(diagnostic),
    }
}

/// Turns the URL of a request line into a template relative to the service root.
fn request_template(
    url: &str,
    span: &Span,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<PathTemplate, Diagnostic> {
    let parts = match split_url(url) {
        UrlTarget::Foreign(host) => {
            return Err(Diagnostic::new(
                Code::HttpForeignHost,
                span.clone(),
                format!(
                    "`{}` is on host `{}`, not Microsoft Graph; not followed",
                    excerpt(url),
                    excerpt(&host)
                ),
            ));
        }
        UrlTarget::Graph(parts) => parts,
    };
    let Some(path) = parts.path else {
        return Err(Diagnostic::new(
            Code::HttpPathInvalid,
            span.clone(),
            format!("`{}` has no resource path", excerpt(url)),
        ));
    };
    let mut template = parse_template_noting(&path, span, diagnostics)?;
    if parts.no_leading_slash {
        diagnostics.push(Diagnostic::new(
            Code::HttpPathInvalid,
            span.clone(),
            format!(
                "the path `{}` has no leading `/`; read as `{}`",
                excerpt(url),
                excerpt(&template.template)
            ),
        ));
    }
    template.fixed_query = parts.query.as_deref().map(split_query).unwrap_or_default();
    Ok(template)
}

enum MethodToken<'a> {
    Known(&'static str, &'a str),
    /// `DELETE/identity/...`: a known method with no space before the path.
    Glued(&'static str, &'a str),
    Unknown(&'a str),
    None,
}

fn split_method(line: &str) -> (MethodToken<'_>, &str) {
    let (word, rest) = match line.split_once(char::is_whitespace) {
        Some((w, r)) => (w, r),
        None => (line, ""),
    };
    if let Some(method) = METHODS.iter().find(|m| m.eq_ignore_ascii_case(word)) {
        return (MethodToken::Known(method, rest), rest);
    }
    for method in METHODS {
        if let Some(after) = strip_prefix_ignore_case(line, method) {
            if after.starts_with('/') {
                return (MethodToken::Glued(method, after), after);
            }
        }
    }
    // An upper-case word followed by a path is a method we do not know (`FETCH /me`).
    let rest_trim = rest.trim_start();
    let upper_word =
        !word.is_empty() && word.len() <= 10 && word.chars().all(|c| c.is_ascii_uppercase());
    if upper_word && (rest_trim.starts_with('/') || rest_trim.starts_with("http")) {
        return (MethodToken::Unknown(word), rest);
    }
    (MethodToken::None, line)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

pub(super) fn strip_protocol_suffix(url: &str) -> &str {
    match url.rsplit_once(char::is_whitespace) {
        Some((head, tail)) if tail.to_ascii_uppercase().starts_with("HTTP/") => head.trim_end(),
        _ => url,
    }
}

/// Whether a method-less line is a bare path (`/users/{id}`, `users/{id}`, `~/x`, a URL)
/// rather than prose, a header or code.
fn looks_like_path(text: &str) -> bool {
    if text.starts_with('/')
        || text.starts_with("~/")
        || text.starts_with("https://")
        || text.starts_with("http://")
    {
        return !text.contains(' ') || text.contains('?') || text.contains('{');
    }
    // `policies/tokenIssuancePolicies`: an identifier then a slash, no spaces before the query.
    let path = text.split('?').next().unwrap_or_default();
    let first = path.split('/').next().unwrap_or_default();
    path.contains('/')
        && !first.is_empty()
        && first
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '$')
        && !has_space_outside_brackets(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::SegmentPart;

    fn span() -> Span {
        Span::new("api/x.md", 10, 1)
    }

    fn parse(line: &str) -> (LineOutcome, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let outcome = parse_request_line(line, &span(), &mut diags);
        (outcome, diags)
    }

    fn request(line: &str) -> (RequestLine, Vec<Diagnostic>) {
        match parse(line) {
            (LineOutcome::Request(r), d) => (r, d),
            (other, _) => panic!("`{line}` gave {other:?}"),
        }
    }

    fn rejected_code(line: &str) -> String {
        match parse(line) {
            (LineOutcome::Rejected(d), _) => d.code.as_str().to_string(),
            (other, _) => panic!("`{line}` gave {other:?}"),
        }
    }

    fn codes(diags: &[Diagnostic]) -> Vec<&str> {
        diags.iter().map(|d| d.code.as_str()).collect()
    }

    fn block(text: &str) -> CodeBlock {
        CodeBlock {
            lang: "http".into(),
            text: text.into(),
            span: span(),
            content_line: 11,
            annotation: None,
        }
    }

    /// Messages quote at most an excerpt of the line, however long the line is.
    #[test]
    fn messages_quote_long_lines_in_short() {
        let long = "é".repeat(1_000_000);
        for line in [
            format!("FETCH /users/{long}"),
            format!("GET/users/{long}"),
            format!("GET https://{long}.example.com/v1.0/me"),
        ] {
            let (outcome, mut diags) = parse(&line);
            if let LineOutcome::Rejected(d) = outcome {
                diags.push(d);
            }
            assert!(!diags.is_empty(), "no diagnostic for {}", &line[..10]);
            for d in diags {
                let chars = d.message.chars().count();
                assert!(
                    chars < 3 * crate::diag::EXCERPT_CHARS,
                    "{chars}: {}",
                    d.message
                );
                assert!(d.message.contains('…'), "{}", d.message);
            }
        }
    }

    #[test]
    fn plain_line_with_alternation_placeholder() {
        let (r, d) = request("GET /users/{id | userPrincipalName}");
        assert_eq!(r.method.as_deref(), Some("GET"));
        assert_eq!(r.template.template, "/users/{id}");
        assert_eq!(r.template.parameters().collect::<Vec<_>>(), vec!["id"]);
        assert!(d.is_empty());
    }

    #[test]
    fn repeated_id_is_made_distinct() {
        let (r, _) = request("GET /me/events/{id}/attachments/{id}");
        assert_eq!(
            r.template.template,
            "/me/events/{eventId}/attachments/{attachmentId}"
        );
        let (r, _) = request("GET /policies/{id}/policies/{id}");
        assert_eq!(
            r.template.template,
            "/policies/{policyId}/policies/{policyId2}"
        );
    }

    #[test]
    fn hyphen_space_and_angle_placeholders_are_identifiers() {
        let (r, _) = request("GET /drives/{drive-id}/items/{with space}/x/<site_id>");
        assert_eq!(
            r.template.template,
            "/drives/{driveId}/items/{withSpace}/x/{siteId}"
        );
    }

    #[test]
    fn function_call_and_key_segments() {
        let (r, _) = request("GET /reports/getEmailActivityCounts(period='{period_value}')");
        let segment = &r.template.segments[1];
        assert_eq!(
            segment.parts,
            vec![
                SegmentPart::Literal("getEmailActivityCounts(period='".into()),
                SegmentPart::Param("periodValue".into()),
                SegmentPart::Literal("')".into()),
            ]
        );
        let (r, _) = request("GET /me/calendar/getSchedule(a='{x}', b='{y}')/value");
        assert_eq!(r.template.segments.len(), 4);
    }

    #[test]
    fn drive_path_addressing_and_dollar_segments() {
        let (r, _) = request("GET /drives/{drive-id}/root:/{item-path}:/content");
        assert_eq!(
            r.template.template,
            "/drives/{driveId}/root:/{itemPath}:/content"
        );
        let (r, _) = request("DELETE /groups/{id}/members/{id}/$ref");
        assert_eq!(
            r.template.template,
            "/groups/{groupId}/members/{memberId}/$ref"
        );
        let (r, _) = request("GET /me/messages/{id}/$value");
        assert!(r.template.template.ends_with("/$value"));
        let (r, _) = request("GET /users/$count");
        assert_eq!(r.template.template, "/users/$count");
    }

    #[test]
    fn query_string_is_kept_apart() {
        let (r, _) = request("GET /me/events?$filter={property} eq '{property-value}'");
        assert_eq!(r.template.template, "/me/events");
        assert_eq!(
            r.template.fixed_query,
            vec![(
                "$filter".to_string(),
                "{property} eq '{property-value}'".to_string()
            )]
        );
    }

    #[test]
    fn absolute_urls_and_tilde_are_made_relative() {
        let (r, d) = request("GET https://graph.microsoft.com/v1.0/me/messages");
        assert_eq!(r.template.template, "/me/messages");
        assert!(d.is_empty());
        let (r, _) = request("GET ~/users/{id}");
        assert_eq!(r.template.template, "/users/{id}");
        let (r, _) = request("GET https://graph.microsoft.com/beta/me");
        assert_eq!(r.template.template, "/me");
    }

    #[test]
    fn missing_leading_slash_is_a_warning_and_recovered() {
        let (r, d) = request("GET policies/tokenIssuancePolicies");
        assert_eq!(r.template.template, "/policies/tokenIssuancePolicies");
        assert_eq!(codes(&d), vec!["http-path-invalid"]);
    }

    #[test]
    fn bare_path_has_no_method() {
        let (r, d) = request("/users/{id}/managedDevices/{id}/shutDown");
        assert_eq!(r.method, None);
        assert_eq!(
            r.template.template,
            "/users/{userId}/managedDevices/{managedDeviceId}/shutDown"
        );
        assert!(d.is_empty());
    }

    #[test]
    fn glued_method_and_protocol_suffix() {
        let (r, d) = request("DELETE/identity/conditionalAccess/policies/{id}");
        assert_eq!(r.method.as_deref(), Some("DELETE"));
        assert_eq!(codes(&d), vec!["http-path-invalid"]);
        let (r, d) = request("get /me HTTP/1.1");
        assert_eq!(
            (r.method.as_deref(), r.template.template.as_str()),
            (Some("GET"), "/me")
        );
        assert!(d.is_empty());
    }

    #[test]
    fn rejected_lines_have_their_own_codes() {
        assert_eq!(rejected_code("FETCH /me/messages"), "http-method-unknown");
        assert_eq!(rejected_code("GET /me/../admin"), "http-path-invalid");
        assert_eq!(
            rejected_code("POST https://bot.contoso.com/api/calls"),
            "http-foreign-host"
        );
        assert_eq!(
            rejected_code("var stream = await graphClient.Shares[\"x\"].Request().GetAsync();"),
            "http-line-ignored"
        );
        assert_eq!(
            rejected_code("workbook-session-id: {session-id}"),
            "http-line-ignored"
        );
        assert_eq!(
            rejected_code("GET ** Collection URI for microsoft.management.services.api.x"),
            "http-path-invalid"
        );
        assert_eq!(
            rejected_code("GET https://graph.microsoft.com/v1.0"),
            "http-path-invalid"
        );
        assert!(matches!(parse("or").0, LineOutcome::Skip));
    }

    #[test]
    fn block_reads_every_alternative_line() {
        let mut d = Vec::new();
        let lines = read_http_block(
            &block("GET /me/events\n\nor\nGET /users/{id}/events\n"),
            "api/x.md",
            &mut d,
        );
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].span.line, 14);
        assert!(d.is_empty());
    }

    #[test]
    fn empty_block_and_method_less_block() {
        let mut d = Vec::new();
        assert!(read_http_block(&block("\n"), "api/x.md", &mut d).is_empty());
        assert_eq!(codes(&d), vec!["http-block-empty"]);
        let mut d = Vec::new();
        let lines = read_http_block(&block("/a/{id}/b\n/c/{id}/b\n"), "api/x.md", &mut d);
        assert_eq!(lines.len(), 2);
        assert_eq!(codes(&d), vec!["http-method-missing"]);
    }
}
