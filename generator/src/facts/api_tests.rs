use super::*;
use crate::facts::testpage::page;
use crate::ir::BodyKind;

/// The seed page's structure and defects, rewritten (not copied) as a small inline page.
pub const SEED_LIKE: &str = r##"---
title: "Update userRunStates"
author: "$(metadata.owner)"
doc_type: "apiPageType"
---
# Update userRunStates

Namespace: microsoft.graph

Update the properties of a deviceManagementScriptUserState object.

## Permissions

| Permission type | Permissions (from most to least privileged) |
| :-- | :-- |
| Delegated (work or school account) | |
| Application | |

## HTTP request

<!-- { "blockType": "ignored" } -->
```http

```

## Request headers

| Name | Description |
| :-- | :-- |
| Authorization | Bearer {token}. Required. |

## Request Body

In the request body, supply JSON representation of the [deviceManagementScriptUserState](../resources/intune-devicemanagementscriptuserstate.md) object.

<!-- Actions and Functions -->

<!-- CRUD Methods -->

The following table shows the properties that are required when you create a deviceManagementScriptUserState object.

| Property | Type | Description |
| :-- | :-- | :-- |
| errorDeviceCount | Int32 | Errors. |
| id | String | Key. Read-only. |

## Response

If successful, this method returns a `200 OK` response code and a deviceManagementScriptUserState object in the response body.

## Examples

### Request

<!-- { "blockType": "request", "name": "update_userrunstates" } -->
```http
PATCH https://graph.microsoft.com/beta

Content-Type: application/json

[
  { "@odata.type": "#microsoft.graph.deviceManagementScriptUserState", "errorDeviceCount": "Int32", "id": "String(identifier)" }
]
```

### Response

<!-- { "blockType": "response", "truncated": true, "@odata.type": "$(this.ReturnTypeFullName)" } -->
```http
HTTP 1.1 200 OK

Content-Type: application/json
{
  "value": [ { "@odata.type": "#microsoft.graph.deviceManagementScriptUserState", "errorDeviceCount": "Int32", "id": "String(identifier)" } ]
}
```
"##;

fn read(markdown: &str) -> (Option<ApiFacts>, Vec<Diagnostic>) {
    let page = page("api/x.md", markdown);
    let mut diagnostics = Vec::new();
    let header = PageHeader {
        path: page.path.clone(),
        kind: PageKind::Api,
        ..PageHeader::default()
    };
    let facts = read_api(&page, &header, &mut diagnostics);
    (facts, diagnostics)
}

fn codes(d: &[Diagnostic]) -> Vec<&str> {
    let mut codes: Vec<&str> = d.iter().map(|d| d.code.as_str()).collect();
    codes.sort();
    codes
}

#[test]
fn seed_like_page_defects_each_have_a_code() {
    let (facts, d) = read(SEED_LIKE);
    let facts = facts.expect("api facts");
    assert_eq!(
        codes(&d),
        vec![
            "annotation-placeholder",
            "example-request-placeholder",
            "example-response-placeholder",
            "example-status-line",
            "example-url-no-path",
            "http-block-empty",
            "permissions-empty",
            "table-title-mismatch",
            "template-residue",
            "template-residue",
        ]
    );
    assert!(facts.request_lines.is_empty());
    assert_eq!(facts.method().as_deref(), Some("PATCH"));
    assert_eq!(facts.title, "Update userRunStates");
    assert_eq!(
        facts.body.type_mention.as_ref().map(|m| m.name.as_str()),
        Some("deviceManagementScriptUserState")
    );
    assert_eq!(facts.body.table, Some(BodyTable::Properties));
    assert_eq!(facts.body.rows.len(), 2);
    assert_eq!(facts.response.status, Some(200));
    let mention = facts.response.type_mention.as_ref().expect("response type");
    assert_eq!(
        (mention.name.as_str(), mention.collection),
        ("deviceManagementScriptUserState", false)
    );
    assert_eq!(facts.headers.len(), 1);
    assert_eq!(facts.examples.len(), 1);
    let example = &facts.examples[0];
    assert_eq!(example.request.body.kind, BodyKind::Placeholder);
    assert_eq!(example.response.as_ref().and_then(|r| r.status), Some(200));
    assert_eq!(
        facts.subject.as_ref().map(|m| m.name.as_str()),
        Some("deviceManagementScriptUserState")
    );
}

const GET_USER: &str = r#"---
doc_type: apiPageType
---
# Get user

Namespace: microsoft.graph

Retrieve the properties of a [user](../resources/user.md) object.

## Prerequisites

|Permission type|Permissions (from least to most privileged)|
|:---|:---|
|Application|User.Read.All|

## HTTP Request
<!-- { "blockType": "ignored" } -->
```http
GET /users/{id | userPrincipalName}
GET /me
```

## Optional query parameters
This method supports the `$select` and `$expand` [OData query parameters](/graph/query-parameters).

## Request headers
| Header | Value |
|:--|:--|
| Authorization | Bearer {token}. Required. |

## Request body
Do not supply a request body for this method.

## Response
If successful, this method returns a `200 OK` response code and a [user](../resources/user.md) object in the response body.

## Example
### Request
Here is an example of the request.
```http
GET https://graph.microsoft.com/v1.0/users/87d349ed
```
### Response
```http
HTTP/1.1 200 OK
Content-type: application/json

{"id": "87d349ed", "displayName": "Adele"}
```
"#;

#[test]
fn intune_style_page_reads_cleanly() {
    let (facts, d) = read(GET_USER);
    assert!(d.is_empty(), "{d:?}");
    let facts = facts.expect("facts");
    assert_eq!(facts.request_lines.len(), 2);
    assert_eq!(facts.query_options, vec!["$expand", "$select"]);
    assert!(facts.body.none);
    assert_eq!(
        facts
            .response
            .type_mention
            .as_ref()
            .map(|m| m.link.is_some()),
        Some(true)
    );
    assert_eq!(facts.examples.len(), 1);
    assert_eq!(
        facts.examples[0].request.path.as_deref(),
        Some("/users/87d349ed")
    );
    assert_eq!(
        facts.description.flat_text(),
        "Retrieve the properties of a user object."
    );
    assert_eq!(facts.subject.map(|s| s.name), Some("user".to_string()));
}

#[test]
fn action_parameters_and_function_parameters() {
    let markdown = r#"# assign action

## HTTP request
```http
POST /deviceManagement/scripts/{id}/assign
```

## Function parameters
|Parameter|Type|Description|
|:--|:--|:--|
|period|String|The period.|

## Request body
In the request body, supply a JSON representation of the parameters.

|Parameter|Type|Description|
|:--|:--|:--|
|assignments|[assignment](../resources/assignment.md) collection|The assignments.|

## Response
If successful, this action returns a `204 No Content` response code.
"#;
    let (facts, d) = read(markdown);
    let facts = facts.expect("facts");
    assert_eq!(codes(&d), Vec::<&str>::new());
    assert_eq!(facts.body.table, Some(BodyTable::Parameters));
    assert_eq!(facts.body.type_mention, None);
    assert_eq!(facts.path_parameters.len(), 1);
    assert_eq!(
        (facts.response.status, facts.response.type_mention.is_none()),
        (Some(204), true)
    );
}

#[test]
fn missing_http_section_and_non_api_pages() {
    let (facts, d) =
        read("---\ndoc_type: apiPageType\n---\n# Get thing\n\n## Response\nReturns `200 OK`.\n");
    assert!(facts.is_some());
    assert_eq!(codes(&d), vec!["http-block-missing"]);
    let page = page("resources/x.md", "# x resource type\n");
    let header = PageHeader {
        kind: PageKind::Resource,
        ..PageHeader::default()
    };
    assert_eq!(read_api(&page, &header, &mut Vec::new()), None);
}

#[test]
fn create_page_with_update_wording() {
    let markdown = "# Create thing\n\n## HTTP request\n```http\nPOST /things\n```\n\n## Request body\nThe following table shows the properties that are required when you update the thing.\n";
    let (_, d) = read(markdown);
    assert_eq!(codes(&d), vec!["table-title-mismatch"]);
}

#[test]
fn template_residue_in_table_rows() {
    let markdown = "# Get thing\n\n## HTTP request\n```http\nGET /things\n```\n\n## Request body\n|Property|Type|Description|\n|:--|:--|:--|\n|$(this.Properties.Name)|$(this.Properties.DisplayType)|x|\n";
    let (_, d) = read(markdown);
    assert_eq!(codes(&d), vec!["template-residue"]);
}

#[test]
fn title_verbs() {
    assert_eq!(title_method("Update userRunStates"), Some("PATCH"));
    assert_eq!(title_method("List users"), Some("GET"));
    assert_eq!(title_method("assign action"), None);
}

#[test]
fn unannotated_fences_outside_examples_are_not_examples() {
    let markdown = "# List things\n\n## HTTP request\n```http\nGET /things\n```\n\n## Optional query parameters\nUse this format:\n\n```http\nGET /things?$filter=x\n```\n\n## Example\n```http\nGET https://graph.microsoft.com/v1.0/things\n```\n```http\nHTTP/1.1 200 OK\n```\n";
    let (facts, d) = read(markdown);
    assert_eq!(codes(&d), Vec::<&str>::new());
    let facts = facts.expect("facts");
    assert_eq!(facts.examples.len(), 1);
    assert_eq!(facts.examples[0].request.path.as_deref(), Some("/things"));
}

#[test]
fn task_pages_with_nested_http_request_headings() {
    let markdown = "# Get Drive\n\n## Get current user's OneDrive\n\n### HTTP request\n\n<!-- { \"blockType\": \"request\", \"name\": \"get-drive\" } -->\n```http\nGET /me/drive\n```\n\n### Response\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\n```\n\n## Get a group's drive\n\n### HTTP request\n\n```http\nGET /groups/{groupId}/drive\n```\n";
    let (facts, d) = read(markdown);
    assert_eq!(codes(&d), Vec::<&str>::new());
    let facts = facts.expect("facts");
    let paths: Vec<&str> = facts
        .request_lines
        .iter()
        .map(|l| l.template.template.as_str())
        .collect();
    assert_eq!(paths, vec!["/me/drive", "/groups/{groupId}/drive"]);
    assert_eq!(facts.examples.len(), 1);
}

#[test]
fn task_pages_without_http_headings_use_their_syntax_fences() {
    let markdown = "# Get a site resource\n\n## Get the tenant's root site\n\n<!-- { \"blockType\": \"ignored\" } -->\n```http\nGET /sites/root\nGET /sites/contoso.sharepoint.com\n```\n\n## Access a site by server-relative URL\n\n```http\nGET /sites/{hostname}:/{server-relative-path}\n```\n\n## Example\n\n```http\nGET https://graph.microsoft.com/v1.0/sites/{site-id}\n```\n```http\nHTTP/1.1 200 OK\n```\n";
    let (facts, d) = read(markdown);
    assert_eq!(codes(&d), Vec::<&str>::new());
    let facts = facts.expect("facts");
    let paths: Vec<&str> = facts
        .request_lines
        .iter()
        .map(|l| l.template.template.as_str())
        .collect();
    assert_eq!(
        paths,
        vec![
            "/sites/root",
            "/sites/contoso.sharepoint.com",
            "/sites/{hostname}:/{serverRelativePath}"
        ]
    );
    assert_eq!(facts.examples.len(), 1);
}
