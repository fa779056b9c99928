use crate::ir::{Model, TypeRefKind};
use crate::model::type_agreement::AgreementReport;

const WIDGET: &str = "---\ntitle: widget resource type\ndoc_type: resourcePageType\n---\n# widget resource type\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|The id.|\n|state|String|The state.|\n|created|String|When.|\n|code|String|A code.|\n|size|String|How big.|\n|kind|String|Possible values are: `round`, `square`.|\n\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\", \"keyProperty\": \"id\" } -->\n```json\n{\n  \"id\": \"String (identifier)\",\n  \"state\": \"on | off\",\n  \"created\": \"String (timestamp)\",\n  \"code\": \"Int32\",\n  \"size\": \"Int32\"\n}\n```\n";

const STATE: &str = "---\ntitle: widgetState enum type\ndoc_type: enumPageType\n---\n# widgetState enum type\n\n## Members\n|Member|Value|Description|\n|:--|:--|:--|\n|on|0|On.|\n|off|1|Off.|\n|unknownFutureValue|2|Evolvable.|\n";

const SHAPE: &str = "---\ntitle: widgetShape enum type\ndoc_type: enumPageType\n---\n# widgetShape enum type\n\n## Members\n|Member|Value|Description|\n|:--|:--|:--|\n|round|0|Round.|\n|square|1|Square.|\n";

const GET: &str = "---\ntitle: Get widget\ndoc_type: apiPageType\n---\n# Get widget\n\nRead a [widget](../resources/widget.md).\n\n## HTTP request\n```http\nGET /widgets/{id}\n```\n\n## Response\nIf successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.\n\n## Example\n<!-- { \"blockType\": \"request\", \"name\": \"get\" } -->\n```http\nGET https://graph.microsoft.com/v1.0/widgets/1\n```\n<!-- { \"blockType\": \"response\", \"truncated\": true } -->\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"id\": \"ca9e0ad8-0ad8-ca9e-d80a-9ecad80a9eca\", \"state\": \"on\", \"created\": \"2021-01-01T00:00:00Z\", \"code\": \"A-1\", \"size\": 3}\n```\n";

fn model(pages: &[(&str, &str)]) -> (Model, AgreementReport) {
    let bytes = pages
        .iter()
        .map(|(p, m)| (p.to_string(), m.as_bytes().to_vec()))
        .collect();
    let (files, diagnostics) = crate::pipeline::sources_from_bytes(bytes);
    crate::pipeline::model_with_type_agreement(&files, diagnostics)
}

fn property_type(model: &Model, name: &str) -> (String, TypeRefKind) {
    let widget = model.type_by_name("widget").expect("widget");
    let p = widget
        .properties()
        .iter()
        .find(|p| p.name == name)
        .expect("property");
    (p.type_ref.name.clone(), p.type_ref.kind)
}

fn corrected(model: &Model) -> Vec<String> {
    model
        .diagnostics
        .iter()
        .filter(|d| d.code == "type-corrected")
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn two_agreeing_sources_correct_the_table_and_contradictions_keep_it() {
    let pages = [
        ("resources/widget.md", WIDGET),
        ("resources/widgetstate.md", STATE),
        ("resources/widgetshape.md", SHAPE),
        ("api/get.md", GET),
    ];
    let (model, report) = model(&pages);
    let string = ("String".to_string(), TypeRefKind::Primitive);
    // The JSON listing and the enum page (whose unknownFutureValue the listing may omit).
    assert_eq!(
        property_type(&model, "state"),
        ("widgetState".to_string(), TypeRefKind::Enum)
    );
    // The description's possible values and the enum page.
    assert_eq!(
        property_type(&model, "kind"),
        ("widgetShape".to_string(), TypeRefKind::Enum)
    );
    // The JSON placeholder and an example's date.
    assert_eq!(
        property_type(&model, "created"),
        ("DateTimeOffset".to_string(), TypeRefKind::Primitive)
    );
    // The JSON placeholder and an example's number.
    assert_eq!(
        property_type(&model, "size"),
        ("Int32".to_string(), TypeRefKind::Primitive)
    );
    // The example's text contradicts the JSON's Int32; an id that holds a GUID states nothing.
    assert_eq!(property_type(&model, "code"), string);
    assert_eq!(property_type(&model, "id"), string);
    let messages = corrected(&model);
    assert_eq!(messages.len(), 4, "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("`widget.created`: the Properties table says String, but the JSON representation gives `DateTimeOffset` and 1 example value agrees")), "{messages:#?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("the JSON representation and the enum `widgetState`")),
        "{messages:#?}"
    );
    assert_eq!(report.corrected, 4);
    // Measured over id, state, created, code, size (kind has no statement): state, created,
    // size and code disagree before; code still does after.
    assert_eq!(
        (report.before.agreeing, report.before.with_evidence),
        (1, 5)
    );
    assert_eq!((report.after.agreeing, report.after.with_evidence), (4, 5));
    assert_eq!(report.disagreeing.len(), 1);
    assert!(
        report.disagreeing[0].starts_with("widget.code: String vs"),
        "{:?}",
        report.disagreeing
    );
}

#[test]
fn one_source_is_not_enough() {
    // Without the example, the timestamp placeholder alone; without the enum page, the listing
    // alone.
    let (model, report) = model(&[("resources/widget.md", WIDGET)]);
    for name in ["state", "created", "size", "kind"] {
        assert_eq!(property_type(&model, name).0, "String", "{name}");
    }
    assert!(corrected(&model).is_empty());
    assert_eq!(report.corrected, 0);
    assert_eq!(report.before, report.after);
}
