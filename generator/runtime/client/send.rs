//! Sending one operation ([`Client::send`]), with its answer's headers
//! ([`Client::send_inspect`]), or any HTTP request ([`Client::send_http`]).

use super::super::{Error, Operation};
use super::transport::Credentials;
use super::Client;

/// A typed response with what came with it: the status and headers of the answer, and the
/// headers the request went out with (without `Authorization`).
#[derive(::core::fmt::Debug)]
pub struct Inspected<T> {
    pub value: T,
    pub status: ::http::StatusCode,
    pub headers: ::http::HeaderMap,
    pub request_headers: ::http::HeaderMap,
}

impl Client {
    /// Sends an operation to the service root and reads its answer: the typed response,
    /// or Graph's error, a transport error or a decode error as one [`Error`].
    pub async fn send<O: Operation>(
        &self,
        operation: &O,
    ) -> ::core::result::Result<O::Response, Error> {
        let request = operation.to_request_with_base(&self.inner.base_url)?;
        let answer = self
            .call(into_reqwest(request)?, Credentials::Service)
            .await?;
        O::parse_response(answer.response)
    }

    /// [`Client::send`], with the answer's status and headers (`request-id`, `ETag`,
    /// `Location`, ...) and the headers that were sent.
    pub async fn send_inspect<O: Operation>(
        &self,
        operation: &O,
    ) -> ::core::result::Result<Inspected<O::Response>, Error> {
        let request = operation.to_request_with_base(&self.inner.base_url)?;
        let answer = self
            .call(into_reqwest(request)?, Credentials::Service)
            .await?;
        let status = answer.response.status();
        let headers = answer.response.headers().clone();
        let value = O::parse_response(answer.response)?;
        ::core::result::Result::Ok(Inspected {
            value,
            status,
            headers,
            request_headers: answer.request_headers,
        })
    }

    /// Sends any request (something no operation models yet), with the client's token,
    /// retries and redirects; the answer comes back whatever its status. A body that is
    /// a stream (`reqwest::Body::wrap_stream`) cannot be sent twice, so it is never retried.
    pub async fn send_http<B: ::core::convert::Into<::reqwest::Body>>(
        &self,
        request: ::http::Request<B>,
    ) -> ::core::result::Result<::http::Response<::std::vec::Vec<u8>>, Error> {
        let answer = self
            .call(into_reqwest(request)?, Credentials::Service)
            .await?;
        ::core::result::Result::Ok(answer.response)
    }
}

pub(super) fn into_reqwest<B: ::core::convert::Into<::reqwest::Body>>(
    request: ::http::Request<B>,
) -> ::core::result::Result<::reqwest::Request, Error> {
    ::reqwest::Request::try_from(request)
        .map_err(|error| Error::Transport(::std::boxed::Box::new(error)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_convert_with_their_method_headers_and_body() {
        let request = ::http::Request::builder()
            .method("PATCH")
            .uri("https://graph.microsoft.com/v1.0/me?$select=id")
            .header("If-Match", "W/\"1\"")
            .body(b"{}".to_vec())
            .unwrap_or_else(|e| panic!("{e}"));
        let converted = into_reqwest(request).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(converted.method(), ::http::Method::PATCH);
        assert_eq!(
            converted.url().as_str(),
            "https://graph.microsoft.com/v1.0/me?$select=id"
        );
        assert_eq!(
            converted
                .headers()
                .get("if-match")
                .and_then(|v| v.to_str().ok()),
            Some("W/\"1\"")
        );
        let body = converted.body().and_then(::reqwest::Body::as_bytes);
        assert_eq!(body, Some(&b"{}"[..]));
        // A body in memory can be sent again, so it can be retried.
        assert!(converted.try_clone().is_some());
    }
}
