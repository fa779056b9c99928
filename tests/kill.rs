//! Atomic and recoverable, on real runs (issue 5, promise 5): `docgen generate` on the v1.0 corpus
//! (`../shared/corpus/v1.0`, 2,000+ files), killed at random points while it writes, and raced by a
//! second run on the same folder. After every kill each file is exactly the old or the new one
//! (never truncated or mixed) and listed in the manifest; the next run repairs the crate; two
//! concurrent runs leave exactly one run's crate. `tests/output_concurrency.rs` does the same with a synthetic
//! crate written through the library, which is faster and always runs.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use support::{files_under, stderr, TestDir};

/// No new kill attempt starts after this (each attempt renders the crate first: ~10 s of CPU in
/// a debug build), so the test stays within a few minutes on a busy machine.
const KILL_BUDGET: Duration = Duration::from_secs(90);
/// Attempts stop after [`WANTED_MID_WRITE_KILLS`]; more are allowed because on a loaded machine
/// a kill can land after the run ended (4 were not always enough: one of them must land).
const MAX_ATTEMPTS: usize = 8;
const WANTED_MID_WRITE_KILLS: usize = 2;

/// One input and the crate it gives.
struct Variant {
    input: PathBuf,
    crate_name: &'static str,
    /// The crate's files, without docgen's own (`.docgen-*`).
    files: BTreeMap<String, Vec<u8>>,
}

fn generate(variant: &Variant, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_docgen-under-test"));
    command
        .arg("generate")
        .arg("--input")
        .arg(&variant.input)
        .arg("--out")
        .arg(out)
        .args(["--crate-name", variant.crate_name]);
    command
}

fn run(command: &mut Command) -> Output {
    let output = command.output().expect("run docgen");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    output
}

/// docgen's own files: the manifest, the lock, and temporary files of an interrupted write.
fn is_docgens(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|name| name.starts_with(".docgen-"))
}

fn crate_files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = files_under(out);
    files.retain(|path, _| !is_docgens(path));
    files
}

/// Copies the `.md` pages under `from` to `to`, leaving out every third API page, so that the
/// copy gives a crate with fewer operations (removed files) and changed files.
fn copy_fewer_pages(from: &Path, to: &Path) -> usize {
    let mut copied = 0;
    let mut api_seen = 0usize;
    let mut pages: Vec<PathBuf> = Vec::new();
    let mut pending = vec![from.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("list corpus").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    for page in pages {
        let rel = page.strip_prefix(from).expect("below the corpus");
        if rel.starts_with("api") {
            api_seen += 1;
            if api_seen.is_multiple_of(3) {
                continue;
            }
        }
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("folders");
        std::fs::copy(&page, &target).expect("copy page");
        copied += 1;
    }
    copied
}

/// Paths listed in the manifest (lines `hash size path`; `#` lines are comments).
fn manifest_paths(out: &Path) -> Vec<String> {
    std::fs::read_to_string(out.join(".docgen-manifest"))
        .unwrap_or_default()
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.splitn(3, ' ').nth(2))
        .map(str::to_string)
        .collect()
}

/// Each file in `out` is exactly `old`'s or `new`'s, and listed in the manifest.
fn assert_old_or_new(out: &Path, old: &Variant, new: &Variant, when: &str) {
    let listed = manifest_paths(out);
    for (path, bytes) in crate_files(out) {
        let is = |variant: &Variant| variant.files.get(&path) == Some(&bytes);
        assert!(
            is(old) || is(new),
            "{when}: {path} is neither old nor new ({} bytes)",
            bytes.len()
        );
        assert!(
            listed.contains(&path),
            "{when}: {path} is on disk but not in the manifest"
        );
    }
}

/// The size and mtime of the manifest, to see when a run starts writing (it records its journal
/// in the manifest before the first file).
fn manifest_stamp(out: &Path) -> Option<(u64, SystemTime)> {
    let meta = std::fs::metadata(out.join(".docgen-manifest")).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Waits until the run starts writing (the manifest changes) or ends; true if it is writing.
fn wait_for_writing(child: &mut Child, out: &Path, before: Option<(u64, SystemTime)>) -> bool {
    loop {
        if child.try_wait().expect("poll docgen").is_some() {
            return false;
        }
        if manifest_stamp(out) != before {
            return true;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// xorshift64: random enough for kill times, and reproducible from the printed seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, bound: Duration) -> Duration {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        let micros = u64::try_from(bound.as_micros()).unwrap_or(u64::MAX).max(1);
        Duration::from_micros(self.0 % micros)
    }
}

#[test]
fn real_runs_killed_or_raced_leave_old_or_new_files_and_are_repaired() {
    let Some(corpus) = docgen::testing::shared_path("corpus/v1.0") else {
        return;
    };
    let dir = TestDir::new("kill-v1");
    let fewer = dir.join("fewer");
    let copied = copy_fewer_pages(&corpus, &fewer);
    assert!(copied > 2_000, "{copied} pages copied");
    let mut old = Variant {
        input: corpus,
        crate_name: "graph-v1",
        files: BTreeMap::new(),
    };
    let mut new = Variant {
        input: fewer,
        crate_name: "graph-v1-fewer",
        files: BTreeMap::new(),
    };
    // The new crate, written on its own.
    run(&mut generate(&new, &dir.join("new")));
    new.files = crate_files(&dir.join("new"));

    // The old crate in `out`, timing how long writing it takes.
    let out = dir.join("out");
    let mut first = generate(&old, &out)
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn docgen");
    assert!(
        wait_for_writing(&mut first, &out, None),
        "the first run writes"
    );
    let writing_started = Instant::now();
    assert!(first.wait().expect("wait").success());
    let write_time = writing_started.elapsed();
    old.files = crate_files(&out);
    let changed = old
        .files
        .keys()
        .chain(new.files.keys())
        .filter(|path| old.files.get(*path) != new.files.get(*path))
        .count();
    println!(
        "old: {} files, new: {} files, {changed} differ; writing the old crate took {write_time:?}",
        old.files.len(),
        new.files.len()
    );
    assert!(changed > 100, "the variants differ enough to be told apart");

    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64 | 1);
    println!("kill times from seed {seed}");
    let mut rng = Rng(seed);
    let started = Instant::now();
    let (mut mid_write, mut attempts) = (0, 0);
    let mut target_is_new = true;
    while mid_write < WANTED_MID_WRITE_KILLS
        && attempts < MAX_ATTEMPTS
        && started.elapsed() < KILL_BUDGET
    {
        attempts += 1;
        let target = if target_is_new { &new } else { &old };
        let before = manifest_stamp(&out);
        let mut child = generate(target, &out)
            .stdout(Stdio::null())
            .spawn()
            .expect("spawn docgen");
        let writing = wait_for_writing(&mut child, &out, before);
        if writing {
            // A run writes only what changed, about half of what the first run wrote: a kill
            // within the first quarter lands while it writes, whatever the load.
            std::thread::sleep(rng.below(write_time / 4));
        }
        let _ = child.kill();
        let status = child.wait().expect("wait");
        let killed = status.code().is_none();
        if killed && writing {
            mid_write += 1;
        }
        let when = format!("attempt {attempts} (killed: {killed}, while writing: {writing})");
        println!("{when}");
        assert_old_or_new(&out, &old, &new, &when);
        // Alternate, so that every run has files to change.
        target_is_new = !target_is_new;
    }
    println!(
        "{mid_write} of {attempts} runs killed while writing, in {:?}",
        started.elapsed()
    );
    assert!(
        mid_write >= 1,
        "no kill landed while a run was writing ({attempts} attempts)"
    );

    // The next complete run repairs the crate: exactly the new files, no temporary file left.
    run(&mut generate(&new, &out));
    assert_eq!(crate_files(&out), new.files, "repaired to the new crate");
    let leftovers: Vec<String> = files_under(&out)
        .into_keys()
        .filter(|p| p.contains(".docgen-tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");

    // Two runs at once on the same folder: each succeeds (one waited for the other's lock) or
    // fails clearly, and the crate is exactly one of the two, never a mix.
    let racers = [&old, &new].map(|variant| {
        let mut command = generate(variant, &out);
        command.stdout(Stdio::null()).stderr(Stdio::piped());
        command.spawn().expect("spawn")
    });
    let results = racers.map(|child| child.wait_with_output().expect("wait"));
    let mut succeeded = 0;
    for result in &results {
        match result.status.code() {
            Some(0) => succeeded += 1,
            Some(2) => assert!(
                stderr(result).contains("another docgen run is writing"),
                "a failed racer says why: {}",
                stderr(result)
            ),
            other => panic!("a racer ended with {other:?}: {}", stderr(result)),
        }
    }
    assert!(succeeded >= 1, "at least one racer finishes");
    let on_disk = crate_files(&out);
    assert!(
        on_disk == old.files || on_disk == new.files,
        "after the race the crate is exactly one run's"
    );
    assert_old_or_new(&out, &old, &new, "after the race");
}
