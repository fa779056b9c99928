//! `src/runtime.rs` of the generated crate: the small, transport-neutral support the operations
//! use (error type, `Patch<T>`, collection pages, percent-encoding, request building, response
//! parsing, the `Operation` trait). Built as tokens like everything else; it does not depend on
//! the model, so it is the same in every generated crate.

use proc_macro2::TokenStream;
use quote::quote;

/// Graph's v1.0 service root; operations can be sent to another with `to_request_with_base`.
pub const DEFAULT_BASE_URL: &str = "https://graph.microsoft.com/v1.0";

pub fn runtime_file() -> TokenStream {
    let base = DEFAULT_BASE_URL;
    let mut tokens = quote! {
        //! Transport-neutral support for the generated operations: build an
        //! [`http::Request`] with [`Operation::to_request`], send it with any HTTP client, and
        //! read the answer with [`Operation::parse_response`].

        /// The service root requests go to unless told otherwise.
        pub const DEFAULT_BASE_URL: &str = #base;
    };
    tokens.extend(error());
    tokens.extend(patch());
    tokens.extend(collection());
    tokens.extend(encoding());
    tokens.extend(requests());
    tokens.extend(tests());
    tokens
}

/// The runtime's own tests, run by every generated crate's `cargo test`.
fn tests() -> TokenStream {
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
            fn requests_join_base_path_and_query() {
                let query = [("$top".to_string(), "5".to_string()), ("q".to_string(), "a b".to_string())];
                let request = build_request(::http::Method::GET, "https://example.test/v1.0/", "/me", &query, None);
                let uri = request.map(|r| r.uri().to_string()).unwrap_or_default();
                assert_eq!(uri, "https://example.test/v1.0/me?$top=5&q=a%20b");
            }
        }
    }
}

fn error() -> TokenStream {
    quote! {
        /// Why an operation failed.
        #[derive(::core::fmt::Debug)]
        pub enum Error {
            /// The service answered with an error status and a Graph error body.
            Graph {
                status: ::http::StatusCode,
                /// Graph's error code, e.g. `Request_ResourceNotFound`.
                code: ::std::string::String,
                message: ::std::string::String,
            },
            /// The service answered with an error status and no Graph error body.
            UnexpectedStatus {
                status: ::http::StatusCode,
                body: ::std::vec::Vec<u8>,
            },
            /// A body could not be written or read as JSON.
            Json(::serde_json::Error),
            /// The request could not be built (an invalid base URL, say).
            Http(::http::Error),
        }

        impl Error {
            /// The HTTP status of a service error.
            pub fn status(&self) -> ::core::option::Option<::http::StatusCode> {
                match self {
                    Self::Graph { status, .. } | Self::UnexpectedStatus { status, .. } => {
                        ::core::option::Option::Some(*status)
                    }
                    Self::Json(_) | Self::Http(_) => ::core::option::Option::None,
                }
            }

            /// Graph's error code, when the service sent one.
            pub fn code(&self) -> ::core::option::Option<&str> {
                match self {
                    Self::Graph { code, .. } => ::core::option::Option::Some(code.as_str()),
                    _ => ::core::option::Option::None,
                }
            }

            /// Graph's error message, when the service sent one.
            pub fn message(&self) -> ::core::option::Option<&str> {
                match self {
                    Self::Graph { message, .. } => ::core::option::Option::Some(message.as_str()),
                    _ => ::core::option::Option::None,
                }
            }

            /// The error for a response with a status that is not a success.
            pub fn from_status(status: ::http::StatusCode, body: ::std::vec::Vec<u8>) -> Self {
                match ::serde_json::from_slice::<GraphErrorBody>(&body) {
                    ::core::result::Result::Ok(parsed) => Self::Graph {
                        status,
                        code: parsed.error.code,
                        message: parsed.error.message,
                    },
                    ::core::result::Result::Err(_) => Self::UnexpectedStatus { status, body },
                }
            }
        }

        impl ::core::fmt::Display for Error {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    Self::Graph { status, code, message } => {
                        ::core::write!(f, "Graph error {status}: {code}: {message}")
                    }
                    Self::UnexpectedStatus { status, body } => ::core::write!(
                        f,
                        "unexpected status {status} ({} bytes of body)",
                        body.len()
                    ),
                    Self::Json(error) => ::core::write!(f, "JSON: {error}"),
                    Self::Http(error) => ::core::write!(f, "HTTP: {error}"),
                }
            }
        }

        impl ::std::error::Error for Error {
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    Self::Json(error) => ::core::option::Option::Some(error),
                    Self::Http(error) => ::core::option::Option::Some(error),
                    Self::Graph { .. } | Self::UnexpectedStatus { .. } => ::core::option::Option::None,
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

        /// `{"error": {"code": ..., "message": ...}}`, Graph's error body.
        #[derive(::serde::Deserialize)]
        struct GraphErrorBody {
            error: GraphErrorDetail,
        }

        #[derive(::serde::Deserialize)]
        struct GraphErrorDetail {
            #[serde(default)]
            code: ::std::string::String,
            #[serde(default)]
            message: ::std::string::String,
        }
    }
}

fn patch() -> TokenStream {
    quote! {
        /// A property in an update (`PATCH`) body: left as it is, cleared, or set.
        ///
        /// Graph changes only the properties a `PATCH` body holds, and clears a value only on an
        /// explicit `null`; `Option` cannot say both "absent" and "null", this can.
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::default::Default, ::core::cmp::PartialEq)]
        pub enum Patch<T> {
            /// Not sent: the service keeps the value.
            #[default]
            Unchanged,
            /// Sent as `null`: the service clears the value.
            Clear,
            /// Sent: the service stores this value.
            Set(T),
        }

        impl<T> Patch<T> {
            /// Whether the property is left out of the body.
            pub fn is_unchanged(&self) -> bool {
                ::core::matches!(self, Self::Unchanged)
            }
        }

        impl<T> ::core::convert::From<T> for Patch<T> {
            fn from(value: T) -> Self {
                Self::Set(value)
            }
        }

        impl<T: ::serde::Serialize> ::serde::Serialize for Patch<T> {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    Self::Set(value) => ::serde::Serialize::serialize(value, serializer),
                    Self::Unchanged | Self::Clear => serializer.serialize_none(),
                }
            }
        }

        impl<'de, T: ::serde::Deserialize<'de>> ::serde::Deserialize<'de> for Patch<T> {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value: ::core::option::Option<T> = ::serde::Deserialize::deserialize(deserializer)?;
                ::core::result::Result::Ok(match value {
                    ::core::option::Option::Some(value) => Self::Set(value),
                    ::core::option::Option::None => Self::Clear,
                })
            }
        }
    }
}

fn collection() -> TokenStream {
    quote! {
        /// One page of a collection: `{"value": [...], "@odata.nextLink": "..."}`.
        #[derive(
            ::core::clone::Clone,
            ::core::fmt::Debug,
            ::core::default::Default,
            ::core::cmp::PartialEq,
            ::serde::Serialize,
            ::serde::Deserialize
        )]
        pub struct Collection<T> {
            /// The items of this page.
            #[serde(default)]
            pub value: ::std::vec::Vec<T>,
            /// The URL of the next page, when there is one.
            #[serde(
                rename = "@odata.nextLink",
                default,
                skip_serializing_if = "::core::option::Option::is_none"
            )]
            pub next_link: ::core::option::Option<::std::string::String>,
            /// The total count, when `$count=true` was asked for.
            #[serde(
                rename = "@odata.count",
                default,
                skip_serializing_if = "::core::option::Option::is_none"
            )]
            pub count: ::core::option::Option<i64>,
            /// Other annotations (`@odata.context`, `@odata.deltaLink`, ...).
            #[serde(flatten)]
            pub additional_properties: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }

        /// The JSON object of a struct being deserialized: the struct takes its properties out
        /// by wire name and keeps the rest as `additional_properties`. (One small reader for
        /// every struct: a derived `Deserialize` with `#[serde(flatten)]` is ~400 lines of
        /// expanded code per struct, which was most of this crate's compile time.)
        pub struct Fields<E> {
            map: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
            error: ::core::marker::PhantomData<E>,
        }

        impl<E: ::serde::de::Error> Fields<E> {
            /// Reads the object.
            pub fn read<'de, D: ::serde::Deserializer<'de, Error = E>>(deserializer: D) -> ::core::result::Result<Self, E> {
                let map = ::serde::Deserialize::deserialize(deserializer)?;
                ::core::result::Result::Ok(Self { map, error: ::core::marker::PhantomData })
            }

            /// A property; absent or `null` reads as the default (`None`, an empty collection),
            /// as Graph sends both.
            pub fn take<T: ::serde::de::DeserializeOwned + ::core::default::Default>(&mut self, key: &str) -> ::core::result::Result<T, E> {
                match self.map.remove(key) {
                    ::core::option::Option::None | ::core::option::Option::Some(::serde_json::Value::Null) => {
                        ::core::result::Result::Ok(T::default())
                    }
                    ::core::option::Option::Some(value) => T::deserialize(value).map_err(|error| field_error(key, &error)),
                }
            }

            /// A property of an update body: absent is `Unchanged`, `null` is `Clear`.
            pub fn take_patch<T: ::serde::de::DeserializeOwned>(&mut self, key: &str) -> ::core::result::Result<Patch<T>, E> {
                match self.map.remove(key) {
                    ::core::option::Option::None => ::core::result::Result::Ok(Patch::Unchanged),
                    ::core::option::Option::Some(::serde_json::Value::Null) => ::core::result::Result::Ok(Patch::Clear),
                    ::core::option::Option::Some(value) => {
                        T::deserialize(value).map(Patch::Set).map_err(|error| field_error(key, &error))
                    }
                }
            }

            /// The properties no field took.
            pub fn rest(self) -> ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value> {
                self.map.into_iter().collect()
            }
        }

        fn field_error<E: ::serde::de::Error>(key: &str, error: &::serde_json::Error) -> E {
            E::custom(::core::format_args!("property `{key}`: {error}"))
        }
    }
}

fn encoding() -> TokenStream {
    quote! {
        /// Percent-encodes a path parameter: every byte outside RFC 3986's unreserved set
        /// (`A-Z a-z 0-9 - . _ ~`) is encoded, and `.`/`..` become `%2E`/`%2E%2E`, so a value can
        /// never add a segment, a query or a fragment to the path.
        pub fn encode_path_segment(value: &str) -> ::std::string::String {
            if value == "." || value == ".." {
                return value.replace('.', "%2E");
            }
            percent_encode(value, |byte| {
                byte.is_ascii_alphanumeric() || ::core::matches!(byte, b'-' | b'.' | b'_' | b'~')
            })
        }

        /// Percent-encodes a query name or value: unreserved characters and the OData
        /// punctuation `$ ' ( ) , : @ /` are kept; `&`, `=`, `+`, `#`, spaces and the rest are
        /// encoded.
        pub fn encode_query_component(value: &str) -> ::std::string::String {
            percent_encode(value, |byte| {
                byte.is_ascii_alphanumeric()
                    || ::core::matches!(
                        byte,
                        b'-' | b'.' | b'_' | b'~' | b'$' | b'\'' | b'(' | b')' | b',' | b':' | b'@' | b'/'
                    )
            })
        }

        fn percent_encode(value: &str, keep: fn(u8) -> bool) -> ::std::string::String {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            let mut out = ::std::string::String::with_capacity(value.len());
            for &byte in value.as_bytes() {
                if keep(byte) {
                    out.push(char::from(byte));
                } else {
                    out.push('%');
                    out.push(char::from(HEX[usize::from(byte >> 4)]));
                    out.push(char::from(HEX[usize::from(byte & 0x0f)]));
                }
            }
            out
        }
    }
}

fn requests() -> TokenStream {
    quote! {
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
            /// Graph's code and message.
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
                ::core::option::Option::Some((content_type, bytes)) => {
                    builder.header(::http::header::CONTENT_TYPE, content_type).body(bytes)?
                }
                ::core::option::Option::None => builder.body(::std::vec::Vec::new())?,
            };
            ::core::result::Result::Ok(request)
        }

        /// The body of a success response, or the error a failure status means.
        pub fn success_body(
            response: ::http::Response<::std::vec::Vec<u8>>,
        ) -> ::core::result::Result<::std::vec::Vec<u8>, Error> {
            let status = response.status();
            let body = response.into_body();
            if status.is_success() {
                ::core::result::Result::Ok(body)
            } else {
                ::core::result::Result::Err(Error::from_status(status, body))
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
    }
}
