//! Api-page tables: path, function and query parameters, request headers, request body rows.
//! Columns are found by their header names (`Name|Description`, `Header|Value`,
//! `Parameter|Type|Description`, `Property|Type|Required|Value`...), never by position alone.

use super::typeref::{parse_type_cell, TypeSpec};
use crate::diag::Span;
use crate::ir::text::Description;
use crate::pages::{Cell, Table};
use serde::Serialize;
use std::collections::BTreeMap;

/// One row of a parameter, header or body table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParamFacts {
    /// As written, emphasis and code marks removed (`Content-Type`, `$filter`, `displayName`).
    pub name: String,
    /// The Type cell, read; None when the table has no Type column.
    pub type_spec: Option<TypeSpec>,
    /// The description or value cell.
    pub description: Description,
    pub required: bool,
    pub span: Span,
}

/// Column positions of a table, by header name.
struct Columns {
    name: usize,
    type_: Option<usize>,
    description: Option<usize>,
    required: Option<usize>,
}

fn columns(table: &Table) -> Columns {
    let keys = table.header_keys();
    let find = |names: &[&str]| {
        keys.iter()
            .position(|k| names.contains(&k.trim_matches('*').trim()))
    };
    let name = find(&[
        "name",
        "parameter",
        "property",
        "header",
        "query parameter",
        "parameter name",
        "property name",
        "header name",
    ])
    .unwrap_or(0);
    Columns {
        name,
        type_: find(&["type"]),
        description: find(&["description"]).or_else(|| find(&["value"])),
        required: keys.iter().position(|k| k.starts_with("required")),
    }
}

/// Whether the table's first column names things (its header says Name, Parameter, Property...).
pub fn is_name_table(table: &Table) -> bool {
    let keys = table.header_keys();
    keys.first().is_some_and(|k| {
        let k = k.trim_matches('*').trim();
        [
            "name",
            "parameter",
            "property",
            "header",
            "query parameter",
            "parameter name",
            "property name",
            "header name",
        ]
        .contains(&k)
    })
}

/// Reads every named row of a table.
pub fn read_rows(table: &Table, link_defs: &BTreeMap<String, String>) -> Vec<ParamFacts> {
    let cols = columns(table);
    table
        .rows
        .iter()
        .filter_map(|row| {
            // `$(this.Properties.Name)` rows are template residue (reported by the api checks).
            if super::tables::is_template_residue(row) {
                return None;
            }
            let name = clean_name(&row.cells.get(cols.name)?.text);
            if name.is_empty() {
                return None;
            }
            let type_spec = cols
                .type_
                .and_then(|i| row.cells.get(i))
                .map(|cell| parse_type_cell(cell, link_defs));
            let description_cell = cols.description.and_then(|i| row.cells.get(i));
            let description = description_cell
                .map(|c| c.text.trim().to_string())
                .unwrap_or_default();
            let required_cell = cols
                .required
                .and_then(|i| row.cells.get(i))
                .map(Cell::text_lower);
            let required = match required_cell {
                Some(value) => matches!(value.as_str(), "yes" | "y" | "true" | "required"),
                None => description.starts_with("Required") || description.contains("Required."),
            };
            Some(ParamFacts {
                name,
                type_spec,
                description: super::description::read_cell(description_cell),
                required,
                span: row.span.clone(),
            })
        })
        .collect()
}

trait CellText {
    fn text_lower(&self) -> String;
}

impl CellText for Cell {
    fn text_lower(&self) -> String {
        self.text.trim().trim_end_matches('.').to_ascii_lowercase()
    }
}

/// `**name**`, `` `name` ``, `name (optional)` -> `name`.
fn clean_name(text: &str) -> String {
    let text = text
        .trim()
        .trim_matches(|c| c == '*' || c == '`' || c == '_')
        .trim();
    let text = match text.split_once(" (") {
        Some((head, _)) => head,
        None => text,
    };
    text.trim_matches(|c| c == '*' || c == '`')
        .trim()
        .to_string()
}

/// The OData system query options named in text (`$select`, `$filter`...), canonically spelled.
pub fn odata_options(text: &str, into: &mut Vec<String>) {
    const OPTIONS: &[&str] = &[
        "$count",
        "$deltatoken",
        "$expand",
        "$filter",
        "$format",
        "$orderby",
        "$search",
        "$select",
        "$skip",
        "$skiptoken",
        "$top",
    ];
    let lower = text.to_ascii_lowercase();
    for (at, _) in lower.match_indices('$') {
        let word: String = lower
            .get(at..)
            .unwrap_or_default()
            .chars()
            .take_while(|c| *c == '$' || c.is_ascii_alphabetic())
            .collect();
        if let Some(option) = OPTIONS.iter().find(|o| **o == word) {
            if !into.iter().any(|o| o == option) {
                into.push(option.to_string());
            }
        }
    }
    into.sort();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::typeref::TypeSpecKind;
    use crate::pages::Row;

    fn cell(text: &str) -> Cell {
        Cell {
            text: text.into(),
            raw: text.into(),
            links: vec![],
            pieces: crate::ir::text::Paragraph::from_text(text),
            span: Span::default(),
        }
    }

    fn table(header: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            header: header.iter().map(|h| cell(h)).collect(),
            rows: rows
                .iter()
                .map(|r| Row {
                    cells: r.iter().map(|c| cell(c)).collect(),
                    span: Span::new("api/x.md", 7, 1),
                })
                .collect(),
            span: Span::default(),
        }
    }

    #[test]
    fn header_tables_in_both_spellings() {
        let t = table(
            &["Name", "Description"],
            &[
                &["Authorization", "Bearer {token}. Required."],
                &["Prefer", "odata.maxpagesize"],
            ],
        );
        let rows = read_rows(&t, &BTreeMap::new());
        assert_eq!(rows.len(), 2);
        assert!(rows[0].required && !rows[1].required);
        assert_eq!(rows[0].type_spec, None);
        let t = table(
            &["Header", "Value"],
            &[&["Content-Type", "application/json"]],
        );
        assert_eq!(
            read_rows(&t, &BTreeMap::new())[0].description,
            Description::plain("application/json")
        );
    }

    #[test]
    fn typed_tables_and_required_column() {
        let t = table(
            &["Parameter", "Type", "Required?", "Description"],
            &[
                &["**startDateTime**", "DateTimeOffset", "Yes", "Start."],
                &["", "", "", ""],
            ],
        );
        let rows = read_rows(&t, &BTreeMap::new());
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].name, "startDateTime");
        assert!(rows[0].required);
        assert_eq!(
            rows[0].type_spec.as_ref().map(|t| t.kind),
            Some(TypeSpecKind::Primitive)
        );
        assert!(is_name_table(&t));
        assert!(!is_name_table(&table(
            &["Permission type", "Permissions"],
            &[]
        )));
    }

    #[test]
    fn odata_options_from_prose() {
        let mut found = Vec::new();
        odata_options("This method supports the `$select`, `$filter` and $orderBy [OData](x) query parameters.", &mut found);
        assert_eq!(found, vec!["$filter", "$orderby", "$select"]);
    }
}
