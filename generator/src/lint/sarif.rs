//! The SARIF form: one SARIF 2.1.0 log (OASIS standard) with one run of docgen, for code
//! scanning tools (GitHub's upload-sarif, IDE viewers).
//!
//! - `tool.driver.rules`: the whole catalogue of codes, in catalogue order, each with its
//!   description and severity, so a result's `ruleIndex` is stable between runs and inputs.
//! - `results`: every diagnostic, suppressed ones included with a `suppressions` entry
//!   (`kind: external`, the reason as justification, the suppression file's line as location).
//! - Locations: the file relative to the folder docgen ran in with `uriBaseId: %SRCROOT%`
//!   (an absolute input folder gives `file://` URIs), 1-based line and column in Unicode code
//!   points (`columnKind`), omitted when unknown (0).
//!
//! Tested against the official schema (`tests/fixtures/sarif/sarif-schema-2.1.0.json`).

use super::findings::{code_of, Finding, Linted};
use super::location::{repository_path, uri_of};
use crate::diag::{Code, Severity, Span};
use serde::Serialize;

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The base that relative URIs are resolved against: the repository root.
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'a str,
    version: &'a str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<u32>,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
    location: Location,
}

/// The SARIF log of `linted`, pretty-printed; `input` is the input folder as
/// [`repository_path`] takes it.
pub(super) fn render(linted: &Linted, input: &str) -> String {
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "docgen",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: Code::ALL.iter().map(|code| rule(*code)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results: linted.findings.iter().map(|f| result(f, input)).collect(),
        }],
    };
    // Plain data with string keys: serialization cannot fail.
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}

fn rule(code: Code) -> Rule {
    Rule {
        id: code.as_str(),
        // The variant name, `HttpBlockEmpty`: SARIF's readable identifier for a rule.
        name: format!("{code:?}"),
        short_description: Text {
            text: code.description().to_string(),
        },
        default_configuration: Configuration {
            level: level(code.severity()),
        },
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn result(finding: &Finding, input: &str) -> SarifResult {
    let d = &finding.diagnostic;
    let code = code_of(d);
    SarifResult {
        rule_id: d.code.as_str().to_string(),
        rule_index: code.and_then(|code| Code::ALL.iter().position(|c| *c == code)),
        level: level(d.severity),
        message: Text {
            text: d.message.clone(),
        },
        locations: location(&d.span, input, None, None).into_iter().collect(),
        related_locations: d
            .related
            .iter()
            .enumerate()
            .filter_map(|(i, r)| location(&r.span, input, Some(i), Some(&r.message)))
            .collect(),
        suppressions: finding
            .suppressed
            .iter()
            .filter_map(|s| {
                Some(Suppression {
                    kind: "external",
                    status: "accepted",
                    justification: s.reason.clone(),
                    location: location(&s.span, input, None, None)?,
                })
            })
            .collect(),
    }
}

/// None for a span with no file.
fn location(
    span: &Span,
    input: &str,
    id: Option<usize>,
    message: Option<&str>,
) -> Option<Location> {
    if span.file.is_empty() {
        return None;
    }
    let path = repository_path(input, &span.file);
    Some(Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri_of(&path),
                uri_base_id: (!path.starts_with('/')).then_some(SRCROOT),
            },
            region: (span.line > 0).then(|| Region {
                start_line: span.line,
                start_column: (span.col > 0).then_some(span.col),
            }),
        },
        message: message.map(|text| Text {
            text: text.to_string(),
        }),
    })
}
