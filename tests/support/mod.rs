//! Helpers shared by the integration tests: throwaway folders, file listings, the binaries.
#![allow(dead_code)] // each test file uses a different part

pub mod hostile;
pub mod lint_inputs;
pub mod output;
pub mod variants;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A folder under the system temp folder, removed on drop.
pub struct TestDir(PathBuf);

impl TestDir {
    pub fn new(label: &str) -> TestDir {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("docgen-it-{label}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create test dir");
        TestDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.0.join(rel)
    }

    /// Writes `contents` at `rel`, creating folders.
    pub fn write(&self, rel: &str, contents: &str) -> PathBuf {
        let path = self.0.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(&path, contents).expect("write file");
        path
    }
}

impl Drop for TestDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every file under `dir` (relative path, `/`-separated) with its contents, links not followed.
pub fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let kind = entry.file_type().expect("file type");
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() {
                let rel = path.strip_prefix(dir).expect("below dir");
                let rel = rel.to_string_lossy().replace('\\', "/");
                found.insert(rel, std::fs::read(&path).expect("read file"));
            }
        }
    }
    found
}

/// A small valid-looking docs page (the content does not matter to the output stage).
pub const PAGE: &str = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\n\
# widget resource type\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n\
| id | String | The identifier. Read-only. |\n";

/// A folder with one docs page.
pub fn input_dir(dir: &TestDir) -> PathBuf {
    dir.write("docs/resources/widget.md", PAGE);
    dir.join("docs")
}

/// Runs the `docgen` command (built from generator/src/main.rs) in `cwd`.
pub fn docgen(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docgen-under-test"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run docgen")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The exit code, or a failure that names the signal and shows the output.
pub fn code(output: &Output) -> i32 {
    match output.status.code() {
        Some(code) => code,
        None => panic!(
            "docgen died by a signal: {}\n{}",
            stdout(output),
            stderr(output)
        ),
    }
}
