//! Generates Graph bindings for `docs/` into `OUT_DIR/graph` with the docgen library.
//!
//! `src/lib.rs` includes `OUT_DIR/graph/src/lib_included.rs`, a copy of the generated
//! `src/lib.rs` without inner attributes (see `prepare_include`). The copy sits next to
//! `lib.rs`, so the generated `mod` declarations find their files, and it is the crate root, so
//! the generated `crate::types::...` paths resolve. The generated crate's cargo features become
//! cfgs of this crate, all on.

use std::path::{Path, PathBuf};
use std::process::exit;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        fail("OUT_DIR is not set (run through cargo)");
    };
    let docs = manifest_dir.join("docs");
    println!("cargo::rustc-check-cfg=cfg(docgen_generated, docgen_has_types)");

    // The folder (cargo scans it, so new pages count) and each page.
    let mut watched = vec![docs.clone()];
    pages(&docs, &mut watched);
    for path in &watched {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    let crate_dir = out_dir.join("graph");
    let report = match docgen::Config::new(&docs)
        .out_dir(&crate_dir)
        .crate_name("docgen-build-step-bindings")
        .generate()
    {
        Ok(report) => report,
        Err(error) => fail(&format!("docgen: {error}")),
    };
    let errors = report.count(docgen::diag::Severity::Error);
    if errors > 0 {
        let docs = docs.display();
        println!(
            "cargo::warning=docgen: {errors} errors in {docs}; see `docgen lint --input {docs}`"
        );
    }
    let listing: String = watched
        .iter()
        .map(|p| format!("{}\n", p.display()))
        .collect();
    write(&out_dir.join("docgen-watched.txt"), &listing);
    write(&out_dir.join("docgen-report.txt"), &report.summary_line());

    if prepare_include(&crate_dir) {
        println!("cargo::rustc-cfg=docgen_generated");
    }
    if report.types > 0 {
        println!("cargo::rustc-cfg=docgen_has_types");
    }
}

/// Writes `src/lib_included.rs` next to the generated `src/lib.rs` and enables the generated
/// crate's cargo features as cfgs of this crate. False when docgen generated no `src/lib.rs`.
///
/// An `include!`d file may not have inner attributes, so the crate-level ones are handled here:
/// `//!` docs are dropped, and lint levels (`#![allow(..)]`, `#![deny(..)]`, ...) become outer
/// attributes of every top-level item, which is the same for lints.
fn prepare_include(crate_dir: &Path) -> bool {
    let lib = crate_dir.join("src/lib.rs");
    let Ok(text) = std::fs::read_to_string(&lib) else {
        return false;
    };
    let mut file = match syn::parse_file(&text) {
        Ok(file) => file,
        Err(error) => fail(&format!("{}: {error}", lib.display())),
    };
    let lints: Vec<syn::Attribute> = std::mem::take(&mut file.attrs)
        .into_iter()
        .filter(|attr| {
            ["allow", "warn", "deny", "forbid"]
                .iter()
                .any(|l| attr.path().is_ident(l))
        })
        .map(|mut attr| {
            attr.style = syn::AttrStyle::Outer;
            attr
        })
        .collect();
    let items = file
        .items
        .iter()
        .map(|item| quote::quote! { #(#lints)* #item });
    let file: syn::File = match syn::parse2(quote::quote! { #(#items)* }) {
        Ok(file) => file,
        Err(error) => fail(&format!("{}: {error}", lib.display())),
    };
    write(
        &crate_dir.join("src/lib_included.rs"),
        &prettyplease::unparse(&file),
    );

    // The generated crate's default features are on (`full`: every workload). The opt-in
    // `client` stays off: its dependencies (reqwest, tokio) are not this crate's.
    let manifest = std::fs::read_to_string(crate_dir.join("Cargo.toml")).unwrap_or_default();
    let features = features(&manifest);
    let quoted: Vec<String> = features.iter().map(|(f, _)| format!("\"{f}\"")).collect();
    println!(
        "cargo::rustc-check-cfg=cfg(feature, values({}))",
        quoted.join(", ")
    );
    for feature in enabled_by_default(&features) {
        println!("cargo::rustc-cfg=feature=\"{feature}\"");
    }
    true
}

/// The `[features]` table of a Cargo.toml (one `name = ["a", "dep:b"]` per line): each name
/// with what it turns on.
fn features(manifest: &str) -> Vec<(String, Vec<String>)> {
    let mut in_features = false;
    let mut table = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_features = line == "[features]";
        } else if let Some((name, value)) = line.split_once('=').filter(|_| in_features) {
            let items = value
                .trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .split(',')
                .map(|item| item.trim().trim_matches('"').to_string())
                .filter(|item| !item.is_empty())
                .collect();
            table.push((name.trim().to_string(), items));
        }
    }
    table
}

/// `default` and every feature it turns on, directly or through another; `dep:` items are
/// dependencies, not features.
fn enabled_by_default(table: &[(String, Vec<String>)]) -> Vec<String> {
    let mut on: Vec<String> = Vec::new();
    let mut pending = vec!["default".to_string()];
    while let Some(name) = pending.pop() {
        if on.contains(&name) {
            continue;
        }
        if let Some((_, items)) = table.iter().find(|(feature, _)| *feature == name) {
            pending.extend(items.iter().filter(|i| !i.starts_with("dep:")).cloned());
            on.push(name);
        }
    }
    on.sort();
    on
}

/// Every `.md` file under `dir`, sorted.
fn pages(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(error) => fail(&format!("{}: {error}", dir.display())),
    };
    entries.sort();
    for path in entries {
        if path.is_dir() {
            pages(&path, found);
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
}

fn write(path: &Path, text: &str) {
    if let Err(error) = std::fs::write(path, text) {
        fail(&format!("{}: {error}", path.display()));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    exit(1)
}
