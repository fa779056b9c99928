//! Request URLs as the docs write them: absolute Graph URLs (any version), `~/x`, relative
//! paths with or without the leading slash, or URLs on other hosts.

/// Hosts that serve Microsoft Graph (global and national clouds).
const GRAPH_HOSTS: &[&str] = &[
    "graph.microsoft.com",
    "graph.microsoft.us",
    "dod-graph.microsoft.us",
    "graph.microsoft.de",
    "microsoftgraph.chinacloudapi.cn",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlTarget {
    Graph(UrlParts),
    /// A URL on another host (bot callbacks, upload URLs); the host, lower-cased.
    Foreign(String),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlParts {
    /// The path relative to the service root, starting with `/`, not decoded; None when the URL
    /// is the bare service root.
    pub path: Option<String>,
    /// The query string without `?`, as written.
    pub query: Option<String>,
    /// The version segment that was removed (`v1.0`, `beta`).
    pub version: Option<String>,
    /// A relative path written without its leading `/`.
    pub no_leading_slash: bool,
}

/// Splits a URL into its Graph path and query, or says which foreign host it names.
pub fn split_url(url: &str) -> UrlTarget {
    let text = url.trim();
    let mut no_leading_slash = false;
    let remainder = if let Some(after_scheme) = strip_scheme(text) {
        let host_end = after_scheme
            .find(['/', '?', '#'])
            .unwrap_or(after_scheme.len());
        let host = after_scheme
            .get(..host_end)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let host = host.split(':').next().unwrap_or_default().to_string();
        let rest = after_scheme.get(host_end..).unwrap_or_default();
        if GRAPH_HOSTS.contains(&host.as_str()) {
            rest.to_string()
        } else if host == "graph" && rest.to_ascii_lowercase().starts_with("/microsoft.com") {
            // `https://graph/microsoft.com/beta/...`: a slash typed for the dot.
            rest.get("/microsoft.com".len()..)
                .unwrap_or_default()
                .to_string()
        } else {
            return UrlTarget::Foreign(host);
        }
    } else if let Some(rest) = text.strip_prefix('~') {
        rest.to_string()
    } else if text.starts_with('/') || text.starts_with('?') {
        text.to_string()
    } else {
        no_leading_slash = !text.is_empty();
        format!("/{text}")
    };
    let remainder = remainder.split('#').next().unwrap_or_default();
    let (path, query) = match remainder.split_once('?') {
        Some((p, q)) => (p, Some(q.to_string())),
        None => (remainder, None),
    };
    let (version, path) = strip_version(path);
    let path = path.trim_end_matches('/');
    let path = if path.is_empty() {
        None
    } else {
        Some(path.to_string())
    };
    UrlTarget::Graph(UrlParts {
        path,
        query,
        version,
        no_leading_slash,
    })
}

fn strip_scheme(text: &str) -> Option<&str> {
    for scheme in ["https://", "http://"] {
        if let Some(head) = text.get(..scheme.len()) {
            if head.eq_ignore_ascii_case(scheme) {
                return text.get(scheme.len()..);
            }
        }
    }
    None
}

/// Removes a leading version segment (`/v1.0`, `/beta`, `/V1.0`, `/v1`).
fn strip_version(path: &str) -> (Option<String>, &str) {
    let trimmed = path.trim_start_matches('/');
    let first = trimmed.split('/').next().unwrap_or_default();
    if is_version(first) {
        let rest = trimmed.get(first.len()..).unwrap_or_default();
        (Some(first.to_string()), rest)
    } else {
        (None, path)
    }
}

fn is_version(segment: &str) -> bool {
    if segment.eq_ignore_ascii_case("beta") {
        return true;
    }
    let Some(number) = segment.strip_prefix(['v', 'V']) else {
        return false;
    };
    !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        && number.starts_with(|c: char| c.is_ascii_digit())
}

/// The generated crate's percent-encoding (`generator/runtime/encoding.rs`), compiled into
/// docgen too so that the docs' URLs are decoded exactly as the generated tests decode requests.
#[path = "../../runtime/encoding.rs"]
#[allow(
    dead_code,
    reason = "docgen only decodes; the encoders are the generated crate's"
)]
#[allow(
    clippy::duplicate_mod,
    reason = "docgen's test build loads it again in the whole runtime (`emit::items::runtime`)"
)]
mod encoding;

pub use encoding::percent_decode;

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(url: &str) -> UrlParts {
        match split_url(url) {
            UrlTarget::Graph(parts) => parts,
            other => panic!("{url}: {other:?}"),
        }
    }

    #[test]
    fn absolute_graph_urls_lose_root_and_version() {
        let p = graph("https://graph.microsoft.com/v1.0/users/a@b.com/events?$top=2");
        assert_eq!(p.path.as_deref(), Some("/users/a@b.com/events"));
        assert_eq!(p.query.as_deref(), Some("$top=2"));
        assert_eq!(p.version.as_deref(), Some("v1.0"));
        assert_eq!(
            graph("https://graph.microsoft.com/V1.0/me").path.as_deref(),
            Some("/me")
        );
        assert_eq!(
            graph("https://graph.microsoft.com/v1/me").path.as_deref(),
            Some("/me")
        );
        assert_eq!(
            graph("HTTPS://Graph.Microsoft.com/beta/me/")
                .path
                .as_deref(),
            Some("/me")
        );
        assert_eq!(
            graph("https://graph/microsoft.com/beta/sites")
                .path
                .as_deref(),
            Some("/sites")
        );
    }

    #[test]
    fn service_root_has_no_path() {
        assert_eq!(graph("https://graph.microsoft.com/beta").path, None);
        assert_eq!(graph("https://graph.microsoft.com/v1.0/").path, None);
    }

    #[test]
    fn relative_forms() {
        assert_eq!(graph("/me").path.as_deref(), Some("/me"));
        assert_eq!(graph("~/users").path.as_deref(), Some("/users"));
        let p = graph("sites/{siteId}/lists");
        assert_eq!(
            (p.path.as_deref(), p.no_leading_slash),
            (Some("/sites/{siteId}/lists"), true)
        );
    }

    #[test]
    fn foreign_hosts() {
        assert_eq!(
            split_url("https://bot.contoso.com/api/calls"),
            UrlTarget::Foreign("bot.contoso.com".into())
        );
    }
}
