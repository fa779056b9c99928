//! Stages 4 and 5: model -> Rust tokens (quote!) -> formatted files. The only place `quote!` appears.
//!
//! First every name is decided over whole sets ([`plan`]); then each file is built as tokens from
//! the plan alone ([`items`], [`examples`]), independently (in parallel), and formatted by
//! [`crate::format`]. The output is sorted by path, so it never depends on thread scheduling.

mod examples;
mod items;
mod plan;
pub mod reuse;
pub mod surface;
mod tokens;

use crate::diag::Diagnostic;
use crate::ir::Model;
use crate::timings::{Stage, StageClock};
use items::{cargo, enums, modules, operations, runtime, structs};
use plan::operations::OpPlan;
use plan::types::{TypePlan, TypesPlan};
use plan::{features, types as plan_types};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

pub use items::runtime::DEFAULT_BASE_URL;

/// A file of the generated crate, relative to the crate root (`src/types/user.rs`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

#[derive(Clone, Debug)]
pub struct EmitOptions {
    /// The cargo package name; made valid if it is not (see [`cargo::package_name`]).
    pub crate_name: String,
    /// The package version in `Cargo.toml`.
    pub crate_version: crate::version::Version,
}

impl Default for EmitOptions {
    /// `graph-bindings` 0.1.0.
    fn default() -> Self {
        EmitOptions {
            crate_name: "graph-bindings".to_string(),
            crate_version: crate::version::Version::new(0, 1, 0),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    #[error("internal error while emitting {what}: {message}")]
    Internal { what: String, message: String },
}

/// The crate's files and what emitting found (name collisions, boxed recursion, examples that
/// could not become tests, references the model does not define).
#[derive(Clone, Debug, Default)]
pub struct Emitted {
    pub files: Vec<GeneratedFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// Number of `#[test]` functions made from the docs' examples.
    pub example_tests: usize,
}

/// Emits the whole crate. Files come sorted by path.
pub fn emit_crate(model: &Model, options: &EmitOptions) -> Result<Vec<GeneratedFile>, EmitError> {
    emit(model, options).map(|emitted| emitted.files)
}

/// Emits the whole crate, with diagnostics. Files come sorted by path.
pub fn emit(model: &Model, options: &EmitOptions) -> Result<Emitted, EmitError> {
    emit_timed(model, options, &StageClock::disabled())
}

/// [`emit`], adding the time spent planning and building tokens, and formatting, to `clock`.
pub fn emit_timed(
    model: &Model,
    options: &EmitOptions,
    clock: &StageClock,
) -> Result<Emitted, EmitError> {
    // Not through `reuse::emit_reusing` (which uses this module's planning): the files would
    // form a cycle. Same bytes: that path without keys does exactly this.
    clock.phase(&[Stage::EmitTokens, Stage::Format], || {
        let planned = plan_and_run(model, options, clock, |jobs| {
            use rayon::prelude::*;
            jobs.par_iter()
                .map(|job| {
                    let tokens = clock.work(Stage::EmitTokens, || job.tokens())?;
                    let code = clock
                        .work(Stage::Format, || crate::format::format_file(tokens))
                        .map_err(|error| job.internal_error(&error))?;
                    let header = crate::format::rust_header(&job.pages);
                    Ok(GeneratedFile {
                        path: job.path.clone(),
                        contents: header + &code,
                    })
                })
                .collect::<Result<Vec<_>, EmitError>>()
        });
        let mut files = planned.output?;
        files.push(planned.manifest);
        files.sort();
        Ok(Emitted {
            files,
            diagnostics: planned.diagnostics,
            example_tests: planned.example_tests,
        })
    })
}

/// What [`emit`] reports (its diagnostics all come from planning), without building a file.
pub fn diagnostics(model: &Model, options: &EmitOptions) -> Vec<Diagnostic> {
    plan_and_run(model, options, &StageClock::disabled(), |_| ()).diagnostics
}

/// The syntax tree of every Rust file of the crate, unformatted, single-threaded: what the
/// benchmark's formatting floor pretty-prints (see [`crate::bench`]).
pub fn syntax_trees(
    model: &Model,
    options: &EmitOptions,
) -> Result<Vec<(String, syn::File)>, EmitError> {
    let clock = StageClock::disabled();
    let planned = plan_and_run(model, options, &clock, |jobs| {
        jobs.iter()
            .map(|job| {
                let file = syn::parse2::<syn::File>(job.tokens()?)
                    .map_err(|error| job.internal_error(&error))?;
                Ok((job.path.clone(), file))
            })
            .collect::<Result<Vec<_>, _>>()
    });
    planned.output
}

/// What planning found, and what `run` made of the jobs.
struct Planned<R> {
    output: R,
    diagnostics: Vec<Diagnostic>,
    manifest: GeneratedFile,
    example_tests: usize,
}

/// Plans every file of the crate (names over whole sets first), then hands the jobs to `run`.
fn plan_and_run<R>(
    model: &Model,
    options: &EmitOptions,
    clock: &StageClock,
    run: impl FnOnce(&[Job<'_>]) -> R,
) -> Planned<R> {
    let planning = std::time::Instant::now();
    let mut diagnostics = Vec::new();
    let mut types = plan_types::plan_types(model, &mut diagnostics);
    let mut ops = plan::operations::plan_operations(model, &types, &mut diagnostics);
    plan::paths::share(&mut ops);
    let all_features = features::assign(model, &mut types, &ops);
    let package = cargo::package_name(&options.crate_name);

    let mut groups: BTreeMap<&str, Vec<&OpPlan<'_>>> = BTreeMap::new();
    for op in &ops {
        groups.entry(op.module.as_str()).or_default().push(op);
    }
    let tests = examples::plan_tests(&groups, &types, &mut diagnostics);

    // Every file as a job: its path, its header's pages, and how to build its tokens.
    let mut jobs: Vec<Job<'_>> = Vec::new();
    jobs.push(Job::rust(
        "src/lib.rs",
        all_pages(model),
        Source::Lib(model),
    ));
    for (name, text) in runtime::RUNTIME_FILES {
        jobs.push(Job::rust(
            format!("src/runtime/{name}"),
            BTreeSet::new(),
            Source::Runtime(text),
        ));
    }
    jobs.push(Job::rust(
        "src/types/mod.rs",
        BTreeSet::new(),
        Source::TypesMod(&types),
    ));
    for plan in types.types.values() {
        let path = format!("src/types/{}.rs", plan.module);
        jobs.push(Job::rust(
            path,
            plan.pages.clone(),
            Source::Type(plan, &types),
        ));
    }
    jobs.push(Job::rust(
        "src/operations/mod.rs",
        BTreeSet::new(),
        Source::OperationsMod(&groups),
    ));
    for (module, ops) in &groups {
        let pages = ops.iter().map(|op| op.op.source.file.clone()).collect();
        jobs.push(Job::rust(
            format!("src/operations/{module}.rs"),
            pages,
            Source::Group(ops),
        ));
    }
    let crate_ident = cargo::lib_ident(&package);
    if !tests.is_empty() {
        let modules: Vec<&str> = tests.keys().copied().collect();
        jobs.push(Job::rust(
            "tests/examples/main.rs",
            BTreeSet::new(),
            Source::TestsMain(modules),
        ));
        jobs.push(Job::rust(
            "tests/examples/support.rs",
            BTreeSet::new(),
            Source::TestsSupport(crate_ident.clone()),
        ));
        for (module, group_tests) in &tests {
            let pages = group_tests
                .iter()
                .map(|t| t.op.op.source.file.clone())
                .collect();
            let source = Source::Tests(group_tests, crate_ident.clone());
            jobs.push(Job::rust(
                format!("tests/examples/{module}.rs"),
                pages,
                source,
            ));
        }
    }

    let manifest = GeneratedFile {
        path: "Cargo.toml".to_string(),
        contents: cargo::manifest(
            &package,
            &options.crate_version,
            &all_features,
            &all_pages(model),
        ),
    };
    clock.add_work(Stage::EmitTokens, planning.elapsed());
    let output = run(&jobs);
    diagnostics.sort();
    diagnostics.dedup();
    Planned {
        output,
        diagnostics,
        manifest,
        example_tests: tests.values().map(Vec::len).sum(),
    }
}

fn all_pages(model: &Model) -> BTreeSet<String> {
    model.pages.iter().map(|p| p.path.clone()).collect()
}

struct Job<'a> {
    path: String,
    pages: BTreeSet<String>,
    source: Source<'a>,
}

enum Source<'a> {
    Lib(&'a Model),
    /// The text of a file of `generator/runtime/`.
    Runtime(&'static str),
    TypesMod(&'a TypesPlan<'a>),
    Type(&'a TypePlan<'a>, &'a TypesPlan<'a>),
    OperationsMod(&'a BTreeMap<&'a str, Vec<&'a OpPlan<'a>>>),
    Group(&'a [&'a OpPlan<'a>]),
    TestsMain(Vec<&'a str>),
    TestsSupport(String),
    Tests(&'a [examples::TestPlan<'a>], String),
}

impl Job<'_> {
    fn rust<'a>(path: impl Into<String>, pages: BTreeSet<String>, source: Source<'a>) -> Job<'a> {
        Job {
            path: path.into(),
            pages,
            source,
        }
    }

    fn internal_error(&self, error: &syn::Error) -> EmitError {
        EmitError::Internal {
            what: self.path.clone(),
            message: error.to_string(),
        }
    }

    fn tokens(&self) -> Result<TokenStream, EmitError> {
        let tokens = match &self.source {
            Source::Lib(model) => modules::lib_file(model),
            Source::Runtime(text) => {
                runtime::runtime_file(text).map_err(|error| self.internal_error(&error))?
            }
            Source::TypesMod(types) => modules::types_mod(types),
            Source::Type(plan, _) if plan.is_enum() => enums::enum_items(plan),
            Source::Type(plan, types) => structs::type_items(plan, types),
            Source::OperationsMod(groups) => modules::operations_mod(groups),
            Source::Group(ops) => {
                let items = ops.iter().map(|op| operations::operation_items(op));
                quote! { #(#items)* }
            }
            Source::TestsMain(modules) => examples::main_file(modules),
            Source::TestsSupport(krate) => examples::support_file(krate),
            Source::Tests(tests, krate) => examples::tests_file(tests, krate),
        };
        Ok(tokens)
    }
}

#[cfg(test)]
mod tests;
