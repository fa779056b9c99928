//! Emitting with an incremental cache: every file's tokens are still built from the plan, but a
//! file whose tokens and header are what they were when it was last formatted is taken from
//! the cache instead of formatted again (formatting is most of the emit stage's cost).
//!
//! The key of a file is the fingerprint of exactly what its formatted text is made of: its
//! token tree ([`crate::format::tokens_fingerprint`]) and its `@generated` header. Whatever in
//! the model a file depends on (its type, the ancestors whose properties it copies, the names
//! it refers to, its features, its pages), it reaches the text only through those, so equal keys
//! mean equal text, for one docgen build: the cache itself is keyed by docgen's version.

use super::{plan_and_run, EmitError, EmitOptions, Emitted, GeneratedFile, Job};
use crate::fingerprint::Fnv128;
use crate::ir::Model;
use crate::timings::{Stage, StageClock};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Formatted files from an earlier run.
pub trait Reuse: Sync {
    /// The contents of `path` when it was last rendered with this `key`, if known for sure.
    fn reuse(&self, path: &str, key: u128) -> Option<String>;

    /// Whether keys are wanted at all (computing them costs a walk of every token tree).
    fn wants_keys(&self) -> bool {
        true
    }
}

/// Reuses nothing: every file is formatted.
pub struct FormatAll;

impl Reuse for FormatAll {
    fn reuse(&self, _path: &str, _key: u128) -> Option<String> {
        None
    }

    fn wants_keys(&self) -> bool {
        false
    }
}

/// The crate as [`super::emit`] makes it, plus each Rust file's key and how many were reused.
#[derive(Clone, Debug, Default)]
pub struct KeyedEmitted {
    pub emitted: Emitted,
    /// Key of every file built from tokens (all but `Cargo.toml`), by path; empty when `reuse`
    /// wants no keys.
    pub keys: BTreeMap<String, u128>,
    /// Files taken from `reuse` rather than formatted.
    pub reused: usize,
}

/// [`super::emit_timed`], taking every file `reuse` knows from it. The files are the same bytes
/// as [`super::emit`] gives whenever `reuse` answers truly.
pub fn emit_reusing(
    model: &Model,
    options: &EmitOptions,
    clock: &StageClock,
    reuse: &dyn Reuse,
) -> Result<KeyedEmitted, EmitError> {
    clock.phase(&[Stage::EmitTokens, Stage::Format], || {
        let planned = plan_and_run(model, options, clock, |jobs| {
            jobs.par_iter()
                .map(|job| render_keyed(job, clock, reuse))
                .collect::<Result<Vec<_>, _>>()
        });
        let mut keyed = KeyedEmitted::default();
        let mut files = Vec::new();
        for (file, key, reused) in planned.output? {
            if reuse.wants_keys() {
                keyed.keys.insert(file.path.clone(), key);
            }
            keyed.reused += usize::from(reused);
            files.push(file);
        }
        files.push(planned.manifest);
        files.sort();
        keyed.emitted = Emitted {
            files,
            diagnostics: planned.diagnostics,
            example_tests: planned.example_tests,
        };
        Ok(keyed)
    })
}

/// One file: its tokens, its key (0 when none is wanted), then the cached text or a fresh
/// format.
fn render_keyed(
    job: &Job<'_>,
    clock: &StageClock,
    reuse: &dyn Reuse,
) -> Result<(GeneratedFile, u128, bool), EmitError> {
    let tokens = clock.work(Stage::EmitTokens, || job.tokens())?;
    let header = crate::format::rust_header(&job.pages);
    let mut key = 0;
    if reuse.wants_keys() {
        key = clock.work(Stage::EmitTokens, || {
            let mut hasher = Fnv128::new();
            hasher.piece(header.as_bytes());
            crate::format::tokens_fingerprint(&tokens, &mut hasher);
            hasher.finish()
        });
        if let Some(contents) = reuse.reuse(&job.path, key) {
            let file = GeneratedFile {
                path: job.path.clone(),
                contents,
            };
            return Ok((file, key, true));
        }
    }
    let code = clock
        .work(Stage::Format, || crate::format::format_file(tokens))
        .map_err(|error| job.internal_error(&error))?;
    let file = GeneratedFile {
        path: job.path.clone(),
        contents: header + &code,
    };
    Ok((file, key, false))
}
