//! Structs: entity and complex types, their `<Type>Update` bodies, and action `<Op>Body` structs.

use super::docs::{code, Doc};
use crate::emit::plan::types::{
    FieldPlan, Scalar, TypePlan, TypesPlan, ValueType, ADDITIONAL_PROPERTIES,
};
use crate::emit::tokens::rust_ident;
use proc_macro2::TokenStream;
use quote::quote;

/// The derives of every data struct, by full path so no docs type name can shadow them.
/// `Serialize` and `Deserialize` are written out instead ([`serde_impls`]).
pub fn data_derives() -> TokenStream {
    quote! {
        #[derive(
            ::core::clone::Clone,
            ::core::fmt::Debug,
            ::core::default::Default,
            ::core::cmp::PartialEq
        )]
    }
}

/// How a field is held, and so how it is read from and written to the JSON object.
#[derive(Clone, Copy)]
enum Held {
    /// `Option<T>`: absent or `null` reads as `None`; `None` is not written.
    Optional,
    /// `Vec<T>`: absent or `null` reads as empty; empty is not written.
    Collection,
    /// `Patch<T>`: absent is `Unchanged` (not written), `null` is `Clear`.
    Patch,
}

/// `Serialize` and `Deserialize` for a data struct, through `crate::runtime::Object` and
/// `crate::runtime::Fields`: each field written or taken by its wire name, then the rest
/// (`additional_properties`). Derived, with `skip_serializing_if` and `#[serde(flatten)]`, they
/// expand to ~450 lines per struct (a field visitor for every primitive, four copies of the
/// name table); that was most of the crate's compile time. The JSON is the same. `cfg` (empty,
/// or the struct's `#[cfg(...)]`) gates each impl: an attribute covers one item only.
fn serde_impls(
    ident: &proc_macro2::Ident,
    fields: &[(&FieldPlan<'_>, Held)],
    cfg: &TokenStream,
) -> TokenStream {
    let serialize = serialize_impl(ident, fields);
    let deserialize = deserialize_impl(ident, fields);
    quote! { #cfg #serialize #cfg #deserialize }
}

fn serialize_impl(ident: &proc_macro2::Ident, fields: &[(&FieldPlan<'_>, Held)]) -> TokenStream {
    let extra = rust_ident(ADDITIONAL_PROPERTIES);
    let writes = fields.iter().map(|(field, held)| {
        let name = rust_ident(&field.rust);
        let wire = &field.property.name;
        let method = match held {
            Held::Optional => quote!(optional),
            Held::Collection => quote!(collection),
            Held::Patch => quote!(patch),
        };
        quote!(object.#method(#wire, &self.#name)?;)
    });
    let mutable = (!fields.is_empty()).then(|| quote!(mut));
    quote! {
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                let #mutable object = crate::runtime::Object::begin(serializer)?;
                #(#writes)*
                object.end(&self.#extra)
            }
        }
    }
}

fn deserialize_impl(ident: &proc_macro2::Ident, fields: &[(&FieldPlan<'_>, Held)]) -> TokenStream {
    let extra = rust_ident(ADDITIONAL_PROPERTIES);
    let reads = fields.iter().map(|(field, held)| {
        let name = rust_ident(&field.rust);
        let wire = &field.property.name;
        match held {
            Held::Optional | Held::Collection => quote!(#name: fields.take(#wire),),
            Held::Patch => quote!(#name: fields.take_patch(#wire),),
        }
    });
    // No `?` inside the struct literal: each one would drop every field built before it,
    // which costs rustc memory quadratic in the field count (`Fields` keeps the first error).
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let mut fields = crate::runtime::Fields::read(deserializer)?;
                let value = Self {
                    #(#reads)*
                    #extra: fields.rest(),
                };
                fields.finish(value)
            }
        }
    }
}

pub fn scalar_tokens(scalar: &Scalar) -> TokenStream {
    match scalar {
        Scalar::String => quote!(::std::string::String),
        Scalar::Bool => quote!(bool),
        Scalar::I8 => quote!(i8),
        Scalar::U8 => quote!(u8),
        Scalar::I16 => quote!(i16),
        Scalar::I32 => quote!(i32),
        Scalar::U32 => quote!(u32),
        Scalar::I64 => quote!(i64),
        Scalar::F32 => quote!(f32),
        Scalar::F64 => quote!(f64),
        Scalar::Named { rust, .. } => {
            let ident = rust_ident(rust);
            quote!(crate::types::#ident)
        }
        Scalar::Text(name) => {
            let ident = rust_ident(name);
            quote!(crate::runtime::#ident)
        }
        Scalar::Json => quote!(::serde_json::Value),
    }
}

/// The type of a value as it is held: `Vec<T>` for collections, `Box<T>` when boxed, else `T`.
pub fn value_tokens(value: &ValueType) -> TokenStream {
    let scalar = scalar_tokens(&value.scalar);
    if value.collection {
        quote!(::std::vec::Vec<#scalar>)
    } else if value.boxed {
        quote!(::std::boxed::Box<#scalar>)
    } else {
        scalar
    }
}

/// A plain field: `Vec<T>` (absent or null reads as empty) or `Option<T>` (absent or null reads
/// as `None`). Every property is optional on the wire: `$select`, create bodies and truncated
/// examples all leave properties out, whatever the docs say about nullability.
fn field_tokens(field: &FieldPlan<'_>) -> TokenStream {
    let ident = rust_ident(&field.rust);
    let doc = field_doc(field).attrs();
    let ty = field_type(field);
    quote! {
        #doc
        pub #ident: #ty,
    }
}

/// The type of a data struct's field: `Vec<T>` for a collection, else `Option<T>`.
pub fn field_type(field: &FieldPlan<'_>) -> TokenStream {
    let value = value_tokens(&field.value);
    if field.value.collection {
        value
    } else {
        quote!(::std::option::Option<#value>)
    }
}

fn field_doc(field: &FieldPlan<'_>) -> Doc {
    let p = field.property;
    let mut doc = Doc::new().description(&p.description);
    if let Some(note) = text_primitive_note(p) {
        doc = doc.line(note);
    }
    let lower = p.description.flat_text().to_ascii_lowercase();
    if p.read_only && !lower.contains("read-only") && !lower.contains("read only") {
        doc = doc.line("Read-only: set by the service.");
    }
    if p.navigation {
        doc = doc.line("A relationship: present only when expanded (`$expand`).");
    }
    doc
}

/// `Stream` stays plain text (the other text primitives are runtime newtypes documented there).
fn text_primitive_note(p: &crate::ir::Property) -> Option<&'static str> {
    (p.type_ref.kind == crate::ir::TypeRefKind::Primitive && p.type_ref.name == "Stream")
        .then_some("`Stream`, as text (usually absent; the content has its own request).")
}

fn additional_properties_field() -> TokenStream {
    let ident = rust_ident(ADDITIONAL_PROPERTIES);
    quote! {
        /// Properties the docs do not list, kept so that nothing is lost on a round trip.
        pub #ident: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
    }
}

/// A data struct with the given fields and the catch-all map, and its `Serialize` and
/// `Deserialize`; `cfg` (empty, or a `#[cfg(...)]`) gates all three.
pub fn data_struct(
    rust: &str,
    doc: &Doc,
    fields: &[FieldPlan<'_>],
    cfg: &TokenStream,
) -> TokenStream {
    let ident = rust_ident(rust);
    let derives = data_derives();
    let doc = doc.attrs();
    let held: Vec<_> = fields
        .iter()
        .map(|f| {
            let held = if f.value.collection {
                Held::Collection
            } else {
                Held::Optional
            };
            (f, held)
        })
        .collect();
    let serde = serde_impls(&ident, &held, cfg);
    let fields = fields.iter().map(field_tokens);
    let extra = additional_properties_field();
    quote! {
        #cfg
        #doc
        #derives
        pub struct #ident {
            #(#fields)*
            #extra
        }

        #serde
    }
}

/// The struct of an entity or complex type, its `GraphType` and `Derives` impls, and its update
/// struct when one is needed.
pub fn type_items(plan: &TypePlan<'_>, types: &TypesPlan<'_>) -> TokenStream {
    let def = plan.def;
    let mut doc = Doc::new().description(&def.description);
    doc = doc.line(format!(
        "Docs: {} in {}.",
        code(&def.name),
        code(&def.source.file)
    ));
    if let Some(base) = def.base() {
        doc = doc.line(format!(
            "Includes the properties of its base type {}.",
            code(base)
        ));
    }
    if def.structure().is_some_and(|s| s.is_abstract) {
        doc = doc.line("Abstract: values are of a derived type, whose extra properties land in `additional_properties`; read one as its derived type with [`GraphType::downcast`](crate::runtime::GraphType::downcast).");
    }
    let main = data_struct(&plan.rust, &doc, &plan.fields, &TokenStream::new());
    let graph_type = super::odata::graph_type_items(plan, types);
    let update = plan
        .update
        .as_ref()
        .map(|update| update_struct(plan, update));
    quote! { #main #graph_type #update }
}

/// `<Type>Update`: every writable property as `Patch<T>` (unchanged, cleared, set); read-only
/// properties and relationships are left out.
fn update_struct(plan: &TypePlan<'_>, update: &str) -> TokenStream {
    let ident = rust_ident(update);
    let derives = data_derives();
    let doc = Doc::new()
        .line(format!(
            "Changes to a [`{}`](crate::types::{}) sent with `PATCH`: each field is left unchanged (absent), cleared (`null`) or set.",
            plan.rust, plan.rust
        ))
        .line("Read-only properties and relationships are left out; properties the docs do not list can be set in `additional_properties`.")
        .attrs();
    let writable = update_fields(plan);
    let fields = writable.iter().map(|field| {
        let p = field.property;
        let ident = rust_ident(&field.rust);
        let doc = Doc::new().description(&p.description).attrs();
        let ty = patch_field_type(field);
        quote! {
            #doc
            pub #ident: #ty,
        }
    });
    let held: Vec<_> = writable.iter().map(|f| (*f, Held::Patch)).collect();
    let serde = serde_impls(&ident, &held, &TokenStream::new());
    let extra = additional_properties_field();
    quote! {
        #doc
        #derives
        pub struct #ident {
            #(#fields)*
            #extra
        }

        #serde
    }
}

/// The fields of a type's `<Type>Update` struct: its writable properties (not read-only, not
/// relationships).
pub fn update_fields<'p, 'm>(plan: &'p TypePlan<'m>) -> Vec<&'p FieldPlan<'m>> {
    plan.fields
        .iter()
        .filter(|f| !f.property.read_only && !f.property.navigation)
        .collect()
}

/// The type of an update struct's field: `Patch<T>` (never boxed: a patch holds what it sets).
pub fn patch_field_type(field: &FieldPlan<'_>) -> TokenStream {
    let value = value_tokens(&ValueType {
        boxed: false,
        ..field.value.clone()
    });
    quote!(crate::runtime::Patch<#value>)
}
