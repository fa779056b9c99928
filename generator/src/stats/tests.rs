use super::baseline::{self, compare, regressed, Baseline, Outcome};
use super::*;
use crate::output::testdir::TestDir;

const RESOURCE: &str = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\n\
    # widget resource type\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n\
    | id | String | The identifier. |\n| colour | [colour](colour.md) | The colour. |\n";

const ENUM: &str = "---\ntitle: \"colour enum type\"\ndoc_type: enumPageType\n---\n\n\
    # colour enum type\n\n## Members\n\n| Member | Value | Description |\n|:---|:---|:---|\n\
    | red | 0 | Red. |\n| blue | 1 | Blue. |\n";

const API: &str = "---\ntitle: \"Get widget\"\ndoc_type: apiPageType\n---\n\n# Get widget\n\n\
    ## HTTP request\n\n```http\nGET /widgets/{id}\n```\n\n## Response\n\n\
    If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object.\n\n\
    ## Example\n\n### Request\n\n<!-- { \"blockType\": \"request\", \"name\": \"get_widget\" } -->\n\
    ```http\nGET https://graph.microsoft.com/v1.0/widgets/7\n```\n\n### Response\n\n\
    <!-- { \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.widget\" } -->\n\
    ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"id\": \"7\", \"colour\": \"red\"}\n```\n";

const CONCEPTUAL: &str = "---\ntitle: \"Overview\"\ndoc_type: conceptualPageType\n---\n\n\
    # Working with widgets\n\nProse.\n";

fn corpus() -> TestDir {
    let dir = TestDir::new();
    for (path, text) in [
        ("resources/widget.md", RESOURCE),
        ("resources/colour.md", ENUM),
        ("api/widget-get.md", API),
        ("concepts/overview.md", CONCEPTUAL),
    ] {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    dir
}

#[test]
fn counts_what_the_pages_define() {
    let dir = corpus();
    let stats = collect(dir.path(), 1).unwrap();
    let count = |key: &str| stats.counts.get(key).copied();
    assert_eq!(count(baseline::PAGES), Some(4));
    assert_eq!(count(baseline::PAGES_PRODUCING), Some(3));
    assert_eq!(count(baseline::TYPES), Some(2));
    assert_eq!(count(baseline::TYPES_ENUM), Some(1));
    assert_eq!(
        count(baseline::TYPES_ENTITY).zip(count(baseline::TYPES_COMPLEX)),
        Some((0, 1))
    );
    assert_eq!(count(baseline::PROPERTIES), Some(2));
    assert_eq!(count(baseline::ENUM_MEMBERS), Some(2));
    assert_eq!(count(baseline::OPERATIONS), Some(1));
    assert_eq!(count(baseline::EXAMPLE_PAIRS), Some(1));
    assert_eq!(count(baseline::EXAMPLE_TESTS), Some(1));
    assert_eq!(count(baseline::EXAMPLE_TESTS_PASSED), None);
    assert_eq!(stats.empty_pages.len(), 1);
    assert_eq!(stats.empty_pages[0].cause, "conceptual page");
    assert!(stats.run.seconds > 0.0);
    if cfg!(target_os = "linux") {
        assert!(stats.run.peak_memory_kib.is_some_and(|k| k > 0));
    }
}

#[test]
fn human_report_names_every_figure() {
    let dir = corpus();
    let mut stats = collect(dir.path(), 1).unwrap();
    stats.run.peak_memory_kib = None;
    let text = render_human(&stats, "docs");
    for label in [
        "pages read                4 (3 produced something)",
        "types                     2 (entity 0 / complex 1 / enum 1)",
        "example tests passed      not measured",
        "pages that produced nothing: 1",
        "       1  conceptual page",
        "e.g. concepts/overview.md: no types or operations expected",
        "peak memory unknown",
    ] {
        assert!(text.contains(label), "`{label}` missing from:\n{text}");
    }
    let json: serde_json::Value = serde_json::from_str(&render_json(&stats)).unwrap();
    assert_eq!(json.pointer("/counts/operations"), Some(&1.into()));
    assert_eq!(
        json.pointer("/empty_pages/0/pages/0/0"),
        Some(&"concepts/overview.md".into())
    );
}

#[test]
fn top_codes_are_cut_and_summed() {
    let span = crate::diag::Span::new("a.md", 1, 1);
    let diagnostics: Vec<Diagnostic> = crate::diag::Code::ALL
        .iter()
        .take(TOP_CODES + 3)
        .enumerate()
        .flat_map(|(i, code)| {
            let span = span.clone();
            (0..=i).map(move |n| Diagnostic::new(*code, span.clone(), format!("{n}")))
        })
        .collect();
    let stats = of(&Model::default(), 0, &diagnostics);
    let first = stats.diagnostics.by_code.first().map(|(_, n)| *n);
    assert_eq!(first, Some(TOP_CODES + 3));
    let text = render_human(&stats, "x");
    assert!(text.contains("(3 other codes)"), "{text}");
    assert!(text.contains("       6  (3 other codes)"), "{text}");
}

#[test]
fn vm_hwm_is_read_in_kib() {
    assert_eq!(
        parse_vm_hwm("Name:\tdocgen\nVmHWM:\t  101556 kB\nVmRSS:\t 5 kB\n"),
        Some(101556)
    );
    assert_eq!(parse_vm_hwm("VmRSS:\t5 kB\n"), None);
    assert_eq!(parse_vm_hwm("VmHWM:\tlots kB\n"), None);
}

fn counts(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn a_drop_of_more_than_one_percent_regresses() {
    let base = Baseline {
        input: "x".into(),
        counts: counts(&[
            (baseline::PAGES, 1000),
            (baseline::TYPES, 1000),
            (baseline::OPERATIONS, 1000),
            (baseline::PROPERTIES, 1000),
            (baseline::EXAMPLE_TESTS_PASSED, 10),
        ]),
    };
    let now = counts(&[
        (baseline::PAGES, 1000),
        (baseline::TYPES, 990),
        (baseline::OPERATIONS, 989),
        (baseline::PROPERTIES, 2000),
    ]);
    let outcomes: Vec<(String, Outcome)> = compare(&base, &now)
        .into_iter()
        .map(|c| (c.key, c.outcome))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("pages".to_string(), Outcome::Same),
            ("types".to_string(), Outcome::Lower),
            ("properties".to_string(), Outcome::Raised),
            ("operations".to_string(), Outcome::Dropped),
            ("example_tests_passed".to_string(), Outcome::NotMeasured),
        ]
    );
    assert!(regressed(&compare(&base, &now)));
    let fixed = counts(&[(baseline::OPERATIONS, 990)]);
    assert!(!regressed(&compare(&base, &fixed)));
    let huge = Baseline {
        input: String::new(),
        counts: counts(&[(baseline::TYPES, u64::MAX)]),
    };
    assert!(regressed(&compare(
        &huge,
        &counts(&[(baseline::TYPES, u64::MAX / 2)])
    )));
}

#[test]
fn baseline_files_round_trip_and_reject_unknown_counts() {
    let base = Baseline {
        input: "../shared/corpus/v1.0".into(),
        counts: counts(&[(baseline::PAGES, 3), (baseline::TYPES, 2)]),
    };
    assert_eq!(Baseline::parse(&base.to_json()), Ok(base));
    let err = Baseline::parse(r#"{"counts": {"pagez": 1}}"#).unwrap_err();
    assert!(err.contains("unknown count `pagez`"), "{err}");
    assert!(Baseline::parse("{").is_err());
    assert!(Baseline::parse(r#"{"counts": {"pages": -1}}"#).is_err());
}
