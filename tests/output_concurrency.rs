//! Write semantics of stage 6 under other processes: a held lock, killed runs and racing runs.
//! Crash and concurrency tests run the `docgen-write-stress` binary so that a real process is
//! killed or raced. Single-run semantics are in `output.rs`.

mod support;

use docgen::emit::GeneratedFile;
use docgen::output::{check, write_crate, WriteOptions, MANIFEST_NAME};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use support::output::{generated, write};
use support::variants::variant_files;
use support::{files_under, TestDir};

#[test]
fn a_held_lock_makes_a_writer_wait_then_fail_clearly() {
    let dir = TestDir::new("lock");
    let out = dir.join("out");
    write(&out, &generated(&["src/lib.rs"], "v1")).unwrap();
    let lock = std::fs::File::options()
        .write(true)
        .open(out.join(".docgen-lock"))
        .unwrap();
    lock.lock().unwrap();
    let options = WriteOptions {
        lock_timeout: Duration::from_millis(300),
        ..WriteOptions::default()
    };
    let started = Instant::now();
    let err = write_crate(&out, &generated(&["src/lib.rs"], "v2"), &options).unwrap_err();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(
        err.to_string().contains("another docgen run is writing"),
        "{err}"
    );
    assert!(std::fs::read_to_string(out.join("src/lib.rs"))
        .unwrap()
        .contains("v1"));
    lock.unlock().unwrap();
    write_crate(&out, &generated(&["src/lib.rs"], "v2"), &options).unwrap();
}

fn stress(out: &Path, variant: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_docgen-write-stress"));
    command
        .arg(out)
        .arg(variant)
        .args([FILES.to_string(), BYTES.to_string()]);
    command
}

const FILES: usize = 200;
const BYTES: usize = 16 * 1024;

/// Each file on disk is exactly variant a's or variant b's, and every one of them is listed in
/// the manifest (so the next run knows it is docgen's).
fn assert_old_or_new(out: &Path) {
    let a = variant_files("a", FILES, BYTES);
    let b = variant_files("b", FILES, BYTES);
    let manifest = std::fs::read_to_string(out.join(MANIFEST_NAME)).unwrap_or_default();
    let listed: Vec<&str> = manifest
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.splitn(3, ' ').nth(2))
        .collect();
    for (path, bytes) in files_under(out) {
        if path == MANIFEST_NAME
            || path == ".docgen-lock"
            || path
                .rsplit('/')
                .next()
                .is_some_and(|n| n.starts_with(".docgen-tmp-"))
        {
            continue;
        }
        let is = |set: &[GeneratedFile]| {
            set.iter()
                .any(|f| f.path == path && f.contents.as_bytes() == bytes)
        };
        assert!(
            is(&a) || is(&b),
            "{path} is neither old nor new ({} bytes)",
            bytes.len()
        );
        assert!(
            listed.contains(&path.as_str()),
            "{path} is on disk but not in the manifest"
        );
    }
}

#[test]
fn killed_runs_leave_old_or_new_files_and_the_next_run_repairs() {
    let dir = TestDir::new("kill");
    let out = dir.join("out");
    let started = Instant::now();
    assert!(stress(&out, "a").status().unwrap().success());
    let full_run = started.elapsed();
    let mut variant = "b";
    let mut killed_mid_run = 0;
    for step in 1..=8u32 {
        let mut child = stress(&out, variant).spawn().unwrap();
        std::thread::sleep(full_run * step / 10);
        let _ = child.kill();
        // No exit code: the kill landed before the run finished.
        if child.wait().unwrap().code().is_none() {
            killed_mid_run += 1;
        }
        assert_old_or_new(&out);
        variant = if variant == "a" { "b" } else { "a" };
    }
    println!("{killed_mid_run} of 8 runs killed mid-run (a full run takes {full_run:?})");
    assert!(killed_mid_run >= 2, "the kills should land inside runs");
    assert!(stress(&out, "b").status().unwrap().success());
    let expected = variant_files("b", FILES, BYTES);
    assert!(check(&out, &expected).unwrap().is_clean());
    let on_disk = files_under(&out);
    assert_eq!(
        on_disk.len(),
        FILES + 2,
        "the crate, the manifest and the lock; no temporary file"
    );
}

#[test]
fn concurrent_runs_never_mix() {
    let dir = TestDir::new("race");
    let out = dir.join("out");
    for round in 0..3 {
        let first = stress(&out, "a").spawn().unwrap();
        let second = stress(&out, "b").spawn().unwrap();
        let (first, second) = (
            first.wait_with_output().unwrap(),
            second.wait_with_output().unwrap(),
        );
        assert!(
            first.status.success() && second.status.success(),
            "round {round}: both finish"
        );
        let a_clean = check(&out, &variant_files("a", FILES, BYTES))
            .unwrap()
            .is_clean();
        let b_clean = check(&out, &variant_files("b", FILES, BYTES))
            .unwrap()
            .is_clean();
        assert!(
            a_clean != b_clean,
            "round {round}: the result is exactly one run's crate"
        );
    }
}
