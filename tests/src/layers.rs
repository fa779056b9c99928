//! The generator's layers, checked on its source: every `crate::` (and `super::`, `self::`,
//! child-module) reference of every file under `generator/src/` is resolved to the file that
//! defines the module it names, and [`problems`] lists
//! - an upward import: a file of one layer naming a module of a higher one
//!   (`diag <- ir <- pages <- facts <- model <- emit <- output`, see [`LAYERS`]);
//! - any cycle between files (two files that reach each other through references), naming the
//!   files and the reference of each step;
//! - a module that is in no layer, or a file that no `mod` declaration reaches.
//!
//! Test code (`#[cfg(test)]` items and modules) is left out: a unit test may drive the whole
//! pipeline to build its input, and nothing refers to a test, so it can be in no cycle.
//! Macro bodies are read as expressions (`format!`, `assert!`), except `quote!`'s, whose paths
//! name the generated crate. Only paths are seen: a method call reaches an `impl` in another
//! file without naming it, so an `impl` split over files counts only by the paths it writes.

use std::collections::{BTreeMap, BTreeSet};
use syn::visit::Visit;

/// The layers, lowest first: a file may refer to its own layer and those below it. Top-level
/// modules in one group are independent of each other's rank (they do not refer to each other
/// upward either, since a group is one layer). `""` is `lib.rs`.
pub const LAYERS: &[&[&str]] = &[
    &["diag", "timings", "testing", "version", "fingerprint"],
    &["ir"],
    &["pages"],
    &["facts"],
    &["model"],
    &["naming", "format"],
    &["emit"],
    &["error"],
    &["output"],
    &["lint", "pipeline", "cache"],
    &["config"],
    &["stats", "bench", "diff"],
    &[""],
];

/// Macros whose bodies are Rust tokens for the generated crate, not references of docgen's.
const CODE_MACROS: &[&str] = &["quote", "quote_spanned", "parse_quote", "format_ident"];

/// The crate's files as module path -> file, plus each file's parsed source (test modules out).
#[derive(Default)]
struct Crate {
    modules: BTreeMap<Vec<String>, String>,
    sources: BTreeMap<String, (Vec<String>, syn::File)>,
    /// Files declared only under `#[cfg(test)]`: reached, not analysed.
    test_files: BTreeSet<String>,
    problems: Vec<String>,
}

/// One reference from a file to another: the path as written.
#[derive(Clone, Debug)]
struct Edge {
    from: String,
    to: String,
    path: String,
}

/// `dir/name`, or `name` at the root.
fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Meta>()
                .is_ok_and(|meta| meta.path().is_ident("test"))
    })
}

fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| match &attr.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

impl Crate {
    /// Loads the module tree from `root` (relative to `read`'s base), following `mod` items.
    fn load(read: &dyn Fn(&str) -> Option<String>, root: &str) -> Crate {
        let mut krate = Crate::default();
        let dir = root.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        krate.load_file(read, root, Vec::new(), &dir, false);
        krate
    }

    fn load_file(
        &mut self,
        read: &dyn Fn(&str) -> Option<String>,
        file: &str,
        module: Vec<String>,
        children_dir: &str,
        test: bool,
    ) {
        self.modules.insert(module.clone(), file.to_string());
        if test {
            self.test_files.insert(file.to_string());
        }
        let Some(text) = read(file) else {
            self.problems
                .push(format!("{file}: declared but not found"));
            return;
        };
        let parsed = match syn::parse_file(&text) {
            Ok(parsed) => parsed,
            Err(e) => {
                self.problems.push(format!("{file}: {e}"));
                return;
            }
        };
        let file_dir = file.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        let dirs = (children_dir, file_dir.as_str());
        self.load_items(read, file, &parsed.items, &module, dirs, test);
        // A test file's own `mod`s are followed (so every file is reached), its paths are not.
        if !test {
            self.sources.insert(file.to_string(), (module, parsed));
        }
    }

    fn load_items(
        &mut self,
        read: &dyn Fn(&str) -> Option<String>,
        file: &str,
        items: &[syn::Item],
        module: &[String],
        (children_dir, file_dir): (&str, &str),
        in_test: bool,
    ) {
        for item in items {
            let syn::Item::Mod(m) = item else { continue };
            let name = m.ident.to_string();
            let mut child = module.to_vec();
            child.push(name.clone());
            let test = in_test || is_cfg_test(&m.attrs);
            let dir = join(children_dir, &name);
            if let Some((_, items)) = &m.content {
                self.modules.insert(child.clone(), file.to_string());
                self.load_items(read, file, items, &child, (&dir, file_dir), test);
                continue;
            }
            let target = match path_attr(&m.attrs) {
                Some(p) => join(file_dir, &p),
                None => {
                    let flat = join(children_dir, &format!("{name}.rs"));
                    if read(&flat).is_some() {
                        flat
                    } else {
                        format!("{dir}/mod.rs")
                    }
                }
            };
            // A `mod.rs` owns its folder, wherever a `#[path]` put it.
            let own_dir = if let Some(folder) = target.strip_suffix("/mod.rs") {
                folder.to_string()
            } else {
                target.trim_end_matches(".rs").to_string()
            };
            self.load_file(read, &target, child, &own_dir, test);
        }
    }

    /// The file defining the longest known module prefix of an absolute path.
    fn file_of(&self, absolute: &[String]) -> Option<&String> {
        (0..=absolute.len())
            .rev()
            .find_map(|n| self.modules.get(absolute.get(..n)?))
    }

    /// `segments` as written in `module`, made absolute; None for other crates and local items.
    fn absolute(&self, module: &[String], segments: &[String]) -> Option<Vec<String>> {
        let first = segments.first()?;
        let mut base: Vec<String> = module.to_vec();
        let mut rest = segments;
        match first.as_str() {
            "crate" => {
                base.clear();
                rest = &segments[1..];
            }
            "self" => rest = &segments[1..],
            "super" => {
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
            }
            _ => {
                // A child module: `build::Work` (one segment alone is a local name).
                let mut child = base.clone();
                child.push(first.clone());
                if segments.len() < 2 || !self.modules.contains_key(&child) {
                    return None;
                }
            }
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    fn edges(&self) -> Vec<Edge> {
        let mut out = Vec::new();
        for (file, (module, parsed)) in &self.sources {
            let mut refs = References {
                module: module.clone(),
                found: Vec::new(),
            };
            refs.visit_file(parsed);
            for (module, segments) in refs.found {
                let Some(absolute) = self.absolute(&module, &segments) else {
                    continue;
                };
                let Some(to) = self.file_of(&absolute) else {
                    continue;
                };
                if to != file {
                    out.push(Edge {
                        from: file.clone(),
                        to: to.clone(),
                        path: segments.join("::"),
                    });
                }
            }
        }
        out
    }
}

/// Every path a file writes, with the (inline) module it is written in; test items skipped.
struct References {
    module: Vec<String>,
    found: Vec<(Vec<String>, Vec<String>)>,
}

impl References {
    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.add_use(prefix, &n.ident),
            syn::UseTree::Rename(r) => self.add_use(prefix, &r.ident),
            syn::UseTree::Glob(_) => self.found.push((self.module.clone(), prefix.clone())),
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(prefix, tree);
                }
            }
        }
    }

    fn add_use(&mut self, prefix: &[String], ident: &syn::Ident) {
        let mut path = prefix.to_vec();
        // `use super::{self, x}` names the prefix itself.
        if ident != "self" {
            path.push(ident.to_string());
        }
        self.found.push((self.module.clone(), path));
    }
}

impl<'ast> Visit<'ast> for References {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Fn(i) => &i.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Mod(i) => &i.attrs,
            syn::Item::Use(i) => &i.attrs,
            syn::Item::Const(i) => &i.attrs,
            syn::Item::Static(i) => &i.attrs,
            syn::Item::Struct(i) => &i.attrs,
            syn::Item::Enum(i) => &i.attrs,
            syn::Item::Trait(i) => &i.attrs,
            syn::Item::Type(i) => &i.attrs,
            syn::Item::Macro(i) => &i.attrs,
            _ => return syn::visit::visit_item(self, item),
        };
        if !is_cfg_test(attrs) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        // A declaration is no reference; an inline module's items are read in that module.
        if let Some((_, items)) = &item.content {
            self.module.push(item.ident.to_string());
            for item in items {
                self.visit_item(item);
            }
            self.module.pop();
        }
    }

    /// `pub(crate)`, `pub(super)`: a visibility, no reference.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.found.push((self.module.clone(), segments));
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.visit_path(&mac.path);
        let name = mac.path.segments.last().map(|s| s.ident.to_string());
        if name.is_some_and(|n| CODE_MACROS.contains(&n.as_str())) {
            return;
        }
        let parser = syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        if let Ok(exprs) = mac.parse_body_with(parser) {
            for expr in &exprs {
                self.visit_expr(expr);
            }
        }
    }
}

fn layer_of(file_module: &[String]) -> Option<usize> {
    let top = file_module.first().map_or("", String::as_str);
    LAYERS.iter().position(|group| group.contains(&top))
}

/// Everything wrong with the crate rooted at `root` (a path `read` understands).
pub fn problems(read: &dyn Fn(&str) -> Option<String>, root: &str) -> Vec<String> {
    let krate = Crate::load(read, root);
    let mut problems = krate.problems.clone();
    let module_of: BTreeMap<&str, &Vec<String>> = krate
        .modules
        .iter()
        .map(|(module, file)| (file.as_str(), module))
        .rev() // the file's own (shortest) module, not an inline one
        .collect();
    for (file, module) in &module_of {
        if layer_of(module).is_none() && !krate.test_files.contains(*file) {
            problems.push(format!(
                "{file}: module `{}` is in no layer (add it to LAYERS)",
                module.first().map_or("", String::as_str)
            ));
        }
    }
    let edges = krate.edges();
    for edge in &edges {
        let (Some(from), Some(to)) = (
            module_of.get(edge.from.as_str()).and_then(|m| layer_of(m)),
            module_of.get(edge.to.as_str()).and_then(|m| layer_of(m)),
        ) else {
            continue;
        };
        if to > from {
            problems.push(format!(
                "upward import: {} refers to `{}` in {}",
                edge.from, edge.path, edge.to
            ));
        }
    }
    problems.extend(cycles(&edges));
    problems.sort();
    problems.dedup();
    problems
}

/// Each cycle between files, as one line per strongly connected group of files.
fn cycles(edges: &[Edge]) -> Vec<String> {
    let mut next: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
    for edge in edges {
        next.entry(&edge.from)
            .or_default()
            .entry(&edge.to)
            .or_insert(&edge.path);
    }
    let reach = |start: &str| -> BTreeSet<&str> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![start];
        while let Some(file) = stack.pop() {
            for to in next.get(file).into_iter().flat_map(|n| n.keys()) {
                if seen.insert(*to) {
                    stack.push(to);
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&str, BTreeSet<&str>> =
        next.keys().map(|file| (*file, reach(file))).collect();
    let mut reported = BTreeSet::new();
    let mut out = Vec::new();
    for (file, from_here) in &reached {
        if !from_here.contains(file) || reported.contains(file) {
            continue;
        }
        let group: BTreeSet<&str> = from_here
            .iter()
            .filter(|other| reached.get(*other).is_some_and(|r| r.contains(file)))
            .copied()
            .collect();
        let steps: Vec<String> = group
            .iter()
            .flat_map(|a| {
                next.get(a)
                    .into_iter()
                    .flatten()
                    .filter(|(b, _)| group.contains(*b))
                    .map(move |(b, path)| format!("{a} -> {b} (`{path}`)"))
            })
            .collect();
        out.push(format!("cycle between files: {}", steps.join(", ")));
        reported.extend(group);
    }
    out
}

/// The files the crate rooted at `root` declares with `mod` (test modules included).
pub fn declared_files(read: &dyn Fn(&str) -> Option<String>, root: &str) -> BTreeSet<String> {
    Crate::load(read, root).modules.into_values().collect()
}
