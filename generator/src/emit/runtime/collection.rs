//! The runtime's `Collection<T>` (a page of a collection) and `Fields` (struct deserialization).

use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn collection() -> TokenStream {
    quote! {
        /// One page of a collection: `{"value": [...], "@odata.nextLink": "..."}`.
        #[derive(
            ::core::clone::Clone,
            ::core::fmt::Debug,
            ::core::default::Default,
            ::core::cmp::PartialEq,
            ::serde::Serialize,
            ::serde::Deserialize
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
            /// The total count, when `$count=true` was asked for.
            #[serde(
                rename = "@odata.count",
                default,
                skip_serializing_if = "::core::option::Option::is_none"
            )]
            pub count: ::core::option::Option<i64>,
            /// Other annotations (`@odata.context`, `@odata.deltaLink`, ...).
            #[serde(flatten)]
            pub additional_properties: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }

        impl<T> Collection<T> {
            /// The request for the next page, to the service root [`DEFAULT_BASE_URL`]; see
            /// [`Collection::next_request_with_base`].
            pub fn next_request(
                &self,
            ) -> ::core::option::Option<::core::result::Result<::http::Request<::std::vec::Vec<u8>>, Error>> {
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
            ) -> ::core::option::Option<::core::result::Result<::http::Request<::std::vec::Vec<u8>>, Error>> {
                let next_link = self.next_link.as_deref()?;
                ::core::option::Option::Some(next_page_request(next_link, base))
            }
        }

        impl<T: ::serde::de::DeserializeOwned> Collection<T> {
            /// Reads a page, e.g. the response to [`Collection::next_request`].
            pub fn parse_response(response: ::http::Response<::std::vec::Vec<u8>>) -> ::core::result::Result<Self, Error> {
                parse_json(response)
            }
        }

        fn next_page_request(
            next_link: &str,
            base: &str,
        ) -> ::core::result::Result<::http::Request<::std::vec::Vec<u8>>, Error> {
            let untrusted = || Error::UntrustedNextLink { next_link: next_link.to_string() };
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
        fn same_origin(link: &::http::Uri, base: &::http::Uri) -> bool {
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
            match (link.scheme_str(), base.scheme_str(), link.host(), base.host()) {
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

        /// The JSON object of a struct being deserialized: the struct takes its properties out
        /// by wire name and keeps the rest as `additional_properties`. (One small reader for
        /// every struct: a derived `Deserialize` with `#[serde(flatten)]` is ~400 lines of
        /// expanded code per struct, which was most of this crate's compile time.)
        pub struct Fields<E> {
            map: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
            error: ::core::marker::PhantomData<E>,
        }

        impl<E: ::serde::de::Error> Fields<E> {
            /// Reads the object.
            pub fn read<'de, D: ::serde::Deserializer<'de, Error = E>>(deserializer: D) -> ::core::result::Result<Self, E> {
                let map = ::serde::Deserialize::deserialize(deserializer)?;
                ::core::result::Result::Ok(Self { map, error: ::core::marker::PhantomData })
            }

            /// A property; absent or `null` reads as the default (`None`, an empty collection),
            /// as Graph sends both.
            pub fn take<T: ::serde::de::DeserializeOwned + ::core::default::Default>(&mut self, key: &str) -> ::core::result::Result<T, E> {
                match self.map.remove(key) {
                    ::core::option::Option::None | ::core::option::Option::Some(::serde_json::Value::Null) => {
                        ::core::result::Result::Ok(T::default())
                    }
                    ::core::option::Option::Some(value) => T::deserialize(value).map_err(|error| field_error(key, &error)),
                }
            }

            /// A property of an update body: absent is `Unchanged`, `null` is `Clear`.
            pub fn take_patch<T: ::serde::de::DeserializeOwned>(&mut self, key: &str) -> ::core::result::Result<Patch<T>, E> {
                match self.map.remove(key) {
                    ::core::option::Option::None => ::core::result::Result::Ok(Patch::Unchanged),
                    ::core::option::Option::Some(::serde_json::Value::Null) => ::core::result::Result::Ok(Patch::Clear),
                    ::core::option::Option::Some(value) => {
                        T::deserialize(value).map(Patch::Set).map_err(|error| field_error(key, &error))
                    }
                }
            }

            /// The properties no field took.
            pub fn rest(self) -> ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value> {
                self.map.into_iter().collect()
            }
        }

        fn field_error<E: ::serde::de::Error>(key: &str, error: &::serde_json::Error) -> E {
            E::custom(::core::format_args!("property `{key}`: {error}"))
        }
    }
}
