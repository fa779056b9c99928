//! Tests for examples whose URL names no resource path (the seed page's `PATCH
//! https://graph.microsoft.com/beta`). The operation's path is known all the same (documented, or
//! inferred from a relationship), so the test builds the request from it with sample parameter
//! values and checks what does not depend on the example's values: the method and the path. When
//! the body example of a `PATCH` holds type placeholders (`"Int32"`), the test sends each
//! writable property the example names as cleared (`null`) and checks that exactly those are
//! sent: the `<Type>Update` body has them, under their wire names, and no read-only property.

use super::op_plan::{BodyPlan, OpPlan};
use super::plan::TypesPlan;
use crate::ir::{BodyKind, Example, Method, SegmentPart};
use serde_json::{Map, Value};

/// The value a sample test gives the path parameter `wire`.
pub fn sample_value(wire: &str) -> String {
    format!("sample-{wire}")
}

/// The template's path with every parameter replaced by its sample value.
pub fn sample_path(op: &OpPlan<'_>, template: usize) -> Option<String> {
    let template = op.templates.get(template)?;
    let mut path = String::new();
    for segment in &template.template.segments {
        path.push('/');
        for part in &segment.parts {
            match part {
                SegmentPart::Literal(text) => path.push_str(text),
                SegmentPart::Param(wire) => path.push_str(&sample_value(wire)),
            }
        }
    }
    Some(path)
}

/// A `<Type>Update` body with some fields cleared, and the JSON it must serialize to.
#[derive(Clone, Debug, PartialEq)]
pub struct ClearedUpdate {
    /// The `<Type>Update` struct's Rust name.
    pub update: String,
    /// Rust field names, in the example's order.
    pub fields: Vec<String>,
    /// The body the request must send, as pretty JSON.
    pub expected: String,
    /// Wire names the example sets that are read-only or relationships: not sent.
    pub left_out: Vec<String>,
}

/// For a `PATCH` of a type with an update struct whose body example holds type placeholders:
/// the writable properties the example names, cleared. None when that does not apply.
pub fn cleared_update(
    op: &OpPlan<'_>,
    types: &TypesPlan<'_>,
    example: &Example,
) -> Option<ClearedUpdate> {
    let body = &example.request.body;
    if body.kind != BodyKind::Placeholder || !matches!(op.body, BodyPlan::Value(_)) {
        return None;
    }
    let declared = op.op.request_body.as_ref()?;
    let plan = types.get(declared.type_name()?)?;
    let update = plan
        .update
        .clone()
        .filter(|_| op.op.method == Method::Patch && !declared.collection())?;
    // The seed's body is an array holding the one object; its first object names the properties.
    let object = match body.json.as_ref()? {
        Value::Object(object) => object,
        Value::Array(items) => items.first()?.as_object()?,
        _ => return None,
    };
    let mut fields = Vec::new();
    let mut expected = Map::new();
    let mut left_out = Vec::new();
    for key in object.keys().filter(|key| !key.contains('@')) {
        let Some(field) = plan.fields.iter().find(|f| f.property.name == *key) else {
            continue;
        };
        if field.property.read_only || field.property.navigation {
            left_out.push(key.clone());
        } else if !fields.contains(&field.rust) {
            fields.push(field.rust.clone());
            expected.insert(key.clone(), Value::Null);
        }
    }
    let expected = serde_json::to_string_pretty(&Value::Object(expected)).ok()?;
    Some(ClearedUpdate {
        update,
        fields,
        expected,
        left_out,
    })
}

/// The generator's note for a sample test: what it checks, and what it does not (`skipped`:
/// the model's reasons, less those the sample test answers).
pub fn describe(
    op: &OpPlan<'_>,
    template: usize,
    cleared: Option<&ClearedUpdate>,
    skipped: &[String],
) -> String {
    let template_text = op
        .templates
        .get(template)
        .map(|t| t.template.template.as_str())
        .unwrap_or_default();
    let origin = if op.op.inferred_path.is_some() {
        "inferred path"
    } else {
        "path"
    };
    let mut text = format!(
        "tested in part, since the URL names no resource path: the method, and the path built from the {origin} `{template_text}` with sample parameter values (`sample-<name>`)"
    );
    if let Some(cleared) = cleared {
        text.push_str(
            "; the body, since the request example's values are type placeholders: each writable property it names is sent cleared (`null`), and nothing else",
        );
        if !cleared.left_out.is_empty() {
            let names: Vec<String> = cleared.left_out.iter().map(|n| format!("`{n}`")).collect();
            text.push_str(&format!(" ({}: read-only, not sent)", names.join(", ")));
        }
    }
    // The model's reasons about the URL, and about the request body when it is sent cleared,
    // are answered above.
    let rest: Vec<&str> = skipped
        .iter()
        .map(String::as_str)
        .filter(|reason| !reason.contains("URL"))
        .filter(|reason| cleared.is_none() || !reason.starts_with("the request body"))
        .collect();
    if !rest.is_empty() {
        text.push_str(". Not tested: ");
        text.push_str(&rest.join("; "));
    }
    text
}

#[cfg(test)]
mod tests {
    use crate::emit::{emit, EmitOptions, Emitted};
    use crate::pages::{parse_page, SourceFile};

    const STATE: &str = "---\ntitle: \"runState resource type\"\ndoc_type: resourcePageType\n---\n\n# userState resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The key. Read-only.|\n|errorCount|Int32|Errors.|\n|userName|String|The user.|\n\n## JSON representation\n<!-- {\"blockType\": \"resource\", \"keyProperty\": \"id\", \"@odata.type\": \"microsoft.graph.userState\"} -->\n```json\n{\"id\": \"String (identifier)\", \"errorCount\": 1024, \"userName\": \"String\"}\n```\n";
    const SCRIPT: &str = "---\ntitle: \"script resource type\"\ndoc_type: resourcePageType\n---\n\n# script resource type\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The key. Read-only.|\n\n## Relationships\n|Relationship|Type|Description|\n|:---|:---|:---|\n|userRunStates|[userState](../resources/userstate.md) collection|Per user.|\n\n## JSON representation\n<!-- {\"blockType\": \"resource\", \"keyProperty\": \"id\", \"@odata.type\": \"microsoft.graph.script\"} -->\n```json\n{\"id\": \"String (identifier)\"}\n```\n";
    const GET_SCRIPT: &str = "---\ntitle: \"Get script\"\ndoc_type: apiPageType\n---\n\n# Get script\n\n## HTTP request\n```http\nGET /scripts/{scriptId}\n```\n\n## Response\nIf successful, this method returns a `200 OK` response code and a [script](../resources/script.md) object in the response body.\n";
    const SEED_LIKE: &str = "---\ntitle: \"Update userRunStates\"\ndoc_type: apiPageType\n---\n\n# Update userRunStates\n\n## HTTP request\n```http\n\n```\n\n## Request body\nIn the request body, supply a JSON representation of the [userState](../resources/userstate.md) object.\n\n## Response\nIf successful, this method returns a `200 OK` response code and a [userState](../resources/userstate.md) object in the response body.\n\n## Example\n### Request\n<!-- {\"blockType\": \"request\", \"name\": \"update_userrunstates\"} -->\n```http\nPATCH https://graph.microsoft.com/beta\nContent-Type: application/json\n\n[{\"@odata.type\": \"#microsoft.graph.userState\", \"errorCount\": \"Int32\", \"id\": \"String(identifier)\", \"userName\": \"String\"}]\n```\n### Response\n<!-- {\"blockType\": \"response\", \"truncated\": true} -->\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"value\": [{\"errorCount\": \"Int32\", \"id\": \"String(identifier)\", \"userName\": \"String\"}]}\n```\n";

    fn emit_pages(pages: &[(&str, &str)]) -> Emitted {
        let mut facts = Vec::new();
        let mut diagnostics = Vec::new();
        for (path, text) in pages {
            let file = SourceFile {
                path: path.to_string(),
                text: text.to_string(),
            };
            let (page, page_diags) = parse_page(&file);
            let (page_facts, fact_diags) = crate::facts::extract(&page);
            diagnostics.extend(page_diags.into_iter().chain(fact_diags));
            facts.push(page_facts);
        }
        let model = crate::model::resolve::build(facts, diagnostics);
        let options = EmitOptions {
            crate_name: "sample-test".into(),
            ..Default::default()
        };
        emit(&model, &options).unwrap_or_else(|e| panic!("{e}"))
    }

    fn tests_file(emitted: &Emitted) -> String {
        emitted
            .files
            .iter()
            .filter(|f| f.path.starts_with("tests/examples/") && !f.path.ends_with("main.rs"))
            .filter(|f| !f.path.ends_with("support.rs"))
            .map(|f| f.contents.clone())
            .collect()
    }

    #[test]
    fn a_url_without_path_is_tested_with_sample_values_and_says_so() {
        let emitted = emit_pages(&[
            ("resources/userstate.md", STATE),
            ("resources/script.md", SCRIPT),
            ("api/script-get.md", GET_SCRIPT),
            ("api/seed.md", SEED_LIKE),
        ]);
        let tests = tests_file(&emitted);
        assert!(
            tests.contains("fn update_user_run_states_example_1()"),
            "{tests}"
        );
        assert!(
            tests.contains("\"/scripts/sample-scriptId/userRunStates/sample-userStateId\""),
            "{tests}"
        );
        assert!(tests.contains("\"PATCH\""), "{tests}");
        assert!(
            tests.contains("error_count: ::sample_test::runtime::Patch::Clear"),
            "{tests}"
        );
        // The body sent: the writable properties the example names, cleared; never `id`.
        let expected = "r#\"{\n  \"errorCount\": null,\n  \"userName\": null\n}\"#";
        assert!(tests.contains(expected), "{tests}");
        assert!(
            !tests.contains("id: ::sample_test::runtime::Patch"),
            "{tests}"
        );
        let note = emitted
            .diagnostics
            .iter()
            .find(|d| d.code == "example-not-tested" && d.span.file == "api/seed.md")
            .unwrap_or_else(|| panic!("{:?}", emitted.diagnostics));
        for part in [
            "tested in part, since the URL names no resource path",
            "inferred path `/scripts/{scriptId}/userRunStates/{userStateId}`",
            "sample parameter values",
            "sent cleared (`null`)",
            "(`id`: read-only, not sent)",
            "Not tested: the response body holds type placeholders, not values",
        ] {
            assert!(note.message.contains(part), "{part}: {}", note.message);
        }
    }

    #[test]
    fn without_an_owner_path_there_is_no_operation_and_no_test() {
        let emitted = emit_pages(&[
            ("resources/userstate.md", STATE),
            ("api/seed.md", SEED_LIKE),
        ]);
        assert!(!tests_file(&emitted).contains("update_user_run_states"));
    }
}
