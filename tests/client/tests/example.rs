//! Runs the `list_users` example program against a loopback service this test starts, and
//! reads its output: users on stdout, a progress line per page on stderr.

use std::path::PathBuf;
use std::process::{Command, Output};

use docgen_client_tests::{GraphServer, TOKEN};

/// `target/<profile>/examples/list_users`, built first when this test was built alone
/// (`cargo test --workspace` builds the examples; `--test example` does not).
fn example_program() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_else(|error| panic!("{error}"));
    // target/<profile>/deps/example-<hash>
    let profile = exe
        .parent()
        .and_then(|deps| deps.parent())
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("{} is not in target/<profile>/deps", exe.display()));
    let program = profile
        .join("examples")
        .join(format!("list_users{}", std::env::consts::EXE_SUFFIX));
    let stale = |program: &PathBuf| {
        let modified = |path: &PathBuf| std::fs::metadata(path).and_then(|m| m.modified()).ok();
        modified(program) < modified(&exe)
    };
    if stale(&program) {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let mut build = Command::new(cargo);
        build.args([
            "build",
            "--quiet",
            "-p",
            "docgen-client-tests",
            "--example",
            "list_users",
        ]);
        if profile.ends_with("release") {
            build.arg("--release");
        }
        let status = build
            .status()
            .unwrap_or_else(|error| panic!("cargo build: {error}"));
        assert!(status.success(), "building the example failed");
    }
    program
}

fn run(program: PathBuf, args: Vec<String>) -> Output {
    Command::new(&program)
        .args(args)
        .env("GRAPH_TOKEN", TOKEN)
        .output()
        .unwrap_or_else(|error| panic!("{}: {error}", program.display()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_users_lists_every_user_page_by_page_with_progress_on_stderr() {
    let program = tokio::task::spawn_blocking(example_program)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let server = GraphServer::start().await;
    let output = tokio::task::spawn_blocking({
        let program = program.clone();
        let base_url = server.base_url();
        move || run(program, vec![base_url])
    })
    .await
    .unwrap_or_else(|error| panic!("{error}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "Mireille Okafor\tMireilleO@contoso.example",
            "Tomás Ferreira\tTomasF@contoso.example",
            "Hana Kobayashi\tHanaK@contoso.example",
        ]
    );
    let progress: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        progress,
        [
            "page 1: 2 users (2 so far, more to come)".to_string(),
            "page 2: 1 users (3 so far)".to_string(),
            format!("3 users in 2 pages from {}", server.base_url()),
        ]
    );
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    assert!(sent
        .iter()
        .all(|r| r.header("authorization") == Some("Bearer loopback-token")));
    // Without an address, it starts the loopback service itself.
    let alone = tokio::task::spawn_blocking(move || run(program, Vec::new()))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(
        alone.status.success(),
        "{}",
        String::from_utf8_lossy(&alone.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&alone.stdout).lines().count(), 3);
}
