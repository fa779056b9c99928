//! `docgen lint --format sarif` against the official SARIF 2.1.0 schema (vendored in
//! fixtures/sarif/, see its README), on a fixture and on the real pages; and `lint` reports
//! exactly what `generate` does.

mod support;

use serde_json::Value;
use support::lint_inputs::{input, json_lines};
use support::{code, docgen, stderr, stdout, TestDir};

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

fn sarif_validator() -> jsonschema::Validator {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/sarif/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(&file).expect("the vendored SARIF schema");
    // The official schema's one known defect: the `language` patterns (of `run` and
    // `artifact`) hold a stray `]`, which ECMA-262 reads as a literal `]` only in its legacy
    // (Annex B) syntax, so `jsonschema`'s check of the schema itself refuses them. `\]` is the
    // same expression in strict syntax; nothing else of the file is touched.
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    let escaped = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#;
    assert_eq!(text.matches(stray).count(), 2, "the defect is where it was");
    let schema: Value =
        serde_json::from_str(&text.replace(stray, escaped)).expect("the schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

/// Every schema violation of `log`, one per line; empty when it is valid.
fn violations(validator: &jsonschema::Validator, log: &Value) -> String {
    validator
        .iter_errors(log)
        .map(|e| format!("{} at {}\n", e, e.instance_path()))
        .collect()
}

#[test]
fn sarif_output_validates_against_the_official_schema() {
    let validator = sarif_validator();
    let dir = TestDir::new("sarif");
    input(&dir, true, true);
    dir.write(
        "docs/docgen-suppressions.txt",
        "http-block-empty api/*.md # known\ntype-unknown ** # stale\n",
    );
    let output = docgen(
        dir.path(),
        &["lint", "--input", "docs", "--format", "sarif"],
    );
    assert_eq!(
        code(&output),
        1,
        "operation-dropped remains: {}",
        stderr(&output)
    );
    let log: Value = serde_json::from_str(&stdout(&output)).expect("one JSON document");
    assert_eq!(violations(&validator, &log), "");

    let run = log.pointer("/runs/0").expect("one run");
    let rules = run
        .pointer("/tool/driver/rules")
        .and_then(Value::as_array)
        .expect("rules");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r.get("id")?.as_str()).collect();
    let catalogue: Vec<&str> = docgen::diag::Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(ids, catalogue);
    let stale_rule = rules
        .iter()
        .find(|r| r.get("id") == Some(&"suppression-stale".into()))
        .expect("the stale rule");
    assert_eq!(
        stale_rule
            .pointer("/shortDescription/text")
            .and_then(Value::as_str),
        Some(docgen::diag::Code::SuppressionStale.description())
    );
    let results = run
        .get("results")
        .and_then(Value::as_array)
        .expect("results");
    let codes: Vec<&str> = results
        .iter()
        .filter_map(|r| r.get("ruleId")?.as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "operation-dropped",
            "http-block-empty",
            "suppression-stale",
            "table-cells"
        ]
    );
    for result in results {
        let index = result
            .get("ruleIndex")
            .and_then(Value::as_u64)
            .expect("ruleIndex") as usize;
        assert_eq!(rules[index].get("id"), result.get("ruleId"));
    }
    let block = &results[1];
    assert_eq!(block.get("level"), Some(&"error".into()));
    let place = block
        .pointer("/locations/0/physicalLocation")
        .expect("a location");
    assert_eq!(
        place.pointer("/artifactLocation/uri"),
        Some(&"docs/api/widget-get.md".into())
    );
    assert_eq!(
        place.pointer("/artifactLocation/uriBaseId"),
        Some(&"%SRCROOT%".into())
    );
    assert_eq!(place.pointer("/region/startLine"), Some(&10.into()));
    assert_eq!(place.pointer("/region/startColumn"), Some(&1.into()));
    let suppression = block.pointer("/suppressions/0").expect("suppressed");
    assert_eq!(suppression.get("kind"), Some(&"external".into()));
    assert_eq!(suppression.get("justification"), Some(&"known".into()));
    assert_eq!(
        suppression.pointer("/location/physicalLocation/artifactLocation/uri"),
        Some(&"docs/docgen-suppressions.txt".into())
    );
    assert_eq!(
        results[3].pointer("/locations/0/physicalLocation/artifactLocation/uri"),
        Some(&"docs/resources/gad%20get%2C%C3%A9%3A1%25.md".into())
    );
    assert!(results[0].get("suppressions").is_none());
    assert_eq!(
        results[2].pointer("/locations/0/physicalLocation/region/startLine"),
        Some(&2.into())
    );

    // The validator is real: what the schema forbids is caught.
    for (pointer, bad) in [
        ("/version", Value::from("2.0.0")),
        ("/runs/0/results/0/level", Value::from("fatal")),
        (
            "/runs/0/results/0/locations/0/physicalLocation/region/startLine",
            Value::from(0),
        ),
        (
            "/runs/0/results/1/suppressions/0/kind",
            Value::from("inline-ish"),
        ),
        // Formats are checked too: a URI reference cannot hold a space.
        (
            "/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri",
            Value::from("docs/a b.md"),
        ),
    ] {
        let mut broken = log.clone();
        *broken.pointer_mut(pointer).expect(pointer) = bad;
        assert_ne!(violations(&validator, &broken), "", "{pointer}");
    }
}

#[test]
fn sarif_of_the_real_pages_validates() {
    let validator = sarif_validator();
    let root = docgen_tests::workspace_root();
    // Relative (URIs from %SRCROOT%) and absolute (file:// URIs).
    let mut inputs = vec![std::path::PathBuf::from("docs-input")];
    inputs.extend(docgen::testing::shared_path("corpus/v1.0"));
    for input in inputs {
        let output = docgen(
            &root,
            &[
                "lint",
                "--input",
                path(&input),
                "--format",
                "sarif",
                "--deny",
                "none",
            ],
        );
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        let log: Value = serde_json::from_str(&stdout(&output)).expect("one JSON document");
        assert_eq!(violations(&validator, &log), "", "{}", input.display());
        let results = log
            .pointer("/runs/0/results")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        let json = docgen(
            &root,
            &["lint", "--input", path(&input), "--format", "json"],
        );
        assert_eq!(results, json_lines(&json).len() - 1, "{}", input.display());
        assert!(results > 0, "{}", input.display());
    }
}

#[test]
fn lint_reports_what_generate_reports() {
    let root = docgen_tests::workspace_root();
    let dir = TestDir::new("same");
    for input in [
        "docs-input",
        "tests/fixtures/pages/torture",
        "tests/fixtures/pages/examples",
    ] {
        let config = docgen::Config::new(root.join(input)).out_dir(dir.join("never-written"));
        let linted = config.lint().expect("lint");
        let mut from_lint: Vec<_> = linted
            .findings
            .into_iter()
            .map(|f| f.diagnostic)
            .filter(|d| d.span.file != "docgen-suppressions.txt")
            .collect();
        from_lint.sort();
        let from_generate = config.check().expect("check").report.diagnostics;
        assert!(!from_generate.is_empty(), "{input}");
        if input.ends_with("torture") {
            // The emitter's own findings, which the model alone does not have.
            let code = docgen::diag::Code::NameCollision.as_str();
            assert!(from_lint.iter().any(|d| d.code.as_str() == code));
        }
        assert_eq!(from_lint, from_generate, "{input}");
    }
}
