//! Files docgen keeps beside the generated ones (the incremental cache), under the same rules:
//! links are never followed, writes are atomic, and a generated file is read only through
//! [`inspect`] (no link on the way).

use super::atomic::write_atomic;
use super::paths::{inspect, metadata, OnDisk};
use crate::error::Error;
use std::path::Path;

/// Name of the cache file in the output folder (see [`crate::cache`]). Hidden, so no generated
/// path can be it ([`super::paths`] refuses hidden names).
pub const CACHE_NAME: &str = ".docgen-cache";

/// The bytes of `path`: `None` when it does not exist; an error when it is a link (docgen never
/// follows one where it keeps its own files) or not a regular file, or when it is over `max`.
pub fn read_side_file(path: &Path, max: u64) -> Result<Option<Vec<u8>>, Error> {
    let Some(meta) = metadata(path)? else {
        return Ok(None);
    };
    if meta.file_type().is_symlink() {
        return Err(Error::Symlink { path: path.into() });
    }
    if !meta.is_file() || meta.len() > max {
        let reason = format!("not a regular file of at most {max} bytes");
        return Err(Error::UnsafePath {
            path: path.display().to_string(),
            reason,
        });
    }
    std::fs::read(path).map(Some).map_err(|source| Error::Io {
        path: path.into(),
        source,
    })
}

/// Replaces `path` atomically with `bytes`, creating its folder. A link at `path` is refused.
/// Leftover temporary files are not removed here: this runs outside the output folder's lock,
/// where another run may be writing; the next `write_crate` removes those of the output folder.
pub fn write_side_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let folder = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(folder).map_err(|source| Error::Io {
        path: folder.into(),
        source,
    })?;
    if let Some(meta) = metadata(path)? {
        if meta.file_type().is_symlink() {
            return Err(Error::Symlink { path: path.into() });
        }
    }
    write_atomic(path, bytes)
}

/// The bytes of the generated file `rel` in `out_dir`, when it is a regular file reached without
/// a link; `None` otherwise (the caller then renders it, and the write reports the problem).
/// `rel` may come from a cache file: a path that could leave the folder is never read.
pub fn read_generated(out_dir: &Path, rel: &str) -> Option<Vec<u8>> {
    if super::paths::path_problem(rel).is_some() {
        return None;
    }
    match inspect(out_dir, rel) {
        Ok(OnDisk::File(_)) => std::fs::read(out_dir.join(rel)).ok(),
        _ => None,
    }
}
