use super::*;
use crate::model::operations::resolve_operations;
use crate::model::operations::tests::{facts_of, script_types, GET_SCRIPT};

fn run(pages: &[(&str, &str)]) -> (Vec<Operation>, Vec<Diagnostic>) {
    let mut d = Vec::new();
    let facts: Vec<_> = pages
        .iter()
        .map(|(path, md)| facts_of(path, md, &mut d))
        .collect();
    d.clear();
    let types = script_types(true);
    let mut ops = resolve_operations(&facts, &types, &mut d);
    d.retain(|d| d.code != "path-inferred");
    validate_examples(&types, &mut ops, &mut d);
    (ops, d)
}

fn codes(d: &[Diagnostic]) -> Vec<&str> {
    let mut codes: Vec<&str> = d.iter().map(|d| d.code.as_str()).collect();
    codes.sort();
    codes
}

#[test]
fn conforming_example_is_fully_tested() {
    let (ops, d) = run(&[("api/get.md", GET_SCRIPT)]);
    assert_eq!(codes(&d), Vec::<&str>::new());
    let test = &ops[0].examples[0].test;
    assert!(test.url && test.response_body && !test.request_body);
    assert!(test.skipped.is_empty());
}

#[test]
fn seed_bodies_have_the_wrong_shape_and_are_not_tested() {
    let (ops, d) = run(&[
        ("api/get.md", GET_SCRIPT),
        ("api/seed.md", crate::facts::api::tests::SEED_LIKE),
    ]);
    let seed: Vec<&Diagnostic> = d.iter().filter(|d| d.span.file == "api/seed.md").collect();
    let seed_codes: Vec<&str> = seed.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        seed_codes,
        vec![
            "example-request-shape",
            "example-response-shape",
            "example-not-tested"
        ]
    );
    assert!(seed[0].message.contains("JSON array"));
    assert!(seed[1].message.contains("wraps it in `{\"value\": [...]}`"));
    let op = ops
        .iter()
        .find(|o| o.name == "updateUserRunStates")
        .expect("seed op");
    let test = &op.examples[0].test;
    assert!(!test.url && !test.request_body && !test.response_body);
    assert_eq!(test.skipped.len(), 3, "{:?}", test.skipped);
}

#[test]
fn findings_are_reported_at_the_example() {
    let page = GET_SCRIPT.replace(
        "\"displayName\": \"x\"",
        "\"displayName\": 5, \"colour\": \"red\"",
    );
    let (ops, d) = run(&[("api/get.md", &page)]);
    assert_eq!(
        codes(&d),
        vec![
            "example-not-tested",
            "example-unknown-property",
            "example-wrong-kind"
        ]
    );
    let wrong = d
        .iter()
        .find(|d| d.code == "example-wrong-kind")
        .expect("finding");
    assert_eq!(
        wrong.span.line,
        ops[0].examples[0]
            .response
            .as_ref()
            .map(|r| r.source.line)
            .unwrap_or(0)
    );
    assert!(wrong.message.contains("displayName"));
    assert!(!ops[0].examples[0].test.response_body);
    assert!(ops[0].examples[0].test.url);
}

#[test]
fn placeholder_urls_are_tested_and_missing_responses_named() {
    let page = GET_SCRIPT.replace(
        "deviceManagementScripts/7f1a\n",
        "deviceManagementScripts/{deviceManagementScriptId}\n",
    );
    let cut = page.find("### Response").unwrap_or(page.len());
    let (ops, d) = run(&[("api/get.md", page.get(..cut).unwrap_or_default())]);
    assert_eq!(codes(&d), vec!["example-not-tested"]);
    // Placeholder values are still values: the URL is tested (compared after decoding).
    let skipped = &ops[0].examples[0].test.skipped;
    assert_eq!(skipped, &vec!["there is no response example".to_string()]);
    assert!(ops[0].examples[0].test.url);
}

#[test]
fn collection_response_needs_the_value_wrapper() {
    let page = r#"# List deviceManagementScripts

## HTTP request
```http
GET /deviceManagement/deviceManagementScripts
```

## Response
Returns a `200 OK` response code and a collection of [deviceManagementScript](x.md) objects in the response body.

## Example
```http
GET https://graph.microsoft.com/v1.0/deviceManagement/deviceManagementScripts
```
```http
HTTP/1.1 200 OK
Content-Type: application/json

{"id": "1"}
```
"#;
    let (ops, d) = run(&[("api/list.md", page)]);
    assert_eq!(
        codes(&d),
        vec!["example-not-tested", "example-response-shape"]
    );
    assert!(ops[0].examples[0].test.url);
    let fixed = page.replace("{\"id\": \"1\"}", "{\"value\": [{\"id\": \"1\"}]}");
    let (ops, d) = run(&[("api/list.md", &fixed)]);
    assert!(d.is_empty(), "{d:?}");
    assert!(ops[0].examples[0].test.response_body);
}

#[test]
fn single_primitive_responses_are_wrapped_in_value() {
    let page = r#"# getCount function

## HTTP request
```http
GET /deviceManagement/getCount
```

## Response
If successful, this function returns a `200 OK` response code and a Int32 in the response body.

## Example
```http
GET https://graph.microsoft.com/v1.0/deviceManagement/getCount
```
```http
HTTP/1.1 200 OK
Content-Type: application/json

{"value": 42}
```
"#;
    let (ops, d) = run(&[("api/count.md", page)]);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        ops[0].response.as_ref().and_then(|r| r.type_name()),
        Some("Int32")
    );
    assert!(ops[0].examples[0].test.response_body);
    let (_, d) = run(&[(
        "api/count.md",
        &page.replace("{\"value\": 42}", "{\"value\": \"x\"}"),
    )]);
    assert_eq!(codes(&d), vec!["example-not-tested", "example-wrong-kind"]);
}

#[test]
fn complete_responses_must_show_the_json_representation_and_truncated_ones_need_not() {
    let mut all = script_types(true).types().to_vec();
    for t in &mut all {
        if t.name != "deviceManagementScript" {
            continue;
        }
        if let Some(body) = t.structure_mut() {
            body.example_properties = vec!["displayName".into(), "id".into()];
        }
    }
    let types = TypeIndex::from_types(all);
    let lacking = GET_SCRIPT.replace(", \"displayName\": \"x\"", "");
    let truncated = lacking.replace(
        "### Response\n```http",
        "### Response\n<!-- { \"blockType\": \"response\", \"truncated\": true } -->\n```http",
    );
    let run_with = |page: &str| {
        let mut d = Vec::new();
        let facts = vec![facts_of("api/get.md", page, &mut d)];
        d.clear();
        let mut ops = resolve_operations(&facts, &types, &mut d);
        validate_examples(&types, &mut ops, &mut d);
        (ops, d)
    };
    let (ops, d) = run_with(&lacking);
    assert_eq!(codes(&d), vec!["example-missing-property"]);
    assert!(d[0].message.contains("(`displayName`)"), "{}", d[0].message);
    // The body still fits its type: the test keeps checking it.
    assert!(ops[0].examples[0].test.response_body);
    let (ops, d) = run_with(&truncated);
    assert_eq!(codes(&d), Vec::<&str>::new());
    assert!(ops[0].examples[0]
        .response
        .as_ref()
        .is_some_and(|r| r.truncated));
    let (_, d) = run_with(GET_SCRIPT);
    assert_eq!(codes(&d), Vec::<&str>::new());
}
