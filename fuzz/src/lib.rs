//! What the fuzz targets share: turning fuzz bytes into pages, and running the whole pipeline with
//! its invariants checked. A violated invariant panics, which libFuzzer reports as a crash.
//!
//! The invariants, beyond "no panic, no stack overflow, no hang":
//! - the emitter succeeds (an error means it built tokens that are not Rust: a docgen bug);
//! - every emitted file set passes the checks `write_crate` makes before writing (limits, safe
//!   relative paths), so no page can make docgen refuse to write, or write outside its folder;
//! - every diagnostic names a page of the input (or is about the input as a whole).

use docgen::diag::Diagnostic;
use docgen::emit::EmitOptions;
use docgen::pipeline::{model_from_sources, pipeline_from_sources, sources_from_bytes};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// A line starting with this separates pages in the multi-page target; the rest of the line is
/// the next page's path.
pub const PAGE_SEPARATOR: &[u8] = b"%%% ";

/// Most pages one multi-page input is split into.
pub const MAX_PAGES: usize = 8;

/// A single page's path: under `api/` when it looks like an API page, else `resources/` (the
/// folder is one of the signals docgen uses to classify a page).
pub fn single_page_path(bytes: &[u8]) -> String {
    let looks_like_api = contains(bytes, b"apiPageType") || contains(bytes, b"## HTTP request");
    if looks_like_api {
        "api/page.md".to_string()
    } else {
        "resources/page.md".to_string()
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Splits `bytes` into pages at lines starting with [`PAGE_SEPARATOR`]: the text before the first
/// separator is `api/page0.md`; each separator line names the page after it (made a plausible
/// relative path, as a folder walk would give: no empty, `.` or `..` components, no NUL).
pub fn split_pages(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    let mut current = ("api/page0.md".to_string(), Vec::new());
    let mut rest = bytes;
    loop {
        let (line, after) = match rest.iter().position(|b| *b == b'\n') {
            Some(end) => rest.split_at(end + 1),
            None => (rest, &[][..]),
        };
        if line.is_empty() {
            break;
        }
        match line.strip_prefix(PAGE_SEPARATOR) {
            Some(name) if pages.len() + 1 < MAX_PAGES => {
                let index = pages.len() + 1;
                let previous =
                    std::mem::replace(&mut current, (page_path(name, index), Vec::new()));
                // An input that starts with a separator has no unnamed first page.
                if index > 1 || !previous.1.is_empty() {
                    pages.push(previous);
                }
            }
            _ => current.1.extend_from_slice(line),
        }
        rest = after;
    }
    pages.push(current);
    pages
}

fn page_path(name: &[u8], index: usize) -> String {
    let name = String::from_utf8_lossy(name);
    let parts: Vec<&str> = name
        .trim()
        .split('/')
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect();
    let path = parts.join("/").replace('\0', "");
    if path.to_ascii_lowercase().ends_with(".md") {
        path
    } else {
        format!(
            "{path}{}page{index}.md",
            if path.is_empty() { "" } else { "/" }
        )
    }
}

/// One worker thread with the default stack size, like a real run's pool: a recursion that
/// would overflow a worker's stack in `docgen generate` overflows here too.
fn pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a one-thread pool")
    })
}

/// Runs the whole pipeline (decode, parse, facts, model, emit, format) on `pages` and checks the
/// invariants listed in the crate documentation.
pub fn run_pipeline(pages: Vec<(String, Vec<u8>)>) {
    let paths: BTreeSet<String> = pages.iter().map(|(p, _)| p.clone()).collect();
    pool().install(|| {
        let (sources, diagnostics) = sources_from_bytes(pages);
        let options = EmitOptions {
            crate_name: "fuzzed".into(),
            ..Default::default()
        };
        let (model, emitted) = match pipeline_from_sources(&sources, diagnostics, &options) {
            Ok(result) => result,
            Err(error) => panic!("the emitter failed: {error}"),
        };
        if let Err(error) = docgen::output::validate_files(&emitted.files) {
            panic!("the emitted files would be refused: {error}");
        }
        check_diagnostics(model.diagnostics.iter().chain(&emitted.diagnostics), &paths);
    });
}

/// Stages 1-3 only (decode, parse, facts, model), with the diagnostics invariant.
pub fn run_model(pages: Vec<(String, Vec<u8>)>) {
    let paths: BTreeSet<String> = pages.iter().map(|(p, _)| p.clone()).collect();
    pool().install(|| {
        let (sources, diagnostics) = sources_from_bytes(pages);
        let model = model_from_sources(&sources, diagnostics);
        check_diagnostics(model.diagnostics.iter(), &paths);
    });
}

fn check_diagnostics<'a>(
    diagnostics: impl Iterator<Item = &'a Diagnostic>,
    paths: &BTreeSet<String>,
) {
    for diagnostic in diagnostics {
        let file = &diagnostic.span.file;
        assert!(
            file.is_empty() || paths.contains(file),
            "a diagnostic names a page that is not in the input: {diagnostic}"
        );
    }
}
