//! The incremental cache never changes the crate: after every kind of edit and every kind of
//! damage to the cache, a cached run writes the same bytes (and reports the same diagnostics) as
//! a `--no-cache` run of the same pages. Works on a copy of `docs-input/` in a temporary folder.

use docgen::{Config, Error, Report};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

const CACHE: &str = ".docgen-cache";
const SUMMARY_PAGE: &str = "resources/intune-devices-devicemanagementscriptrunsummary.md";

/// A copy of `docs-input/`, an output folder for cached runs and one for `--no-cache` runs.
struct Bench {
    root: PathBuf,
    version: String,
}

impl Bench {
    fn new(name: &str) -> Bench {
        let root = std::env::temp_dir().join(format!("docgen-cache-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        copy_dir(
            &docgen_tests::workspace_root().join("docs-input"),
            &root.join("in"),
        );
        Bench {
            root,
            version: "test-1".into(),
        }
    }

    fn input(&self) -> PathBuf {
        self.root.join("in")
    }

    fn page(&self, rel: &str) -> PathBuf {
        self.input().join(rel)
    }

    fn config(&self, out: &str) -> Config {
        Config::new(self.input())
            .out_dir(self.root.join(out))
            .cache_version(&self.version)
    }

    fn cached(&self) -> Report {
        self.config("cached").generate().expect("cached run")
    }

    /// A cached run, then a `--no-cache` run of the same pages: same files, same report.
    fn same_as_uncached(&self, step: &str) -> Report {
        let cached = self.cached();
        let uncached = self.config("plain").cache(false).generate().expect("plain");
        assert!(
            !self.root.join("plain").join(CACHE).exists(),
            "{step}: --no-cache wrote a cache"
        );
        assert_eq!(cached.summary_line(), uncached.summary_line(), "{step}");
        assert_eq!(cached.diagnostics, uncached.diagnostics, "{step}");
        let (ours, theirs) = (
            crate_files(&self.root.join("cached")),
            crate_files(&self.root.join("plain")),
        );
        assert_eq!(
            ours.keys().collect::<Vec<_>>(),
            theirs.keys().collect::<Vec<_>>(),
            "{step}: file sets differ"
        );
        for (path, bytes) in &ours {
            assert!(theirs[path] == *bytes, "{step}: {path} differs");
        }
        cached
    }

    fn cache_file(&self) -> PathBuf {
        self.root.join("cached").join(CACHE)
    }
}

impl Drop for Bench {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file of an output folder but the cache and the lock, by relative path (the manifest is
/// included: it must be the same too).
fn crate_files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![out.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            let rel = path
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if entry.file_type().unwrap().is_dir() {
                pending.push(path);
            } else if rel != CACHE && rel != ".docgen-lock" {
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

fn notes(report: &Report) -> String {
    report.cache.notes.join("\n")
}

#[test]
fn cached_runs_match_uncached_after_every_kind_of_change() {
    let mut bench = Bench::new("kinds");
    let fresh = bench.same_as_uncached("fresh");
    assert!(!fresh.cache.unchanged && fresh.cache.files_reused == 0);
    assert!(bench.cache_file().exists());

    let again = bench.same_as_uncached("no-op");
    assert!(again.cache.unchanged, "{:?}", again.cache);
    assert!(again.files.written.is_empty());
    assert_eq!(again.cache.files_reused, again.files.unchanged.len());

    // Damage: a flipped byte, a truncated file, garbage, an empty file.
    let text = std::fs::read(bench.cache_file()).unwrap();
    let mut flipped = text.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    let damages: [(&str, Vec<u8>, &str); 4] = [
        ("corrupted", flipped, "checksum"),
        ("truncated", text[..text.len() / 2].to_vec(), "truncated"),
        ("garbage", b"\x00\xffnot a cache".to_vec(), "UTF-8"),
        ("empty", Vec::new(), "not a docgen cache"),
    ];
    for (step, bytes, why) in damages {
        std::fs::write(bench.cache_file(), bytes).unwrap();
        let report = bench.same_as_uncached(step);
        assert!(notes(&report).contains(why), "{step}: {}", notes(&report));
        assert!(
            !report.cache.unchanged && report.cache.files_reused == 0,
            "{step}"
        );
        assert!(
            bench.cached().cache.unchanged,
            "{step}: the cache was not rewritten"
        );
    }

    bench.version = "test-2".into();
    let upgraded = bench.same_as_uncached("version change");
    assert!(
        notes(&upgraded).contains("written by docgen test-1, this is test-2"),
        "{}",
        notes(&upgraded)
    );
    assert_eq!(upgraded.cache.files_reused, 0);

    edit(
        &bench.page(SUMMARY_PAGE),
        "How many devices failed",
        "How many devices could not",
    );
    let edited = bench.same_as_uncached("edited page");
    assert_eq!(edited.cache.pages_changed, 1);
    assert!(
        edited.cache.files_reused > 0 && edited.files.written.len() < 6,
        "{:?}",
        edited.files
    );

    // Renamed on its own page only: pages that refer to the old name now refer to nothing.
    edit(
        &bench.page(SUMMARY_PAGE),
        "deviceManagementScriptRunSummary",
        "deviceManagementScriptTotals",
    );
    let renamed = bench.same_as_uncached("renamed type");
    let totals = "src/types/device_management_script_totals.rs";
    assert!(
        renamed.files.written.iter().any(|p| p == totals),
        "{:?}",
        renamed.files
    );

    std::fs::remove_file(bench.page("api/intune-devices-devicemanagementscriptrunsummary-get.md"))
        .unwrap();
    let deleted = bench.same_as_uncached("deleted page");
    assert_eq!(deleted.cache.pages_changed, 1);

    let shell =
        std::fs::read_to_string(bench.page("resources/intune-devices-deviceshellscript.md"))
            .unwrap();
    std::fs::write(
        bench.page("resources/added.md"),
        shell.replace(
            "deviceShellScript resource type",
            "deviceShellScriptCopy resource type",
        ),
    )
    .unwrap();
    let added = bench.same_as_uncached("added page");
    assert_eq!(added.cache.pages_changed, 1);

    // A generated file edited by hand is not taken as what the cache recorded.
    let lib = bench.root.join("cached/src/lib.rs");
    std::fs::write(&lib, "// @generated by docgen\n// edited\n").unwrap();
    let repaired = bench.same_as_uncached("edited output file");
    assert!(!repaired.cache.unchanged);
    assert_eq!(repaired.files.written, ["src/lib.rs"]);
}

#[test]
fn foreign_caches_are_ignored_with_a_note() {
    let bench = Bench::new("foreign");
    bench.same_as_uncached("fresh");
    let renamed = bench
        .config("cached")
        .crate_name("other-name")
        .generate()
        .unwrap();
    assert!(
        notes(&renamed).contains("another crate name"),
        "{}",
        notes(&renamed)
    );
    assert_eq!(renamed.cache.files_reused, 0);
    bench.same_as_uncached("back");

    // The same cache file in front of another input folder.
    copy_dir(&bench.input(), &bench.root.join("in2"));
    let other = Config::new(bench.root.join("in2"))
        .out_dir(bench.root.join("cached"))
        .cache_version(&bench.version)
        .generate()
        .unwrap();
    assert!(
        notes(&other).contains("another input folder"),
        "{}",
        notes(&other)
    );

    // A cache file copied to another output folder.
    bench.cached();
    let moved = bench.root.join("moved");
    copy_dir(&bench.root.join("cached"), &moved);
    let report = bench.config("moved").generate().unwrap();
    assert!(
        notes(&report).contains("another output folder"),
        "{}",
        notes(&report)
    );
}

/// A cache file made by hand, checksum and all, that names a file outside the output folder
/// (as recorded, so that trusting it would copy that file into the crate): ignored with a note,
/// and nothing outside the output folder is read into the crate or written.
#[test]
fn a_cache_naming_a_path_outside_the_output_is_ignored() {
    let bench = Bench::new("outside");
    bench.same_as_uncached("fresh");
    let outside = bench.root.join("outside.rs");
    std::fs::write(&outside, "// not docgen's\n").unwrap();
    let text = std::fs::read_to_string(bench.cache_file()).unwrap();
    let mut lines = text.splitn(3, '\n');
    let (first, _checksum, json) = (lines.next().unwrap(), lines.next(), lines.next().unwrap());
    let mut data: serde_json::Value = serde_json::from_str(json.trim_end()).unwrap();
    let record = serde_json::json!({
        "key": null,
        "hash": format!("{:032x}", docgen::fingerprint::fnv1a_128(b"// not docgen's\n")),
        "len": 16,
    });
    data["files"]["../outside.rs"] = record;
    let json = serde_json::to_string(&data).unwrap();
    let checksum = docgen::fingerprint::fnv1a_128(json.as_bytes());
    let forged = format!("{first}\n# docgen-cache v1 {checksum:032x}\n{json}\n");
    std::fs::write(bench.cache_file(), forged).unwrap();
    let report = bench.same_as_uncached("forged");
    assert!(
        notes(&report).contains("unsafe output path"),
        "{}",
        notes(&report)
    );
    assert_eq!(report.cache.files_reused, 0);
    assert_eq!(
        std::fs::read_to_string(&outside).unwrap(),
        "// not docgen's\n"
    );
    assert!(
        bench.cached().cache.unchanged,
        "the cache was not rewritten"
    );
}

#[test]
fn a_named_cache_folder_holds_the_cache_and_links_are_refused() {
    let bench = Bench::new("named");
    let dir = bench.root.join("cache-dir");
    let run = || bench.config("cached").cache_dir(&dir).generate().unwrap();
    assert!(!run().cache.unchanged);
    assert!(run().cache.unchanged);
    assert!(!bench.cache_file().exists());
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(files.len(), 1);
    assert!(bench
        .same_as_uncached("after a named cache")
        .cache
        .notes
        .is_empty());

    #[cfg(unix)]
    {
        std::fs::remove_file(bench.cache_file()).unwrap();
        std::os::unix::fs::symlink(bench.root.join("elsewhere"), bench.cache_file()).unwrap();
        let error = bench.config("cached").generate().unwrap_err();
        assert!(matches!(error, Error::Symlink { .. }), "{error}");
        assert!(!bench.root.join("elsewhere").exists());
    }
}

#[test]
fn the_cache_is_no_generated_file_and_check_stays_clean() {
    let bench = Bench::new("check");
    bench.cached();
    let manifest = std::fs::read_to_string(bench.root.join("cached/.docgen-manifest")).unwrap();
    assert!(!manifest.contains(CACHE));
    let outcome = bench.config("cached").check().unwrap();
    assert!(outcome.check.is_clean(), "{}", outcome.check.render());
}

/// xorshift64, reproducible from the printed seed (`DOCGEN_CACHE_SEED` replays one).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn pages_of(input: &Path) -> Vec<PathBuf> {
    let mut pages = Vec::new();
    for folder in ["api", "resources"] {
        for entry in std::fs::read_dir(input.join(folder)).unwrap().flatten() {
            pages.push(entry.path());
        }
    }
    pages.sort();
    pages
}

#[test]
fn a_random_sequence_of_edits_never_makes_the_cache_differ() {
    let seed = std::env::var("DOCGEN_CACHE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            let now = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap();
            now.as_nanos() as u64 | 1
        });
    println!("edit sequence from seed {seed} (DOCGEN_CACHE_SEED={seed} replays it)");
    let mut rng = Rng(seed);
    let mut bench = Bench::new("random");
    bench.same_as_uncached("fresh");
    for step in 0..14 {
        let pages = pages_of(&bench.input());
        let page = &pages[rng.below(pages.len())];
        let what = match rng.below(8) {
            0 => {
                // A word of prose changes: descriptions, summaries, doc comments.
                let text = std::fs::read_to_string(page).unwrap();
                let at = text.find(" the ").unwrap_or(text.len());
                let text = format!("{} a{}", &text[..at], &text[at..]);
                std::fs::write(page, text).unwrap();
                "edit prose"
            }
            1 => {
                let text = std::fs::read_to_string(page).unwrap();
                std::fs::write(page, text.replace("String", "Int32")).unwrap();
                "retype properties"
            }
            2 if pages.len() > 10 => {
                std::fs::remove_file(page).unwrap();
                "delete a page"
            }
            3 => {
                let text = std::fs::read_to_string(page).unwrap();
                let copy = page.with_file_name(format!("copy{step}.md"));
                std::fs::write(
                    copy,
                    text.replace("resource type", &format!("X{step} resource type")),
                )
                .unwrap();
                "add a page"
            }
            4 => {
                let text = std::fs::read(bench.cache_file()).unwrap_or_default();
                let keep = rng.below(text.len().max(1));
                std::fs::write(bench.cache_file(), &text[..keep]).unwrap();
                "truncate the cache"
            }
            5 => {
                bench.version = format!("test-{step}");
                "change docgen's version"
            }
            6 => {
                let files: Vec<String> = crate_files(&bench.root.join("cached"))
                    .into_keys()
                    .collect();
                let file = &files[rng.below(files.len())];
                std::fs::write(
                    bench.root.join("cached").join(file),
                    "// @generated by docgen\n",
                )
                .unwrap();
                "edit an output file"
            }
            _ => "nothing",
        };
        println!("step {step}: {what} ({})", page.display());
        bench.same_as_uncached(&format!("step {step}: {what}"));
    }
}
