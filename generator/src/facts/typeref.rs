//! The grammar of the docs' Type column (`String`, `[x](x.md) collection`, `Collection(Edm.Int32)`, ...).

use crate::pages::Cell;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeSpecKind {
    /// An Edm primitive; `name` is its canonical spelling (`String`, `Int32`).
    Primitive,
    /// A named (structured or enum) type; `name` is the name as written (link text), without
    /// `microsoft.graph.`; resolution against the model happens in stage 3.
    Named,
    /// Untyped JSON by intent (`Json`, `JSON object`, `Object`).
    Json,
    /// Could not be read; `name` holds the raw text.
    Unknown,
}

/// A Type cell, read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TypeSpec {
    pub name: String,
    pub kind: TypeSpecKind,
    pub collection: bool,
    /// The link target, when the type was a link (`../resources/identityset.md`).
    pub link: Option<String>,
    /// The sub-namespace when the name was qualified (`callRecords` for
    /// `microsoft.graph.callRecords.session`).
    pub namespace: Option<String>,
    /// Set when the spelling was odd but understood (`string`, `Edm.Int32`, trailing text):
    /// the explanation for a `type-odd-spelling` note.
    pub oddity: Option<String>,
}

/// Reads a table's Type cell (inline, reference-style and anchor links, qualifiers, collections).
pub fn parse_type_cell(cell: &Cell, link_defs: &BTreeMap<String, String>) -> TypeSpec {
    let _ = link_defs;
    parse_type_text(&cell.text)
}

/// Reads a type written as text (annotation `@odata.type`, `Collection(microsoft.graph.x)`).
pub fn parse_type_text(text: &str) -> TypeSpec {
    TypeSpec {
        name: text.trim().to_string(),
        kind: TypeSpecKind::Unknown,
        collection: false,
        link: None,
        namespace: None,
        oddity: None,
    }
}
