//! Lists every user, page by page, with the generated crate's client (feature `client`).
//!
//! `cargo run -p docgen-client-tests --example list_users [SERVICE_ROOT]`: without a service
//! root it starts the loopback Graph service (the docs' examples) and asks it; with one (say
//! `http://127.0.0.1:8080/v1.0`) it asks that, with the token in `GRAPH_TOKEN`. Users go to
//! stdout, one a line; a progress line per page goes to stderr.

use futures_util::StreamExt;
use graph_bindings::operations::ListUsers;
use graph_bindings::runtime::client::{Client, StaticToken};

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // Kept alive until the end of main when it is ours.
    let mut loopback = None;
    let base_url = match std::env::args().nth(1) {
        Some(url) => url,
        None => {
            let server = docgen_client_tests::GraphServer::start().await;
            let url = server.base_url();
            loopback = Some(server);
            url
        }
    };
    let token = std::env::var("GRAPH_TOKEN").unwrap_or_else(|_| "loopback-token".to_string());
    let client = match Client::builder()
        .base_url(&base_url)
        .token(StaticToken::new(token))
        .build()
    {
        Ok(client) => client,
        Err(error) => {
            eprintln!("list_users: {error}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let mut pages = client.pages(&ListUsers::default());
    let (mut page_number, mut users) = (0, 0);
    while let Some(page) = pages.next().await {
        let page = match page {
            Ok(page) => page,
            Err(error) => {
                eprintln!("list_users: page {}: {error}", page_number + 1);
                return std::process::ExitCode::FAILURE;
            }
        };
        page_number += 1;
        users += page.value.len();
        for user in &page.value {
            let name = user.display_name.as_deref().unwrap_or("(no name)");
            let principal = user.user_principal_name.as_deref().unwrap_or("-");
            println!("{name}\t{principal}");
        }
        let more = if page.next_link.is_some() {
            ", more to come"
        } else {
            ""
        };
        eprintln!(
            "page {page_number}: {} users ({users} so far{more})",
            page.value.len()
        );
    }
    eprintln!("{users} users in {page_number} pages from {base_url}");
    drop(loopback);
    std::process::ExitCode::SUCCESS
}
