//! The hostile-input tests' helpers (`hostile.rs`, `hostile_http_names.rs`): `docgen lint`'s
//! diagnostics as data, `generate`, `ir`'s types, and the pages they start from.

use super::{code, docgen, stderr, stdout};
use serde_json::Value;
use std::path::Path;

/// One diagnostic of `docgen lint --format json`.
#[derive(Debug)]
pub struct Found {
    pub file: String,
    pub line: u64,
    pub code: String,
    pub message: String,
}

/// Runs `docgen lint --format json` on `input`: the exit code and the diagnostics.
pub fn lint(input: &Path) -> (i32, Vec<Found>) {
    let output = docgen(input, &["lint", "--input", path(input), "--format", "json"]);
    let status = code(&output);
    assert!(
        status == 0 || status == 1,
        "lint exited {status}: {}",
        stderr(&output)
    );
    let found = stdout(&output)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|value| value.get("summary").is_none())
        .map(|value| Found {
            file: text(&value["span"]["file"]),
            line: value["span"]["line"].as_u64().unwrap_or(u64::MAX),
            code: text(&value["code"]),
            message: text(&value["message"]),
        })
        .collect();
    (status, found)
}

pub fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_string()
}

pub fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// Asserts a diagnostic `code` at `file:line` and returns it.
pub fn expect<'a>(found: &'a [Found], file: &str, line: u64, code: &str) -> &'a Found {
    found
        .iter()
        .find(|d| d.file == file && d.line == line && d.code == code)
        .unwrap_or_else(|| {
            let listing: Vec<String> = found
                .iter()
                .filter(|d| d.file == file)
                .map(|d| format!("  {}:{}: [{}] {}", d.file, d.line, d.code, d.message))
                .collect();
            panic!(
                "expected {code} at {file}:{line}; {file} has:\n{}",
                listing.join("\n")
            )
        })
}

/// Runs `docgen generate` and asserts it succeeds (exit 0) with its summary line.
pub fn generate(input: &Path, out: &Path) -> String {
    let output = docgen(
        input,
        &["generate", "--input", path(input), "--out", path(out)],
    );
    assert_eq!(code(&output), 0, "generate: {}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains(" pages, "), "{text}");
    text
}

/// A resource page for type `name`, whose property `size` has the unknown type `Frob`, so that
/// every copy of it has a warning on line 13 (which shows that line numbers survive decoding).
pub fn resource(name: &str) -> String {
    format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n\
         # {name} resource type\n\n## Properties\n\n| Property | Type | Description |\n\
         |:---|:---|:---|\n| id | String | The identifier. Read-only. |\n\
         | size | Frob | How big. |\n"
    )
}

/// Names and property counts of the model's types (`docgen ir`).
pub fn types(input: &Path) -> Vec<(String, usize)> {
    let output = docgen(input, &["ir", "--input", path(input)]);
    assert_eq!(code(&output), 0, "ir: {}", stderr(&output));
    let model: Value = serde_json::from_str(&stdout(&output)).expect("ir prints JSON");
    model["types"]
        .as_array()
        .expect("types")
        .iter()
        .map(|t| {
            let properties = t["properties"].as_array().map_or(0, Vec::len);
            (text(&t["name"]), properties)
        })
        .collect()
}
