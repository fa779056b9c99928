//! `Error`: why an operation failed; Graph's error body (`GraphError`, `InnerError`), the status
//! and `Retry-After` of the response that carried it.

use super::retry_after_header;

/// Why an operation failed.
#[derive(::core::fmt::Debug)]
pub enum Error {
    /// The service answered with an error status and a Graph error body.
    Graph(::std::boxed::Box<GraphError>),
    /// The service answered with an error status and no Graph error body.
    UnexpectedStatus {
        status: ::http::StatusCode,
        body: ::std::vec::Vec<u8>,
        /// The `Retry-After` header, in seconds, when the response had one.
        retry_after_seconds: ::core::option::Option<u64>,
    },
    /// A body could not be written or read as JSON.
    Json(::serde_json::Error),
    /// The request could not be built (an invalid base URL, say).
    Http(::http::Error),
    /// A collection's `@odata.nextLink` (or a saved `@odata.deltaLink`) points to another
    /// scheme or host than the service root the caller trusts; following it could send the
    /// caller's token there.
    UntrustedNextLink { next_link: ::std::string::String },
    /// No complete answer came back: the connection failed or was cut off in the middle of
    /// the body, the request timed out, TLS failed. The HTTP client's own error.
    Transport(BoxError),
    /// No access token: the token provider failed, or the token would have gone somewhere
    /// it must not (plain HTTP to a host that is not this machine).
    Auth(BoxError),
    /// An answer that breaks Graph's protocol (a batch without the answer to one of its
    /// requests, an upload session that stops advancing), or a request the protocol cannot
    /// carry (more requests that depend on each other than one batch holds).
    Protocol(::std::string::String),
}

/// The error of a transport or token provider, whatever its type.
pub type BoxError = ::std::boxed::Box<
    dyn ::std::error::Error + ::core::marker::Send + ::core::marker::Sync + 'static,
>;

impl Error {
    /// The HTTP status of a service error.
    pub fn status(&self) -> ::core::option::Option<::http::StatusCode> {
        match self {
            Self::Graph(error) => ::core::option::Option::Some(error.status),
            Self::UnexpectedStatus { status, .. } => ::core::option::Option::Some(*status),
            Self::Json(_)
            | Self::Http(_)
            | Self::UntrustedNextLink { .. }
            | Self::Transport(_)
            | Self::Auth(_)
            | Self::Protocol(_) => ::core::option::Option::None,
        }
    }

    /// Graph's error code (e.g. `Request_ResourceNotFound`), when the service sent one.
    pub fn code(&self) -> ::core::option::Option<&str> {
        self.graph().map(|error| error.code.as_str())
    }

    /// Graph's error message, when the service sent one.
    pub fn message(&self) -> ::core::option::Option<&str> {
        self.graph().map(|error| error.message.as_str())
    }

    /// Graph's `innerError` (request ids, date), when the service sent one.
    pub fn inner_error(&self) -> ::core::option::Option<&InnerError> {
        self.graph().and_then(|error| error.inner_error.as_ref())
    }

    /// The Graph error body, when the service sent one.
    pub fn graph(&self) -> ::core::option::Option<&GraphError> {
        match self {
            Self::Graph(error) => ::core::option::Option::Some(error),
            _ => ::core::option::Option::None,
        }
    }

    /// Whether sending the same request again later may succeed: the service was
    /// throttling (429), unavailable (503) or timed out at a gateway (504).
    pub fn is_retryable(&self) -> bool {
        self.status()
            .is_some_and(|status| ::core::matches!(status.as_u16(), 429 | 503 | 504))
    }

    /// How long the service asked to wait before retrying (its `Retry-After` header).
    pub fn retry_after(&self) -> ::core::option::Option<::core::time::Duration> {
        let seconds = match self {
            Self::Graph(error) => error.retry_after_seconds,
            Self::UnexpectedStatus {
                retry_after_seconds,
                ..
            } => *retry_after_seconds,
            _ => ::core::option::Option::None,
        };
        seconds.map(::core::time::Duration::from_secs)
    }

    /// The error for a response with a status that is not a success; its headers are
    /// read (`Retry-After`, in seconds or as an HTTP-date) before its body.
    pub fn from_response(response: ::http::Response<::std::vec::Vec<u8>>) -> Self {
        let retry_after_seconds = retry_after_header(response.headers());
        let status = response.status();
        Self::from_parts(status, response.into_body(), retry_after_seconds)
    }

    /// The error for a status that is not a success and its body, without headers.
    pub fn from_status(status: ::http::StatusCode, body: ::std::vec::Vec<u8>) -> Self {
        Self::from_parts(status, body, ::core::option::Option::None)
    }

    fn from_parts(
        status: ::http::StatusCode,
        body: ::std::vec::Vec<u8>,
        retry_after_seconds: ::core::option::Option<u64>,
    ) -> Self {
        match GraphError::parse(status, &body, retry_after_seconds) {
            ::core::option::Option::Some(error) => Self::Graph(::std::boxed::Box::new(error)),
            ::core::option::Option::None => Self::UnexpectedStatus {
                status,
                body,
                retry_after_seconds,
            },
        }
    }
}

impl ::core::fmt::Display for Error {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        match self {
            Self::Graph(error) => {
                ::core::write!(
                    f,
                    "Graph error {}: {}: {}",
                    error.status,
                    error.code,
                    error.message
                )?;
                match error
                    .inner_error
                    .as_ref()
                    .and_then(|inner| inner.request_id.as_deref())
                {
                    ::core::option::Option::Some(id) => ::core::write!(f, " (request-id {id})"),
                    ::core::option::Option::None => ::core::result::Result::Ok(()),
                }
            }
            Self::UnexpectedStatus { status, body, .. } => ::core::write!(
                f,
                "unexpected status {status} ({} bytes of body)",
                body.len()
            ),
            Self::Json(error) => ::core::write!(f, "JSON: {error}"),
            Self::Http(error) => ::core::write!(f, "HTTP: {error}"),
            Self::UntrustedNextLink { next_link } => ::core::write!(
                f,
                "refused to follow a next link to another scheme or host: {next_link}"
            ),
            Self::Transport(error) => ::core::write!(f, "transport: {error}"),
            Self::Auth(error) => ::core::write!(f, "access token: {error}"),
            Self::Protocol(message) => ::core::write!(f, "protocol: {message}"),
        }
    }
}

impl ::std::error::Error for Error {
    fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            Self::Json(error) => ::core::option::Option::Some(error),
            Self::Http(error) => ::core::option::Option::Some(error),
            Self::Transport(error) | Self::Auth(error) => {
                ::core::option::Option::Some(error.as_ref())
            }
            Self::Graph(_)
            | Self::UnexpectedStatus { .. }
            | Self::UntrustedNextLink { .. }
            | Self::Protocol(_) => ::core::option::Option::None,
        }
    }
}

impl ::core::convert::From<::serde_json::Error> for Error {
    fn from(error: ::serde_json::Error) -> Self {
        Self::Json(error)
    }
}

impl ::core::convert::From<::http::Error> for Error {
    fn from(error: ::http::Error) -> Self {
        Self::Http(error)
    }
}

/// Graph's error body (`{"error": {"code", "message", "innerError"}}`), with the status
/// and `Retry-After` of the response that carried it.
#[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
pub struct GraphError {
    pub status: ::http::StatusCode,
    /// Graph's error code, e.g. `Request_ResourceNotFound`.
    pub code: ::std::string::String,
    pub message: ::std::string::String,
    pub inner_error: ::core::option::Option<InnerError>,
    /// The `Retry-After` header, in seconds, when the response had one.
    pub retry_after_seconds: ::core::option::Option<u64>,
    /// The whole `error` object, for what the fields above do not hold (`details`, ...).
    pub raw: ::serde_json::Value,
}

/// Graph's `innerError`: what support needs to find the request in the service's logs.
#[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
pub struct InnerError {
    /// `request-id`.
    pub request_id: ::core::option::Option<::std::string::String>,
    /// `client-request-id`.
    pub client_request_id: ::core::option::Option<::std::string::String>,
    /// `date`, as sent (ISO 8601).
    pub date: ::core::option::Option<::std::string::String>,
    /// The whole `innerError` object.
    pub raw: ::serde_json::Value,
}

impl GraphError {
    /// Reads Graph's error body; `None` when the body is not one (HTML from a proxy, say).
    fn parse(
        status: ::http::StatusCode,
        body: &[u8],
        retry_after_seconds: ::core::option::Option<u64>,
    ) -> ::core::option::Option<Self> {
        let mut value: ::serde_json::Value = ::serde_json::from_slice(body).ok()?;
        let raw = value.get_mut("error").map(::serde_json::Value::take)?;
        if !raw.is_object() {
            return ::core::option::Option::None;
        }
        let text = |key: &str| {
            raw.get(key)
                .and_then(::serde_json::Value::as_str)
                .map(::std::string::ToString::to_string)
        };
        // `innerError` in Graph, `innererror` in some of the services behind it.
        let inner_error = raw
            .as_object()
            .and_then(|object| {
                object
                    .iter()
                    .find(|(key, _)| key.eq_ignore_ascii_case("innerError"))
            })
            .map(|(_, inner)| InnerError::read(inner));
        ::core::option::Option::Some(Self {
            status,
            code: text("code").unwrap_or_default(),
            message: text("message").unwrap_or_default(),
            inner_error,
            retry_after_seconds,
            raw,
        })
    }
}

impl InnerError {
    fn read(raw: &::serde_json::Value) -> Self {
        let text = |key: &str| {
            raw.get(key)
                .and_then(::serde_json::Value::as_str)
                .map(::std::string::ToString::to_string)
        };
        Self {
            request_id: text("request-id"),
            client_request_id: text("client-request-id"),
            date: text("date"),
            raw: raw.clone(),
        }
    }
}
#[cfg(test)]
mod tests {
    use super::super::{parse_empty, parse_json};
    use super::*;

    #[test]
    fn error_bodies_carry_graph_code_and_message() {
        let body = br#"{"error":{"code":"Request_ResourceNotFound","message":"gone"}}"#.to_vec();
        let response = ::http::Response::builder()
            .status(404)
            .body(body)
            .unwrap_or_default();
        let error = parse_json::<::serde_json::Value>(response).err();
        assert_eq!(
            error.as_ref().and_then(Error::code),
            Some("Request_ResourceNotFound")
        );
        assert_eq!(error.as_ref().and_then(Error::message), Some("gone"));
        assert_eq!(
            error.as_ref().and_then(Error::status).map(|s| s.as_u16()),
            Some(404)
        );
        let response = ::http::Response::builder()
            .status(502)
            .body(b"<html>".to_vec())
            .unwrap_or_default();
        assert!(::core::matches!(
            parse_empty(response),
            Err(Error::UnexpectedStatus { .. })
        ));
    }

    #[test]
    fn error_bodies_carry_the_inner_error_and_the_raw_json() {
        let body = br#"{"error":{"code":"Authorization_RequestDenied","message":"no",
            "details":[{"code":"x"}],
            "innerError":{"date":"2024-05-01T10:00:00","request-id":"r-1","client-request-id":"c-2"}}}"#;
        let response = ::http::Response::builder()
            .status(403)
            .body(body.to_vec())
            .unwrap_or_default();
        let error = parse_empty(response).err();
        let inner = error.as_ref().and_then(Error::inner_error);
        assert_eq!(inner.and_then(|i| i.request_id.as_deref()), Some("r-1"));
        assert_eq!(
            inner.and_then(|i| i.client_request_id.as_deref()),
            Some("c-2")
        );
        assert_eq!(
            inner.and_then(|i| i.date.as_deref()),
            Some("2024-05-01T10:00:00")
        );
        assert_eq!(
            inner.map(|i| &i.raw["request-id"]),
            Some(&::serde_json::json!("r-1"))
        );
        let raw = error
            .as_ref()
            .and_then(Error::graph)
            .map(|g| &g.raw["details"][0]["code"]);
        assert_eq!(raw, Some(&::serde_json::json!("x")));
        let text = error.as_ref().map(ToString::to_string).unwrap_or_default();
        assert!(
            text.contains("Authorization_RequestDenied") && text.contains("r-1"),
            "{text}"
        );
        assert!(!error.as_ref().is_some_and(Error::is_retryable));

        let body = br#"{"error":{"code":"c","message":"m","innererror":{"request-id":"r-2"}}}"#;
        let error = Error::from_status(::http::StatusCode::BAD_REQUEST, body.to_vec());
        assert_eq!(
            error.inner_error().and_then(|i| i.request_id.as_deref()),
            Some("r-2")
        );
        assert_eq!(error.inner_error().and_then(|i| i.date.as_deref()), None);
        let error = Error::from_status(
            ::http::StatusCode::BAD_REQUEST,
            br#"{"error":{"code":"c"}}"#.to_vec(),
        );
        assert!(error.inner_error().is_none());
        assert_eq!(error.message(), Some(""));
        let error = Error::from_status(
            ::http::StatusCode::BAD_REQUEST,
            br#"{"error":"text"}"#.to_vec(),
        );
        assert!(::core::matches!(error, Error::UnexpectedStatus { .. }));
    }

    #[test]
    fn transport_auth_and_protocol_errors_say_what_failed() {
        let io = ::std::io::Error::new(::std::io::ErrorKind::ConnectionReset, "reset by peer");
        let transport = Error::Transport(::std::boxed::Box::new(io));
        assert_eq!(transport.to_string(), "transport: reset by peer");
        assert!(::std::error::Error::source(&transport).is_some());
        let auth = Error::Auth("no credential".into());
        assert_eq!(auth.to_string(), "access token: no credential");
        let protocol = Error::Protocol("no answer for request 3".to_string());
        assert_eq!(protocol.to_string(), "protocol: no answer for request 3");
        assert!(::std::error::Error::source(&protocol).is_none());
        for error in [transport, auth, protocol] {
            assert_eq!(error.status(), None);
            assert!(!error.is_retryable());
            assert_eq!(error.retry_after(), None);
        }
    }

    #[test]
    fn throttling_says_retry_and_when() {
        let respond = |status: u16, retry_after: Option<&str>, body: &[u8]| {
            let mut builder = ::http::Response::builder().status(status);
            if let Some(value) = retry_after {
                builder = builder.header("Retry-After", value);
            }
            parse_json::<::serde_json::Value>(builder.body(body.to_vec()).unwrap_or_default()).err()
        };
        let graph = br#"{"error":{"code":"TooManyRequests","message":"slow down"}}"#;
        let error = respond(429, Some("7"), graph);
        assert!(error.as_ref().is_some_and(Error::is_retryable));
        assert_eq!(
            error.as_ref().and_then(Error::retry_after),
            Some(::core::time::Duration::from_secs(7))
        );
        assert_eq!(
            error.as_ref().and_then(Error::code),
            Some("TooManyRequests")
        );
        let error = respond(503, Some(" 30 "), b"Service Unavailable");
        assert!(::core::matches!(
            error,
            Some(Error::UnexpectedStatus { .. })
        ));
        assert!(error.as_ref().is_some_and(Error::is_retryable));
        assert_eq!(
            error.as_ref().and_then(Error::retry_after),
            Some(::core::time::Duration::from_secs(30))
        );
        let error = respond(504, None, b"");
        assert!(error.as_ref().is_some_and(Error::is_retryable));
        assert_eq!(error.as_ref().and_then(Error::retry_after), None);
        // An HTTP-date in the past: retry now.
        let error = respond(503, Some("Wed, 21 Oct 2015 07:28:00 GMT"), graph);
        assert_eq!(
            error.as_ref().and_then(Error::retry_after),
            Some(::core::time::Duration::ZERO)
        );
        let error = respond(503, Some("soon"), graph);
        assert_eq!(error.as_ref().and_then(Error::retry_after), None);
        for status in [400, 401, 404, 500, 502] {
            assert!(
                !respond(status, Some("1"), graph)
                    .as_ref()
                    .is_some_and(Error::is_retryable),
                "{status}"
            );
        }
        let json = ::serde_json::from_slice::<i32>(b"x")
            .map_err(Error::from)
            .err();
        assert!(!json.as_ref().is_some_and(Error::is_retryable));
    }
}
