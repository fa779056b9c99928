//! `docgen diff` as one call: read both sides, compare, render, check the versions and `--deny`.

use super::gate::{check_versions, denied, Deny};
use super::report::Inputs;
use crate::error::Error;
use crate::version::Version;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
}

#[derive(Clone, Debug)]
pub struct Request {
    /// A folder of pages or a `docgen ir` JSON file, each.
    pub old: PathBuf,
    pub new: PathBuf,
    pub format: Format,
    pub deny: Deny,
    /// The crate's version before and after.
    pub versions: Option<(Version, Version)>,
    /// Worker threads for reading pages; 0: all cores.
    pub threads: usize,
}

#[derive(Clone, Debug)]
pub struct Outcome {
    /// The report.
    pub output: String,
    /// Why `--deny` fails the change, when it does.
    pub denied: Option<String>,
}

pub fn run(request: &Request) -> Result<Outcome, Error> {
    let old = super::input::load(&request.old, request.threads)?;
    let new = super::input::load(&request.new, request.threads)?;
    let report = super::diff(&old, &new);
    let inputs = Inputs {
        old: request.old.display().to_string(),
        new: request.new.display().to_string(),
        versions: request
            .versions
            .as_ref()
            .map(|(before, after)| check_versions(&report, before, after)),
    };
    let output = match request.format {
        Format::Markdown => super::markdown::render(
            &report,
            &super::markdown::Options {
                inputs: inputs.clone(),
                max_bytes: super::markdown::MAX_BYTES,
            },
        ),
        Format::Json => super::json::render(&report, &inputs),
    };
    Ok(Outcome {
        output,
        denied: denied(&report, request.deny, inputs.versions.as_ref()),
    })
}
