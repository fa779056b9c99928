//! The Properties and Relationships tables of a resource page: which tables count, and each
//! row read into a [`PropertyFacts`] (name, type, read-only, nullable, possible values, intune's
//! "Inherited from"), with group rows, template residue and duplicates handled.

use super::prose;
use super::tables::{self, heading_is, Placed};
use super::typeref::{parse_type_cell, parse_type_text, TypeSpec, TypeSpecKind};
use crate::diag::{excerpt, Code, Diagnostic, Span};
use crate::ir::text::Description;
use crate::pages::{Block, Page, Row, Table};
use serde::Serialize;
use std::collections::BTreeSet;

/// One row of a Properties or Relationships table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PropertyFacts {
    pub name: String,
    #[serde(rename = "type")]
    pub type_spec: TypeSpec,
    pub description: Description,
    /// From the Relationships table.
    pub navigation: bool,
    pub read_only: bool,
    /// What the description says ("Nullable" / "Not nullable"), if anything.
    pub nullable: Option<bool>,
    /// Intune's flattened rows: "Inherited from [base]".
    pub inherited_from: Option<String>,
    pub possible_values: Vec<String>,
    pub span: Span,
}

/// Which tables of the page list properties, and whether they are relationships.
fn property_table<'p>(
    p: &Placed<'p>,
    type_name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(&'p Table, bool)> {
    let Block::Table(table) = p.block else {
        return None;
    };
    tables::typed_columns(table)?;
    let navigation = heading_is(p.h2, "relationships");
    // `## operationError Properties` names the type it describes.
    let in_properties = heading_is(p.h2, "properties")
        || heading_is(p.h2, "instance attributes")
        || heading_is(p.h2, &format!("{type_name} properties"));
    if !navigation && !in_properties {
        return None;
    }
    let sub_ok = p.sub.is_none()
        || heading_is(p.sub, "properties")
        || heading_is(p.sub, "instance attributes")
        || heading_is(p.sub, "relationships");
    if !sub_ok {
        // The policy pages describe the JSON inside `definition` in a second table.
        let heading = p.sub.map(|h| h.text.as_str()).unwrap_or_default();
        diagnostics.push(Diagnostic::new(
            Code::TableUnexpected,
            table.span.clone(),
            format!(
                "the table under `{}` describes something else than the type; not read as properties",
                excerpt(heading)
            ),
        ));
        return None;
    }
    Some((table, navigation))
}

pub(super) fn read_property_tables(
    placed: &[Placed<'_>],
    page: &Page,
    type_name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PropertyFacts> {
    let mut properties: Vec<PropertyFacts> = Vec::new();
    let mut seen = BTreeSet::new();
    for p in placed {
        let Some((table, navigation)) = property_table(p, type_name, diagnostics) else {
            continue;
        };
        if table.rows.is_empty() {
            diagnostics.push(Diagnostic::new(
                Code::TableHeaderOnly,
                table.span.clone(),
                "the property table has a header and no rows",
            ));
        }
        for property in read_rows(table, navigation, page, diagnostics) {
            if seen.insert(property.name.to_lowercase()) {
                properties.push(property);
            } else {
                let first = properties
                    .iter()
                    .find(|q| q.name.eq_ignore_ascii_case(&property.name));
                let mut d = Diagnostic::new(
                    Code::DuplicateRow,
                    property.span.clone(),
                    format!(
                        "property `{}` is listed twice; the first row is kept",
                        property.name
                    ),
                );
                if let Some(first) = first {
                    d = d.with_related(first.span.clone(), "first listed here");
                }
                diagnostics.push(d);
            }
        }
    }
    properties
}

fn read_rows(
    table: &Table,
    navigation: bool,
    page: &Page,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PropertyFacts> {
    let Some(columns) = tables::typed_columns(table) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in &table.rows {
        if tables::is_group_row(row) || tables::is_empty_row(row) {
            continue;
        }
        if tables::is_template_residue(row) {
            diagnostics.push(Diagnostic::new(
                Code::TemplateResidue,
                row.span.clone(),
                "a template placeholder row (`$(this.…)`) was left in the table; skipped",
            ));
            continue;
        }
        let Some(name_cell) = tables::cell(row, columns.name) else {
            continue;
        };
        let (name, name_note) = tables::clean_name(name_cell);
        if !tables::is_property_name(&name) {
            diagnostics.push(Diagnostic::new(
                Code::PropertyNameInvalid,
                name_cell.span.clone(),
                format!(
                    "`{}` is not a property name; row skipped",
                    excerpt(name_cell.text.trim())
                ),
            ));
            continue;
        }
        if let Some(note) = name_note {
            diagnostics.push(Diagnostic::new(
                Code::TypeOddSpelling,
                name_cell.span.clone(),
                format!("property `{name}`: {note}"),
            ));
        }
        let type_spec = read_type(row, columns.type_, &name, page, diagnostics);
        let description_index = columns.description.or(row.cells.len().checked_sub(1));
        let description_cell = description_index
            .filter(|i| *i > columns.type_)
            .and_then(|i| row.cells.get(i));
        let description = description_cell
            .map(|c| c.text.trim().to_string())
            .unwrap_or_default();
        let inherited_from = description_index
            .and_then(|i| row.cells.get(i))
            .and_then(|c| prose::link_after(&c.text, &c.links, "inherited from"))
            .map(|l| l.text.trim().to_string());
        out.push(PropertyFacts {
            read_only: prose::says_read_only(&description),
            nullable: prose::says_nullable(&description),
            possible_values: prose::possible_values(&description),
            name,
            type_spec,
            description: super::description::read_cell(description_cell),
            navigation,
            inherited_from,
            span: row.span.clone(),
        });
    }
    out
}

fn read_type(
    row: &Row,
    index: usize,
    name: &str,
    page: &Page,
    diagnostics: &mut Vec<Diagnostic>,
) -> TypeSpec {
    let Some(cell) = row.cells.get(index) else {
        diagnostics.push(Diagnostic::new(
            Code::TypeUnknown,
            row.span.clone(),
            format!("property `{name}` has no Type cell; read as untyped JSON"),
        ));
        return parse_type_text("");
    };
    let spec = parse_type_cell(cell, &page.link_defs);
    match (&spec.kind, &spec.oddity) {
        (TypeSpecKind::Unknown, _) => diagnostics.push(Diagnostic::new(
            Code::TypeUnknown,
            cell.span.clone(),
            format!(
                "property `{name}`: the type `{}` could not be read; read as untyped JSON",
                excerpt(&spec.name)
            ),
        )),
        (_, Some(oddity)) => diagnostics.push(Diagnostic::new(
            Code::TypeOddSpelling,
            cell.span.clone(),
            format!(
                "property `{name}`: type `{}` read as {}: {oddity}",
                excerpt(cell.text.trim()),
                excerpt(&spec.name)
            ),
        )),
        _ => {}
    }
    spec
}
