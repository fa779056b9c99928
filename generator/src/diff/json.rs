//! `docgen diff --format json`: the whole report as one JSON object, for tools. Its shape is
//! the README's ("`docgen diff`"); `diff_version` is bumped on any breaking change to it.

use super::report::{ApiDiff, ChangeKind, Impact, Inputs};
use serde_json::{json, Map, Value};

/// Version of the JSON shape.
pub const DIFF_VERSION: u32 = 1;

pub fn render(diff: &ApiDiff, inputs: &Inputs) -> String {
    let counts: Map<String, Value> = ChangeKind::ALL
        .iter()
        .map(|kind| (kind.as_str().to_string(), json!(diff.count(*kind))))
        .collect();
    let value = json!({
        "diff_version": DIFF_VERSION,
        "old": {"input": inputs.old, "types": diff.old.types, "operations": diff.old.operations},
        "new": {"input": inputs.new, "types": diff.new.types, "operations": diff.new.operations},
        "summary": {
            "bump": diff.bump(),
            "breaking": diff.count_impact(Impact::Breaking),
            "additive": diff.count_impact(Impact::Additive),
            "none": diff.count_impact(Impact::None),
            "counts": counts,
            "workloads": diff.workloads(),
        },
        "versions": inputs.versions,
        "changes": diff.changes,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|e| {
        // Plain data of strings and numbers always serializes; say so if it ever does not.
        json!({"error": format!("docgen diff: the report did not serialize: {e}")}).to_string()
    });
    text.push('\n');
    text
}
