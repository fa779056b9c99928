//! The Type-column grammar (`Collection(microsoft.graph.x)`, `[x](x.md) collection`, links,
//! qualifiers) on arbitrary text, as a table cell and as annotation text.
#![no_main]

use docgen::facts::typeref::{parse_type_cell, parse_type_text};
use docgen::pages::Cell;
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parse_type_text(&text);
    // A reference-style link definition for every label, so those links resolve too.
    let mut link_defs = BTreeMap::new();
    link_defs.insert("x".to_string(), "../resources/x.md".to_string());
    let cell = Cell {
        text: text.to_string(),
        raw: text.to_string(),
        ..Cell::default()
    };
    let _ = parse_type_cell(&cell, &link_defs);
    let plain = Cell {
        text: text.to_string(),
        ..Cell::default()
    };
    let _ = parse_type_cell(&plain, &link_defs);
});
