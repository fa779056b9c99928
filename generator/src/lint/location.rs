//! Where a diagnostic is, for tools that read paths from the repository root.
//!
//! A span's file is relative to the input folder (`api/user-get.md`). GitHub annotations and
//! SARIF readers want it relative to the repository root, the folder docgen ran in
//! (`docs-input/api/user-get.md`): the span's file joined to the input folder as the command
//! was given it. All of it is lexical (no file system access), so the output depends only on
//! the arguments.

use std::path::{Component, Path};

/// The repository path of `file` (relative to the input folder) when the input folder is
/// `input` (relative to the folder docgen ran in, or absolute): joined with `/` and with
/// `.` and `..` resolved where they can be. `""` and `"."` as `input` mean the current folder.
pub fn repository_path(input: &str, file: &str) -> String {
    let absolute = input.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in input.split('/').chain(file.split('/')) {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." => {
                    parts.pop();
                }
                // Above the root of an absolute path is the root itself.
                _ if absolute => {}
                _ => parts.push(".."),
            },
            part => parts.push(part),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// `path` as a `/`-separated string (a span's file, a command-line path), whatever the
/// platform's separator.
pub fn slash_path(path: &Path) -> String {
    let mut out = String::new();
    for component in path.components() {
        let part = match component {
            Component::RootDir => {
                out.push('/');
                continue;
            }
            Component::Prefix(prefix) => prefix.as_os_str().to_string_lossy(),
            Component::CurDir => ".".into(),
            Component::ParentDir => "..".into(),
            Component::Normal(name) => name.to_string_lossy(),
        };
        if !out.is_empty() && !out.ends_with('/') {
            out.push('/');
        }
        out.push_str(&part);
    }
    out
}

/// `target` relative to the folder `base` (`../docgen-suppressions.txt` for a file next to the
/// input folder), `/`-separated: what a span's file is for a file outside the input. Both are
/// made absolute against the current folder first; when they share no root (another drive),
/// the absolute `target`.
pub fn relative_to(base: &Path, target: &Path) -> String {
    let (Ok(base), Ok(target)) = (std::path::absolute(base), std::path::absolute(target)) else {
        return slash_path(target);
    };
    let base = normal_parts(&base);
    let target_parts = normal_parts(&target);
    if base.first() != target_parts.first() {
        return slash_path(&target);
    }
    let shared = base
        .iter()
        .zip(&target_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = vec!["..".to_string(); base.len() - shared];
    parts.extend(target_parts.iter().skip(shared).cloned());
    parts.join("/")
}

/// The components of an absolute path with `.` and `..` resolved lexically; the root (and
/// drive) come first.
fn normal_parts(path: &Path) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if parts.len() > 1 {
                    parts.pop();
                }
            }
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    parts
}

/// A repository path as a URI reference (RFC 3986): every byte outside the unreserved
/// characters and `/` percent-encoded, so spaces, `%`, `#`, `?` and non-ASCII names survive.
/// An absolute path becomes a `file://` URI.
pub fn uri_of(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 8);
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_paths_join_the_input_folder_lexically() {
        assert_eq!(
            repository_path("docs-input", "api/a.md"),
            "docs-input/api/a.md"
        );
        assert_eq!(repository_path("", "api/a.md"), "api/a.md");
        assert_eq!(repository_path(".", "api/a.md"), "api/a.md");
        assert_eq!(repository_path("./docs/", "./a.md"), "docs/a.md");
        assert_eq!(
            repository_path("docs-input", "../docgen-suppressions.txt"),
            "docgen-suppressions.txt"
        );
        assert_eq!(
            repository_path("../shared/v1.0", "api/a.md"),
            "../shared/v1.0/api/a.md"
        );
        assert_eq!(repository_path("docs", "../../x.txt"), "../x.txt");
        assert_eq!(
            repository_path("/srv/docs", "api/a.md"),
            "/srv/docs/api/a.md"
        );
        assert_eq!(repository_path("/srv", "../../x"), "/x");
    }

    #[test]
    fn relative_paths_go_up_and_down_from_the_base() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            relative_to(&cwd.join("docs"), &cwd.join("docs/sub/s.txt")),
            "sub/s.txt"
        );
        assert_eq!(
            relative_to(&cwd.join("docs"), &cwd.join("ci/s.txt")),
            "../ci/s.txt"
        );
        // Relative arguments are taken from the current folder, `.` and `..` resolved.
        assert_eq!(
            relative_to(Path::new("./a/b/../docs"), Path::new("a/s.txt")),
            "../s.txt"
        );
        assert_eq!(relative_to(Path::new("docs"), Path::new("docs")), "");
    }

    #[test]
    fn uris_encode_what_is_not_unreserved() {
        assert_eq!(uri_of("docs/api/a-b_c.md"), "docs/api/a-b_c.md");
        assert_eq!(uri_of("docs/a b%#?.md"), "docs/a%20b%25%23%3F.md");
        assert_eq!(uri_of("docs/é.md"), "docs/%C3%A9.md");
        assert_eq!(uri_of("/srv/docs/a.md"), "file:///srv/docs/a.md");
        assert_eq!(uri_of("../x:y.md"), "../x%3Ay.md");
    }

    #[test]
    fn slash_paths_use_forward_slashes() {
        assert_eq!(slash_path(Path::new("docs/api")), "docs/api");
        assert_eq!(slash_path(Path::new("/srv/docs")), "/srv/docs");
        assert_eq!(slash_path(Path::new("../x/./y")), "../x/y");
    }
}
