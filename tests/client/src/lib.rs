//! A loopback Microsoft Graph service for the end-to-end tests of the generated crate's client
//! (`graph_bindings::runtime::client`), and for the `list_users` example program.
//!
//! It is a real HTTP server (axum on hyper, bound to 127.0.0.1) that answers the requests of
//! the docs' example pairs (`docs-input/`, read through docgen's model) with the docs' own
//! example responses, and lets a test script faults in front of them: any status and headers,
//! a body cut off in the middle, a `$batch` endpoint that runs each member the same way, and
//! upload sessions that lose chunks.

mod batch;
pub mod docs;
pub mod script;
pub mod server;
mod upload;
pub mod waits;

pub use script::Reply;
pub use server::{GraphServer, Recorded};
pub use upload::UploadFaults;
pub use waits::Waits;
