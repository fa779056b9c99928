//! docgen in CI (issue 14): `lint --format sarif` valid against the official SARIF 2.1.0 schema,
//! `--format github` escaped as GitHub reads it, suppressions by code and path (stale and
//! invalid ones reported), and `--deny` on `generate`, `check` and `lint`. Runs the binary
//! built from generator/src/main.rs, as tests/cli.rs does.

mod support;

use serde_json::Value;
use support::{code, docgen, stderr, stdout, TestDir, PAGE};

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// An API page with an empty HTTP request block: two errors (`operation-dropped` at line 6,
/// `http-block-empty` at line 10).
const BROKEN_API_PAGE: &str = "---\ntitle: Get widget\ndoc_type: apiPageType\n---\n\n# Get widget\n\n\
    ## HTTP request\n\n```http\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n";

/// A resource page whose only row has one cell too many: one `table-cells` warning at line 12.
fn extra_cell_page(name: &str) -> String {
    PAGE.replace("widget", name)
        .replace("Read-only. |", "Read-only. | extra |")
}

/// The name of a page whose file name GitHub's escaping must carry: `,` and `:` end a
/// property, `%` starts an escape; a space and non-ASCII need percent-encoding in a URI.
const ODD_NAME: &str = "resources/gad get,é:1%.md";

/// `docs/` with a clean page, plus the broken API page (errors) and/or the odd page (a warning).
fn input(dir: &TestDir, errors: bool, warnings: bool) -> std::path::PathBuf {
    dir.write("docs/resources/widget.md", PAGE);
    if errors {
        dir.write("docs/api/widget-get.md", BROKEN_API_PAGE);
    }
    if warnings {
        dir.write(&format!("docs/{ODD_NAME}"), &extra_cell_page("gadget"));
    }
    dir.join("docs")
}

/// The JSON Lines of `docgen lint --format json`, the closing summary last.
fn json_lines(output: &std::process::Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn summary(lines: &[Value], key: &str) -> u64 {
    lines
        .last()
        .and_then(|l| l.pointer(&format!("/summary/{key}")))
        .and_then(Value::as_u64)
        .expect("a closing summary with the count")
}

#[test]
fn each_deny_level_sets_the_exit_status_of_generate_check_and_lint() {
    // (errors, warnings) in the input -> expected status for no flag, --deny none, error, warning.
    let cases = [
        (
            (true, true),
            [
                ("generate", [0, 0, 1, 1]),
                ("check", [0, 0, 1, 1]),
                ("lint", [1, 0, 1, 1]),
            ],
        ),
        (
            (false, true),
            [
                ("generate", [0, 0, 0, 1]),
                ("check", [0, 0, 0, 1]),
                ("lint", [0, 0, 0, 1]),
            ],
        ),
        (
            (false, false),
            [
                ("generate", [0, 0, 0, 0]),
                ("check", [0, 0, 0, 0]),
                ("lint", [0, 0, 0, 0]),
            ],
        ),
    ];
    for ((errors, warnings), commands) in cases {
        let dir = TestDir::new("deny");
        let input = input(&dir, errors, warnings);
        let out = dir.join("crate");
        for (command, expected) in commands {
            for (deny, want) in [None, Some("none"), Some("error"), Some("warning")]
                .into_iter()
                .zip(expected)
            {
                let mut args = vec![command, "--input", path(&input)];
                if command != "lint" {
                    args.extend(["--out", path(&out)]);
                }
                if let Some(level) = deny {
                    args.extend(["--deny", level]);
                }
                let output = docgen(dir.path(), &args);
                let what = format!("{args:?} with errors={errors} warnings={warnings}");
                assert_eq!(code(&output), want, "{what}: {}", stderr(&output));
                let said = stderr(&output);
                if want == 1 {
                    let flag = format!("docgen: --deny {}: ", deny.unwrap_or("error"));
                    assert!(said.starts_with(&flag), "{what}: {said}");
                    assert!(said.contains("remain after suppressions"), "{what}: {said}");
                } else {
                    assert!(said.is_empty(), "{what}: {said}");
                }
                if command == "generate" {
                    // A denied run still writes the crate, so `check` after it is clean.
                    assert!(out.join(".docgen-manifest").is_file(), "{what}");
                }
            }
        }
        // A crate that differs fails `check` whatever --deny says.
        std::fs::write(out.join(".docgen-manifest"), "edited\n").expect("edit");
        let stale = [
            "check",
            "--input",
            path(&input),
            "--out",
            path(&out),
            "--deny",
            "none",
        ];
        assert_eq!(code(&docgen(dir.path(), &stale)), 1);
    }
}

#[test]
fn bad_gate_flags_are_usage_errors() {
    let dir = TestDir::new("gate-usage");
    let input = input(&dir, false, false);
    for args in [
        &["lint", "--deny", "note"][..],
        &["generate", "--deny"],
        &["lint", "--format", "sarif", "--summary"],
        &["check", "--suppressions"],
    ] {
        let mut args = args.to_vec();
        args.extend(["--input", path(&input)]);
        let output = docgen(dir.path(), &args);
        assert_eq!(code(&output), 2, "{args:?}");
        assert!(
            stderr(&output).starts_with("error: "),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(stdout(&output).is_empty(), "{args:?}");
    }
}

#[test]
fn suppressions_hide_by_code_and_path_and_stale_ones_are_reported() {
    let dir = TestDir::new("suppress");
    let input = input(&dir, true, true);
    dir.write("docs/resources/other.md", &extra_cell_page("other"));
    dir.write(
        "docs/docgen-suppressions.txt",
        "# What this repository lives with.\n\
         http-block-empty api/*.md    # by code: the request block comes in docs PR 1\n\
         *  api/widget-*.md           # by path: every code of the widget API pages\n\
         table-cells resources/o*.md  # by path glob\n\
         type-unknown **              # stale: no such diagnostic any more\n",
    );
    let lint = |extra: &[&str]| {
        let mut args = vec!["lint", "--input", path(&input)];
        args.extend_from_slice(extra);
        docgen(dir.path(), &args)
    };
    let json = lint(&["--format", "json"]);
    // The suppressed errors no longer fail `lint`'s default --deny error; the stale suppression
    // is a warning, so --deny warning fails.
    assert_eq!(code(&json), 0, "{}", stderr(&json));
    let lines = json_lines(&json);
    let suppressed_by = |file: &str, code: &str| -> Option<u64> {
        lines
            .iter()
            .find(|l| {
                l.pointer("/span/file") == Some(&file.into()) && l.get("code") == Some(&code.into())
            })
            .and_then(|l| l.pointer("/suppressed/span/line"))
            .and_then(Value::as_u64)
    };
    assert_eq!(
        suppressed_by("api/widget-get.md", "http-block-empty"),
        Some(2)
    );
    assert_eq!(
        suppressed_by("api/widget-get.md", "operation-dropped"),
        Some(3)
    );
    assert_eq!(suppressed_by("resources/other.md", "table-cells"), Some(4));
    assert_eq!(suppressed_by(ODD_NAME, "table-cells"), None);
    assert_eq!(summary(&lines, "suppressed"), 3);
    assert_eq!(summary(&lines, "errors"), 0);
    assert_eq!(summary(&lines, "warnings"), 2);
    let human = lint(&[]);
    let text = stdout(&human);
    assert!(
        text.contains("docgen-suppressions.txt:5:1: warning[suppression-stale]: suppression `type-unknown **` matched no diagnostic"),
        "{text}"
    );
    assert!(!text.contains("api/widget-get.md:"), "{text}");
    assert!(
        text.ends_with("0 errors, 2 warnings, 0 notes in 2 pages, 3 suppressed\n"),
        "{text}"
    );
    assert_eq!(code(&lint(&["--deny", "warning"])), 1);

    // The same file gates `generate` and `check`.
    let out = dir.join("crate");
    let gated = |command: &str| {
        let args = [
            command,
            "--input",
            path(&input),
            "--out",
            path(&out),
            "--deny",
            "error",
        ];
        docgen(dir.path(), &args)
    };
    assert_eq!(
        code(&gated("generate")),
        0,
        "{}",
        stderr(&gated("generate"))
    );
    assert_eq!(code(&gated("check")), 0);

    // Another file, named with --suppressions: its lines are spanned from the input folder,
    // and placed from the current folder in GitHub annotations.
    dir.write(
        "ci/suppressions.txt",
        "* ** # everything\ntabel-cells a.md # a typo\n",
    );
    let named = lint(&[
        "--suppressions",
        "ci/suppressions.txt",
        "--format",
        "github",
    ]);
    assert_eq!(code(&named), 1, "the invalid line is an error");
    let annotations = stdout(&named);
    assert_eq!(
        annotations.lines().next(),
        Some("::error file=ci/suppressions.txt,line=2,col=1,title=docgen[suppression-invalid]::unknown code `tabel-cells`; the codes are those `docgen lint` prints, or `*` for all"),
        "{annotations}"
    );
    let human = stdout(&lint(&["--suppressions", "ci/suppressions.txt"]));
    assert!(
        human.contains("../ci/suppressions.txt:2:1: error[suppression-invalid]"),
        "{human}"
    );

    // A named file that is not there stops the run before anything is written.
    let missing = docgen(
        dir.path(),
        &[
            "generate",
            "--input",
            path(&input),
            "--out",
            path(&dir.join("new")),
            "--suppressions",
            "nope.txt",
        ],
    );
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).starts_with("docgen: error: nope.txt: "),
        "{}",
        stderr(&missing)
    );
    assert!(!dir.join("new").exists());
}

/// The command and properties of one workflow command line, unescaped as GitHub does.
fn parse_command(line: &str) -> (String, Vec<(String, String)>, String) {
    let unescape = |text: &str| {
        text.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    };
    let rest = line.strip_prefix("::").expect("a workflow command");
    let (head, message) = rest.split_once("::").expect("`::` before the message");
    let (command, properties) = head.split_once(' ').unwrap_or((head, ""));
    let properties = properties
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (key, value) = p.split_once('=').expect("key=value");
            (key.to_string(), unescape(value))
        })
        .collect();
    (command.to_string(), properties, unescape(message))
}

#[test]
fn github_annotations_escape_what_would_end_a_property() {
    let dir = TestDir::new("github");
    input(&dir, true, true);
    // Run from the repository root (the test folder), input given relative to it.
    let output = docgen(
        dir.path(),
        &["lint", "--input", "docs", "--format", "github"],
    );
    assert_eq!(code(&output), 1);
    let text = stdout(&output);
    let commands: Vec<_> = text
        .lines()
        .filter(|l| l.starts_with("::"))
        .map(parse_command)
        .collect();
    assert_eq!(commands.len(), 3, "{text}");
    let odd = commands
        .iter()
        .find(|(_, properties, _)| {
            properties
                .iter()
                .any(|(k, v)| k == "file" && v.contains("gad get"))
        })
        .expect("the odd page's annotation");
    assert_eq!(odd.0, "warning");
    let expected: Vec<(String, String)> = [
        ("file", format!("docs/{ODD_NAME}")),
        ("line", "12".to_string()),
        ("col", "1".to_string()),
        ("title", "docgen[table-cells]".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(odd.1, expected);
    assert_eq!(odd.2, "this row has 4 cells, the header has 3");
    assert!(
        text.contains("file=docs/resources/gad get%2Cé%3A1%25.md,"),
        "{text}"
    );
    assert_eq!(
        text.lines().last(),
        Some("2 errors, 1 warnings, 0 notes in 2 pages")
    );
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
