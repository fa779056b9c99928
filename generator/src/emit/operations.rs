//! Operations: one struct per operation (path parameters, body, query options as fields), a path
//! enum when the docs give several alternative paths, and the `Operation` impl that builds the
//! request and reads the response.

use super::docs::{code, Doc};
use super::op_plan::{
    BodyPlan, OpPlan, ParamField, QueryField, ResponsePlan, TemplatePlan, EXTRA_QUERY_FIELD,
};
use super::plan::Scalar;
use super::structs::{data_struct, scalar_tokens, value_tokens};
use super::tokens::{cfg_feature, rust_ident};
use crate::ir::{Method, SegmentPart};
use proc_macro2::TokenStream;
use quote::quote;

/// Every item of one operation, each gated on the operation's workload feature.
pub fn operation_items(plan: &OpPlan<'_>) -> TokenStream {
    let cfg = cfg_feature(std::slice::from_ref(&plan.feature));
    let ident = rust_ident(&plan.rust);
    let doc = operation_doc(plan).attrs();
    let derives = if can_default(plan) {
        quote!(#[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::default::Default, ::core::cmp::PartialEq)])
    } else {
        quote!(#[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)])
    };

    let path_fields = match (&plan.path_enum, plan.templates.as_slice()) {
        (Some(path_enum), _) => {
            let path_ident = rust_ident(path_enum);
            let field = rust_ident(super::op_plan::PATH_FIELD);
            quote! {
                /// Which of the operation's paths to use, with its parameters.
                pub #field: #path_ident,
            }
        }
        (None, [template]) => {
            let fields = unique_params(template)
                .into_iter()
                .map(|p| param_field(p, true));
            quote! { #(#fields)* }
        }
        (None, _) => quote!(),
    };
    let body_field = body_type(plan).map(|ty| {
        let field = rust_ident(super::op_plan::BODY_FIELD);
        quote! {
            /// The request body.
            pub #field: #ty,
        }
    });
    let query_fields = plan.query.iter().map(|q| {
        let field = rust_ident(&q.rust);
        let mut doc = Doc::new()
            .line(format!("The {} query option.", code(&q.param.name)))
            .description(&q.param.description);
        if q.param.required {
            doc = doc.line("Required by the service.");
        }
        let doc = doc.attrs();
        let ty = query_field_type(q);
        quote! { #doc pub #field: #ty, }
    });
    let extra_query = rust_ident(EXTRA_QUERY_FIELD);

    let path_enum = plan
        .path_enum
        .as_ref()
        .map(|name| path_enum_items(plan, name, &cfg));
    let body_struct = match &plan.body {
        BodyPlan::Struct { rust, fields } => {
            let doc = Doc::new().line(format!("The request body of [`{}`].", plan.rust));
            Some(data_struct(rust, &doc, fields, &cfg))
        }
        _ => None,
    };
    let operation_impl = operation_impl(plan);

    quote! {
        #cfg
        #doc
        #derives
        pub struct #ident {
            #path_fields
            #body_field
            #(#query_fields)*
            /// More query options, sent as given (percent-encoded): `$select`, `$expand`, ...
            pub #extra_query: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
        }

        #path_enum
        #body_struct

        #cfg
        #operation_impl
    }
}

fn operation_doc(plan: &OpPlan<'_>) -> Doc {
    let op = plan.op;
    let mut doc = Doc::new().text(&op.title).description(&op.description);
    for template in &plan.templates {
        doc = doc.line(format!(
            "Sends {}.",
            code(&format!("{} {}", op.method, template.template.template))
        ));
    }
    if let Some(inferred) = &op.inferred_path {
        doc = doc.line(format!(
            "The path is inferred ({}), not given by the page.",
            super::docs::plain(&inferred.reason)
        ));
    }
    doc.line(format!("Docs: {}.", code(&op.source.file)))
}

/// The type of a query option's field: `Vec<T>` for a collection, else `Option<T>`.
pub(super) fn query_field_type(query: &QueryField<'_>) -> TokenStream {
    let value = value_tokens(&query.value);
    if query.value.collection {
        value
    } else {
        quote!(::core::option::Option<#value>)
    }
}

/// Whether every field has a default, so the struct can derive `Default`.
pub(super) fn can_default(plan: &OpPlan<'_>) -> bool {
    plan.path_enum.is_none()
        && match &plan.body {
            BodyPlan::Value(value) => {
                value.collection || !matches!(value.scalar, Scalar::Named { is_enum: true, .. })
            }
            BodyPlan::None | BodyPlan::Struct { .. } | BodyPlan::Raw => true,
        }
}

/// The template's parameters, each field once (a repeated wire name has its own field).
pub(super) fn unique_params<'a>(template: &'a TemplatePlan<'_>) -> Vec<&'a ParamField> {
    let mut seen = std::collections::BTreeSet::new();
    template
        .params
        .iter()
        .filter(|p| seen.insert(p.rust.as_str()))
        .collect()
}

/// A path parameter field; `public` is false inside enum variants (which cannot say `pub`).
fn param_field(param: &ParamField, public: bool) -> TokenStream {
    let field = rust_ident(&param.rust);
    let doc = Doc::new()
        .line(format!(
            "The {} path parameter.",
            code(&format!("{{{}}}", param.wire))
        ))
        .attrs();
    let vis = public.then(|| quote!(pub));
    quote! { #doc #vis #field: ::std::string::String, }
}

fn path_enum_items(plan: &OpPlan<'_>, name: &str, cfg: &TokenStream) -> TokenStream {
    let ident = rust_ident(name);
    let doc = Doc::new()
        .line(format!("The paths of [`{}`].", plan.rust))
        .attrs();
    let variants = plan.templates.iter().map(|template| {
        let variant = rust_ident(&template.variant);
        let doc = Doc::new().line(code(&template.template.template)).attrs();
        let params = unique_params(template);
        if params.is_empty() {
            quote! { #doc #variant, }
        } else {
            let fields = params.into_iter().map(|p| param_field(p, false));
            quote! { #doc #variant { #(#fields)* }, }
        }
    });
    quote! {
        #cfg
        #doc
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
        pub enum #ident {
            #(#variants)*
        }
    }
}

pub(super) fn body_type(plan: &OpPlan<'_>) -> Option<TokenStream> {
    match &plan.body {
        BodyPlan::None => None,
        BodyPlan::Value(value) => Some(value_tokens(value)),
        BodyPlan::Struct { rust, .. } => {
            let ident = rust_ident(rust);
            Some(quote!(#ident))
        }
        BodyPlan::Raw => Some(quote!(::std::vec::Vec<u8>)),
    }
}

/// The Rust type of a successful response; `root` is `crate` inside the crate and the crate's
/// name in its tests.
pub fn response_type(response: &ResponsePlan, root: &TokenStream) -> TokenStream {
    match response {
        ResponsePlan::Empty => quote!(()),
        ResponsePlan::Json(value) => retarget(value_tokens(value), root),
        ResponsePlan::Collection(scalar) => {
            let scalar = retarget(scalar_tokens(scalar), root);
            quote!(#root::runtime::Collection<#scalar>)
        }
        ResponsePlan::Raw => quote!(::std::vec::Vec<u8>),
    }
}

/// Replaces a leading `crate` in type tokens with `root`.
pub fn retarget(tokens: TokenStream, root: &TokenStream) -> TokenStream {
    tokens
        .into_iter()
        .flat_map(|tree| match tree {
            proc_macro2::TokenTree::Ident(ident) if ident == "crate" => root.clone(),
            proc_macro2::TokenTree::Group(group) => {
                let inner = retarget(group.stream(), root);
                let mut new = proc_macro2::Group::new(group.delimiter(), inner);
                new.set_span(group.span());
                proc_macro2::TokenTree::Group(new).into()
            }
            other => other.into(),
        })
        .collect()
}

fn operation_impl(plan: &OpPlan<'_>) -> TokenStream {
    let ident = rust_ident(&plan.rust);
    let method = method_tokens(plan.op.method);
    let path = path_expr(plan);
    let query = query_statements(plan);
    let body = match &plan.body {
        BodyPlan::None => quote!(::core::option::Option::None),
        BodyPlan::Value(_) | BodyPlan::Struct { .. } => {
            quote!(::core::option::Option::Some((
                "application/json",
                ::serde_json::to_vec(&self.body)?
            )))
        }
        BodyPlan::Raw => quote!(::core::option::Option::Some((
            "application/octet-stream",
            ::core::clone::Clone::clone(&self.body)
        ))),
    };
    let response = response_type(&plan.response, &quote!(crate));
    let parse = match &plan.response {
        ResponsePlan::Empty => quote!(crate::runtime::parse_empty(response)),
        ResponsePlan::Json(_) | ResponsePlan::Collection(_) => {
            quote!(crate::runtime::parse_json(response))
        }
        ResponsePlan::Raw => quote!(crate::runtime::success_body(response)),
    };
    quote! {
        impl crate::runtime::Operation for #ident {
            type Response = #response;

            fn to_request_with_base(
                &self,
                base: &str,
            ) -> ::core::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::runtime::Error> {
                #path
                #query
                crate::runtime::build_request(#method, base, &path, &query, #body)
            }

            fn parse_response(
                response: ::http::Response<::std::vec::Vec<u8>>,
            ) -> ::core::result::Result<Self::Response, crate::runtime::Error> {
                #parse
            }
        }
    }
}

fn method_tokens(method: Method) -> TokenStream {
    match method {
        Method::Get => quote!(::http::Method::GET),
        Method::Post => quote!(::http::Method::POST),
        Method::Put => quote!(::http::Method::PUT),
        Method::Patch => quote!(::http::Method::PATCH),
        Method::Delete => quote!(::http::Method::DELETE),
    }
}

/// Characters kept as they are in a path literal from the docs; the rest is percent-encoded at
/// generation time (RFC 3986 `pchar` and `/`).
fn encode_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b':'
                    | b'@'
                    | b'/'
                    | b'%'
            );
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Pieces of a template's path: literal text (encoded) or a parameter field.
enum PathPiece<'a> {
    Literal(String),
    Param(&'a ParamField),
}

fn path_pieces<'a>(template: &'a TemplatePlan<'_>) -> Vec<PathPiece<'a>> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut params = template.params.iter();
    for segment in &template.template.segments {
        literal.push('/');
        for part in &segment.parts {
            match part {
                SegmentPart::Literal(text) => literal.push_str(&encode_literal(text)),
                SegmentPart::Param(_) => {
                    if let Some(param) = params.next() {
                        if !literal.is_empty() {
                            pieces.push(PathPiece::Literal(std::mem::take(&mut literal)));
                        }
                        pieces.push(PathPiece::Param(param));
                    }
                }
            }
        }
    }
    if !literal.is_empty() || pieces.is_empty() {
        pieces.push(PathPiece::Literal(literal));
    }
    pieces
}

/// Statements building `path` from pieces; parameters are read through `access`.
fn build_path(
    pieces: &[PathPiece<'_>],
    access: impl Fn(&ParamField) -> TokenStream,
) -> TokenStream {
    let piece_expr = |piece: &PathPiece<'_>| match piece {
        // One character is pushed as a `char` (clippy's `single_char_add_str`).
        PathPiece::Literal(text) if text.chars().count() == 1 => {
            let c = text.chars().next().unwrap_or('/');
            quote!(#c)
        }
        PathPiece::Literal(text) => quote!(#text),
        PathPiece::Param(param) => {
            let value = access(param);
            quote!(&crate::runtime::encode_path_segment(#value))
        }
    };
    match pieces {
        [PathPiece::Literal(text)] => quote! { let path = ::std::string::String::from(#text); },
        _ => {
            let pushes = pieces.iter().map(|piece| {
                let expr = piece_expr(piece);
                match piece {
                    PathPiece::Literal(text) if text.chars().count() == 1 => {
                        quote! { path.push(#expr); }
                    }
                    _ => quote! { path.push_str(#expr); },
                }
            });
            quote! {
                let mut path = ::std::string::String::new();
                #(#pushes)*
            }
        }
    }
}

fn path_expr(plan: &OpPlan<'_>) -> TokenStream {
    match (&plan.path_enum, plan.templates.as_slice()) {
        (Some(path_enum), templates) => {
            let enum_ident = rust_ident(path_enum);
            let arms = templates.iter().map(|template| {
                let variant = rust_ident(&template.variant);
                let params = unique_params(template);
                let bindings = params.iter().map(|p| rust_ident(&p.rust));
                let pattern = if params.is_empty() {
                    quote!(#enum_ident::#variant)
                } else {
                    quote!(#enum_ident::#variant { #(#bindings),* })
                };
                let build = build_path(&path_pieces(template), |p| {
                    let field = rust_ident(&p.rust);
                    quote!(#field)
                });
                let fixed = fixed_query(template);
                quote! { #pattern => { #build (path, ::std::vec![#(#fixed),*]) } }
            });
            quote! {
                let (path, fixed): (::std::string::String, ::std::vec::Vec<(::std::string::String, ::std::string::String)>) =
                    match &self.path {
                        #(#arms)*
                    };
            }
        }
        (None, [template]) => build_path(&path_pieces(template), |p| {
            let field = rust_ident(&p.rust);
            quote!(&self.#field)
        }),
        (None, _) => quote! { let path = ::std::string::String::new(); },
    }
}

/// The query pairs a template fixes (`?$expand=x` written in the path).
fn fixed_query(template: &TemplatePlan<'_>) -> Vec<TokenStream> {
    template
        .template
        .fixed_query
        .iter()
        .map(|(name, value)| quote!((::std::string::String::from(#name), ::std::string::String::from(#value))))
        .collect()
}

fn query_statements(plan: &OpPlan<'_>) -> TokenStream {
    let extra = rust_ident(EXTRA_QUERY_FIELD);
    let start = if plan.path_enum.is_some() {
        quote!(fixed)
    } else {
        let fixed = plan.templates.first().map(fixed_query).unwrap_or_default();
        if fixed.is_empty() && plan.query.is_empty() {
            return quote! { let query = ::core::clone::Clone::clone(&self.#extra); };
        }
        quote!(::std::vec![#(#fixed),*])
    };
    let pushes = plan.query.iter().map(|q| {
        let field = rust_ident(&q.rust);
        let name = &q.param.name;
        if q.value.collection {
            quote! {
                if !self.#field.is_empty() {
                    let values: ::std::vec::Vec<::std::string::String> =
                        self.#field.iter().map(::std::string::ToString::to_string).collect();
                    query.push((::std::string::String::from(#name), values.join(",")));
                }
            }
        } else {
            quote! {
                if let ::core::option::Option::Some(value) = &self.#field {
                    query.push((::std::string::String::from(#name), ::std::string::ToString::to_string(value)));
                }
            }
        }
    });
    quote! {
        let mut query: ::std::vec::Vec<(::std::string::String, ::std::string::String)> = #start;
        #(#pushes)*
        query.extend(::core::iter::Iterator::cloned(self.#extra.iter()));
    }
}
