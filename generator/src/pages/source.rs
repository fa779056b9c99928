//! Reading the input folder: every `.md` page, decoded (UTF-8, BOM, CRLF), in path order.
//!
//! Symbolic links are reported and never followed, so nothing outside the input folder is read.
//! Sizes are bounded: a page over [`MAX_PAGE_BYTES`] is skipped, and at most [`MAX_PAGES`] pages
//! and [`MAX_DEPTH`] folder levels are read.

use super::page::SourceFile;
use crate::diag::{Code, Diagnostic, Severity, Span};
use rayon::prelude::*;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest page read; larger pages are skipped with `file-too-large`.
pub const MAX_PAGE_BYTES: u64 = 16 * 1024 * 1024;
/// Most pages read from one input folder; the rest are skipped with one diagnostic.
pub const MAX_PAGES: usize = 100_000;
/// Deepest folder nesting followed below the input folder.
pub const MAX_DEPTH: usize = 64;

/// The resource limits of one read; [`read_input`] uses the `MAX_*` constants.
#[derive(Clone, Copy, Debug)]
struct Limits {
    page_bytes: u64,
    pages: usize,
    depth: usize,
}

const LIMITS: Limits = Limits {
    page_bytes: MAX_PAGE_BYTES,
    pages: MAX_PAGES,
    depth: MAX_DEPTH,
};

/// Reads every page under `dir`, sorted by relative path. Unreadable or undecodable files are
/// diagnostics, not errors; the error is for a folder that cannot be listed at all.
pub fn read_input(dir: &Path) -> std::io::Result<(Vec<SourceFile>, Vec<Diagnostic>)> {
    read_input_limited(dir, LIMITS)
}

fn read_input_limited(
    dir: &Path,
    limits: Limits,
) -> std::io::Result<(Vec<SourceFile>, Vec<Diagnostic>)> {
    let mut diags = Vec::new();
    let mut found = list_pages(dir, limits.depth, &mut diags)?;
    // Folder listing order depends on the file system; the result must not.
    found.sort();
    diags.sort();
    if found.len() > limits.pages {
        let first_skipped = found
            .get(limits.pages)
            .map(|(rel, _)| rel.clone())
            .unwrap_or_default();
        diags.push(Diagnostic::new(
            Code::FileTooLarge,
            Span::new(first_skipped, 0, 0),
            format!(
                "the input holds {} pages, more than the limit of {}; the rest were skipped",
                found.len(),
                limits.pages
            ),
        ));
        found.truncate(limits.pages);
    }
    let results: Vec<(Option<SourceFile>, Vec<Diagnostic>)> = found
        .par_iter()
        .map(|(rel, path)| read_page(rel, path, limits.page_bytes))
        .collect();
    let mut files = Vec::with_capacity(results.len());
    for (file, file_diags) in results {
        files.extend(file);
        diags.extend(file_diags);
    }
    Ok((files, diags))
}

/// `(relative path, absolute path)` of every `*.md` file, without following symlinks.
fn list_pages(
    dir: &Path,
    max_depth: usize,
    diags: &mut Vec<Diagnostic>,
) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut pages = Vec::new();
    // Listing the input folder itself must work; deeper failures are diagnostics.
    let top = fs::read_dir(dir)?;
    let mut pending: Vec<(String, fs::ReadDir, usize)> = vec![(String::new(), top, 0)];
    while let Some((rel_dir, entries, depth)) = pending.pop() {
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    diags.push(unreadable(
                        &rel_dir,
                        format!("a folder entry could not be read: {error}"),
                    ));
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = if rel_dir.is_empty() {
                name.clone()
            } else {
                format!("{rel_dir}/{name}")
            };
            let is_page = name.to_ascii_lowercase().ends_with(".md");
            let kind = match entry.file_type() {
                Ok(kind) => kind,
                Err(error) => {
                    diags.push(unreadable(&rel, format!("could not be inspected: {error}")));
                    continue;
                }
            };
            if kind.is_symlink() {
                diags.push(
                    unreadable(&rel, "is a symbolic link; links are not followed")
                        .with_severity(Severity::Warning),
                );
            } else if kind.is_dir() {
                if is_page {
                    diags.push(
                        unreadable(
                            &rel,
                            "is a folder named like a page; its contents are read as a folder",
                        )
                        .with_severity(Severity::Warning),
                    );
                }
                if depth + 1 > max_depth {
                    diags.push(unreadable(
                        &rel,
                        format!("is nested more than {max_depth} folders deep; skipped"),
                    ));
                    continue;
                }
                match fs::read_dir(entry.path()) {
                    Ok(sub) => pending.push((rel, sub, depth + 1)),
                    Err(error) => diags.push(unreadable(
                        &rel,
                        format!("folder could not be read: {error}"),
                    )),
                }
            } else if is_page {
                if kind.is_file() {
                    pages.push((rel, entry.path()));
                } else {
                    diags.push(unreadable(&rel, "is not a regular file"));
                }
            }
        }
    }
    Ok(pages)
}

fn unreadable(rel: &str, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(Code::FileUnreadable, Span::new(rel, 0, 0), message)
}

fn read_page(rel: &str, path: &Path, max_bytes: u64) -> (Option<SourceFile>, Vec<Diagnostic>) {
    let too_large = |size: u64| {
        let message = format!("the page is {size} bytes, over the limit of {max_bytes}; skipped");
        (
            None,
            vec![Diagnostic::new(
                Code::FileTooLarge,
                Span::new(rel, 0, 0),
                message,
            )],
        )
    };
    let file = match fs::File::open(path) {
        Ok(file) => file,
        Err(error) => {
            return (
                None,
                vec![unreadable(rel, format!("could not be read: {error}"))],
            )
        }
    };
    if let Ok(meta) = file.metadata() {
        if meta.len() > max_bytes {
            return too_large(meta.len());
        }
    }
    let mut bytes = Vec::new();
    // Read at most one byte past the limit, in case the file grew after the size check.
    if let Err(error) = file.take(max_bytes + 1).read_to_end(&mut bytes) {
        return (
            None,
            vec![unreadable(rel, format!("could not be read: {error}"))],
        );
    }
    if bytes.len() as u64 > max_bytes {
        return too_large(bytes.len() as u64);
    }
    page_from_bytes(rel, bytes)
}

/// One page's bytes as read from disk -> the page, as [`read_input`] would give it: decoded (see
/// [`decode`]), or skipped with `file-empty` when it holds only white space. The size limit is
/// the reader's job (it stops reading past it); this is the rest, for pages held in memory.
pub fn page_from_bytes(rel: &str, bytes: Vec<u8>) -> (Option<SourceFile>, Vec<Diagnostic>) {
    let (text, mut diags) = decode(rel, bytes);
    if text.trim().is_empty() {
        diags.push(Diagnostic::new(
            Code::FileEmpty,
            Span::new(rel, 0, 0),
            "the page is empty; skipped",
        ));
        return (None, diags);
    }
    (
        Some(SourceFile {
            path: rel.to_string(),
            text,
        }),
        diags,
    )
}

/// UTF-8 (lossy, with a diagnostic at the first bad byte), BOM stripped, line ends normalised.
pub(crate) fn decode(rel: &str, mut bytes: Vec<u8>) -> (String, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let bytes = error.into_bytes();
            let valid = std::str::from_utf8(&bytes)
                .err()
                .map_or(0, |e| e.valid_up_to());
            let before = bytes.get(..valid).unwrap_or(&[]);
            let line = before.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |p| p + 1);
            let col = String::from_utf8_lossy(before.get(line_start..).unwrap_or(&[]))
                .chars()
                .count()
                + 1;
            diags.push(Diagnostic::new(
                Code::FileNotUtf8,
                Span::new(rel, to_u32(line), to_u32(col)),
                "the page is not valid UTF-8; invalid bytes were replaced with U+FFFD",
            ));
            String::from_utf8_lossy(&bytes).into_owned()
        }
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    (text, diags)
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("docgen-pages-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).ok();
        dir
    }

    fn codes(diags: &[Diagnostic]) -> Vec<(String, String)> {
        let mut found: Vec<(String, String)> = diags
            .iter()
            .map(|d| (d.span.file.clone(), d.code.as_str().to_string()))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn decode_bom_crlf_and_bad_bytes() {
        let (text, diags) = decode("a.md", b"\xEF\xBB\xBFline1\r\nline2\rline3\n".to_vec());
        assert_eq!(text, "line1\nline2\nline3\n");
        assert!(diags.is_empty());
        let (text, diags) = decode("a.md", b"ok\r\nca\xFFt\n".to_vec());
        assert_eq!(text, "ok\nca\u{fffd}t\n");
        assert_eq!(diags.len(), 1);
        assert_eq!(
            (
                diags[0].code.as_str(),
                diags[0].span.line,
                diags[0].span.col
            ),
            ("file-not-utf8", 2, 3)
        );
    }

    #[test]
    fn reads_pages_sorted_and_reports_oddities() {
        let dir = temp_dir("read");
        let write = |rel: &str, bytes: &[u8]| {
            let path = dir.join(rel);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).ok();
            }
            fs::write(path, bytes).ok();
        };
        write("resources/b.md", b"---\ntitle: b\n---\n");
        write("api/z.md", b"# z\r\n");
        write("api/a.md", b"\xEF\xBB\xBF# a\n");
        write("api/notes.txt", b"not a page");
        write("empty.md", b"");
        fs::create_dir_all(dir.join("folder.md")).ok();
        write("folder.md/inner.md", b"# inner\n");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/etc/hostname", dir.join("link.md")).ok();
            std::os::unix::fs::symlink("/etc", dir.join("linked-dir")).ok();
        }
        let result = read_input(&dir).ok();
        let (files, diags) = result.unwrap_or_default();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "api/a.md",
                "api/z.md",
                "folder.md/inner.md",
                "resources/b.md"
            ]
        );
        assert_eq!(files[0].text, "# a\n");
        assert_eq!(files[1].text, "# z\n");
        let mut expected = vec![
            ("empty.md".to_string(), "file-empty".to_string()),
            ("folder.md".to_string(), "file-unreadable".to_string()),
        ];
        if cfg!(unix) {
            expected.push(("link.md".to_string(), "file-unreadable".to_string()));
            expected.push(("linked-dir".to_string(), "file-unreadable".to_string()));
        }
        expected.sort();
        assert_eq!(codes(&diags), expected);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn missing_folder_is_an_error() {
        assert!(read_input(Path::new("/nonexistent/docgen/input")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_page_is_a_diagnostic() {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp_dir("perm");
        let path = dir.join("secret.md");
        fs::write(&path, b"# secret\n").ok();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).ok();
        let readable_anyway = fs::read(&path).is_ok(); // e.g. running as root
        let (files, diags) = read_input(&dir).unwrap_or_default();
        if readable_anyway {
            assert_eq!(files.len(), 1);
        } else {
            assert!(files.is_empty());
            assert_eq!(
                codes(&diags),
                vec![("secret.md".to_string(), "file-unreadable".to_string())]
            );
        }
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn page_count_and_depth_limits() {
        let dir = temp_dir("limits");
        for rel in ["a.md", "b.md", "c.md", "d1/d2/deep.md"] {
            let path = dir.join(rel);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).ok();
            }
            fs::write(path, b"# x\n").ok();
        }
        let limits = Limits {
            page_bytes: 100,
            pages: 2,
            depth: 1,
        };
        let (files, diags) = read_input_limited(&dir, limits).unwrap_or_default();
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, vec!["a.md", "b.md"]);
        assert_eq!(
            codes(&diags),
            vec![
                ("c.md".to_string(), "file-too-large".to_string()),
                ("d1/d2".to_string(), "file-unreadable".to_string()),
            ]
        );
        let limits = Limits {
            page_bytes: 3,
            pages: 10,
            depth: 2,
        };
        let (files, diags) = read_input_limited(&dir, limits).unwrap_or_default();
        assert!(files.is_empty());
        assert_eq!(diags.len(), 4);
        assert!(diags.iter().all(|d| d.code == "file-too-large"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn oversized_page_is_skipped() {
        let dir = temp_dir("large");
        let path = dir.join("big.md");
        if let Ok(file) = fs::File::create(&path) {
            file.set_len(MAX_PAGE_BYTES + 1).ok();
        }
        let (files, diags) = read_input(&dir).unwrap_or_default();
        assert!(files.is_empty());
        assert_eq!(
            codes(&diags),
            vec![("big.md".to_string(), "file-too-large".to_string())]
        );
        let _ = fs::remove_dir_all(&dir);
    }
}
