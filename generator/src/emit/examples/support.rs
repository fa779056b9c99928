//! `tests/examples/support.rs`: the helpers every generated test calls.

use crate::emit::tokens::rust_ident;
use proc_macro2::TokenStream;
use quote::quote;

pub fn support_file(krate: &str) -> TokenStream {
    let krate = rust_ident(krate);
    quote! {
        //! Checks shared by the example tests.
        #![allow(dead_code, reason = "a workload feature can leave a check unused")]

        use ::#krate::runtime::percent_decode;

        /// Deserializes an example, or fails the test saying why.
        pub fn from_json<T: ::serde::de::DeserializeOwned>(text: &str) -> T {
            ::serde_json::from_str(text).unwrap_or_else(|error| panic!("the example does not deserialize: {error}\n{text}"))
        }

        /// Deserializes an example into `T` and checks that serializing it loses nothing.
        pub fn round_trip<T: ::serde::Serialize + ::serde::de::DeserializeOwned>(text: &str) {
            let value: T = from_json(text);
            check_no_loss(&value, text);
        }

        /// Checks that `value` serializes to JSON holding every property of the example `text`.
        /// A `null` or empty array may come back absent (Graph treats them alike); numbers
        /// compare as numbers (`1` = `1.0`; `Single` loses precision).
        pub fn check_no_loss<T: ::serde::Serialize>(value: &T, text: &str) {
            let original: ::serde_json::Value = from_json(text);
            let again = ::serde_json::to_value(value).unwrap_or_else(|error| panic!("serializing failed: {error}"));
            compare(&original, &again, "$");
        }

        fn compare(original: &::serde_json::Value, again: &::serde_json::Value, at: &str) {
            use ::serde_json::Value;
            match (original, again) {
                (Value::Object(original), Value::Object(again)) => {
                    for (key, value) in original {
                        match again.get(key) {
                            Some(other) => compare(value, other, &format!("{at}.{key}")),
                            None => assert!(
                                value.is_null() || value.as_array().is_some_and(Vec::is_empty),
                                "{at}.{key} was lost in the round trip (it was {value})"
                            ),
                        }
                    }
                }
                (Value::Array(original), Value::Array(again)) => {
                    assert_eq!(original.len(), again.len(), "{at}: the array changed length");
                    for (index, (value, other)) in original.iter().zip(again).enumerate() {
                        compare(value, other, &format!("{at}[{index}]"));
                    }
                }
                (Value::Number(a), Value::Number(b)) => {
                    let same = match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
                        (Some(x), Some(y), _, _) => x == y,
                        (_, _, Some(x), Some(y)) => x == y,
                        _ => match (a.as_f64(), b.as_f64()) {
                            (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(1.0),
                            _ => false,
                        },
                    };
                    assert!(same, "{at}: {a} came back as {b}");
                }
                (original, again) => assert_eq!(original, again, "{at} changed in the round trip"),
            }
        }

        /// Checks a built request against an example's method, path (relative to the service
        /// root) and query, comparing decoded text (the example may encode differently).
        pub fn check_request(request: &::http::Request<Vec<u8>>, method: &str, path: &str, query: &[(&str, &str)]) {
            check_request_ignoring_case(request, method, path, query, &[]);
        }

        /// `check_request`, where the segments of `path` at the indexes `literal_case` (of
        /// `path.split('/')`) compare without ASCII case: the example spells a literal segment
        /// in another case than the docs' request syntax, and Graph ignores that case.
        pub fn check_request_ignoring_case(request: &::http::Request<Vec<u8>>, method: &str, path: &str, query: &[(&str, &str)], literal_case: &[usize]) {
            assert_eq!(request.method().as_str(), method, "method");
            let base: ::http::Uri = ::#krate::runtime::DEFAULT_BASE_URL
                .parse()
                .unwrap_or_else(|error| panic!("DEFAULT_BASE_URL: {error}"));
            let expected = percent_decode(&format!("{}{}", base.path().trim_end_matches('/'), path));
            let actual = percent_decode(request.uri().path());
            if literal_case.is_empty() {
                assert_eq!(actual, expected, "path");
            } else {
                let actual_segments: Vec<&str> = actual.split('/').collect();
                let expected_segments: Vec<&str> = expected.split('/').collect();
                assert_eq!(actual_segments.len(), expected_segments.len(), "path: {actual} vs {expected}");
                let offset = expected_segments.len().saturating_sub(path.split('/').count());
                for (i, (a, e)) in actual_segments.iter().zip(&expected_segments).enumerate() {
                    let same = if i >= offset && literal_case.contains(&(i - offset)) {
                        a.eq_ignore_ascii_case(e)
                    } else {
                        a == e
                    };
                    assert!(same, "path: {actual} vs {expected} (segment {i})");
                }
            }
            let mut actual: Vec<(String, String)> = request
                .uri()
                .query()
                .unwrap_or_default()
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                    (percent_decode(name), percent_decode(value))
                })
                .collect();
            let mut expected: Vec<(String, String)> = query.iter().map(|(name, value)| (percent_decode(name), percent_decode(value))).collect();
            actual.sort();
            expected.sort();
            assert_eq!(actual, expected, "query");
        }

        /// Checks that a built request sends exactly the JSON body `expected`.
        pub fn check_body(request: &::http::Request<Vec<u8>>, expected: &str) {
            let sent: ::serde_json::Value = ::serde_json::from_slice(request.body())
                .unwrap_or_else(|error| panic!("the request body is not JSON: {error}"));
            let expected: ::serde_json::Value = from_json(expected);
            assert_eq!(sent, expected, "body");
        }

        /// An HTTP response holding an example body.
        pub fn response(status: u16, body: &str) -> ::http::Response<Vec<u8>> {
            ::http::Response::builder()
                .status(status)
                .header("content-type", "application/json")
                .body(body.as_bytes().to_vec())
                .unwrap_or_else(|error| panic!("building the response failed: {error}"))
        }
    }
}
