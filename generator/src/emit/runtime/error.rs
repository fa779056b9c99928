//! The runtime's `Error`: Graph's error body, the status and `Retry-After`.

use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn error() -> TokenStream {
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
