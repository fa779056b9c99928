//! IR fixtures: `tests/fixtures/ir/<feature>.json` hold the IR as `docgen ir` prints it, except
//! that fields at their usual value may be left out; [`load`] fills them in, so a fixture shows
//! only what its feature is about. The filled-in values:
//! - a type: namespace `microsoft.graph`, kind `complex` (`enum` when it has members), not
//!   abstract or open, no key, empty description, workload `fixture`, defined in
//!   `resources/<name>.md`. A struct's `"base": "name"` stands for its inheritance link: the
//!   model resolves `ancestors` and `derived` from the links, as it does for pages
//!   (`docgen::model::types::complete`), and decides which properties are `recursive`;
//! - a property or parameter: type `String`, nullable, not read-only, not a navigation property,
//!   no description;
//! - a type reference (`"type"` of a property, parameter, body or response): `"user"` stands for
//!   `{"name": "user"}`; `kind` is computed from the name (an Edm primitive, `Json`, a fixture
//!   type's kind, else `unresolved`), not a collection;
//! - an operation: title = name, method `GET`, group and workload `fixture`, documented in
//!   `api/<name>.md`; `paths` are written as text and parsed into templates;
//! - an example: `path`, `query`, `matched_template` and `path_values` computed from `url`
//!   against the operation's templates; `"json": <value>` stands for a JSON body; the `test`
//!   flags default to what is present (URL matched, JSON bodies, a 204 response).

use docgen::model::{Model, PRIMITIVES};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// The service roots an example URL may start with.
const ROOTS: &[&str] = &[
    "https://graph.microsoft.com/v1.0",
    "https://graph.microsoft.com/beta",
];

/// Reads a fixture file and completes it into a model.
pub fn load(path: &Path) -> Result<Model, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    complete(value).map_err(|e| format!("{}: {e}", path.display()))
}

/// Completes a partial IR value into a model.
pub fn complete(mut root: Value) -> Result<Model, String> {
    let obj = root
        .as_object_mut()
        .ok_or("the fixture is not a JSON object")?;
    let kinds: BTreeMap<String, String> = obj
        .get("types")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| {
            let name = t.get("name")?.as_str()?.to_string();
            let kind = t
                .get("kind")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| {
                    if t.get("members").is_some() {
                        "enum"
                    } else {
                        "complex"
                    }
                    .to_string()
                });
            Some((name, kind))
        })
        .collect();
    let kind_of = |type_name: &str| -> &'static str {
        if PRIMITIVES.contains(&type_name) {
            "primitive"
        } else if type_name == "Json" {
            "json"
        } else {
            match kinds.get(type_name).map(String::as_str) {
                Some("entity") => "entity",
                Some("enum") => "enum",
                Some(_) => "complex",
                None => "unresolved",
            }
        }
    };

    let mut types: Vec<Value> = obj
        .remove("types")
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default();
    // `base` is the fixture's way to write an inheritance link; the model resolves the chains.
    let mut bases: BTreeMap<String, String> = BTreeMap::new();
    for t in &mut types {
        let name = t["name"].as_str().ok_or("a type has no name")?.to_string();
        let file = format!("resources/{}.md", name.to_lowercase());
        let kind = kinds.get(&name).cloned().unwrap_or_default();
        let t = t.as_object_mut().ok_or("a type is not an object")?;
        if let Some(Value::String(base)) = t.remove("base") {
            bases.insert(name.clone(), base);
        }
        defaults(
            t,
            json!({
                "namespace": "microsoft.graph", "kind": kind, "description": {"paragraphs": []},
                "workload": "fixture", "source": span(&file, 1),
            }),
        );
        let body = if kind == "enum" {
            json!({"members": [], "flags": false})
        } else {
            json!({"ancestors": [], "abstract": false, "open": false, "key": null, "properties": [],
                   "derived": []})
        };
        defaults(t, body);
        for (i, p) in array_mut(t, "properties").iter_mut().enumerate() {
            property(p, &file, i, &kind_of)?;
        }
        for (i, m) in array_mut(t, "members").iter_mut().enumerate() {
            let m = m.as_object_mut().ok_or("a member is not an object")?;
            defaults(
                m,
                json!({"value": null, "description": {"paragraphs": []}, "source": span(&file, 20 + i)}),
            );
        }
    }
    types.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));

    let mut operations: Vec<Value> = obj
        .remove("operations")
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default();
    for op in &mut operations {
        operation(op, &kind_of)?;
    }
    operations.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));

    let mut pages: Vec<Value> = Vec::new();
    let mut page_files: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for t in &types {
        let entry = page_files
            .entry(t["source"]["file"].as_str().unwrap_or_default().to_string())
            .or_default();
        entry.0 = "resource".into();
        entry
            .1
            .push(t["name"].as_str().unwrap_or_default().to_string());
    }
    for op in &operations {
        let entry = page_files
            .entry(
                op["source"]["file"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
            .or_default();
        entry.0 = "api".into();
        entry
            .1
            .push(op["name"].as_str().unwrap_or_default().to_string());
    }
    for (path, (kind, produced)) in page_files {
        pages.push(json!({"path": path, "kind": kind, "title": "", "workload": "fixture", "produced": produced}));
    }
    obj.insert("types".into(), Value::Array(types));
    obj.insert("operations".into(), Value::Array(operations));
    defaults(
        obj,
        json!({"ir_version": docgen::model::IR_VERSION, "pages": pages, "diagnostics": []}),
    );
    let mut model: Model =
        serde_json::from_value(root).map_err(|e| format!("not a model after completion: {e}"))?;
    let base_of = |name: &str| bases.get(name).map(String::as_str);
    docgen::model::types::complete(&mut model.types, base_of, &mut model.diagnostics);
    Ok(model)
}

fn span(file: &str, line: usize) -> Value {
    json!({"file": file, "line": line, "col": 1})
}

fn defaults(object: &mut Map<String, Value>, values: Value) {
    if let Value::Object(values) = values {
        for (key, value) in values {
            object.entry(key).or_insert(value);
        }
    }
}

fn array_mut<'a>(object: &'a mut Map<String, Value>, key: &str) -> &'a mut Vec<Value> {
    let slot = object.entry(key.to_string()).or_insert_with(|| json!([]));
    if !slot.is_array() {
        *slot = json!([]);
    }
    match slot {
        Value::Array(items) => items,
        _ => unreachable!("just made an array"),
    }
}

fn property(
    p: &mut Value,
    file: &str,
    index: usize,
    kind_of: &dyn Fn(&str) -> &'static str,
) -> Result<(), String> {
    let p = p.as_object_mut().ok_or("a property is not an object")?;
    let type_ref = type_ref(p.remove("type"), kind_of)?;
    p.insert("type".into(), type_ref);
    defaults(
        p,
        json!({
            "nullable": true, "read_only": false, "navigation": false, "recursive": false,
            "description": {"paragraphs": []},
            "source": span(file, 10 + index),
        }),
    );
    Ok(())
}

/// A type reference: `"String"` stands for `{"name": "String"}`, no type for `String`; the kind is
/// computed from the name, a collection is not.
fn type_ref(
    written: Option<Value>,
    kind_of: &dyn Fn(&str) -> &'static str,
) -> Result<Value, String> {
    let mut value = match written {
        None => json!({"name": "String"}),
        Some(Value::String(name)) => json!({ "name": name }),
        Some(object @ Value::Object(_)) => object,
        Some(other) => return Err(format!("a type is neither a name nor an object: {other}")),
    };
    let t = value.as_object_mut().ok_or("a type is not an object")?;
    let name = t
        .get("name")
        .and_then(Value::as_str)
        .ok_or("a type has no name")?
        .to_string();
    defaults(t, json!({"kind": kind_of(&name), "collection": false}));
    Ok(value)
}

fn operation(op: &mut Value, kind_of: &dyn Fn(&str) -> &'static str) -> Result<(), String> {
    let name = op["name"]
        .as_str()
        .ok_or("an operation has no name")?
        .to_string();
    let file = format!("api/{}.md", name.to_lowercase());
    let o = op.as_object_mut().ok_or("an operation is not an object")?;
    let paths: Vec<String> = o
        .get("paths")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| p.as_str().map(str::to_string))
        .collect();
    let templates: Vec<Value> = paths
        .iter()
        .enumerate()
        .map(|(i, p)| parse_template(p, &file, 5 + i))
        .collect();
    // The fixture writes each path as its text; the IR holds it parsed.
    o.insert("paths".into(), Value::Array(templates));
    defaults(
        o,
        json!({
            "title": name, "description": {"paragraphs": []}, "method": "GET",
            "query": [], "headers": [], "request_body": null, "response": null, "examples": [],
            "group": "fixture", "workload": "fixture", "source": span(&file, 1),
        }),
    );
    for (i, q) in array_mut(o, "query").iter_mut().enumerate() {
        let q = q
            .as_object_mut()
            .ok_or("a query parameter is not an object")?;
        let type_ref = type_ref(q.remove("type"), kind_of)?;
        q.insert("type".into(), type_ref);
        defaults(
            q,
            json!({"required": false, "description": {"paragraphs": []}, "source": span(&file, 30 + i)}),
        );
    }
    for key in ["request_body", "response"] {
        if let Some(Value::Object(b)) = o.get_mut(key) {
            // No type: an object of parameters (a body) or no content (a response).
            let typed = match b.remove("type") {
                None | Some(Value::Null) => None,
                written => Some(type_ref(written, kind_of)?),
            };
            let has_type = typed.is_some();
            b.insert("type".into(), typed.unwrap_or(Value::Null));
            defaults(b, json!({"source": span(&file, 40)}));
            if key == "response" {
                defaults(b, json!({"status": if has_type { 200 } else { 204 }}));
            } else {
                for (i, p) in array_mut(b, "parameters").iter_mut().enumerate() {
                    property(p, &file, 50 + i, kind_of)?;
                }
            }
        }
    }
    let method = o["method"].as_str().unwrap_or("GET").to_string();
    let templates = o["paths"].clone();
    for (i, example) in array_mut(o, "examples").iter_mut().enumerate() {
        complete_example(example, &method, &templates, &file, 60 + 10 * i)?;
    }
    Ok(())
}

fn parse_template(path: &str, file: &str, line: usize) -> Value {
    let (path_part, query_part) = path.split_once('?').unwrap_or((path, ""));
    let segments: Vec<Value> = path_part
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|segment| {
            let mut parts = Vec::new();
            let mut rest = segment;
            while let Some(open) = rest.find('{') {
                let Some(close) = rest[open..].find('}').map(|c| c + open) else {
                    break;
                };
                if open > 0 {
                    parts.push(json!({"literal": &rest[..open]}));
                }
                // `{id | userPrincipalName}` names the parameter `id`, as stage 3 does.
                let name = rest[open + 1..close]
                    .split('|')
                    .next()
                    .unwrap_or_default()
                    .trim();
                parts.push(json!({"param": name}));
                rest = &rest[close + 1..];
            }
            if !rest.is_empty() {
                parts.push(json!({"literal": rest}));
            }
            json!({"parts": parts})
        })
        .collect();
    let fixed: Vec<Value> = query_part
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            json!([k, v])
        })
        .collect();
    json!({"template": path, "segments": segments, "fixed_query": fixed, "source": span(file, line)})
}

/// Values of the template's parameters if `path` matches it.
fn match_template(template: &Value, path: &str) -> Option<BTreeMap<String, String>> {
    let segments = template["segments"].as_array()?;
    let actual: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.len() != actual.len() {
        return None;
    }
    let mut values = BTreeMap::new();
    for (segment, text) in segments.iter().zip(actual) {
        let parts = segment["parts"].as_array()?;
        let mut rest = text;
        for (i, part) in parts.iter().enumerate() {
            if let Some(literal) = part.get("literal").and_then(Value::as_str) {
                rest = rest.strip_prefix(literal)?;
            } else if let Some(name) = part.get("param").and_then(Value::as_str) {
                let next = parts
                    .get(i + 1)
                    .and_then(|p| p.get("literal"))
                    .and_then(Value::as_str);
                let end = match next {
                    Some(literal) => rest.find(literal)?,
                    None => rest.len(),
                };
                values.insert(name.to_string(), rest[..end].to_string());
                rest = &rest[end..];
            }
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(values)
}

fn body(value: Option<Value>) -> Value {
    match value {
        Some(json) => {
            json!({"kind": "json", "text": serde_json::to_string_pretty(&json).unwrap_or_default(),
                             "json": json, "content_type": "application/json"})
        }
        None => json!({"kind": "none", "text": "", "json": null, "content_type": null}),
    }
}

fn complete_example(
    example: &mut Value,
    method: &str,
    templates: &Value,
    file: &str,
    line: usize,
) -> Result<(), String> {
    let e = example
        .as_object_mut()
        .ok_or("an example is not an object")?;
    let request = e
        .get_mut("request")
        .and_then(Value::as_object_mut)
        .ok_or("an example has no request")?;
    let url = request
        .get("url")
        .and_then(Value::as_str)
        .ok_or("an example request has no url")?
        .to_string();
    let relative = ROOTS
        .iter()
        .find_map(|root| url.strip_prefix(root))
        .unwrap_or(&url);
    let (path, query) = relative.split_once('?').unwrap_or((relative, ""));
    let pairs: Vec<Value> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            json!([k, v])
        })
        .collect();
    let matched = templates
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
        .find_map(|(i, t)| match_template(t, path).map(|values| (i, values)));
    let request_json = request.remove("json");
    let has_request_json = request_json.is_some();
    defaults(
        request,
        json!({
            "method": method, "path": path, "query": pairs, "headers": [], "body": body(request_json),
            "matched_template": matched.as_ref().map(|(i, _)| *i),
            "path_values": matched.as_ref().map(|(_, v)| v.clone()).unwrap_or_default(),
            "source": span(file, line),
        }),
    );
    let matched = matched.is_some();
    let mut response_testable = false;
    if let Some(Value::Object(response)) = e.get_mut("response") {
        let response_json = response.remove("json");
        response_testable =
            response_json.is_some() || response.get("status").and_then(Value::as_u64) == Some(204);
        defaults(
            response,
            json!({"status": 200, "headers": [], "body": body(response_json), "truncated": false,
                   "odata_type": null, "is_collection": null, "source": span(file, line + 5)}),
        );
    }
    defaults(
        e,
        json!({"name": null, "response": null,
               "test": {"url": matched, "request_body": has_request_json, "response_body": response_testable, "skipped": []}}),
    );
    Ok(())
}
