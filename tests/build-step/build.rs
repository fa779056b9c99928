//! Generates Graph bindings for `docs/` into `OUT_DIR/graph` with the docgen library.
//!
//! `src/lib.rs` includes `OUT_DIR/graph/src/lib_included.rs`: the generated `src/lib.rs` with its
//! inner attributes and `//!` docs removed (they are not allowed in an `include!`d file). The
//! copy sits next to `lib.rs`, so the generated `mod` declarations find their files, and it is
//! the crate root, so the generated `crate::types::...` paths resolve.

use std::path::{Path, PathBuf};
use std::process::exit;

fn main() {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        fail("OUT_DIR is not set (run through cargo)");
    };
    let docs = manifest_dir.join("docs");
    println!("cargo::rustc-check-cfg=cfg(docgen_generated)");

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

    let lib = crate_dir.join("src/lib.rs");
    if let Ok(text) = std::fs::read_to_string(&lib) {
        let mut file = match syn::parse_file(&text) {
            Ok(file) => file,
            Err(error) => fail(&format!("{}: {error}", lib.display())),
        };
        file.attrs.clear();
        write(
            &crate_dir.join("src/lib_included.rs"),
            &prettyplease::unparse(&file),
        );
        println!("cargo::rustc-cfg=docgen_generated");
    }
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
