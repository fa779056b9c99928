//! The wire format of `$batch`: a request as a member of the envelope, and the answers read
//! back as if each had come alone.

use super::super::{Binary, Error};

/// One request of the envelope: `id` (its place from 1), method, URL relative to the service
/// root, headers, body (JSON as JSON, anything else as base64) and `dependsOn`.
pub(super) fn member(
    index: usize,
    request: &::http::Request<::std::vec::Vec<u8>>,
    depends_on: &[usize],
    base_url: &str,
) -> ::core::result::Result<::serde_json::Value, Error> {
    let uri = request.uri().to_string();
    let url = uri.strip_prefix(base_url).ok_or_else(|| {
        Error::Protocol(::std::format!(
            "{uri} is not under the service root, so it cannot be batched"
        ))
    })?;
    let mut member = ::serde_json::Map::new();
    member.insert("id".into(), (index + 1).to_string().into());
    member.insert("method".into(), request.method().as_str().into());
    member.insert("url".into(), url.into());
    let headers: ::serde_json::Map<::std::string::String, ::serde_json::Value> = request
        .headers()
        .iter()
        .filter_map(|(name, value)| {
            ::core::option::Option::Some((name.as_str().to_string(), value.to_str().ok()?.into()))
        })
        .collect();
    if !headers.is_empty() {
        member.insert("headers".into(), headers.into());
    }
    if !request.body().is_empty() {
        let body = if is_json(request.headers()) {
            ::serde_json::from_slice(request.body())?
        } else {
            ::serde_json::Value::String(Binary::encode(request.body()).into_string())
        };
        member.insert("body".into(), body);
    }
    if !depends_on.is_empty() {
        let ids: ::std::vec::Vec<::serde_json::Value> = depends_on
            .iter()
            .map(|at| (at + 1).to_string().into())
            .collect();
        member.insert("dependsOn".into(), ids.into());
    }
    ::core::result::Result::Ok(::serde_json::Value::Object(member))
}

/// One request's answer, as if it had come alone, or why there is none.
pub(super) type Reply = ::core::result::Result<::http::Response<::std::vec::Vec<u8>>, Error>;

/// The answers of a batch envelope to the requests `indices`, in that order (the service
/// answers in any order); an answer missing is an error of its request only.
pub(super) fn read_replies(
    body: &[u8],
    indices: &[usize],
) -> ::core::result::Result<::std::vec::Vec<Reply>, Error> {
    let replies: BatchReplies = ::serde_json::from_slice(body)?;
    let mut by_id: ::std::collections::BTreeMap<::std::string::String, BatchReply> = replies
        .responses
        .into_iter()
        .map(|reply| (reply.id.clone(), reply))
        .collect();
    let answers = indices
        .iter()
        .map(|index| {
            let id = (index + 1).to_string();
            match by_id.remove(&id) {
                ::core::option::Option::Some(reply) => reply.into_response(),
                ::core::option::Option::None => ::core::result::Result::Err(Error::Protocol(
                    ::std::format!("the batch answer has no response for request {id}"),
                )),
            }
        })
        .collect();
    ::core::result::Result::Ok(answers)
}

#[derive(::serde::Deserialize)]
struct BatchReplies {
    #[serde(default)]
    responses: ::std::vec::Vec<BatchReply>,
}

#[derive(::serde::Deserialize)]
struct BatchReply {
    id: ::std::string::String,
    status: u16,
    #[serde(default)]
    headers: ::std::collections::BTreeMap<::std::string::String, ::std::string::String>,
    #[serde(default)]
    body: ::core::option::Option<::serde_json::Value>,
}

impl BatchReply {
    /// The answer as if it came alone: JSON bodies as JSON, others from base64.
    fn into_response(self) -> ::core::result::Result<::http::Response<::std::vec::Vec<u8>>, Error> {
        let mut builder = ::http::Response::builder().status(self.status);
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let json = self.headers.iter().all(|(name, value)| {
            !name.eq_ignore_ascii_case("content-type")
                || value.to_ascii_lowercase().contains("json")
        });
        let body = match self.body {
            ::core::option::Option::None => ::std::vec::Vec::new(),
            ::core::option::Option::Some(::serde_json::Value::String(text)) if !json => {
                match Binary::from(text.as_str()).decode() {
                    ::core::result::Result::Ok(bytes) => bytes,
                    ::core::result::Result::Err(_) => text.into_bytes(),
                }
            }
            ::core::option::Option::Some(value) => ::serde_json::to_vec(&value)?,
        };
        ::core::result::Result::Ok(builder.body(body)?)
    }
}

fn is_json(headers: &::http::HeaderMap) -> bool {
    headers
        .get(::http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.to_ascii_lowercase().contains("json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(
        method: &str,
        path: &str,
        body: Option<(&'static str, &[u8])>,
    ) -> ::http::Request<Vec<u8>> {
        let method = ::http::Method::from_bytes(method.as_bytes()).unwrap_or_default();
        let body = body.map(|(kind, bytes)| (kind, bytes.to_vec()));
        super::super::super::build_request(
            method,
            "https://graph.microsoft.com/v1.0",
            path,
            &[],
            body,
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn members_carry_relative_urls_and_bodies_by_content_type() {
        let base = "https://graph.microsoft.com/v1.0";
        let get = member(0, &request("GET", "/me", None), &[], base).unwrap_or_default();
        assert_eq!(
            get,
            ::serde_json::json!({"id": "1", "method": "GET", "url": "/me", "headers": {"accept": "application/json"}})
        );
        let text = request("PUT", "/me/notes/content", Some(("text/plain", b"hi")));
        let put = member(4, &text, &[1, 2], base).unwrap_or_default();
        assert_eq!(put["body"], ::serde_json::json!("aGk="));
        assert_eq!(put["dependsOn"], ::serde_json::json!(["2", "3"]));
        let bad_json = request("POST", "/me/notes", Some(("application/json", b"{")));
        assert!(::core::matches!(
            member(0, &bad_json, &[], base),
            Err(Error::Json(_))
        ));
        let elsewhere = member(
            0,
            &request("GET", "/me", None),
            &[],
            "https://graph.microsoft.com/beta",
        );
        assert!(::core::matches!(elsewhere, Err(Error::Protocol(_))));
    }

    #[test]
    fn replies_become_responses_with_their_status_headers_and_body() {
        let body = br#"{"responses": [
            {"id": "2", "status": 200, "headers": {"Content-Type": "text/plain"}, "body": "not base64!"},
            {"id": "1", "status": 204}
        ]}"#;
        let replies = read_replies(body, &[0, 1, 2]).unwrap_or_else(|e| panic!("{e}"));
        let first = replies[0]
            .as_ref()
            .map(|r| (r.status().as_u16(), r.body().clone()));
        assert_eq!(first.ok(), Some((204, Vec::new())));
        let second = replies[1]
            .as_ref()
            .map(|r| r.body().clone())
            .unwrap_or_default();
        assert_eq!(second, b"not base64!");
        let header = replies[1]
            .as_ref()
            .ok()
            .and_then(|r| r.headers().get("content-type").cloned());
        assert_eq!(
            header.as_ref().and_then(|v| v.to_str().ok()),
            Some("text/plain")
        );
        assert!(::core::matches!(&replies[2], Err(Error::Protocol(m)) if m.ends_with("request 3")));
        assert!(::core::matches!(
            read_replies(b"<html>", &[0]),
            Err(Error::Json(_))
        ));
        let bad_status = read_replies(br#"{"responses":[{"id":"1","status":1000}]}"#, &[0]);
        assert!(::core::matches!(
            bad_status.as_deref(),
            Ok([Err(Error::Http(_))])
        ));
    }
}
