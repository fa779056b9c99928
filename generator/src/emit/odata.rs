//! `crate::runtime::GraphType` for each entity and complex struct (its OData name, the names of
//! the types derived from it), and `crate::runtime::Derives<Ancestor>` for each of its ancestors,
//! so that a value of a base type can be read as the derived type its `@odata.type` names.
//!
//! The impls sit in the derived type's file, under its gate: `features.rs` counts a base type as
//! reached by its derived types, so every ancestor is compiled whenever the derived type is.

use super::plan::{TypePlan, TypesPlan, ADDITIONAL_PROPERTIES};
use super::tokens::rust_ident;
use crate::ir::TypeDef;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;

/// The impls of `GraphType` and `Derives` for the struct of `plan`.
pub fn graph_type_items(plan: &TypePlan<'_>, types: &TypesPlan<'_>) -> TokenStream {
    let ident = rust_ident(&plan.rust);
    let extra = rust_ident(ADDITIONAL_PROPERTIES);
    let name = odata_name(plan.def);
    let derived: Vec<String> = descendants(plan.def, types)
        .into_iter()
        .map(|(_, odata)| odata)
        .collect();
    // Most types have none: the trait's default (empty) then serves.
    let derived = (!derived.is_empty()).then(|| {
        quote! { const DERIVED_TYPES: &'static [&'static str] = &[#(#derived),*]; }
    });
    let derives = ancestors(plan.def, types).into_iter().map(|ancestor| {
        let ancestor = rust_ident(&ancestor.rust);
        quote! {
            impl crate::runtime::Derives<crate::types::#ancestor> for #ident {}
        }
    });
    quote! {
        impl crate::runtime::GraphType for #ident {
            const ODATA_TYPE: &'static str = #name;
            #derived
            fn additional_properties(
                &self,
            ) -> &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value> {
                &self.#extra
            }
        }
        #(#derives)*
    }
}

/// `#microsoft.graph.user`, `#microsoft.graph.callRecords.session`: the namespace and the name
/// without its sub-namespace (the model qualifies names outside `microsoft.graph` with it).
pub fn odata_name(def: &TypeDef) -> String {
    let bare = def.name.rsplit('.').next().unwrap_or(&def.name);
    let namespace = if def.namespace.is_empty() {
        "microsoft.graph"
    } else {
        def.namespace.as_str()
    };
    format!("#{namespace}.{bare}")
}

/// The model and OData names of every struct derived from `def`, directly or not, sorted.
pub(super) fn descendants(def: &TypeDef, types: &TypesPlan<'_>) -> Vec<(String, String)> {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut stack: Vec<&str> = def.derived().iter().map(String::as_str).collect();
    let mut names = BTreeSet::new();
    while let Some(name) = stack.pop() {
        if name == def.name || !seen.insert(name) {
            continue;
        }
        if let Some(plan) = types.get(name).filter(|p| !p.is_enum()) {
            names.insert((plan.def.name.clone(), odata_name(plan.def)));
            stack.extend(plan.def.derived().iter().map(String::as_str));
        }
    }
    names.into_iter().collect()
}

/// The plans of the structs `def` derives from (the model's ancestors), nearest first.
pub(super) fn ancestors<'p, 'm>(def: &TypeDef, types: &'p TypesPlan<'m>) -> Vec<&'p TypePlan<'m>> {
    def.ancestors()
        .iter()
        .map_while(|name| types.get(name).filter(|p| !p.is_enum()))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::emit::{emit, EmitOptions};
    use crate::pipeline::{model_from_sources, sources_from_bytes};
    use std::collections::BTreeMap;

    fn resource(name: &str, workload: &str, base: Option<&str>) -> (String, Vec<u8>) {
        let inherits = base
            .map(|b| format!("Inherits from [{b}]({b}.md)."))
            .unwrap_or_default();
        let page = format!(
            "---\ntitle: \"{name} resource type\"\nms.prod: {workload}\n\
             doc_type: resourcePageType\n---\n\n# {name} resource type\n\n\
             Namespace: microsoft.graph\n\nA {name}. {inherits}\n\n## Properties\n\n\
             | Property | Type | Description |\n|:---|:---|:---|\n| {name}Name | String | x |\n"
        );
        (format!("resources/{name}.md"), page.into_bytes())
    }

    /// The emitted files by path, for pages `(name, workload, base)`; `edit` may change the
    /// model first.
    fn files_of(
        pages: &[(&str, &str, Option<&str>)],
        edit: impl FnOnce(&mut crate::ir::Model),
    ) -> BTreeMap<String, String> {
        let pages = pages.iter().map(|(n, w, b)| resource(n, w, *b)).collect();
        let (sources, diagnostics) = sources_from_bytes(pages);
        let mut model = model_from_sources(&sources, diagnostics);
        edit(&mut model);
        let options = EmitOptions {
            crate_name: "x".into(),
            ..Default::default()
        };
        let files = emit(&model, &options).expect("emit").files;
        files.into_iter().map(|f| (f.path, f.contents)).collect()
    }

    fn files(pages: &[(&str, &str, Option<&str>)]) -> BTreeMap<String, String> {
        files_of(pages, |_| {})
    }

    #[test]
    fn each_type_derives_from_every_ancestor_and_names_every_descendant() {
        let files = files(&[
            ("animal", "zoo", None),
            ("dog", "pets", Some("animal")),
            ("puppy", "pets", Some("dog")),
            ("cat", "pets", Some("animal")),
        ]);
        let file = |name: &str| {
            files
                .get(&format!("src/types/{name}.rs"))
                .cloned()
                .unwrap_or_default()
        };
        let puppy = file("puppy");
        assert!(puppy.contains("impl crate::runtime::Derives<crate::types::Dog> for Puppy {}"));
        assert!(puppy.contains("impl crate::runtime::Derives<crate::types::Animal> for Puppy {}"));
        assert!(puppy.contains("\"#microsoft.graph.puppy\""), "{puppy}");
        let dog = file("dog");
        assert!(dog.contains("impl crate::runtime::Derives<crate::types::Animal> for Dog {}"));
        assert!(
            !dog.contains("Derives<crate::types::Puppy>")
                && !dog.contains("Derives<crate::types::Cat>")
        );
        let animal = file("animal");
        assert!(!animal.contains("Derives<"), "{animal}");
        for derived in ["cat", "dog", "puppy"] {
            assert!(
                animal.contains(&format!("\"#microsoft.graph.{derived}\"")),
                "{derived}"
            );
        }
        // The base is compiled wherever a derived type is: the `Derives` impls name it.
        let types_mod = files.get("src/types/mod.rs").cloned().unwrap_or_default();
        assert!(
            types_mod.contains("#[cfg(any(feature = \"pets\", feature = \"zoo\"))]\nmod animal;"),
            "{types_mod}"
        );
    }
}
