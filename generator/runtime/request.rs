//! `Operation`, the trait every generated operation implements, and `build_request`, which its
//! `to_request_with_base` calls.

use super::{encode_query_component, Error, DEFAULT_BASE_URL};

/// An operation of the API as a value: it builds its request and reads its response.
pub trait Operation {
    /// What a successful response holds.
    type Response;

    /// The request, sent to `base` (a service root such as [`DEFAULT_BASE_URL`]).
    fn to_request_with_base(
        &self,
        base: &str,
    ) -> ::core::result::Result<::http::Request<::std::vec::Vec<u8>>, Error>;

    /// The request, sent to [`DEFAULT_BASE_URL`].
    fn to_request(&self) -> ::core::result::Result<::http::Request<::std::vec::Vec<u8>>, Error> {
        self.to_request_with_base(DEFAULT_BASE_URL)
    }

    /// Reads a response: the typed value for a success status, else an [`Error`] with
    /// Graph's code, message and inner error, the status and any `Retry-After`.
    fn parse_response(
        response: ::http::Response<::std::vec::Vec<u8>>,
    ) -> ::core::result::Result<Self::Response, Error>;
}

/// Builds a request: `base` + `path` (already encoded) + the encoded query, with a body
/// and its content type when there is one.
pub fn build_request(
    method: ::http::Method,
    base: &str,
    path: &str,
    query: &[(::std::string::String, ::std::string::String)],
    body: ::core::option::Option<(&'static str, ::std::vec::Vec<u8>)>,
) -> ::core::result::Result<::http::Request<::std::vec::Vec<u8>>, Error> {
    let mut uri = ::std::string::String::with_capacity(base.len() + path.len() + 32);
    uri.push_str(base.trim_end_matches('/'));
    uri.push_str(path);
    for (index, (name, value)) in query.iter().enumerate() {
        uri.push(if index == 0 { '?' } else { '&' });
        uri.push_str(&encode_query_component(name));
        uri.push('=');
        uri.push_str(&encode_query_component(value));
    }
    let builder = ::http::Request::builder()
        .method(method)
        .uri(uri)
        .header(::http::header::ACCEPT, "application/json");
    let request = match body {
        ::core::option::Option::Some((content_type, bytes)) => builder
            .header(::http::header::CONTENT_TYPE, content_type)
            .body(bytes)?,
        ::core::option::Option::None => builder.body(::std::vec::Vec::new())?,
    };
    ::core::result::Result::Ok(request)
}

/// Adds the typed headers that are set, then the caller's `extra` ones (appended: a name in
/// both is sent twice). `typed` names are lower-case HTTP tokens (the generator checks).
pub fn add_headers(
    request: &mut ::http::Request<::std::vec::Vec<u8>>,
    typed: &[(&'static str, ::core::option::Option<&str>)],
    extra: &::http::HeaderMap,
) -> ::core::result::Result<(), Error> {
    for (name, value) in typed {
        if let ::core::option::Option::Some(value) = value {
            let value = ::http::HeaderValue::from_str(value).map_err(::http::Error::from)?;
            request
                .headers_mut()
                .insert(::http::HeaderName::from_static(name), value);
        }
    }
    for (name, value) in extra {
        request.headers_mut().append(name.clone(), value.clone());
    }
    ::core::result::Result::Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_join_base_path_and_query() {
        let query = [
            ("$top".to_string(), "5".to_string()),
            ("q".to_string(), "a b".to_string()),
        ];
        let request = build_request(
            ::http::Method::GET,
            "https://example.test/v1.0/",
            "/me",
            &query,
            None,
        );
        let uri = request.map(|r| r.uri().to_string()).unwrap_or_default();
        assert_eq!(uri, "https://example.test/v1.0/me?$top=5&q=a%20b");
    }

    #[test]
    fn bodies_carry_their_content_type_and_every_request_accepts_json() {
        let body = ::core::option::Option::Some(("application/json", b"{}".to_vec()));
        let request = build_request(
            ::http::Method::POST,
            "https://example.test",
            "/x",
            &[],
            body,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let header = |name| request.headers().get(name).and_then(|v| v.to_str().ok());
        assert_eq!(
            header(::http::header::CONTENT_TYPE),
            Some("application/json")
        );
        assert_eq!(header(::http::header::ACCEPT), Some("application/json"));
        assert_eq!(request.body(), b"{}");
        let request = build_request(::http::Method::GET, "not a base url", "/x", &[], None);
        assert!(::core::matches!(request, Err(Error::Http(_))));
    }

    /// `GET /things/{id}`, as the generated operations implement the trait.
    struct GetThing {
        id: ::std::string::String,
    }

    impl Operation for GetThing {
        type Response = ::serde_json::Value;

        fn to_request_with_base(
            &self,
            base: &str,
        ) -> ::core::result::Result<::http::Request<::std::vec::Vec<u8>>, Error> {
            let path = ::std::format!("/things/{}", super::super::encode_path_segment(&self.id));
            build_request(::http::Method::GET, base, &path, &[], None)
        }

        fn parse_response(
            response: ::http::Response<::std::vec::Vec<u8>>,
        ) -> ::core::result::Result<Self::Response, Error> {
            super::super::parse_json(response)
        }
    }

    #[test]
    fn operations_go_to_the_default_service_root_unless_told_otherwise() {
        let thing = GetThing {
            id: "a/b".to_string(),
        };
        let uri = |request: ::core::result::Result<::http::Request<_>, Error>| {
            request.map(|r| r.uri().to_string()).unwrap_or_default()
        };
        assert_eq!(
            uri(thing.to_request()),
            ::std::format!("{DEFAULT_BASE_URL}/things/a%2Fb")
        );
        assert_eq!(
            uri(thing.to_request_with_base("http://localhost:1/beta")),
            "http://localhost:1/beta/things/a%2Fb"
        );
        let response = ::http::Response::builder()
            .status(200)
            .body(b"[1]".to_vec())
            .unwrap_or_default();
        assert_eq!(
            GetThing::parse_response(response).ok(),
            Some(::serde_json::json!([1]))
        );
    }
}
