//! Status lines of example responses: `HTTP/1.1 200 OK` and the variants the docs write
//! (`HTTP 1.1 200 OK`, `HTTP/1.1 422`, `HTTP 201 Created`, `HTTP` alone, wrong reason phrases).

/// A status line, read: the code (None when missing) and what was wrong with the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusLine {
    pub status: Option<u16>,
    pub problems: Vec<String>,
}

/// Reads `HTTP/1.1 200 OK` and its variants.
pub fn parse_status_line(line: &str) -> StatusLine {
    let mut problems = Vec::new();
    let mut words = line.split_whitespace().peekable();
    let first = words.next().unwrap_or_default();
    if !first
        .get(..4)
        .is_some_and(|h| h.eq_ignore_ascii_case("HTTP"))
    {
        return StatusLine {
            status: None,
            problems: vec![format!("`{line}` is not a status line")],
        };
    }
    match first.get(4..).unwrap_or_default() {
        "" => {
            // `HTTP 1.1 200 OK` or `HTTP 200` or `HTTP` alone.
            if words.peek().is_some_and(|w| w.contains('.')) {
                words.next();
                problems.push("`HTTP 1.1` lacks the `/` of `HTTP/1.1`".to_string());
            } else {
                problems.push("no HTTP version".to_string());
            }
        }
        version if version.starts_with('/') => {}
        _ => problems.push(format!("`{first}` is not `HTTP/1.1`")),
    }
    let status = words
        .next()
        .and_then(|w| w.parse::<u16>().ok())
        .filter(|s| (100..600).contains(s));
    let Some(status) = status else {
        problems.push("no status code".to_string());
        return StatusLine {
            status: None,
            problems,
        };
    };
    let reason: Vec<&str> = words.collect();
    let reason = reason.join(" ");
    match standard_reason(status) {
        _ if reason.is_empty() => problems.push("no reason phrase".to_string()),
        Some(expected) if !same_reason(&reason, expected) => problems.push(format!(
            "reason `{reason}` does not match status {status} (`{expected}`)"
        )),
        _ => {}
    }
    StatusLine {
        status: Some(status),
        problems,
    }
}

fn same_reason(written: &str, expected: &str) -> bool {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase()
    };
    squash(written) == squash(expected)
}

fn standard_reason(status: u16) -> Option<&'static str> {
    Some(match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        412 => "Precondition Failed",
        416 => "Range Not Satisfiable",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => return None,
    })
}
