use super::*;
use crate::output::testdir::TestDir;

const PAGE: &str = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\n\
    # widget resource type\n\nNamespace: microsoft.graph\n\nRepresents the widget of a tenant.\n\n## Properties\n\n\
    | Property | Type | Description |\n|:---|:---|:---|\n| id | String | The identifier. Read-only. |\n\
    | widgetName | String | The name. |\n";

/// Two resource pages, `a.md` (widget) and `sub/b.md` (gadget), and a file that is no page.
fn input(dir: &TestDir) -> (String, String) {
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("a.md"), PAGE).unwrap();
    let other = PAGE.replace("widget", "gadget");
    std::fs::write(dir.path().join("sub/b.md"), &other).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a page").unwrap();
    (PAGE.to_string(), other)
}

#[test]
fn samples_take_the_minimum_and_the_median() {
    let ms = Duration::from_millis;
    let sample = Sample::of(vec![ms(5), ms(1), ms(9)]);
    assert_eq!(
        sample,
        Sample {
            min: ms(1),
            median: ms(5)
        }
    );
    assert_eq!(Sample::of(Vec::new()), Sample::default());
}

#[test]
fn a_rename_replaces_whole_words_only() {
    let text = "# user resource type\nmicrosoft.graph.user, userName, superuser, user_id, user.";
    assert_eq!(
        edits::rename_word(text, "user", "member"),
        "# member resource type\nmicrosoft.graph.member, userName, superuser, user_id, member."
    );
    assert_eq!(edits::rename_word("no match", "user", "x"), "no match");
}

#[test]
fn the_edits_change_one_page_as_described_and_restore_it() {
    let dir = TestDir::new();
    input(&dir);
    let target = TestDir::new();
    let copy = target.path().join("copy");
    copy_pages(dir.path(), &copy).unwrap();
    assert!(!copy.join("notes.txt").exists() && copy.join("sub/b.md").exists());

    let edits = Edits::choose(&copy).unwrap();
    assert_eq!(
        (edits.page.clone(), edits.name.as_str()),
        (copy.join("a.md"), "widget")
    );
    edits.edit_one_page().unwrap();
    let edited = std::fs::read_to_string(copy.join("a.md")).unwrap();
    assert_eq!(edited, PAGE.replace("of a tenant.", "of a tenant. Edited."));
    edits.rename_one_type().unwrap();
    let renamed = std::fs::read_to_string(copy.join("a.md")).unwrap();
    assert!(
        renamed.contains("# widgetRenamed resource type"),
        "{renamed}"
    );
    assert!(
        renamed.contains("the widgetRenamed of a tenant. Edited."),
        "{renamed}"
    );
    assert!(
        renamed.contains("| widgetName |"),
        "a property was renamed: {renamed}"
    );
    edits.restore().unwrap();
    assert_eq!(std::fs::read_to_string(copy.join("a.md")).unwrap(), PAGE);
    // The other page is never the one edited.
    assert_eq!(
        std::fs::read_to_string(copy.join("sub/b.md")).unwrap(),
        PAGE.replace("widget", "gadget")
    );

    std::fs::write(copy.join("a.md"), "# not a resource\n").unwrap();
    std::fs::write(copy.join("sub/b.md"), "no heading, the prose\n").unwrap();
    std::fs::write(
        copy.join("c.md"),
        "# c resource type\n\nNamespace: x\n\n| a |\n",
    )
    .unwrap();
    assert!(Edits::choose(&copy).is_err());
}

#[test]
fn a_bench_run_measures_every_case_and_leaves_nothing_behind() {
    let dir = TestDir::new();
    let (page, other) = input(&dir);
    let report = run(&BenchOptions {
        input: dir.path().to_path_buf(),
        runs: 2,
        threads: 2,
    })
    .unwrap();
    assert_eq!(report.pages, 2);
    assert_eq!(report.input_bytes, (page.len() + other.len()) as u64);
    assert!(report.floor() > Duration::ZERO && report.generate.min > Duration::ZERO);
    assert!(report.generate.min <= report.generate.median);
    for case in [
        report.generate_uncached,
        report.regenerate,
        report.edit_page,
        report.rename_type,
    ] {
        assert!(case.min > Duration::ZERO && case.min <= case.median);
    }
    // The no-op writes nothing; the edit rewrites the widget's file; the rename also writes
    // the file of the new name.
    assert_eq!(report.regenerate_writes, 0);
    assert!(report.edited_writes >= 1, "{report:?}");
    assert!(report.renamed_writes > report.edited_writes, "{report:?}");
    assert_eq!(report.stages.len(), Stage::ALL.len());
    for (stage, time) in &report.stages {
        if *stage != Stage::Cache {
            assert!(time.work > Duration::ZERO, "{stage:?} has no time");
        }
    }
    assert!(report.output_bytes > 0);
    let text = report.render();
    assert_eq!(text.matches("x floor").count(), 5, "{text}");
    assert!(text.contains("no-op (0 written)"), "{text}");
    assert!(text.contains("emit tokens"), "{text}");
    // The user's pages are as they were, and the scratch folder is gone.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        page
    );
    let leftover = std::env::temp_dir().join(format!("docgen-bench-{}", std::process::id()));
    assert!(!leftover.exists());
}

#[test]
fn the_peak_memory_is_read_where_proc_exists() {
    if Path::new("/proc/self/status").exists() {
        assert!(peak_rss_bytes().is_some_and(|bytes| bytes > 0));
    }
}
