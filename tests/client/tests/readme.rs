//! The README's client example (section "The client"), compiled against `generated/` with the
//! feature `client` and run against the loopback service; the README shows the text between
//! the `README` markers.

use docgen_client_tests::{GraphServer, TOKEN};

// README begin
use futures_util::TryStreamExt;
use graph_bindings::operations::{ListUsers, UserDelta};
use graph_bindings::runtime::client::{Client, Delta, StaticToken};
use graph_bindings::runtime::Error;
use graph_bindings::types::User;

/// A client with retries, redirects and gzip as the defaults set them
/// (`Client::new(token)` for https://graph.microsoft.com/v1.0).
fn connect(service_root: &str, token: &str) -> Result<Client, Error> {
    let token = StaticToken::new(token);
    Client::builder()
        .base_url(service_root)
        .token(token)
        .build()
}

/// List every user.
async fn every_user(client: &Client) -> Result<Vec<User>, Error> {
    client.items(&ListUsers::default()).try_collect().await
}

/// Resume a delta query: the changes since the link the last round ended with (all users the
/// first time); store the new round's `delta_link` for the next call, in any process.
async fn changes(client: &Client, saved: Option<&str>) -> Result<Delta<User>, Error> {
    match saved {
        Some(delta_link) => client.delta_from_link(delta_link).await,
        None => client.delta(&UserDelta::default()).await,
    }
}
// README end

#[tokio::test]
async fn the_readme_example_lists_users_and_resumes_a_delta_query() {
    let server = GraphServer::start().await;
    let client = connect(&server.base_url(), TOKEN).unwrap_or_else(|error| panic!("{error}"));
    let users = every_user(&client)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let names: Vec<_> = users
        .iter()
        .filter_map(|u| u.display_name.as_deref())
        .collect();
    assert_eq!(
        names,
        ["Mireille Okafor", "Tomás Ferreira", "Hana Kobayashi"]
    );
    let first = changes(&client, None)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(first.items.len(), 3);
    let stored: String = first.delta_link;
    let next = changes(&client, Some(&stored))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(next.items.len(), 3);
    assert!(next
        .delta_link
        .ends_with("$deltatoken=cm91bmQgMiBlbmRzIGhlcmU"));
    assert_ne!(next.delta_link, stored);
}

/// The README shows this file's example as it is, so its names are real and it compiles.
#[test]
fn the_readme_shows_the_compiled_example() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let readme = std::fs::read_to_string(format!("{root}/README.md"))
        .unwrap_or_else(|error| panic!("README.md: {error}"));
    let this = std::fs::read_to_string(format!("{root}/tests/client/tests/readme.rs"))
        .unwrap_or_else(|error| panic!("readme.rs: {error}"));
    let example = this
        .split_once("// README begin\n")
        .and_then(|(_, rest)| rest.split_once("// README end\n"))
        .map(|(example, _)| example)
        .unwrap_or_else(|| panic!("readme.rs has no README markers"));
    let block = readme
        .split_once("\n### The client (feature `client`)\n")
        .and_then(|(_, rest)| rest.split_once("```rust\n"))
        .and_then(|(_, rest)| rest.split_once("```\n"))
        .map(|(block, _)| block)
        .unwrap_or_else(|| panic!("README.md has no rust block under `### The client`"));
    assert_eq!(
        block, example,
        "README.md's client example differs from readme.rs"
    );
}
