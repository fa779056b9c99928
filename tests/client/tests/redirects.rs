//! Redirects end to end: a download's redirect to another host is followed without the
//! token; one on the service's own host keeps it; `max_redirects(0)` hands it over.

use docgen_client_tests::{client, GraphServer, Reply, Waits, TOKEN};
use graph_bindings::runtime::client::{Client, StaticToken};

#[tokio::test]
async fn a_download_redirect_to_another_host_loses_the_token() {
    let server = GraphServer::start().await;
    let storage = GraphServer::start().await;
    let content_url = format!("{}/download/report.csv?tempauth=signed", storage.origin());
    server.script(
        "GET /v1.0/me/drive/items/01ABC/content",
        [Reply::status(302).header("Location", &content_url)],
    );
    storage.script(
        "GET /download/report.csv?tempauth=signed",
        [Reply::text(200, "text/csv", "user,sign-ins\nhana,3\n")],
    );
    let request = http::Request::get(format!(
        "{}/me/drive/items/01ABC/content",
        server.base_url()
    ))
    .body(Vec::new())
    .unwrap_or_else(|error| panic!("{error}"));
    let answer = client(&server, &Waits::new())
        .send_http(request)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.body(), b"user,sign-ins\nhana,3\n");
    let asked = server.requests();
    assert_eq!(
        asked[0].header("authorization"),
        Some(&*format!("Bearer {TOKEN}"))
    );
    let fetched = storage.requests();
    assert_eq!(fetched.len(), 1);
    assert_eq!(fetched[0].target, "/download/report.csv?tempauth=signed");
    assert_eq!(
        fetched[0].header("authorization"),
        None,
        "the token went to another host"
    );
    // The same call, as the service and the storage saw it.
    assert_eq!(
        fetched[0].header("client-request-id"),
        asked[0].header("client-request-id")
    );
}

#[tokio::test]
async fn a_redirect_on_the_service_host_keeps_the_token_and_none_are_followed_when_told() {
    let server = GraphServer::start().await;
    let moved = format!(
        "{}/v1.0/users/c7e03b58-1f2d-4e96-b4a0-93d6e85f2a17",
        server.origin()
    );
    server.script(
        "GET /v1.0/me",
        [Reply::status(307).header("Location", &moved)],
    );
    let request = || {
        http::Request::get(format!("{}/me", server.base_url()))
            .body(Vec::new())
            .unwrap_or_else(|error| panic!("{error}"))
    };
    let answer = client(&server, &Waits::new())
        .send_http(request())
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(answer.status(), 200);
    let asked = server.requests();
    assert_eq!(asked.len(), 2);
    assert_eq!(
        asked[1].header("authorization"),
        Some(&*format!("Bearer {TOKEN}"))
    );
    server.script(
        "GET /v1.0/me",
        [Reply::status(302).header("Location", &moved)],
    );
    let handed_over = Client::builder()
        .base_url(server.base_url())
        .token(StaticToken::new(TOKEN))
        .max_redirects(0)
        .build()
        .unwrap_or_else(|error| panic!("{error}"))
        .send_http(request())
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(handed_over.status(), 302);
    assert_eq!(
        handed_over
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok()),
        Some(&*moved)
    );
    assert_eq!(server.requests().len(), 3);
}
