//! `src/runtime.rs` of the generated crate: the small, transport-neutral support the operations
//! use (error type, `Patch<T>`, collection pages, percent-encoding, request building, response
//! parsing, the `Operation` trait). Built as tokens like everything else; it does not depend on
//! the model, so it is the same in every generated crate.

mod collection;
mod error;
mod tests;

use collection::collection;
use error::error;
use proc_macro2::TokenStream;
use quote::quote;
use tests::tests;

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
    }
}
