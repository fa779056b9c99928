//! An async HTTP client for the operations (cargo feature `client`), over `reqwest` with
//! rustls (no OpenSSL): `client.send(&operation).await` returns the operation's typed
//! response or one [`Error`](super::Error).
//!
//! What it does for every request to the service root:
//! - auth: a bearer token from a [`TokenProvider`] ([`StaticToken`], [`TokenFn`], or your
//!   own, e.g. over `azure_identity`), sent only to the service root's scheme, host and port,
//!   and only over HTTPS (or plain HTTP to this machine, for tests);
//! - retries: 429, 503 and 504, after the `Retry-After` the service sent (seconds or
//!   HTTP-date) or an exponential backoff with jitter, up to a cap and a count
//!   ([`RetryPolicy`]); only for requests whose body can be sent again; each retry carries
//!   `Retry-Attempt: <n>`;
//! - redirects: followed (up to 10 by default), without `Authorization` to another host, so a
//!   download's pre-authenticated URL never sees the token;
//! - `User-Agent`, a `client-request-id` per call (the same across its retries) and gzip
//!   responses.
//!
//! And on top: paging ([`Client::pages`], [`Client::items`]: `futures` streams), delta rounds
//! ([`Client::delta`], [`Client::delta_from_link`]), `$batch` ([`Client::batch`],
//! [`Client::send_all`]) and large-file upload sessions ([`Client::upload`]).

mod auth;
mod batch;
mod batch_wire;
mod config;
mod paging;
mod retry;
mod send;
mod transport;
mod upload;

pub use auth::{StaticToken, TokenFn, TokenFuture, TokenProvider};
pub use batch::{Batch, BatchAnswers, BatchId, Handle, MAX_BATCH_REQUESTS};
pub use config::{Client, ClientBuilder, Sleep};
pub use paging::Delta;
pub use retry::RetryPolicy;
pub use send::Inspected;
pub use upload::{ChunkSize, UploadSource};
