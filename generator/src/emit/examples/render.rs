//! The test files: `main.rs` and one `<group>.rs` of `#[test]` functions, each building its
//! operation value and checking request and response against the example.

use super::checks::{BodyInit, TestPlan, UrlCheck};
use crate::emit::items::operations::retarget;
use crate::emit::items::structs::value_tokens;
use crate::emit::plan::operations::{BodyPlan, OpPlan, ResponsePlan};
use crate::emit::tokens::{cfg_feature, rust_ident};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// A literal for example JSON: a raw string (`r#"..."#` with enough `#`s that no `"#...` inside
/// ends it) so the JSON reads as written, or an escaped string when the text holds a character
/// that Rust's escaping would show differently (a control character, a bidi override): a raw
/// string would hide it, or reject it (a carriage return).
///
/// Only JSON that [`pretty_json`] printed goes here: each of its lines starts with a quote,
/// bracket, brace or literal, never with an item keyword, which `format::space_out_items`
/// relies on to leave multi-line literals alone.
fn json_literal(text: &str) -> Literal {
    let plain =
        |c: char| matches!(c, '\n' | '\t' | '"' | '\\' | '\'') || c.escape_debug().count() == 1;
    if !text.chars().all(plain) {
        return Literal::string(text);
    }
    let hashes = "#".repeat(longest_hash_run_after_quote(text) + 1);
    format!("r{hashes}\"{text}\"{hashes}")
        .parse::<Literal>()
        .unwrap_or_else(|_| Literal::string(text))
}

/// The longest run of `#` right after a `"` in `text` (0 when there is none).
fn longest_hash_run_after_quote(text: &str) -> usize {
    text.split('"')
        .skip(1)
        .map(|after| after.chars().take_while(|c| *c == '#').count())
        .max()
        .unwrap_or(0)
}

pub fn main_file(modules: &[&str]) -> TokenStream {
    let modules = modules.iter().map(|m| rust_ident(m));
    quote! {
        //! Tests made from the docs' example requests and responses, one per example pair: the
        //! request value rebuilds the example's method, path and query; the request body example
        //! deserializes into the body type; the response example parses into the response type
        //! and serializes back without losing a property.

        #[rustfmt::skip]
        mod support;
        #(
            #[rustfmt::skip]
            mod #modules;
        )*
    }
}

pub fn tests_file(tests: &[TestPlan<'_>], krate: &str) -> TokenStream {
    let krate = rust_ident(krate);
    let root = quote!(::#krate);
    let items = tests.iter().map(|test| test_fn(test, &root));
    quote! { #(#items)* }
}

fn test_fn(test: &TestPlan<'_>, root: &TokenStream) -> TokenStream {
    let op = test.op;
    let cfg = cfg_feature(std::slice::from_ref(&op.feature));
    let name = rust_ident(&test.name);
    let op_ident = rust_ident(&op.rust);
    let op_path = quote!(#root::operations::#op_ident);

    let url = test.url.as_ref().map(|url| {
        let literal = operation_literal(op, url, &op_path, root);
        let method = &url.method;
        let path = &url.expected_path;
        let query = url.expected_query.iter().map(|(k, v)| quote!((#k, #v)));
        let check = if url.literal_case.is_empty() {
            quote!(crate::support::check_request(&request, #method, #path, &[#(#query),*]);)
        } else {
            let segments = url.literal_case.iter().map(|i| Literal::usize_unsuffixed(*i));
            quote! {
                crate::support::check_request_ignoring_case(&request, #method, #path, &[#(#query),*], &[#(#segments),*]);
            }
        };
        let body = url.expected_body.as_ref().map(|expected| {
            let expected = json_literal(expected);
            quote! { crate::support::check_body(&request, #expected); }
        });
        quote! {
            let operation = #literal;
            let request = #root::runtime::Operation::to_request(&operation)
                .unwrap_or_else(|error| panic!("building the request failed: {error}"));
            #check
            #body
        }
    });
    let request_body = test.request_body.as_ref().map(|text| {
        let ty = match &op.body {
            BodyPlan::Struct { rust, .. } => {
                let ident = rust_ident(rust);
                quote!(#root::operations::#ident)
            }
            BodyPlan::Value(value) => retarget(value_tokens(value), root),
            BodyPlan::None | BodyPlan::Raw => quote!(::serde_json::Value),
        };
        let text = json_literal(text);
        quote! { crate::support::round_trip::<#ty>(#text); }
    });
    let response = test.response.as_ref().map(|check| {
        let status = check.status;
        let body = if check.round_trip {
            json_literal(&check.body)
        } else {
            Literal::string(&check.body)
        };
        // The example's text is written once and read twice (parsed, then compared).
        let parse = quote! {
            <#op_path as #root::runtime::Operation>::parse_response(crate::support::response(#status, response_body))
                .unwrap_or_else(|error| panic!("the response example does not parse: {error}"))
        };
        let checks = if check.round_trip {
            let downcasts =
                super::downcast::checks(&test.downcasts, root, json_literal);
            quote! {
                let parsed = #parse;
                crate::support::check_no_loss(&parsed, response_body);
                #downcasts
            }
        } else if op.response == ResponsePlan::Raw {
            quote! { assert_eq!(#parse, response_body.as_bytes()); }
        } else {
            quote! { #parse; }
        };
        quote! {
            let response_body = #body;
            #checks
        }
    });
    quote! {
        #cfg
        #[test]
        fn #name() {
            #url
            #request_body
            #response
        }
    }
}

/// The operation value for the example: path parameters, body, query fields.
fn operation_literal(
    op: &OpPlan<'_>,
    url: &UrlCheck,
    op_path: &TokenStream,
    root: &TokenStream,
) -> TokenStream {
    let string = |value: &str| quote!(::std::string::String::from(#value));
    let param_fields = |only_unique: bool| {
        let mut seen = std::collections::BTreeSet::new();
        url.params
            .iter()
            .filter(|(rust, _)| !only_unique || seen.insert(rust.clone()))
            .map(|(rust, value)| {
                let field = rust_ident(rust);
                let value = string(value);
                quote!(#field: #value)
            })
            .collect::<Vec<_>>()
    };
    let mut fields: Vec<TokenStream> = Vec::new();
    match (&op.path_enum, op.templates.get(url.template)) {
        (Some(path_enum), Some(template)) => {
            let enum_ident = rust_ident(path_enum);
            let variant = rust_ident(&template.variant);
            let params = param_fields(true);
            let path_field = rust_ident(crate::emit::plan::operations::PATH_FIELD);
            if params.is_empty() {
                fields.push(quote!(#path_field: #root::operations::#enum_ident::#variant));
            } else {
                fields.push(
                    quote!(#path_field: #root::operations::#enum_ident::#variant { #(#params),* }),
                );
            }
        }
        _ => fields.extend(param_fields(true)),
    }
    let body_field = rust_ident(crate::emit::plan::operations::BODY_FIELD);
    match &url.body {
        BodyInit::None => {}
        BodyInit::Json(text) => {
            let text = json_literal(text);
            fields.push(quote!(#body_field: crate::support::from_json(#text)));
        }
        BodyInit::Default => fields.push(quote!(#body_field: ::core::default::Default::default())),
        BodyInit::Cleared(cleared) => {
            let update = rust_ident(&cleared.update);
            let cleared = cleared.fields.iter().map(|field| {
                let field = rust_ident(field);
                quote!(#field: #root::runtime::Patch::Clear)
            });
            fields.push(quote! {
                #body_field: #root::types::#update {
                    #(#cleared,)*
                    ..::core::default::Default::default()
                }
            });
        }
    }
    for q in &op.query {
        let field = rust_ident(&q.rust);
        let set = url
            .query_fields
            .iter()
            .find(|(rust, _)| *rust == q.rust)
            .map(|(_, value)| value.tokens());
        fields.push(match (set, q.value.collection) {
            (Some(tokens), true) => quote!(#field: #tokens),
            (Some(tokens), false) => quote!(#field: ::core::option::Option::Some(#tokens)),
            (None, true) => quote!(#field: ::std::vec::Vec::new()),
            (None, false) => quote!(#field: ::core::option::Option::None),
        });
    }
    let extra_field = rust_ident(crate::emit::plan::operations::EXTRA_QUERY_FIELD);
    let extra = url.extra_query.iter().map(|(k, v)| {
        let (k, v) = (string(k), string(v));
        quote!((#k, #v))
    });
    fields.push(quote!(#extra_field: ::std::vec![#(#extra),*]));
    for h in &op.headers {
        let field = rust_ident(&h.rust);
        fields.push(quote!(#field: ::core::option::Option::None));
    }
    let headers_field = rust_ident(crate::emit::plan::headers::HEADERS_FIELD);
    fields.push(quote!(#headers_field: ::http::HeaderMap::new()));
    quote!(#op_path { #(#fields),* })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_literals_are_raw_with_enough_hashes() {
        let json = "{\n  \"@odata.type\": \"#microsoft.graph.user\"\n}";
        let literal = json_literal(json).to_string();
        assert_eq!(literal, format!("r##\"{json}\"##"));
        let parsed: syn::LitStr = syn::parse_str(&literal).expect("a string literal");
        assert_eq!(parsed.value(), json);
        assert_eq!(json_literal("{}").to_string(), "r#\"{}\"#");
        assert_eq!(longest_hash_run_after_quote("\"###a\" \"#b"), 3);
        let tricky = "[\"\\\"#\", \"a\\\\\"##\"]";
        let parsed: syn::LitStr = syn::parse_str(&json_literal(tricky).to_string()).expect("lit");
        assert_eq!(parsed.value(), tricky);
    }

    #[test]
    fn json_literals_escape_what_a_raw_string_would_hide() {
        for text in [
            "{\"a\": \"\u{202e}\"}",
            "{\"a\":\r\n1}",
            "{\"a\": \"\u{0}\"}",
        ] {
            let literal = json_literal(text).to_string();
            assert!(literal.starts_with('"'), "{literal}");
            let parsed: syn::LitStr = syn::parse_str(&literal).expect("a string literal");
            assert_eq!(parsed.value(), text);
        }
    }

    #[test]
    fn prettyplease_keeps_raw_literals() {
        let literal = json_literal("{\n  \"a\": \"#b\"\n}");
        let file = crate::format::format_file(quote! {
            fn f() { check(#literal); }
        })
        .expect("valid tokens");
        assert!(file.contains("r##\"{\n  \"a\": \"#b\"\n}\"##"), "{file}");
    }
}
