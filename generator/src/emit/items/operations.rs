//! Operations: one struct per operation (path parameters, body, query options as fields), a path
//! enum when the docs give several alternative paths, and the `Operation` impl that builds the
//! request and reads the response.

use super::docs::{code, Doc};
use super::paths::{
    fixed_query, has_fixed_query, param_field, path_enum_items, path_expr, unique_params,
};
use super::structs::{data_struct, scalar_tokens, value_tokens};
use crate::emit::plan::headers::HEADERS_FIELD;
use crate::emit::plan::operations::{
    BodyPlan, OpPlan, QueryField, ResponsePlan, EXTRA_QUERY_FIELD,
};
use crate::emit::plan::types::Scalar;
use crate::emit::tokens::{cfg_feature, rust_ident};
use crate::ir::Method;
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
            let field = rust_ident(crate::emit::plan::operations::PATH_FIELD);
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
        let field = rust_ident(crate::emit::plan::operations::BODY_FIELD);
        quote! {
            /// The request body.
            pub #field: #ty,
        }
    });
    let query_fields = plan.query.iter().map(|q| {
        let field = rust_ident(&q.rust);
        let doc = query_field_doc(q).attrs();
        let ty = query_field_type(q);
        quote! { #doc pub #field: #ty, }
    });
    let extra_query = rust_ident(EXTRA_QUERY_FIELD);
    let header_fields = plan.headers.iter().map(|h| {
        let field = rust_ident(&h.rust);
        let mut doc = Doc::new()
            .line(format!("The {} request header.", code(&h.name)))
            .description(&h.param.description);
        if h.param.required {
            doc = doc.line("Required by the service.");
        }
        let doc = doc.attrs();
        quote! { #doc pub #field: ::core::option::Option<::std::string::String>, }
    });
    let headers_field = rust_ident(HEADERS_FIELD);

    let path_enum = path_enum_items(plan);
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
            /// Any other query options, sent as given (percent-encoded) after the typed ones.
            pub #extra_query: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
            #(#header_fields)*
            /// Any other request headers, sent as given (added after the typed ones), e.g.
            /// `ConsistencyLevel: eventual` or `Prefer`.
            pub #headers_field: ::http::HeaderMap,
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

/// A query field's doc: the page's description when it has one, else what the system option
/// does; `$count` and `$search` say when Graph needs `ConsistencyLevel: eventual`.
fn query_field_doc(q: &QueryField<'_>) -> Doc {
    let mut doc = Doc::new().line(format!("The {} query option.", code(&q.name)));
    let described = q.param.filter(|p| !p.description.is_empty());
    match (described, q.system) {
        (Some(param), _) => doc = doc.description(&param.description),
        (None, Some(option)) => doc = doc.line(option.doc()),
        (None, None) => {}
    }
    if q.system.is_some_and(|o| o.needs_eventual_consistency()) {
        doc = doc.line(
            "On directory objects (users, groups, applications, devices, ...) Graph answers this \
             only with the request header `ConsistencyLevel: eventual` (an advanced query).",
        );
    }
    if q.param.is_some_and(|p| p.required) {
        doc = doc.line("Required by the service.");
    }
    doc
}

/// The type of a query option's field: `Vec<T>` for a collection, else `Option<T>`.
pub(in crate::emit) fn query_field_type(query: &QueryField<'_>) -> TokenStream {
    let value = value_tokens(&query.value);
    if query.value.collection {
        value
    } else {
        quote!(::core::option::Option<#value>)
    }
}

/// Whether every field has a default, so the struct can derive `Default`.
pub(in crate::emit) fn can_default(plan: &OpPlan<'_>) -> bool {
    plan.path_enum.is_none()
        && match &plan.body {
            BodyPlan::Value(value) => {
                value.collection || !matches!(value.scalar, Scalar::Named { is_enum: true, .. })
            }
            BodyPlan::None | BodyPlan::Struct { .. } | BodyPlan::Raw => true,
        }
}

pub(in crate::emit) fn body_type(plan: &OpPlan<'_>) -> Option<TokenStream> {
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
    let headers_field = rust_ident(HEADERS_FIELD);
    let typed_headers = plan.headers.iter().map(|h| {
        let (name, field) = (&h.name, rust_ident(&h.rust));
        quote!((#name, ::core::option::Option::as_deref(&self.#field)))
    });
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
                let mut request = crate::runtime::build_request(#method, base, &path, &query, #body)?;
                crate::runtime::add_headers(&mut request, &[#(#typed_headers),*], &self.#headers_field)?;
                ::core::result::Result::Ok(request)
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

fn query_statements(plan: &OpPlan<'_>) -> TokenStream {
    let extra = rust_ident(EXTRA_QUERY_FIELD);
    let start = if plan.path_enum.is_some() {
        if has_fixed_query(plan) {
            quote!(self.path.fixed_query())
        } else if plan.query.is_empty() {
            return quote! { let query = ::core::clone::Clone::clone(&self.#extra); };
        } else {
            quote!(::std::vec::Vec::new())
        }
    } else {
        let fixed = plan.templates.first().map(fixed_query).unwrap_or_default();
        if fixed.is_empty() && plan.query.is_empty() {
            return quote! { let query = ::core::clone::Clone::clone(&self.#extra); };
        }
        quote!(::std::vec![#(#fixed),*])
    };
    let pushes = plan.query.iter().map(|q| {
        let field = rust_ident(&q.rust);
        let name = &q.name;
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
