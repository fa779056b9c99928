//! Paths: the path enum of operations with several paths (one per set of operations sharing
//! it, see [`crate::emit::plan::paths`]) with its `fn path(&self)`, and the path expression of
//! every operation.

use super::docs::{code, Doc};
use crate::emit::plan::operations::{OpPlan, ParamField, TemplatePlan};
use crate::emit::tokens::{cfg_feature, rust_ident};
use crate::ir::SegmentPart;
use proc_macro2::TokenStream;
use quote::quote;

/// The path enum and its `impl` (`path`, and `fixed_query` when a template fixes query options),
/// when this operation emits it; nothing otherwise.
pub fn path_enum_items(plan: &OpPlan<'_>) -> TokenStream {
    let Some(name) = plan
        .path_enum
        .as_deref()
        .filter(|_| !plan.path_users.is_empty())
    else {
        return TokenStream::new();
    };
    let cfg = cfg_feature(&plan.path_features);
    let ident = rust_ident(name);
    // Under `any(feature = ..)` a user of another feature may be compiled out: no link to it.
    let link = plan.path_features.len() == 1;
    let users: Vec<String> = plan
        .path_users
        .iter()
        .map(|u| {
            if link {
                format!("[`{u}`]")
            } else {
                format!("`{u}`")
            }
        })
        .collect();
    let doc = Doc::new()
        .line(format!("The paths of {}.", users.join(", ")))
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
    let arms = |body: &dyn Fn(&TemplatePlan<'_>) -> TokenStream| {
        let arms = plan.templates.iter().map(|template| {
            let variant = rust_ident(&template.variant);
            let params = unique_params(template);
            let bindings = params.iter().map(|p| rust_ident(&p.rust));
            let pattern = if params.is_empty() {
                quote!(Self::#variant)
            } else {
                quote!(Self::#variant { #(#bindings),* })
            };
            let body = body(template);
            quote! { #pattern => { #body } }
        });
        quote! { #(#arms)* }
    };
    let path_arms = arms(&|template| match path_pieces(template).as_slice() {
        // A bare `let path = ..; path` is clippy's `let_and_return`.
        [PathPiece::Literal(text)] => quote!(::std::string::String::from(#text)),
        pieces => {
            let build = build_path(pieces, |p| {
                let field = rust_ident(&p.rust);
                quote!(#field)
            });
            quote! { #build path }
        }
    });
    let fixed_fn = has_fixed_query(plan).then(|| {
        let fixed_arms = plan.templates.iter().map(|template| {
            let variant = rust_ident(&template.variant);
            let fixed = fixed_query(template);
            quote! { Self::#variant { .. } => ::std::vec![#(#fixed),*], }
        });
        quote! {
            /// The query options the path fixes (`?$expand=x` written in the docs' path).
            pub fn fixed_query(&self) -> ::std::vec::Vec<(::std::string::String, ::std::string::String)> {
                match self {
                    #(#fixed_arms)*
                }
            }
        }
    });
    quote! {
        #cfg
        #doc
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq)]
        pub enum #ident {
            #(#variants)*
        }

        #cfg
        impl #ident {
            /// The path, parameters percent-encoded, relative to the service root.
            pub fn path(&self) -> ::std::string::String {
                match self {
                    #path_arms
                }
            }

            #fixed_fn
        }
    }
}

/// Whether a template of the operation fixes query options (then its path enum has
/// `fixed_query`).
pub fn has_fixed_query(plan: &OpPlan<'_>) -> bool {
    plan.templates
        .iter()
        .any(|template| !template.template.fixed_query.is_empty())
}

/// The statement binding `path` in `to_request_with_base`.
pub fn path_expr(plan: &OpPlan<'_>) -> TokenStream {
    match (&plan.path_enum, plan.templates.as_slice()) {
        (Some(_), _) => quote! { let path = self.path.path(); },
        (None, [template]) => build_path(&path_pieces(template), |p| {
            let field = rust_ident(&p.rust);
            quote!(&self.#field)
        }),
        (None, _) => quote! { let path = ::std::string::String::new(); },
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

/// The query pairs a template fixes (`?$expand=x` written in the path).
pub fn fixed_query(template: &TemplatePlan<'_>) -> Vec<TokenStream> {
    template
        .template
        .fixed_query
        .iter()
        .map(|(name, value)| quote!((::std::string::String::from(#name), ::std::string::String::from(#value))))
        .collect()
}

/// The template's parameters, each field once (a repeated wire name has its own field).
pub(in crate::emit) fn unique_params<'a>(template: &'a TemplatePlan<'_>) -> Vec<&'a ParamField> {
    let mut seen = std::collections::BTreeSet::new();
    template
        .params
        .iter()
        .filter(|p| seen.insert(p.rust.as_str()))
        .collect()
}

/// A path parameter field; `public` is false inside enum variants (which cannot say `pub`).
pub(super) fn param_field(param: &ParamField, public: bool) -> TokenStream {
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
