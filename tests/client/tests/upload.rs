//! Large-file upload sessions end to end: chunks that are multiples of 320 KiB, a chunk the
//! session loses (an error status, a dropped connection) sent again from where the session
//! says, a session resumed by a new call, and the token never sent to the upload URL.

use std::time::Duration;

use docgen_client_tests::{client, client_with, GraphServer, UploadFaults, Waits};
use graph_bindings::runtime::client::{ChunkSize, RetryPolicy};
use graph_bindings::runtime::Error;

/// 1 MB that is not a multiple of 320 KiB: three whole chunks of one unit and a short one.
fn content() -> Vec<u8> {
    (0..1_000_000u32).map(|i| (i % 251) as u8).collect()
}

fn puts(server: &GraphServer) -> Vec<String> {
    server
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT")
        .filter_map(|r| r.header("content-range").map(str::to_string))
        .collect()
}

#[tokio::test]
async fn content_goes_up_in_chunks_of_320_kib_and_a_lost_chunk_is_sent_again() {
    let server = GraphServer::start().await;
    let content = content();
    let url = server.upload_session(content.len() as u64, UploadFaults::none().fail_with(2, 503));
    let waits = Waits::new();
    let item: serde_json::Value = client(&server, &waits)
        .upload(&url, &content[..], ChunkSize::units(1))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(item["size"], 1_000_000);
    assert_eq!(server.uploaded(&url).as_deref(), Some(&content[..]));
    assert_eq!(
        puts(&server),
        [
            "bytes 0-327679/1000000",
            "bytes 327680-655359/1000000",
            "bytes 327680-655359/1000000",
            "bytes 655360-983039/1000000",
            "bytes 983040-999999/1000000",
        ]
    );
    assert_eq!(waits.recorded(), [Duration::from_secs(1)]);
    // Pre-authenticated: no request to the session carries the token.
    assert!(server
        .requests()
        .iter()
        .all(|r| r.header("authorization").is_none()));
}

#[tokio::test]
async fn a_chunk_whose_connection_drops_is_sent_again_from_where_the_session_is() {
    let server = GraphServer::start().await;
    let content = content();
    let faults = UploadFaults::none().disconnect(1).fail_with(3, 500);
    let url = server.upload_session(content.len() as u64, faults);
    let waits = Waits::new();
    let item: serde_json::Value = client(&server, &waits)
        .upload(&url, &content[..], ChunkSize::units(2))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(item["id"], "01UPLOADEDITEM");
    assert_eq!(server.uploaded(&url).as_deref(), Some(&content[..]));
    assert_eq!(
        puts(&server),
        [
            "bytes 0-655359/1000000",
            "bytes 0-655359/1000000",
            "bytes 655360-999999/1000000",
            "bytes 655360-999999/1000000",
        ]
    );
    assert_eq!(waits.recorded(), [1, 1].map(Duration::from_secs));
}

#[tokio::test]
async fn a_session_left_unfinished_is_resumed_by_a_new_call() {
    let server = GraphServer::start().await;
    let content = content();
    let faults = UploadFaults::none().fail_with(2, 503).fail_with(3, 503);
    let url = server.upload_session(content.len() as u64, faults);
    let waits = Waits::new();
    let one_retry = RetryPolicy {
        max_retries: 1,
        jitter: false,
        ..RetryPolicy::default()
    };
    let stopped = client_with(&server, &waits, one_retry)
        .upload::<serde_json::Value, _>(&url, &content[..], ChunkSize::units(1))
        .await;
    assert!(
        matches!(&stopped, Err(Error::Protocol(m)) if m.contains("stopped at byte 327680")),
        "{stopped:?}"
    );
    assert_eq!(server.uploaded(&url).map(|kept| kept.len()), Some(327_680));
    // Another call (another process, later) asks the session and goes on from there.
    let item: serde_json::Value = client(&server, &waits)
        .upload(&url, &content[..], ChunkSize::units(1))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(item["size"], 1_000_000);
    assert_eq!(server.uploaded(&url).as_deref(), Some(&content[..]));
    assert_eq!(puts(&server)[3], "bytes 327680-655359/1000000");
}
