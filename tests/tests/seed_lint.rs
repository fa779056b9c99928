//! `docgen lint` on the seed page ("Update userRunStates"): each of its defects is reported at its
//! line with its own code, the other pages of docs-input report nothing, and the seed's operation
//! gets an inferred path only when the pages to infer it from are there (else it is dropped).

use docgen::diag::Diagnostic;
use docgen::model::Model;
use docgen_tests::workspace_root;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The docs-input copy of the seed page.
const SEED_PAGE: &str = "api/intune-devices-devicemanagementscriptuserstate-update.md";
/// The real seed, relative to `../shared`.
const SEED: &str = "seeds/000_91048a0ccf3b8d2f.txt";
/// The page of the type whose relationship `userRunStates` gives the seed its path.
const OWNER_PAGE: &str = "resources/intune-shared-devicemanagementscript.md";
/// The other type of docs-input with a `userRunStates` relationship.
const OTHER_OWNER_PAGE: &str = "resources/intune-devices-deviceshellscript.md";

/// Defects of the page itself, found by reading it alone (stages 1-2).
const PAGE_DEFECTS: &[(u32, &str)] = &[
    (3, "description-empty"),
    (5, "placeholder-value"),
    (22, "permissions-empty"),
    (35, "http-block-empty"),
    (50, "template-residue"),
    (52, "template-residue"),
    (54, "table-title-mismatch"),
    (78, "example-url-no-path"),
    (83, "example-request-placeholder"),
    (99, "annotation-placeholder"),
    (107, "example-status-line"),
    (110, "example-response-placeholder"),
];

/// What the model adds when the operation can be built: the inferred path, the bodies' shapes
/// checked against the operation, and what the example test cannot check.
const OPERATION_FINDINGS: &[(u32, &str)] = &[
    (10, "path-inferred"),
    (78, "example-request-shape"),
    (78, "example-not-tested"),
    (107, "example-response-shape"),
];

fn expected(extra: &[&[(u32, &str)]]) -> BTreeSet<(u32, String)> {
    PAGE_DEFECTS
        .iter()
        .chain(extra.iter().flat_map(|more| more.iter()))
        .map(|(line, code)| (*line, code.to_string()))
        .collect()
}

fn model_of(input: &Path) -> Model {
    docgen::Config::new(input)
        .model()
        .unwrap_or_else(|e| panic!("{}: {e}", input.display()))
}

fn of_file<'a>(model: &'a Model, file: &str) -> Vec<&'a Diagnostic> {
    model
        .diagnostics
        .iter()
        .filter(|d| d.span.file == file)
        .collect()
}

/// (line, code) of a page's diagnostics, and a readable listing for failure messages.
fn lines_and_codes(diagnostics: &[&Diagnostic]) -> (BTreeSet<(u32, String)>, String) {
    let set = diagnostics
        .iter()
        .map(|d| (d.span.line, d.code.as_str().to_string()))
        .collect();
    let listing = diagnostics.iter().map(|d| format!("{d}\n")).collect();
    (set, listing)
}

#[test]
fn docs_input_reports_each_seed_defect_and_nothing_else() {
    let model = model_of(&workspace_root().join("docs-input"));
    let seed = of_file(&model, SEED_PAGE);
    let (found, listing) = lines_and_codes(&seed);
    assert_eq!(
        found,
        expected(&[OPERATION_FINDINGS]),
        "seed page:\n{listing}"
    );
    // One diagnostic per (line, code): nothing reported twice.
    assert_eq!(seed.len(), found.len(), "{listing}");
    let others: Vec<String> = model
        .diagnostics
        .iter()
        .filter(|d| d.span.file != SEED_PAGE)
        .map(|d| d.to_string())
        .collect();
    assert!(
        others.is_empty(),
        "the other pages of docs-input must be clean:\n{}",
        others.join("\n")
    );
}

#[test]
fn seed_defects_have_distinct_codes() {
    // Two leftover template comments are two instances of one defect; every other defect
    // of the seed is a different kind of problem and so has a code of its own.
    let codes: Vec<&str> = PAGE_DEFECTS
        .iter()
        .chain(OPERATION_FINDINGS)
        .map(|(_, code)| *code)
        .filter(|code| *code != "template-residue")
        .collect();
    let distinct: BTreeSet<&str> = codes.iter().copied().collect();
    assert_eq!(codes.len(), distinct.len(), "{codes:?}");
    for code in distinct {
        assert!(
            docgen::diag::Code::from_str(code).is_some(),
            "{code} is not in the catalogue"
        );
    }
}

/// A throwaway input folder.
struct Input(PathBuf);

impl Input {
    fn new(label: &str) -> Input {
        let dir =
            std::env::temp_dir().join(format!("docgen-seed-lint-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("api")).unwrap_or_else(|e| panic!("{e}"));
        Input(dir)
    }

    fn copy(&self, from: &Path, to: &str) {
        let target = self.0.join(to);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::copy(from, &target)
            .unwrap_or_else(|e| panic!("{} -> {}: {e}", from.display(), target.display()));
    }

    /// Copies docs-input's pages under `folder` (except `skip`).
    fn copy_docs_input(&self, folder: &str, skip: &[&str]) {
        let from = workspace_root().join("docs-input").join(folder);
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&from)
            .unwrap_or_else(|e| panic!("{}: {e}", from.display()))
            .flatten()
            .map(|entry| entry.path())
            .collect();
        entries.sort();
        for path in entries {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let relative = format!("{folder}/{name}");
            if !skip.contains(&relative.as_str()) {
                self.copy(&path, &relative);
            }
        }
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn dropped(model: &Model) -> bool {
    of_file(model, SEED_PAGE)
        .iter()
        .any(|d| d.code == "operation-dropped" && d.span.line == 10)
}

#[test]
fn the_real_seed_reports_the_same_codes_in_docs_input() {
    let Some(seed) = docgen::testing::shared_path(SEED) else {
        return;
    };
    let input = Input::new("family");
    input.copy(&seed, SEED_PAGE);
    input.copy_docs_input("resources", &[]);
    input.copy_docs_input("api", &[SEED_PAGE]);
    let model = model_of(&input.0);
    let (found, listing) = lines_and_codes(&of_file(&model, SEED_PAGE));
    assert_eq!(found, expected(&[OPERATION_FINDINGS]), "{listing}");
    let op = model
        .operations
        .iter()
        .find(|o| o.name == "updateUserRunStates")
        .unwrap_or_else(|| panic!("the seed's operation is missing:\n{listing}"));
    assert_eq!(op.method.as_str(), "PATCH");
    assert_eq!(
        op.path_texts().collect::<Vec<_>>(),
        ["/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/userRunStates/{deviceManagementScriptUserStateId}"]
    );
}

#[test]
fn the_real_seed_alone_is_dropped_not_invented() {
    let Some(seed) = docgen::testing::shared_path(SEED) else {
        return;
    };
    let input = Input::new("alone");
    input.copy(&seed, SEED_PAGE);
    let model = model_of(&input.0);
    let (found, listing) = lines_and_codes(&of_file(&model, SEED_PAGE));
    // Alone, the type it updates is not defined, so its returned type is unknown too.
    let alone: &[(u32, &str)] = &[
        (10, "operation-dropped"),
        (48, "type-unresolved"),
        (65, "response-type-unknown"),
    ];
    assert_eq!(found, expected(&[alone]), "{listing}");
    assert!(model.operations.is_empty(), "{:?}", model.operations);
}

#[test]
fn without_an_owner_page_the_seed_operation_is_dropped() {
    let Some(seed) = docgen::testing::shared_path(SEED) else {
        return;
    };
    // docs-input's resource pages without the two types that have a `userRunStates`
    // relationship, then with them but without the API pages that document their paths: in
    // neither case is there a path to infer from.
    for (label, skip, with_api) in [
        ("no-owner", &[OWNER_PAGE, OTHER_OWNER_PAGE][..], true),
        ("no-owner-path", &[][..], false),
    ] {
        let input = Input::new(label);
        input.copy(&seed, SEED_PAGE);
        input.copy_docs_input("resources", skip);
        if with_api {
            input.copy_docs_input("api", &[SEED_PAGE]);
        }
        let model = model_of(&input.0);
        let (found, listing) = lines_and_codes(&of_file(&model, SEED_PAGE));
        assert!(dropped(&model), "{label}:\n{listing}");
        assert!(
            !found.iter().any(|(_, code)| code == "path-inferred"),
            "{label}:\n{listing}"
        );
        assert!(
            !model
                .operations
                .iter()
                .any(|o| o.name == "updateUserRunStates"),
            "{label}: an operation was invented"
        );
        for defect in expected(&[]) {
            assert!(found.contains(&defect), "{label}: {defect:?}\n{listing}");
        }
    }
}

#[test]
fn without_the_best_owner_the_path_comes_from_the_other_and_says_so() {
    let Some(seed) = docgen::testing::shared_path(SEED) else {
        return;
    };
    let input = Input::new("other-owner");
    input.copy(&seed, SEED_PAGE);
    input.copy_docs_input("resources", &[OWNER_PAGE]);
    input.copy_docs_input("api", &[SEED_PAGE]);
    let model = model_of(&input.0);
    let seed_diags = of_file(&model, SEED_PAGE);
    let (found, listing) = lines_and_codes(&seed_diags);
    assert_eq!(found, expected(&[OPERATION_FINDINGS]), "{listing}");
    let note = seed_diags
        .iter()
        .find(|d| d.code == "path-inferred")
        .unwrap_or_else(|| panic!("{listing}"));
    assert!(
        note.message
            .contains("`userRunStates` of `deviceShellScript`"),
        "{listing}"
    );
    assert!(
        note.related.iter().any(|r| r.span.file == OTHER_OWNER_PAGE),
        "{listing}"
    );
}

/// Issue 3's "Done when": the seed's operation is a request value in the crate generated from
/// docs-input, with the inferred path, and its example has a test of what can be checked;
/// the generator's note says what is not tested and why.
#[test]
fn the_seed_operation_and_its_test_are_in_the_generated_crate() {
    let input = workspace_root().join("docs-input");
    let model = model_of(&input);
    let emitted = docgen::emit::emit(
        &model,
        &docgen::emit::EmitOptions {
            crate_name: "graph-bindings".into(),
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let file = |path: &str| {
        emitted
            .files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.contents.as_str())
            .unwrap_or_else(|| panic!("{path} not generated"))
    };
    let operations = file("src/operations/device_management_script_user_state.rs");
    assert!(operations.contains("pub struct UpdateUserRunStates {"));
    assert!(operations.contains("path.push_str(\"/deviceManagement/deviceManagementScripts/\");"));
    assert!(operations.contains("::http::Method::PATCH"));
    let tests = file("tests/examples/device_management_script_user_state.rs");
    let start = tests
        .find("fn update_user_run_states_example_1()")
        .unwrap_or_else(|| panic!("no test for the seed's example:\n{tests}"));
    let test = tests.get(start..).unwrap_or_default();
    let test = test
        .get(..test.find("\n}\n").unwrap_or(test.len()))
        .unwrap_or_default();
    for checked in [
        "\"PATCH\"",
        "\"/deviceManagement/deviceManagementScripts/sample-deviceManagementScriptId/userRunStates/sample-deviceManagementScriptUserStateId\"",
        "error_device_count: ::graph_bindings::runtime::Patch::Clear",
        "crate::support::check_body(",
        "\"errorDeviceCount\": null",
    ] {
        assert!(test.contains(checked), "{checked} not in\n{test}");
    }
    assert!(
        !test.contains("\"id\""),
        "a read-only property is sent:\n{test}"
    );
    let note = emitted
        .diagnostics
        .iter()
        .find(|d| d.span.file == SEED_PAGE && d.code == "example-not-tested")
        .unwrap_or_else(|| panic!("no note on the seed's example"));
    for part in [
        "since the URL names no resource path",
        "inferred path",
        "(`id`: read-only, not sent)",
        "Not tested: the response body holds type placeholders",
    ] {
        assert!(note.message.contains(part), "{part}: {}", note.message);
    }
    // The committed crate is what docs-input gives (`docgen check` guards every file).
    let committed = std::fs::read_to_string(
        workspace_root().join("generated/tests/examples/device_management_script_user_state.rs"),
    )
    .unwrap_or_default();
    assert_eq!(
        committed, tests,
        "generated/ is stale: run `cargo run -p docgen`"
    );
}
