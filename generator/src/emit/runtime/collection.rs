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
