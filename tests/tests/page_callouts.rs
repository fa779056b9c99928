//! The page fixture `callouts` (`tests/fixtures/pages/callouts/`): every description is read by
//! one reader, a callout never leads one, and the emitted doc comments render the pieces.

use docgen_tests::pages::{self, Run};

/// The summary (first line) of each doc comment item in a generated file.
fn doc_summaries(run: &Run, file: &str) -> Vec<String> {
    let text = run
        .file(file)
        .unwrap_or_else(|| panic!("{file} not generated"));
    let mut summaries = Vec::new();
    let mut in_doc = false;
    for line in text.lines() {
        let doc = line.trim_start().strip_prefix("///");
        if let (Some(doc), false) = (doc, in_doc) {
            summaries.push(doc.trim().to_string());
        }
        in_doc = doc.is_some();
    }
    summaries
}

#[test]
fn callouts_never_lead_a_description() {
    let run = pages::run("callouts");
    let paragraphs = |description: &docgen::model::Description| -> Vec<String> {
        description
            .paragraphs
            .iter()
            .map(|p| p.flat_text())
            .collect()
    };
    // An enum page: leading callouts follow the summary; the Intune license note is dropped.
    let state = run.type_def("lampState");
    assert_eq!(
        paragraphs(&state.description),
        [
            "The state a lamp is in, as the hub last saw it.",
            "Important: APIs under the /beta version in Microsoft Graph are subject to change. \
             Use of these APIs in production applications is not supported.",
            "Note: A lamp reports its state when the `hub` asks.",
        ]
    );
    let dimmed = state.members().iter().find(|m| m.name == "dimmed");
    assert_eq!(
        dimmed.map(|m| m.description.flat_text()).as_deref(),
        Some("The lamp is on, below full brightness. Note: Only dimmable lamps report it.")
    );
    // Only callouts: the front matter's description is the summary.
    let color = run.type_def("lampColor");
    assert_eq!(
        paragraphs(&color.description).first().map(String::as_str),
        Some("The colors a lamp can shine in.")
    );
    // A resource page, its property cells, and API pages (their summary only).
    let lamp = run.type_def("lamp");
    assert!(paragraphs(&lamp.description)[0].starts_with("A lamp that the hub switches"));
    let get = run.operation("getLamp");
    assert_eq!(
        paragraphs(&get.description),
        ["Read the properties of a lamp."]
    );
    assert_eq!(
        get.query
            .first()
            .map(|q| q.description.flat_text())
            .as_deref(),
        Some("The properties to return. Note: Unknown names are ignored.")
    );
    // The summary under a `Namespace:` line of the same paragraph is kept.
    let update = run.operation("updateLamp");
    assert_eq!(
        paragraphs(&update.description),
        ["Update the properties of a lamp."]
    );
    for file in [
        "src/types/lamp_state.rs",
        "src/types/lamp_color.rs",
        "src/types/lamp.rs",
        "src/operations/lamp.rs",
    ] {
        for summary in doc_summaries(&run, file) {
            assert!(
                !["Note:", "Important:", "[!", "\\[!"]
                    .iter()
                    .any(|callout| summary.starts_with(callout)),
                "{file}: a callout is a summary: {summary}"
            );
        }
    }
    // A web link stays a link, a bare URL an autolink; relative links show their text.
    let lamp_file = run.file("src/types/lamp.rs").unwrap_or_default();
    assert!(lamp_file.contains("/// A lamp that [the hub](https://example.com/hub) switches;"));
    assert!(lamp_file.contains("<https://example.com/lamps>"));
    assert!(!lamp_file.contains("lampstate.md"));
    assert!(
        run.model.diagnostics.is_empty(),
        "{}",
        run.diagnostics_text()
    );
}
