//! Which relative paths docgen may write, and walking them on disk without following links.
//!
//! A generated path is `/`-separated components of `[A-Za-z0-9_.-]`, none empty, `.`, `..`,
//! starting with a dot (no `.git/hooks`, no `.cargo/config.toml`, no clash with docgen's own
//! `.docgen-*` files) or ending with one, and none a reserved Windows device name. The allow-list
//! alone excludes `\`, `:` (drive letters, alternate streams), NUL and every control character;
//! the other rules are checked explicitly so the error says why.

use super::limits::{MAX_COMPONENT_BYTES, MAX_DEPTH, MAX_PATH_BYTES};
use crate::error::Error;
use std::collections::BTreeMap;
use std::fs::Metadata;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// Windows device names, reserved in every folder and with any extension (`con.rs`).
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Why `path` may not be written, or `None` when it may.
pub(crate) fn path_problem(path: &str) -> Option<String> {
    if path.is_empty() {
        return Some("the path is empty".into());
    }
    if path.len() > MAX_PATH_BYTES {
        return Some(format!("the path is longer than {MAX_PATH_BYTES} bytes"));
    }
    if path.starts_with('/') || path.starts_with('\\') {
        return Some("the path is absolute".into());
    }
    if path.contains('\\') {
        return Some("the path contains `\\` (only `/` separates folders)".into());
    }
    if path.as_bytes().get(1) == Some(&b':') {
        return Some("the path starts with a drive letter".into());
    }
    if path.contains('\0') {
        return Some("the path contains a NUL byte".into());
    }
    let components: Vec<&str> = path.split('/').collect();
    if components.len() > MAX_DEPTH {
        return Some(format!("the path has more than {MAX_DEPTH} components"));
    }
    components
        .iter()
        .find_map(|component| component_problem(component))
}

fn component_problem(component: &str) -> Option<String> {
    match component {
        "" => return Some("the path has an empty component (`//` or a trailing `/`)".into()),
        "." | ".." => return Some(format!("the path has a `{component}` component")),
        _ => {}
    }
    if component.len() > MAX_COMPONENT_BYTES {
        return Some(format!(
            "a component is longer than {MAX_COMPONENT_BYTES} bytes"
        ));
    }
    if let Some(bad) = component
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
    {
        return Some(format!(
            "`{component}` contains {bad:?}; names use only A-Z a-z 0-9 _ - ."
        ));
    }
    if component.starts_with('.') {
        return Some(format!(
            "`{component}` starts with a dot (hidden and reserved names)"
        ));
    }
    if component.ends_with('.') {
        return Some(format!("`{component}` ends with a dot (Windows drops it)"));
    }
    let stem = component
        .split('.')
        .next()
        .unwrap_or(component)
        .to_ascii_lowercase();
    if WINDOWS_RESERVED.contains(&stem.as_str()) {
        return Some(format!(
            "`{component}` is a reserved device name on Windows"
        ));
    }
    None
}

/// Checks every path of a generated file set: each valid, no two equal when case is ignored
/// (they would overwrite each other on macOS and Windows), none both a file and a folder.
pub(crate) fn validate_set<'a>(paths: impl IntoIterator<Item = &'a str>) -> Result<(), Error> {
    let mut folded: BTreeMap<String, &str> = BTreeMap::new();
    for path in paths {
        if let Some(reason) = path_problem(path) {
            return Err(Error::UnsafePath {
                path: path.to_string(),
                reason,
            });
        }
        if let Some(other) = folded.insert(path.to_ascii_lowercase(), path) {
            let reason = if other == path {
                "the emitter produced it twice".to_string()
            } else {
                format!("it collides with `{other}` on case-insensitive file systems")
            };
            return Err(Error::UnsafePath {
                path: path.to_string(),
                reason,
            });
        }
    }
    // A file `a` and a file `a/b` cannot both exist: no folder of a path may be a path itself.
    for (lower, path) in &folded {
        let mut folder = lower.as_str();
        while let Some((parent, _)) = folder.rsplit_once('/') {
            if folded.contains_key(parent) {
                let reason = format!("`{parent}` is generated as a file and as a folder");
                return Err(Error::UnsafePath {
                    path: path.to_string(),
                    reason,
                });
            }
            folder = parent;
        }
    }
    Ok(())
}

/// What is at a path inside the output folder.
#[derive(Debug)]
pub(crate) enum OnDisk {
    Missing,
    File(Metadata),
    Dir,
    /// A symbolic link (never followed).
    Symlink,
    /// Neither file, folder nor link (a FIFO, a socket, a device).
    Special,
}

/// Looks at `out_dir/rel` without following links: every folder on the way must be a real
/// folder (a link there is an error: following it could lead out of the output folder).
pub(crate) fn inspect(out_dir: &Path, rel: &str) -> Result<OnDisk, Error> {
    let mut current = out_dir.to_path_buf();
    let components: Vec<&str> = rel.split('/').collect();
    let (last, parents) = match components.split_last() {
        Some(split) => split,
        None => return Ok(OnDisk::Missing),
    };
    for parent in parents {
        current.push(parent);
        match metadata(&current)? {
            None => return Ok(OnDisk::Missing),
            Some(meta) if meta.file_type().is_symlink() => {
                return Err(Error::Symlink { path: current })
            }
            Some(meta) if meta.is_dir() => {}
            Some(_) => {
                return Err(Error::UnsafePath {
                    path: rel.to_string(),
                    reason: format!("{} is a file where a folder is needed", current.display()),
                })
            }
        }
    }
    current.push(last);
    Ok(match metadata(&current)? {
        None => OnDisk::Missing,
        Some(meta) if meta.file_type().is_symlink() => OnDisk::Symlink,
        Some(meta) if meta.is_dir() => OnDisk::Dir,
        Some(meta) if meta.is_file() => OnDisk::File(meta),
        Some(_) => OnDisk::Special,
    })
}

/// `symlink_metadata`, with "not found" as `None` and other failures as errors with the path.
pub(crate) fn metadata(path: &Path) -> Result<Option<Metadata>, Error> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) => Ok(Some(meta)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(source) => Err(Error::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Creates the folders of `rel` below `out_dir` one by one, refusing links on the way.
pub(crate) fn create_parents(out_dir: &Path, rel: &str) -> Result<(), Error> {
    let mut current = out_dir.to_path_buf();
    let components: Vec<&str> = rel.split('/').collect();
    let parents = components.split_last().map(|(_, p)| p).unwrap_or_default();
    for parent in parents {
        current.push(parent);
        match std::fs::create_dir(&current) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::AlreadyExists => match metadata(&current)? {
                Some(meta) if meta.is_dir() && !meta.file_type().is_symlink() => {}
                Some(meta) if meta.file_type().is_symlink() => {
                    return Err(Error::Symlink { path: current })
                }
                _ => {
                    return Err(Error::UnsafePath {
                        path: rel.to_string(),
                        reason: format!("{} is a file where a folder is needed", current.display()),
                    })
                }
            },
            Err(source) => {
                return Err(Error::Io {
                    path: current,
                    source,
                })
            }
        }
    }
    Ok(())
}

/// Removes the folders of `rel` that became empty, deepest first, never `out_dir` itself.
pub(crate) fn prune_empty_parents(out_dir: &Path, rel: &str) {
    let components: Vec<&str> = rel.split('/').collect();
    for depth in (1..components.len()).rev() {
        let dir: PathBuf = components
            .iter()
            .take(depth)
            .fold(out_dir.to_path_buf(), |p, c| p.join(c));
        // Fails (and stops) on the first folder that still holds something: that is the point.
        if std::fs::remove_dir(&dir).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_relative_paths() {
        for ok in [
            "src/lib.rs",
            "Cargo.toml",
            "src/types/identity_set.rs",
            "tests/examples/a-b.rs",
        ] {
            assert_eq!(path_problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn refuses_every_escape_and_trap() {
        let long_component = "a".repeat(MAX_COMPONENT_BYTES + 1);
        let deep = vec!["a"; MAX_DEPTH + 1].join("/");
        let cases = [
            ("", "empty"),
            ("../x.rs", "`..`"),
            ("src/../../x.rs", "`..`"),
            ("./x.rs", "`.`"),
            ("/etc/passwd", "absolute"),
            ("\\\\server\\share", "absolute"),
            ("src\\lib.rs", "`\\`"),
            ("C:x.rs", "drive letter"),
            ("c:/x.rs", "drive letter"),
            ("src/a\0b.rs", "NUL"),
            ("src//lib.rs", "empty component"),
            ("src/", "empty component"),
            ("src/con.rs", "reserved"),
            ("LPT1", "reserved"),
            ("src/aux", "reserved"),
            ("src/a:b.rs", "contains ':'"),
            ("src/a b.rs", "contains ' '"),
            ("src/caf\u{e9}.rs", "contains"),
            ("src/a\nb.rs", "contains"),
            (".git/hooks/pre-commit", "starts with a dot"),
            (".docgen-manifest", "starts with a dot"),
            ("src/x.", "ends with a dot"),
            (long_component.as_str(), "longer than"),
            (deep.as_str(), "components"),
        ];
        for (path, why) in cases {
            let problem = path_problem(path).unwrap_or_else(|| panic!("{path:?} was accepted"));
            assert!(problem.contains(why), "{path:?}: {problem}");
        }
    }

    #[test]
    fn refuses_duplicates_case_collisions_and_file_folder_clashes() {
        assert!(validate_set(["src/a.rs", "src/b.rs", "src/a-b.rs", "src/a/c.rs"]).is_ok());
        let twice = validate_set(["src/a.rs", "src/a.rs"])
            .unwrap_err()
            .to_string();
        assert!(twice.contains("twice"), "{twice}");
        let case = validate_set(["src/A.rs", "src/a.rs"])
            .unwrap_err()
            .to_string();
        assert!(case.contains("case-insensitive"), "{case}");
        let clash = validate_set(["src/a", "src/a-b", "src/a/b.rs"])
            .unwrap_err()
            .to_string();
        assert!(clash.contains("as a file and as a folder"), "{clash}");
    }

    #[cfg(unix)]
    #[test]
    fn inspect_refuses_links_on_the_way_and_reports_a_link_at_the_end() {
        let dir = super::super::testdir::TestDir::new();
        let outside = super::super::testdir::TestDir::new();
        std::fs::write(outside.path().join("x.rs"), "outside").unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("src")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("x.rs"), dir.path().join("y.rs")).unwrap();
        assert!(matches!(
            inspect(dir.path(), "src/x.rs"),
            Err(Error::Symlink { .. })
        ));
        assert!(matches!(inspect(dir.path(), "y.rs"), Ok(OnDisk::Symlink)));
        assert!(matches!(inspect(dir.path(), "z/y.rs"), Ok(OnDisk::Missing)));
        assert!(matches!(
            create_parents(dir.path(), "src/a/b.rs"),
            Err(Error::Symlink { .. })
        ));
        assert!(!outside.path().join("a").exists());
    }
}
