//! Enums: one variant per documented member plus `Other(String)` (or the first free name of
//! `CATCH_ALL_VARIANTS` when a member is called `other`) for members the docs do not
//! list (Graph adds members over time, `unknownFutureValue` says so). Serde goes through the wire
//! string, by hand, so `Other` needs no serde attributes and unknown values never fail a response.

use super::docs::{code, Doc};
use crate::emit::plan::types::TypePlan;
use crate::emit::tokens::rust_ident;
use crate::ir::TypeBody;
use proc_macro2::TokenStream;
use quote::quote;

pub fn enum_items(plan: &TypePlan<'_>) -> TokenStream {
    let def = plan.def;
    let ident = rust_ident(&plan.rust);
    let other = rust_ident(plan.catch_all);
    let mut doc = Doc::new().description(&def.description);
    doc = doc.line(format!(
        "Docs: {} in {}.",
        code(&def.name),
        code(&def.source.file)
    ));
    if matches!(&def.body, TypeBody::Enum(body) if body.flags) {
        doc = doc.line(format!(
            "A flags enum: a combination of members arrives as {} holding the comma-separated text.",
            code(plan.catch_all)
        ));
    }
    let doc = doc.attrs();

    let variants = plan.variants.iter().map(|v| {
        let ident = rust_ident(&v.rust);
        let mut vdoc = Doc::new().description(&v.member.description);
        if v.rust != v.member.name {
            vdoc = vdoc.line(format!("Wire value: {}.", code(&v.member.name)));
        }
        let vdoc = vdoc.attrs();
        quote! { #vdoc #ident, }
    });
    let to_wire = plan.variants.iter().map(|v| {
        let ident = rust_ident(&v.rust);
        let wire = &v.member.name;
        quote! { Self::#ident => #wire, }
    });
    let from_wire = plan.variants.iter().map(|v| {
        let ident = rust_ident(&v.rust);
        let wire = &v.member.name;
        quote! { #wire => Self::#ident, }
    });

    // An enum without members would be a one-arm `match` (clippy's `match_single_binding`).
    let from_wire_body = if plan.variants.is_empty() {
        quote! { Self::#other(::std::borrow::ToOwned::to_owned(value)) }
    } else {
        quote! {
            match value {
                #(#from_wire)*
                other => Self::#other(::std::borrow::ToOwned::to_owned(other)),
            }
        }
    };
    quote! {
        #doc
        #[derive(
            ::core::clone::Clone,
            ::core::fmt::Debug,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::cmp::PartialOrd,
            ::core::cmp::Ord,
            ::core::hash::Hash
        )]
        pub enum #ident {
            #(#variants)*
            /// A value the docs do not list, as sent by the service.
            #other(::std::string::String),
        }

        impl #ident {
            /// The value as it is sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    Self::#other(value) => value.as_str(),
                }
            }

            fn from_wire(value: &str) -> Self {
                #from_wire_body
            }
        }

        impl ::core::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for #ident {
            type Err = ::core::convert::Infallible;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from_wire(value))
            }
        }

        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::core::result::Result::Ok(Self::from_wire(&value))
            }
        }
    }
}
