//! Write semantics of stage 6 through the library (`docgen::output`), with files made here: the
//! emitter is not needed to test what happens on disk. Locks, killed runs and races are in
//! `output_concurrency.rs`.

mod support;

use docgen::emit::GeneratedFile;
use docgen::output::{check, write_crate, WriteOptions, MANIFEST_NAME};
use docgen::Error;
use std::path::Path;
use std::time::{Duration, SystemTime};
use support::output::{file, generated, write};
use support::{files_under, TestDir};

fn forced() -> WriteOptions {
    WriteOptions {
        force: true,
        ..WriteOptions::default()
    }
}

/// Every file and folder under `dir` with its mtime.
fn mtimes(dir: &Path) -> Vec<(String, SystemTime)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("list").flatten() {
            let meta = entry.metadata().expect("metadata");
            found.push((
                entry.path().display().to_string(),
                meta.modified().expect("mtime"),
            ));
            if meta.is_dir() {
                pending.push(entry.path());
            }
        }
    }
    found.sort();
    found
}

#[test]
fn a_no_op_regeneration_touches_no_file_or_folder() {
    let dir = TestDir::new("noop");
    let out = dir.join("out");
    let files = generated(
        &[
            "Cargo.toml",
            "src/lib.rs",
            "src/types/a.rs",
            "src/types/b.rs",
        ],
        "v1",
    );
    write(&out, &files).unwrap();
    // Back-date everything, so a rewrite in the same second would still show.
    let past = SystemTime::now() - Duration::from_secs(7200);
    for (path, _) in mtimes(&out) {
        if Path::new(&path).is_file() {
            std::fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(past)
                .unwrap();
        }
    }
    let before = mtimes(&out);
    let report = write(&out, &files).unwrap();
    assert_eq!(report.unchanged.len(), 4);
    assert!(report.written.is_empty() && report.removed.is_empty() && report.kept.is_empty());
    assert_eq!(mtimes(&out), before);

    // One changed file: only it is rewritten.
    let mut changed = files.clone();
    changed[2].contents.push_str("// v2\n");
    let report = write(&out, &changed).unwrap();
    assert_eq!(report.written, ["src/types/a.rs"]);
    let after = mtimes(&out);
    let touched: Vec<&String> = after
        .iter()
        .zip(&before)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| &a.0)
        .filter(|p| Path::new(p).is_file())
        .collect();
    let expected = [out.join(MANIFEST_NAME), out.join("src/types/a.rs")];
    let expected: Vec<String> = expected.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(touched, expected.iter().collect::<Vec<_>>());
}

#[test]
fn stale_files_are_removed_and_foreign_files_never_touched() {
    let dir = TestDir::new("stale");
    let out = dir.join("out");
    write(
        &out,
        &generated(
            &["src/lib.rs", "src/old/a.rs", "src/old/b.rs", "src/keep.rs"],
            "v1",
        ),
    )
    .unwrap();
    let foreign = dir.write("out/src/notes.md", "my notes\n");
    let foreign_in_old = dir.write("out/src/old2/mine.rs", "fn mine() {}\n");
    let report = write(&out, &generated(&["src/lib.rs", "src/keep.rs"], "v1")).unwrap();
    assert_eq!(report.removed, ["src/old/a.rs", "src/old/b.rs"]);
    assert!(
        !out.join("src/old").exists(),
        "the emptied folder is pruned"
    );
    assert_eq!(std::fs::read_to_string(&foreign).unwrap(), "my notes\n");
    assert_eq!(
        std::fs::read_to_string(&foreign_in_old).unwrap(),
        "fn mine() {}\n"
    );
    assert!(
        check(&out, &generated(&["src/lib.rs", "src/keep.rs"], "v1"))
            .unwrap()
            .is_clean()
    );
}

#[test]
fn an_edited_stale_file_is_kept_unless_forced() {
    let dir = TestDir::new("edited");
    let out = dir.join("out");
    write(
        &out,
        &generated(&["src/lib.rs", "src/a.rs", "src/b.rs"], "v1"),
    )
    .unwrap();
    std::fs::write(out.join("src/a.rs"), "// hand edits\n").unwrap();
    let report = write(&out, &generated(&["src/lib.rs"], "v1")).unwrap();
    assert_eq!(report.removed, ["src/b.rs"]);
    assert_eq!(report.kept, ["src/a.rs"]);
    assert_eq!(
        std::fs::read_to_string(out.join("src/a.rs")).unwrap(),
        "// hand edits\n"
    );
    // Kept files leave the manifest: they are no longer docgen's, so later runs leave them too.
    let manifest = std::fs::read_to_string(out.join(MANIFEST_NAME)).unwrap();
    assert!(!manifest.contains("src/a.rs"), "{manifest}");

    write(&out, &generated(&["src/lib.rs", "src/c.rs"], "v1")).unwrap();
    std::fs::write(out.join("src/c.rs"), "// hand edits\n").unwrap();
    let report = write_crate(&out, &generated(&["src/lib.rs"], "v1"), &forced()).unwrap();
    assert_eq!(report.removed, ["src/c.rs"]);
    assert!(
        out.join("src/a.rs").exists(),
        "force removes only files docgen listed"
    );
}

#[test]
fn a_foreign_file_at_a_generated_path_is_refused_then_forced() {
    let dir = TestDir::new("foreign-at-path");
    let out = dir.join("out");
    write(&out, &generated(&["src/lib.rs"], "v1")).unwrap();
    let mine = dir.write("out/src/types.rs", "// mine\n");
    let files = generated(&["src/lib.rs", "src/types.rs"], "v2");
    let err = write(&out, &files).unwrap_err();
    assert!(matches!(err, Error::ForeignFile { .. }), "{err}");
    assert!(
        err.to_string().contains("was not written by docgen"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "// mine\n");
    assert!(std::fs::read_to_string(out.join("src/lib.rs"))
        .unwrap()
        .contains("v1"));

    // A file with the generated marker is recognised as docgen's even without the manifest.
    std::fs::write(&mine, "// @generated by docgen (from a lost manifest)\n").unwrap();
    assert_eq!(
        write(&out, &files).unwrap().written,
        ["src/lib.rs", "src/types.rs"]
    );

    std::fs::write(&mine, "// mine again\n").unwrap();
    let mut v3 = files.clone();
    v3[1].contents.push_str("// v3\n");
    std::fs::remove_file(out.join(MANIFEST_NAME)).unwrap();
    std::fs::write(out.join(MANIFEST_NAME), "").unwrap();
    assert!(matches!(write(&out, &v3), Err(Error::ForeignFile { .. })));
    write_crate(&out, &v3, &forced()).unwrap();
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), v3[1].contents);
}

#[test]
fn refuses_the_input_folder_a_workspace_root_and_a_foreign_folder_unless_forced() {
    let dir = TestDir::new("refuse");
    let input = dir.join("docs");
    dir.write("docs/resources/widget.md", support::PAGE);
    dir.write("ws/Cargo.toml", "[workspace]\nmembers = []\n");
    dir.write("foreign/README.md", "someone's folder\n");
    let files = generated(&["src/lib.rs"], "v1");
    let with_input = |force| WriteOptions {
        force,
        input: Some(input.clone()),
        ..WriteOptions::default()
    };
    for (out, why) in [
        (input.clone(), "is the input folder"),
        (dir.path().to_path_buf(), "contains the input folder"),
        (input.join("out"), "inside the input folder"),
        (dir.join("ws"), "workspace root"),
        (dir.join("foreign"), "did not write"),
    ] {
        let before = files_under(dir.path());
        let err = write_crate(&out, &files, &with_input(false)).unwrap_err();
        assert!(
            matches!(err, Error::OutputRefused { .. }),
            "{}: {err}",
            out.display()
        );
        assert!(
            err.to_string().contains(why) && err.to_string().contains("--force"),
            "{err}"
        );
        assert_eq!(
            files_under(dir.path()),
            before,
            "a refused run writes nothing"
        );
    }
    for out in [dir.join("ws"), dir.join("foreign")] {
        write_crate(&out, &files, &with_input(true)).unwrap();
        assert!(out.join("src/lib.rs").is_file());
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("foreign/README.md")).unwrap(),
        "someone's folder\n"
    );
    assert!(dir.join("ws/Cargo.toml").is_file());
}

#[test]
fn escaping_paths_are_refused_and_nothing_is_written() {
    let dir = TestDir::new("escape");
    let out = dir.join("out");
    let victim = dir.write("victim.rs", "precious\n");
    for bad in [
        "../victim.rs",
        "/tmp/docgen-abs.rs",
        "src\\..\\..\\victim.rs",
        "C:/x.rs",
        "src/nul.rs",
        "src/../../victim.rs",
        "a\0b.rs",
    ] {
        let files = vec![
            file("src/lib.rs", "// @generated by docgen\n"),
            file(bad, "owned\n"),
        ];
        let err = write(&out, &files).unwrap_err();
        assert!(matches!(err, Error::UnsafePath { .. }), "{bad:?}: {err}");
        assert!(!out.exists(), "{bad:?}: nothing may be created");
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    assert!(!Path::new("/tmp/docgen-abs.rs").exists());
}

#[test]
fn reserved_hidden_long_and_colliding_paths_are_refused_even_when_forced() {
    let dir = TestDir::new("escape-more");
    let out = dir.join("out");
    let long_name = format!("src/{}.rs", "a".repeat(200));
    let long_path = format!("{}/x.rs", ["abcdefghij"; 24].join("/"));
    let sets: Vec<Vec<&str>> = vec![
        vec!["src/lib.rs", "src/con.rs"],
        vec!["src/lib.rs", "src/LPT1.txt"],
        vec!["src/lib.rs", ".git/hooks/pre-commit"],
        vec!["src/lib.rs", ".cargo/config.toml"],
        vec!["src/lib.rs", ".docgen-manifest"],
        vec!["src/lib.rs", long_name.as_str()],
        vec!["src/lib.rs", long_path.as_str()],
        vec!["src/lib.rs", "src/Lib.rs"],
        vec!["src/lib.rs", "src/lib.rs/x.rs"],
        vec!["src/lib.rs", "src/x\\..\\..\\y.rs"],
        vec!["src/lib.rs", "src/a:b.rs"],
    ];
    for set in sets {
        let files: Vec<GeneratedFile> = set
            .iter()
            .map(|p| file(p, "// @generated by docgen\n"))
            .collect();
        for options in [WriteOptions::default(), forced()] {
            let err = write_crate(&out, &files, &options).unwrap_err();
            assert!(matches!(err, Error::UnsafePath { .. }), "{set:?}: {err}");
            assert!(!out.exists(), "{set:?}: nothing may be created");
        }
    }
}

/// docgen's own files (`.docgen-lock`, `.docgen-manifest`) are never followed out of the folder
/// either: a link there, to an existing file or to a missing one, is refused or replaced.
#[cfg(unix)]
#[test]
fn links_at_docgens_own_files_are_never_followed() {
    use std::os::unix::fs::symlink;
    let dir = TestDir::new("own-links");
    let out = dir.join("out");
    let files = generated(&["src/lib.rs"], "v1");
    write(&out, &files).unwrap();
    let target = dir.write("outside/target.txt", "outside\n");
    let missing = dir.join("outside/created-by-docgen.txt");

    std::fs::remove_file(out.join(".docgen-lock")).unwrap();
    for link_to in [&target, &missing] {
        symlink(link_to, out.join(".docgen-lock")).unwrap();
        for options in [WriteOptions::default(), forced()] {
            let err = write_crate(&out, &generated(&["src/lib.rs"], "v2"), &options);
            assert!(matches!(err, Err(Error::Symlink { .. })), "{err:?}");
        }
        let checked = check(&out, &files);
        assert!(matches!(checked, Err(Error::Symlink { .. })), "{checked:?}");
        std::fs::remove_file(out.join(".docgen-lock")).unwrap();
    }
    assert!(!missing.exists(), "nothing is created through a link");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "outside\n");

    // A manifest that is a link is not trusted (its entries could name files to delete); forced,
    // it is replaced by a real file, and the file it pointed to is untouched.
    let manifest = out.join(MANIFEST_NAME);
    let text = std::fs::read_to_string(&manifest).unwrap();
    let outside_manifest = dir.write("outside/manifest", &text);
    std::fs::remove_file(&manifest).unwrap();
    symlink(&outside_manifest, &manifest).unwrap();
    let err = write(&out, &generated(&["src/lib.rs"], "v2")).unwrap_err();
    assert!(matches!(err, Error::ManifestInvalid { .. }), "{err}");
    write_crate(&out, &generated(&["src/lib.rs"], "v2"), &forced()).unwrap();
    assert!(!std::fs::symlink_metadata(&manifest)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&outside_manifest).unwrap(), text);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "outside\n");
}

#[test]
fn a_manifest_entry_that_escapes_is_refused() {
    let dir = TestDir::new("manifest-escape");
    let out = dir.join("out");
    let victim = dir.write("victim.rs", "// @generated by docgen\n");
    write(&out, &generated(&["src/lib.rs"], "v1")).unwrap();
    let manifest = std::fs::read_to_string(out.join(MANIFEST_NAME)).unwrap();
    let entry = manifest
        .lines()
        .last()
        .unwrap()
        .replace("src/lib.rs", "../victim.rs");
    std::fs::write(out.join(MANIFEST_NAME), format!("{manifest}{entry}\n")).unwrap();
    let err = write(&out, &generated(&["src/lib.rs"], "v1")).unwrap_err();
    assert!(matches!(err, Error::ManifestInvalid { .. }), "{err}");
    assert!(victim.exists());
    // Forced, the broken manifest is replaced, and still nothing outside is touched.
    write_crate(&out, &generated(&["src/lib.rs"], "v1"), &forced()).unwrap();
    assert!(victim.exists());
}

#[cfg(unix)]
#[test]
fn symbolic_links_in_the_output_folder_are_never_followed() {
    use std::os::unix::fs::symlink;
    let dir = TestDir::new("symlink");
    let out = dir.join("out");
    let outside = dir.join("outside");
    dir.write("outside/lib.rs", "outside\n");
    write(&out, &generated(&["Cargo.toml", "src/lib.rs"], "v1")).unwrap();
    let original = files_under(&outside);

    // A folder link on the way to a generated file.
    std::fs::remove_dir_all(out.join("src")).unwrap();
    symlink(&outside, out.join("src")).unwrap();
    for options in [WriteOptions::default(), forced()] {
        let err = write_crate(
            &out,
            &generated(&["Cargo.toml", "src/lib.rs"], "v2"),
            &options,
        );
        assert!(matches!(err, Err(Error::Symlink { .. })), "{err:?}");
    }
    assert_eq!(files_under(&outside), original);

    // A stale path behind a link: its target must not be deleted.
    std::fs::remove_file(out.join("src")).unwrap();
    let report = write(&out, &generated(&["Cargo.toml", "src/lib.rs"], "v1")).unwrap();
    assert_eq!(report.written, ["src/lib.rs"]);
    std::fs::remove_dir_all(out.join("src")).unwrap();
    std::fs::copy(dir.join("outside/lib.rs"), dir.join("outside/lib2.rs")).unwrap();
    symlink(&outside, out.join("src")).unwrap();
    std::fs::write(
        outside.join("lib.rs"),
        generated(&["src/lib.rs"], "v1")[0].contents.clone(),
    )
    .unwrap();
    let err = write(&out, &generated(&["Cargo.toml"], "v1"));
    assert!(matches!(err, Err(Error::Symlink { .. })), "{err:?}");
    assert!(outside.join("lib.rs").exists());

    // A link at a generated file's own path.
    std::fs::remove_file(out.join("src")).unwrap();
    std::fs::create_dir(out.join("src")).unwrap();
    symlink(outside.join("lib2.rs"), out.join("src/lib.rs")).unwrap();
    let err = write(&out, &generated(&["Cargo.toml", "src/lib.rs"], "v3"));
    assert!(matches!(err, Err(Error::Symlink { .. })), "{err:?}");
    assert_eq!(
        std::fs::read_to_string(outside.join("lib2.rs")).unwrap(),
        "outside\n"
    );
    let report = check(&out, &generated(&["Cargo.toml", "src/lib.rs"], "v1")).unwrap();
    assert!(report
        .differ
        .iter()
        .any(|d| d.path == "src/lib.rs" && d.diff.contains("symbolic link")));
}

#[test]
fn check_shows_a_diff_for_an_edit_and_is_clean_after_regenerating() {
    let dir = TestDir::new("check");
    let out = dir.join("out");
    let files = generated(&["src/lib.rs", "src/a.rs"], "v1");
    write(&out, &files).unwrap();
    assert!(check(&out, &files).unwrap().is_clean());
    std::fs::write(
        out.join("src/a.rs"),
        "// @generated by docgen\n// hand edit\n",
    )
    .unwrap();
    let report = check(&out, &files).unwrap();
    assert!(!report.is_clean());
    let diff = report.render();
    assert!(
        diff.contains("-// hand edit") && diff.contains("+// src/a.rs v1"),
        "{diff}"
    );
    assert!(diff.contains("1 differ"), "{diff}");
    write(&out, &files).unwrap();
    assert!(check(&out, &files).unwrap().is_clean());
}
