//! Path recovery on small pages: bound operations, singletons, relationships chosen by the
//! example URL or the type's name, the example URL alone, and the reasons of drops.

use crate::diag::Diagnostic;
use crate::ir::{Method, Operation, TypeKind, TypeRefKind};
use crate::model::lookup::tests::{def, entity_base, prop};
use crate::model::operations::resolve_operations;
use crate::model::operations::tests::facts_of;
use crate::model::types::TypeIndex;

fn nav(name: &str, target: &str, collection: bool) -> crate::model::Property {
    let mut p = prop(name, target, TypeRefKind::Entity, collection);
    p.navigation = true;
    p
}

/// deviceManagement (a singleton) holds `deviceShellScripts` and `deviceCustomScripts`; both
/// script types have `runStates` of `deviceShellScriptRunState`.
fn types() -> TypeIndex {
    let entity = |name: &str, props| def(name, TypeKind::Entity, Some("entity"), props);
    TypeIndex::from_types(vec![
        entity_base(),
        entity(
            "deviceManagement",
            vec![
                nav("deviceShellScripts", "deviceShellScript", true),
                nav("deviceCustomScripts", "deviceCustomScript", true),
            ],
        ),
        entity(
            "deviceShellScript",
            vec![nav("runStates", "deviceShellScriptRunState", true)],
        ),
        entity(
            "deviceCustomScript",
            vec![nav("runStates", "deviceShellScriptRunState", true)],
        ),
        entity("deviceShellScriptRunState", vec![]),
    ])
}

fn page(title: &str, intro: &str, http: &str, extra: &str, example: &str) -> String {
    format!(
        "# {title}\n\n{intro}\n\n## HTTP request\n```http\n{http}\n```\n\n{extra}\n\n## Examples\n### Request\n<!-- {{ \"blockType\": \"request\", \"name\": \"x\" }} -->\n```http\n{example}\n```\n"
    )
}

const GET_SHELL: &str = "# Get deviceShellScript\n\nRead a [deviceShellScript](x.md).\n\n## HTTP request\n```http\nGET /deviceManagement/deviceShellScripts/{deviceShellScriptId}\n```\n";
const GET_CUSTOM: &str = "# Get deviceCustomScript\n\nRead a [deviceCustomScript](x.md).\n\n## HTTP request\n```http\nGET /deviceManagement/deviceCustomScripts/{deviceCustomScriptId}\n```\n";

/// The operations of `pages` (path, markdown), and every diagnostic of resolving them.
fn resolve(pages: &[(&str, &str)]) -> (Vec<Operation>, Vec<Diagnostic>) {
    let mut d = Vec::new();
    let facts: Vec<_> = pages.iter().map(|(p, m)| facts_of(p, m, &mut d)).collect();
    d.clear();
    let ops = resolve_operations(&facts, &types(), &mut d);
    (ops, d)
}

fn op_of<'a>(ops: &'a [Operation], file: &str) -> &'a Operation {
    ops.iter()
        .find(|o| o.source.file == file)
        .unwrap_or_else(|| panic!("no operation from {file}: {ops:?}"))
}

fn message<'a>(d: &'a [Diagnostic], code: &str, file: &str) -> &'a str {
    d.iter()
        .find(|d| d.code == code && d.span.file == file)
        .map(|d| d.message.as_str())
        .unwrap_or_else(|| panic!("no {code} on {file}: {d:#?}"))
}

#[test]
fn a_bound_action_is_the_binding_types_item_path_and_its_name() {
    let assign = page(
        "deviceshellscript : assign",
        "",
        "",
        "",
        "POST https://graph.microsoft.com/beta",
    );
    let (ops, d) = resolve(&[("api/get.md", GET_SHELL), ("api/assign.md", &assign)]);
    let op = op_of(&ops, "api/assign.md");
    assert_eq!(op.method, Method::Post);
    assert_eq!(
        op.path_texts().collect::<Vec<_>>(),
        ["/deviceManagement/deviceShellScripts/{deviceShellScriptId}/assign"]
    );
    let note = message(&d, "path-inferred", "api/assign.md");
    assert!(
        note.contains("binding type `deviceShellScript`") && note.contains("api/get.md"),
        "{note}"
    );
    assert!(
        note.contains("method POST is from the example request"),
        "{note}"
    );
}

#[test]
fn bound_operations_are_qualified_where_the_docs_qualify_them() {
    let other = "# deviceShellScript: wipe\n\n## HTTP request\n```http\nPOST /deviceManagement/deviceShellScripts/{id}/microsoft.graph.wipe\n```\n";
    let assign = page("deviceShellScript: assign", "", "", "", "");
    let (ops, _) = resolve(&[
        ("api/get.md", GET_SHELL),
        ("api/wipe.md", other),
        ("api/assign.md", &assign),
    ]);
    // No example method and no title verb: a bound operation without function parameters is
    // an action, a POST.
    let op = op_of(&ops, "api/assign.md");
    assert_eq!(op.method, Method::Post);
    assert_eq!(
        op.path_texts().collect::<Vec<_>>(),
        ["/deviceManagement/deviceShellScripts/{deviceShellScriptId}/microsoft.graph.assign"]
    );
}

#[test]
fn a_singleton_is_its_own_path_and_functions_take_their_parameters() {
    let function = page(
        "deviceManagement : getReport",
        "",
        "",
        "## Function parameters\n|Parameter|Type|Description|\n|:--|:--|:--|\n|period|String|The period.|\n|top|Int32|How many.|\n\nDo not supply a request body for this method.\n",
        "",
    );
    let (ops, d) = resolve(&[("api/get.md", GET_SHELL), ("api/report.md", &function)]);
    let op = op_of(&ops, "api/report.md");
    assert_eq!(op.method, Method::Get);
    assert_eq!(
        op.path_texts().collect::<Vec<_>>(),
        ["/deviceManagement/getReport(period='{period}',top={top})"]
    );
    assert_eq!(op.request_body, None);
    let note = message(&d, "path-inferred", "api/report.md");
    assert!(note.contains("singleton, `/deviceManagement`"), "{note}");
    assert!(note.contains("a function"), "{note}");
}

#[test]
fn the_example_url_chooses_among_equal_relationships() {
    let create = page(
        "Create runStates",
        "Create a [deviceShellScriptRunState](x.md).",
        "",
        "",
        "POST https://graph.microsoft.com/beta/deviceManagement/deviceShellScripts/{id}/runStates/{id}",
    );
    let pages = [
        ("api/get.md", GET_SHELL),
        ("api/get2.md", GET_CUSTOM),
        ("api/create.md", create.as_str()),
    ];
    let (ops, d) = resolve(&pages);
    // deviceCustomScript comes first by name; the example follows deviceShellScripts, and a
    // create posts to the collection, not to the item its example URL ends with.
    let op = op_of(&ops, "api/create.md");
    assert_eq!(
        op.path_texts().collect::<Vec<_>>(),
        ["/deviceManagement/deviceShellScripts/{deviceShellScriptId}/runStates"]
    );
    let note = message(&d, "path-inferred", "api/create.md");
    assert!(note.contains("agrees"), "{note}");
    // Without the example, the owner whose name starts the type's name wins.
    let no_example = create.replace(
        "/deviceManagement/deviceShellScripts/{id}/runStates/{id}",
        "",
    );
    let pages = [
        ("api/get.md", GET_SHELL),
        ("api/get2.md", GET_CUSTOM),
        ("api/create.md", no_example.as_str()),
    ];
    let (ops, _) = resolve(&pages);
    assert_eq!(
        op_of(&ops, "api/create.md")
            .path_texts()
            .collect::<Vec<_>>(),
        ["/deviceManagement/deviceShellScripts/{deviceShellScriptId}/runStates"]
    );
}

#[test]
fn the_example_url_is_the_path_when_nothing_else_gives_one() {
    let update = page(
        "Update runSummary",
        "Update a [deviceComplianceScriptRunSummary](x.md).",
        "",
        "",
        "PATCH https://graph.microsoft.com/beta/deviceManagement/deviceComplianceScripts/{id}/runSummary",
    );
    let (ops, d) = resolve(&[("api/update.md", &update)]);
    assert_eq!(
        op_of(&ops, "api/update.md")
            .path_texts()
            .collect::<Vec<_>>(),
        ["/deviceManagement/deviceComplianceScripts/{id}/runSummary"]
    );
    let note = message(&d, "path-inferred", "api/update.md");
    assert!(note.contains("example request URL"), "{note}");
    assert!(
        note.contains("`deviceComplianceScriptRunSummary`, is defined by no page"),
        "{note}"
    );
}

#[test]
fn drops_name_the_missing_fact() {
    let cases = [
        (
            "PATCH https://graph.microsoft.com/beta/",
            "the example URL `https://graph.microsoft.com/beta/` names no resource path",
        ),
        (
            "PATCH https://graph.microsoft.com/beta/users/john@contoso.com/things",
            "holds values (`john@contoso.com`), not a path template",
        ),
    ];
    for (example, expected) in cases {
        let update = page("Update thing", "Update a [thing](x.md).", "", "", example);
        let (ops, d) = resolve(&[("api/update.md", &update)]);
        assert!(ops.is_empty(), "{ops:?}");
        let dropped = message(&d, "operation-dropped", "api/update.md");
        assert!(dropped.contains(expected), "{dropped}");
        assert!(
            dropped.contains("`thing`, is defined by no page"),
            "{dropped}"
        );
    }
    // A bound action on a type with no documented path, no singleton and no relationship.
    let wipe = page(
        "deviceShellScriptRunState : wipe",
        "",
        "",
        "",
        "POST https://graph.microsoft.com/beta",
    );
    let (ops, d) = resolve(&[("api/wipe.md", &wipe)]);
    assert!(ops.is_empty());
    let dropped = message(&d, "operation-dropped", "api/wipe.md");
    assert!(
        dropped.contains("no documented owner path") || dropped.contains("no documented item path"),
        "{dropped}"
    );
}

#[test]
fn bare_request_lines_take_the_method_from_the_title() {
    let update = page(
        "Update deviceShellScript",
        "Update a [deviceShellScript](x.md).",
        "/deviceManagement/deviceShellScripts/{id}",
        "",
        "",
    );
    let (ops, d) = resolve(&[("api/update.md", &update)]);
    let op = op_of(&ops, "api/update.md");
    assert_eq!((op.method.as_str(), op.paths.len()), ("PATCH", 1));
    let note = message(&d, "path-inferred", "api/update.md");
    assert!(
        note.contains("PATCH is from the title `Update deviceShellScript`"),
        "{note}"
    );
}

#[test]
fn a_path_inferred_in_one_round_is_an_owner_path_in_the_next() {
    let get = page(
        "Get deviceShellScript",
        "Read a [deviceShellScript](x.md).",
        "",
        "",
        "GET https://graph.microsoft.com/beta/deviceManagement/deviceShellScripts/{id}",
    );
    let list = page(
        "List runStates",
        "List the [deviceShellScriptRunState](x.md) objects.",
        "",
        "",
        "GET https://graph.microsoft.com/beta",
    );
    // Keep deviceCustomScript out: no page gives its path.
    let (ops, d) = resolve(&[("api/get.md", &get), ("api/list.md", &list)]);
    assert_eq!(
        op_of(&ops, "api/get.md").path_texts().collect::<Vec<_>>(),
        ["/deviceManagement/deviceShellScripts/{id}"]
    );
    // A list addresses the collection: no item key.
    assert_eq!(
        op_of(&ops, "api/list.md").path_texts().collect::<Vec<_>>(),
        ["/deviceManagement/deviceShellScripts/{id}/runStates"]
    );
    let note = message(&d, "path-inferred", "api/list.md");
    assert!(note.contains("(itself inferred) of api/get.md"), "{note}");
}

/// A resource page whose Methods table links `links` (api pages).
fn listing_page(type_name: &str, links: &[&str]) -> crate::facts::PageFacts {
    let rows: String = links
        .iter()
        .map(|l| format!("|[{l}](../{l})|None|x|\n"))
        .collect();
    let markdown = format!(
        "---\ntitle: {type_name} resource type\ndoc_type: resourcePageType\n---\n# {type_name} resource type\n\n## Methods\n|Method|Return Type|Description|\n|:--|:--|:--|\n{rows}\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|x|\n"
    );
    let page = crate::facts::testpage::page(
        &format!("resources/{}.md", type_name.to_lowercase()),
        &markdown,
    );
    crate::facts::extract(&page).0
}

#[test]
fn the_owner_whose_methods_table_lists_the_page_is_taken() {
    let create = page(
        "Create runStates",
        "Create a [deviceShellScriptRunState](x.md).",
        "",
        "",
        "POST https://graph.microsoft.com/beta",
    );
    let wipe = page("wipe", "", "", "", "POST https://graph.microsoft.com/beta");
    let mut d = Vec::new();
    let mut facts = vec![
        facts_of("api/get.md", GET_SHELL, &mut d),
        facts_of("api/get2.md", GET_CUSTOM, &mut d),
        facts_of("api/create.md", &create, &mut d),
        facts_of("api/wipe.md", &wipe, &mut d),
    ];
    d.clear();
    // Without a listing, the owner whose name starts the type's name.
    let ops = resolve_operations(&facts, &types(), &mut d);
    assert_eq!(
        op_of(&ops, "api/create.md")
            .path_texts()
            .collect::<Vec<_>>(),
        ["/deviceManagement/deviceShellScripts/{deviceShellScriptId}/runStates"]
    );
    assert!(ops.iter().all(|o| o.source.file != "api/wipe.md"));
    facts.push(listing_page("deviceCustomScript", &["api/create.md"]));
    facts.push(listing_page("deviceShellScript", &["api/wipe.md"]));
    let ops = resolve_operations(&facts, &types(), &mut d);
    assert_eq!(
        op_of(&ops, "api/create.md")
            .path_texts()
            .collect::<Vec<_>>(),
        ["/deviceManagement/deviceCustomScripts/{deviceCustomScriptId}/runStates"]
    );
    // An action titled by its name alone is bound to the type that lists it.
    assert_eq!(
        op_of(&ops, "api/wipe.md").path_texts().collect::<Vec<_>>(),
        ["/deviceManagement/deviceShellScripts/{deviceShellScriptId}/wipe"]
    );
}
