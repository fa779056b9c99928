//! Paging, delta and the answers that are not what they should be, end to end against the
//! loopback service answering with the docs' examples (`docs-input/api/user-*.md`).

use docgen_client_tests::{client, GraphServer, Reply, Waits, TOKEN};
use futures_util::{StreamExt, TryStreamExt};
use graph_bindings::operations::{GetUser, ListUsers, UserDelta};
use graph_bindings::runtime::client::{Client, TokenFn};
use graph_bindings::runtime::{Collection, Error};
use graph_bindings::types::User;

const MIREILLE: &str = "3f1a6c2e-8b47-4d0a-9e55-2c7b1d9a4f60";
const TOMAS: &str = "b2d94e71-05c3-4a8f-a6e2-7f18c03d5b94";
const HANA: &str = "c7e03b58-1f2d-4e96-b4a0-93d6e85f2a17";
const RAVI: &str = "e91f4a2b-6d38-47c5-8b0e-15a3c7d9f482";

fn ids(users: &[User]) -> Vec<&str> {
    users.iter().filter_map(|user| user.id.as_deref()).collect()
}

#[tokio::test]
async fn the_service_answers_the_docs_examples() {
    let server = GraphServer::start().await;
    // user-list (2 pages), user-get, user-delta (2 pages and a resumed round), and the
    // device-management scripts' examples.
    assert!(
        server.docs().len() >= 6,
        "{:?}",
        server.docs().requests().collect::<Vec<_>>()
    );
    let user = client(&server, &Waits::new())
        .send(&GetUser {
            id: HANA.to_string(),
            ..GetUser::default()
        })
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(user.display_name.as_deref(), Some("Hana Kobayashi"));
    let sent = &server.requests()[0];
    assert_eq!(sent.target, format!("/v1.0/users/{HANA}"));
    assert_eq!(
        sent.header("authorization"),
        Some(&*format!("Bearer {TOKEN}"))
    );
    assert!(sent
        .header("user-agent")
        .is_some_and(|agent| agent.contains("graph-bindings/")));
    assert!(sent.header("client-request-id").is_some());
}

#[tokio::test]
async fn every_user_as_a_stream_of_items_and_of_pages() {
    let server = GraphServer::start().await;
    let client = client(&server, &Waits::new());
    let users: Vec<User> = client
        .items(&ListUsers::default())
        .try_collect()
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(ids(&users), [MIREILLE, TOMAS, HANA]);
    let pages: Vec<Collection<User>> = client
        .pages(&ListUsers::default())
        .try_collect()
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        pages
            .iter()
            .map(|page| page.value.len())
            .collect::<Vec<_>>(),
        [2, 1]
    );
    // The next link pointed at the loopback service (the docs' own link, rebased).
    let next = pages[0].next_link.as_deref().unwrap_or_default();
    assert!(next.starts_with(&server.base_url()), "{next}");
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets[..2],
        [
            "/v1.0/users".to_string(),
            "/v1.0/users?$skiptoken=RFNwdAIAAQAAACM6TWlyZWlsbGVPQGNvbnRvc28uZXhhbXBsZQ".to_string()
        ]
    );
    // A saved next link resumes where it points.
    let rest: Vec<Collection<User>> = client
        .pages_from_link(next)
        .try_collect()
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(rest.len(), 1);
    assert_eq!(ids(&rest[0].value), [HANA]);
}

#[tokio::test]
async fn a_delta_round_ends_with_its_link_and_resumes_from_it_in_another_client() {
    let server = GraphServer::start().await;
    let first = client(&server, &Waits::new())
        .delta::<_, User>(&UserDelta::default())
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(ids(&first.items), [MIREILLE, TOMAS, HANA]);
    let round_1 = format!(
        "{}/users/delta?$deltatoken=cm91bmQgMSBlbmRzIGhlcmU",
        server.base_url()
    );
    assert_eq!(first.delta_link, round_1);
    // Stored as text, read back by a new client (another process, later).
    let stored = first.delta_link.clone();
    let later = client(&server, &Waits::new());
    let second = later
        .delta_from_link::<User>(&stored)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(ids(&second.items), [TOMAS, MIREILLE, RAVI]);
    let removed = &second.items[1].additional_properties;
    assert_eq!(
        removed.get("@removed"),
        Some(&serde_json::json!({"reason": "changed"}))
    );
    assert!(second
        .delta_link
        .ends_with("$deltatoken=cm91bmQgMiBlbmRzIGhlcmU"));
    // A round whose last page has no delta link is the service breaking the protocol.
    server.script(
        "GET /v1.0/users/delta",
        [Reply::json(200, serde_json::json!({"value": []}))],
    );
    let broken = later.delta::<_, User>(&UserDelta::default()).await;
    assert!(matches!(broken, Err(Error::Protocol(_))), "{broken:?}");
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused_before_anything_is_sent_there() {
    let server = GraphServer::start().await;
    let foreign = GraphServer::start().await;
    let link = format!("{}/v1.0/users?$skiptoken=stolen", foreign.origin());
    server.script(
        "GET /v1.0/users",
        [Reply::json(
            200,
            serde_json::json!({"value": [{"id": MIREILLE}], "@odata.nextLink": link}),
        )],
    );
    let mut pages = client(&server, &Waits::new()).pages::<_, User>(&ListUsers::default());
    let first = pages
        .next()
        .await
        .map(|page| page.map(|page| page.value.len()));
    assert!(matches!(first, Some(Ok(1))), "{first:?}");
    let refused = pages.next().await;
    assert!(
        matches!(&refused, Some(Err(Error::UntrustedNextLink { next_link })) if *next_link == link),
        "{refused:?}"
    );
    assert!(pages.next().await.is_none());
    assert!(foreign.requests().is_empty(), "the foreign host was asked");
    // A saved link to it is refused the same way.
    let client = client(&server, &Waits::new());
    let saved = client.delta_from_link::<User>(&link).await;
    assert!(
        matches!(saved, Err(Error::UntrustedNextLink { .. })),
        "{saved:?}"
    );
    assert!(foreign.requests().is_empty());
}

#[tokio::test]
async fn a_body_cut_off_mid_stream_is_a_transport_error() {
    let server = GraphServer::start().await;
    let whole = serde_json::json!({"id": HANA, "displayName": "Hana Kobayashi"}).to_string();
    server.script(
        &format!("GET /v1.0/users/{HANA}"),
        [Reply::text(200, "application/json", &whole).cut_off_after(12)],
    );
    let cut = client(&server, &Waits::new())
        .send(&GetUser {
            id: HANA.to_string(),
            ..GetUser::default()
        })
        .await;
    assert!(matches!(cut, Err(Error::Transport(_))), "{cut:?}");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_and_graph_errors_are_typed() {
    let server = GraphServer::start().await;
    let get = GetUser {
        id: HANA.to_string(),
        ..GetUser::default()
    };
    server.script(
        &format!("GET /v1.0/users/{HANA}"),
        [
            Reply::text(200, "application/json", "{\"id\": \"c7e0"),
            Reply::graph_error(
                403,
                "Authorization_RequestDenied",
                "Insufficient privileges.",
            ),
            Reply::text(502, "text/html", "<html>bad gateway</html>"),
        ],
    );
    let client = client(&server, &Waits::new());
    let malformed = client.send(&get).await;
    assert!(matches!(malformed, Err(Error::Json(_))), "{malformed:?}");
    let denied = client.send(&get).await.err();
    let denied = denied.as_ref();
    assert_eq!(
        denied.and_then(Error::status).map(|s| s.as_u16()),
        Some(403)
    );
    assert_eq!(
        denied.and_then(Error::code),
        Some("Authorization_RequestDenied")
    );
    let request_id = denied
        .and_then(Error::inner_error)
        .and_then(|e| e.request_id.as_deref());
    assert_eq!(request_id, Some("loopback-Authorization_RequestDenied"));
    let gateway = client.send(&get).await;
    assert!(
        matches!(&gateway, Err(Error::UnexpectedStatus { status, .. }) if status.as_u16() == 502),
        "{gateway:?}"
    );
    // A gzipped answer is read as the plain one.
    server.script(
        &format!("GET /v1.0/users/{HANA}"),
        [Reply::json(200, serde_json::json!({"id": HANA, "surname": "Kobayashi"})).gzipped()],
    );
    let user = client
        .send(&get)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(user.surname.as_deref(), Some("Kobayashi"));
}

#[tokio::test]
async fn tokens_come_from_the_provider_each_call_and_its_failure_is_an_auth_error() {
    let server = GraphServer::start().await;
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = calls.clone();
    let client = Client::builder()
        .base_url(server.base_url())
        .token(TokenFn::new(move || {
            let call = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            async move {
                if call == 0 {
                    Ok(format!("token-{call}"))
                } else {
                    Err(std::io::Error::other("the credential expired"))
                }
            }
        }))
        .build()
        .unwrap_or_else(|error| panic!("{error}"));
    let get = GetUser {
        id: HANA.to_string(),
        ..GetUser::default()
    };
    client
        .send(&get)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        server.requests()[0].header("authorization"),
        Some("Bearer token-0")
    );
    let failed = client.send(&get).await;
    assert!(
        matches!(&failed, Err(Error::Auth(e)) if e.to_string().contains("expired")),
        "{failed:?}"
    );
    assert_eq!(
        server.requests().len(),
        1,
        "nothing is sent without a token"
    );
}
