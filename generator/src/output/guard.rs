//! Output folders docgen refuses (unless forced): the input folder, a folder around or inside
//! it, a Cargo workspace root, and a non-empty folder of files docgen did not write.

use super::contract::{has_generated_marker, LOCK_NAME, MANIFEST_NAME, TEMP_PREFIX};
use super::limits::MAX_SCAN_ENTRIES;
use crate::error::Error;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Refuses an output folder that is, contains or lies inside `input`, or is a workspace root.
pub(crate) fn refuse_unsafe_out_dir(out_dir: &Path, input: Option<&Path>) -> Result<(), Error> {
    let out = resolve(out_dir)?;
    let refuse = |reason: String| {
        Err(Error::OutputRefused {
            out_dir: out_dir.to_path_buf(),
            reason,
        })
    };
    if let Some(input) = input.filter(|i| i.exists()) {
        let input = resolve(input)?;
        if out == input {
            return refuse("it is the input folder".into());
        }
        if input.starts_with(&out) {
            return refuse(format!("it contains the input folder {}", input.display()));
        }
        if out.starts_with(&input) {
            return refuse(format!("it is inside the input folder {}", input.display()));
        }
    }
    if is_workspace_root(&out) {
        return refuse("it is a Cargo workspace root (its Cargo.toml has [workspace])".into());
    }
    Ok(())
}

/// Refuses a folder without a manifest that holds anything docgen did not write: a file without
/// the generated marker on its first line, or a link. Empty folders do not count.
pub(crate) fn refuse_foreign_folder(out_dir: &Path) -> Result<(), Error> {
    let mut foreign: Vec<PathBuf> = Vec::new();
    let mut seen = 0usize;
    let mut pending = vec![out_dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => {
                return Err(Error::Io {
                    path: folder,
                    source,
                })
            }
        };
        for entry in entries {
            let entry = entry.map_err(|source| Error::Io {
                path: folder.clone(),
                source,
            })?;
            seen += 1;
            if seen > MAX_SCAN_ENTRIES {
                return Err(Error::OutputRefused {
                    out_dir: out_dir.to_path_buf(),
                    reason: format!(
                        "it has no {} and more than {MAX_SCAN_ENTRIES} entries to check",
                        MANIFEST_NAME
                    ),
                });
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            let kind = entry.file_type().map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            let ours = if kind.is_dir() {
                pending.push(path.clone());
                true
            } else if folder == out_dir && name == LOCK_NAME {
                true
            } else if kind.is_file() {
                name.starts_with(TEMP_PREFIX) || starts_with_marker(&path)?
            } else {
                false
            };
            if !ours {
                foreign.push(path);
            }
        }
    }
    if foreign.is_empty() {
        return Ok(());
    }
    foreign.sort();
    let examples: Vec<String> = foreign
        .iter()
        .take(3)
        .map(|p| p.display().to_string())
        .collect();
    let more = foreign.len().saturating_sub(examples.len());
    let reason = format!(
        "it holds files docgen did not write and no {} ({}{})",
        MANIFEST_NAME,
        examples.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    );
    Err(Error::OutputRefused {
        out_dir: out_dir.to_path_buf(),
        reason,
    })
}

/// Whether the file's first line carries the generated marker (reads at most 512 bytes).
pub(crate) fn starts_with_marker(path: &Path) -> Result<bool, Error> {
    let mut head = Vec::with_capacity(512);
    std::fs::File::open(path)
        .and_then(|file| file.take(512).read_to_end(&mut head))
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(has_generated_marker(&head))
}

fn is_workspace_root(dir: &Path) -> bool {
    let mut text = String::new();
    let read = std::fs::File::open(dir.join("Cargo.toml"))
        .and_then(|file| file.take(1024 * 1024).read_to_string(&mut text));
    read.is_ok() && text.lines().any(|line| line.trim() == "[workspace]")
}

/// An absolute path with links resolved as far as the path exists, and `.`/`..` applied to the
/// rest, so two spellings of one folder compare equal even before it is created.
fn resolve(path: &Path) -> Result<PathBuf, Error> {
    let absolute = std::path::absolute(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut existing = absolute.as_path();
    let mut rest: Vec<Component> = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut resolved = canonical;
            for component in rest.iter().rev() {
                match component {
                    Component::ParentDir => {
                        resolved.pop();
                    }
                    Component::Normal(name) => resolved.push(name),
                    _ => {}
                }
            }
            return Ok(resolved);
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return Ok(absolute),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::testdir::TestDir;

    #[test]
    fn refuses_the_input_folder_its_parents_and_its_children() {
        let root = TestDir::new();
        let input = root.path().join("docs");
        std::fs::create_dir_all(&input).unwrap();
        for (out, why) in [
            (input.clone(), "is the input folder"),
            (input.join("sub/.."), "is the input folder"),
            (root.path().to_path_buf(), "contains the input folder"),
            (input.join("generated"), "inside the input folder"),
        ] {
            let err = refuse_unsafe_out_dir(&out, Some(&input))
                .unwrap_err()
                .to_string();
            assert!(err.contains(why), "{}: {err}", out.display());
        }
        assert!(refuse_unsafe_out_dir(&root.path().join("out"), Some(&input)).is_ok());
    }

    #[test]
    fn refuses_a_workspace_root() {
        let root = TestDir::new();
        std::fs::write(root.path().join("Cargo.toml"), "[package]\n").unwrap();
        assert!(refuse_unsafe_out_dir(root.path(), None).is_ok());
        std::fs::write(
            root.path().join("Cargo.toml"),
            "[workspace]\nmembers = []\n",
        )
        .unwrap();
        let err = refuse_unsafe_out_dir(root.path(), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("workspace root"), "{err}");
    }

    #[test]
    fn a_folder_of_generated_files_is_not_foreign_and_one_foreign_file_is() {
        let root = TestDir::new();
        assert!(refuse_foreign_folder(&root.path().join("missing")).is_ok());
        std::fs::create_dir_all(root.path().join("src/empty")).unwrap();
        std::fs::write(root.path().join("src/lib.rs"), "// @generated by docgen\n").unwrap();
        std::fs::write(root.path().join(LOCK_NAME), "").unwrap();
        assert!(refuse_foreign_folder(root.path()).is_ok());
        std::fs::write(root.path().join("src/notes.txt"), "mine\n").unwrap();
        let err = refuse_foreign_folder(root.path()).unwrap_err().to_string();
        assert!(
            err.contains("notes.txt") && err.contains("did not write"),
            "{err}"
        );
    }
}
