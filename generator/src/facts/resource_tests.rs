use super::*;
use crate::facts::page::read_header;
use crate::facts::testkit::page;

fn read(path: &str, markdown: &str) -> (Option<ResourceFacts>, Vec<Diagnostic>) {
    let page = page(path, markdown);
    let mut diagnostics = Vec::new();
    let header = read_header(&page, &mut diagnostics);
    diagnostics.clear();
    let facts = read_resource(&page, &header, &mut diagnostics);
    (facts, diagnostics)
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&str> {
    diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn prop<'f>(facts: &'f ResourceFacts, name: &str) -> &'f PropertyFacts {
    facts
        .properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

const USER: &str = r#"---
title: "user resource type"
doc_type: resourcePageType
---
# user resource type

Namespace: microsoft.graph

Represents a user.

Inherits from [directoryObject](directoryobject.md).

## Properties

| Property | Type | Description |
|:---|:---|:---|
| **id** | String | The identifier. Read-only. Not nullable. |
| displayName | String | The name. Nullable. |
| state | [runState](runstate.md) | The state. Possible values are: `pending`, `success`. |
| signIns | [identitySet][] collection | Who. |
| id | Int32 | Again. |
| $(this.Properties.Name) | $(this.Properties.DisplayType) | |
| files/fileName | String | Not a name. |
| odd | string | Lower case. |

## Relationships

| Relationship | Type | Description |
|:---|:---|:---|
| manager | [directoryObject](directoryobject.md) | The manager. Read-only. |

## JSON representation

<!-- {
  "blockType": "resource",
  "@odata.type": "microsoft.graph.user",
  "baseType": "microsoft.graph.directoryObject",
  "keyProperty": "id",
  "openType": "true",
  "optionalProperties": ["manager"]
} -->
```json
{
  "id": "String (identifier)",
  "displayName": "String"
}
```

[identitySet]: identityset.md
"#;

#[test]
fn reads_a_resource_page() {
    let (facts, d) = read("resources/user.md", USER);
    let facts = facts.expect("a resource");
    assert_eq!(
        (facts.name.as_str(), facts.namespace.as_str()),
        ("user", "microsoft.graph")
    );
    assert_eq!(facts.description.flat_text(), "Represents a user.");
    assert_eq!(facts.key.as_deref(), Some("id"));
    assert_eq!(
        facts.base_annotation.as_ref().map(|b| b.name.as_str()),
        Some("directoryObject")
    );
    assert_eq!(
        facts.base_prose.as_ref().map(|b| b.name.as_str()),
        Some("directoryObject")
    );
    assert!(facts.open && !facts.is_abstract);
    assert_eq!(facts.optional_properties, ["manager"]);
    let names: Vec<_> = facts.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["id", "displayName", "state", "signIns", "odd", "manager"]
    );
    let id = prop(&facts, "id");
    assert!(id.read_only && id.nullable == Some(false) && !id.navigation);
    assert_eq!(id.type_spec.name, "String");
    assert_eq!(prop(&facts, "displayName").nullable, Some(true));
    let state = prop(&facts, "state");
    assert_eq!(
        (state.type_spec.kind, state.type_spec.name.as_str()),
        (TypeSpecKind::Named, "runState")
    );
    assert_eq!(state.possible_values, ["pending", "success"]);
    let sign_ins = prop(&facts, "signIns");
    assert!(sign_ins.type_spec.collection);
    assert_eq!(sign_ins.type_spec.link.as_deref(), Some("identityset.md"));
    let manager = prop(&facts, "manager");
    assert!(manager.navigation && manager.read_only);
    let json = facts.json.expect("json");
    assert_eq!(json.properties.len(), 2);
    let mut got = codes(&d);
    got.sort();
    assert_eq!(
        got,
        [
            "annotation-value",
            "duplicate-row",
            "property-name-invalid",
            "template-residue",
            "type-odd-spelling"
        ]
    );
    let duplicate = d
        .iter()
        .find(|d| d.code == "duplicate-row")
        .expect("duplicate");
    assert_eq!(duplicate.related.len(), 1);
}

#[test]
fn h1_name_without_annotation_and_sub_namespace() {
    let markdown = "---\ntitle: t\ndoc_type: resourcePageType\n---\n# session resource type\n\nNamespace: microsoft.graph.callRecords\n\n## Properties\n|Property|Type|Description|\n|---|---|---|\n|modalities|microsoft.graph.callRecords.modality collection|The modes.|\n";
    let (facts, _) = read("resources/callrecords-session.md", markdown);
    let facts = facts.expect("a resource");
    assert_eq!(
        (facts.name.as_str(), facts.namespace.as_str()),
        ("session", "microsoft.graph.callRecords")
    );
    let modalities = prop(&facts, "modalities");
    assert_eq!(
        modalities.type_spec.namespace.as_deref(),
        Some("callRecords")
    );
    assert!(facts.json.is_none() && facts.key.is_none());
}

#[test]
fn annotation_name_wins_over_the_h1() {
    let markdown = "---\ntitle: t\ndoc_type: resourcePageType\n---\n# Configuring the invitation message\n\n## Properties\n|Property|Type|Description|\n|---|---|---|\n|a|String|x|\n\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.invitedUserMessageInfo\" } -->\n```json\n{\"a\": \"String\"}\n```\n";
    let (facts, d) = read("resources/invitedusermessageinfo.md", markdown);
    assert_eq!(
        facts.map(|f| f.name),
        Some("invitedUserMessageInfo".to_string())
    );
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn intune_inherited_rows_and_group_rows() {
    let markdown = "---\ntitle: t\ndoc_type: resourcePageType\n---\n# androidConfig resource type\n\nInherits from [deviceConfiguration](../resources/intune-deviceconfig-deviceconfiguration.md)\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n|**General**| | |\n|id|String|Key of the entity. Inherited from [deviceConfiguration](../resources/intune-deviceconfig-deviceconfiguration.md)|\n|own|Boolean|Mine. Possible values are: notPublished, processing, published.|\n";
    let (facts, d) = read("resources/intune-x.md", markdown);
    let facts = facts.expect("a resource");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(
        facts.base_prose.as_ref().map(|b| b.name.as_str()),
        Some("deviceConfiguration")
    );
    assert!(facts.base_annotation.is_none());
    assert_eq!(
        prop(&facts, "id").inherited_from.as_deref(),
        Some("deviceConfiguration")
    );
    assert_eq!(prop(&facts, "own").inherited_from, None);
    assert_eq!(
        prop(&facts, "own").possible_values,
        ["notPublished", "processing", "published"]
    );
    assert_eq!(facts.properties.len(), 2);
}

#[test]
fn second_table_under_a_sub_heading_is_not_merged() {
    let markdown = "---\ntitle: t\ndoc_type: resourcePageType\n---\n# tokenLifetimePolicy resource type\n\n## Properties\n|Property|Type|Description|\n|---|---|---|\n|definition|String collection|JSON.|\n\n### Properties of a token lifetime policy definition\n|Property|Type|Description|\n|---|---|---|\n|AccessTokenLifetime|String|x|\n\nMore columns:\n\n|Property name|Type|Description|\n|---|---|---|\n";
    let (facts, d) = read("resources/tokenlifetimepolicy.md", markdown);
    let facts = facts.expect("a resource");
    let names: Vec<_> = facts.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["definition"]);
    // The header-only table sits under the same sub-heading, so it is not read either.
    assert_eq!(codes(&d), ["table-unexpected", "table-unexpected"]);
}

#[test]
fn type_named_properties_heading() {
    let markdown = "---\ntitle: t\ndoc_type: resourcePageType\n---\n# operationError resource type\n\n## operationError Properties\n|Property|Type|Description|\n|---|---|---|\n|code|string (readonly)|x|\n\n## Other properties\n|Property|Type|Description|\n|---|---|---|\n|no|String|x|\n";
    let (facts, _) = read("resources/operationerror.md", markdown);
    let names: Vec<_> = facts
        .iter()
        .flat_map(|f| &f.properties)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["code"]);
}

#[test]
fn split_property_tables_in_one_section_are_merged() {
    let markdown = "---\ntitle: t\ndoc_type: resourcePageType\n---\n# columnDefinition resource\n\n## Properties\n|Property name|Type|Description|\n|---|---|---|\n|**name**|string|x|\n\nThe type-specific ones:\n\n|Property name|Type|Description|\n|---|---|---|\n|**boolean**|[booleanColumn][]|x|\n|**text**|[textColumn][]|x|\n\n## Relationships\n|Relationship|Type|Description|\n|---|---|---|\n";
    let (facts, d) = read("resources/columndefinition.md", markdown);
    let facts = facts.expect("a resource");
    assert_eq!(facts.properties.len(), 3);
    assert_eq!(prop(&facts, "boolean").type_spec.name, "booleanColumn");
    let mut got = codes(&d);
    got.sort();
    assert_eq!(got, ["table-header-only", "type-odd-spelling"]);
}

#[test]
fn unknown_types_and_pages_without_a_name() {
    let markdown = "---\ntitle: t\ndoc_type: resourcePageType\n---\n# x resource type\n\n## Properties\n|Property|Type|Description|\n|---|---|---|\n|a|application/json|x|\n|b|\n";
    let (facts, d) = read("resources/x.md", markdown);
    let facts = facts.expect("a resource");
    assert_eq!(prop(&facts, "a").type_spec.kind, TypeSpecKind::Unknown);
    assert_eq!(prop(&facts, "b").type_spec.kind, TypeSpecKind::Unknown);
    assert_eq!(codes(&d), ["type-unknown", "type-unknown"]);
    let markdown =
        "---\ntitle: t\ndoc_type: resourcePageType\n---\n# Use the API\n\n## Properties\n";
    let (facts, d) = read("resources/y.md", markdown);
    assert!(facts.is_none());
    assert_eq!(codes(&d), ["title-missing"]);
    let (facts, d) = read(
        "api/y.md",
        "---\ntitle: t\ndoc_type: apiPageType\n---\n# Get x\n## HTTP request\n",
    );
    assert!(facts.is_none() && d.is_empty());
}

#[test]
fn json_block_without_annotation_and_invalid_json() {
    let markdown = "---\ntitle: t\ndoc_type: resourcePageType\n---\n# x resource type\n\n## JSON Representation\n\n```json\n{\n  \"a\": \"String\",\n}\n```\n\n## Properties\n|Property|Type|Description|\n|---|---|---|\n|a|String|x|\n";
    let (facts, d) = read("resources/x.md", markdown);
    assert_eq!(
        facts.and_then(|f| f.json).map(|j| j.properties.len()),
        Some(1)
    );
    // Repaired (trailing comma), and said so.
    assert_eq!(codes(&d), ["json-representation-invalid"]);
    let markdown = "---\ntitle: t\ndoc_type: resourcePageType\n---\n# x resource type\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.x\" } -->\n```json\n{ \"a\": [ }\n```\n## Properties\n";
    let (facts, d) = read("resources/x.md", markdown);
    assert!(facts.is_some_and(|f| f.json.is_none()));
    assert_eq!(codes(&d), ["json-representation-invalid"]);
}

#[test]
fn callouts_come_after_the_summary_and_the_license_note_goes() {
    let markdown = r#"---
title: "runState resource type"
description: "The front matter summary."
doc_type: resourcePageType
---
# runState resource type

Namespace: microsoft.graph

> **Important:** Microsoft Graph APIs under the /beta version are subject to change; production use is not supported.

> **Note:** The Microsoft Graph API for Intune requires an [active Intune license](https://go.microsoft.com/fwlink/?linkid=839381) for the tenant.

Contains the run state of a script.

## Properties

| Property | Type | Description |
|:--|:--|:--|
| id | String | **Note:** Do not parse it. The key. |
"#;
    let (facts, _) = read("resources/runstate.md", markdown);
    let facts = facts.expect("a resource");
    assert_eq!(
        facts.description.flat_text(),
        "Contains the run state of a script.\n\nImportant: Microsoft Graph APIs under the /beta \
         version are subject to change; production use is not supported."
    );
    assert_eq!(
        prop(&facts, "id").description.flat_text(),
        "The key. Note: Do not parse it."
    );

    // Only callouts: the front matter's description is the summary.
    let only_callouts = markdown.replace("Contains the run state of a script.", "");
    let (facts, _) = read("resources/runstate.md", &only_callouts);
    let description = facts.expect("a resource").description.flat_text();
    assert!(
        description.starts_with("The front matter summary.\n\nImportant: "),
        "{description}"
    );
}

#[test]
fn a_sentence_naming_only_the_base_is_not_the_summary() {
    let markdown = r#"---
title: "educationExcelResource resource type"
doc_type: resourcePageType
---
# educationExcelResource resource type

Namespace: microsoft.graph

A subclass of [educationResource](educationresource.md). This resource type represents an Excel document.

## Properties

| Property | Type | Description |
|:--|:--|:--|
| fileUrl | String | Location of the file. |
"#;
    let (facts, _) = read("resources/educationexcelresource.md", markdown);
    let facts = facts.expect("a resource");
    assert_eq!(
        facts.base_prose.as_ref().map(|b| b.name.as_str()),
        Some("educationResource")
    );
    assert_eq!(
        facts.description.flat_text(),
        "This resource type represents an Excel document."
    );
}
