//! Typed OData options and request headers on a generated crate (`tests/fixtures/pages/requests`):
//! what goes on the wire, where.

use snapshot_pages_requests::operations::{GetWidget, ListWidgets};
use snapshot_pages_requests::runtime::Operation;

fn query(request: &http::Request<Vec<u8>>) -> &str {
    request.uri().query().unwrap_or_default()
}

#[test]
fn options_the_page_does_not_list_are_typed_and_sent_in_order() {
    let list = ListWidgets {
        select: vec!["a".into(), "b".into()],
        top: Some(5),
        count: Some(true),
        orderby: vec!["a desc".into(), "b".into()],
        ..Default::default()
    };
    let request = list.to_request().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        query(&request),
        "$top=5&$select=a,b&$orderby=a%20desc,b&$count=true"
    );
    // Unset options are not sent.
    let request = ListWidgets::default()
        .to_request()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(request.uri().query(), None);
}

#[test]
fn headers_are_sent_as_headers_never_as_query() {
    let mut list = ListWidgets {
        if_none_match: Some("\"etag-1\"".into()),
        consistency_level: Some("eventual".into()),
        search: Some("\"displayName:left\"".into()),
        ..Default::default()
    };
    list.headers
        .insert("prefer", http::HeaderValue::from_static("return=minimal"));
    let request = list.to_request().unwrap_or_else(|e| panic!("{e}"));
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    assert_eq!(header("if-none-match"), Some("\"etag-1\""));
    assert_eq!(header("ConsistencyLevel"), Some("eventual"));
    assert_eq!(header("prefer"), Some("return=minimal"));
    assert_eq!(query(&request), "$search=%22displayName:left%22");

    let get = GetWidget {
        id: "w-1".into(),
        if_match: Some("bad\nvalue".into()),
        ..Default::default()
    };
    // A value that is no valid header value is an error, not a panic.
    assert!(get.to_request().is_err());
}
