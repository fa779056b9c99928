//! Token helpers every item builder uses: identifiers from planned names, `#[cfg]` gates.

use crate::naming;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier from a name the naming module produced (always valid). Anything else is
/// re-sanitised rather than allowed to panic in `Ident::new`.
pub(crate) fn rust_ident(name: &str) -> Ident {
    let valid = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name != "_"
        && !naming::is_keyword(name);
    if valid {
        Ident::new(name, Span::call_site())
    } else {
        Ident::new(&naming::snake(name), Span::call_site())
    }
}

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", feature = "b"))]` for several.
pub(crate) fn cfg_feature(features: &[String]) -> TokenStream {
    match features {
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}
