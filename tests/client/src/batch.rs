//! The service's `POST /v1.0/$batch`: each member answered as if it had come alone (scripts,
//! docs' examples, Graph's not-found), `dependsOn` honoured with 424, and the answers sent
//! back in reverse order, so a client that reads them by position instead of by id fails.

use base64::Engine;

use crate::script::Reply;
use crate::server::{Incoming, Shared};

/// How many requests Graph takes in one batch.
const MAX_MEMBERS: usize = 20;

pub(crate) fn answer(shared: &Shared, incoming: &Incoming) -> Reply {
    let Ok(envelope) = serde_json::from_slice::<serde_json::Value>(&incoming.body) else {
        return Reply::graph_error(400, "BadRequest", "The batch body is not JSON.");
    };
    let Some(members) = envelope["requests"].as_array() else {
        return Reply::graph_error(400, "BadRequest", "The batch body has no requests.");
    };
    if members.len() > MAX_MEMBERS {
        return Reply::graph_error(
            400,
            "BadRequest",
            "Invalid batch payload format: more than 20 requests.",
        );
    }
    let mut statuses: Vec<(String, u16)> = Vec::new();
    let mut responses = Vec::new();
    for member in members {
        let id = member["id"].as_str().unwrap_or_default().to_string();
        let failed_dependency = member["dependsOn"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(serde_json::Value::as_str)
            .any(|on| {
                statuses
                    .iter()
                    .any(|(done, status)| done == on && *status >= 400)
            });
        let reply = if failed_dependency {
            Reply::graph_error(424, "FailedDependency", "A request it depends on failed.")
        } else {
            match member_request(member) {
                Some(request) => {
                    shared.record(&request, true);
                    shared.answer(&request)
                }
                None => Reply::graph_error(400, "BadRequest", "A batch member is malformed."),
            }
        };
        statuses.push((id.clone(), reply.status_code()));
        responses.push(member_response(&id, reply));
    }
    responses.reverse();
    Reply::json(200, serde_json::json!({ "responses": responses }))
}

/// A member of the envelope as a request to the service root.
fn member_request(member: &serde_json::Value) -> Option<Incoming> {
    let method = member["method"].as_str()?.to_ascii_uppercase();
    let url = member["url"].as_str()?;
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let mut headers = http::HeaderMap::new();
    for (name, value) in member["headers"].as_object().into_iter().flatten() {
        let name = http::HeaderName::from_bytes(name.as_bytes()).ok()?;
        let value = http::HeaderValue::from_str(value.as_str()?).ok()?;
        headers.insert(name, value);
    }
    let body = match &member["body"] {
        serde_json::Value::Null => Vec::new(),
        serde_json::Value::String(text) if !is_json(&headers) => {
            base64::engine::general_purpose::STANDARD
                .decode(text)
                .ok()?
        }
        value => value.to_string().into_bytes(),
    };
    Some(Incoming {
        method,
        path: format!("/v1.0/{}", path.trim_start_matches('/')),
        query: query.to_string(),
        headers,
        body,
    })
}

/// A reply as a member of the batch answer: JSON bodies as JSON, others in base64.
fn member_response(id: &str, reply: Reply) -> serde_json::Value {
    let (status, headers, body) = match reply {
        Reply::Answer {
            status,
            headers,
            body,
            ..
        }
        | Reply::CutOff {
            status,
            headers,
            body,
            ..
        } => (status, headers, body),
    };
    let mut response = serde_json::json!({ "id": id, "status": status });
    let content_type = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| value.to_ascii_lowercase());
    if !headers.is_empty() {
        let map: serde_json::Map<String, serde_json::Value> = headers
            .into_iter()
            .map(|(name, value)| (name, value.into()))
            .collect();
        response["headers"] = map.into();
    }
    if !body.is_empty() {
        let json = content_type
            .as_deref()
            .is_none_or(|kind| kind.contains("json"));
        response["body"] = match serde_json::from_slice::<serde_json::Value>(&body) {
            Ok(value) if json => value,
            _ => base64::engine::general_purpose::STANDARD
                .encode(&body)
                .into(),
        };
    }
    response
}

fn is_json(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.to_ascii_lowercase().contains("json"))
}
