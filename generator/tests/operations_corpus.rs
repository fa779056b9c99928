//! Operations over the real v1.0 docs (`../shared/corpus/v1.0`) and the seed page.
//!
//! Skipped with a message when `../shared` is absent; failing instead when
//! `DOCGEN_REQUIRE_SHARED=1`. Run with `--nocapture` to see the counts.

use docgen::model::{BodyKind, Model};
use std::collections::BTreeMap;
use std::path::PathBuf;

struct Counts {
    operations: usize,
    inferred: usize,
    examples: usize,
    with_path: usize,
    matched: usize,
    url_tested: usize,
    request_tested: usize,
    response_tested: usize,
    bodies: BTreeMap<String, usize>,
    codes: BTreeMap<String, usize>,
}

fn count(model: &Model) -> Counts {
    let mut c = Counts {
        operations: model.operations.len(),
        inferred: model
            .operations
            .iter()
            .filter(|o| o.inferred_path.is_some())
            .count(),
        examples: 0,
        with_path: 0,
        matched: 0,
        url_tested: 0,
        request_tested: 0,
        response_tested: 0,
        bodies: BTreeMap::new(),
        codes: BTreeMap::new(),
    };
    for example in model.operations.iter().flat_map(|o| o.examples.iter()) {
        c.examples += 1;
        c.with_path += usize::from(example.request.path.is_some());
        c.matched += usize::from(example.request.matched_template.is_some());
        c.url_tested += usize::from(example.test.url);
        c.request_tested += usize::from(example.test.request_body);
        c.response_tested += usize::from(example.test.response_body);
        let mut kinds = vec![("request", example.request.body.kind)];
        kinds.extend(example.response.as_ref().map(|r| ("response", r.body.kind)));
        for (which, kind) in kinds.into_iter().filter(|(_, k)| *k != BodyKind::None) {
            *c.bodies.entry(format!("{which} {kind:?}")).or_default() += 1;
        }
    }
    for d in &model.diagnostics {
        *c.codes.entry(d.code.as_str().to_string()).or_default() += 1;
    }
    c
}

fn print(label: &str, c: &Counts) {
    println!(
        "{label}: {} operations ({} with inferred paths)",
        c.operations, c.inferred
    );
    println!(
        "{label}: {} examples, {} with a Graph path, {} matched to a template",
        c.examples, c.with_path, c.matched
    );
    println!(
        "{label}: tests: url {}, request body {}, response body {}",
        c.url_tested, c.request_tested, c.response_tested
    );
    println!("{label}: bodies: {:?}", c.bodies);
    let mut top: Vec<(&String, &usize)> = c.codes.iter().collect();
    top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (code, n) in top.iter().take(25) {
        println!("{label}:   {n:>6} {code}");
    }
}

#[test]
fn v1_corpus_operations() {
    let Some(input) = docgen::testing::shared_path("corpus/v1.0") else {
        return;
    };
    let model = docgen::Config::new(&input)
        .model()
        .expect("the corpus can be read");
    let c = count(&model);
    print("v1.0", &c);
    assert!(c.operations > 1500, "only {} operations", c.operations);
    assert!(
        c.matched * 10 > c.with_path * 8,
        "only {} of {} example paths matched a template",
        c.matched,
        c.with_path
    );
    let names: std::collections::BTreeSet<&str> =
        model.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names.len(),
        model.operations.len(),
        "operation names are unique"
    );
}

#[test]
fn seed_page_defects_each_have_a_code() {
    let Some(path) = docgen::testing::shared_path("seeds/000_91048a0ccf3b8d2f.txt") else {
        return;
    };
    let bytes = std::fs::read(&path).expect("the seed can be read");
    let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    let file = docgen::pages::SourceFile {
        path: "api/seed.md".to_string(),
        text,
    };
    let (page, _) = docgen::pages::parse_page(&file);
    let (facts, diagnostics) = docgen::facts::extract(&page);
    let codes: std::collections::BTreeSet<&str> =
        diagnostics.iter().map(|d| d.code.as_str()).collect();
    for code in [
        "http-block-empty",
        "example-url-no-path",
        "permissions-empty",
        "example-request-placeholder",
        "example-response-placeholder",
        "example-status-line",
        "placeholder-value",
        "annotation-placeholder",
        "table-title-mismatch",
        "template-residue",
    ] {
        assert!(codes.contains(code), "{code} missing from {codes:?}");
    }
    let api = facts.api.expect("the seed is an api page");
    assert_eq!(api.method().as_deref(), Some("PATCH"));
    assert_eq!(api.examples.len(), 1);
}

/// docs-input (committed with the repository) reproduces the seed page inside its family: its
/// operation gets a path inferred from `deviceManagementScript.userRunStates`.
#[test]
fn docs_input_seed_operation_has_an_inferred_path() {
    let input = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
    let model = docgen::Config::new(&input)
        .model()
        .expect("docs-input can be read");
    let op = model
        .operations
        .iter()
        .find(|o| o.name == "updateUserRunStates")
        .expect("seed operation");
    assert_eq!(op.method.as_str(), "PATCH");
    assert_eq!(
        op.path_texts().collect::<Vec<_>>(),
        vec!["/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/userRunStates/{deviceManagementScriptUserStateId}"]
    );
    let inferred = op.inferred_path.as_ref().expect("inferred");
    assert!(
        inferred
            .reason
            .contains("`userRunStates` of `deviceManagementScript`"),
        "{}",
        inferred.reason
    );
    assert!(inferred.reason.contains("-get.md"), "{}", inferred.reason);
    let seed_file = op.source.file.clone();
    let codes: Vec<&str> = model
        .diagnostics
        .iter()
        .filter(|d| d.span.file == seed_file)
        .map(|d| d.code.as_str())
        .collect();
    for code in [
        "path-inferred",
        "http-block-empty",
        "example-request-shape",
        "example-response-shape",
        "example-url-no-path",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    // Every other operation of the family has a documented path and a matched example.
    for other in model
        .operations
        .iter()
        .filter(|o| o.name != "updateUserRunStates")
    {
        assert!(other.inferred_path.is_none(), "{}", other.name);
        assert!(
            other
                .examples
                .iter()
                .all(|e| e.request.matched_template.is_some()),
            "{}",
            other.name
        );
    }
}
