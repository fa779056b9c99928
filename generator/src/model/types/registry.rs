//! Every type definition the pages make, one kept per name, and lookups of the names and links
//! pages use to refer to them.
//!
//! Duplicates (two definitions with the same model name, compared without case) are resolved by
//! one rule, the same on every run: a resource or enum page beats a section of a multi-enum
//! page, which beats an `X values` section of a resource page; then the definition with more
//! properties or members wins; then the page whose path sorts first; then the earlier line.
//! Intune splits some types over several pages (`deviceManagement` has one page per area, each
//! listing that area's relationships), so the properties of a dropped resource definition that
//! the kept one lacks are merged into it, in the same order. Enum members are never merged: a
//! second enum definition is more often a copy-paste error (enums.md) than a part.

use super::names::NameIndex;
use crate::diag::{Code, Diagnostic, Span};
use crate::facts::enums::{EnumFacts, EnumOrigin};
use crate::facts::page::PageHeader;
use crate::facts::resource::ResourceFacts;
use crate::facts::PageFacts;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug)]
pub enum Body<'f> {
    Resource(&'f ResourceFacts),
    Enum(&'f EnumFacts),
}

/// One definition of a type on one page.
#[derive(Clone, Debug)]
pub struct Def<'f> {
    /// The model name: bare for `microsoft.graph`, else `callRecords.session`.
    pub name: String,
    pub namespace: String,
    pub page: &'f PageHeader,
    pub body: Body<'f>,
    /// Dropped duplicate resource definitions whose extra properties are merged in.
    pub merged: Vec<(&'f PageHeader, &'f ResourceFacts)>,
}

impl Def<'_> {
    /// The anchor of an enum defined by a section of its page (`#x-values`).
    fn anchor(&self) -> Option<&str> {
        match self.body {
            Body::Enum(e) => e.anchor.as_deref(),
            Body::Resource(_) => None,
        }
    }

    pub fn span(&self) -> &Span {
        match self.body {
            Body::Resource(r) => &r.span,
            Body::Enum(e) => &e.span,
        }
    }

    fn origin_rank(&self) -> u8 {
        match self.body {
            Body::Resource(_) => 0,
            Body::Enum(e) => match e.origin {
                EnumOrigin::Page => 0,
                EnumOrigin::MultiPage => 1,
                EnumOrigin::Section => 2,
            },
        }
    }

    fn richness(&self) -> usize {
        match self.body {
            Body::Resource(r) => r.properties.len(),
            Body::Enum(e) => e.members.len(),
        }
    }

    /// Sort key of the duplicate rule: smaller wins.
    fn precedence(&self) -> (u8, std::cmp::Reverse<usize>, &str, u32) {
        let span = self.span();
        (
            self.origin_rank(),
            std::cmp::Reverse(self.richness()),
            &span.file,
            span.line,
        )
    }
}

/// `microsoft.graph` + `user` -> `user`; `microsoft.graph.callRecords` + `session` ->
/// `callRecords.session`; any other namespace is kept whole.
pub fn model_name(namespace: &str, name: &str) -> String {
    let lower = namespace.to_lowercase();
    if lower == "microsoft.graph" || namespace.is_empty() {
        name.to_string()
    } else if lower.starts_with("microsoft.graph.") {
        format!("{}.{name}", &namespace["microsoft.graph.".len()..])
    } else {
        format!("{namespace}.{name}")
    }
}

/// An `X values` section of a resource page, kept aside until something refers to it.
#[derive(Clone, Copy, Debug)]
pub struct Section<'f> {
    pub page: &'f PageHeader,
    pub facts: &'f EnumFacts,
}

impl Section<'_> {
    /// A section listing `null` documents a nullable string, not an enum (user.md).
    pub fn lists_null(&self) -> bool {
        self.facts
            .members
            .iter()
            .any(|m| m.name.eq_ignore_ascii_case("null"))
    }
}

/// The definitions of every page (conditional sections apart), in page order.
pub fn candidates(facts: &[PageFacts]) -> (Vec<Def<'_>>, Vec<Section<'_>>) {
    let mut defs = Vec::new();
    let mut sections = Vec::new();
    for page in facts {
        if let Some(resource) = &page.resource {
            defs.push(Def {
                name: model_name(&resource.namespace, &resource.name),
                namespace: resource.namespace.clone(),
                page: &page.page,
                body: Body::Resource(resource),
                merged: Vec::new(),
            });
        }
        for facts in &page.enums {
            if facts.origin == EnumOrigin::Section {
                sections.push(Section {
                    page: &page.page,
                    facts,
                });
            } else {
                defs.push(section_def(&page.page, facts));
            }
        }
    }
    (defs, sections)
}

pub fn section_def<'f>(page: &'f PageHeader, facts: &'f EnumFacts) -> Def<'f> {
    Def {
        name: model_name(&facts.namespace, &facts.name),
        namespace: facts.namespace.clone(),
        page,
        body: Body::Enum(facts),
        merged: Vec::new(),
    }
}

/// What a reference found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    Def(usize),
    /// A conditional `X values` section (index into `Registry::sections`).
    Section(usize),
    Missing,
}

pub struct Registry<'f> {
    /// The kept definitions, sorted by model name.
    pub defs: Vec<Def<'f>>,
    pub sections: Vec<Section<'f>>,
    names: NameIndex,
    /// (lower-cased page, anchor) -> the enum defined by that section of the page.
    by_anchor: BTreeMap<(String, String), usize>,
}

impl<'f> Registry<'f> {
    /// Keeps one definition per name (see the module's rule) and indexes them.
    pub fn build(
        mut candidates: Vec<Def<'f>>,
        sections: Vec<Section<'f>>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Registry<'f> {
        candidates.sort_by(|a, b| {
            (a.name.to_lowercase(), a.precedence()).cmp(&(b.name.to_lowercase(), b.precedence()))
        });
        let mut defs: Vec<Def<'f>> = Vec::with_capacity(candidates.len());
        for def in candidates {
            let Some(kept) = defs
                .last_mut()
                .filter(|k| k.name.eq_ignore_ascii_case(&def.name))
            else {
                defs.push(def);
                continue;
            };
            let merged = match (kept.body, def.body) {
                (Body::Resource(mine), Body::Resource(theirs)) => {
                    let known: BTreeSet<String> = mine
                        .properties
                        .iter()
                        .chain(kept.merged.iter().flat_map(|(_, r)| &r.properties))
                        .map(|p| p.name.to_lowercase())
                        .collect();
                    let extra = theirs
                        .properties
                        .iter()
                        .filter(|p| !known.contains(&p.name.to_lowercase()))
                        .count();
                    if extra > 0 {
                        kept.merged.push((def.page, theirs));
                        format!("; its {extra} other properties are merged in")
                    } else {
                        String::new()
                    }
                }
                _ => String::new(),
            };
            diagnostics.push(
                Diagnostic::new(
                    Code::TypeDuplicate,
                    def.span().clone(),
                    format!(
                        "type `{}` is defined again; the definition at {} is kept{merged}",
                        def.name,
                        kept.span()
                    ),
                )
                .with_related(kept.span().clone(), "the kept definition"),
            );
        }
        defs.sort_by(|a, b| a.name.cmp(&b.name));
        let names = NameIndex::new(defs.iter().map(|d| (d.name.as_str(), d.page.path.as_str())));
        let mut by_anchor = BTreeMap::new();
        for (i, def) in defs.iter().enumerate() {
            if let Some(anchor) = def.anchor() {
                by_anchor.insert((def.page.path.to_lowercase(), anchor.to_string()), i);
            }
        }
        Registry {
            defs,
            sections,
            names,
            by_anchor,
        }
    }

    /// The name index, for the resolved types (index-aligned with `defs`).
    pub fn into_names(self) -> NameIndex {
        self.names
    }

    pub fn def(&self, index: usize) -> Option<&Def<'f>> {
        self.defs.get(index)
    }

    /// Resolves a name as a page writes it (`name`, sub-namespace, link) from page `from`.
    /// Names first (qualified, the page's own sub-namespace, `microsoft.graph`, then a unique
    /// bare name), then the link's target page or anchor, then `X values` sections.
    pub fn lookup(
        &self,
        name: &str,
        namespace: Option<&str>,
        link: Option<&str>,
        from: &PageHeader,
    ) -> Found {
        if let Some(found) = self.lookup_name(name, namespace, &from.namespace) {
            return Found::Def(found);
        }
        let target = link.map(|l| link_target(&from.path, l));
        if let Some((page, anchor)) = &target {
            let page = page.clone().unwrap_or_else(|| from.path.to_lowercase());
            if let Some(anchor) = anchor {
                if let Some(i) = self.by_anchor.get(&(page.clone(), anchor.clone())) {
                    return Found::Def(*i);
                }
                let section = self.sections.iter().position(|s| {
                    s.page.path.eq_ignore_ascii_case(&page)
                        && s.facts.anchor.as_ref() == Some(anchor)
                });
                if let Some(i) = section {
                    return Found::Section(i);
                }
            } else {
                // A link to a page names its type; enums of the page's sections have anchors.
                let mut on_page = self
                    .names
                    .on_page(&page)
                    .iter()
                    .filter(|i| self.defs.get(**i).is_some_and(|d| d.anchor().is_none()));
                if let (Some(only), None) = (on_page.next(), on_page.next()) {
                    return Found::Def(*only);
                }
            }
        }
        // `X values` sections: on the same page first, else the only one of that name.
        let named = |s: &Section<'_>| s.facts.name.eq_ignore_ascii_case(name);
        if let Some(i) = self
            .sections
            .iter()
            .position(|s| named(s) && s.page.path == from.path)
        {
            return Found::Section(i);
        }
        let mut matching = self.sections.iter().enumerate().filter(|(_, s)| named(s));
        match (matching.next(), matching.next()) {
            (Some((i, _)), None) => Found::Section(i),
            _ => Found::Missing,
        }
    }

    fn lookup_name(
        &self,
        name: &str,
        namespace: Option<&str>,
        page_namespace: &str,
    ) -> Option<usize> {
        let lower = name.to_lowercase();
        if let Some(ns) = namespace {
            return self.names.named(&format!("{}.{lower}", ns.to_lowercase()));
        }
        let page_ns = page_namespace.to_lowercase();
        if let Some(sub) = page_ns.strip_prefix("microsoft.graph.") {
            if let Some(i) = self.names.named(&format!("{sub}.{lower}")) {
                return Some(i);
            }
        }
        self.names
            .named(&lower)
            .or_else(|| self.names.only_bare(&lower))
    }
}

/// A link's target page (relative to the input folder, lower-cased; None for an in-page
/// anchor) and anchor. Handles `x.md`, `../resources/x.md`, `..\resources\x.md`,
/// `/graph/api/resources/x?view=...` and `#x-values`.
pub fn link_target(from: &str, link: &str) -> (Option<String>, Option<String>) {
    let link = link.trim().replace('\\', "/");
    let (path, anchor) = match link.split_once('#') {
        Some((p, a)) => (
            p.to_string(),
            Some(a.to_lowercase()).filter(|a| !a.is_empty()),
        ),
        None => (link.clone(), None),
    };
    let path = path.split('?').next().unwrap_or("").trim().to_string();
    if path.is_empty() {
        return (None, anchor);
    }
    // `../resources/-mailfolder.md` (reported by the facts stage).
    let path = crate::facts::links::without_leading_dash(&path).unwrap_or(path);
    // A relative link (`../api/x.md`) is relative even when it passes through `api/`.
    let relative = path.starts_with("..") || path.starts_with("./");
    let docs_url = path.find("/api/").filter(|_| !relative);
    let mut parts: Vec<String> = if let Some(at) = docs_url {
        // `/graph/api/resources/x` and full docs URLs: the part after `api/`.
        let after = path.get(at + "/api/".len()..).unwrap_or_default();
        after.split('/').map(str::to_string).collect()
    } else {
        let mut base: Vec<String> = from.split('/').map(str::to_string).collect();
        base.pop();
        for segment in path.split('/') {
            match segment {
                "" | "." => {}
                ".." => {
                    base.pop();
                }
                s => base.push(s.to_string()),
            }
        }
        base
    };
    if let Some(last) = parts.last_mut() {
        if !last.to_lowercase().ends_with(".md") {
            last.push_str(".md");
        }
    }
    (Some(parts.join("/").to_lowercase()), anchor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_names() {
        assert_eq!(model_name("microsoft.graph", "user"), "user");
        assert_eq!(
            model_name("microsoft.graph.callRecords", "session"),
            "callRecords.session"
        );
        assert_eq!(model_name("microsoft.foo", "x"), "microsoft.foo.x");
    }

    #[test]
    fn link_targets() {
        let t = |l: &str| link_target("resources/user.md", l);
        assert_eq!(
            t("identityset.md"),
            (Some("resources/identityset.md".into()), None)
        );
        assert_eq!(
            t("../resources/intune-x.md"),
            (Some("resources/intune-x.md".into()), None)
        );
        assert_eq!(
            t("..\\resources\\X.md"),
            (Some("resources/x.md".into()), None)
        );
        assert_eq!(
            t("../api/user-get.md"),
            (Some("api/user-get.md".into()), None)
        );
        assert_eq!(
            t("../resources/-MailFolder.md"),
            (Some("resources/mailfolder.md".into()), None)
        );
        assert_eq!(
            t("#ageGroup-values"),
            (None, Some("agegroup-values".into()))
        );
        assert_eq!(
            t("enums.md#x-values"),
            (Some("resources/enums.md".into()), Some("x-values".into()))
        );
        assert_eq!(
            t("/graph/api/resources/directoryobject?view=graph-rest-1.0"),
            (Some("resources/directoryobject.md".into()), None)
        );
        assert_eq!(
            t("https://docs.microsoft.com/graph/api/resources/x"),
            (Some("resources/x.md".into()), None)
        );
    }
}
