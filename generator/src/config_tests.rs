//! Tests of `config.rs`: thread count, timings, no-op runs, refusals, summaries.

use super::*;
use crate::output::testdir::TestDir;

const PAGE: &str = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\n\
    # widget resource type\n\n## Properties\n\n| Property | Type | Description |\n\
    |:---|:---|:---|\n| id | String | The identifier. Read-only. |\n";

#[test]
fn the_model_does_not_depend_on_the_thread_count() {
    let dir = TestDir::new();
    for i in 0..12 {
        let page = PAGE.replace("widget", &format!("widget{i}"));
        std::fs::write(dir.path().join(format!("widget{i}.md")), page).unwrap();
    }
    let one = Config::new(dir.path()).threads(1).model().unwrap();
    let four = Config::new(dir.path()).threads(4).model().unwrap();
    assert_eq!(
        serde_json::to_string(&one).unwrap(),
        serde_json::to_string(&four).unwrap()
    );
}

#[test]
fn timings_are_reported_on_request_and_change_no_output() {
    let dir = TestDir::new();
    std::fs::create_dir_all(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/a.md"), PAGE).unwrap();
    let run = |out: &str, timed: bool| {
        Config::new(dir.path().join("in"))
            .out_dir(dir.path().join(out))
            .timings(timed)
            .generate()
            .unwrap()
    };
    let plain = run("plain", false);
    let timed = run("timed", true);
    assert!(plain.timings.is_none());
    let timings = timed.timings.unwrap();
    assert!(timings.get(Stage::Parse).work > Duration::ZERO);
    assert!(timings.get(Stage::Write).wall <= timings.total);
    assert_eq!(plain.files.written, timed.files.written);
    for path in &plain.files.written {
        let read = |out: &str| std::fs::read(dir.path().join(out).join(path)).unwrap();
        assert_eq!(read("plain"), read("timed"), "{path}");
    }
}

#[test]
fn a_no_op_regeneration_touches_no_file() {
    let dir = TestDir::new();
    std::fs::create_dir_all(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/a.md"), PAGE).unwrap();
    let out = dir.path().join("out");
    let config = Config::new(dir.path().join("in")).out_dir(&out);
    let first = config.generate().unwrap();
    assert!(!first.files.written.is_empty());
    // Back-date every file, so a rewrite within the same clock tick would still show.
    let past = std::time::SystemTime::now() - Duration::from_secs(3600);
    let mut files = Vec::new();
    let mut pending = vec![out.clone()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            if entry.file_type().unwrap().is_dir() {
                pending.push(entry.path());
            } else {
                let file = std::fs::File::options().write(true).open(entry.path());
                file.unwrap().set_modified(past).unwrap();
                files.push(entry.path());
            }
        }
    }
    let again = config.generate().unwrap();
    assert!(again.files.written.is_empty() && again.files.removed.is_empty());
    assert_eq!(again.files.unchanged, first.files.written);
    for file in &files {
        let modified = std::fs::metadata(file).unwrap().modified().unwrap();
        assert_eq!(modified, past, "{} was touched", file.display());
    }
}

#[test]
fn generate_refuses_to_write_into_the_input_and_check_writes_nothing() {
    let dir = TestDir::new();
    std::fs::write(dir.path().join("a.md"), PAGE).unwrap();
    let err = Config::new(dir.path())
        .out_dir(dir.path())
        .generate()
        .unwrap_err();
    assert!(matches!(err, Error::OutputRefused { .. }), "{err}");
    let out = dir.path().join("../docgen-config-check-out");
    let checked = Config::new(dir.path()).out_dir(&out).check().unwrap();
    assert!(!checked.check.is_clean() && !out.exists());
    let missing = Config::new(dir.path().join("nope")).generate().unwrap_err();
    assert!(matches!(missing, Error::InputMissing(_)), "{missing}");
}

#[test]
fn summary_lines_count_what_they_say() {
    let mut report = Report {
        pages: 3,
        types: 2,
        operations: 1,
        ..Report::default()
    };
    let span = crate::diag::Span::new("a.md", 1, 1);
    report.diagnostics.push(Diagnostic::new(
        crate::diag::Code::HttpBlockEmpty,
        span.clone(),
        "x",
    ));
    report
        .diagnostics
        .push(Diagnostic::new(crate::diag::Code::TableCells, span, "y"));
    report.files.written = vec!["a".into(), "b".into()];
    assert_eq!(
        report.summary_line(),
        "3 pages, 2 types, 1 operations, 0 example tests, 1 warnings, 1 errors"
    );
    assert_eq!(
        report.files_line(),
        "2 files written, 0 unchanged, 0 removed"
    );
}
