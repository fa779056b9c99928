//! `$batch` end to end: split beyond 20, answers read back by id (the service answers in
//! reverse order), a failing member as its own typed error, `dependsOn` and 424.

use docgen_client_tests::{client, GraphServer, Reply, Waits};
use graph_bindings::operations::{GetUser, ListUsers};
use graph_bindings::runtime::client::MAX_BATCH_REQUESTS;
use graph_bindings::runtime::Error;

const MIREILLE: &str = "3f1a6c2e-8b47-4d0a-9e55-2c7b1d9a4f60";
const HANA: &str = "c7e03b58-1f2d-4e96-b4a0-93d6e85f2a17";

fn get(id: &str) -> GetUser {
    GetUser {
        id: id.to_string(),
        ..GetUser::default()
    }
}

#[tokio::test]
async fn many_requests_go_in_batches_of_twenty_and_come_back_in_order() {
    let server = GraphServer::start().await;
    // 25 requests: Hana (a docs example) and users no example answers (404), alternating.
    let operations: Vec<GetUser> = (0..25)
        .map(|i| {
            if i % 2 == 0 {
                get(HANA)
            } else {
                get(&format!("missing-{i}"))
            }
        })
        .collect();
    let results = client(&server, &Waits::new())
        .send_all(&operations)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(results.len(), 25);
    for (i, result) in results.iter().enumerate() {
        if i % 2 == 0 {
            let name = result
                .as_ref()
                .ok()
                .and_then(|user| user.display_name.as_deref());
            assert_eq!(name, Some("Hana Kobayashi"), "request {i}");
        } else {
            let error = result.as_ref().err();
            assert_eq!(
                error.and_then(Error::status).map(|s| s.as_u16()),
                Some(404),
                "{i}"
            );
            assert_eq!(
                error.and_then(Error::code),
                Some("Request_ResourceNotFound")
            );
            let message = error.and_then(Error::message).unwrap_or_default();
            assert!(message.contains(&format!("missing-{i}")), "{message}");
        }
    }
    let sent = server.requests();
    let envelopes: Vec<_> = sent.iter().filter(|r| !r.in_batch).collect();
    assert_eq!(envelopes.len(), 2);
    assert!(envelopes
        .iter()
        .all(|r| r.method == "POST" && r.target == "/v1.0/$batch"));
    let sizes: Vec<usize> = envelopes
        .iter()
        .map(|r| {
            let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap_or_default();
            body["requests"].as_array().map_or(0, Vec::len)
        })
        .collect();
    assert_eq!(sizes, [MAX_BATCH_REQUESTS, 5]);
    assert_eq!(sent.iter().filter(|r| r.in_batch).count(), 25);
}

#[tokio::test]
async fn a_dependent_request_runs_after_its_dependency_and_fails_with_it() {
    let server = GraphServer::start().await;
    let client = client(&server, &Waits::new());
    let mut batch = client.batch();
    let list = batch
        .add(&ListUsers::default())
        .unwrap_or_else(|error| panic!("{error}"));
    let hana = batch
        .add_after(&get(HANA), &[list.id()])
        .unwrap_or_else(|error| panic!("{error}"));
    let missing = batch
        .add(&get("nobody"))
        .unwrap_or_else(|error| panic!("{error}"));
    let after_missing = batch
        .add_after(&get(MIREILLE), &[missing.id()])
        .unwrap_or_else(|error| panic!("{error}"));
    let mut answers = batch.send().await.unwrap_or_else(|error| panic!("{error}"));
    let page = answers.take(list).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(page.value.len(), 2);
    assert!(page.next_link.is_some());
    let user = answers.take(hana).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(user.id.as_deref(), Some(HANA));
    let missing = answers.take(missing).err();
    assert_eq!(
        missing.as_ref().and_then(Error::status).map(|s| s.as_u16()),
        Some(404)
    );
    let skipped = answers.take(after_missing).err();
    assert_eq!(
        skipped.as_ref().and_then(Error::status).map(|s| s.as_u16()),
        Some(424)
    );
    let envelope: serde_json::Value = server
        .requests()
        .iter()
        .find(|r| !r.in_batch)
        .map(|r| serde_json::from_slice(&r.body).unwrap_or_default())
        .unwrap_or_default();
    assert_eq!(
        envelope["requests"][1]["dependsOn"],
        serde_json::json!(["1"])
    );
    assert_eq!(envelope["requests"][1]["url"], format!("/users/{HANA}"));
    // The member the failed dependency skipped never reached the service.
    let members: Vec<String> = server
        .requests()
        .into_iter()
        .filter(|r| r.in_batch)
        .map(|r| r.target)
        .collect();
    assert!(
        !members.contains(&format!("/v1.0/users/{MIREILLE}")),
        "{members:?}"
    );
}

#[tokio::test]
async fn a_batch_that_fails_whole_is_the_outer_error_and_is_retried_when_throttled() {
    let server = GraphServer::start().await;
    server.script(
        "POST /v1.0/$batch",
        [
            Reply::graph_error(429, "TooManyRequests", "Slow down.").header("Retry-After", "2"),
            Reply::graph_error(400, "BadRequest", "Invalid batch payload."),
        ],
    );
    let waits = Waits::new();
    let client = client(&server, &waits);
    let failed = client.send_all(&[get(HANA)]).await.err();
    assert_eq!(
        failed.as_ref().and_then(Error::status).map(|s| s.as_u16()),
        Some(400)
    );
    assert_eq!(waits.recorded(), [std::time::Duration::from_secs(2)]);
    // More requests joined by dependsOn than one batch holds cannot be sent.
    let mut batch = client.batch();
    let mut last = batch
        .add(&get(HANA))
        .unwrap_or_else(|error| panic!("{error}"))
        .id();
    let mut refused = None;
    for _ in 0..MAX_BATCH_REQUESTS {
        match batch.add_after(&get(HANA), &[last]) {
            Ok(handle) => last = handle.id(),
            Err(error) => refused = Some(error),
        }
    }
    assert!(matches!(refused, Some(Error::Protocol(_))), "{refused:?}");
}
