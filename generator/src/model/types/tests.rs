use super::*;
use crate::facts::testkit::page;
use crate::ir::{TypeDef, TypeKind, TypeRef};

/// A resource page: `name`, optional annotation extras (JSON object body), prose lines,
/// property rows `name|type|description` and relationship rows.
fn resource(
    name: &str,
    annotation: &str,
    prose: &str,
    rows: &[&str],
    relationships: &[&str],
) -> String {
    let mut page = format!(
        "---\ntitle: {name} resource type\nms.prod: testing\ndoc_type: resourcePageType\n---\n# {name} resource type\n\nNamespace: microsoft.graph\n\n{prose}\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n"
    );
    for row in rows {
        page.push_str(&format!("|{row}|\n"));
    }
    if !relationships.is_empty() {
        page.push_str("\n## Relationships\n|Relationship|Type|Description|\n|:---|:---|:---|\n");
        for row in relationships {
            page.push_str(&format!("|{row}|\n"));
        }
    }
    if !annotation.is_empty() {
        page.push_str(&format!(
            "\n## JSON representation\n<!-- {{ \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.{name}\"{annotation} }} -->\n```json\n{{}}\n```\n"
        ));
    }
    page
}

fn enum_page(name: &str, members: &[&str]) -> String {
    let mut page = format!(
        "---\ntitle: {name} enum type\ndoc_type: enumPageType\n---\n# {name} enum type\n\n## Members\n|Member|Value|Description|\n|:---|:---|:---|\n"
    );
    for (i, m) in members.iter().enumerate() {
        page.push_str(&format!("|{m}|{i}|x|\n"));
    }
    page
}

fn model(pages: &[(&str, String)]) -> (TypeIndex, Vec<Diagnostic>) {
    let mut facts: Vec<_> = pages
        .iter()
        .map(|(path, markdown)| crate::facts::extract(&page(path, markdown)).0)
        .collect();
    facts.sort_by(|a, b| a.page.path.cmp(&b.page.path));
    let mut diagnostics = Vec::new();
    let index = resolve_types(&facts, &mut diagnostics);
    diagnostics.sort();
    (index, diagnostics)
}

fn key(def: &TypeDef) -> Option<&str> {
    def.structure().and_then(|s| s.key.as_deref())
}

fn shown(def: &TypeDef) -> &[String] {
    def.structure()
        .map_or(&[], |s| s.example_properties.as_slice())
}

fn get<'i>(index: &'i TypeIndex, name: &str) -> &'i TypeDef {
    index.get(name).unwrap_or_else(|| {
        panic!(
            "no type {name}: {:?}",
            index.types().iter().map(|t| &t.name).collect::<Vec<_>>()
        )
    })
}

fn prop<'t>(def: &'t TypeDef, name: &str) -> &'t crate::ir::Property {
    def.properties()
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name} in {}", def.name))
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&str> {
    diagnostics.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn resolves_links_kinds_and_keys() {
    let (index, d) = model(&[
        (
            "resources/entity.md",
            resource(
                "entity",
                ", \"keyProperty\": \"id\"",
                "",
                &["id|String|The id. Read-only."],
                &[],
            ),
        ),
        (
            "resources/user.md",
            resource(
                "user",
                ", \"baseType\": \"microsoft.graph.entity\"",
                "A user.",
                &[
                    "displayName|String|Name.",
                    "createdBy|[IdentitySet](identityset.md)|Who.",
                    "state|[runState](runstate.md)|State.",
                ],
                &["manager|[user](user.md)|The manager."],
            ),
        ),
        (
            "resources/identityset.md",
            resource(
                "identitySet",
                "",
                "",
                &["user|[identity](identity.md)|x"],
                &[],
            ),
        ),
        (
            "resources/identity.md",
            resource("identity", "", "", &["displayName|String|x"], &[]),
        ),
        (
            "resources/runstate.md",
            enum_page("runState", &["unknown", "success", "fail"]),
        ),
    ]);
    // The one diagnostic says why `manager` is boxed.
    assert_eq!(codes(&d), ["recursive-type"], "{d:#?}");
    let entity = get(&index, "entity");
    assert_eq!((entity.kind(), key(entity)), (TypeKind::Entity, Some("id")));
    assert!(!prop(entity, "id").nullable && prop(entity, "id").read_only);
    assert_eq!(entity.derived(), ["user"]);
    let user = get(&index, "user");
    assert_eq!(
        (user.kind(), user.base(), key(user)),
        (TypeKind::Entity, Some("entity"), Some("id"))
    );
    assert_eq!(user.description.flat_text(), "A user.");
    assert_eq!(user.workload, "testing");
    let created_by = prop(user, "createdBy");
    assert_eq!(
        (created_by.type_ref.name.as_str(), created_by.type_ref.kind),
        ("identitySet", TypeRefKind::Complex)
    );
    assert_eq!(
        (
            prop(user, "state").type_ref.name.as_str(),
            prop(user, "state").type_ref.kind
        ),
        ("runState", TypeRefKind::Enum)
    );
    let manager = prop(user, "manager");
    assert!(
        manager.navigation && manager.recursive && manager.type_ref.kind == TypeRefKind::Entity
    );
    assert_eq!(get(&index, "identitySet").kind(), TypeKind::Complex);
    let run_state = get(&index, "runState");
    let members: Vec<_> = run_state
        .members()
        .iter()
        .map(|m| (m.name.as_str(), m.value))
        .collect();
    assert_eq!(
        members,
        [
            ("unknown", Some(0)),
            ("success", Some(1)),
            ("fail", Some(2))
        ]
    );
    assert_eq!(
        index.resolve("#microsoft.graph.IdentitySet"),
        Some(("identitySet", TypeRefKind::Complex))
    );
    assert_eq!(index.resolve("microsoft.graph.nothing"), None);
}

#[test]
fn relationship_targets_with_an_id_are_entities() {
    let (index, _) = model(&[
        (
            "resources/group.md",
            resource(
                "group",
                ", \"keyProperty\": \"id\"",
                "",
                &["id|String|x"],
                &[
                    "grants|[appRoleAssignment](approleassignment.md) collection|x",
                    "stats|[itemAnalytics](itemanalytics.md)|x",
                ],
            ),
        ),
        (
            "resources/approleassignment.md",
            resource("appRoleAssignment", "", "", &["id|String|x"], &[]),
        ),
        (
            "resources/derivedassignment.md",
            resource(
                "derivedAssignment",
                "",
                "Inherits from [appRoleAssignment](approleassignment.md).",
                &["more|String|x"],
                &[],
            ),
        ),
        (
            "resources/itemanalytics.md",
            resource("itemAnalytics", "", "", &["count|Int32|x"], &[]),
        ),
        (
            "resources/plain.md",
            resource("plain", "", "", &["id|String|x"], &[]),
        ),
    ]);
    let assignment = get(&index, "appRoleAssignment");
    assert_eq!(
        (assignment.kind(), key(assignment)),
        (TypeKind::Entity, Some("id"))
    );
    assert_eq!(get(&index, "derivedAssignment").kind(), TypeKind::Entity);
    assert_eq!(
        prop(get(&index, "group"), "grants").type_ref.kind,
        TypeRefKind::Entity
    );
    // No `id`: no key to assume.
    assert_eq!(get(&index, "itemAnalytics").kind(), TypeKind::Complex);
    // Not a relationship target: stays complex.
    assert_eq!(get(&index, "plain").kind(), TypeKind::Complex);
}

#[test]
fn unresolved_types_are_reported() {
    let (index, d) = model(&[(
        "resources/a.md",
        resource(
            "a",
            "",
            "",
            &["b|[missing](missing.md)|x", "c|ghost collection|x"],
            &[],
        ),
    )]);
    let a = get(&index, "a");
    assert_eq!(
        (
            prop(a, "b").type_ref.name.as_str(),
            prop(a, "b").type_ref.kind
        ),
        ("missing", TypeRefKind::Unresolved)
    );
    assert!(prop(a, "c").type_ref.collection);
    assert_eq!(codes(&d), ["type-unresolved", "type-unresolved"]);
}

#[test]
fn links_resolve_by_target_file_when_the_name_differs() {
    let (index, d) = model(&[
        (
            "resources/a.md",
            resource(
                "a",
                "",
                "Inherits from [Conditional Access Session Control](sessioncontrol.md).",
                &["s|[the session](../resources/SessionControl.md)|x"],
                &[],
            ),
        ),
        (
            "resources/sessioncontrol.md",
            resource(
                "conditionalAccessSessionControl",
                "",
                "",
                &["on|Boolean|x"],
                &[],
            ),
        ),
    ]);
    assert!(d.is_empty(), "{d:#?}");
    let a = get(&index, "a");
    assert_eq!(a.base(), Some("conditionalAccessSessionControl"));
    assert_eq!(
        prop(a, "s").type_ref.name,
        "conditionalAccessSessionControl"
    );
}

#[test]
fn duplicates_keep_one_definition_whatever_the_order() {
    let pages = [
        (
            "resources/b-copy.md",
            resource("thing", "", "", &["x|String|x", "y|String|y"], &[]),
        ),
        (
            "resources/a-thing.md",
            resource("thing", "", "", &["x|String|x"], &[]),
        ),
        (
            "resources/c-thing.md",
            resource("Thing", "", "", &["x|String|x", "y|String|y"], &[]),
        ),
    ];
    let (index, d) = model(&pages);
    let mut reversed = pages.clone();
    reversed.reverse();
    let (again, d2) = model(&reversed);
    assert_eq!(index.types(), again.types());
    assert_eq!(d, d2);
    // The richer definitions tie; the path that sorts first wins.
    assert_eq!(index.types().len(), 1);
    assert_eq!(get(&index, "thing").source.file, "resources/b-copy.md");
    assert_eq!(codes(&d), ["type-duplicate", "type-duplicate"]);
    assert!(d.iter().all(|d| d
        .related
        .first()
        .is_some_and(|r| r.span.file == "resources/b-copy.md")));
}

#[test]
fn enums_from_sections_multi_pages_and_null_lists() {
    let user = format!(
        "{}\n#### ageGroup values\n\n|Member|Description|\n|---|---|\n|null|Default.|\n|minor|x|\n\n### bookingType values\n\n|Value|Description|\n|---|---|\n|standard|x|\n|reserved|x|\n\n### unused values\n\n|Member|\n|---|\n|x|\n",
        resource("user", "", "", &["ageGroup|[ageGroup](#agegroup-values)|x", "booking|[bookingType](#bookingtype-values)|x", "kind|printColor|Possible values are: `a`, `b`.", "plain|String|Possible values are: `on`, `off`."], &[])
    );
    let enums = "---\ntitle: Enum values\ndoc_type: enumPageType\n---\n# Enum values\n\n### printColor values\n\n|Member|\n|---|\n|blackAndWhite|\n|color|\n\n### printColor values\n\n|Member|\n|---|\n|color|\n".to_string();
    let (index, d) = model(&[("resources/user.md", user), ("resources/enums.md", enums)]);
    let user = get(&index, "user");
    let age = prop(user, "ageGroup");
    assert_eq!(
        (age.type_ref.name.as_str(), age.type_ref.kind),
        ("String", TypeRefKind::Primitive)
    );
    assert_eq!(age.possible_values, ["minor"]);
    assert_eq!(prop(user, "plain").possible_values, ["on", "off"]);
    assert_eq!(
        (
            prop(user, "booking").type_ref.name.as_str(),
            prop(user, "booking").type_ref.kind
        ),
        ("bookingType", TypeRefKind::Enum)
    );
    assert_eq!(get(&index, "bookingType").members().len(), 2);
    assert_eq!(prop(user, "kind").type_ref.kind, TypeRefKind::Enum);
    assert!(prop(user, "kind").possible_values.is_empty());
    assert_eq!(get(&index, "printColor").members().len(), 2);
    assert!(index.get("unused").is_none() && index.get("ageGroup").is_none());
    assert_eq!(codes(&d), ["type-duplicate", "type-odd-spelling"]);
}

#[test]
fn sub_namespaces() {
    let session = "---\ntitle: session resource type\ndoc_type: resourcePageType\n---\n# session resource type\n\nNamespace: microsoft.graph.callRecords\n\n## Properties\n|Property|Type|Description|\n|---|---|---|\n|caller|[endpoint](callrecords-endpoint.md)|x|\n|modalities|microsoft.graph.callRecords.modality collection|x|\n|identity|identity|x|\n".to_string();
    let endpoint = "---\ntitle: endpoint resource type\ndoc_type: resourcePageType\n---\n# endpoint resource type\n\nNamespace: microsoft.graph.callRecords\n\n## Properties\n|Property|Type|Description|\n|---|---|---|\n|a|String|x|\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.callRecords.endpoint\" } -->\n```json\n{\"a\": \"String\"}\n```\n".to_string();
    let enums = "---\ntitle: Call records enum values\ndoc_type: enumPageType\n---\n# Call records enum values\n\nNamespace: microsoft.graph.callRecords\n\n### modality values\n\n|Member|\n|---|\n|audio|\n".to_string();
    let (index, d) = model(&[
        ("resources/callrecords-session.md", session),
        ("resources/callrecords-endpoint.md", endpoint),
        ("resources/enums-callrecords.md", enums),
        (
            "resources/identity.md",
            resource("identity", "", "", &["id|String|x"], &[]),
        ),
        (
            "resources/endpoint.md",
            resource("endpoint", "", "", &["b|String|x"], &[]),
        ),
    ]);
    assert!(d.is_empty(), "{d:#?}");
    let session = get(&index, "callRecords.session");
    assert_eq!(session.namespace, "microsoft.graph.callRecords");
    assert_eq!(
        prop(session, "caller").type_ref.name,
        "callRecords.endpoint"
    );
    assert_eq!(
        prop(session, "modalities").type_ref.name,
        "callRecords.modality"
    );
    assert_eq!(prop(session, "identity").type_ref.name, "identity");
    assert_eq!(
        index
            .resolve("microsoft.graph.callRecords.session")
            .map(|r| r.0),
        Some("callRecords.session")
    );
    assert_eq!(
        index.resolve("session").map(|r| r.0),
        Some("callRecords.session")
    );
    assert_eq!(index.resolve("endpoint").map(|r| r.0), Some("endpoint"));
}

#[test]
fn json_representation_against_the_tables() {
    let page = "---\ntitle: a resource type\ndoc_type: resourcePageType\n---\n# a resource type\n\n## Properties\n|Property|Type|Description|\n|---|---|---|\n|count|Int32|x|\n|name|String|x|\n|tags|String collection|x|\n|missing|String|x|\n|who|[b](b.md)|x|\n\n## Relationships\n|Relationship|Type|Description|\n|---|---|---|\n|nav|[b](b.md)|x|\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.a\" } -->\n```json\n{\n  \"count\": \"String\",\n  \"name\": \"String\",\n  \"tags\": \"String\",\n  \"extra\": 1,\n  \"who\": {\"@odata.type\": \"microsoft.graph.c\"}\n}\n```\n".to_string();
    let (_, d) = model(&[
        ("resources/a.md", page),
        (
            "resources/b.md",
            resource("b", "", "", &["x|String|x"], &[]),
        ),
        (
            "resources/c.md",
            resource("c", "", "Inherits from [b](b.md).", &["y|String|x"], &[]),
        ),
    ]);
    let messages: Vec<_> = d
        .iter()
        .filter(|d| d.code == "json-table-mismatch")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages.len(), 4, "{messages:#?}");
    assert!(messages
        .iter()
        .any(|m| m.contains("`a.count`") && m.contains("Int32")));
    assert!(messages.iter().any(|m| m.contains("`a.tags`")));
    assert!(messages.iter().any(|m| m.contains("has `extra`")));
    assert!(messages.iter().any(|m| m.contains("has `missing`")));
    assert!(d
        .iter()
        .filter(|d| d.code == "json-table-mismatch")
        .all(|d| d.related.len() == 1));
}

#[test]
fn resolve_spec_uses_links() {
    let (index, _) = model(&[(
        "resources/odd-file.md",
        resource("realName", "", "", &["x|String|x"], &[]),
    )]);
    let spec =
        crate::facts::typeref::parse_type_text("[other text](../resources/odd-file.md) collection");
    let resolved = index.resolve_spec(&spec, "api/x.md");
    assert_eq!(
        resolved,
        TypeRef {
            name: "realName".into(),
            kind: TypeRefKind::Complex,
            collection: true
        }
    );
    let spec = crate::facts::typeref::parse_type_text("nothing");
    assert_eq!(
        index.resolve_spec(&spec, "api/x.md").kind,
        TypeRefKind::Unresolved
    );
}

#[test]
fn split_definitions_are_merged() {
    let (index, d) = model(&[
        (
            "resources/intune-a-devicemanagement.md",
            resource("deviceManagement", "", "", &["id|String|x", "settings|String|x"], &["managedDevices|[managedDevice](intune-a-manageddevice.md) collection|x"]),
        ),
        (
            "resources/intune-b-devicemanagement.md",
            resource("deviceManagement", "", "", &["id|String|x"], &["deviceConfigurations|[deviceConfiguration](../resources/intune-b-deviceconfiguration.md) collection|x"]),
        ),
        ("resources/intune-a-manageddevice.md", resource("managedDevice", "", "", &["id|String|x"], &[])),
        ("resources/intune-b-deviceconfiguration.md", resource("deviceConfiguration", "", "", &["id|String|x"], &[])),
    ]);
    let dm = get(&index, "deviceManagement");
    let names: Vec<_> = dm.properties().iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["id", "settings", "managedDevices", "deviceConfigurations"]
    );
    assert_eq!(
        prop(dm, "deviceConfigurations").type_ref.name,
        "deviceConfiguration"
    );
    assert_eq!(codes(&d), ["type-duplicate"]);
    assert!(d[0].message.contains("1 other properties are merged"));
}

#[test]
fn example_properties_are_the_json_keys_that_are_properties_minus_the_optional_ones() {
    let page = "---\ntitle: a resource type\ndoc_type: resourcePageType\n---\n# a resource type\n\n## Properties\n|Property|Type|Description|\n|---|---|---|\n|count|Int32|x|\n|name|String|x|\n|note|String|x|\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.a\", \"optionalProperties\": [\"note\"] } -->\n```json\n{\n  \"Name\": \"String\",\n  \"count\": 1,\n  \"note\": \"String\",\n  \"extra\": 1\n}\n```\n".to_string();
    let (index, _) = model(&[("resources/a.md", page)]);
    // In JSON order, spelled as the table spells them; `extra` is no property.
    assert_eq!(shown(get(&index, "a")), ["name", "count"]);
    let (index, _) = model(&[(
        "resources/b.md",
        resource("b", "", "", &["x|String|x"], &[]),
    )]);
    assert!(shown(get(&index, "b")).is_empty());
}

/// Bases, cycles, depth, inherited rows and recursion.
mod inheritance;
