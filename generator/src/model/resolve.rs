//! Cross-page resolution: page facts -> one model. Deterministic whatever the order of the facts.
//!
//! Also says, for every page, what it produced (`PageInfo::produced`) or why it produced nothing
//! (`PageInfo::dropped`), so that no page disappears silently. A reason reads `<cause>: <detail>`;
//! tools group pages by the cause (`docgen stats`).

use super::type_agreement::AgreementReport;
use super::types::TypeIndex;
use crate::diag::{Code, Diagnostic, Severity};
use crate::facts::PageFacts;
use crate::ir::{Model, Operation, PageInfo, PageKind, TypeDef, IR_VERSION};
use std::collections::{BTreeMap, BTreeSet};

/// The reason given to conceptual pages, which are not expected to define anything.
pub const CONCEPTUAL: &str = "conceptual page: no types or operations expected";

/// Builds the model from every page's facts.
pub fn build(facts: Vec<PageFacts>, diagnostics: Vec<Diagnostic>) -> Model {
    build_measured(facts, diagnostics).0
}

/// [`build`], with the measure of property type agreement before and after its corrections.
pub fn build_measured(
    mut facts: Vec<PageFacts>,
    mut diagnostics: Vec<Diagnostic>,
) -> (Model, AgreementReport) {
    // Input order must not matter: sort pages by path first.
    facts.sort_by(|a, b| a.page.path.cmp(&b.page.path));
    let mut types = super::types::resolve_types(&facts, &mut diagnostics);
    let mut operations = super::operations::resolve_operations(&facts, &types, &mut diagnostics);
    let agreement = super::type_agreement::apply(&facts, &mut types, &operations, &mut diagnostics);
    super::validate::validate_examples(&types, &mut operations, &mut diagnostics);
    super::workloads::inherit(&types, &mut operations);
    let pages = page_infos(&facts, &types, &operations, &diagnostics);
    let types = types.into_types();
    diagnostics.sort();
    diagnostics.dedup();
    let model = Model {
        ir_version: IR_VERSION,
        pages,
        types,
        operations,
        diagnostics,
    };
    (model, agreement)
}

/// One `PageInfo` per page, in path order.
fn page_infos(
    facts: &[PageFacts],
    types: &TypeIndex,
    operations: &[Operation],
    diagnostics: &[Diagnostic],
) -> Vec<PageInfo> {
    let produced = produced_by_page(types.types(), operations);
    let mut by_page: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diagnostics {
        by_page.entry(d.span.file.as_str()).or_default().push(d);
    }
    facts
        .iter()
        .map(|f| {
            let produced: Vec<String> = produced
                .get(f.page.path.as_str())
                .map(|names| names.iter().cloned().collect())
                .unwrap_or_default();
            let dropped = produced.is_empty().then(|| {
                let page_diags = by_page.get(f.page.path.as_str()).map(Vec::as_slice);
                why_nothing(f, types, page_diags.unwrap_or_default())
            });
            PageInfo {
                path: f.page.path.clone(),
                kind: f.page.kind,
                title: f.page.title.clone(),
                workload: f.page.workload.clone(),
                produced,
                dropped,
            }
        })
        .collect()
}

/// Page path -> names of what it produced: the page defining a type, the pages whose
/// properties were merged into it (split types), the page documenting an operation.
fn produced_by_page<'a>(
    types: &'a [TypeDef],
    operations: &'a [Operation],
) -> BTreeMap<&'a str, BTreeSet<String>> {
    let mut out: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for t in types {
        out.entry(t.source.file.as_str())
            .or_default()
            .insert(t.name.clone());
        for p in t.properties() {
            out.entry(p.source.file.as_str())
                .or_default()
                .insert(t.name.clone());
        }
    }
    for op in operations {
        out.entry(op.source.file.as_str())
            .or_default()
            .insert(op.name.clone());
    }
    out
}

/// The concrete reason a page produced nothing, as `<cause>: <detail>`.
fn why_nothing(facts: &PageFacts, types: &TypeIndex, diagnostics: &[&Diagnostic]) -> String {
    if facts.page.kind == PageKind::Conceptual {
        return CONCEPTUAL.to_string();
    }
    // A type the page defines, kept from another page (the `type-duplicate` rule).
    let defined = facts
        .resource
        .iter()
        .map(|r| super::types::model_name(&r.namespace, &r.name))
        .chain(
            facts
                .enums
                .iter()
                .map(|e| super::types::model_name(&e.namespace, &e.name)),
        );
    for name in defined {
        if let Some(kept) = types.get_ignore_case(&name) {
            return format!(
                "duplicate type: `{name}` is also defined in {}, whose definition is kept; this page adds no property to it",
                kept.source.file
            );
        }
    }
    if facts.enums.iter().any(|e| !e.members.is_empty()) {
        return "values section not used: its `X values` sections are not referred to by any property"
            .to_string();
    }
    let first = |code: Code| diagnostics.iter().find(|d| d.code == code.as_str());
    if let Some(d) = first(Code::OperationDropped) {
        return format!("operation dropped: {} ({})", d.message, d.span);
    }
    if let Some(d) = first(Code::TitleMissing) {
        return format!("no type name: {} ({})", d.message, d.span);
    }
    let kind = match facts.page.kind {
        PageKind::Resource => "resource page",
        PageKind::Enum => "enum page",
        PageKind::Api => "api page",
        PageKind::Conceptual => "conceptual page",
        PageKind::Unknown => "page of unknown kind",
    };
    let problem = diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .or_else(|| diagnostics.iter().find(|d| d.severity == Severity::Warning))
        .map(|d| format!("; its first problem: {} ({})", d.message, d.span))
        .unwrap_or_default();
    match facts.page.kind {
        PageKind::Unknown => format!(
            "page kind unknown: no doc_type, resource heading or HTTP request section was recognised{problem}"
        ),
        _ => format!("nothing found: the {kind} defines no type, enum or operation{problem}"),
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::output::testdir::TestDir;

    fn model(pages: &[(&str, &str)]) -> crate::ir::Model {
        let dir = TestDir::new();
        for (path, text) in pages {
            let file = dir.path().join(path);
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent).unwrap();
            }
            std::fs::write(file, text).unwrap();
        }
        Config::new(dir.path()).threads(1).model().unwrap()
    }

    fn info<'a>(model: &'a crate::ir::Model, path: &str) -> &'a crate::ir::PageInfo {
        model
            .pages
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("no page {path}"))
    }

    fn resource(name: &str, rows: &str) -> String {
        format!(
            "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\n\
             ## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n{rows}"
        )
    }

    const API: &str = "---\ntitle: \"Get widget\"\ndoc_type: apiPageType\n---\n\n# Get widget\n\n\
        ## HTTP request\n\n```http\nGET /widgets/{id}\n```\n\n## Response\n\n\
        If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object.\n";

    const NO_PATH: &str = "---\ntitle: \"Frobnicate things\"\ndoc_type: apiPageType\n---\n\n\
        # Frobnicate things\n\n## HTTP request\n\n```http\n```\n";

    const CONCEPTUAL: &str = "---\ntitle: \"Overview\"\ndoc_type: conceptualPageType\n---\n\n\
        # Working with widgets\n\nSome prose.\n";

    #[test]
    fn pages_name_what_they_produced() {
        let m = model(&[
            (
                "resources/widget.md",
                &resource("widget", "| id | String | Id. |\n"),
            ),
            ("api/widget-get.md", API),
        ]);
        assert_eq!(info(&m, "resources/widget.md").produced, ["widget"]);
        assert_eq!(info(&m, "resources/widget.md").dropped, None);
        let get = info(&m, "api/widget-get.md");
        assert_eq!(get.produced.len(), 1);
        assert_eq!(
            m.operations.first().map(|o| o.name.as_str()),
            get.produced.first().map(String::as_str)
        );
    }

    #[test]
    fn merged_pages_of_a_split_type_count_as_producers() {
        let m = model(&[
            (
                "resources/a-widget.md",
                &resource(
                    "widget",
                    "| id | String | Id. |\n| size | Int32 | Size. |\n",
                ),
            ),
            (
                "resources/b-widget.md",
                &resource("widget", "| colour | String | Colour. |\n"),
            ),
            (
                "resources/c-widget.md",
                &resource("widget", "| size | Int32 | Size. |\n"),
            ),
        ]);
        assert_eq!(info(&m, "resources/a-widget.md").produced, ["widget"]);
        assert_eq!(info(&m, "resources/b-widget.md").produced, ["widget"]);
        let copy = info(&m, "resources/c-widget.md");
        assert!(copy.produced.is_empty());
        let reason = copy.dropped.as_deref().unwrap_or_default();
        assert!(
            reason.starts_with("duplicate type: `widget` is also defined in resources/a-widget.md"),
            "{reason}"
        );
    }

    #[test]
    fn empty_pages_say_why() {
        let m = model(&[
            ("conceptual/overview.md", CONCEPTUAL),
            ("api/frobnicate.md", NO_PATH),
        ]);
        assert_eq!(
            info(&m, "conceptual/overview.md").dropped.as_deref(),
            Some(super::CONCEPTUAL)
        );
        let dropped = info(&m, "api/frobnicate.md")
            .dropped
            .clone()
            .unwrap_or_default();
        assert!(dropped.starts_with("operation dropped: "), "{dropped}");
        assert!(dropped.contains("api/frobnicate.md:"), "{dropped}");
    }
}
