use super::*;
use crate::facts::page::read_header;
use crate::facts::testkit::page;

fn read(path: &str, markdown: &str) -> (Vec<EnumFacts>, Vec<Diagnostic>) {
    let page = page(path, markdown);
    let mut diagnostics = Vec::new();
    let header = read_header(&page, &mut diagnostics);
    diagnostics.clear();
    let enums = read_enums(&page, &header, &mut diagnostics);
    (enums, diagnostics)
}

fn members(facts: &EnumFacts) -> Vec<(&str, Option<i64>)> {
    facts
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.value))
        .collect()
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&str> {
    diagnostics.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn enum_page_with_values() {
    let markdown = "---\ntitle: runState enum type\ndoc_type: enumPageType\n---\n# runState enum type\n\nNamespace: microsoft.graph\n\nIndicates the state.\n\n## Members\n|Member|Value|Description|\n|:---|:---|:---|\n|unknown|0|Unknown.|\n|success|1|Done.|\n|fail|2|Failed.|\n|unknownFutureValue|3|Evolvable.|\n";
    let (enums, d) = read("resources/intune-shared-runstate.md", markdown);
    assert!(d.is_empty(), "{d:?}");
    let [facts] = enums.as_slice() else {
        panic!("{enums:?}")
    };
    assert_eq!(
        (facts.name.as_str(), facts.origin),
        ("runState", EnumOrigin::Page)
    );
    assert_eq!(facts.description.flat_text(), "Indicates the state.");
    assert_eq!(
        members(facts),
        [
            ("unknown", Some(0)),
            ("success", Some(1)),
            ("fail", Some(2)),
            ("unknownFutureValue", Some(3))
        ]
    );
    assert!(!facts.flags);
    assert_eq!(facts.members[1].description.flat_text(), "Done.");
}

#[test]
fn flags_from_powers_of_two() {
    let markdown = "---\ntitle: clonableTeamParts enum type\ndoc_type: enumPageType\n---\n# clonableTeamParts enum type\n\n## Members\n| Member | Value| Description |\n|:---|:---|:---|\n|apps|1|a|\n|tabs|2|b|\n|settings|4|c|\n|channels|8|d|\n";
    let (enums, _) = read("resources/clonableteamparts.md", markdown);
    assert!(enums.first().is_some_and(|e| e.flags));
}

#[test]
fn other_member_table_shapes() {
    for (header, separator, row, value) in [
        ("|Member|", "|---|", "|pending|", None),
        (
            "|Member|Description|",
            "|---|---|",
            "|pending|Waits.|",
            None,
        ),
        ("|Value|Description|", "|---|---|", "|pending|Waits.|", None),
        (
            "|Member|Int value|Description|",
            "|---|---|---|",
            "|pending|0x10|Waits.|",
            Some(16),
        ),
    ] {
        let markdown = format!("---\ntitle: s enum type\ndoc_type: enumPageType\n---\n# s enum type\n\n## Members\n{header}\n{separator}\n{row}\n");
        let (enums, d) = read("resources/s.md", &markdown);
        assert!(d.is_empty(), "{header}: {d:?}");
        assert_eq!(
            enums.first().map(members),
            Some(vec![("pending", value)]),
            "{header}"
        );
    }
}

#[test]
fn duplicates_bad_values_and_empty_enums() {
    let markdown = "---\ntitle: s enum type\ndoc_type: enumPageType\n---\n# s enum type\n\n## Members\n|Member|Value|Description|\n|---|---|---|\n|a|0|x|\n|a|1|again|\n|b|one|x|\n";
    let (enums, d) = read("resources/s.md", markdown);
    assert_eq!(
        enums.first().map(members),
        Some(vec![("a", Some(0)), ("b", None)])
    );
    assert_eq!(codes(&d), ["enum-member-duplicate", "enum-value-invalid"]);
    assert_eq!(d[0].related.len(), 1);
    let markdown = "---\ntitle: s enum type\ndoc_type: enumPageType\n---\n# s enum type\n\n## Members\nNone yet.\n";
    let (enums, d) = read("resources/s.md", markdown);
    assert_eq!(enums.len(), 1);
    assert_eq!(codes(&d), ["enum-empty"]);
}

#[test]
fn multi_enum_pages() {
    let markdown = "---\ntitle: Enum values\ndoc_type: enumPageType\n---\n# Enum values\n\nNamespace: microsoft.graph.callRecords\n\n### callType values\n\n|Member|\n|:---|\n|groupCall|\n|peerToPeer|\n|unknownFutureValue|\n\n### modality values \n\n|Member|\n|:---|\n|audio|\n\n### empty values\n\nNothing.\n";
    let (enums, d) = read("resources/enums-callrecords.md", markdown);
    let names: Vec<_> = enums.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["callType", "modality"]);
    assert!(enums.iter().all(|e| e.origin == EnumOrigin::MultiPage));
    assert!(enums
        .iter()
        .all(|e| e.namespace == "microsoft.graph.callRecords"));
    assert_eq!(enums[0].anchor.as_deref(), Some("calltype-values"));
    assert_eq!(members(&enums[0]).len(), 3);
    assert_eq!(codes(&d), ["enum-empty"]);
}

#[test]
fn value_sections_of_resource_pages_are_conditional() {
    let markdown = "---\ntitle: user resource type\ndoc_type: resourcePageType\n---\n# user resource type\n\n## Properties\n|Property|Type|Description|\n|---|---|---|\n|ageGroup|[ageGroup](#agegroup-values)|x|\n\n#### ageGroup values\n\n| Member | Description|\n|:---|:---|\n|null|Default.|\n|minor|A minor.|\n\n### Type property values\n\n|Value|Description|\n|---|---|\n|a|x|\n\n### sortBy options\n\n|Value|Description|\n|---|---|\n|name|x|\n";
    let (enums, d) = read("resources/user.md", markdown);
    assert!(d.is_empty(), "{d:?}");
    let names: Vec<_> = enums.iter().map(|e| (e.name.as_str(), e.origin)).collect();
    assert_eq!(
        names,
        [
            ("ageGroup", EnumOrigin::Section),
            ("Type", EnumOrigin::Section)
        ]
    );
    assert_eq!(enums[0].anchor.as_deref(), Some("agegroup-values"));
    assert_eq!(members(&enums[0]), [("null", None), ("minor", None)]);
}

#[test]
fn api_and_conceptual_pages_have_no_enums() {
    let (enums, d) = read("api/x.md", "---\ntitle: Get x\ndoc_type: apiPageType\n---\n# Get x\n## HTTP request\n### a values\n|Member|\n|---|\n|x|\n");
    assert!(enums.is_empty() && d.is_empty());
}

#[test]
fn flags_only_from_the_word_or_the_values() {
    let markdown = "---\ntitle: Enum values\ndoc_type: enumPageType\n---\n# Enum values\n\n### followupFlagStatus values\n\n|Member|\n|---|\n|notFlagged|\n|complete|\n|flagged|\n\n### weekDays flags\n\n|Member|\n|---|\n|monday|\n";
    let (enums, _) = read("resources/enums.md", markdown);
    let flags: Vec<_> = enums.iter().map(|e| (e.name.as_str(), e.flags)).collect();
    assert_eq!(flags, [("followupFlagStatus", false), ("weekDays", true)]);
}

#[test]
fn anchors() {
    assert_eq!(anchor("ageGroup values"), "agegroup-values");
    assert_eq!(
        anchor(" consentRequestFilterByCurrentUserOptions values "),
        "consentrequestfilterbycurrentuseroptions-values"
    );
    assert_eq!(anchor("`x` values (beta)"), "x-values-beta");
}
