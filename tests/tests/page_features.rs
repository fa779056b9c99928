//! What each page fixture (`tests/fixtures/pages/<feature>/`) is there for: the model holds the
//! feature and the emitted code shows it. The snapshots pin the exact output; these tests say
//! which parts of it matter, so a snapshot update that loses a feature fails here.

use docgen::model::{Model, Operation, TypeDef, TypeKind, TypeRefKind};
use docgen_tests::pages::{self, Run};

fn type_def<'a>(model: &'a Model, name: &str) -> &'a TypeDef {
    model
        .types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("type {name} missing"))
}

fn operation<'a>(model: &'a Model, name: &str) -> &'a Operation {
    model
        .operations
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("operation {name} missing"))
}

fn own_properties(t: &TypeDef) -> Vec<&str> {
    t.properties.iter().map(|p| p.name.as_str()).collect()
}

fn members(t: &TypeDef) -> Vec<(&str, Option<i64>)> {
    t.members
        .iter()
        .map(|m| (m.name.as_str(), m.value))
        .collect()
}

/// The field names of `pub struct <name>` in a generated file.
fn struct_fields(run: &Run, file: &str, name: &str) -> Vec<String> {
    let text = run
        .file(file)
        .unwrap_or_else(|| panic!("{file} not generated"));
    let parsed: syn::File = syn::parse_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
    parsed
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Struct(s) if s.ident == name => Some(
                s.fields
                    .iter()
                    .filter_map(|f| f.ident.as_ref().map(ToString::to_string))
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_else(|| panic!("struct {name} not in {file}"))
}

fn test_names(run: &Run) -> Vec<String> {
    run.emitted
        .files
        .iter()
        .filter(|f| f.path.starts_with("tests/examples/"))
        .filter(|f| !f.path.ends_with("/support.rs") && !f.path.ends_with("/main.rs"))
        .flat_map(|f| {
            f.contents
                .lines()
                .filter_map(|l| l.strip_prefix("fn "))
                .filter_map(|l| l.split('(').next())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn resource_enum() {
    let run = pages::run("resource-enum");
    let widget = type_def(&run.model, "widget");
    assert_eq!(widget.kind, TypeKind::Entity);
    assert_eq!(widget.properties.len(), 14);
    let read_only: Vec<&str> = widget
        .properties
        .iter()
        .filter(|p| p.read_only)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(read_only, ["id", "createdDateTime"]);
    let kind_of = |name: &str| {
        widget
            .properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.type_kind)
    };
    assert_eq!(kind_of("color"), Some(TypeRefKind::Enum));
    assert_eq!(kind_of("size"), Some(TypeRefKind::Complex));
    let color = type_def(&run.model, "widgetColor");
    assert_eq!(
        members(color),
        [
            ("red", Some(0)),
            ("green", Some(1)),
            ("blue", Some(2)),
            ("unknownFutureValue", Some(3))
        ]
    );
    assert_eq!(type_def(&run.model, "dimensions").kind, TypeKind::Complex);
    let fields = struct_fields(&run, "src/types/widget.rs", "Widget");
    for field in [
        "created_date_time",
        "release_date",
        "owner_id",
        "color",
        "size",
    ] {
        assert!(fields.iter().any(|f| f == field), "{field} in {fields:?}");
    }
    assert!(
        run.model.diagnostics.is_empty(),
        "{}",
        run.diagnostics_text()
    );
}

/// The summary (first line) of each doc comment item in a generated file.
fn doc_summaries(run: &Run, file: &str) -> Vec<String> {
    let text = run
        .file(file)
        .unwrap_or_else(|| panic!("{file} not generated"));
    let mut summaries = Vec::new();
    let mut in_doc = false;
    for line in text.lines() {
        let doc = line.trim_start().strip_prefix("///");
        if let (Some(doc), false) = (doc, in_doc) {
            summaries.push(doc.trim().to_string());
        }
        in_doc = doc.is_some();
    }
    summaries
}

#[test]
fn callouts_never_lead_a_description() {
    let run = pages::run("callouts");
    let paragraphs = |description: &docgen::model::Description| -> Vec<String> {
        description
            .paragraphs
            .iter()
            .map(|p| p.flat_text())
            .collect()
    };
    // An enum page: leading callouts follow the summary; the Intune license note is dropped.
    let state = type_def(&run.model, "lampState");
    assert_eq!(
        paragraphs(&state.description),
        [
            "The state a lamp is in, as the hub last saw it.",
            "Important: APIs under the /beta version in Microsoft Graph are subject to change. \
             Use of these APIs in production applications is not supported.",
            "Note: A lamp reports its state when the `hub` asks.",
        ]
    );
    let dimmed = state.members.iter().find(|m| m.name == "dimmed");
    assert_eq!(
        dimmed.map(|m| m.description.flat_text()).as_deref(),
        Some("The lamp is on, below full brightness. Note: Only dimmable lamps report it.")
    );
    // Only callouts: the front matter's description is the summary.
    let color = type_def(&run.model, "lampColor");
    assert_eq!(
        paragraphs(&color.description).first().map(String::as_str),
        Some("The colors a lamp can shine in.")
    );
    // A resource page, its property cells, and API pages (their summary only).
    let lamp = type_def(&run.model, "lamp");
    assert!(paragraphs(&lamp.description)[0].starts_with("A lamp that the hub switches"));
    let get = operation(&run.model, "getLamp");
    assert_eq!(
        paragraphs(&get.description),
        ["Read the properties of a lamp."]
    );
    assert_eq!(
        get.query
            .first()
            .map(|q| q.description.flat_text())
            .as_deref(),
        Some("The properties to return. Note: Unknown names are ignored.")
    );
    // The summary under a `Namespace:` line of the same paragraph is kept.
    let update = operation(&run.model, "updateLamp");
    assert_eq!(
        paragraphs(&update.description),
        ["Update the properties of a lamp."]
    );
    for file in [
        "src/types/lamp_state.rs",
        "src/types/lamp_color.rs",
        "src/types/lamp.rs",
        "src/operations/lamp.rs",
    ] {
        for summary in doc_summaries(&run, file) {
            assert!(
                !["Note:", "Important:", "[!", "\\[!"]
                    .iter()
                    .any(|callout| summary.starts_with(callout)),
                "{file}: a callout is a summary: {summary}"
            );
        }
    }
    // A web link stays a link, a bare URL an autolink; relative links show their text.
    let lamp_file = run.file("src/types/lamp.rs").unwrap_or_default();
    assert!(lamp_file.contains("/// A lamp that [the hub](https://example.com/hub) switches;"));
    assert!(lamp_file.contains("<https://example.com/lamps>"));
    assert!(!lamp_file.contains("lampstate.md"));
    assert!(
        run.model.diagnostics.is_empty(),
        "{}",
        run.diagnostics_text()
    );
}

#[test]
fn inheritance_by_base_type_and_by_prose() {
    let run = pages::run("inheritance");
    let base = |name: &str| type_def(&run.model, name).base.clone();
    assert_eq!(base("shape").as_deref(), Some("entity"), "by baseType");
    assert_eq!(base("circle").as_deref(), Some("shape"), "by Inherits from");
    assert_eq!(base("square").as_deref(), Some("shape"), "by both");
    assert!(type_def(&run.model, "shape").is_abstract);
    // Inherited rows are not own properties; derived structs copy their bases' fields.
    assert_eq!(own_properties(type_def(&run.model, "shape")), ["name"]);
    assert_eq!(
        struct_fields(&run, "src/types/circle.rs", "Circle"),
        ["id", "name", "radius", "additional_properties"]
    );
    assert_eq!(type_def(&run.model, "shape").derived, ["circle", "square"]);
}

#[test]
fn intune_flattened_rows() {
    let run = pages::run("intune-flattened");
    let policy = type_def(&run.model, "windowsPolicy");
    assert_eq!(policy.base.as_deref(), Some("policyBase"));
    assert_eq!(
        own_properties(policy),
        ["minimumBuild", "blockUsb", "level"]
    );
    assert_eq!(
        struct_fields(&run, "src/types/windows_policy.rs", "WindowsPolicy"),
        [
            "id",
            "display_name",
            "version",
            "minimum_build",
            "block_usb",
            "level",
            "additional_properties"
        ]
    );
    assert!(
        run.model.diagnostics.is_empty(),
        "{}",
        run.diagnostics_text()
    );
}

#[test]
fn multi_enum_page_and_values_sections() {
    let run = pages::run("multi-enum");
    let enums: Vec<&str> = run
        .model
        .types
        .iter()
        .filter(|t| t.kind == TypeKind::Enum)
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(
        enums,
        ["attendeeRole", "eventKind", "eventPriority", "eventStatus"]
    );
    assert_eq!(
        members(type_def(&run.model, "eventKind")),
        [
            ("meeting", None),
            ("reminder", None),
            ("unknownFutureValue", None)
        ]
    );
    assert_eq!(
        members(type_def(&run.model, "eventStatus")),
        [
            ("planned", Some(0)),
            ("running", Some(1)),
            ("done", Some(2))
        ]
    );
    let event = type_def(&run.model, "event");
    assert!(event
        .properties
        .iter()
        .filter(|p| p.name != "id")
        .all(|p| p.type_kind == TypeRefKind::Enum));
}

#[test]
fn operations_with_several_paths() {
    let run = pages::run("paths");
    let get = operation(&run.model, "getWidget");
    assert_eq!(
        get.paths,
        [
            "/widgets/{id}",
            "/me/widgets/{id}",
            "/users/{id}/widgets/{widgetId}"
        ]
    );
    let matched: Vec<Option<usize>> = get
        .examples
        .iter()
        .map(|e| e.request.matched_template)
        .collect();
    assert_eq!(matched, [Some(2), Some(1)]);
    assert!(run
        .file("src/operations/widget.rs")
        .is_some_and(|f| f.contains("pub enum GetWidgetPath")));
    let list = operation(&run.model, "listWidgets");
    assert_eq!(list.paths.len(), 3);
    let query: Vec<&str> = list.query.iter().map(|q| q.name.as_str()).collect();
    assert_eq!(query, ["$filter", "$orderby", "$top"]);
    assert_eq!(run.emitted.example_tests, 3);
}

#[test]
fn actions_and_functions_with_parameters() {
    let run = pages::run("actions");
    let paint = operation(&run.model, "widgetPaint");
    let body = paint.request_body.as_ref().expect("a body");
    let parameters: Vec<&str> = body.parameters.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(parameters, ["color", "coats", "masks", "dryRun"]);
    assert_eq!(
        struct_fields(&run, "src/operations/widget.rs", "WidgetPaintBody"),
        [
            "color",
            "coats",
            "masks",
            "dry_run",
            "additional_properties"
        ]
    );
    let estimate = operation(&run.model, "widgetEstimateCost");
    assert_eq!(
        estimate.paths,
        ["/widgets/{id}/estimateCost(coats={coats})"]
    );
    assert_eq!(
        struct_fields(&run, "src/operations/widget.rs", "WidgetEstimateCost"),
        ["id", "coats", "additional_query"]
    );
    let reset = operation(&run.model, "widgetReset");
    assert_eq!(reset.response.as_ref().map(|r| r.status), Some(204));
    assert_eq!(run.emitted.example_tests, 3);
}

#[test]
fn collections_of_every_kind() {
    let run = pages::run("collections");
    let playlist = type_def(&run.model, "playlist");
    let collections: Vec<&str> = playlist
        .properties
        .iter()
        .filter(|p| p.collection)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        collections,
        [
            "tags",
            "ratings",
            "moods",
            "tracks",
            "playedDateTimes",
            "followers"
        ]
    );
    let text = run.file("src/types/playlist.rs").expect("playlist.rs");
    assert!(text.contains("pub ratings: ::std::vec::Vec<i32>"), "{text}");
    let list = operation(&run.model, "listPlaylists");
    assert!(list.response.as_ref().is_some_and(|r| r.collection));
}

#[test]
fn examples_become_tests() {
    let run = pages::run("examples");
    let mut names = test_names(&run);
    names.sort();
    assert_eq!(
        names,
        [
            "create_note_example_1",
            "delete_note_example_1",
            "get_note_example_1",
            "get_notebook_example_1",
            "update_note_example_1",
            "update_notes_example_1"
        ]
    );
    let seed_like = operation(&run.model, "updateNotes");
    assert!(seed_like.inferred_path.is_some());
    let tests = run.file("tests/examples/note.rs").expect("note tests");
    assert!(tests.contains("crate::support::check_body("), "{tests}");
    assert!(
        tests.contains("\"/notebooks/sample-id/notes/sample-noteId\""),
        "{tests}"
    );
}

#[test]
fn tab_pivots_hold_the_request() {
    let run = pages::run("tab-pivots");
    let list = operation(&run.model, "listNotes");
    let named: Vec<Option<&str>> = list.examples.iter().map(|e| e.name.as_deref()).collect();
    assert_eq!(named, [Some("list_notes"), Some("list_pinned_notes")]);
    assert!(list
        .examples
        .iter()
        .all(|e| e.test.url && e.test.response_body));
    assert_eq!(run.emitted.example_tests, 3);
    assert!(
        run.model.diagnostics.is_empty(),
        "{}",
        run.diagnostics_text()
    );
}

/// The torture pages: every name the model keeps reaches the crate under its wire name (written
/// by `Serialize` and read by `Deserialize` under that name, into the same field), recursion is
/// boxed, and the crate compiles (it is a workspace member, clippy'd with warnings denied).
#[test]
fn torture_names_reach_the_crate_under_their_wire_names() {
    let run = pages::run("torture");
    for (name, file) in [
        ("keywords", "src/types/keywords.rs"),
        ("oddNames", "src/types/odd_names.rs"),
    ] {
        let text = run.file(file).unwrap_or_else(|| panic!("{file}"));
        let parsed: syn::File = syn::parse_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut names = WireNames::default();
        syn::visit::visit_file(&mut names, &parsed);
        assert_eq!(
            names.written, names.read,
            "{file}: Serialize and Deserialize disagree"
        );
        for property in &type_def(&run.model, name).properties {
            assert!(
                names.written.iter().any(|(wire, _)| *wire == property.name),
                "{name}.{} is not in {file}: {:?}",
                property.name,
                names.written
            );
        }
    }
    let node = run.file("src/types/node.rs").expect("node.rs");
    assert!(
        node.contains("::std::boxed::Box<crate::types::Node>"),
        "{node}"
    );
    assert!(
        node.contains("::std::vec::Vec<crate::types::Node>"),
        "{node}"
    );
    let peer = run.file("src/types/peer.rs").expect("peer.rs");
    assert!(peer.contains("::std::boxed::Box<crate::types::"), "{peer}");
    let codes: Vec<&str> = run
        .model
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    for code in ["inheritance-cycle", "type-unresolved"] {
        assert!(codes.contains(&code), "{code}: {}", run.diagnostics_text());
    }
    for std_name in ["Option", "Result", "Box", "Vec", "String", "Self"] {
        type_def(&run.model, std_name);
    }
}

/// The wire name of a field's `#[serde(rename = "...")]`.
/// `(wire name, field)` pairs of a file's hand-written serde impls: `object.<how>("wire",
/// &self.field)` in `Serialize`, `field: fields.take("wire")` in `Deserialize`.
#[derive(Default)]
struct WireNames {
    written: std::collections::BTreeSet<(String, String)>,
    read: std::collections::BTreeSet<(String, String)>,
}

fn string_literal(expr: &syn::Expr) -> Option<String> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    }
}

impl<'ast> syn::visit::Visit<'ast> for WireNames {
    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let receiver = quote::ToTokens::to_token_stream(&*call.receiver).to_string();
        let wire = call.args.first().and_then(string_literal);
        if let (true, Some(wire), Some(syn::Expr::Reference(r))) =
            (receiver == "object", wire, call.args.get(1))
        {
            if let syn::Expr::Field(field) = &*r.expr {
                let member = quote::ToTokens::to_token_stream(&field.member).to_string();
                self.written.insert((wire, member));
            }
        }
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_field_value(&mut self, value: &'ast syn::FieldValue) {
        let member = quote::ToTokens::to_token_stream(&value.member).to_string();
        let mut expr = &value.expr;
        if let syn::Expr::Try(t) = expr {
            expr = &t.expr;
        }
        if let syn::Expr::MethodCall(call) = expr {
            if let Some(wire) = call.args.first().and_then(string_literal) {
                self.read.insert((wire, member));
            }
        }
        syn::visit::visit_field_value(self, value);
    }
}
