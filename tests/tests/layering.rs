//! The generator's layers (`diag <- ir <- pages <- facts <- model <- emit <- output`) and files,
//! checked on its source by [`docgen_tests::layers`]: no upward import, no cycle between files,
//! every module in a layer and every file declared.

use docgen_tests::layers::{declared_files, problems};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, base, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            if let Ok(relative) = path.strip_prefix(base) {
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
}

#[test]
fn generator_layers_point_down_and_files_form_no_cycle() {
    let src: PathBuf = docgen_tests::workspace_root().join("generator/src");
    let read = |file: &str| std::fs::read_to_string(src.join(file)).ok();
    let mut problems = problems(&read, "lib.rs");
    let mut declared = declared_files(&read, "lib.rs");
    // The binary's own modules (its subcommand handlers) hang off main.rs.
    declared.extend(declared_files(&read, "main.rs"));
    let mut all = Vec::new();
    rust_files(&src, &src, &mut all);
    for file in all {
        // main.rs is the binary's own crate root; it uses the library as `docgen::`.
        if file != "main.rs" && !declared.contains(&file) {
            problems.push(format!("{file}: no `mod` declaration reaches it"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} layering problems in generator/src:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_check_finds_upward_imports_cycles_and_stray_modules() {
    let files: BTreeMap<&str, &str> = BTreeMap::from([
        (
            "lib.rs",
            "pub mod diag; pub mod ir; pub mod model; pub mod extra;",
        ),
        ("diag.rs", "pub struct Span;"),
        // Upward, inside a macro body: ir -> model.
        (
            "ir/mod.rs",
            "mod paths; pub fn f() { assert!(crate::model::g()); }",
        ),
        // Paths in `quote!` name the generated crate: not a reference.
        (
            "ir/paths.rs",
            "use crate::diag::Span; fn q() { quote!(crate::model::g()); }",
        ),
        // A cycle: model/mod.rs -> model/a.rs -> model/b.rs -> model/mod.rs.
        (
            "model/mod.rs",
            "mod a; mod b; pub fn g() -> bool { a::h() }",
        ),
        ("model/a.rs", "pub fn h() -> bool { super::b::k() }"),
        (
            "model/b.rs",
            "use super::g; pub fn k() -> bool { let a = 1; a + g() }",
        ),
        (
            "extra.rs",
            "#[cfg(test)] mod tests { use crate::model::g; }",
        ),
    ]);
    let read = |file: &str| files.get(file).map(|s| s.to_string());
    let problems = problems(&read, "lib.rs");
    assert_eq!(
        problems,
        [
            "cycle between files: model/a.rs -> model/b.rs (`super::b::k`), \
             model/b.rs -> model/mod.rs (`super::g`), model/mod.rs -> model/a.rs (`a::h`)",
            "extra.rs: module `extra` is in no layer (add it to LAYERS)",
            "upward import: ir/mod.rs refers to `crate::model::g` in model/mod.rs",
        ],
        "{problems:#?}"
    );
}
