use super::*;
use crate::facts::status::{parse_status_line, StatusLine};
use crate::ir::BodyKind;

fn annotation(json: &str) -> Annotation {
    let fields = match serde_json::from_str(json) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => panic!("bad test annotation"),
    };
    Annotation {
        fields,
        span: Span::new("api/x.md", 4, 1),
    }
}

fn fence(text: &str, annotation_json: Option<&str>) -> CodeBlock {
    CodeBlock {
        lang: "http".into(),
        text: text.into(),
        span: Span::new("api/x.md", 9, 1),
        content_line: 10,
        annotation: annotation_json.map(annotation),
    }
}

fn codes(d: &[Diagnostic]) -> Vec<&str> {
    d.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn status_line_variants() {
    let ok = |l: &str| parse_status_line(l);
    assert_eq!(
        ok("HTTP/1.1 200 OK"),
        StatusLine {
            status: Some(200),
            problems: vec![]
        }
    );
    assert_eq!(ok("HTTP/1.1 204 No content").problems, Vec::<String>::new());
    assert_eq!(ok("HTTP/1.1 204 NoContent").problems, Vec::<String>::new());
    let cases = [
        ("HTTP 1.1 200 OK", Some(200), "lacks the `/`"),
        ("HTTP/1.1 422", Some(422), "no reason phrase"),
        ("HTTP/1.1 201 OK", Some(201), "does not match"),
        ("HTTP/1.1 202 Accpted", Some(202), "does not match"),
        ("HTTP 201 Created", Some(201), "no HTTP version"),
        ("HTTP", None, "no status code"),
    ];
    for (line, status, problem) in cases {
        let parsed = ok(line);
        assert_eq!(parsed.status, status, "{line}");
        assert!(
            parsed.problems.iter().any(|p| p.contains(problem)),
            "{line}: {:?}",
            parsed.problems
        );
    }
}

#[test]
fn request_with_blank_line_before_headers() {
    let mut d = Vec::new();
    let text = "POST https://graph.microsoft.com/v1.0/users?$select=id\n\nContent-type: application/json\nContent-length: 20\n\n{\"displayName\": \"A\"}\n";
    let r = read_request(&fence(text, None), "api/x.md", &mut d).expect("request");
    assert_eq!(r.method.map(|m| m.as_str()), Some("POST"));
    assert_eq!(r.path.as_deref(), Some("/users"));
    assert_eq!(r.query, vec![("$select".to_string(), "id".to_string())]);
    assert_eq!(r.headers.len(), 2);
    assert_eq!(r.body.kind, BodyKind::Json);
    assert_eq!(r.source.line, 10);
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn request_without_headers_and_foreign_host() {
    let mut d = Vec::new();
    let r = read_request(&fence("GET /me/events\n", None), "api/x.md", &mut d).expect("request");
    assert_eq!(
        (r.path.as_deref(), r.body.kind),
        (Some("/me/events"), BodyKind::None)
    );
    let r = read_request(
        &fence("POST https://bot.contoso.com/api/calls\n", None),
        "api/x.md",
        &mut d,
    )
    .expect("request");
    assert_eq!(r.path, None);
    assert_eq!(codes(&d), vec!["http-foreign-host"]);
}

#[test]
fn seed_request_has_no_path_and_a_placeholder_array() {
    let mut d = Vec::new();
    let text = "PATCH https://graph.microsoft.com/beta\n\nContent-Type: application/json\nContent-Length: 224\n\n[\n  {\n    \"@odata.type\": \"#microsoft.graph.x\",\n    \"errorDeviceCount\": \"Int32\",\n    \"id\": \"String(identifier)\"\n  }\n]\n\n";
    let r = read_request(&fence(text, None), "api/x.md", &mut d).expect("request");
    assert_eq!(r.path, None);
    assert_eq!(r.body.kind, BodyKind::Placeholder);
    assert!(r.body.json.as_ref().is_some_and(|j| j.is_array()));
    assert_eq!(
        codes(&d),
        vec!["example-url-no-path", "example-request-placeholder"]
    );
}

#[test]
fn seed_response_blank_line_after_status_and_no_blank_before_body() {
    let mut d = Vec::new();
    let text = "HTTP 1.1 200 OK\n\nContent-Type: application/json\n{\n  \"value\": [ {\"id\": \"x\"} ]\n}\n";
    let code = fence(
        text,
        Some(
            r#"{"blockType": "response", "truncated": true, "@odata.type": "$(this.ReturnTypeFullName)"}"#,
        ),
    );
    let r = read_response(&code, "api/x.md", &mut d);
    assert_eq!(r.status, Some(200));
    assert_eq!(
        r.headers,
        vec![("Content-Type".to_string(), "application/json".to_string())]
    );
    assert_eq!(r.body.kind, BodyKind::Json);
    assert!(r.truncated);
    assert_eq!(
        codes(&d),
        vec!["example-status-line", "annotation-placeholder"]
    );
}

#[test]
fn response_annotation_values() {
    let mut d = Vec::new();
    let code = fence(
        "HTTP/1.1 200 OK\nContent-type: application/json\n\n{}\n",
        Some(
            r#"{"blockType": "response", "truncated": "true", "isCollection": true, "@odata.type": "Microsoft.OutlookServices.message"}"#,
        ),
    );
    let r = read_response(&code, "api/x.md", &mut d);
    assert!(r.truncated);
    assert_eq!(r.is_collection, Some(true));
    assert_eq!(codes(&d), vec!["annotation-value"]);
    assert!(!is_internal_type_name("Collection(microsoft.graph.user)"));
    assert!(!is_internal_type_name(
        "#microsoft.graph.callRecords.session"
    ));
    assert!(is_internal_type_name("microsoft.management.services.api.x"));
}

#[test]
fn non_json_response_body() {
    let mut d = Vec::new();
    let r = read_response(
        &fence("HTTP/1.1 200 OK\nContent-Type: text/plain\n\n893\n", None),
        "api/x.md",
        &mut d,
    );
    assert_eq!(r.body.kind, BodyKind::Other);
    assert!(d.is_empty());
}

#[test]
fn fence_kinds_by_annotation_and_content() {
    let mut d = Vec::new();
    assert_eq!(
        fence_kind(
            &fence("GET /me\n", Some(r#"{"blockType": "request"}"#)),
            "api/x.md",
            &mut d
        ),
        FenceKind::Request
    );
    assert_eq!(
        fence_kind(&fence("GET /me\n", None), "api/x.md", &mut d),
        FenceKind::Request
    );
    assert_eq!(
        fence_kind(
            &fence("HTTP/1.1 204 No Content\n", None),
            "api/x.md",
            &mut d
        ),
        FenceKind::Response
    );
    assert_eq!(
        fence_kind(
            &fence("GET /me\n", Some(r#"{"blockType": "ignored"}"#)),
            "api/x.md",
            &mut d
        ),
        FenceKind::Other
    );
    assert_eq!(
        fence_kind(
            &fence("{}\n", Some(r#"{"blockType": "response"}"#)),
            "api/x.md",
            &mut d
        ),
        FenceKind::Response
    );
    assert!(d.is_empty());
    assert_eq!(
        fence_kind(
            &fence("GET /me\n", Some(r#"{"blockType": "response"}"#)),
            "api/x.md",
            &mut d
        ),
        FenceKind::Request
    );
    assert_eq!(codes(&d), vec!["annotation-misplaced"]);
}

#[test]
fn pairing() {
    let request = fence(
        "GET /me\n",
        Some(r#"{"blockType": "request", "name": "get_me"}"#),
    );
    let response = fence("HTTP/1.1 200 OK\n", Some(r#"{"blockType": "response"}"#));
    let f = |code, kind| Fence { code, kind };
    let mut d = Vec::new();
    let examples = pair_examples(
        &[
            f(&response, FenceKind::Response),
            f(&request, FenceKind::Request),
            f(&response, FenceKind::Response),
            f(&request, FenceKind::Request),
        ],
        "api/x.md",
        &mut d,
    );
    assert_eq!(examples.len(), 2);
    assert_eq!(examples[0].name.as_deref(), Some("get_me"));
    assert!(examples[0].response.is_some());
    assert!(examples[1].response.is_none());
    assert_eq!(codes(&d), vec!["example-unpaired", "example-unpaired"]);
}

#[test]
fn foreign_requests_are_not_examples_and_take_their_response() {
    let callback = fence("POST https://bot.contoso.com/api/calls\n", None);
    let ok = fence("HTTP/1.1 202 Accepted\n", None);
    let f = |code, kind| Fence { code, kind };
    let mut d = Vec::new();
    let examples = pair_examples(
        &[
            f(&callback, FenceKind::Request),
            f(&ok, FenceKind::Response),
        ],
        "api/x.md",
        &mut d,
    );
    assert!(examples.is_empty());
    assert_eq!(codes(&d), vec!["http-foreign-host"]);
}

#[test]
fn request_url_keeps_the_spaces_of_its_query() {
    let mut d = Vec::new();
    let text =
        "GET https://graph.microsoft.com/v1.0/notes?$filter=isPinned eq true and title eq 'a b'\n";
    let r = read_request(&fence(text, None), "api/x.md", &mut d).expect("request");
    assert_eq!(r.path.as_deref(), Some("/notes"));
    assert_eq!(
        r.query,
        vec![(
            "$filter".to_string(),
            "isPinned eq true and title eq 'a b'".to_string()
        )]
    );
    let with_protocol = "GET https://graph.microsoft.com/v1.0/me?$select=a b HTTP/1.1\n";
    let r = read_request(&fence(with_protocol, None), "api/x.md", &mut d).expect("request");
    assert_eq!(r.query, vec![("$select".to_string(), "a b".to_string())]);
    assert!(d.is_empty(), "{d:?}");
}
