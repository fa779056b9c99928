//! The shapes a Type cell takes around its name: collections, links, qualifiers, alternatives,
//! trailing text, nesting, and what is no type at all.

use super::super::*;
use super::{assert_type, cell, parse};

#[test]
fn nesting_past_the_limit_is_no_type_and_no_stack_overflow() {
    let nested = |depth: usize, open: &str, close: &str| {
        format!("{}String{}", open.repeat(depth), close.repeat(depth))
    };
    let within = parse(&nested(MAX_NESTING, "(", ")"));
    assert_eq!(within.kind, TypeSpecKind::Primitive, "{within:?}");
    for raw in [
        nested(MAX_NESTING + 1, "(", ")"),
        nested(5_000, "Collection(", ")"),
        nested(100_000, "(", ")"),
        nested(5_000, "collection of ", ""),
    ] {
        assert_eq!(parse(&raw).kind, TypeSpecKind::Unknown);
    }
}

#[test]
fn primitive_collections() {
    assert_type(
        "String collection",
        TypeSpecKind::Primitive,
        "String",
        true,
        false,
    );
    assert_type(
        "string collection",
        TypeSpecKind::Primitive,
        "String",
        true,
        true,
    );
    assert_type(
        "Guid collection",
        TypeSpecKind::Primitive,
        "Guid",
        true,
        false,
    );
}

#[test]
fn inline_links_take_the_link_text() {
    let spec = parse("[identitySet](identityset.md)");
    assert_eq!(spec.kind, TypeSpecKind::Named);
    assert_eq!(spec.name, "identitySet");
    assert_eq!(spec.link.as_deref(), Some("identityset.md"));
    assert!(spec.oddity.is_none());
    let spec = parse("[mimeContent](../resources/intune-shared-mimecontent.md)");
    assert_eq!(spec.name, "mimeContent");
    assert_eq!(
        spec.link.as_deref(),
        Some("../resources/intune-shared-mimecontent.md")
    );
}

#[test]
fn link_collections() {
    let spec = parse("[directoryObject](directoryobject.md) collection");
    assert_eq!(
        (spec.name.as_str(), spec.collection),
        ("directoryObject", true)
    );
    assert_eq!(spec.kind, TypeSpecKind::Named);
    assert!(spec.oddity.is_none());
}

#[test]
fn reference_style_links() {
    let mut defs = BTreeMap::new();
    defs.insert("identityset".to_string(), "identityset.md".to_string());
    let spec = parse_type_cell(&cell("[identitySet][]"), &defs);
    assert_eq!(spec.name, "identitySet");
    assert_eq!(spec.link.as_deref(), Some("identityset.md"));
    let spec = parse_type_cell(&cell("[identitySet][] collection"), &defs);
    assert!(spec.collection);
    assert_eq!(spec.link.as_deref(), Some("identityset.md"));
    let spec = parse_type_cell(&cell("[set][IdentitySet]"), &defs);
    assert_eq!(spec.link.as_deref(), Some("identityset.md"));
    // A reference without a definition still names the type.
    let spec = parse("[itemReference][]");
    assert_eq!(
        (spec.kind, spec.name.as_str(), spec.link),
        (TypeSpecKind::Named, "itemReference", None)
    );
}

#[test]
fn collection_function_forms() {
    assert_type(
        "Collection(String)",
        TypeSpecKind::Primitive,
        "String",
        true,
        false,
    );
    assert_type(
        "collection(string)",
        TypeSpecKind::Primitive,
        "String",
        true,
        true,
    );
    assert_type(
        "`collection(string)`",
        TypeSpecKind::Primitive,
        "String",
        true,
        true,
    );
    let spec = parse("Collection([recipient](recipient.md))");
    assert_eq!((spec.name.as_str(), spec.collection), ("recipient", true));
    assert_eq!(spec.link.as_deref(), Some("recipient.md"));
    let spec = parse("Collection(microsoft.graph.user)");
    assert_eq!(
        (spec.kind, spec.name.as_str(), spec.collection),
        (TypeSpecKind::Named, "user", true)
    );
    assert_type(
        "Collection([driveRecipient][])",
        TypeSpecKind::Named,
        "driveRecipient",
        true,
        false,
    );
    assert_type(
        "Collection of String",
        TypeSpecKind::Primitive,
        "String",
        true,
        true,
    );
}

#[test]
fn anchor_links() {
    let spec = parse("[ageGroup](#agegroup-values)");
    assert_eq!(
        (spec.kind, spec.name.as_str()),
        (TypeSpecKind::Named, "ageGroup")
    );
    assert_eq!(spec.link.as_deref(), Some("#agegroup-values"));
    let spec = parse("[printFinishing](enums.md#printfinishing-values) collection");
    assert_eq!(
        (spec.name.as_str(), spec.collection),
        ("printFinishing", true)
    );
    assert_eq!(spec.link.as_deref(), Some("enums.md#printfinishing-values"));
}

#[test]
fn qualifiers() {
    assert_type(
        "string (url)",
        TypeSpecKind::Primitive,
        "String",
        false,
        true,
    );
    assert_type(
        "String (optional)",
        TypeSpecKind::Primitive,
        "String",
        false,
        true,
    );
    assert_type(
        "(Optional) String",
        TypeSpecKind::Primitive,
        "String",
        false,
        true,
    );
    assert_type(
        "string (readonly)",
        TypeSpecKind::Primitive,
        "String",
        false,
        true,
    );
    assert_type(
        "string (timestamp)",
        TypeSpecKind::Primitive,
        "DateTimeOffset",
        false,
        true,
    );
    assert_type(
        "String (enum)",
        TypeSpecKind::Primitive,
        "String",
        false,
        true,
    );
    let spec = parse("[teamVisibilityType](../resources/teamvisibilitytype.md) (optional)");
    assert_eq!(
        (spec.name.as_str(), spec.kind),
        ("teamVisibilityType", TypeSpecKind::Named)
    );
    assert!(spec.oddity.unwrap_or_default().contains("optional"));
}

#[test]
fn free_form_objects() {
    assert_type("JSON object", TypeSpecKind::Json, "Json", false, true);
    assert_type(
        "Untyped JSON object",
        TypeSpecKind::Json,
        "Json",
        false,
        true,
    );
}

#[test]
fn alternatives_are_json() {
    assert_type("string/number", TypeSpecKind::Json, "Json", false, true);
    assert_type(
        "[appHostedMediaConfig](../resources/apphostedmediaconfig.md) or [serviceHostedMediaConfig](../resources/servicehostedmediaconfig.md)",
        TypeSpecKind::Json,
        "Json",
        false,
        true,
    );
    assert_type(
        "(boolean or string or number) collection",
        TypeSpecKind::Json,
        "Json",
        true,
        true,
    );
}

#[test]
fn trailing_text() {
    let spec = parse(
        "[educationOutcome](educationOutcome.md) collection. Holds grades, feedback and/or rubrics",
    );
    assert_eq!(
        (spec.name.as_str(), spec.collection),
        ("educationOutcome", true)
    );
    assert!(spec.oddity.unwrap_or_default().contains("Holds grades"));
    assert_type(
        "string, maximum size 20",
        TypeSpecKind::Primitive,
        "String",
        false,
        true,
    );
    assert_type(
        "alertStatus enum",
        TypeSpecKind::Named,
        "alertStatus",
        false,
        true,
    );
    assert_type(
        "[itemAnalytics][] resource",
        TypeSpecKind::Named,
        "itemAnalytics",
        false,
        true,
    );
    assert_type(
        "String<br>Max 20 characters",
        TypeSpecKind::Primitive,
        "String",
        false,
        true,
    );
}

#[test]
fn broken_and_odd_links() {
    let spec = parse("[invitedUserMessageInfo](invitedusermessageinfo.md");
    assert_eq!(
        (spec.kind, spec.name.as_str()),
        (TypeSpecKind::Named, "invitedUserMessageInfo")
    );
    assert_eq!(spec.link.as_deref(), Some("invitedusermessageinfo.md"));
    assert!(spec.oddity.unwrap_or_default().contains("link"));
    let spec = parse("[DateTimeOffset](../resources/timestamp.md)");
    assert_eq!(
        (spec.kind, spec.name.as_str()),
        (TypeSpecKind::Primitive, "DateTimeOffset")
    );
    assert!(spec.oddity.is_some());
    let spec = parse("[physicalAddress]");
    assert_eq!(
        (spec.kind, spec.name.as_str()),
        (TypeSpecKind::Named, "physicalAddress")
    );
    assert!(spec.oddity.is_some());
    let spec = parse("[identitySet](/graph/api/resources/identityset)");
    assert_eq!(
        spec.link.as_deref(),
        Some("/graph/api/resources/identityset")
    );
    let spec = parse("**dateTimeTimeZone**");
    assert_eq!(
        (spec.kind, spec.name.as_str()),
        (TypeSpecKind::Named, "dateTimeTimeZone")
    );
    assert!(spec.oddity.is_some());
}

#[test]
fn unreadable_values_are_unknown_with_raw_text() {
    for raw in [
        "application/json",
        "Not supported.",
        "",
        "$(this.Properties.DisplayType)",
        "** Unknown Type `microsoft.management.services.x.operation` ** collection",
        "Microsoft.DirectoryServices.contract",
        "<Unknown Primitive Type Edm.Stream>",
    ] {
        let spec = parse(raw);
        assert_eq!(spec.kind, TypeSpecKind::Unknown, "{raw}: {spec:?}");
        assert_eq!(spec.name, raw.trim());
        assert_eq!(spec.collection, raw.ends_with("** collection"), "{raw}");
    }
}

#[test]
fn cells_without_raw_use_text_and_links() {
    let cell = Cell {
        text: "identitySet collection".to_string(),
        links: vec![crate::pages::Link {
            text: "identitySet".to_string(),
            target: "identityset.md".to_string(),
        }],
        ..Cell::default()
    };
    let spec = parse_type_cell(&cell, &BTreeMap::new());
    assert_eq!((spec.name.as_str(), spec.collection), ("identitySet", true));
    assert_eq!(spec.link.as_deref(), Some("identityset.md"));
}
