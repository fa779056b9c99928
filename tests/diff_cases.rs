//! `docgen diff` (issue 14) on small hand-made edits of the pages in `tests/fixtures/diff/base/`:
//! the exact report of each case (Markdown and JSON) is a file in `tests/fixtures/diff/expected/`
//! (`DOCGEN_SNAPSHOTS=overwrite` rewrites them), and the exit status of `--deny` with and
//! without a version bump. Runs the binary built from generator/src/main.rs.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::{code, docgen, stderr, stdout, TestDir};

/// One edit of the base pages.
enum Edit {
    /// Replace the text (which must be there) in the page.
    Replace(&'static str, &'static str, &'static str),
    /// A new page.
    Write(&'static str, &'static str),
    /// Move a page, replacing a text in it.
    Move(&'static str, &'static str, &'static str, &'static str),
}

fn fixtures() -> PathBuf {
    docgen_tests::workspace_root().join("tests/fixtures/diff")
}

fn copy_dir(from: &Path, to: &Path) {
    for (rel, bytes) in support::files_under(from) {
        let path = to.join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        std::fs::write(path, bytes).expect("copy page");
    }
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("page to edit");
    assert!(
        text.contains(from),
        "{}: no `{from}` to replace",
        path.display()
    );
    std::fs::write(path, text.replacen(from, to, 1)).expect("edit page");
}

/// A folder holding `old/` (the base pages) and `new/` (the base with the edits).
fn case(edits: &[Edit]) -> TestDir {
    let dir = TestDir::new("diff");
    copy_dir(&fixtures().join("base"), &dir.join("old"));
    let new = dir.join("new");
    copy_dir(&fixtures().join("base"), &new);
    for edit in edits {
        match edit {
            Edit::Replace(file, from, to) => replace_in(&new.join(file), from, to),
            Edit::Write(file, text) => {
                dir.write(&format!("new/{file}"), text);
            }
            Edit::Move(file, to_file, from, to) => {
                std::fs::rename(new.join(file), new.join(to_file)).expect("move page");
                replace_in(&new.join(to_file), from, to);
            }
        }
    }
    dir
}

/// Compares `actual` with the expected file `name`, or rewrites it when overwriting.
fn check_expected(name: &str, actual: &str) {
    let path = fixtures().join("expected").join(name);
    if docgen_tests::snapshot::overwrite() {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
        std::fs::write(&path, actual).expect("write expected report");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{} differs (DOCGEN_SNAPSHOTS=overwrite rewrites it); the report is:\n{actual}",
        path.display()
    );
}

/// Runs `docgen diff --old old --new new` in the case's folder with `args`, checks both report
/// forms against `<name>.md` and `<name>.json`, and returns the JSON.
fn run_case(name: &str, edits: &[Edit]) -> (TestDir, Value) {
    let dir = case(edits);
    let markdown = docgen(dir.path(), &["diff", "--old", "old", "--new", "new"]);
    assert_eq!(code(&markdown), 0, "{}", stderr(&markdown));
    check_expected(&format!("{name}.md"), &stdout(&markdown));
    let json = docgen(
        dir.path(),
        &["diff", "--old", "old", "--new", "new", "--format", "json"],
    );
    assert_eq!(code(&json), 0, "{}", stderr(&json));
    check_expected(&format!("{name}.json"), &stdout(&json));
    let value = serde_json::from_str(&stdout(&json)).expect("JSON report");
    (dir, value)
}

fn kinds(report: &Value) -> Vec<(String, String, String)> {
    report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            let field = |key: &str| c[key].as_str().unwrap_or_default().to_string();
            (field("kind"), field("item"), field("impact"))
        })
        .collect()
}

const DELETE_PAGE: &str =
    "---\ntitle: \"Delete gadget\"\nms.prod: \"gadgets\"\ndoc_type: apiPageType\n---\n\n\
# Delete gadget\n\nNamespace: microsoft.graph\n\nDelete a gadget.\n\n## HTTP request\n\n\
<!-- { \"blockType\": \"ignored\" } -->\n```http\nDELETE /gadgets/{id}\n```\n\n## Response\n\n\
If successful, this method returns a `204 No Content` response code.\n";

const DIMENSIONS_PAGE: &str = "---\ntitle: \"gadgetDimensions resource type\"\nms.prod: \"gadgets\"\ndoc_type: resourcePageType\n---\n\n\
# gadgetDimensions resource type\n\nNamespace: microsoft.graph\n\nHow big a gadget is.\n\n## Properties\n\n\
| Property | Type | Description |\n|:---|:---|:---|\n| width | Double | The width. |\n| height | Double | The height. |\n";

#[test]
fn additions_are_additive_and_call_for_a_minor_bump() {
    let (dir, report) = run_case(
        "additive",
        &[
            Edit::Replace(
                "resources/gadget.md",
                "| serial | String | The serial number. |\n",
                "| serial | Stream | The serial number. |\n| weight | Double | The weight. |\n",
            ),
            Edit::Replace(
                "api/gadget-list.md",
                "| $top | Int32 | How many gadgets to return. |\n",
                "| $top | Int32 | How many gadgets to return. |\n| $filter | String | Which gadgets to return. |\n",
            ),
            Edit::Write("api/gadget-delete.md", DELETE_PAGE),
            Edit::Write("resources/gadgetdimensions.md", DIMENSIONS_PAGE),
        ],
    );
    assert_eq!(report["summary"]["bump"], "minor");
    let found = kinds(&report);
    let want = |kind: &str, item: &str, impact: &str| {
        let entry = (kind.to_string(), item.to_string(), impact.to_string());
        assert!(found.contains(&entry), "{entry:?} not in {found:?}");
    };
    want("property_added", "weight", "additive");
    // `Stream` is held as a `String` (a `Guid` would not be: `runtime::Guid`): the Rust API
    // does not change.
    want("property_changed", "serial", "none");
    want("query_added", "$filter", "additive");
    want("operation_added", "", "additive");
    want("type_added", "", "additive");
    assert_eq!(report["summary"]["breaking"], 0);
    // An additive change passes `--deny breaking`, and fails `--deny additive` without a bump.
    let run = |extra: &[&str]| {
        let mut args = vec!["diff", "--old", "old", "--new", "new"];
        args.extend(extra);
        docgen(dir.path(), &args)
    };
    assert_eq!(code(&run(&["--deny", "breaking"])), 0);
    let denied = run(&["--deny", "additive"]);
    assert_eq!(code(&denied), 1);
    assert!(
        stderr(&denied).starts_with("docgen: --deny additive: 4 additive changes (give"),
        "{}",
        stderr(&denied)
    );
    let bumped = [
        "--deny",
        "additive",
        "--old-version",
        "1.4.2",
        "--new-version",
        "1.5.0",
    ];
    assert_eq!(code(&run(&bumped)), 0);
}

#[test]
fn removals_type_changes_and_new_members_are_breaking_unless_the_version_says_so() {
    let (dir, report) = run_case(
        "breaking",
        &[
            Edit::Replace("resources/gadget.md", "| size | Int32 | How big. |\n", ""),
            Edit::Replace(
                "resources/gadget.md",
                "| displayName | String | The name. |",
                "| displayName | String | The name. Read-only. |",
            ),
            Edit::Replace(
                "resources/gadgetcolor.md",
                "| green | 1 | Green. |\n",
                "| green | 1 | Green. |\n| blue | 2 | Blue. |\n",
            ),
            Edit::Replace(
                "api/gadget-get.md",
                "GET /gadgets/{id}\n",
                "GET /gadgets/{id}\nGET /me/gadgets/{id}\n",
            ),
            Edit::Replace(
                "api/gadget-list.md",
                "| minSize | Int32 |",
                "| minSize | Int64 |",
            ),
            // `$top` is `Option<u32>` whatever the page says: no effect on the Rust API.
            Edit::Replace("api/gadget-list.md", "| $top | Int32 |", "| $top | Int64 |"),
        ],
    );
    assert_eq!(report["summary"]["bump"], "major");
    let found = kinds(&report);
    for (kind, item) in [
        ("property_removed", "size"),
        ("property_changed", "displayName"),
        ("member_added", "blue"),
        ("path_added", "/me/gadgets/{id}"),
        ("query_changed", "minSize"),
    ] {
        let entry = (kind.to_string(), item.to_string(), "breaking".to_string());
        assert!(found.contains(&entry), "{entry:?} not in {found:?}");
    }
    let top = (
        "query_changed".to_string(),
        "$top".to_string(),
        "none".to_string(),
    );
    assert!(found.contains(&top), "{top:?} not in {found:?}");
    let run = |extra: &[&str]| {
        let mut args = vec!["diff", "--old", "old", "--new", "new", "--deny", "breaking"];
        args.extend(extra);
        docgen(dir.path(), &args)
    };
    let denied = run(&[]);
    assert_eq!(code(&denied), 1);
    let minor = run(&["--old-version", "0.3.1", "--new-version", "0.3.2"]);
    assert_eq!(code(&minor), 1);
    assert_eq!(
        stderr(&minor),
        "docgen: --deny breaking: 5 breaking changes; they need a major version bump (0.4.0 \
         after 0.3.1), and the version went 0.3.1 -> 0.3.2\n"
    );
    // In 0.x the minor is the major.
    assert_eq!(
        code(&run(&["--old-version", "0.3.1", "--new-version", "0.4.0"])),
        0
    );
    let markdown = stdout(&run(&["--old-version", "0.3.1", "--new-version", "0.4.0"]));
    assert!(
        markdown.contains("\nVersion 0.3.1 → 0.4.0: enough for a major bump.\n"),
        "{markdown}"
    );
}

#[test]
fn renames_with_strong_evidence_are_reported_as_renames() {
    let (_dir, report) = run_case(
        "rename",
        &[
            // An operation retitled on its page: same page, method and paths.
            Edit::Replace(
                "api/gadget-get.md",
                "title: \"Get gadget\"",
                "title: \"Read gadget\"",
            ),
            Edit::Replace("api/gadget-get.md", "# Get gadget", "# Read gadget"),
            // An operation moved to another page and retitled: the same method and paths.
            Edit::Move(
                "api/gadget-list.md",
                "api/gadgets-list-all.md",
                "# List gadgets",
                "# List all gadgets",
            ),
            // An enum renamed on its page, with the same members.
            Edit::Replace(
                "resources/gadgetcolor.md",
                "# gadgetColor enum type",
                "# gadgetColour enum type",
            ),
            Edit::Replace(
                "resources/gadget.md",
                "[gadgetColor](gadgetcolor.md)",
                "[gadgetColour](gadgetcolor.md)",
            ),
        ],
    );
    let found = kinds(&report);
    let renames: Vec<(&str, &str, &str)> = report["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter(|c| c["kind"].as_str().is_some_and(|k| k.ends_with("_renamed")))
        .map(|c| {
            let s = |key: &str| c[key].as_str().unwrap_or_default();
            (s("old"), s("new"), s("why"))
        })
        .collect();
    assert_eq!(
        renames,
        vec![
            (
                "gadgetColor",
                "gadgetColour",
                "`GadgetColor` is now `GadgetColour` (rename: same page, same shape)"
            ),
            (
                "listGadgets",
                "listAllGadgets",
                "`ListGadgets` is now `ListAllGadgets` (rename: same shape, the only such pair)"
            ),
            (
                "getGadget",
                "readGadget",
                "`GetGadget` is now `ReadGadget` (rename: same page, same shape)"
            ),
        ]
    );
    // Not a removal plus an addition.
    for kind in [
        "type_removed",
        "type_added",
        "operation_removed",
        "operation_added",
    ] {
        assert!(
            found.iter().all(|(k, _, _)| k != kind),
            "{kind} in {found:?}"
        );
    }
}

#[test]
fn an_ir_file_reads_as_its_pages_do_and_another_ir_version_is_refused() {
    let dir = case(&[Edit::Replace(
        "resources/gadget.md",
        "| size | Int32 | How big. |\n",
        "",
    )]);
    let ir = docgen(dir.path(), &["ir", "--input", "old"]);
    assert_eq!(code(&ir), 0, "{}", stderr(&ir));
    dir.write("old.json", &stdout(&ir));
    let from_pages = docgen(
        dir.path(),
        &["diff", "--old", "old", "--new", "new", "--format", "json"],
    );
    let from_ir = docgen(
        dir.path(),
        &[
            "diff", "--old", "old.json", "--new", "new", "--format", "json",
        ],
    );
    let changes = |output: &std::process::Output| {
        let value: Value = serde_json::from_str(&stdout(output)).expect("JSON");
        value["changes"].clone()
    };
    assert_eq!(changes(&from_pages), changes(&from_ir));
    let same = docgen(
        dir.path(),
        &[
            "diff", "--old", "old.json", "--new", "old", "--format", "json",
        ],
    );
    assert_eq!(changes(&same), Value::Array(Vec::new()));

    dir.write("v1.json", "{\"ir_version\": 1, \"types\": []}");
    let refused = docgen(dir.path(), &["diff", "--old", "v1.json", "--new", "new"]);
    assert_eq!(code(&refused), 2);
    assert_eq!(
        stderr(&refused),
        "docgen: error: v1.json: not an IR this docgen reads: it has ir_version 1, and this \
         docgen reads ir_version 2; write it again with this docgen's `docgen ir`\n"
    );
    let missing = docgen(dir.path(), &["diff", "--old", "nowhere", "--new", "new"]);
    assert_eq!(code(&missing), 2);
    let bad_version = docgen(
        dir.path(),
        &[
            "diff",
            "--old",
            "old",
            "--new",
            "new",
            "--old-version",
            "1.2",
            "--new-version",
            "1.3.0",
        ],
    );
    assert_eq!(code(&bad_version), 2);
    assert!(
        stderr(&bad_version).contains("`1.2` is not a semantic version"),
        "{}",
        stderr(&bad_version)
    );
}

#[test]
fn the_crate_version_goes_into_the_generated_manifest() {
    let dir = case(&[]);
    let out = dir.join("crate");
    let out = out.to_str().expect("UTF-8 path");
    let generated = docgen(
        dir.path(),
        &[
            "generate",
            "--input",
            "old",
            "--out",
            out,
            "--crate-version",
            "2.1.0-rc.1",
        ],
    );
    assert_eq!(code(&generated), 0, "{}", stderr(&generated));
    let manifest = std::fs::read_to_string(dir.join("crate/Cargo.toml")).expect("manifest");
    assert!(
        manifest.contains("\nversion = \"2.1.0-rc.1\"\n"),
        "{manifest}"
    );
    // `check` compares with the version it is given.
    let check = |version: &str| {
        code(&docgen(
            dir.path(),
            &[
                "check",
                "--input",
                "old",
                "--out",
                out,
                "--crate-version",
                version,
            ],
        ))
    };
    assert_eq!(check("2.1.0-rc.1"), 0);
    assert_eq!(check("2.1.0"), 1);
    let refused = docgen(
        dir.path(),
        &[
            "generate",
            "--input",
            "old",
            "--out",
            out,
            "--crate-version",
            "2.x",
        ],
    );
    assert_eq!(code(&refused), 2);
}
