//! Tests of the Type column grammar: one per FORMAT.md §5 row, and a fuzz of the text helpers.

mod grammar {
    use super::super::*;

    fn cell(raw: &str) -> Cell {
        Cell {
            raw: raw.to_string(),
            text: raw.to_string(),
            ..Cell::default()
        }
    }

    fn parse(raw: &str) -> TypeSpec {
        parse_type_cell(&cell(raw), &BTreeMap::new())
    }

    fn assert_type(raw: &str, kind: TypeSpecKind, name: &str, collection: bool, odd: bool) {
        let spec = parse(raw);
        assert_eq!(spec.kind, kind, "{raw}: {spec:?}");
        assert_eq!(spec.name, name, "{raw}: {spec:?}");
        assert_eq!(spec.collection, collection, "{raw}: {spec:?}");
        assert_eq!(spec.oddity.is_some(), odd, "{raw}: {spec:?}");
    }

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
        let spec = parse("[educationOutcome](educationOutcome.md) collection. Holds grades, feedback and/or rubrics");
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
}

mod fuzz {
    //! Deterministic random strings from an alphabet of the grammar's punctuation, non-ASCII
    //! letters and words: the text helpers of the facts stage must never panic.
    use super::super::*;

    const PIECES: &[&str] = &[
        "[",
        "]",
        "(",
        ")",
        "`",
        "*",
        "**",
        "\\",
        "|",
        "#",
        ".",
        ":",
        ",",
        "/",
        " ",
        "İ",
        "é",
        "€",
        "K",
        "x",
        "String",
        "collection",
        "Collection(",
        "Edm.",
        "microsoft.graph.",
        " or ",
        "<br>",
        "&lt;",
        "]: ",
        "](",
        "][",
        " values",
        " resource type",
        "Possible values are: ",
        "`a`",
        "Inherited from ",
        "..",
        "\u{a0}",
    ];

    fn strings(count: usize) -> Vec<String> {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let len = (next() % 12) as usize;
                (0..len)
                    .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn text_helpers_never_panic() {
        let mut defs = BTreeMap::new();
        defs.insert("x".to_string(), "x.md".to_string());
        let mut unknown = 0;
        for text in strings(20_000) {
            let cell = Cell {
                raw: text.clone(),
                text: text.clone(),
                ..Cell::default()
            };
            let spec = parse_type_cell(&cell, &defs);
            if spec.kind == TypeSpecKind::Unknown {
                unknown += 1;
                assert_eq!(spec.name, text.trim());
            }
            let _ = crate::facts::page::split_h1(&text);
            let _ = crate::facts::enums::anchor(&text);
            let _ = crate::facts::prose::possible_values(&text);
            let _ = crate::facts::prose::strip_suffix_ignore_case(&text, " values");
            let _ = crate::model::types::link_target_for_tests("resources/a.md", &text);
        }
        assert!(unknown > 0);
    }
}
