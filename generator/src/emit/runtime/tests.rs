//! The runtime's own unit tests, emitted into `src/runtime.rs` of every generated crate.

use proc_macro2::TokenStream;
use quote::quote;

/// The runtime's own tests, run by every generated crate's `cargo test`.
pub(super) fn tests() -> TokenStream {
    quote! {
        #[cfg(test)]
        mod tests {
            use super::*;

            #[test]
            fn a_path_parameter_cannot_change_the_path() {
                assert_eq!(encode_path_segment("a/b?c#d"), "a%2Fb%3Fc%23d");
                assert_eq!(encode_path_segment(".."), "%2E%2E");
                assert_eq!(encode_path_segment("."), "%2E");
                assert_eq!(encode_path_segment("x%2Fy"), "x%252Fy");
                assert_eq!(encode_path_segment("é ~._-"), "%C3%A9%20~._-");
            }

            #[test]
            fn query_components_are_encoded() {
                assert_eq!(encode_query_component("a&b=c+d e"), "a%26b%3Dc%2Bd%20e");
                assert_eq!(encode_query_component("$filter"), "$filter");
                assert_eq!(encode_query_component("startswith(name,'a')"), "startswith(name,'a')");
            }

            #[test]
            fn patch_says_unchanged_clear_or_set() {
                #[derive(::serde::Serialize, ::serde::Deserialize, ::core::default::Default)]
                struct Body {
                    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
                    a: Patch<i32>,
                    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
                    b: Patch<i32>,
                    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
                    c: Patch<i32>,
                }
                let body = Body { a: Patch::Unchanged, b: Patch::Clear, c: Patch::Set(1) };
                let text = ::serde_json::to_string(&body).unwrap_or_default();
                assert_eq!(text, r#"{"b":null,"c":1}"#);
                let back: Body = ::serde_json::from_str(&text).unwrap_or_default();
                assert!(back.a.is_unchanged());
                assert_eq!(back.b, Patch::Clear);
                assert_eq!(back.c, Patch::Set(1));
            }

            #[test]
            fn fields_take_known_properties_and_keep_the_rest() {
                let text = r#"{"n": 1, "list": null, "gone": null, "patch": null, "x": {"y": true}}"#;
                let mut fields: Fields<::serde_json::Error> =
                    Fields::read(&mut ::serde_json::Deserializer::from_str(text)).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(fields.take::<::core::option::Option<i32>>("n").ok(), Some(Some(1)));
                assert_eq!(fields.take::<::std::vec::Vec<i32>>("list").ok(), Some(vec![]));
                assert_eq!(fields.take::<::core::option::Option<i32>>("absent").ok(), Some(None));
                assert_eq!(fields.take::<::core::option::Option<i32>>("gone").ok(), Some(None));
                assert_eq!(fields.take_patch::<i32>("patch").ok(), Some(Patch::Clear));
                assert_eq!(fields.take_patch::<i32>("absent").ok(), Some(Patch::Unchanged));
                let rest = ::serde_json::Value::Object(fields.rest().into_iter().collect());
                assert_eq!(rest, ::serde_json::json!({"x": {"y": true}}));

                let text = r#"{"n": "one"}"#;
                let mut fields: Fields<::serde_json::Error> =
                    Fields::read(&mut ::serde_json::Deserializer::from_str(text)).unwrap_or_else(|e| panic!("{e}"));
                let error = fields.take::<::core::option::Option<i32>>("n").err().map(|e| e.to_string());
                assert!(error.as_deref().is_some_and(|e| e.starts_with("property `n`: invalid type")), "{error:?}");
            }

            #[test]
            fn error_bodies_carry_graph_code_and_message() {
                let body = br#"{"error":{"code":"Request_ResourceNotFound","message":"gone"}}"#.to_vec();
                let response = ::http::Response::builder().status(404).body(body).unwrap_or_default();
                let error = parse_json::<::serde_json::Value>(response).err();
                assert_eq!(error.as_ref().and_then(Error::code), Some("Request_ResourceNotFound"));
                assert_eq!(error.as_ref().and_then(Error::message), Some("gone"));
                assert_eq!(error.as_ref().and_then(Error::status).map(|s| s.as_u16()), Some(404));
                let response = ::http::Response::builder().status(502).body(b"<html>".to_vec()).unwrap_or_default();
                assert!(::core::matches!(parse_empty(response), Err(Error::UnexpectedStatus { .. })));
            }

            #[test]
            fn error_bodies_carry_the_inner_error_and_the_raw_json() {
                let body = br#"{"error":{"code":"Authorization_RequestDenied","message":"no",
                    "details":[{"code":"x"}],
                    "innerError":{"date":"2024-05-01T10:00:00","request-id":"r-1","client-request-id":"c-2"}}}"#;
                let response = ::http::Response::builder().status(403).body(body.to_vec()).unwrap_or_default();
                let error = parse_empty(response).err();
                let inner = error.as_ref().and_then(Error::inner_error);
                assert_eq!(inner.and_then(|i| i.request_id.as_deref()), Some("r-1"));
                assert_eq!(inner.and_then(|i| i.client_request_id.as_deref()), Some("c-2"));
                assert_eq!(inner.and_then(|i| i.date.as_deref()), Some("2024-05-01T10:00:00"));
                assert_eq!(inner.map(|i| &i.raw["request-id"]), Some(&::serde_json::json!("r-1")));
                let raw = error.as_ref().and_then(Error::graph).map(|g| &g.raw["details"][0]["code"]);
                assert_eq!(raw, Some(&::serde_json::json!("x")));
                let text = error.as_ref().map(ToString::to_string).unwrap_or_default();
                assert!(text.contains("Authorization_RequestDenied") && text.contains("r-1"), "{text}");
                assert!(!error.as_ref().is_some_and(Error::is_retryable));

                let body = br#"{"error":{"code":"c","message":"m","innererror":{"request-id":"r-2"}}}"#;
                let error = Error::from_status(::http::StatusCode::BAD_REQUEST, body.to_vec());
                assert_eq!(error.inner_error().and_then(|i| i.request_id.as_deref()), Some("r-2"));
                assert_eq!(error.inner_error().and_then(|i| i.date.as_deref()), None);
                let error = Error::from_status(::http::StatusCode::BAD_REQUEST, br#"{"error":{"code":"c"}}"#.to_vec());
                assert!(error.inner_error().is_none());
                assert_eq!(error.message(), Some(""));
                let error = Error::from_status(::http::StatusCode::BAD_REQUEST, br#"{"error":"text"}"#.to_vec());
                assert!(::core::matches!(error, Error::UnexpectedStatus { .. }));
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
                assert_eq!(error.as_ref().and_then(Error::retry_after), Some(::core::time::Duration::from_secs(7)));
                assert_eq!(error.as_ref().and_then(Error::code), Some("TooManyRequests"));
                let error = respond(503, Some(" 30 "), b"Service Unavailable");
                assert!(::core::matches!(error, Some(Error::UnexpectedStatus { .. })));
                assert!(error.as_ref().is_some_and(Error::is_retryable));
                assert_eq!(error.as_ref().and_then(Error::retry_after), Some(::core::time::Duration::from_secs(30)));
                let error = respond(504, None, b"");
                assert!(error.as_ref().is_some_and(Error::is_retryable));
                assert_eq!(error.as_ref().and_then(Error::retry_after), None);
                let error = respond(503, Some("Wed, 21 Oct 2015 07:28:00 GMT"), graph);
                assert_eq!(error.as_ref().and_then(Error::retry_after), None);
                for status in [400, 401, 404, 500, 502] {
                    assert!(!respond(status, Some("1"), graph).as_ref().is_some_and(Error::is_retryable), "{status}");
                }
                let json = ::serde_json::from_slice::<i32>(b"x").map_err(Error::from).err();
                assert!(!json.as_ref().is_some_and(Error::is_retryable));
            }

            #[test]
            fn next_pages_are_requested_from_the_same_host_only() {
                let page = |next: Option<&str>| Collection::<i32> {
                    next_link: next.map(ToString::to_string),
                    ..Collection::default()
                };
                let link = "https://graph.microsoft.com/v1.0/users?$skiptoken=X%27Y&$top=5";
                let request = page(Some(link)).next_request().and_then(Result::ok);
                assert_eq!(request.as_ref().map(|r| r.uri().to_string()).as_deref(), Some(link));
                assert_eq!(request.as_ref().map(|r| r.method()), Some(&::http::Method::GET));
                assert!(request.as_ref().is_some_and(|r| r.body().is_empty()));
                let beta = "https://GRAPH.microsoft.com:443/beta/users?$skiptoken=1";
                assert!(page(Some(beta)).next_request().is_some_and(|r| r.is_ok()));
                let local = page(Some("http://localhost:8080/v1.0/users?$skip=2"));
                assert!(local.next_request_with_base("http://localhost:8080/v1.0").is_some_and(|r| r.is_ok()));

                for foreign in [
                    "https://elsewhere.example.net/v1.0/users?$skiptoken=1",
                    "http://graph.microsoft.com/v1.0/users?$skiptoken=1",
                    "https://graph.microsoft.com:8443/v1.0/users",
                    "https://graph.microsoft.com.elsewhere.example/v1.0/users",
                    "https://graph.microsoft.com@elsewhere.example.net/v1.0/users",
                    "//elsewhere.example.net/v1.0/users",
                    "/v1.0/users?$skiptoken=1",
                    "not a url",
                ] {
                    let refused = page(Some(foreign)).next_request();
                    assert!(
                        ::core::matches!(&refused, Some(Err(Error::UntrustedNextLink { next_link })) if next_link == foreign),
                        "{foreign}: {refused:?}"
                    );
                }
                let other_base = page(Some(link)).next_request_with_base("https://graph.microsoft.us/v1.0");
                assert!(::core::matches!(other_base, Some(Err(Error::UntrustedNextLink { .. }))));
                assert!(page(None).next_request().is_none());
                assert!(page(None).next_request_with_base("https://elsewhere.example.net").is_none());
            }

            #[test]
            fn pages_read_their_items_and_next_link() {
                let body = br#"{"value":[1,2],"@odata.nextLink":"https://graph.microsoft.com/v1.0/x?$skip=2"}"#;
                let response = ::http::Response::builder().status(200).body(body.to_vec()).unwrap_or_default();
                let page = Collection::<i32>::parse_response(response).unwrap_or_default();
                assert_eq!(page.value, [1, 2]);
                assert!(page.next_request().is_some_and(|r| r.is_ok()));
            }

            #[test]
            fn requests_join_base_path_and_query() {
                let query = [("$top".to_string(), "5".to_string()), ("q".to_string(), "a b".to_string())];
                let request = build_request(::http::Method::GET, "https://example.test/v1.0/", "/me", &query, None);
                let uri = request.map(|r| r.uri().to_string()).unwrap_or_default();
                assert_eq!(uri, "https://example.test/v1.0/me?$top=5&q=a%20b");
            }
        }
    }
}
