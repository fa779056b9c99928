//! Retries end to end: throttling (429) with `Retry-After` in seconds and as an HTTP-date,
//! 503 then success, the cap, the count, jitter, and bodies that cannot be sent twice.

use std::time::{Duration, SystemTime};

use docgen_client_tests::{client, client_with, GraphServer, Reply, Waits};
use graph_bindings::operations::GetUser;
use graph_bindings::runtime::client::RetryPolicy;
use graph_bindings::runtime::Error;

const HANA: &str = "c7e03b58-1f2d-4e96-b4a0-93d6e85f2a17";

fn get_hana() -> GetUser {
    GetUser {
        id: HANA.to_string(),
        ..GetUser::default()
    }
}

fn throttled() -> Reply {
    Reply::graph_error(429, "TooManyRequests", "Please retry again later.")
}

#[tokio::test]
async fn throttling_waits_as_retry_after_says_in_seconds_and_as_an_http_date() {
    let server = GraphServer::start().await;
    let in_90_seconds = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(90));
    server.script(
        &format!("GET /v1.0/users/{HANA}"),
        [
            throttled().header("Retry-After", "120"),
            throttled().header("Retry-After", &in_90_seconds),
        ],
    );
    let waits = Waits::new();
    let user = client(&server, &waits)
        .send(&get_hana())
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(user.display_name.as_deref(), Some("Hana Kobayashi"));
    let recorded = waits.recorded();
    assert_eq!(recorded[0], Duration::from_secs(120));
    // The date is whole seconds from a "now" a little later than the test's.
    assert!((89..=90).contains(&recorded[1].as_secs()), "{recorded:?}");
    let sent = server.requests();
    assert_eq!(sent.len(), 3);
    // One call, one client-request-id, whatever the retries.
    let ids: Vec<_> = sent.iter().map(|r| r.header("client-request-id")).collect();
    assert!(
        ids[0].is_some() && ids.iter().all(|id| *id == ids[0]),
        "{ids:?}"
    );
    // Each retry says which it is, as Kiota's retry handler does.
    let attempts: Vec<_> = sent.iter().map(|r| r.header("retry-attempt")).collect();
    assert_eq!(attempts, [None, Some("1"), Some("2")]);
}

#[tokio::test]
async fn unavailable_then_success_and_backoff_doubles_without_retry_after() {
    let server = GraphServer::start().await;
    let unavailable = || Reply::graph_error(503, "serviceNotAvailable", "Try later.");
    server.script(
        &format!("GET /v1.0/users/{HANA}"),
        [unavailable(), Reply::status(504), unavailable()],
    );
    let waits = Waits::new();
    let user = client(&server, &waits).send(&get_hana()).await;
    assert!(user.is_ok(), "{user:?}");
    assert_eq!(
        waits.recorded(),
        [1, 2, 4].map(Duration::from_secs),
        "1 s doubled after each retry"
    );
}

#[tokio::test]
async fn retries_stop_at_the_count_and_at_the_cap() {
    let server = GraphServer::start().await;
    server.script(
        &format!("GET /v1.0/users/{HANA}"),
        (0..3).map(|_| throttled().header("Retry-After", "1")),
    );
    let waits = Waits::new();
    let policy = RetryPolicy {
        max_retries: 2,
        jitter: false,
        ..RetryPolicy::default()
    };
    let client = client_with(&server, &waits, policy.clone());
    let gave_up = client.send(&get_hana()).await.err();
    assert_eq!(
        gave_up.as_ref().and_then(Error::status).map(|s| s.as_u16()),
        Some(429)
    );
    assert_eq!(
        gave_up.as_ref().and_then(Error::retry_after),
        Some(Duration::from_secs(1))
    );
    assert_eq!(waits.recorded().len(), 2);
    assert_eq!(server.requests().len(), 3);
    // A wait beyond max_delay is not waited for: the caller gets it in the error at once.
    server.script(
        &format!("GET /v1.0/users/{HANA}"),
        [throttled().header("Retry-After", "3600")],
    );
    let capped = client.send(&get_hana()).await.err();
    assert_eq!(
        capped.as_ref().and_then(Error::retry_after),
        Some(Duration::from_secs(3600))
    );
    assert_eq!(waits.recorded().len(), 2, "no wait for an hour");
    // Retrying off: the first answer is the caller's.
    server.script(&format!("GET /v1.0/users/{HANA}"), [throttled()]);
    let once = client_with(&server, &waits, RetryPolicy::none())
        .send(&get_hana())
        .await;
    assert!(matches!(once, Err(Error::Graph(_))), "{once:?}");
    // Other statuses are never retried.
    server.script(
        &format!("GET /v1.0/users/{HANA}"),
        [Reply::graph_error(500, "generalException", "Boom.")],
    );
    let failed = client.send(&get_hana()).await.err();
    assert_eq!(
        failed.as_ref().and_then(Error::status).map(|s| s.as_u16()),
        Some(500)
    );
    assert_eq!(waits.recorded().len(), 2);
}

#[tokio::test]
async fn jitter_spreads_a_backoff_between_half_and_all_of_it() {
    let server = GraphServer::start().await;
    let policy = RetryPolicy {
        max_retries: 1,
        initial_delay: Duration::from_secs(8),
        ..RetryPolicy::default()
    };
    assert!(policy.jitter, "on by default");
    let waits = Waits::new();
    let client = client_with(&server, &waits, policy);
    for _ in 0..5 {
        server.script(&format!("GET /v1.0/users/{HANA}"), [Reply::status(503)]);
        client
            .send(&get_hana())
            .await
            .unwrap_or_else(|error| panic!("{error}"));
    }
    let recorded = waits.recorded();
    assert_eq!(recorded.len(), 5);
    for wait in &recorded {
        assert!(
            (Duration::from_secs(4)..=Duration::from_secs(8)).contains(wait),
            "{recorded:?}"
        );
    }
    assert!(
        recorded.iter().any(|wait| *wait != recorded[0]),
        "{recorded:?}"
    );
}

#[tokio::test]
async fn a_streamed_body_is_sent_once_and_a_body_in_memory_again() {
    let server = GraphServer::start().await;
    let waits = Waits::new();
    let client = client(&server, &waits);
    let url = format!("{}/me/drive/root:/notes.txt:/content", server.base_url());
    let put = |body: reqwest::Body| {
        http::Request::put(&url)
            .header("Content-Type", "text/plain")
            .body(body)
            .unwrap_or_else(|error| panic!("{error}"))
    };
    let line = "PUT /v1.0/me/drive/root:/notes.txt:/content";
    server.script(
        line,
        [Reply::status(503), Reply::status(503), Reply::status(201)],
    );
    let chunks: Vec<Result<&'static [u8], std::io::Error>> = vec![Ok(b"streamed")];
    let streamed = client
        .send_http(put(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        ))))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(streamed.status(), 503, "a stream cannot be sent again");
    assert!(waits.recorded().is_empty());
    let in_memory = client
        .send_http(put(reqwest::Body::from("in memory")))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(in_memory.status(), 201);
    let bodies: Vec<Vec<u8>> = server.requests().into_iter().map(|r| r.body).collect();
    assert_eq!(bodies, [&b"streamed"[..], b"in memory", b"in memory"]);
}
