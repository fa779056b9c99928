//! The runtime's `Object`: how every data struct serializes itself (the mirror of `Fields`).

use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn object() -> TokenStream {
    quote! {
        /// The JSON object of a struct being serialized: the struct writes its properties by
        /// wire name, leaving out what is absent, then its `additional_properties`. (One small
        /// writer for every struct: a derived `Serialize` with `skip_serializing_if` and
        /// `#[serde(flatten)]` is ~55 lines of expanded code per struct, a sixth of this crate's
        /// compile time.)
        pub struct Object<S: ::serde::Serializer> {
            map: S::SerializeMap,
        }

        impl<S: ::serde::Serializer> Object<S> {
            /// Starts the object.
            pub fn begin(serializer: S) -> ::core::result::Result<Self, S::Error> {
                ::core::result::Result::Ok(Self {
                    map: ::serde::Serializer::serialize_map(serializer, ::core::option::Option::None)?,
                })
            }

            /// A property that may be absent: written unless `None`.
            pub fn optional<T: ::serde::Serialize>(
                &mut self,
                key: &str,
                value: &::core::option::Option<T>,
            ) -> ::core::result::Result<(), S::Error> {
                match value {
                    ::core::option::Option::Some(value) => ::serde::ser::SerializeMap::serialize_entry(&mut self.map, key, value),
                    ::core::option::Option::None => ::core::result::Result::Ok(()),
                }
            }

            /// A collection: written unless empty.
            pub fn collection<T: ::serde::Serialize>(
                &mut self,
                key: &str,
                value: &[T],
            ) -> ::core::result::Result<(), S::Error> {
                if value.is_empty() {
                    ::core::result::Result::Ok(())
                } else {
                    ::serde::ser::SerializeMap::serialize_entry(&mut self.map, key, value)
                }
            }

            /// A property of an update body: absent when `Unchanged`, `null` when `Clear`.
            pub fn patch<T: ::serde::Serialize>(
                &mut self,
                key: &str,
                value: &Patch<T>,
            ) -> ::core::result::Result<(), S::Error> {
                if value.is_unchanged() {
                    ::core::result::Result::Ok(())
                } else {
                    ::serde::ser::SerializeMap::serialize_entry(&mut self.map, key, value)
                }
            }

            /// Writes the properties the docs do not list and ends the object.
            pub fn end(
                mut self,
                rest: &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                for (key, value) in rest {
                    ::serde::ser::SerializeMap::serialize_entry(&mut self.map, key, value)?;
                }
                ::serde::ser::SerializeMap::end(self.map)
            }
        }
    }
}
