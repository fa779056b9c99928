//! Graph's text primitives in the generated crate (from docs-input): whatever text Graph sends
//! parses and round-trips unchanged; the typed accessors read it on demand.

use graph_bindings::runtime::{Binary, DateTimeOffset};
use graph_bindings::types::DeviceShellScript;
use serde_json::json;

#[test]
fn a_value_that_does_not_parse_as_a_date_still_reads_and_round_trips() {
    let sent = json!({
        "createdDateTime": "2021-07-01T08:30:00.1234567Z",
        "lastModifiedDateTime": "sometime last week",
        "scriptContent": "ZWNobyBoaQ==",
    });
    let script: DeviceShellScript =
        serde_json::from_value(sent.clone()).unwrap_or_else(|e| panic!("{e}"));
    let created = script.created_date_time.clone().unwrap_or_default();
    let at = created
        .to_offset_date_time()
        .map(|t| (t.year(), t.hour(), t.nanosecond()));
    assert_eq!(at, Some((2021, 8, 123_456_700)));
    let modified = script.last_modified_date_time.clone().unwrap_or_default();
    assert_eq!(modified.as_str(), "sometime last week");
    assert_eq!(modified.to_offset_date_time(), None);
    let content = script.script_content.clone().unwrap_or_default();
    assert_eq!(content.decode().as_deref(), Ok(&b"echo hi"[..]));
    let written = serde_json::to_value(&script).unwrap_or_else(|e| panic!("{e}"));
    for key in ["createdDateTime", "lastModifiedDateTime", "scriptContent"] {
        assert_eq!(written[key], sent[key], "{key}");
    }
}

#[test]
fn values_are_built_from_text_or_typed_values() {
    let script = DeviceShellScript {
        script_content: Some(Binary::encode(b"echo hi")),
        created_date_time: Some(DateTimeOffset::from("2021-07-01T00:00:00Z")),
        ..Default::default()
    };
    let written = serde_json::to_value(&script).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written["scriptContent"], json!("ZWNobyBoaQ=="));
    assert_eq!(written["createdDateTime"], json!("2021-07-01T00:00:00Z"));
}
