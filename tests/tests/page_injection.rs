//! Issue 5, promise 3: text from the docs reaches the generated code only as string literals
//! and doc attributes. The pages in `tests/fixtures/pages/injection/` plant `*/`, quotes,
//! backslashes, `#[planted_attr]`, `} fn planted_fn() {}`, backticks, HTML, `</script>`, a NUL
//! byte and a lone CR in descriptions, titles, enum member descriptions, a page's file name,
//! example bodies, a path and a query name. Every generated Rust file must parse, and hold
//! none of the planted items as code; the crate (`tests/snapshots/pages-injection/`) compiles
//! as a workspace member (CI's `clippy -D warnings` keeps it warning-free), and its example
//! test passes.

use docgen_tests::pages;
use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

/// Identifiers the pages plant; none may become code.
const PLANTED: &[&str] = &[
    "planted_attr",
    "planted_fn",
    "planted_mod",
    "PlantedStruct",
    "alert",
    "script",
];

/// The attributes docgen itself writes.
const OWN_ATTRIBUTES: &[&str] = &[
    "derive",
    "serde",
    "cfg",
    "doc",
    "test",
    "allow",
    "deny",
    "default",
    "rustfmt::skip",
];

/// Every identifier of a token stream, macro bodies included (literals are not identifiers).
fn idents(tokens: TokenStream, out: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Group(group) => idents(group.stream(), out),
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
}

/// Every attribute path of a file, at any depth.
#[derive(Default)]
struct Attributes(Vec<String>);

impl Visit<'_> for Attributes {
    fn visit_attribute(&mut self, attr: &syn::Attribute) {
        let path: Vec<String> = attr
            .path()
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        self.0.push(path.join("::"));
        syn::visit::visit_attribute(self, attr);
    }
}

#[test]
fn planted_text_never_becomes_code() {
    let run = pages::run("injection");
    let mut shown_as_text = false;
    let mut rust_files = 0;
    for file in &run.emitted.files {
        assert!(
            !file.contents.contains(['\0', '\r', '\u{202e}']),
            "{}: a NUL, CR or bidi control character reached the output",
            file.path
        );
        if !file.path.ends_with(".rs") {
            continue;
        }
        rust_files += 1;
        shown_as_text |= file.contents.contains("planted_attr");
        let parsed: syn::File =
            syn::parse_str(&file.contents).unwrap_or_else(|e| panic!("{}: {e}", file.path));
        let tokens: TokenStream =
            syn::parse_str(&file.contents).unwrap_or_else(|e| panic!("{}: {e}", file.path));
        let mut names = Vec::new();
        idents(tokens, &mut names);
        for planted in PLANTED {
            assert!(
                !names.iter().any(|n| n == planted),
                "{}: `{planted}` became code",
                file.path
            );
        }
        let mut attributes = Attributes::default();
        attributes.visit_file(&parsed);
        for attr in attributes.0 {
            assert!(
                OWN_ATTRIBUTES.contains(&attr.as_str()),
                "{}: unexpected attribute #[{attr}]",
                file.path
            );
        }
        // The only comment outside doc attributes is the header's first line.
        let comments = file
            .contents
            .lines()
            .filter(|l| l.trim_start().starts_with("//") && !l.trim_start().starts_with("///"))
            .filter(|l| !l.trim_start().starts_with("//!"))
            .count();
        assert_eq!(
            comments, 1,
            "{}: a comment line besides the header",
            file.path
        );
    }
    assert!(rust_files > 5, "only {rust_files} Rust files");
    assert!(
        shown_as_text,
        "the planted text should still be shown, as text"
    );
}

#[test]
fn planted_text_stays_out_of_the_manifest() {
    let run = pages::run("injection");
    let manifest = run.file("Cargo.toml").expect("Cargo.toml");
    let mut in_features = false;
    for line in manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        if line.starts_with('[') {
            in_features = line == "[features]";
            assert!(
                ["[package]", "[dependencies]", "[features]"].contains(&line),
                "unexpected table {line}"
            );
            continue;
        }
        let (key, value) = line.split_once(" = ").unwrap_or_else(|| panic!("{line}"));
        assert!(
            key.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            "key {key:?}"
        );
        if in_features {
            let items = value
                .strip_prefix('[')
                .and_then(|v| v.strip_suffix(']'))
                .unwrap_or_else(|| panic!("{line}"));
            for item in items.split(", ").filter(|i| !i.is_empty()) {
                let mut name = item
                    .strip_prefix('"')
                    .and_then(|i| i.strip_suffix('"'))
                    .unwrap_or_else(|| panic!("{line}"));
                // docgen's own `client` and `time` features name their optional dependencies as
                // `dep:name`.
                if key == "client" || key == "time" {
                    name = name
                        .strip_prefix("dep:")
                        .unwrap_or_else(|| panic!("{line}"));
                }
                assert!(
                    name.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                    "feature {name:?}"
                );
            }
        }
    }
    // The first line names the pages; the page whose file name plants code is among them.
    let header = manifest.lines().next().unwrap_or_default();
    assert!(header.starts_with("# @generated by docgen"), "{header}");
}

#[test]
fn the_hostile_example_is_tested_with_its_text_intact() {
    let run = pages::run("injection");
    let op = run
        .model
        .operations
        .iter()
        .find(|o| o.name == "getHostile")
        .expect("the hostile operation");
    let example = op.examples.first().expect("its example");
    assert!(
        example.test.url && example.test.response_body,
        "{:?}",
        example.test
    );
    let tests = run
        .file("tests/examples/hostile.rs")
        .expect("the example test");
    // The body's `"###` needs a raw literal with four `#`s.
    assert!(tests.contains("r####\""), "{tests}");
    let parsed: syn::File = syn::parse_str(tests).expect("parses");
    let mut literals = Vec::new();
    LitStrings(&mut literals).visit_file(&parsed);
    assert!(
        literals
            .iter()
            .any(|l| l.contains("\"### \\u0000 \\r </script>")),
        "{literals:?}"
    );
}

/// Every string literal's value, macro bodies aside.
struct LitStrings<'a>(&'a mut Vec<String>);

impl Visit<'_> for LitStrings<'_> {
    fn visit_lit_str(&mut self, lit: &syn::LitStr) {
        self.0.push(lit.value());
    }
}
