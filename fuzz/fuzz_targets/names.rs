//! Docs names -> Rust names and file names: every identifier docgen makes from any text parses as
//! a plain Rust identifier, and every file stem is a path component `write_crate` accepts.
#![no_main]

use docgen::emit::GeneratedFile;
use docgen::naming::{feature_name, file_stem, ident, Case};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = String::from_utf8_lossy(data);
    for case in [Case::Snake, Case::Pascal] {
        let made = ident(&name, case);
        if let Err(error) = syn::parse_str::<syn::Ident>(&made) {
            panic!("{name:?} became {made:?}, not an identifier: {error}");
        }
    }
    let stem = file_stem(&name);
    if let Err(error) = syn::parse_str::<syn::Ident>(&stem) {
        panic!("{name:?} became the module name {stem:?}: {error}");
    }
    let file = GeneratedFile {
        path: format!("src/types/{stem}.rs"),
        contents: String::new(),
    };
    if let Err(error) = docgen::output::validate_files(&[file]) {
        panic!("{name:?} became the file {stem:?}.rs: {error}");
    }
    let feature = feature_name(&name);
    assert!(
        !feature.is_empty()
            && feature
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        "{name:?} became the feature {feature:?}"
    );
});
