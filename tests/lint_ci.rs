//! docgen in CI (issue 14): `lint --format sarif` valid against the official SARIF 2.1.0 schema,
//! `--format github` escaped as GitHub reads it, suppressions by code and path (stale and
//! invalid ones reported), and `--deny` on `generate`, `check` and `lint`. Runs the binary
//! built from generator/src/main.rs, as tests/cli.rs does.

mod support;

use serde_json::Value;
use support::lint_inputs::{extra_cell_page, input, json_lines, summary, ODD_NAME};
use support::{code, docgen, stderr, stdout, TestDir};

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
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
