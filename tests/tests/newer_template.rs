//! Issue 12: the seed's template, read with the rest of the docs. The newer-template pages
//! (`../shared/corpus/newer-template`) are read together with `beta-scripts` and `v1.0`, each
//! corpus in its own folder: every operation page yields an operation or an
//! `operation-dropped` error that names the missing fact, the share of operations dropped is
//! reported (and held under 2%), and so is the property type agreement before and after
//! docgen's corrections. The seed, read with `beta-scripts`, yields its PATCH operation with an
//! inferred path and a note saying from what.

use docgen::diag::Diagnostic;
use docgen::model::type_agreement::AgreementReport;
use docgen::model::{Method, Model, PageKind};
use docgen::pages::SourceFile;
use std::path::Path;

/// The pages of each corpus under `../shared/corpus`, as `<corpus>/<relative path>`; None
/// (after the skip message) without `../shared`.
fn corpora(names: &[&str]) -> Option<Vec<(String, Vec<u8>)>> {
    let mut pages = Vec::new();
    for name in names {
        let root = docgen::testing::shared_path(&format!("corpus/{name}"))?;
        collect(&root, &root, name, &mut pages);
    }
    pages.sort();
    Some(pages)
}

fn collect(root: &Path, dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, prefix, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let name = format!("{prefix}/{}", relative.to_string_lossy().replace('\\', "/"));
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            out.push((name, bytes));
        }
    }
}

fn sources(pages: Vec<(String, Vec<u8>)>) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    docgen::pipeline::sources_from_bytes(pages)
}

fn measured(pages: Vec<(String, Vec<u8>)>) -> (Model, AgreementReport) {
    let (files, diagnostics) = sources(pages);
    docgen::pipeline::model_with_type_agreement(&files, diagnostics)
}

/// Api pages under `prefix`, and those of them whose operation was dropped (with the message).
fn operation_pages<'a>(model: &'a Model, prefix: &str) -> (usize, Vec<&'a Diagnostic>) {
    let pages = model
        .pages
        .iter()
        .filter(|p| p.path.starts_with(prefix) && p.kind == PageKind::Api)
        .count();
    let dropped = model
        .diagnostics
        .iter()
        .filter(|d| d.code == "operation-dropped" && d.span.file.starts_with(prefix))
        .collect();
    (pages, dropped)
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    part as f64 * 100.0 / whole as f64
}

#[test]
fn newer_template_pages_yield_operations_or_name_what_is_missing() {
    let Some(pages) = corpora(&["newer-template", "beta-scripts", "v1.0"]) else {
        return;
    };
    let (model, agreement) = measured(pages);
    let (template_pages, template_dropped) = operation_pages(&model, "newer-template/");
    let (all_pages, all_dropped) = operation_pages(&model, "");
    assert!(template_pages > 0, "no newer-template api page was read");
    for page in model
        .pages
        .iter()
        .filter(|p| p.path.starts_with("newer-template/") && p.kind == PageKind::Api)
    {
        let produced = model.operations.iter().any(|o| o.source.file == page.path);
        let dropped = template_dropped.iter().find(|d| d.span.file == page.path);
        match (produced, dropped) {
            (true, None) => {}
            (false, Some(d)) => {
                // The reason names the missing fact: a type, a URL or a path, in backticks,
                // after the generic "no path; the page documents none".
                let (_, reason) = d.message.split_once("no path;").unwrap_or(("", ""));
                assert!(reason.matches('`').count() >= 2, "{d}");
            }
            (produced, dropped) => {
                panic!("{}: operation {produced}, dropped {dropped:?}", page.path)
            }
        }
    }
    let share = percent(all_dropped.len(), all_pages);
    println!(
        "operations dropped: {} of {all_pages} operation pages ({share:.2}%) over newer-template + beta-scripts + v1.0; newer-template alone: {} of {template_pages} ({:.1}%)",
        all_dropped.len(),
        template_dropped.len(),
        percent(template_dropped.len(), template_pages)
    );
    for d in &template_dropped {
        println!("  {d}");
    }
    assert!(share < 2.0, "{share:.2}% of operations dropped");
    println!(
        "property type agreement over the three: {:.2}% before ({} of {}), {:.2}% after ({} corrected)",
        agreement.before.percent(),
        agreement.before.agreeing,
        agreement.before.with_evidence,
        agreement.after.percent(),
        agreement.corrected
    );
    assert!(agreement.after.agreeing >= agreement.before.agreeing);
}

/// The measure on the beta docs at hand (beta-scripts and the newer template) and on v1.0,
/// before and after the corrections; every correction is a `type-corrected` warning.
#[test]
fn type_agreement_before_and_after() {
    for names in [&["beta-scripts", "newer-template"][..], &["v1.0"][..]] {
        let Some(pages) = corpora(names) else {
            return;
        };
        let (model, agreement) = measured(pages);
        let corrected = model
            .diagnostics
            .iter()
            .filter(|d| d.code == "type-corrected")
            .count();
        println!(
            "{}: type agreement {:.2}% before ({} of {} properties with stated evidence), {:.2}% after ({} of {}); {} corrected",
            names.join(" + "),
            agreement.before.percent(),
            agreement.before.agreeing,
            agreement.before.with_evidence,
            agreement.after.percent(),
            agreement.after.agreeing,
            agreement.after.with_evidence,
            agreement.corrected
        );
        for line in agreement.disagreeing.iter().take(12) {
            println!("  still disagrees: {line}");
        }
        assert_eq!(corrected, agreement.corrected);
        assert_eq!(
            agreement.after.with_evidence,
            agreement.before.with_evidence
        );
        assert_eq!(
            agreement.after.with_evidence - agreement.after.agreeing,
            agreement.disagreeing.len()
        );
        // A correction never makes a property disagree; those from the description alone
        // concern properties no statement is about.
        assert!(agreement.after.agreeing >= agreement.before.agreeing);
        assert!(agreement.after.agreeing <= agreement.before.agreeing + agreement.corrected);
    }
}

#[test]
fn the_seed_with_beta_scripts_yields_its_patch_with_the_inferred_path() {
    let Some(seed) = docgen::testing::shared_path("seeds/000_91048a0ccf3b8d2f.txt") else {
        return;
    };
    let Some(mut pages) = corpora(&["beta-scripts"]) else {
        return;
    };
    let seed_page = "seed/api/update-userrunstates.md";
    let bytes = std::fs::read(&seed).unwrap_or_else(|e| panic!("{}: {e}", seed.display()));
    pages.push((seed_page.to_string(), bytes));
    let (model, _) = measured(pages);
    let op = model
        .operations
        .iter()
        .find(|o| o.source.file == seed_page)
        .unwrap_or_else(|| panic!("no operation from the seed"));
    assert_eq!(op.method, Method::Patch);
    assert_eq!(
        op.path_texts().collect::<Vec<_>>(),
        ["/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}/userRunStates/{deviceManagementScriptUserStateId}"]
    );
    let note = model
        .diagnostics
        .iter()
        .find(|d| d.code == "path-inferred" && d.span.file == seed_page)
        .unwrap_or_else(|| panic!("no path-inferred note"));
    assert!(
        note.message
            .contains("the relationship `userRunStates` of `deviceManagementScript`")
            && note
                .message
                .contains("beta-scripts/api/intune-shared-devicemanagementscript-get.md")
            && note
                .message
                .contains("the method PATCH is from the example request"),
        "{note}"
    );
}

/// The page fixture in the newer template's style (`tests/fixtures/pages/newer-template/`):
/// every operation is in the crate, with the path a reader would recover, and the corrected
/// property types reach the generated structs.
#[test]
fn the_newer_template_fixture_recovers_every_operation() {
    let run = docgen_tests::pages::run("newer-template");
    let paths = |name: &str| {
        let op = run.operation(name);
        (op.method, op.path_texts().collect::<Vec<_>>())
    };
    let one = |method: Method, path: &'static str| (method, vec![path]);
    assert_eq!(
        paths("widgetReset"),
        one(Method::Post, "/gadgetManagement/widgets/{widgetId}/reset")
    );
    assert_eq!(
        paths("gadgetmanagementGetSummary"),
        one(
            Method::Get,
            "/gadgetManagement/getSummary(period='{period}')"
        )
    );
    assert_eq!(
        paths("updateParts"),
        one(
            Method::Patch,
            "/gadgetManagement/widgets/{widgetId}/parts/{partId}"
        )
    );
    assert_eq!(
        paths("updateWidget"),
        one(Method::Patch, "/gadgetManagement/widgets/{widgetId}")
    );
    assert!(!run
        .model
        .diagnostics
        .iter()
        .any(|d| d.code == "operation-dropped"));
    let widget = run.file("src/types/widget.rs").expect("widget.rs");
    assert!(widget.contains("pub state: ::std::option::Option<crate::types::WidgetState>"));
    let summary = run
        .operation("gadgetmanagementGetSummary")
        .response
        .as_ref()
        .and_then(|r| r.type_name());
    assert_eq!(summary, Some("String"));
}
