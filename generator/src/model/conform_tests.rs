use super::*;
use crate::diag::Span;
use crate::ir::{EnumBody, EnumMember, TypeBody, TypeKind};
use crate::model::lookup::tests::{def, entity_base, linked, prop};
use serde_json::json;

fn types() -> TypeIndex {
    let mut status = def("runState", TypeKind::Enum, None, vec![]);
    status.body = TypeBody::Enum(EnumBody {
        members: ["pending", "success", "fail"]
            .iter()
            .map(|m| EnumMember {
                name: m.to_string(),
                value: None,
                description: crate::ir::text::Description::default(),
                source: Span::default(),
            })
            .collect(),
        flags: false,
    });
    let mut open = def("openThing", TypeKind::Complex, None, vec![]);
    if let Some(body) = open.structure_mut() {
        body.open = true;
    }
    linked(vec![
        entity_base(),
        def(
            "script",
            TypeKind::Entity,
            Some("entity"),
            vec![
                prop("count", "Int32", TypeRefKind::Primitive, false),
                prop("ratio", "Double", TypeRefKind::Primitive, false),
                prop("state", "runState", TypeRefKind::Enum, false),
                prop("tags", "String", TypeRefKind::Primitive, true),
                prop("extra", "openThing", TypeRefKind::Complex, false),
            ],
        ),
        def(
            "shellScript",
            TypeKind::Entity,
            Some("script"),
            vec![prop("shell", "String", TypeRefKind::Primitive, false)],
        ),
        def("other", TypeKind::Entity, Some("entity"), vec![]),
        status,
        open,
    ])
}

fn findings(value: Value) -> Vec<Finding> {
    let mut findings = Vec::new();
    let declared = Declared {
        name: "script",
        kind: TypeRefKind::Entity,
        collection: false,
    };
    check_value(&types(), &value, declared, "", &mut findings);
    findings
}

fn check(value: Value) -> Vec<(Code, String)> {
    findings(value)
        .into_iter()
        .map(|f| (f.code, f.path))
        .collect()
}

fn check_messages(value: Value) -> Vec<String> {
    findings(value).into_iter().map(|f| f.message).collect()
}

#[test]
fn conforming_values_pass() {
    let body = json!({"@odata.context": "x", "id": "1", "count": 3, "ratio": "NaN", "state": "pending,fail", "tags": ["a"], "extra": {"anything": 1}, "members@odata.bind": []});
    assert_eq!(check(body), vec![]);
    assert_eq!(
        check(
            json!({"@odata.type": "#microsoft.graph.shellScript", "shell": "bash", "count": null})
        ),
        vec![]
    );
}

#[test]
fn each_kind_of_finding() {
    assert_eq!(
        check(json!({"nope": 1})),
        vec![(Code::ExampleUnknownProperty, "nope".to_string())]
    );
    assert_eq!(
        check(json!({"count": "Int32"})),
        vec![(Code::ExampleWrongKind, "count".to_string())]
    );
    assert_eq!(
        check(json!({"count": 1.5})),
        vec![(Code::ExampleWrongKind, "count".to_string())]
    );
    assert_eq!(
        check(json!({"tags": "a"})),
        vec![(Code::ExampleWrongKind, "tags".to_string())]
    );
    assert_eq!(
        check(json!({"id": ["a"]})),
        vec![(Code::ExampleWrongKind, "id".to_string())]
    );
    assert_eq!(
        check(json!({"state": "running"})),
        vec![(Code::ExampleEnumValue, "state".to_string())]
    );
    assert_eq!(check(json!({"state": "Pending"})), vec![]);
    // The template's list of choices is reported as such, once.
    let listed = check_messages(json!({"state": "pending | success | fail"}));
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(
        listed[0].contains("lists 3 members of enum `runState`"),
        "{listed:?}"
    );
    assert_eq!(check(json!({"state": "pending | running"})).len(), 1);
    assert_eq!(
        check(json!({"@odata.type": "microsoft.graph.other"})),
        vec![(Code::ExampleTypeMismatch, String::new())]
    );
    assert_eq!(
        check(json!({"shell": "bash"})),
        vec![(Code::ExampleUnknownProperty, "shell".to_string())]
    );
    assert_eq!(
        check(json!("x")),
        vec![(Code::ExampleWrongKind, String::new())]
    );
}

#[test]
fn complete_examples_must_show_the_example_properties_and_truncated_ones_need_not() {
    let mut all = types().types().to_vec();
    for t in &mut all {
        let shown: Vec<String> = match t.name.as_str() {
            // `id` again, as intune's flattened JSON representations list it: named once.
            "script" => vec!["count".into(), "state".into(), "id".into()],
            "entity" => vec!["id".into()],
            "openThing" => vec!["anything".into()],
            _ => continue,
        };
        if let Some(body) = t.structure_mut() {
            body.example_properties = shown;
        }
    }
    let types = TypeIndex::from_types(all);
    let declared = Declared {
        name: "script",
        kind: TypeRefKind::Entity,
        collection: true,
    };
    // `extra` (whose type has example properties too) is nested: it may be partial.
    let body = json!([{"id": "1", "count": 1, "state": "pending"}, {"count": 2, "extra": {}}]);
    let mut truncated = Vec::new();
    check_value(&types, &body, declared, "value", &mut truncated);
    assert_eq!(truncated, vec![]);
    let mut complete = Vec::new();
    check_complete_value(&types, &body, declared, "value", &mut complete);
    let found: Vec<(Code, &str)> = complete.iter().map(|f| (f.code, f.path.as_str())).collect();
    assert_eq!(found, vec![(Code::ExampleMissingProperty, "value[1]")]);
    let message = &complete[0].message;
    assert!(
        message.contains("lacks 2 properties") && message.contains("(`state`, `id`)"),
        "{message}"
    );
}

#[test]
fn collections_check_every_item() {
    let mut findings = Vec::new();
    let declared = Declared {
        name: "script",
        kind: TypeRefKind::Entity,
        collection: true,
    };
    check_value(
        &types(),
        &json!([{"count": 1}, {"count": true}]),
        declared,
        "value",
        &mut findings,
    );
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].path, "value[1].count");
}
