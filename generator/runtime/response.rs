//! Reading a response: its body for a success status, or the `Error` a failure status means.

use super::Error;

/// The body of a success response, or the error a failure status means.
pub fn success_body(
    response: ::http::Response<::std::vec::Vec<u8>>,
) -> ::core::result::Result<::std::vec::Vec<u8>, Error> {
    if response.status().is_success() {
        ::core::result::Result::Ok(response.into_body())
    } else {
        ::core::result::Result::Err(Error::from_response(response))
    }
}

/// Reads a JSON response; an empty body reads as `null`.
pub fn parse_json<T: ::serde::de::DeserializeOwned>(
    response: ::http::Response<::std::vec::Vec<u8>>,
) -> ::core::result::Result<T, Error> {
    let body = success_body(response)?;
    let value = if body.iter().all(u8::is_ascii_whitespace) {
        ::serde_json::from_slice(b"null")?
    } else {
        ::serde_json::from_slice(&body)?
    };
    ::core::result::Result::Ok(value)
}

/// Reads a response that has no content.
pub fn parse_empty(
    response: ::http::Response<::std::vec::Vec<u8>>,
) -> ::core::result::Result<(), Error> {
    success_body(response).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn respond(status: u16, body: &[u8]) -> ::http::Response<::std::vec::Vec<u8>> {
        ::http::Response::builder()
            .status(status)
            .body(body.to_vec())
            .unwrap_or_default()
    }

    #[test]
    fn success_bodies_are_read_and_an_empty_one_is_null() {
        assert_eq!(
            success_body(respond(200, b"abc")).ok(),
            Some(b"abc".to_vec())
        );
        let read = parse_json::<::core::option::Option<i32>>(respond(200, b" \n"));
        assert!(::core::matches!(read, Ok(None)), "{read:?}");
        assert_eq!(parse_json::<i32>(respond(201, b"7")).ok(), Some(7));
        assert!(::core::matches!(
            parse_json::<i32>(respond(200, b"x")),
            Err(Error::Json(_))
        ));
        assert!(parse_empty(respond(204, b"")).is_ok());
    }

    #[test]
    fn failure_statuses_are_errors_whatever_the_body() {
        for status in [301, 400, 404, 500] {
            let error = success_body(respond(status, b"[1]")).err();
            assert_eq!(
                error.as_ref().and_then(Error::status).map(|s| s.as_u16()),
                Some(status)
            );
            assert!(parse_empty(respond(status, b"")).is_err());
        }
    }
}
