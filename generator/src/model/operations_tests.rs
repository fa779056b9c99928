use super::*;
use crate::facts::api::read_api;
use crate::facts::page::PageHeader;
use crate::facts::testpage::page;
use crate::ir::{PageKind, TypeKind, TypeRefKind};
use crate::model::lookup::tests::{def, entity_base, linked, prop};

pub fn facts_of(path: &str, markdown: &str, diagnostics: &mut Vec<Diagnostic>) -> PageFacts {
    let page = page(path, markdown);
    let header = PageHeader {
        path: path.to_string(),
        kind: PageKind::Api,
        workload: "intune".into(),
        ..PageHeader::default()
    };
    let api = read_api(&page, &header, diagnostics);
    PageFacts {
        page: header,
        api,
        ..PageFacts::default()
    }
}

pub fn script_types(with_relationship: bool) -> TypeIndex {
    let mut script = def(
        "deviceManagementScript",
        TypeKind::Entity,
        Some("entity"),
        vec![prop("displayName", "String", TypeRefKind::Primitive, false)],
    );
    if with_relationship {
        let mut nav = prop(
            "userRunStates",
            "deviceManagementScriptUserState",
            TypeRefKind::Entity,
            true,
        );
        nav.navigation = true;
        if let Some(body) = script.structure_mut() {
            body.properties.push(nav);
        }
    }
    linked(vec![
        entity_base(),
        script,
        def(
            "deviceManagementScriptUserState",
            TypeKind::Entity,
            Some("entity"),
            vec![
                prop("errorDeviceCount", "Int32", TypeRefKind::Primitive, false),
                prop("successDeviceCount", "Int32", TypeRefKind::Primitive, false),
                prop("userPrincipalName", "String", TypeRefKind::Primitive, false),
            ],
        ),
    ])
}

pub const GET_SCRIPT: &str = r##"# Get deviceManagementScript

Read properties of the [deviceManagementScript](../resources/intune-shared-devicemanagementscript.md) object.

## HTTP Request
```http
GET /deviceManagement/deviceManagementScripts/{deviceManagementScriptId}
```

## Response
If successful, this method returns a `200 OK` response code and [deviceManagementScript](../resources/intune-shared-devicemanagementscript.md) object in the response body.

## Example
### Request
```http
GET https://graph.microsoft.com/beta/deviceManagement/deviceManagementScripts/7f1a
```
### Response
```http
HTTP/1.1 200 OK
Content-Type: application/json

{"@odata.type": "#microsoft.graph.deviceManagementScript", "id": "7f1a", "displayName": "x"}
```
"##;

fn seed_like() -> &'static str {
    crate::facts::api::tests::SEED_LIKE
}

fn codes(d: &[Diagnostic]) -> Vec<&str> {
    let mut codes: Vec<&str> = d.iter().map(|d| d.code.as_str()).collect();
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn seed_path_is_inferred_from_the_relationship_and_the_owner_page() {
    let mut d = Vec::new();
    let facts = vec![
        facts_of("api/a-get.md", GET_SCRIPT, &mut d),
        facts_of("api/seed.md", seed_like(), &mut d),
    ];
    d.clear();
    let ops = resolve_operations(&facts, &script_types(true), &mut d);
    let op = ops
        .iter()
        .find(|o| o.name == "updateUserRunStates")
        .expect("seed operation");
    assert_eq!(op.method.as_str(), "PATCH");
    assert_eq!(
        op.path_texts().collect::<Vec<_>>(),
        vec!["/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/userRunStates/{deviceManagementScriptUserStateId}"]
    );
    let inferred = op.inferred_path.as_ref().expect("inferred");
    assert!(
        inferred.reason.contains("userRunStates")
            && inferred.reason.contains("deviceManagementScript")
    );
    let note = d
        .iter()
        .find(|d| d.code == "path-inferred")
        .expect("path-inferred note");
    assert_eq!(note.span.file, "api/seed.md");
    assert_eq!(note.related.len(), 2);
    assert_eq!(
        op.request_body.as_ref().and_then(|b| b.type_name()),
        Some("deviceManagementScriptUserState")
    );
    let response = op.response.as_ref().expect("response");
    assert_eq!(
        (response.status, response.type_name(), response.collection()),
        (200, Some("deviceManagementScriptUserState"), false)
    );
    assert_eq!(op.group, "deviceManagementScriptUserState");
    assert_eq!(op.examples.len(), 1);
    assert_eq!(op.examples[0].request.matched_template, None);
}

#[test]
fn seed_is_dropped_without_the_owner_page_or_the_relationship() {
    let mut d = Vec::new();
    let facts = vec![facts_of("api/seed.md", seed_like(), &mut d)];
    d.clear();
    let ops = resolve_operations(&facts, &script_types(true), &mut d);
    assert!(ops.is_empty());
    assert_eq!(codes(&d), vec!["operation-dropped"]);
    assert!(
        d[0].message.contains("deviceManagementScriptUserState"),
        "{}",
        d[0].message
    );

    let facts = vec![
        facts_of("api/a-get.md", GET_SCRIPT, &mut d),
        facts_of("api/seed.md", seed_like(), &mut d),
    ];
    d.clear();
    let ops = resolve_operations(&facts, &script_types(false), &mut d);
    assert_eq!(ops.len(), 1);
    assert_eq!(codes(&d), vec!["operation-dropped"]);
}

#[test]
fn documented_operation_resolves_types_and_matches_examples() {
    let mut d = Vec::new();
    let facts = vec![facts_of("api/a-get.md", GET_SCRIPT, &mut d)];
    assert!(d.is_empty(), "{d:?}");
    let ops = resolve_operations(&facts, &script_types(true), &mut d);
    assert!(d.is_empty(), "{d:?}");
    let op = &ops[0];
    assert_eq!(op.name, "getDeviceManagementScript");
    assert_eq!(op.group, "deviceManagementScript");
    assert_eq!(op.request_body, None);
    let example = &op.examples[0].request;
    assert_eq!(example.matched_template, Some(0));
    assert_eq!(
        example
            .path_values
            .get("deviceManagementScriptId")
            .map(String::as_str),
        Some("7f1a")
    );
}

#[test]
fn example_paths_in_another_case_match_and_are_reported() {
    let markdown = GET_SCRIPT.replace(
        "beta/deviceManagement/deviceManagementScripts/7f1a",
        "beta/devicemanagement/deviceManagementScripts/7f1a",
    );
    let mut d = Vec::new();
    let facts = vec![facts_of("api/a-get.md", &markdown, &mut d)];
    let ops = resolve_operations(&facts, &script_types(true), &mut d);
    assert_eq!(ops[0].examples[0].request.matched_template, Some(0));
    assert_eq!(codes(&d), vec!["example-path-case"]);
    let message = &d[0].message;
    assert!(
        message.contains("`devicemanagement` for `deviceManagement`"),
        "{message}"
    );
    assert_eq!(d[0].related.len(), 1, "the request syntax is named too");
}

#[test]
fn response_claims_that_disagree_are_reported() {
    let markdown = GET_SCRIPT.replace(
        "#microsoft.graph.deviceManagementScript\"",
        "#microsoft.graph.deviceManagementScriptUserState\"",
    );
    let mut d = Vec::new();
    let facts = vec![facts_of("api/a-get.md", &markdown, &mut d)];
    let ops = resolve_operations(&facts, &script_types(true), &mut d);
    assert_eq!(codes(&d), vec!["response-type-mismatch"]);
    assert_eq!(
        ops[0].response.as_ref().and_then(|r| r.type_name()),
        Some("deviceManagementScript")
    );
}

#[test]
fn annotation_type_wins_and_collection_follows_it() {
    let markdown = r#"# List things

## HTTP request
```http
GET /deviceManagement/deviceManagementScripts
```

## Response
If successful, this method returns a `200 OK` response code and a collection of [deviceManagementScript](x.md) objects in the response body.

## Example
<!-- { "blockType": "request", "name": "list" } -->
```http
GET https://graph.microsoft.com/v1.0/deviceManagement/deviceManagementScripts
```
<!-- { "blockType": "response", "@odata.type": "microsoft.graph.deviceManagementScript", "isCollection": true } -->
```http
HTTP/1.1 200 OK
```
"#;
    let mut d = Vec::new();
    let facts = vec![facts_of("api/list.md", markdown, &mut d)];
    let ops = resolve_operations(&facts, &script_types(true), &mut d);
    assert!(d.is_empty(), "{d:?}");
    let response = ops[0].response.as_ref().expect("response");
    assert!(response.collection());
    assert_eq!(ops[0].examples[0].name.as_deref(), Some("list"));
}

#[test]
fn action_body_is_parameters_and_query_options_are_listed() {
    let markdown = r#"# assign action

Assign a [deviceManagementScript](x.md).

## HTTP request
```http
POST /deviceManagement/deviceManagementScripts/{id}/assign
```

## Optional query parameters
This method supports the `$select` query parameter.

## Request headers
|Header|Value|
|:--|:--|
|Authorization|Bearer token. Required.|

## Request body
|Parameter|Type|Description|
|:--|:--|:--|
|assignments|[deviceManagementScriptUserState](x.md) collection|Things.|
|count|Int32|Count.|

## Response
If successful, this action returns a `204 No Content` response code.
"#;
    let mut d = Vec::new();
    let facts = vec![facts_of("api/assign.md", markdown, &mut d)];
    let ops = resolve_operations(&facts, &script_types(true), &mut d);
    assert!(d.is_empty(), "{d:?}");
    let op = &ops[0];
    let body = op.request_body.as_ref().expect("body");
    assert_eq!(body.type_name(), None);
    let params: Vec<(&str, &str, bool)> = body
        .parameters
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.type_ref.name.as_str(),
                p.type_ref.collection,
            )
        })
        .collect();
    assert_eq!(
        params,
        vec![
            ("assignments", "deviceManagementScriptUserState", true),
            ("count", "Int32", false)
        ]
    );
    assert_eq!(
        op.response
            .as_ref()
            .map(|r| (r.status, r.type_name().is_none())),
        Some((204, true))
    );
    assert_eq!(
        op.query.iter().map(|q| q.name.as_str()).collect::<Vec<_>>(),
        vec!["$select"]
    );
    assert_eq!(op.headers.len(), 1);
    assert!(op.headers[0].required);
}

#[test]
fn a_headers_table_under_the_query_parameters_is_headers() {
    let markdown = r#"# List children

## HTTP request
```http
GET /deviceManagement/deviceManagementScripts
```

## Optional query parameters
This method supports the `$top` query parameter.

### Optional request headers

| Name | Value | Description |
|:--|:--|:--|
| _if-none-match_ | etag | Not modified when the tag matches. |

## Response
If successful, this method returns a `200 OK` response code and a collection of [deviceManagementScript](x.md) objects in the response body.
"#;
    let mut d = Vec::new();
    let facts = vec![facts_of("api/children.md", markdown, &mut d)];
    let ops = resolve_operations(&facts, &script_types(true), &mut d);
    let op = &ops[0];
    assert!(
        op.query.iter().all(|q| q.name != "if-none-match"),
        "{:?}",
        op.query
    );
    let headers: Vec<&str> = op.headers.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(headers, ["if-none-match"]);
}

#[test]
fn lines_with_another_method_are_reported() {
    let markdown = "# Update photo\n\n## HTTP request\n```http\nPATCH /me/photo/$value\nPUT /me/photo/$value\nPATCH /users/{id}/photo/$value\n```\n";
    let mut d = Vec::new();
    let facts = vec![facts_of("api/photo.md", markdown, &mut d)];
    let ops = resolve_operations(&facts, &script_types(true), &mut d);
    assert_eq!(ops[0].method.as_str(), "PATCH");
    assert_eq!(
        ops[0].path_texts().collect::<Vec<_>>(),
        vec!["/me/photo/$value", "/users/{id}/photo/$value"]
    );
    assert_eq!(codes(&d), vec!["unsupported"]);
    assert_eq!(d[0].span.line, 6);
}

#[test]
fn response_without_any_type_is_reported_when_the_example_has_a_body() {
    let markdown = "# Update settings\n\n## HTTP request\n```http\nPATCH /me/settings\n```\n\n## Response\nIf successful, this method returns a `200 OK` response code.\n\n## Example\n```http\nPATCH https://graph.microsoft.com/v1.0/me/settings\n```\n```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"contributionToContentDiscoveryDisabled\": true}\n```\n";
    let mut d = Vec::new();
    let facts = vec![facts_of("api/settings.md", markdown, &mut d)];
    let ops = resolve_operations(&facts, &script_types(true), &mut d);
    assert_eq!(codes(&d), vec!["response-type-unknown"]);
    let response = ops[0].response.as_ref().expect("status still known");
    assert_eq!((response.status, response.type_name()), (200, None));
}

#[test]
fn placeholder_queries_become_parameters() {
    let markdown = "# List calendarView\n\n## HTTP request\n```http\nGET /me/calendarView?startDateTime={start_datetime}&endDateTime={end_datetime}\nGET /me/events?$filter={property} eq '{value}'\nGET /me/events\nGET /me?$expand=manager\n```\n";
    let mut d = Vec::new();
    let facts = vec![facts_of("api/view.md", markdown, &mut d)];
    let ops = resolve_operations(&facts, &script_types(true), &mut d);
    let op = &ops[0];
    assert_eq!(
        op.path_texts().collect::<Vec<_>>(),
        vec!["/me/calendarView", "/me/events", "/me"]
    );
    assert!(op.paths[..2].iter().all(|t| t.fixed_query.is_empty()));
    assert_eq!(
        op.paths[2].fixed_query,
        vec![("$expand".to_string(), "manager".to_string())]
    );
    let query: Vec<(&str, bool)> = op
        .query
        .iter()
        .map(|q| (q.name.as_str(), q.required))
        .collect();
    assert_eq!(
        query,
        vec![
            ("startDateTime", true),
            ("endDateTime", true),
            ("$filter", false)
        ]
    );
}

#[test]
fn title_prefix_names_the_subject() {
    let markdown = "# deviceManagementScript: assign\n\n## HTTP request\n```http\nPOST /deviceManagement/deviceManagementScripts/{id}/assign\n```\n";
    let mut d = Vec::new();
    let facts = vec![facts_of("api/assign.md", markdown, &mut d)];
    let ops = resolve_operations(&facts, &script_types(true), &mut d);
    assert_eq!(ops[0].group, "deviceManagementScript");
    assert_eq!(ops[0].name, "deviceManagementScriptAssign");
}
