//! Stages 4 and 5: model -> Rust tokens (quote!) -> formatted files. The only place `quote!` appears.

use crate::model::Model;

/// A file of the generated crate, relative to the crate root (`src/types/user.rs`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

#[derive(Clone, Debug)]
pub struct EmitOptions {
    pub crate_name: String,
}

#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    #[error("internal error while emitting {what}: {message}")]
    Internal { what: String, message: String },
}

/// Emits the whole crate. Files come sorted by path.
pub fn emit_crate(model: &Model, options: &EmitOptions) -> Result<Vec<GeneratedFile>, EmitError> {
    let _ = (model, options);
    Ok(Vec::new())
}
