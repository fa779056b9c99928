//! `Collection<T>`: one page of a collection, and the request for the next page (or, for a
//! saved delta link, the next round), which goes only to the service root the first request
//! went to.

use super::{parse_json, Error, DEFAULT_BASE_URL};

/// One page of a collection: `{"value": [...], "@odata.nextLink": "..."}`.
#[derive(
    ::core::clone::Clone,
    ::core::fmt::Debug,
    ::core::default::Default,
    ::core::cmp::PartialEq,
    ::serde::Serialize,
    ::serde::Deserialize,
)]
// Not serde's inferred `T: Default` (from `#[serde(default)]` on `value`).
#[serde(bound(deserialize = "T: ::serde::Deserialize<'de>"))]
pub struct Collection<T> {
    /// The items of this page.
    #[serde(default)]
    pub value: ::std::vec::Vec<T>,
    /// The URL of the next page, when there is one.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "::core::option::Option::is_none"
    )]
    pub next_link: ::core::option::Option<::std::string::String>,
    /// On the last page of a delta round: the URL that asks for what changed since. Store
    /// it, and request it later ([`link_request`]) to resume change tracking.
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "::core::option::Option::is_none"
    )]
    pub delta_link: ::core::option::Option<::std::string::String>,
    /// The total count, when `$count=true` was asked for.
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "::core::option::Option::is_none"
    )]
    pub count: ::core::option::Option<i64>,
    /// Other annotations (`@odata.context`, ...).
    #[serde(flatten)]
    pub additional_properties:
        ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
}

impl<T> Collection<T> {
    /// The request for the next page, to the service root [`DEFAULT_BASE_URL`]; see
    /// [`Collection::next_request_with_base`].
    pub fn next_request(
        &self,
    ) -> ::core::option::Option<::core::result::Result<::http::Request<::std::vec::Vec<u8>>, Error>>
    {
        self.next_request_with_base(DEFAULT_BASE_URL)
    }

    /// The request for the next page: a `GET` of `@odata.nextLink` as sent, or `None` on
    /// the last page. The link must have the scheme, host and port of `base` (the
    /// service root the first request went to): a link elsewhere is refused with
    /// [`Error::UntrustedNextLink`], so a caller that adds its token to every request
    /// never sends it to another host or over plain HTTP.
    pub fn next_request_with_base(
        &self,
        base: &str,
    ) -> ::core::option::Option<::core::result::Result<::http::Request<::std::vec::Vec<u8>>, Error>>
    {
        let next_link = self.next_link.as_deref()?;
        ::core::option::Option::Some(link_request(next_link, base))
    }
}

impl<T: ::serde::de::DeserializeOwned> Collection<T> {
    /// Reads a page, e.g. the response to [`Collection::next_request`].
    pub fn parse_response(
        response: ::http::Response<::std::vec::Vec<u8>>,
    ) -> ::core::result::Result<Self, Error> {
        parse_json(response)
    }
}

/// The request for a link the service gave: a `GET` of a next link, or of a delta link
/// saved from an earlier round, as sent. Like [`Collection::next_request_with_base`], it
/// is refused with [`Error::UntrustedNextLink`] unless the link has the scheme, host and
/// port of `base`.
pub fn link_request(
    next_link: &str,
    base: &str,
) -> ::core::result::Result<::http::Request<::std::vec::Vec<u8>>, Error> {
    let untrusted = || Error::UntrustedNextLink {
        next_link: next_link.to_string(),
    };
    let link: ::http::Uri = next_link.parse().map_err(|_| untrusted())?;
    let base: ::http::Uri = base.parse().map_err(::http::Error::from)?;
    if !same_origin(&link, &base) {
        return ::core::result::Result::Err(untrusted());
    }
    let request = ::http::Request::builder()
        .method(::http::Method::GET)
        .uri(link)
        .header(::http::header::ACCEPT, "application/json")
        .body(::std::vec::Vec::new())?;
    ::core::result::Result::Ok(request)
}

/// Same scheme, host and port, and no user name in the link (`https://host@other/`
/// reads as host `other`, but is refused outright).
pub(super) fn same_origin(link: &::http::Uri, base: &::http::Uri) -> bool {
    let port = |uri: &::http::Uri| {
        uri.port_u16().or_else(|| match uri.scheme_str() {
            ::core::option::Option::Some(scheme) if scheme.eq_ignore_ascii_case("https") => {
                ::core::option::Option::Some(443)
            }
            ::core::option::Option::Some(scheme) if scheme.eq_ignore_ascii_case("http") => {
                ::core::option::Option::Some(80)
            }
            _ => ::core::option::Option::None,
        })
    };
    let has_user = |uri: &::http::Uri| uri.authority().is_some_and(|a| a.as_str().contains('@'));
    match (
        link.scheme_str(),
        base.scheme_str(),
        link.host(),
        base.host(),
    ) {
        (
            ::core::option::Option::Some(link_scheme),
            ::core::option::Option::Some(base_scheme),
            ::core::option::Option::Some(link_host),
            ::core::option::Option::Some(base_host),
        ) => {
            link_scheme.eq_ignore_ascii_case(base_scheme)
                && link_host.eq_ignore_ascii_case(base_host)
                && port(link) == port(base)
                && !has_user(link)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_pages_are_requested_from_the_same_host_only() {
        let page = |next: Option<&str>| Collection::<i32> {
            next_link: next.map(ToString::to_string),
            ..Collection::default()
        };
        let link = "https://graph.microsoft.com/v1.0/users?$skiptoken=X%27Y&$top=5";
        let request = page(Some(link)).next_request().and_then(Result::ok);
        assert_eq!(
            request.as_ref().map(|r| r.uri().to_string()).as_deref(),
            Some(link)
        );
        assert_eq!(
            request.as_ref().map(|r| r.method()),
            Some(&::http::Method::GET)
        );
        assert!(request.as_ref().is_some_and(|r| r.body().is_empty()));
        let beta = "https://GRAPH.microsoft.com:443/beta/users?$skiptoken=1";
        assert!(page(Some(beta)).next_request().is_some_and(|r| r.is_ok()));
        let local = page(Some("http://localhost:8080/v1.0/users?$skip=2"));
        assert!(local
            .next_request_with_base("http://localhost:8080/v1.0")
            .is_some_and(|r| r.is_ok()));

        for foreign in [
            "https://elsewhere.example.net/v1.0/users?$skiptoken=1",
            "http://graph.microsoft.com/v1.0/users?$skiptoken=1",
            "https://graph.microsoft.com:8443/v1.0/users",
            "https://graph.microsoft.com.elsewhere.example/v1.0/users",
            "https://graph.microsoft.com@elsewhere.example.net/v1.0/users",
            "//elsewhere.example.net/v1.0/users",
            "/v1.0/users?$skiptoken=1",
            "not a url",
        ] {
            let refused = page(Some(foreign)).next_request();
            assert!(
                ::core::matches!(&refused, Some(Err(Error::UntrustedNextLink { next_link })) if next_link == foreign),
                "{foreign}: {refused:?}"
            );
        }
        let other_base = page(Some(link)).next_request_with_base("https://graph.microsoft.us/v1.0");
        assert!(::core::matches!(
            other_base,
            Some(Err(Error::UntrustedNextLink { .. }))
        ));
        assert!(page(None).next_request().is_none());
        assert!(page(None)
            .next_request_with_base("https://elsewhere.example.net")
            .is_none());
    }

    #[test]
    fn pages_read_their_items_and_next_link() {
        let body =
            br#"{"value":[1,2],"@odata.nextLink":"https://graph.microsoft.com/v1.0/x?$skip=2"}"#;
        let response = ::http::Response::builder()
            .status(200)
            .body(body.to_vec())
            .unwrap_or_default();
        let page = Collection::<i32>::parse_response(response).unwrap_or_default();
        assert_eq!(page.value, [1, 2]);
        assert!(page.next_request().is_some_and(|r| r.is_ok()));
    }

    #[test]
    fn a_saved_delta_link_is_requested_from_the_same_host_only() {
        let body = br#"{"value":[],"@odata.context":"x","@odata.deltaLink":"https://graph.microsoft.com/v1.0/users/delta?$deltatoken=a%2Bb"}"#;
        let response = ::http::Response::builder()
            .status(200)
            .body(body.to_vec())
            .unwrap_or_default();
        let page = Collection::<i32>::parse_response(response).unwrap_or_default();
        let link = page.delta_link.clone().unwrap_or_default();
        assert!(link.ends_with("$deltatoken=a%2Bb"), "{page:?}");
        assert!(page.next_request().is_none());
        assert_eq!(
            page.additional_properties.keys().collect::<Vec<_>>(),
            ["@odata.context"]
        );
        let request = link_request(&link, DEFAULT_BASE_URL).map(|r| r.uri().to_string());
        assert_eq!(request.ok().as_deref(), Some(link.as_str()));
        let elsewhere = link_request(&link, "https://graph.microsoft.de/v1.0");
        assert!(::core::matches!(
            elsewhere,
            Err(Error::UntrustedNextLink { next_link }) if next_link == link
        ));
        let again = ::serde_json::to_value(&page).unwrap_or_default();
        assert_eq!(again["@odata.deltaLink"], ::serde_json::json!(link));
    }
}
