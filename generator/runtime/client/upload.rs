//! Large-file upload sessions: content sent to an upload session's URL in chunks, resumed
//! from what the service says it still expects after a chunk fails.

use super::super::Error;
use super::retry::random_fraction;
use super::send::into_reqwest;
use super::transport::{Answer, Credentials};
use super::{Client, RetryPolicy};

/// The size of upload chunks: a multiple of 320 KiB, as upload sessions require (the last
/// chunk excepted), at most 60 MiB.
#[derive(
    ::core::clone::Clone,
    ::core::marker::Copy,
    ::core::fmt::Debug,
    ::core::cmp::PartialEq,
    ::core::cmp::Eq,
)]
pub struct ChunkSize(usize);

impl ChunkSize {
    /// 320 KiB: every chunk but the last is a multiple of it.
    pub const UNIT: usize = 320 * 1024;
    /// 10 MiB (32 units), within the 5-10 MiB the service recommends.
    pub const DEFAULT: Self = Self(32 * Self::UNIT);
    /// 60 MiB, the most one request may carry.
    pub const MAX: Self = Self(192 * Self::UNIT);

    /// `units` times 320 KiB, kept between one unit and [`ChunkSize::MAX`].
    pub fn units(units: usize) -> Self {
        Self(units.clamp(1, Self::MAX.0 / Self::UNIT) * Self::UNIT)
    }

    /// The largest valid size not above `bytes` (at least one unit).
    pub fn at_most(bytes: usize) -> Self {
        Self::units(bytes / Self::UNIT)
    }

    pub fn bytes(self) -> usize {
        self.0
    }
}

impl ::core::default::Default for ChunkSize {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// What an upload reads its chunks from. Implemented for bytes in memory; for a file,
/// implement it with positioned reads (`tokio::fs` or `spawn_blocking`).
pub trait UploadSource: ::core::marker::Sync {
    /// The whole size in bytes.
    fn size(&self) -> u64;

    /// `len` bytes from `offset` (never past the end).
    fn read_chunk(
        &self,
        offset: u64,
        len: usize,
    ) -> ::core::pin::Pin<
        ::std::boxed::Box<
            dyn ::core::future::Future<Output = ::std::io::Result<::std::vec::Vec<u8>>>
                + ::core::marker::Send
                + '_,
        >,
    >;
}

impl UploadSource for [u8] {
    fn size(&self) -> u64 {
        self.len() as u64
    }

    fn read_chunk(
        &self,
        offset: u64,
        len: usize,
    ) -> ::core::pin::Pin<
        ::std::boxed::Box<
            dyn ::core::future::Future<Output = ::std::io::Result<::std::vec::Vec<u8>>>
                + ::core::marker::Send
                + '_,
        >,
    > {
        let start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.len());
        let end = start.saturating_add(len).min(self.len());
        let chunk = self[start..end].to_vec();
        ::std::boxed::Box::pin(async move { ::core::result::Result::Ok(chunk) })
    }
}

/// The status of an upload session: `{"nextExpectedRanges": ["327680-"]}`.
#[derive(::serde::Deserialize)]
struct SessionStatus {
    #[serde(rename = "nextExpectedRanges", default)]
    next_expected_ranges: ::std::vec::Vec<::std::string::String>,
}

impl Client {
    /// Uploads `source` to an upload session (the `uploadUrl` a `createUploadSession`
    /// operation answered) in chunks of `chunk_size`, and reads the service's final
    /// answer (the created item) as `T`.
    ///
    /// It starts where the session says it expects bytes, so the same call resumes a
    /// session an earlier process left unfinished. When a chunk fails (a transport error,
    /// a 5xx, 429, or 416), it waits as [`RetryPolicy`] says, asks the session what it
    /// still expects and goes on from there, up to `max_retries` failures in a row. The
    /// upload URL is pre-authenticated: the token is never sent to it.
    pub async fn upload<T, S>(
        &self,
        upload_url: &str,
        source: &S,
        chunk_size: ChunkSize,
    ) -> ::core::result::Result<T, Error>
    where
        T: ::serde::de::DeserializeOwned,
        S: UploadSource + ?::core::marker::Sized,
    {
        let total = source.size();
        let mut offset = self.next_expected(upload_url).await?;
        let mut failures = 0;
        loop {
            if offset >= total {
                return ::core::result::Result::Err(Error::Protocol(::std::format!(
                    "the upload session expects byte {offset}, but the content has {total}"
                )));
            }
            let end = total.min(offset.saturating_add(chunk_size.bytes() as u64));
            let chunk = source
                .read_chunk(offset, usize::try_from(end - offset).unwrap_or(usize::MAX))
                .await
                .map_err(|error| Error::Transport(::std::boxed::Box::new(error)))?;
            if (chunk.len() as u64) != end - offset {
                return ::core::result::Result::Err(Error::Protocol(::std::format!(
                    "the upload source gave {} bytes at {offset}, not {}",
                    chunk.len(),
                    end - offset
                )));
            }
            let sent = self.put_chunk(upload_url, offset, total, chunk).await;
            let retry_after = match sent {
                ::core::result::Result::Ok(answer) => {
                    let status = answer.response.status();
                    if status.is_success() && status != ::http::StatusCode::ACCEPTED {
                        return super::super::parse_json(answer.response);
                    }
                    if status == ::http::StatusCode::ACCEPTED {
                        let next = ranges_start(&answer.response.into_body())?;
                        if next > offset {
                            failures = 0;
                            offset = next;
                            continue;
                        }
                        // The session did not keep the chunk: a failure like any other.
                        ::core::option::Option::None
                    } else if chunk_may_be_resent(status) {
                        Error::from_response(answer.response).retry_after()
                    } else {
                        return ::core::result::Result::Err(Error::from_response(answer.response));
                    }
                }
                ::core::result::Result::Err(Error::Transport(_)) => ::core::option::Option::None,
                ::core::result::Result::Err(error) => return ::core::result::Result::Err(error),
            };
            let policy: &RetryPolicy = &self.inner.retry;
            let seconds = retry_after.map(|wait| wait.as_secs());
            let ::core::option::Option::Some(wait) =
                policy.delay(failures, seconds, random_fraction())
            else {
                return ::core::result::Result::Err(Error::Protocol(::std::format!(
                    "the upload session stopped at byte {offset} of {total} after {} failed chunks",
                    failures + 1
                )));
            };
            (self.inner.sleep)(wait).await;
            failures += 1;
            offset = self.next_expected(upload_url).await?;
        }
    }

    /// Asks the session which byte it expects next.
    async fn next_expected(&self, upload_url: &str) -> ::core::result::Result<u64, Error> {
        let request = ::http::Request::builder()
            .method(::http::Method::GET)
            .uri(upload_url)
            .body(::std::vec::Vec::new())?;
        let answer = self.call(into_reqwest(request)?, Credentials::None).await?;
        let body = super::super::success_body(answer.response)?;
        ranges_start(&body)
    }

    async fn put_chunk(
        &self,
        upload_url: &str,
        offset: u64,
        total: u64,
        chunk: ::std::vec::Vec<u8>,
    ) -> ::core::result::Result<Answer, Error> {
        let last = offset + chunk.len() as u64 - 1;
        let request = ::http::Request::builder()
            .method(::http::Method::PUT)
            .uri(upload_url)
            .header(::http::header::CONTENT_LENGTH, chunk.len())
            .header(
                ::http::header::CONTENT_RANGE,
                ::std::format!("bytes {offset}-{last}/{total}"),
            )
            .body(chunk)?;
        self.call_once(into_reqwest(request)?, Credentials::None)
            .await
    }
}

/// Statuses after which the same chunk is worth sending again (from where the session
/// says): a server or gateway failure, throttling, or a range the session did not expect.
fn chunk_may_be_resent(status: ::http::StatusCode) -> bool {
    status.is_server_error() || ::core::matches!(status.as_u16(), 416 | 429)
}

/// The first byte of the first range in a session status body.
fn ranges_start(body: &[u8]) -> ::core::result::Result<u64, Error> {
    let status: SessionStatus = ::serde_json::from_slice(body)?;
    let first = status.next_expected_ranges.first().ok_or_else(|| {
        Error::Protocol(
            "the upload session expects no more bytes but did not answer with the item".to_string(),
        )
    })?;
    let start = first.split('-').next().unwrap_or_default().trim();
    start.parse::<u64>().map_err(|_| {
        Error::Protocol(::std::format!(
            "unreadable nextExpectedRanges entry {first:?}"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_sizes_are_multiples_of_320_kib_up_to_60_mib() {
        assert_eq!(ChunkSize::default().bytes(), 10 * 1024 * 1024);
        assert_eq!(ChunkSize::units(0).bytes(), 327_680);
        assert_eq!(ChunkSize::units(3).bytes(), 3 * 327_680);
        assert_eq!(ChunkSize::units(1_000), ChunkSize::MAX);
        assert_eq!(ChunkSize::MAX.bytes(), 60 * 1024 * 1024);
        assert_eq!(ChunkSize::at_most(5 * 1024 * 1024).bytes(), 16 * 327_680);
        assert_eq!(ChunkSize::at_most(100), ChunkSize::units(1));
    }

    #[test]
    fn sessions_say_where_to_go_on() {
        let start = |body: &str| ranges_start(body.as_bytes()).map_err(|e| e.to_string());
        assert_eq!(start(r#"{"nextExpectedRanges":["0-"]}"#), Ok(0));
        assert_eq!(
            start(r#"{"nextExpectedRanges":["327680-655359","900000-"]}"#),
            Ok(327_680)
        );
        assert_eq!(
            start(r#"{"expirationDateTime":"x","nextExpectedRanges":[" 12 - "]}"#),
            Ok(12)
        );
        assert!(start(r#"{"nextExpectedRanges":[]}"#).is_err());
        assert!(start(r#"{"nextExpectedRanges":["x-"]}"#).is_err());
        assert!(start("not json").is_err());
    }

    #[test]
    fn bytes_in_memory_read_in_chunks() {
        let runtime = ::tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        let content: Vec<u8> = (0..10).collect();
        let source: &[u8] = &content;
        assert_eq!(source.size(), 10);
        let read = |offset, len| {
            runtime
                .block_on(source.read_chunk(offset, len))
                .unwrap_or_default()
        };
        assert_eq!(read(2, 3), [2, 3, 4]);
        assert_eq!(read(8, 5), [8, 9]);
        assert!(read(20, 5).is_empty());
    }

    #[test]
    fn failed_chunks_are_resent_only_when_that_can_help() {
        for (status, resent) in [
            (500, true),
            (503, true),
            (429, true),
            (416, true),
            (400, false),
            (404, false),
            (409, false),
        ] {
            let status = ::http::StatusCode::from_u16(status).unwrap_or_default();
            assert_eq!(chunk_may_be_resent(status), resent, "{status}");
        }
    }
}
