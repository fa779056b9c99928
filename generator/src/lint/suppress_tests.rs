//! The suppression file: its lines, what they match, what is stale.

use super::*;

const FILE: &str = "../docgen-suppressions.txt";

fn diagnostic(code: Code, file: &str, line: u32) -> Diagnostic {
    Diagnostic::new(code, Span::new(file, line, 1), "m")
}

/// (line, col, message) of the file's own diagnostics.
fn problems(text: &str) -> Vec<(u32, u32, String)> {
    Suppressions::parse(text, FILE)
        .diagnostics
        .into_iter()
        .map(|d| {
            assert_eq!(d.code.as_str(), "suppression-invalid");
            assert_eq!(d.span.file, FILE);
            (d.span.line, d.span.col, d.message)
        })
        .collect()
}

#[test]
fn lines_are_read_with_comments_blanks_and_reasons() {
    let text = "\u{feff}# header\n\n   # indented comment\r\n\
                table-cells   api/*.md   # tables: upstream\r\n\
                *\tbeta/**\t# not ours # at all\n";
    let read = Suppressions::parse(text, FILE);
    assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
    let entries: Vec<(Option<Code>, &str, u32, &str)> = read
        .entries
        .iter()
        .map(|s| (s.code, s.path.as_str(), s.span.line, s.reason.as_str()))
        .collect();
    assert_eq!(
        entries,
        [
            (Some(Code::TableCells), "api/*.md", 4, "tables: upstream"),
            (None, "beta/**", 5, "not ours # at all"),
        ]
    );
}

#[test]
fn bad_lines_are_diagnostics_at_their_line_and_column() {
    let found = problems(
        "table-cells\n\
         table-cells a.md\n\
         tabel-cells a.md # typo\n\
         table-cells a.md extra # reason\n\
         table-cells a/**b.md # bad glob\n\
         table-cells /abs/a.md # absolute\n\
         table-cells é/a.md #\n",
    );
    let at: Vec<(u32, u32)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(
        at,
        [(1, 12), (2, 17), (3, 1), (4, 18), (5, 17), (6, 13), (7, 21)]
    );
    let messages: Vec<&str> = found.iter().map(|(_, _, m)| m.as_str()).collect();
    assert!(messages[0].starts_with("no path glob"), "{}", messages[0]);
    assert!(messages[1].starts_with("no reason"), "{}", messages[1]);
    assert!(
        messages[2].starts_with("unknown code `tabel-cells`"),
        "{}",
        messages[2]
    );
    assert!(
        messages[3].starts_with("unexpected `extra`"),
        "{}",
        messages[3]
    );
    assert!(messages[4].contains("`a/**b.md`"), "{}", messages[4]);
    assert!(messages[5].contains("not relative"), "{}", messages[5]);
    assert!(messages[6].starts_with("no reason"), "{}", messages[6]);
}

#[test]
fn suppressions_match_by_code_and_path_glob() {
    let file = Suppressions::parse(
        "table-cells api/*.md # tables\n\
         * beta/** # beta is not ours\n\
         http-block-empty api/x?.md # known\n",
        FILE,
    );
    let diagnostics = [
        diagnostic(Code::TableCells, "api/a.md", 3),     // line 1
        diagnostic(Code::TableCells, "api/sub/a.md", 3), // `*` stays in api/
        diagnostic(Code::TypeUnknown, "api/a.md", 4),    // another code
        diagnostic(Code::TypeUnknown, "beta/deep/b.md", 1), // line 2, any code
        diagnostic(Code::HttpBlockEmpty, "api/x1.md", 2), // line 3
        diagnostic(Code::HttpBlockEmpty, "api/x12.md", 2), // `?` is one character
    ];
    let linted = file.apply(&diagnostics);
    let by: BTreeMap<(String, u32), Option<u32>> = linted
        .findings
        .iter()
        .map(|f| {
            let d = &f.diagnostic;
            let key = (d.span.file.clone(), d.span.line);
            (key, f.suppressed.as_ref().map(|s| s.span.line))
        })
        .collect();
    let expect = |file: &str, line: u32| by.get(&(file.to_string(), line)).copied().flatten();
    assert_eq!(expect("api/a.md", 3), Some(1));
    assert_eq!(expect("api/sub/a.md", 3), None);
    assert_eq!(expect("api/a.md", 4), None);
    assert_eq!(expect("beta/deep/b.md", 1), Some(2));
    assert_eq!(expect("api/x1.md", 2), Some(3));
    assert_eq!(expect("api/x12.md", 2), None);
    // Every suppression matched something: nothing stale.
    assert_eq!(linted.findings.len(), diagnostics.len());
}

#[test]
fn a_suppression_that_matched_nothing_is_stale_at_its_line() {
    let file = Suppressions::parse(
        "table-cells api/*.md # used\n\
         table-cells resources/*.md # gone\n\
         type-unknown api/*.md # other code\n\
         nonsense-code a.md # invalid, reported once, not stale\n",
        FILE,
    );
    let linted = file.apply(&[diagnostic(Code::TableCells, "api/a.md", 3)]);
    let own: Vec<(u32, &str, &str)> = linted
        .findings
        .iter()
        .filter(|f| f.diagnostic.span.file == FILE)
        .map(|f| {
            let d = &f.diagnostic;
            (d.span.line, d.code.as_str(), d.message.as_str())
        })
        .collect();
    assert_eq!(
        own,
        [
            (
                2,
                "suppression-stale",
                "suppression `table-cells resources/*.md` matched no diagnostic; remove it, or fix its code or path"
            ),
            (
                3,
                "suppression-stale",
                "suppression `type-unknown api/*.md` matched no diagnostic; remove it, or fix its code or path"
            ),
            (4, "suppression-invalid", own[2].2),
        ]
    );
    assert_eq!(linted.summary().warnings, 2);
    assert_eq!(linted.summary().errors, 1);
    assert_eq!(linted.summary().suppressed, 1);
}

#[test]
fn the_file_is_found_in_the_input_folder_or_where_it_is_named() {
    let dir = crate::output::testdir::TestDir::new();
    let input = dir.path().join("docs");
    std::fs::create_dir_all(&input).unwrap();
    assert!(Suppressions::load(&input, None).unwrap().entries.is_empty());
    std::fs::write(input.join(FILE_NAME), "table-cells a.md # r\n").unwrap();
    let found = Suppressions::load(&input, None).unwrap();
    assert_eq!(
        found.entries.first().map(|s| s.span.to_string()),
        Some("docgen-suppressions.txt:1:1".into())
    );
    let elsewhere = dir.path().join("ci/s.txt");
    std::fs::create_dir_all(dir.path().join("ci")).unwrap();
    std::fs::write(&elsewhere, b"table-cells a.md # r\xff\n").unwrap();
    let named = Suppressions::load(&input, Some(&elsewhere)).unwrap();
    assert_eq!(
        named.entries.first().map(|s| s.span.file.as_str()),
        Some("../ci/s.txt")
    );
    let codes: Vec<&str> = named.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["file-not-utf8"]);
    let missing = Suppressions::load(&input, Some(&dir.path().join("nope.txt")));
    assert!(matches!(missing, Err(crate::Error::Io { .. })));
}
