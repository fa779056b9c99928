//! Tests of the lenient JSON reader, one per repair.

use super::*;
use serde_json::json;

fn kinds(text: &str) -> Vec<RepairKind> {
    match parse_lenient(text) {
        Ok(repaired) => repaired.repairs.iter().map(|r| r.kind).collect(),
        Err(e) => panic!("{text:?} failed: {e}"),
    }
}

fn value(text: &str) -> Value {
    match parse_lenient(text) {
        Ok(repaired) => repaired.value,
        Err(e) => panic!("{text:?} failed: {e}"),
    }
}

#[test]
fn strict_json_has_no_repairs() {
    let repaired = parse_lenient(r#"{"a": [1, 2.5, "x", null, true], "b": {}}"#).ok();
    assert_eq!(repaired.as_ref().map(Repaired::is_strict), Some(true));
    assert_eq!(
        repaired.map(|r| r.value),
        Some(json!({"a": [1, 2.5, "x", null, true], "b": {}}))
    );
    assert_eq!(value("[]"), json!([]));
    assert_eq!(value("\"scalar\""), json!("scalar"));
}

#[test]
fn trailing_commas() {
    let text = "{\n  \"a\": 1,\n  \"b\": [1, 2,],\n}";
    assert_eq!(value(text), json!({"a": 1, "b": [1, 2]}));
    let repaired = parse_lenient(text).ok();
    let repairs = repaired.map(|r| r.repairs).unwrap_or_default();
    assert_eq!(repairs.len(), 2);
    assert_eq!(
        (repairs[0].kind, repairs[0].line, repairs[0].col),
        (RepairKind::TrailingComma, 3, 13)
    );
    assert_eq!((repairs[1].line, repairs[1].col), (3, 15));
}

#[test]
fn comments_are_removed() {
    let text = "{\n  // the id\n  \"id\": \"x\", /* inline */ \"n\": 2 // end\n}";
    assert_eq!(value(text), json!({"id": "x", "n": 2}));
    assert_eq!(kinds(text), vec![RepairKind::Comment; 3]);
    assert_eq!(
        value("{\"url\": \"https://a/b\"}"),
        json!({"url": "https://a/b"})
    );
}

#[test]
fn ellipsis_lines_and_elements() {
    let text = "{\n  \"value\": [\n    {\"a\": 1},\n    ...\n  ],\n  ...\n}";
    assert_eq!(value(text), json!({"value": [{"a": 1}]}));
    assert_eq!(
        kinds(text),
        vec![RepairKind::Ellipsis, RepairKind::Ellipsis]
    );
    assert_eq!(value("[1, …, 2]"), json!([1, 2]));
    assert_eq!(value("{\"a\": 1,\n ...}"), json!({"a": 1}));
}

#[test]
fn raw_control_characters_in_strings() {
    let text = "{\"suppressions\": [\"a\nb\", \"c\td\"]}";
    assert_eq!(value(text), json!({"suppressions": ["a\nb", "c\td"]}));
    assert_eq!(kinds(text), vec![RepairKind::ControlCharacter; 2]);
}

#[test]
fn unquoted_keys_single_quotes_and_python_literals() {
    let text = "{\n  \"blockType\": \"response\",\n  isCollection: true,\n  'name': 'x',\n  \"openType\": False\n}";
    assert_eq!(
        value(text),
        json!({"blockType": "response", "isCollection": true, "name": "x", "openType": false})
    );
    assert_eq!(
        kinds(text),
        vec![
            RepairKind::UnquotedKey,
            RepairKind::SingleQuotes,
            RepairKind::SingleQuotes,
            RepairKind::PythonLiteral
        ]
    );
    assert_eq!(value("{\"a\": None}"), json!({"a": null}));
    assert_eq!(
        value("{\"t\": NAV.PostalAddress}"),
        json!({"t": "NAV.PostalAddress"})
    );
    assert_eq!(
        kinds("{\"t\": NAV.PostalAddress}"),
        vec![RepairKind::UnquotedValue]
    );
}

#[test]
fn missing_commas_between_lines() {
    let text = "{\n  \"a\": \"x\"\n  \"b\": [1\n 2]\n}";
    assert_eq!(value(text), json!({"a": "x", "b": [1, 2]}));
    assert_eq!(
        kinds(text),
        vec![RepairKind::MissingComma, RepairKind::MissingComma]
    );
    // On one line, two values without a comma are an error, not a guess.
    assert!(parse_lenient("{\"a\": \"x\" \"b\": 1}").is_err());
}

#[test]
fn missing_closing_quote_before_the_next_key() {
    let text =
        "{\n  \"description\": \"User delete apps,\n  \"keywords\": \"\",\n  \"t\": \"x\"\n}";
    assert_eq!(
        value(text),
        json!({"description": "User delete apps", "keywords": "", "t": "x"})
    );
    assert_eq!(kinds(text), vec![RepairKind::MissingQuote]);
    // Without a comma the next line still reads, as a missing comma.
    let text = "{\"a\": \"open\n\"b\": 1}";
    assert_eq!(value(text), json!({"a": "open", "b": 1}));
    assert_eq!(
        kinds(text),
        vec![RepairKind::MissingQuote, RepairKind::MissingComma]
    );
}

#[test]
fn errors_carry_line_and_column() {
    let error = parse_lenient("{\n  \"a\": 1,\n  \"b\": ]\n}").err();
    assert_eq!(error.as_ref().map(|e| (e.line, e.col)), Some((3, 8)));
    let error = parse_lenient("{\"a\": \"unterminated").err();
    assert_eq!(error.map(|e| (e.line, e.col)), Some((1, 7)));
    assert!(parse_lenient("GET /me").is_err());
    assert!(parse_lenient("").is_err());
    assert!(parse_lenient("{\"a\": 1} trailing").is_err());
    assert!(parse_lenient("[1, 2").is_err());
    assert!(parse_lenient("{\"a\" 1}").is_err());
    assert!(parse_lenient("[1 }").is_err());
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = "[".repeat(5000) + &"]".repeat(5000);
    let error = parse_lenient(&deep).err();
    assert!(error.is_some_and(|e| e.message.contains("nested")));
    // Deep but within the limit, and with a repair so the lenient pass runs.
    let ok = "[".repeat(MAX_DEPTH) + "1," + &"]".repeat(MAX_DEPTH);
    assert!(parse_lenient(&ok).is_ok_and(|r| r.repairs.len() == 1));
    let unclosed_objects = "{\"a\":".repeat(10_000);
    assert!(parse_lenient(&unclosed_objects).is_err());
}

#[test]
fn escapes_and_surrogates() {
    assert_eq!(
        value("{\"a\": \"\\ud83d\\ude00\\u00e9\",}"),
        json!({"a": "😀é"})
    );
    assert_eq!(
        kinds("{\"a\": \"\\ud83d x\"}"),
        vec![RepairKind::InvalidEscape]
    );
    assert_eq!(value("{\"p\": \"C:\\path\"}"), json!({"p": "C:\\path"}));
}

#[test]
fn summary_groups_repairs_by_kind() {
    let repaired = parse_lenient("{\"a\": [1,],\n\"b\": [2,],}").ok();
    assert_eq!(
        repaired.map(|r| r.summary()).as_deref(),
        Some("trailing comma (1:9, 3 times)")
    );
}

#[test]
fn linear_time_on_large_input() {
    let item = "{\"id\": \"x\", \"n\": 1,},\n";
    let text = format!("[{}]", item.repeat(50_000));
    let started = std::time::Instant::now();
    let repaired = parse_lenient(&text).ok();
    assert_eq!(repaired.map(|r| r.repairs.len()), Some(50_001));
    assert!(started.elapsed().as_secs() < 5);
}
