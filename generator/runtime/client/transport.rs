//! One call on the wire: the token, headers, redirects and retries around `reqwest`, and the
//! answer read whole into an `http::Response<Vec<u8>>`.

use super::super::collection::same_origin;
use super::super::{retry_after_header, Error, Guid};
use super::auth::may_carry_token;
use super::retry::random_fraction;
use super::{Client, RetryPolicy};

/// Whether the service's token goes with a request.
#[derive(
    ::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::cmp::PartialEq,
)]
pub(super) enum Credentials {
    /// To the service root's scheme, host and port, and nowhere else.
    Service,
    /// Never: the URL carries its own authorization (an upload session's URL).
    None,
}

/// The answer to a call, and the headers the last attempt sent (without `Authorization`).
pub(super) struct Answer {
    pub(super) response: ::http::Response<::std::vec::Vec<u8>>,
    pub(super) request_headers: ::http::HeaderMap,
}

const CLIENT_REQUEST_ID: &str = "client-request-id";
const RETRY_ATTEMPT: &str = "retry-attempt";

impl Client {
    /// Sends `request`, following redirects and retrying throttled or unavailable answers
    /// while the body can be sent again; any status comes back as an answer.
    pub(super) async fn call(
        &self,
        request: ::reqwest::Request,
        credentials: Credentials,
    ) -> ::core::result::Result<Answer, Error> {
        let mut request = self.with_client_headers(request);
        let mut retry = 0;
        loop {
            let again = request.try_clone();
            let answer = self.follow_redirects(request, credentials).await?;
            let status = answer.response.status();
            let next = match again {
                ::core::option::Option::Some(again) if RetryPolicy::retries_status(status) => again,
                _ => return ::core::result::Result::Ok(answer),
            };
            let retry_after = retry_after_header(answer.response.headers());
            let wait = self
                .inner
                .retry
                .delay(retry, retry_after, random_fraction());
            let ::core::option::Option::Some(wait) = wait else {
                return ::core::result::Result::Ok(answer);
            };
            (self.inner.sleep)(wait).await;
            retry += 1;
            request = next;
            // As the official SDKs do: the service's logs tell a retry from a new call.
            request
                .headers_mut()
                .insert(RETRY_ATTEMPT, ::http::HeaderValue::from(retry));
        }
    }

    /// Sends `request` once (redirects followed, no retry), for callers that recover their
    /// own way (an upload session asks what it still expects).
    pub(super) async fn call_once(
        &self,
        request: ::reqwest::Request,
        credentials: Credentials,
    ) -> ::core::result::Result<Answer, Error> {
        let request = self.with_client_headers(request);
        self.follow_redirects(request, credentials).await
    }

    /// The `User-Agent`, and a `client-request-id` unless the caller set one: one id for
    /// the whole call, retries and redirects included, so the service's logs tie them
    /// together.
    fn with_client_headers(&self, mut request: ::reqwest::Request) -> ::reqwest::Request {
        let headers = request.headers_mut();
        headers.insert(::http::header::USER_AGENT, self.inner.user_agent.clone());
        if !headers.contains_key(CLIENT_REQUEST_ID) {
            if let ::core::result::Result::Ok(id) = ::http::HeaderValue::from_str(&request_id()) {
                headers.insert(CLIENT_REQUEST_ID, id);
            }
        }
        request
    }

    /// Sends `request` and the requests its redirects lead to. A hop to another scheme,
    /// host or port loses `Authorization`, `Cookie` and `Proxy-Authorization`; the token is
    /// added to hops to the service root only.
    async fn follow_redirects(
        &self,
        request: ::reqwest::Request,
        credentials: Credentials,
    ) -> ::core::result::Result<Answer, Error> {
        let first_origin = uri_of(request.url());
        let mut request = request;
        let mut hops = 0;
        loop {
            let target = uri_of(request.url());
            if hops > 0 && !same_origin(&target, &first_origin) {
                for name in [
                    ::http::header::AUTHORIZATION,
                    ::http::header::COOKIE,
                    ::http::header::PROXY_AUTHORIZATION,
                ] {
                    request.headers_mut().remove(name);
                }
            }
            self.authorize(&mut request, &target, credentials).await?;
            let mut request_headers = request.headers().clone();
            request_headers.remove(::http::header::AUTHORIZATION);
            let follow_up = request.try_clone();
            let url = request.url().clone();
            let response = self
                .inner
                .http
                .execute(request)
                .await
                .map_err(|error| Error::Transport(::std::boxed::Box::new(error)))?;
            let location = redirect_target(&url, &response);
            match (location, follow_up) {
                (
                    ::core::option::Option::Some(location),
                    ::core::option::Option::Some(mut next),
                ) if hops < self.inner.max_redirects => {
                    if response.status() == ::http::StatusCode::SEE_OTHER {
                        *next.method_mut() = ::http::Method::GET;
                        *next.body_mut() = ::core::option::Option::None;
                        next.headers_mut().remove(::http::header::CONTENT_TYPE);
                        next.headers_mut().remove(::http::header::CONTENT_LENGTH);
                    }
                    *next.url_mut() = location;
                    request = next;
                    hops += 1;
                }
                _ => {
                    let response = read_whole(response).await?;
                    return ::core::result::Result::Ok(Answer {
                        response,
                        request_headers,
                    });
                }
            }
        }
    }

    /// Adds the bearer token when `target` is the service root and a provider is set;
    /// refuses to send it in clear text across a network.
    async fn authorize(
        &self,
        request: &mut ::reqwest::Request,
        target: &::http::Uri,
        credentials: Credentials,
    ) -> ::core::result::Result<(), Error> {
        let provider = match (&self.inner.token, credentials) {
            (::core::option::Option::Some(provider), Credentials::Service) => provider,
            _ => return ::core::result::Result::Ok(()),
        };
        let base = self
            .inner
            .base_url
            .parse::<::http::Uri>()
            .map_err(::http::Error::from)?;
        if !same_origin(target, &base) {
            return ::core::result::Result::Ok(());
        }
        if !may_carry_token(request.url()) {
            return ::core::result::Result::Err(Error::Auth(
                ::std::format!(
                    "refusing to send the token in clear text to {}; use https",
                    request.url()
                )
                .into(),
            ));
        }
        let token = provider.token().await.map_err(Error::Auth)?;
        let value = ::http::HeaderValue::from_str(&::std::format!("Bearer {token}"))
            .map_err(|_| Error::Auth("the token is not a valid header value".into()))?;
        let mut value = value;
        value.set_sensitive(true);
        request
            .headers_mut()
            .insert(::http::header::AUTHORIZATION, value);
        ::core::result::Result::Ok(())
    }
}

/// Where a redirect answer leads, resolved against the URL it answered; `None` for any
/// other answer, or a redirect to something other than HTTP(S).
fn redirect_target(
    url: &::reqwest::Url,
    response: &::reqwest::Response,
) -> ::core::option::Option<::reqwest::Url> {
    if !::core::matches!(response.status().as_u16(), 301 | 302 | 303 | 307 | 308) {
        return ::core::option::Option::None;
    }
    let location = response
        .headers()
        .get(::http::header::LOCATION)?
        .to_str()
        .ok()?;
    let next = url.join(location).ok()?;
    ::core::matches!(next.scheme(), "http" | "https").then_some(next)
}

/// The whole answer; a body cut off in the middle is a transport error.
async fn read_whole(
    response: ::reqwest::Response,
) -> ::core::result::Result<::http::Response<::std::vec::Vec<u8>>, Error> {
    let status = response.status();
    let version = response.version();
    let headers = response.headers().clone();
    let body = response
        .bytes()
        .await
        .map_err(|error| Error::Transport(::std::boxed::Box::new(error)))?;
    let mut answer = ::http::Response::new(body.to_vec());
    *answer.status_mut() = status;
    *answer.version_mut() = version;
    *answer.headers_mut() = headers;
    ::core::result::Result::Ok(answer)
}

/// A `reqwest::Url` as an `http::Uri`, for the origin checks the runtime already has; an
/// unparsable one (never, for a URL reqwest accepted) compares as no origin.
fn uri_of(url: &::reqwest::Url) -> ::http::Uri {
    url.as_str().parse().unwrap_or_default()
}

/// A random UUID (version 4 layout), as Graph's `client-request-id` expects.
fn request_id() -> ::std::string::String {
    let mut bytes = [0u8; 16];
    for chunk in bytes.chunks_mut(4) {
        let word = (random_fraction() * f64::from(u32::MAX)) as u32;
        chunk.copy_from_slice(&word.to_be_bytes()[..chunk.len()]);
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    Guid::from_u128(u128::from_be_bytes(bytes)).into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_version_4_uuids_and_differ() {
        let id = request_id();
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{id}");
        assert_eq!(id.as_bytes()[14], b'4', "{id}");
        assert!(
            ::core::matches!(id.as_bytes()[19], b'8' | b'9' | b'a' | b'b'),
            "{id}"
        );
        assert_ne!(request_id(), request_id());
    }

    #[test]
    fn redirects_lead_to_http_urls_only() {
        let base = ::reqwest::Url::parse("https://graph.microsoft.com/v1.0/me/photo/$value")
            .unwrap_or_else(|e| panic!("{e}"));
        let answer = |status: u16, location: &str| {
            let response = ::http::Response::builder()
                .status(status)
                .header("Location", location)
                .body(::std::vec::Vec::<u8>::new())
                .unwrap_or_else(|e| panic!("{e}"));
            redirect_target(&base, &::reqwest::Response::from(response)).map(|u| u.to_string())
        };
        assert_eq!(
            answer(302, "https://cdn.example.net/a?b=1").as_deref(),
            Some("https://cdn.example.net/a?b=1")
        );
        assert_eq!(
            answer(307, "/v1.0/other").as_deref(),
            Some("https://graph.microsoft.com/v1.0/other")
        );
        assert_eq!(answer(302, "file:///etc/passwd"), None);
        assert_eq!(answer(200, "https://cdn.example.net/"), None);
        assert_eq!(answer(304, "https://cdn.example.net/"), None);
    }
}
