//! `src/runtime/` of the generated crate: the small, transport-neutral support the operations
//! use (error type, `Patch<T>`, collection pages, `Object`/`Fields`, `GraphType` and downcasts,
//! percent-encoding, request building, response parsing). It does not depend on the model, so it
//! is the same in every generated crate.
//!
//! Its source is ordinary Rust in `generator/runtime/`, compiled and unit-tested as the module
//! [`source`] of docgen's test build. Each file is emitted from its text: parsed, stripped of its
//! `#[cfg(test)]` items (the tests run here, once, not in every generated crate), and formatted
//! like every other generated file.

use proc_macro2::TokenStream;
use quote::ToTokens;

/// The runtime compiled as a module of docgen's own tests, with the generated crate's
/// dependencies (`http`, `serde`, `serde_json`) as docgen's dev-dependencies.
#[cfg(test)]
#[path = "../../../runtime/mod.rs"]
#[allow(
    dead_code,
    unused_imports,
    reason = "the runtime is the generated crate's API; docgen's tests need not call all of it"
)]
mod source;

/// The files of `src/runtime/`: path (`/`-separated, from `src/runtime/`) and source text. A
/// file for an optional cargo feature of the generated crate is gated by its `mod` line, like
/// any Rust module: `client/` by `#[cfg(feature = "client")] pub mod client;` in `mod.rs`.
pub(in crate::emit) const RUNTIME_FILES: &[(&str, &str)] = &[
    (
        "client/auth.rs",
        include_str!("../../../runtime/client/auth.rs"),
    ),
    (
        "client/batch.rs",
        include_str!("../../../runtime/client/batch.rs"),
    ),
    (
        "client/batch_wire.rs",
        include_str!("../../../runtime/client/batch_wire.rs"),
    ),
    (
        "client/config.rs",
        include_str!("../../../runtime/client/config.rs"),
    ),
    (
        "client/mod.rs",
        include_str!("../../../runtime/client/mod.rs"),
    ),
    (
        "client/paging.rs",
        include_str!("../../../runtime/client/paging.rs"),
    ),
    (
        "client/retry.rs",
        include_str!("../../../runtime/client/retry.rs"),
    ),
    (
        "client/send.rs",
        include_str!("../../../runtime/client/send.rs"),
    ),
    (
        "client/transport.rs",
        include_str!("../../../runtime/client/transport.rs"),
    ),
    (
        "client/upload.rs",
        include_str!("../../../runtime/client/upload.rs"),
    ),
    (
        "collection.rs",
        include_str!("../../../runtime/collection.rs"),
    ),
    ("encoding.rs", include_str!("../../../runtime/encoding.rs")),
    ("error.rs", include_str!("../../../runtime/error.rs")),
    ("mod.rs", include_str!("../../../runtime/mod.rs")),
    ("object.rs", include_str!("../../../runtime/object.rs")),
    ("odata.rs", include_str!("../../../runtime/odata.rs")),
    ("patch.rs", include_str!("../../../runtime/patch.rs")),
    ("request.rs", include_str!("../../../runtime/request.rs")),
    ("response.rs", include_str!("../../../runtime/response.rs")),
    (
        "retry_after.rs",
        include_str!("../../../runtime/retry_after.rs"),
    ),
    ("values.rs", include_str!("../../../runtime/values.rs")),
    (
        "values_time.rs",
        include_str!("../../../runtime/values_time.rs"),
    ),
];

/// Graph's v1.0 service root (the runtime's `DEFAULT_BASE_URL`); operations can be sent to
/// another with `to_request_with_base`.
pub const DEFAULT_BASE_URL: &str = "https://graph.microsoft.com/v1.0";

/// The tokens of one runtime file, without its `#[cfg(test)]` items. An error means the source
/// in `generator/runtime/` is not Rust: a docgen bug, which docgen's own test build catches.
pub(in crate::emit) fn runtime_file(source: &str) -> Result<TokenStream, syn::Error> {
    let mut file = syn::parse_file(source)?;
    file.items
        .retain(|item| !item_attrs(item).iter().any(is_cfg_test));
    Ok(file.into_token_stream())
}

fn is_cfg_test(attr: &syn::Attribute) -> bool {
    match &attr.meta {
        syn::Meta::List(list) => list.path.is_ident("cfg") && list.tokens.to_string() == "test",
        _ => false,
    }
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(item) => &item.attrs,
        syn::Item::Enum(item) => &item.attrs,
        syn::Item::ExternCrate(item) => &item.attrs,
        syn::Item::Fn(item) => &item.attrs,
        syn::Item::ForeignMod(item) => &item.attrs,
        syn::Item::Impl(item) => &item.attrs,
        syn::Item::Macro(item) => &item.attrs,
        syn::Item::Mod(item) => &item.attrs,
        syn::Item::Static(item) => &item.attrs,
        syn::Item::Struct(item) => &item.attrs,
        syn::Item::Trait(item) => &item.attrs,
        syn::Item::TraitAlias(item) => &item.attrs,
        syn::Item::Type(item) => &item.attrs,
        syn::Item::Union(item) => &item.attrs,
        syn::Item::Use(item) => &item.attrs,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn emitted(name: &str) -> String {
        let (_, text) = RUNTIME_FILES
            .iter()
            .find(|(file, _)| *file == name)
            .unwrap_or_else(|| panic!("{name} is not a runtime file"));
        let tokens = runtime_file(text).unwrap_or_else(|error| panic!("{name}: {error}"));
        crate::format::format_file(tokens).unwrap_or_else(|error| panic!("{name}: {error}"))
    }

    /// The `.rs` files under `folder`, as `/`-separated paths from it.
    fn rust_files(folder: &Path, prefix: &str, out: &mut BTreeSet<String>) {
        let entries = std::fs::read_dir(folder)
            .unwrap_or_else(|error| panic!("{}: {error}", folder.display()));
        for entry in entries {
            let entry = entry.unwrap_or_else(|error| panic!("{}: {error}", folder.display()));
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, &format!("{prefix}{name}/"), out);
            } else {
                out.insert(format!("{prefix}{name}"));
            }
        }
    }

    #[test]
    fn every_file_of_the_source_folder_is_emitted_and_declared() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime");
        let mut on_disk = BTreeSet::new();
        rust_files(&folder, "", &mut on_disk);
        let listed: BTreeSet<String> = RUNTIME_FILES.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(on_disk, listed);
        // Each module is declared by the `mod.rs` of its folder.
        for (name, _) in RUNTIME_FILES {
            let (folder, file) = name.rsplit_once('/').unwrap_or(("", name));
            let module = match file.strip_suffix(".rs") {
                Some("mod") => match folder.rsplit_once('/') {
                    Some((_, last)) => last,
                    None if folder.is_empty() => continue,
                    None => folder,
                },
                Some(module) => module,
                None => panic!("{name} is not a Rust file"),
            };
            let parent = if file == "mod.rs" {
                folder.rsplit_once('/').map_or("", |(up, _)| up)
            } else {
                folder
            };
            let declaring = if parent.is_empty() {
                "mod.rs".to_string()
            } else {
                format!("{parent}/mod.rs")
            };
            let root = emitted(&declaring);
            assert!(
                root.contains(&format!("mod {module};")),
                "{module} is not declared in {declaring}:\n{root}"
            );
        }
    }

    #[test]
    fn the_client_is_compiled_only_with_its_feature() {
        let root = emitted("mod.rs");
        assert!(
            root.contains("#[cfg(feature = \"client\")]\npub mod client;"),
            "{root}"
        );
        let client = emitted("client/mod.rs");
        assert!(!client.contains("cfg(test)"), "{client}");
    }

    #[test]
    fn tests_stay_in_docgen_and_the_rest_is_emitted() {
        for (name, text) in RUNTIME_FILES {
            let code = emitted(name);
            assert!(
                !code.contains("#[cfg(test)]") && !code.contains("#[test]"),
                "{name}"
            );
            if !name.ends_with("mod.rs") {
                assert!(
                    text.contains("#[cfg(test)]\nmod tests {"),
                    "{name} has no tests"
                );
            }
        }
        let error = emitted("error.rs");
        assert!(
            error.starts_with("//! `Error`: why an operation failed"),
            "{error}"
        );
        assert!(
            error.contains("pub fn is_retryable(&self) -> bool"),
            "{error}"
        );
        assert!(
            error.contains("impl ::std::error::Error for Error"),
            "{error}"
        );
    }

    #[test]
    fn only_items_gated_on_test_are_left_out() {
        let source = "#[cfg(test)]\nmod tests {}\n#[cfg(not(test))]\nfn kept() {}\n\
                      #[cfg(feature = \"client\")]\nmod client;\n#[cfg(test)]\nuse x::y;\n";
        let code = runtime_file(source)
            .map(|t| t.to_string())
            .unwrap_or_default();
        assert_eq!(
            code,
            "# [cfg (not (test))] fn kept () { } # [cfg (feature = \"client\")] mod client ;"
        );
        assert!(runtime_file("fn (").is_err());
    }

    #[test]
    fn the_generator_and_the_runtime_agree_on_the_service_root() {
        assert_eq!(DEFAULT_BASE_URL, source::DEFAULT_BASE_URL);
    }
}
