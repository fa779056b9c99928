use super::*;
use crate::facts::testkit::page;

fn header(path: &str, markdown: &str) -> (PageHeader, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let header = read_header(&page(path, markdown), &mut diagnostics);
    (header, diagnostics)
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&str> {
    diagnostics.iter().map(|d| d.code.as_str()).collect()
}

#[test]
fn resource_page_header() {
    let (h, d) = header(
        "resources/identityset.md",
        "---\ntitle: \"identitySet resource type\"\nms.prod: \"SharePoint\"\ndoc_type: resourcePageType\n---\n\n# identitySet resource type\n\nNamespace: microsoft.graph\n\nText.\n\n## Properties\n",
    );
    assert_eq!(h.kind, PageKind::Resource);
    assert_eq!(h.h1_name.as_deref(), Some("identitySet"));
    assert_eq!(h.h1_form, H1Form::ResourceType);
    assert_eq!(h.title, "identitySet resource type");
    assert_eq!(h.workload, "sharepoint");
    assert_eq!(h.namespace, "microsoft.graph");
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn h1_forms() {
    assert_eq!(
        split_h1("x enum type"),
        (Some("x".into()), H1Form::EnumType)
    );
    assert_eq!(
        split_h1("List resource"),
        (Some("List".into()), H1Form::Resource)
    );
    assert_eq!(
        split_h1("a complex type"),
        (Some("a".into()), H1Form::ComplexType)
    );
    assert_eq!(
        split_h1("Audio facet"),
        (Some("Audio".into()), H1Form::Facet)
    );
    assert_eq!(
        split_h1("directory resource type (deleted items)"),
        (Some("directory".into()), H1Form::ResourceType)
    );
    assert_eq!(split_h1("Update user"), (None, H1Form::Other));
    assert_eq!(split_h1("Get a site resource"), (None, H1Form::Other));
}

#[test]
fn content_beats_doc_type_with_a_note() {
    let (h, d) = header(
        "resources/fido2keyrestrictions.md",
        "---\ntitle: fido2KeyRestrictions resource type\ndoc_type: apiPageType\n---\n# fido2KeyRestrictions resource type\n",
    );
    assert_eq!(h.kind, PageKind::Resource);
    assert_eq!(codes(&d), ["doc-type-mismatch"]);
    let (h, d) = header(
        "api/serviceprincipal-update.md",
        "---\ntitle: Update servicePrincipal\ndoc_type: resourcePageType\n---\n# Update servicePrincipal\n## HTTP request\n",
    );
    assert_eq!(h.kind, PageKind::Api);
    assert_eq!(codes(&d), ["doc-type-mismatch"]);
}

#[test]
fn doc_type_variants_and_missing() {
    let (h, d) = header(
        "resources/timeoff.md",
        "---\ntitle: t\ndoc_type: resourcePageType_\n---\n# t\n## Properties\n",
    );
    assert_eq!(h.kind, PageKind::Resource);
    assert!(codes(&d).contains(&"doc-type-unknown"));
    let (h, d) = header(
        "resources/enums-x.md",
        "---\ntitle: Enum values\ndoc_type: enumTypes\n---\n# Enum values\n",
    );
    assert_eq!(h.kind, PageKind::Enum);
    assert_eq!(codes(&d), ["doc-type-unknown"]);
    let (h, d) = header(
        "resources/intune-enrollment-conceptual.md",
        "---\ntitle: Enroll\n---\n# Enroll\n\nText.\n",
    );
    assert_eq!(h.kind, PageKind::Conceptual);
    assert_eq!(codes(&d), ["doc-type-unknown"]);
    let (h, _) = header("api/x.md", "---\ntitle: x\n---\n# x\n");
    assert_eq!(h.kind, PageKind::Api);
}

#[test]
fn api_pages_with_resource_annotations_and_h3_http_request() {
    let (h, d) = header(
        "api/driveitem-createuploadsession.md",
        "---\ntitle: Upload large files\ndoc_type: apiPageType\n---\n# Upload large files\n## Create an upload session\n### HTTP request\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.x\" } -->\n```json\n{}\n```\n",
    );
    assert_eq!(h.kind, PageKind::Api);
    assert!(d.is_empty());
    let (h, _) = header(
        "api/x.md",
        "---\ntitle: t\ndoc_type: apiPageType\n---\n# t\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.x\" } -->\n```json\n{}\n```\n",
    );
    assert_eq!(h.kind, PageKind::Api);
}

#[test]
fn resource_doc_type_without_a_resource_is_conceptual() {
    let (h, d) = header(
        "resources/search-api-overview.md",
        "---\ntitle: Use the Microsoft Search API\ndoc_type: resourcePageType\n---\n# Use the Microsoft Search API\n## Common use cases\n",
    );
    assert_eq!(h.kind, PageKind::Conceptual);
    assert_eq!(codes(&d), ["doc-type-mismatch"]);
}

#[test]
fn multi_enum_pages_stay_enum_pages() {
    let (h, d) = header(
        "resources/enums-callrecords.md",
        "---\ntitle: Call records enum values\ndoc_type: enumPageType\n---\n# Call records enum values\n\nNamespace: microsoft.graph.callRecords\n\n### callType values\n",
    );
    assert_eq!((h.kind, h.h1_name), (PageKind::Enum, None));
    assert_eq!(h.namespace, "microsoft.graph.callRecords");
    assert!(d.is_empty());
}

#[test]
fn title_mismatch_missing_h1_placeholders_and_empty_description() {
    let (h, d) = header(
        "api/x-update.md",
        "---\ntitle: \"Members\"\ndescription: \"\"\nauthor: \"$(metadata.owner)\"\nms.prod: \"\"\ndoc_type: apiPageType\n---\n# Update x\n## HTTP request\n",
    );
    assert_eq!(h.title, "Update x");
    assert_eq!(h.workload, "");
    let mut got = codes(&d);
    got.sort();
    // Api titles are prose: no title-mismatch there.
    assert_eq!(got, ["description-empty", "placeholder-value"]);
    let (_, d) = header(
        "resources/x.md",
        "---\ntitle: Members\ndoc_type: enumPageType\n---\n# runState enum type\n",
    );
    assert_eq!(codes(&d), ["title-mismatch"]);
    let (_, d) = header(
        "resources/x.md",
        "---\ntitle: runState enum type \ndoc_type: enumPageType\n---\n# runState enum type\n",
    );
    assert!(d.is_empty());
    let (h, d) = header("api/y.md", "---\ntitle: \"  Leading\"\n---\nNo heading.\n");
    assert_eq!(h.title, "Leading");
    assert_eq!(codes(&d), ["title-missing", "doc-type-unknown"]);
}
