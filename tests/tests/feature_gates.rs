//! Every cargo feature of the v1.0 crate compiles alone, checked without compiling 29 crates: an
//! item compiled under a set of features may only name types compiled under (at least) the same
//! set. Reads the emitted `cfg`s with syn: `src/types/mod.rs` gates each type module, each item
//! of `src/operations/*.rs` carries its own gate. (`cargo check --no-default-features --features
//! X` for each X is the slow version of the same check; the README's Performance section says
//! when it was last run.)

use std::collections::{BTreeMap, BTreeSet};

/// The features that compile an item: `None` when it is compiled always.
type Gate = Option<BTreeSet<String>>;

/// The gate of `attrs`: the features named by a `#[cfg(...)]`, or `None` without one.
fn gate_of(attrs: &[syn::Attribute]) -> Gate {
    let cfg = attrs.iter().find(|a| a.path().is_ident("cfg"))?;
    let text = cfg.meta.require_list().ok()?.tokens.to_string();
    Some(
        text.split("feature = \"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .map(str::to_string)
            .collect(),
    )
}

/// Whether code gated by `user` may name a type gated by `used`.
fn allowed(user: &Gate, used: &Gate) -> bool {
    match (user, used) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(user), Some(used)) => user.is_subset(used),
    }
}

/// The type names (`crate::types::X`) an item's code mentions.
fn referenced_types(item: &syn::Item) -> BTreeSet<String> {
    let text = quote_item(item);
    text.split("crate :: types :: ")
        .skip(1)
        .filter_map(|rest| {
            rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
        })
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect()
}

fn quote_item(item: &syn::Item) -> String {
    quote::ToTokens::to_token_stream(item).to_string()
}

#[test]
fn every_item_names_only_types_its_features_compile() {
    let Some(emitted) = docgen_tests::emitted_v1() else {
        return;
    };
    let files: BTreeMap<&str, syn::File> = emitted
        .files
        .iter()
        .filter(|f| f.path.ends_with(".rs") && f.path.starts_with("src/"))
        .map(|f| {
            (
                f.path.as_str(),
                syn::parse_file(&f.contents).expect("emitted Rust"),
            )
        })
        .collect();

    // Type name -> gate, from `src/types/mod.rs` (`mod m;` and `pub use m::Name;`).
    let types_mod = files.get("src/types/mod.rs").expect("types/mod.rs");
    let mut module_gate: BTreeMap<String, Gate> = BTreeMap::new();
    let mut type_module: BTreeMap<String, String> = BTreeMap::new();
    for item in &types_mod.items {
        match item {
            syn::Item::Mod(m) => {
                module_gate.insert(m.ident.to_string(), gate_of(&m.attrs));
            }
            syn::Item::Use(u) => {
                // `pub use m::Name;` or `pub use m::{Name, NameUpdate};`
                if let syn::UseTree::Path(p) = &u.tree {
                    let names: Vec<&syn::UseTree> = match &*p.tree {
                        syn::UseTree::Group(g) => g.items.iter().collect(),
                        tree => vec![tree],
                    };
                    for name in names {
                        if let syn::UseTree::Name(n) = name {
                            type_module.insert(n.ident.to_string(), p.ident.to_string());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    assert!(
        module_gate.len() > 1000,
        "{} type modules",
        module_gate.len()
    );
    let type_gate = |name: &str| -> Gate {
        type_module
            .get(name)
            .and_then(|m| module_gate.get(m))
            .cloned()
            .unwrap_or_else(|| panic!("type {name} is not in types/mod.rs"))
    };

    let mut checked = 0;
    let mut checked_local = 0;
    let mut wrong = Vec::new();
    for (path, file) in &files {
        let module = path
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".rs");
        let file_gate = if path.starts_with("src/types/") {
            module_gate.get(module).cloned().flatten()
        } else {
            None
        };
        // The file's own structs and enums: an impl or a `use` of one needs its gate too.
        let local_gate: BTreeMap<String, Gate> = file
            .items
            .iter()
            .filter_map(|item| {
                let name = defined_name(item)?;
                Some((name, gate_of(attrs_of(item)).or_else(|| file_gate.clone())))
            })
            .collect();
        for item in &file.items {
            let gate = gate_of(attrs_of(item)).or_else(|| file_gate.clone());
            for used in referenced_types(item) {
                checked += 1;
                let used_gate = type_gate(&used);
                if !allowed(&gate, &used_gate) {
                    wrong.push(format!("{path}: {gate:?} names {used} ({used_gate:?})"));
                }
            }
            let own = defined_name(item);
            for used in identifiers(item) {
                let Some(used_gate) = local_gate.get(&used) else {
                    continue;
                };
                if own.as_deref() == Some(used.as_str()) {
                    continue;
                }
                checked_local += 1;
                if !allowed(&gate, used_gate) {
                    wrong.push(format!("{path}: {gate:?} names {used} ({used_gate:?})"));
                }
            }
        }
    }
    assert!(checked > 3000, "only {checked} references checked");
    // Impls of operations' own body structs and path enums (written out, one per struct).
    assert!(
        checked_local > 1000,
        "only {checked_local} references to items of the same file checked"
    );
    assert!(
        wrong.is_empty(),
        "{} bad references, e.g. {:#?}",
        wrong.len(),
        &wrong[..wrong.len().min(10)]
    );
}

/// The struct or enum an item defines.
fn defined_name(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Struct(i) => Some(i.ident.to_string()),
        syn::Item::Enum(i) => Some(i.ident.to_string()),
        _ => None,
    }
}

/// Every identifier in an item's tokens.
fn identifiers(item: &syn::Item) -> BTreeSet<String> {
    fn walk(tokens: proc_macro2::TokenStream, out: &mut BTreeSet<String>) {
        for token in tokens {
            match token {
                proc_macro2::TokenTree::Ident(ident) => {
                    out.insert(ident.to_string());
                }
                proc_macro2::TokenTree::Group(group) => walk(group.stream(), out),
                _ => {}
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(quote::ToTokens::to_token_stream(item), &mut out);
    out
}

fn attrs_of(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        _ => &[],
    }
}

/// The identifiers an item's code mentions: outside string literals (docs name other items).
fn idents(item: &syn::Item) -> BTreeSet<String> {
    let (mut code, mut in_string, mut escaped) = (String::new(), false, false);
    for c in quote_item(item).chars() {
        match (in_string, escaped, c) {
            (true, true, _) => escaped = false,
            (true, false, '\\') => escaped = true,
            (_, false, '"') => in_string = !in_string,
            (false, _, c) => code.push(c),
            (true, false, _) => {}
        }
    }
    code.split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Operations sharing a path enum may be gated on different features: the enum (and its
/// re-export from `operations/mod.rs`) must compile with each of them, so that every feature
/// still builds alone. Checked for every item of a file naming another (a body struct's impls).
#[test]
fn operation_items_name_only_items_their_features_compile() {
    let Some(emitted) = docgen_tests::emitted_v1() else {
        return;
    };
    let mut gates: BTreeMap<(String, String), Gate> = BTreeMap::new();
    let mut files = Vec::new();
    for f in &emitted.files {
        let Some(module) = f
            .path
            .strip_prefix("src/operations/")
            .and_then(|p| p.strip_suffix(".rs"))
        else {
            continue;
        };
        let file = syn::parse_file(&f.contents).expect("emitted Rust");
        for item in &file.items {
            if let Some(name) = defined_name(item) {
                gates.insert((module.to_string(), name), gate_of(attrs_of(item)));
            }
        }
        files.push((module.to_string(), file));
    }
    let (mut shared, mut across, mut wrong) = (0, 0, Vec::new());
    for (module, file) in files.iter().filter(|(m, _)| m != "mod") {
        for item in &file.items {
            let gate = gate_of(attrs_of(item));
            let own = defined_name(item);
            for used in idents(item) {
                let Some(used_gate) = gates.get(&(module.clone(), used.clone())) else {
                    continue;
                };
                if own.as_ref() == Some(&used) {
                    continue;
                }
                if used.ends_with("Path") && matches!(item, syn::Item::Struct(_)) {
                    shared += 1;
                    across += usize::from(gate != *used_gate);
                }
                if !allowed(&gate, used_gate) {
                    wrong.push(format!("{module}: {gate:?} names {used} ({used_gate:?})"));
                }
            }
        }
    }
    // `pub use m::Name;` in operations/mod.rs: gated at most as widely as `Name` itself.
    let (_, mod_rs) = files.iter().find(|(m, _)| m == "mod").expect("mod.rs");
    for item in &mod_rs.items {
        let syn::Item::Use(u) = item else { continue };
        let syn::UseTree::Path(p) = &u.tree else {
            continue;
        };
        let names: Vec<&syn::UseTree> = match &*p.tree {
            syn::UseTree::Group(g) => g.items.iter().collect(),
            tree => vec![tree],
        };
        for name in names {
            let syn::UseTree::Name(n) = name else {
                continue;
            };
            let key = (p.ident.to_string(), n.ident.to_string());
            let used_gate = gates
                .get(&key)
                .unwrap_or_else(|| panic!("{key:?} not found"));
            if !allowed(&gate_of(&u.attrs), used_gate) {
                wrong.push(format!("mod.rs: exports {key:?} ({used_gate:?})"));
            }
        }
    }
    // Operation structs name path enums, some gated differently from theirs (v1.0 has both).
    assert!(shared > 500, "only {shared} path enum uses");
    assert!(across > 0, "no path enum shared across features");
    assert!(
        wrong.is_empty(),
        "{} bad gates, e.g. {:#?}",
        wrong.len(),
        &wrong[..wrong.len().min(10)]
    );
}
