//! Properties of the emitted code that hold for every fixture: determinism, no injected code,
//! safe file names, feature gating closed over references, boxed recursion.

use docgen::emit::{emit, EmitOptions, Emitted};
use docgen_tests::{fixture, workspace_root};
use proc_macro2::{TokenStream, TokenTree};
use std::collections::{BTreeMap, BTreeSet};

fn emit_fixture(name: &str) -> Emitted {
    let path = workspace_root()
        .join("tests/fixtures/ir")
        .join(format!("{name}.json"));
    let model = fixture::load(&path).unwrap_or_else(|e| panic!("{e}"));
    emit(
        &model,
        &EmitOptions {
            crate_name: format!("snapshot-{name}"),
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn all_fixtures() -> Vec<String> {
    let dir = workspace_root().join("tests/fixtures/ir");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter_map(|e| e.path().file_stem()?.to_str().map(str::to_string))
        .collect();
    names.sort();
    names
}

fn file<'a>(emitted: &'a Emitted, path: &str) -> &'a str {
    emitted
        .files
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.contents.as_str())
        .unwrap_or_else(|| panic!("{path} not emitted"))
}

#[test]
fn emitting_is_deterministic_whatever_the_thread_count() {
    for name in all_fixtures() {
        let first = emit_fixture(&name);
        let again = emit_fixture(&name);
        let one_thread = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap_or_else(|e| panic!("{e}"))
            .install(|| emit_fixture(&name));
        assert_eq!(first.files, again.files, "{name}: two runs differ");
        assert_eq!(
            first.files, one_thread.files,
            "{name}: one thread differs from many"
        );
        assert_eq!(
            first.diagnostics, again.diagnostics,
            "{name}: diagnostics differ"
        );
        let paths: Vec<&str> = first.files.iter().map(|f| f.path.as_str()).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted, "{name}: files are not sorted by path");
    }
}

/// Every identifier in a token stream (literals, doc strings included, are not identifiers).
fn idents(tokens: TokenStream, out: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Group(group) => idents(group.stream(), out),
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
}

#[test]
fn hostile_text_stays_text() {
    let emitted = emit_fixture("injection");
    let mut planted_text_seen = false;
    for file in &emitted.files {
        if !file.path.ends_with(".rs") {
            continue;
        }
        planted_text_seen |= file.contents.contains("planted_attr");
        let parsed: syn::File =
            syn::parse_str(&file.contents).unwrap_or_else(|e| panic!("{}: {e}", file.path));
        let tokens: TokenStream =
            syn::parse_str(&file.contents).unwrap_or_else(|e| panic!("{}: {e}", file.path));
        let mut names = Vec::new();
        idents(tokens, &mut names);
        assert!(
            !names.iter().any(|n| n == "planted_attr"),
            "{}: the planted attribute became code",
            file.path
        );
        assert!(
            !names.windows(2).any(|w| w[0] == "fn" && w[1] == "x"),
            "{}: the planted `fn x` became code",
            file.path
        );
        assert!(
            !names.iter().any(|n| n == "script" || n == "alert"),
            "{}: HTML became code",
            file.path
        );
        // Only docgen's own attributes.
        let mut attrs = Vec::new();
        collect_attrs(&parsed.attrs, &parsed.items, &mut attrs);
        for attr in attrs {
            assert!(
                [
                    "derive",
                    "serde",
                    "cfg",
                    "doc",
                    "test",
                    "allow",
                    "deny",
                    "default",
                    "rustfmt::skip"
                ]
                .contains(&attr.as_str()),
                "{}: unexpected attribute #[{attr}]",
                file.path
            );
        }
    }
    assert!(
        planted_text_seen,
        "the hostile descriptions should still be shown, as text"
    );
    for file in &emitted.files {
        assert!(
            !file.contents.contains('\0'),
            "{}: a NUL byte reached the output",
            file.path
        );
        assert!(
            !file.contents.contains('\u{202e}'),
            "{}: a bidi override reached the output",
            file.path
        );
    }
}

fn collect_attrs(outer: &[syn::Attribute], items: &[syn::Item], out: &mut Vec<String>) {
    let name = |a: &syn::Attribute| {
        a.path()
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect::<Vec<_>>()
            .join("::")
    };
    out.extend(outer.iter().map(name));
    for item in items {
        match item {
            syn::Item::Struct(s) => {
                out.extend(s.attrs.iter().map(name));
                out.extend(s.fields.iter().flat_map(|f| f.attrs.iter().map(name)));
            }
            syn::Item::Enum(e) => {
                out.extend(e.attrs.iter().map(name));
                for v in &e.variants {
                    out.extend(v.attrs.iter().map(name));
                    out.extend(v.fields.iter().flat_map(|f| f.attrs.iter().map(name)));
                }
            }
            syn::Item::Fn(f) => out.extend(f.attrs.iter().map(name)),
            syn::Item::Impl(i) => out.extend(i.attrs.iter().map(name)),
            syn::Item::Mod(m) => {
                out.extend(m.attrs.iter().map(name));
                if let Some((_, items)) = &m.content {
                    collect_attrs(&[], items, out);
                }
            }
            syn::Item::Use(u) => out.extend(u.attrs.iter().map(name)),
            _ => {}
        }
    }
}

#[test]
fn file_names_and_manifest_are_sanitised() {
    let emitted = emit_fixture("injection");
    for file in &emitted.files {
        let ok = file.path.split('/').all(|part| {
            !part.is_empty()
                && part != ".."
                && part != "."
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        });
        assert!(ok, "unsafe output path {:?}", file.path);
    }
    assert!(emitted
        .files
        .iter()
        .any(|f| f.path == "src/operations/etc_passwd.rs"));
    let manifest = file(&emitted, "Cargo.toml");
    assert!(manifest.contains("\nevil-x = []\n"), "{manifest}");
    // A list ends only on the lines docgen writes itself (features, dependency options), never
    // inside a workload's name.
    let own = [
        "full =",
        "default =",
        "client =",
        "serde =",
        "futures-util =",
        "reqwest =",
        "tokio =",
        "time =",
    ];
    for line in manifest.lines().filter(|l| l.contains("\"]")) {
        assert!(own.iter().any(|start| line.starts_with(start)), "{line}");
    }
}

/// `crate::types::X` names referred to in a file.
fn type_refs(text: &str) -> BTreeSet<String> {
    text.split("crate::types::")
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

/// Features of each `cfg` attribute line followed by the item it gates, for `mod`/`pub use` lines.
fn cfg_of_uses(mod_rs: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    let mut current: BTreeSet<String> = BTreeSet::new();
    // A long `#[cfg(any(...))]` is wrapped over several lines: read it whole.
    let mut cfg: Option<String> = None;
    for line in mod_rs.lines() {
        if let Some(text) = cfg.as_mut() {
            text.push_str(line);
        } else if line.starts_with("#[cfg(") {
            cfg = Some(line.to_string());
        }
        if let Some(text) = cfg.take_if(|text| text.ends_with(")]")) {
            current = text
                .split("feature = \"")
                .skip(1)
                .filter_map(|s| s.split('"').next())
                .map(str::to_string)
                .collect();
        } else if let Some(rest) = line.strip_prefix("pub use ") {
            let names = rest.split("::").nth(1).unwrap_or_default();
            for name in names
                .trim_matches(|c| c == '{' || c == '}' || c == ';')
                .split(", ")
            {
                out.insert(
                    name.trim_matches(|c| c == '{' || c == '}' || c == ';')
                        .to_string(),
                    current.clone(),
                );
            }
            // A gate applies to the one item after it.
            current.clear();
        } else if !line.trim().is_empty() && cfg.is_none() && !line.starts_with("#[") {
            current.clear();
        }
    }
    out
}

#[test]
fn a_workload_compiles_every_type_it_reaches() {
    for name in all_fixtures() {
        let emitted = emit_fixture(&name);
        let type_features = cfg_of_uses(file(&emitted, "src/types/mod.rs"));
        let op_features = cfg_of_uses(file(&emitted, "src/operations/mod.rs"));
        let module_of = |path: &str| {
            path.rsplit('/')
                .next()
                .unwrap_or_default()
                .trim_end_matches(".rs")
                .to_string()
        };
        for f in &emitted.files {
            let gated_by: Vec<BTreeSet<String>> = if f.path.starts_with("src/types/")
                && f.path != "src/types/mod.rs"
            {
                let module = module_of(&f.path);
                let mod_rs = file(&emitted, "src/types/mod.rs");
                let exported = mod_rs
                    .lines()
                    .filter_map(|l| l.strip_prefix(&format!("pub use {module}::")))
                    .map(|rest| {
                        rest.trim_matches(|c| c == '{' || c == '}' || c == ';')
                            .split(", ")
                            .next()
                            .unwrap_or_default()
                            .to_string()
                    })
                    .collect::<Vec<_>>();
                exported
                    .iter()
                    .filter_map(|t| type_features.get(t).cloned())
                    .collect()
            } else if f.path.starts_with("src/operations/") && f.path != "src/operations/mod.rs" {
                // Each operation item is gated by one feature; any of the file's features may be on.
                op_features.values().cloned().collect()
            } else {
                continue;
            };
            for referenced in type_refs(&f.contents) {
                let Some(needed) = type_features.get(&referenced) else {
                    continue;
                };
                for gate in &gated_by {
                    if f.path.starts_with("src/operations/") {
                        continue;
                    }
                    assert!(gate.is_subset(needed), "{name}: {} (features {gate:?}) uses {referenced}, compiled only with {needed:?}", f.path);
                }
            }
        }
        // Operations: the operation's feature must compile every type its items mention.
        for f in emitted
            .files
            .iter()
            .filter(|f| f.path.starts_with("src/operations/") && f.path != "src/operations/mod.rs")
        {
            let mut feature = String::new();
            for line in f.contents.lines() {
                if let Some(rest) = line.strip_prefix("#[cfg(feature = \"") {
                    feature = rest.split('"').next().unwrap_or_default().to_string();
                }
                for referenced in type_refs(line) {
                    if let Some(needed) = type_features.get(&referenced) {
                        assert!(needed.contains(&feature), "{name}: {} under feature {feature} uses {referenced}, compiled only with {needed:?}", f.path);
                    }
                }
            }
        }
    }
}

#[test]
fn recursion_is_boxed_where_it_cycles_and_only_there_and_alike_in_every_holder() {
    let emitted = emit_fixture("recursion");
    let folder = file(&emitted, "src/types/folder.rs");
    assert!(
        folder
            .contains("pub parent: ::std::option::Option<::std::boxed::Box<crate::types::Folder>>"),
        "{folder}"
    );
    assert!(
        folder.contains("pub children: ::std::vec::Vec<crate::types::Folder>"),
        "{folder}"
    );
    let unflagged = file(&emitted, "src/types/unflagged.rs");
    assert!(
        unflagged.contains("::std::boxed::Box<crate::types::Unflagged>"),
        "{unflagged}"
    );
    let pong = file(&emitted, "src/types/pong.rs");
    assert!(
        pong.contains("::std::boxed::Box<crate::types::Ping>"),
        "{pong}"
    );
    assert!(
        pong.contains("pub pings: ::std::vec::Vec<crate::types::Ping>"),
        "{pong}"
    );
    // `leaf` inherits `leaf: leaf` from `node`, so it contains itself. The model decides per
    // declaration, so `node`'s own `leaf` is boxed too: an inherited field has one type in every
    // struct that holds it (as in v1.0, whose `baseItem` boxes what only derived types need).
    let node = file(&emitted, "src/types/node.rs");
    assert!(
        node.contains("pub leaf: ::std::option::Option<::std::boxed::Box<crate::types::Leaf>>"),
        "{node}"
    );
    let leaf = file(&emitted, "src/types/leaf.rs");
    assert!(
        leaf.contains("::std::boxed::Box<crate::types::Leaf>"),
        "{leaf}"
    );
}

#[test]
fn inheritance_copies_base_properties_in_order() {
    let emitted = emit_fixture("inheritance");
    let shell = file(&emitted, "src/types/device_shell_script.rs");
    let order: Vec<usize> = [
        "pub id:",
        "pub display_name:",
        "pub run_as_account:",
        "pub retry_count:",
        "pub additional_properties:",
    ]
    .iter()
    .map(|field| {
        shell
            .find(field)
            .unwrap_or_else(|| panic!("{field} missing:\n{shell}"))
    })
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "fields out of order:\n{shell}"
    );
    assert!(
        shell.contains("Name of the shell script (redefined)."),
        "the derived definition wins"
    );
    // Serialize and Deserialize are written out (runtime::Object, runtime::Fields): no serde
    // attribute at all, so nothing is flattened, the base's properties least of all.
    assert!(!shell.contains("#[serde("), "no serde attributes:\n{shell}");
    assert!(
        shell.contains("object.optional(\"displayName\", &self.display_name)?;"),
        "inherited properties are written by name:\n{shell}"
    );
}
