//! Names in a Type cell: primitives in any case and with or without `Edm.`, non-Edm words,
//! qualified and bare names.

use super::super::*;
use super::{assert_type, parse};
use crate::ir::PRIMITIVES;

#[test]
fn edm_primitives_in_canonical_case() {
    for name in PRIMITIVES {
        assert_type(name, TypeSpecKind::Primitive, name, false, false);
    }
}

#[test]
fn primitives_in_other_case_are_odd() {
    assert_type("string", TypeSpecKind::Primitive, "String", false, true);
    assert_type("boolean", TypeSpecKind::Primitive, "Boolean", false, true);
    assert_type("GUID", TypeSpecKind::Primitive, "Guid", false, true);
    assert_type(
        "dateTimeOffset",
        TypeSpecKind::Primitive,
        "DateTimeOffset",
        false,
        true,
    );
    assert_type(
        "DateTimeOffSet",
        TypeSpecKind::Primitive,
        "DateTimeOffset",
        false,
        true,
    );
    assert_type("int32", TypeSpecKind::Primitive, "Int32", false, true);
}

#[test]
fn bare_names() {
    assert_type(
        "educationExternalSource",
        TypeSpecKind::Named,
        "educationExternalSource",
        false,
        false,
    );
    assert_type(
        "dayOfWeek collection",
        TypeSpecKind::Named,
        "dayOfWeek",
        true,
        false,
    );
    assert_type("Recipient", TypeSpecKind::Named, "Recipient", false, false);
}

#[test]
fn edm_prefix_in_backticks() {
    assert_type("Edm.Int32", TypeSpecKind::Primitive, "Int32", false, true);
    assert_type(
        "`Edm.String`",
        TypeSpecKind::Primitive,
        "String",
        false,
        true,
    );
    assert_type(
        "`Edm.boolean `",
        TypeSpecKind::Primitive,
        "Boolean",
        false,
        true,
    );
    assert_type(
        "`DateTimeOffset`",
        TypeSpecKind::Primitive,
        "DateTimeOffset",
        false,
        true,
    );
    assert_type(
        "`contactRelationship`",
        TypeSpecKind::Named,
        "contactRelationship",
        false,
        true,
    );
}

#[test]
fn qualified_names() {
    let spec = parse("microsoft.graph.callRecords.wifiBand");
    assert_eq!(
        (spec.kind, spec.name.as_str()),
        (TypeSpecKind::Named, "wifiBand")
    );
    assert_eq!(spec.namespace.as_deref(), Some("callRecords"));
    let spec = parse("microsoft.graph.printer");
    assert_eq!((spec.name.as_str(), spec.namespace), ("printer", None));
    let spec = parse("[microsoft.graph.externalConnectors.acl](../resources/externalconnectors-acl.md) collection");
    assert_eq!((spec.name.as_str(), spec.collection), ("acl", true));
    assert_eq!(spec.namespace.as_deref(), Some("externalConnectors"));
    assert_eq!(
        spec.link.as_deref(),
        Some("../resources/externalconnectors-acl.md")
    );
    let spec = parse("microsoft.graph.callRecords.modality collection");
    assert_eq!((spec.name.as_str(), spec.collection), ("modality", true));
}

#[test]
fn non_edm_words() {
    assert_type("Json", TypeSpecKind::Json, "Json", false, false);
    assert_type(
        "DateTime",
        TypeSpecKind::Primitive,
        "DateTimeOffset",
        false,
        true,
    );
    assert_type(
        "datetime",
        TypeSpecKind::Primitive,
        "DateTimeOffset",
        false,
        true,
    );
    assert_type("int", TypeSpecKind::Primitive, "Int32", false, true);
    assert_type("Integer", TypeSpecKind::Primitive, "Int32", false, true);
    assert_type("number", TypeSpecKind::Primitive, "Double", false, true);
    assert_type(
        "Timestamp",
        TypeSpecKind::Primitive,
        "DateTimeOffset",
        false,
        true,
    );
    assert_type("Url", TypeSpecKind::Primitive, "String", false, true);
    assert_type("bool", TypeSpecKind::Primitive, "Boolean", false, true);
    assert_type("`bool`", TypeSpecKind::Primitive, "Boolean", false, true);
    assert_type("Object", TypeSpecKind::Json, "Json", false, true);
    assert_type("Float", TypeSpecKind::Primitive, "Double", false, true);
    assert_type("numeric", TypeSpecKind::Primitive, "Double", false, true);
}

#[test]
fn annotation_type_text() {
    let spec = parse_type_text("#microsoft.graph.user");
    assert_eq!(
        (spec.kind, spec.name.as_str()),
        (TypeSpecKind::Named, "user")
    );
    let spec = parse_type_text("Collection(microsoft.graph.callRecords.session)");
    assert_eq!((spec.name.as_str(), spec.collection), ("session", true));
    assert_eq!(spec.namespace.as_deref(), Some("callRecords"));
    assert_eq!(parse_type_text("stream").name, "Stream");
    assert_eq!(
        parse_type_text("$(this.ReturnTypeFullName)").kind,
        TypeSpecKind::Unknown
    );
}
