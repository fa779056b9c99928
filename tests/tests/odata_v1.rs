//! The v1.0 crate's `GraphType` and `Derives` impls: the derived types users meet behind a base
//! type (`directoryObject` members, `attachment`s, `conversationMember`s) can be downcast to, and
//! the example tests downcast the response values whose `@odata.type` names a derived type.

use std::collections::BTreeMap;

#[test]
fn derived_types_of_v1_can_be_downcast_to() {
    let Some(emitted) = docgen_tests::emitted_v1() else {
        return;
    };
    let files: BTreeMap<&str, &str> = emitted
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.contents.as_str()))
        .collect();
    let type_file = |module: &str| {
        files
            .get(format!("src/types/{module}.rs").as_str())
            .copied()
            .unwrap_or_else(|| panic!("no type file {module}"))
    };
    for (module, rust, ancestors) in [
        ("user", "User", &["DirectoryObject", "Entity"][..]),
        ("group", "Group", &["DirectoryObject", "Entity"]),
        (
            "file_attachment",
            "FileAttachment",
            &["Attachment", "Entity"],
        ),
        (
            "aad_user_conversation_member",
            "AadUserConversationMember",
            &["ConversationMember"],
        ),
        (
            "event_message_request",
            "EventMessageRequest",
            &["EventMessage", "Message"],
        ),
    ] {
        // One line per impl, whatever the formatter wrapped.
        let text = type_file(module)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for ancestor in ancestors {
            let derives =
                format!("impl crate::runtime::Derives<crate::types::{ancestor}> for {rust} {{}}");
            assert!(text.contains(&derives), "{module}: {derives}");
        }
    }
    assert!(type_file("call_records_session").contains("\"#microsoft.graph.callRecords.session\""));
    let entity = type_file("entity");
    assert!(
        entity.contains("\"#microsoft.graph.user\"")
            && entity.contains("\"#microsoft.graph.fileAttachment\"")
    );

    let struct_files: Vec<&str> = files
        .iter()
        .filter(|(path, text)| path.starts_with("src/types/") && text.contains("pub struct "))
        .map(|(_, text)| *text)
        .collect();
    assert!(
        struct_files.len() > 900,
        "{} struct files",
        struct_files.len()
    );
    let without = struct_files
        .iter()
        .filter(|text| !text.contains("impl crate::runtime::GraphType"))
        .count();
    assert_eq!(without, 0, "struct files without a GraphType impl");
    let derives: usize = files
        .values()
        .map(|t| t.matches("impl crate::runtime::Derives<").count())
        .sum();
    assert!(derives > 400, "{derives} Derives impls");

    let downcasts: usize = files
        .iter()
        .filter(|(path, _)| path.starts_with("tests/examples/"))
        .map(|(_, text)| text.matches("runtime::downcast::<").count())
        .sum();
    assert!(
        downcasts >= 40,
        "{downcasts} downcasts in the example tests"
    );
}
