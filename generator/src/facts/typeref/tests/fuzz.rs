//! Deterministic random strings from an alphabet of the grammar's punctuation, non-ASCII
//! letters and words: the text helpers of the facts stage must never panic.
use super::super::*;

const PIECES: &[&str] = &[
    "[",
    "]",
    "(",
    ")",
    "`",
    "*",
    "**",
    "\\",
    "|",
    "#",
    ".",
    ":",
    ",",
    "/",
    " ",
    "İ",
    "é",
    "€",
    "K",
    "x",
    "String",
    "collection",
    "Collection(",
    "Edm.",
    "microsoft.graph.",
    " or ",
    "<br>",
    "&lt;",
    "]: ",
    "](",
    "][",
    " values",
    " resource type",
    "Possible values are: ",
    "`a`",
    "Inherited from ",
    "..",
    "\u{a0}",
];

fn strings(count: usize) -> Vec<String> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let len = (next() % 12) as usize;
            (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect()
        })
        .collect()
}

#[test]
fn text_helpers_never_panic() {
    let mut defs = BTreeMap::new();
    defs.insert("x".to_string(), "x.md".to_string());
    let mut unknown = 0;
    for text in strings(20_000) {
        let cell = Cell {
            raw: text.clone(),
            text: text.clone(),
            ..Cell::default()
        };
        let spec = parse_type_cell(&cell, &defs);
        if spec.kind == TypeSpecKind::Unknown {
            unknown += 1;
            assert_eq!(spec.name, text.trim());
        }
        let _ = crate::facts::page::split_h1(&text);
        let _ = crate::facts::enums::anchor(&text);
        let _ = crate::facts::prose::possible_values(&text);
        let _ = crate::facts::prose::strip_suffix_ignore_case(&text, " values");
        let _ = crate::model::types::link_target_for_tests("resources/a.md", &text);
    }
    assert!(unknown > 0);
}
