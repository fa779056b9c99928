//! The README's "The generated crate" example, compiled against `generated/` (from docs-input)
//! and run against a fake service; the README shows the text between the `README` markers.

use serde_json::json;

// README begin
use graph_bindings::operations::{ListDeviceShellScripts, UpdateDeviceShellScript};
use graph_bindings::runtime::{Collection, Error, Operation, Patch};
use graph_bindings::types::{DeviceShellScript, DeviceShellScriptUpdate};

// `send` is yours: add `Authorization: Bearer <token>`, send the request with any HTTP client
// (reqwest, ureq, hyper, ...), return the answer as an `http::Response<Vec<u8>>`.

/// Every script, page by page.
fn all_scripts() -> Result<Vec<DeviceShellScript>, Error> {
    let request = ListDeviceShellScripts::default().to_request()?;
    let mut page = ListDeviceShellScripts::parse_response(send(request))?;
    let mut scripts = std::mem::take(&mut page.value);
    // Follows `@odata.nextLink` only to https://graph.microsoft.com (else `Err`).
    while let Some(next) = page.next_request() {
        page = Collection::parse_response(send(next?))?;
        scripts.append(&mut page.value);
    }
    Ok(scripts)
}

/// Renames a script and clears its description; other properties stay as they are.
fn rename(id: &str, name: &str) -> Result<DeviceShellScript, Error> {
    let body = DeviceShellScriptUpdate {
        display_name: Patch::Set(name.to_string()),
        description: Patch::Clear, // sent as `null`
        ..Default::default()       // `Patch::Unchanged`: not sent
    };
    let update = UpdateDeviceShellScript {
        device_shell_script_id: id.to_string(),
        body,
        ..Default::default()
    };
    UpdateDeviceShellScript::parse_response(send(update.to_request()?))
}

/// An advanced query: every collection GET has typed OData options (`$select`, `$expand`,
/// `$filter`, `$orderby`, `$top`, `$skip`, `$count`, `$search`), listed by its page or not.
fn nightly_scripts() -> Result<Collection<DeviceShellScript>, Error> {
    let query = ListDeviceShellScripts {
        select: vec!["id".into(), "displayName".into()], // `$select=id,displayName`
        filter: Some("startswith(displayName,'Nightly')".into()),
        orderby: vec!["displayName desc".into()],
        top: Some(5),
        // On directory objects `$count` and `$search` also need `ConsistencyLevel: eventual`.
        count: Some(true),
        ..Default::default()
    };
    ListDeviceShellScripts::parse_response(send(query.to_request()?))
}

/// When to retry, or what to report: the status, Graph's code, the request id for support.
fn explain(error: &Error) -> String {
    if error.is_retryable() {
        let wait = error.retry_after().map_or(5, |wait| wait.as_secs());
        return format!("retry in {wait}s");
    }
    let inner = error.inner_error();
    let request_id = inner.and_then(|inner| inner.request_id.as_deref());
    format!("{:?} {:?} {request_id:?}", error.status(), error.code())
}
// README end

const SCRIPTS: &str = "https://graph.microsoft.com/v1.0/deviceManagement/deviceShellScripts";
const NIGHTLY: &str = "https://graph.microsoft.com/v1.0/deviceManagement/deviceShellScripts\
    ?$select=id,displayName&$filter=startswith(displayName,'Nightly')&$orderby=displayName%20desc\
    &$top=5&$count=true";
const PAGE_2: &str =
    "https://graph.microsoft.com/v1.0/deviceManagement/deviceShellScripts?$skiptoken=2";

/// The fake service: two pages of scripts, an update of script 42, throttling for `busy`, and
/// Graph's not-found error for anything else.
fn send(request: http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
    let uri = request.uri().to_string();
    let update_of = |id: &str| format!("{SCRIPTS}/{id}");
    let (status, retry_after, body) = match (request.method().as_str(), uri.as_str()) {
        ("GET", SCRIPTS) => (
            200,
            None,
            json!({"value": [{"id": "1"}, {"id": "2"}], "@odata.nextLink": PAGE_2}),
        ),
        ("GET", PAGE_2) => (200, None, json!({"value": [{"id": "3"}]})),
        ("GET", NIGHTLY) => (
            200,
            None,
            json!({"@odata.count": 1, "value": [{"id": "7", "displayName": "Nightly cleanup"}]}),
        ),
        ("PATCH", uri) if uri == update_of("42") => {
            let sent: serde_json::Value =
                serde_json::from_slice(request.body()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                sent,
                json!({"displayName": "Nightly cleanup", "description": null})
            );
            (
                200,
                None,
                json!({"id": "42", "displayName": "Nightly cleanup"}),
            )
        }
        ("PATCH", uri) if uri == update_of("busy") => (
            429,
            Some("3"),
            json!({"error": {"code": "TooManyRequests", "message": "slow down"}}),
        ),
        _ => (
            404,
            None,
            json!({"error": {"code": "Request_ResourceNotFound", "message": "gone",
                             "innerError": {"request-id": "r-9", "date": "2024-05-01T10:00:00"}}}),
        ),
    };
    let mut response = http::Response::builder().status(status);
    if let Some(seconds) = retry_after {
        response = response.header(http::header::RETRY_AFTER, seconds);
    }
    response
        .body(body.to_string().into_bytes())
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_readme_example_pages_patches_and_explains_errors() {
    let ids: Vec<_> = all_scripts()
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|script| script.id.unwrap_or_default())
        .collect();
    assert_eq!(ids, ["1", "2", "3"]);

    // The fake service answers only the exact URL `NIGHTLY`: the options' wire text.
    let nightly = nightly_scripts().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(nightly.count, Some(1));
    assert_eq!(nightly.value.len(), 1);
    assert_eq!(nightly.value[0].id.as_deref(), Some("7"));

    let renamed = rename("42", "Nightly cleanup").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(renamed.display_name.as_deref(), Some("Nightly cleanup"));

    let throttled = rename("busy", "x").err().map(|e| explain(&e));
    assert_eq!(throttled.as_deref(), Some("retry in 3s"));
    let missing = rename("missing", "x").err().map(|e| explain(&e));
    assert_eq!(
        missing.as_deref(),
        Some(r#"Some(404) Some("Request_ResourceNotFound") Some("r-9")"#)
    );
}

/// The README shows this file's example as it is, so its names are real and it compiles.
#[test]
fn the_readme_shows_the_compiled_example() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let readme = std::fs::read_to_string(format!("{root}/README.md"))
        .unwrap_or_else(|e| panic!("README.md: {e}"));
    let this = std::fs::read_to_string(format!("{root}/tests/tests/usage.rs"))
        .unwrap_or_else(|e| panic!("usage.rs: {e}"));
    let example = this
        .split_once("// README begin\n")
        .and_then(|(_, rest)| rest.split_once("// README end\n"))
        .map(|(example, _)| example)
        .unwrap_or_else(|| panic!("usage.rs has no README markers"));
    let section = readme
        .split_once("\n## The generated crate\n")
        .map(|(_, rest)| rest)
        .unwrap_or_else(|| panic!("README.md has no `## The generated crate` section"));
    let block = section
        .split_once("```rust\n")
        .and_then(|(_, rest)| rest.split_once("```\n"))
        .map(|(block, _)| block)
        .unwrap_or_else(|| panic!("the section has no rust block"));
    assert_eq!(
        block, example,
        "README.md's example differs from tests/tests/usage.rs"
    );
}
