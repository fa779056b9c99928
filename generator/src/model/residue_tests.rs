//! The newer template's residue in api pages, each recovered with a diagnostic: "Do not supply
//! a request body" on pages that send one, an action's example body that is its response type,
//! and `{"value": "String"}` where the prose says "a x object".

use crate::diag::Diagnostic;
use crate::ir::{Operation, TypeRefKind};
use crate::model::operations::resolve_operations;
use crate::model::operations::tests::{facts_of, script_types};
use crate::model::validate::validate_examples;

fn resolve(markdown: &str) -> (Operation, Vec<Diagnostic>) {
    let mut d = Vec::new();
    let facts = vec![facts_of("api/x.md", markdown, &mut d)];
    d.clear();
    let types = script_types(true);
    let mut ops = resolve_operations(&facts, &types, &mut d);
    validate_examples(&types, &mut ops, &mut d);
    let op = ops
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no operation: {d:#?}"));
    (op, d)
}

fn messages<'a>(d: &'a [Diagnostic], code: &str) -> Vec<&'a str> {
    d.iter()
        .filter(|d| d.code == code)
        .map(|d| d.message.as_str())
        .collect()
}

const UPDATE: &str = "# Update deviceManagementScript\n\n## HTTP request\n```http\nPATCH /deviceManagement/deviceManagementScripts/{id}\n```\n\n## Request body\nIn the request body, supply JSON representation of the deviceManagementScript object.\n\nDo not supply a request body for this method.\n\n## Response\nIf successful, this method returns a `200 OK` response code.\n";

#[test]
fn do_not_supply_on_a_page_that_sends_a_body_keeps_the_body() {
    let (op, d) = resolve(UPDATE);
    let body = op.request_body.as_ref().expect("the body is kept");
    assert_eq!(body.type_name(), Some("deviceManagementScript"));
    let said = messages(&d, "request-body-contradicted");
    assert_eq!(said.len(), 1, "{d:#?}");
    assert!(
        said[0].contains("names the body's type `deviceManagementScript`"),
        "{}",
        said[0]
    );
    assert_eq!(
        d.iter()
            .find(|x| x.code == "request-body-contradicted")
            .map(|x| x.span.line),
        Some(11)
    );
    // On a GET, the sentence is right and nothing is said.
    let (op, d) = resolve(
        &UPDATE
            .replace("PATCH /", "GET /")
            .replace("# Update", "# Get"),
    );
    assert_eq!(op.request_body, None);
    assert!(messages(&d, "request-body-contradicted").is_empty());
}

#[test]
fn an_action_example_body_of_its_response_type_is_not_tested_and_said_so() {
    let markdown = "# deviceManagementScript: assign\n\n## HTTP request\n```http\nPOST /deviceManagement/deviceManagementScripts/{id}/assign\n```\n\n## Request body\n|Parameter|Type|Description|\n|:--|:--|:--|\n|count|Int32|Count.|\n\n## Response\nIf successful, this action returns a `200 OK` response code and a [deviceManagementScriptUserState](x.md) object in the response body.\n\n## Example\n```http\nPOST https://graph.microsoft.com/beta/deviceManagement/deviceManagementScripts/1/assign\nContent-Type: application/json\n\n[{\"@odata.type\": \"#microsoft.graph.deviceManagementScriptUserState\", \"errorDeviceCount\": 1}]\n```\n```http\nHTTP/1.1 200 OK\n```\n";
    let (op, d) = resolve(markdown);
    assert!(op
        .request_body
        .as_ref()
        .is_some_and(|b| b.type_name().is_none()));
    let shape = messages(&d, "example-request-shape");
    assert_eq!(shape.len(), 1, "{d:#?}");
    assert!(shape[0].contains("`deviceManagementScriptUserState` object (the operation's response type), not an object of the action's parameters (`count`)"), "{}", shape[0]);
    assert!(!op.examples[0].test.request_body);
    // An object of the parameters is checked as before.
    let (op, d) = resolve(&markdown.replace("[{\"@odata.type\": \"#microsoft.graph.deviceManagementScriptUserState\", \"errorDeviceCount\": 1}]", "{\"count\": 1}"));
    assert!(messages(&d, "example-request-shape").is_empty(), "{d:#?}");
    assert!(op.examples[0].test.request_body);
}

#[test]
fn a_single_value_example_is_the_response_when_no_page_defines_the_prose_type() {
    let markdown = "# deviceManagementScript : isReady\n\n## HTTP request\n```http\nGET /deviceManagement/deviceManagementScripts/{id}/isReady\n```\n\n## Response\nIf successful, this method returns a `200 Ok` response code and a readyState object in the response body.\n\n## Example\n```http\nGET https://graph.microsoft.com/beta/deviceManagement/deviceManagementScripts/{id}/isReady\n```\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"value\": \"String\"}\n```\n";
    let (op, d) = resolve(markdown);
    let response = op.response.as_ref().expect("response");
    assert_eq!(
        (response.type_name(), response.type_kind()),
        (Some("String"), Some(TypeRefKind::Primitive))
    );
    let said = messages(&d, "response-type-mismatch");
    assert!(
        said.len() == 1 && said[0].contains("`readyState`, which no page defines"),
        "{d:#?}"
    );
    assert!(messages(&d, "response-type-unknown").is_empty());
    // A structured type the docs define is kept, and the disagreement said.
    let (op, d) = resolve(&markdown.replace(
        "a readyState object",
        "a [deviceManagementScript](x.md) object",
    ));
    assert_eq!(
        op.response.as_ref().and_then(|r| r.type_name()),
        Some("deviceManagementScript")
    );
    let said = messages(&d, "response-type-mismatch");
    assert!(
        said.iter()
            .any(|m| m.contains("`deviceManagementScript` was kept")),
        "{d:#?}"
    );
}
