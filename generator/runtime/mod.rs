//! Transport-neutral support for the generated operations: build an
//! [`http::Request`] with [`Operation::to_request`], send it with any HTTP client, and
//! read the answer with [`Operation::parse_response`].

// docgen's source of this module is `generator/runtime/` (ordinary Rust, unit-tested there);
// the generated crate gets these files without their `#[cfg(test)]` items.

#[cfg(feature = "client")]
pub mod client;
mod collection;
mod encoding;
mod error;
mod object;
mod odata;
mod patch;
mod request;
mod response;
mod retry_after;
mod values;
#[cfg(feature = "time")]
mod values_time;

pub use collection::{link_request, Collection};
pub use encoding::{encode_path_segment, encode_query_component, percent_decode};
pub use error::{BoxError, Error, GraphError, InnerError};
pub use object::{Fields, Object};
pub use odata::{downcast, Derives, GraphType};
pub use patch::Patch;
pub use request::{add_headers, build_request, Operation};
pub use response::{parse_empty, parse_json, success_body};
pub use retry_after::{retry_after_header, retry_after_seconds};
pub use values::{Base64Error, Binary, Date, DateTimeOffset, Duration, Guid, TimeOfDay};

/// The service root requests go to unless told otherwise.
pub const DEFAULT_BASE_URL: &str = "https://graph.microsoft.com/v1.0";
