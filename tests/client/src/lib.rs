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

use graph_bindings::runtime::client::{Client, RetryPolicy, StaticToken};

/// The token every test client sends (`Authorization: Bearer loopback-token`).
pub const TOKEN: &str = "loopback-token";

/// A client of `server` with a static token, whose waits between retries `waits` records
/// instead of sleeping through, and no jitter (so the waits can be checked exactly).
pub fn client(server: &GraphServer, waits: &Waits) -> Client {
    client_with(
        server,
        waits,
        RetryPolicy {
            jitter: false,
            ..RetryPolicy::default()
        },
    )
}

/// [`client`] with a retry policy of its own.
pub fn client_with(server: &GraphServer, waits: &Waits, retry: RetryPolicy) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .token(StaticToken::new(TOKEN))
        .retry(retry)
        .sleep_with(waits.sleeper())
        .build()
        .unwrap_or_else(|error| panic!("building the client: {error}"))
}
