//! Tests of the Type column grammar: one per FORMAT.md §5 row, and a fuzz of the text helpers.

mod forms;
mod fuzz;
mod names;

use super::*;

fn cell(raw: &str) -> Cell {
    Cell {
        raw: raw.to_string(),
        text: raw.to_string(),
        ..Cell::default()
    }
}

fn parse(raw: &str) -> TypeSpec {
    parse_type_cell(&cell(raw), &BTreeMap::new())
}

fn assert_type(raw: &str, kind: TypeSpecKind, name: &str, collection: bool, odd: bool) {
    let spec = parse(raw);
    assert_eq!(spec.kind, kind, "{raw}: {spec:?}");
    assert_eq!(spec.name, name, "{raw}: {spec:?}");
    assert_eq!(spec.collection, collection, "{raw}: {spec:?}");
    assert_eq!(spec.oddity.is_some(), odd, "{raw}: {spec:?}");
}
