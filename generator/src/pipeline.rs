//! The whole pipeline on pages held in memory, with no file system access: pages -> model ->
//! emitted files. [`crate::Config`] runs it on the pages it reads from the input folder; the fuzz
//! targets (`fuzz/`) and tests run it on bytes they make up.

use crate::diag::Diagnostic;
use crate::emit::{EmitError, EmitOptions, Emitted};
use crate::ir::Model;
use crate::pages::SourceFile;
use crate::timings::{Stage, StageClock};
use rayon::prelude::*;

/// Pages as bytes, `(relative path, contents)`, decoded as if read from disk (UTF-8 checked, BOM
/// stripped, line ends normalised, empty pages skipped), with the diagnostics of decoding.
pub fn sources_from_bytes(pages: Vec<(String, Vec<u8>)>) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let mut sources = Vec::with_capacity(pages.len());
    let mut diagnostics = Vec::new();
    for (path, bytes) in pages {
        let (source, diags) = crate::pages::source::page_from_bytes(&path, bytes);
        sources.extend(source);
        diagnostics.extend(diags);
    }
    (sources, diagnostics)
}

/// Stages 1-3: parses every page (in parallel, in the current rayon pool), extracts its facts and
/// builds the model. `diagnostics` are those found before parsing (reading, decoding); they end
/// up in the model with the rest. The model does not depend on the order of `files`.
pub fn model_from_sources(files: &[SourceFile], diagnostics: Vec<Diagnostic>) -> Model {
    model_from_sources_timed(files, diagnostics, &StageClock::disabled())
}

/// [`model_from_sources`], with the measure of property type agreement (the share of
/// properties whose type agrees with what the JSON representation and examples state) before
/// and after docgen's corrections.
pub fn model_with_type_agreement(
    files: &[SourceFile],
    diagnostics: Vec<Diagnostic>,
) -> (Model, crate::model::type_agreement::AgreementReport) {
    let (facts, diagnostics) = facts_of(files, diagnostics, &StageClock::disabled());
    crate::model::resolve::build_measured(facts, diagnostics)
}

/// [`model_from_sources`], timing the parse, facts and resolve stages on `clock`.
pub fn model_from_sources_timed(
    files: &[SourceFile],
    diagnostics: Vec<Diagnostic>,
    clock: &StageClock,
) -> Model {
    let (facts, diagnostics) = facts_of(files, diagnostics, clock);
    clock.stage(Stage::Resolve, || {
        crate::model::resolve::build(facts, diagnostics)
    })
}

/// Stages 1-2 on every page, in parallel; the facts in input order, with every diagnostic.
fn facts_of(
    files: &[SourceFile],
    mut diagnostics: Vec<Diagnostic>,
    clock: &StageClock,
) -> (Vec<crate::facts::PageFacts>, Vec<Diagnostic>) {
    let per_page: Vec<_> = clock.phase(&[Stage::Parse, Stage::Facts], || {
        files
            .par_iter()
            .map(|file| {
                let (page, mut page_diags) =
                    clock.work(Stage::Parse, || crate::pages::parse_page(file));
                let (page_facts, fact_diags) =
                    clock.work(Stage::Facts, || crate::facts::extract(&page));
                page_diags.extend(fact_diags);
                (page_facts, page_diags)
            })
            .collect()
    });
    let mut facts = Vec::with_capacity(per_page.len());
    for (page_facts, page_diags) in per_page {
        diagnostics.extend(page_diags);
        facts.push(page_facts);
    }
    (facts, diagnostics)
}

/// Stages 1-5: the model and the crate's formatted files, in memory. An error is a docgen bug
/// (the emitter built tokens that are not Rust), never a property of the input.
pub fn pipeline_from_sources(
    files: &[SourceFile],
    diagnostics: Vec<Diagnostic>,
    options: &EmitOptions,
) -> Result<(Model, Emitted), EmitError> {
    let model = model_from_sources(files, diagnostics);
    let emitted = crate::emit::emit(&model, options)?;
    Ok((model, emitted))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESOURCE: &str = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n\
        ---\n\n# widget resource type\n\n## Properties\n\n| Property | Type | Description |\n\
        |:---|:---|:---|\n| id | String | The identifier. Read-only. |\n| size | Int32 | How big. |\n";

    #[test]
    fn pages_in_memory_become_a_crate() {
        let (sources, diagnostics) = sources_from_bytes(vec![
            ("resources/widget.md".into(), RESOURCE.as_bytes().to_vec()),
            ("api/empty.md".into(), b" \r\n".to_vec()),
            ("resources/bad.md".into(), b"# bad\xFF\n".to_vec()),
        ]);
        let paths: Vec<&str> = sources.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(paths, ["resources/widget.md", "resources/bad.md"]);
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["file-empty", "file-not-utf8"]);
        let options = EmitOptions {
            crate_name: "widgets".into(),
            ..Default::default()
        };
        let (model, emitted) = pipeline_from_sources(&sources, diagnostics, &options).unwrap();
        assert_eq!(model.pages.len(), 2);
        let widget = model.type_by_name("widget").expect("widget type");
        assert_eq!(widget.properties().len(), 2);
        assert!(model.diagnostics.iter().any(|d| d.code == "file-empty"));
        assert!(emitted
            .files
            .iter()
            .any(|f| f.path == "src/types/widget.rs" && f.contents.contains("pub size")));
    }
}
