//! Downcasts in the example tests: when a response example's value (or an item of a collection)
//! carries an `@odata.type` naming a type derived from the declared response type, the test also
//! reads it as that type (`crate::runtime::downcast`) and checks that nothing is lost.

use crate::emit::items::odata::{ancestors, descendants};
use crate::emit::plan::operations::{OpPlan, ResponsePlan};
use crate::emit::plan::types::{Scalar, TypePlan, TypesPlan, ValueType};
use crate::emit::tokens::rust_ident;
use crate::ir::{BodyKind, Example};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// One value of a response example to read as a derived type.
#[derive(Clone, Debug)]
pub struct DowncastCheck {
    base: String,
    derived: String,
    /// The item of a collection response; `None` for the whole value.
    item: Option<usize>,
    /// The value's JSON, pretty-printed.
    body: String,
}

/// The downcasts a response example allows. The derived type must be compiled whenever the test
/// is (its features include the operation's, or it is compiled always).
pub fn plan(op: &OpPlan<'_>, example: &Example, types: &TypesPlan<'_>) -> Vec<DowncastCheck> {
    let Some(base) = op
        .op
        .response
        .as_ref()
        .and_then(|r| r.type_name())
        .and_then(|name| types.get(name))
        .filter(|base| !base.is_enum())
    else {
        return Vec::new();
    };
    let Some(json) = example
        .response
        .as_ref()
        .filter(|r| matches!(r.body.kind, BodyKind::Json | BodyKind::Repaired))
        .and_then(|r| r.body.json.as_ref())
    else {
        return Vec::new();
    };
    let named = |scalar: &Scalar| matches!(scalar, Scalar::Named { rust, is_enum: false } if *rust == base.rust);
    let values: Vec<(Option<usize>, &serde_json::Value)> = match &op.response {
        ResponsePlan::Json(ValueType {
            scalar,
            collection: false,
            ..
        }) if named(scalar) => vec![(None, json)],
        ResponsePlan::Collection(scalar) if named(scalar) => json
            .get("value")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(index, item)| (Some(index), item))
            .collect(),
        _ => return Vec::new(),
    };
    values
        .into_iter()
        .filter_map(|(item, value)| {
            let name = value.get("@odata.type")?.as_str()?;
            let derived = derived_named(base, name, types)?;
            let compiled = derived.features.is_empty() || derived.features.contains(&op.feature);
            compiled.then(|| DowncastCheck {
                base: base.rust.clone(),
                derived: derived.rust.clone(),
                item,
                body: serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string()),
            })
        })
        .collect()
}

/// The struct derived from `base` that `name` (an `@odata.type`) names, if any.
fn derived_named<'p, 'm>(
    base: &TypePlan<'_>,
    name: &str,
    types: &'p TypesPlan<'m>,
) -> Option<&'p TypePlan<'m>> {
    let name = name.trim_start_matches('#');
    let model_name = descendants(base.def, types)
        .into_iter()
        .find(|(_, odata)| odata.trim_start_matches('#').eq_ignore_ascii_case(name))?;
    let derived = types.get(&model_name.0)?;
    let derives = ancestors(derived.def, types)
        .iter()
        .any(|ancestor| ancestor.rust == base.rust);
    derives.then_some(derived)
}

/// The test statements for `checks`; `parsed` holds the parsed response, `literal` makes a JSON
/// literal the way the other checks show it.
pub fn checks(
    checks: &[DowncastCheck],
    root: &TokenStream,
    literal: fn(&str) -> Literal,
) -> TokenStream {
    let items = checks.iter().map(|check| {
        let base = rust_ident(&check.base);
        let derived = rust_ident(&check.derived);
        let value = match check.item {
            Some(index) => {
                let index = Literal::usize_unsuffixed(index);
                quote!(&parsed.value[#index])
            }
            None => quote!(&parsed),
        };
        let named = format!("`@odata.type` names `{}`", check.derived);
        let body = literal(&check.body);
        quote! {
            let derived = #root::runtime::downcast::<#root::types::#base, #root::types::#derived>(#value)
                .unwrap_or_else(|| panic!(#named))
                .unwrap_or_else(|error| panic!("the value does not read as its `@odata.type`: {error}"));
            crate::support::check_no_loss(&derived, #body);
        }
    });
    quote! { #(#items)* }
}
