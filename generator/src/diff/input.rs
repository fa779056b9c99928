//! The two sides of a diff: a folder of pages, read as `generate` reads it, or a `docgen ir`
//! JSON file of this IR version.

use crate::error::Error;
use crate::ir::{Model, IR_VERSION};
use std::collections::BTreeMap;
use std::path::Path;

/// Reads `path`: a folder as pages, a file as `docgen ir` output. `threads` as
/// [`crate::config::Config::threads`].
pub fn load(path: &Path, threads: usize) -> Result<Model, Error> {
    if path.is_dir() {
        return crate::config::Config::new(path).threads(threads).model();
    }
    if !path.exists() {
        return Err(Error::InputMissing(path.to_path_buf()));
    }
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    model_from_json(&text).map_err(|reason| Error::IrInvalid {
        path: path.to_path_buf(),
        reason,
    })
}

/// A model from `docgen ir`'s JSON, checked for its `ir_version` first (so another version
/// gets that message, not a field error), completed as a model from pages is: ancestors and
/// derived lists from each type's base, then boxing (`crate::model::types::complete`).
pub fn model_from_json(text: &str) -> Result<Model, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not JSON ({e})"))?;
    match value.get("ir_version") {
        Some(version) if version.as_u64() == Some(u64::from(IR_VERSION)) => {}
        Some(version) => {
            return Err(format!(
                "it has ir_version {version}, and this docgen reads ir_version {IR_VERSION}; \
                 write it again with this docgen's `docgen ir`"
            ))
        }
        None => return Err("no `ir_version`: not the output of `docgen ir`".to_string()),
    }
    let mut model: Model = serde_json::from_value(value)
        .map_err(|e| format!("not the shape of ir_version {IR_VERSION} ({e})"))?;
    // The model's contract is lists sorted by name; a tool's JSON may not keep it.
    model.types.sort_by(|a, b| a.name.cmp(&b.name));
    model.operations.sort_by(|a, b| a.name.cmp(&b.name));
    let bases: BTreeMap<String, String> = model
        .types
        .iter()
        .filter_map(|t| Some((t.name.clone(), t.base()?.to_string())))
        .collect();
    let mut diagnostics = Vec::new();
    crate::model::types::complete(
        &mut model.types,
        |name| bases.get(name).map(String::as_str),
        &mut diagnostics,
    );
    model.diagnostics.extend(diagnostics);
    Ok(model)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_ir_version_or_shape_is_refused_with_the_reason() {
        let error = model_from_json(r#"{"ir_version": 1, "types": []}"#).unwrap_err();
        assert!(
            error.contains("ir_version 1, and this docgen reads ir_version 2"),
            "{error}"
        );
        let error = model_from_json(r#"{"types": []}"#).unwrap_err();
        assert!(error.contains("no `ir_version`"), "{error}");
        let error = model_from_json("[1, 2").unwrap_err();
        assert!(error.starts_with("not JSON"), "{error}");
        let error = model_from_json(r#"{"ir_version": 2, "types": 3}"#).unwrap_err();
        assert!(error.contains("not the shape of ir_version 2"), "{error}");
    }

    #[test]
    fn the_json_of_docgen_ir_reads_back_into_the_same_model() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
        let model = crate::Config::new(root).model().expect("docs-input reads");
        let json = serde_json::to_string(&model).expect("serializes");
        let read = model_from_json(&json).expect("reads back");
        assert_eq!(read.types, model.types);
        assert_eq!(read.operations, model.operations);
    }
}
