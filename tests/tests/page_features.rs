//! What each page fixture (`tests/fixtures/pages/<feature>/`) is there for: the model holds the
//! feature and the emitted code shows it. The snapshots pin the exact output; these tests say
//! which parts of it matter, so a snapshot update that loses a feature fails here.

use docgen::model::{TypeDef, TypeKind, TypeRefKind};
use docgen_tests::pages::{self, Run};

fn own_properties(t: &TypeDef) -> Vec<&str> {
    t.properties().iter().map(|p| p.name.as_str()).collect()
}

fn members(t: &TypeDef) -> Vec<(&str, Option<i64>)> {
    t.members()
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
    let widget = run.type_def("widget");
    assert_eq!(widget.kind(), TypeKind::Entity);
    assert_eq!(widget.properties().len(), 14);
    let read_only: Vec<&str> = widget
        .properties()
        .iter()
        .filter(|p| p.read_only)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(read_only, ["id", "createdDateTime"]);
    let kind_of = |name: &str| {
        widget
            .properties()
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.type_ref.kind)
    };
    assert_eq!(kind_of("color"), Some(TypeRefKind::Enum));
    assert_eq!(kind_of("size"), Some(TypeRefKind::Complex));
    let color = run.type_def("widgetColor");
    assert_eq!(
        members(color),
        [
            ("red", Some(0)),
            ("green", Some(1)),
            ("blue", Some(2)),
            ("unknownFutureValue", Some(3))
        ]
    );
    assert_eq!(run.type_def("dimensions").kind(), TypeKind::Complex);
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

#[test]
fn inheritance_by_base_type_and_by_prose() {
    let run = pages::run("inheritance");
    let base = |name: &str| run.type_def(name).base();
    assert_eq!(base("shape"), Some("entity"), "by baseType");
    assert_eq!(base("circle"), Some("shape"), "by Inherits from");
    assert_eq!(base("square"), Some("shape"), "by both");
    assert!(run
        .type_def("shape")
        .structure()
        .is_some_and(|s| s.is_abstract));
    // Inherited rows are not own properties; derived structs copy their bases' fields.
    assert_eq!(own_properties(run.type_def("shape")), ["name"]);
    assert_eq!(
        struct_fields(&run, "src/types/circle.rs", "Circle"),
        ["id", "name", "radius", "additional_properties"]
    );
    assert_eq!(run.type_def("shape").derived(), ["circle", "square"]);
}

#[test]
fn intune_flattened_rows() {
    let run = pages::run("intune-flattened");
    let policy = run.type_def("windowsPolicy");
    assert_eq!(policy.base(), Some("policyBase"));
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
        .filter(|t| t.kind() == TypeKind::Enum)
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(
        enums,
        ["attendeeRole", "eventKind", "eventPriority", "eventStatus"]
    );
    assert_eq!(
        members(run.type_def("eventKind")),
        [
            ("meeting", None),
            ("reminder", None),
            ("unknownFutureValue", None)
        ]
    );
    assert_eq!(
        members(run.type_def("eventStatus")),
        [
            ("planned", Some(0)),
            ("running", Some(1)),
            ("done", Some(2))
        ]
    );
    let event = run.type_def("event");
    assert!(event
        .properties()
        .iter()
        .filter(|p| p.name != "id")
        .all(|p| p.type_ref.kind == TypeRefKind::Enum));
}

#[test]
fn operations_with_several_paths() {
    let run = pages::run("paths");
    let get = run.operation("getWidget");
    assert_eq!(
        get.path_texts().collect::<Vec<_>>(),
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
    let list = run.operation("listWidgets");
    assert_eq!(list.paths.len(), 3);
    let query: Vec<&str> = list.query.iter().map(|q| q.name.as_str()).collect();
    assert_eq!(query, ["$filter", "$orderby", "$top"]);
    // Delete (another workload) has Get's paths: one enum and one `fn path` for both, compiled
    // with either feature.
    assert_eq!(run.operation("deleteWidget").paths.len(), 3);
    let file = run.file("src/operations/widget.rs").expect("widget.rs");
    assert_eq!(file.matches("pub path: GetWidgetPath,").count(), 2);
    assert!(!file.contains("DeleteWidgetPath"));
    assert_eq!(file.matches("pub fn path(&self)").count(), 2);
    assert!(file.contains(
        "#[cfg(any(feature = \"gadgets\", feature = \"widgets\"))]\n/// The paths of `DeleteWidget`, `GetWidget`."
    ));
    let mod_rs = run.file("src/operations/mod.rs").expect("mod.rs");
    assert!(mod_rs.contains(
        "#[cfg(any(feature = \"gadgets\", feature = \"widgets\"))]\npub use widget::GetWidgetPath;"
    ));
    assert_eq!(run.emitted.example_tests, 4);
}

#[test]
fn actions_and_functions_with_parameters() {
    let run = pages::run("actions");
    let paint = run.operation("widgetPaint");
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
    let estimate = run.operation("widgetEstimateCost");
    assert_eq!(
        estimate.path_texts().collect::<Vec<_>>(),
        ["/widgets/{id}/estimateCost(coats={coats})"]
    );
    assert_eq!(
        struct_fields(&run, "src/operations/widget.rs", "WidgetEstimateCost"),
        ["id", "coats", "additional_query", "headers"]
    );
    let reset = run.operation("widgetReset");
    assert_eq!(reset.response.as_ref().map(|r| r.status), Some(204));
    assert_eq!(run.emitted.example_tests, 3);
}

#[test]
fn collections_of_every_kind() {
    let run = pages::run("collections");
    let playlist = run.type_def("playlist");
    let collections: Vec<&str> = playlist
        .properties()
        .iter()
        .filter(|p| p.type_ref.collection)
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
    let list = run.operation("listPlaylists");
    assert!(list.response.as_ref().is_some_and(|r| r.collection()));
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
    let seed_like = run.operation("updateNotes");
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
    let list = run.operation("listNotes");
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
        for property in run.type_def(name).properties() {
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
        run.type_def(std_name);
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
