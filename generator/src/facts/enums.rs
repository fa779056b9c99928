//! Enums: enum pages, multi-enum pages (`enums.md`) and `X values` sections of resource pages.
//!
//! Enum pages and multi-enum pages define schema enums. `X values` sections of resource pages
//! only *may* (FORMAT.md §6: user.md's are "only documented like enums"); they are marked
//! [`EnumOrigin::Section`] and stage 3 makes them enums only when a property refers to them.

use super::description;
use super::page::{H1Form, PageHeader};
use super::prose::strip_suffix_ignore_case;
use super::tables::{self, MemberColumns, Placed};
use super::typeref::{parse_type_text, TypeSpecKind};
use crate::diag::{excerpt, Code, Diagnostic, Span};
use crate::ir::text::Description;
use crate::ir::PageKind;
use crate::pages::{Block, Heading, Page, Table, Text};
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EnumOrigin {
    /// An enum page (`X enum type`, `## Members`).
    #[default]
    Page,
    /// A `### X values` section of a multi-enum page (`enums.md`).
    MultiPage,
    /// An `X values` section of a resource page: an enum only when a property refers to it.
    Section,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EnumFacts {
    pub name: String,
    /// Full OData namespace (`microsoft.graph.callRecords`).
    pub namespace: String,
    pub description: Description,
    pub members: Vec<MemberFacts>,
    pub flags: bool,
    pub origin: EnumOrigin,
    /// The section heading's anchor (`agegroup-values`), for `[x](#agegroup-values)` links.
    pub anchor: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MemberFacts {
    pub name: String,
    pub value: Option<i64>,
    pub description: Description,
    pub span: Span,
}

pub fn read_enums(
    page: &Page,
    header: &PageHeader,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<EnumFacts> {
    let placed = tables::placed_blocks(page);
    match header.kind {
        PageKind::Enum if header.h1_form == H1Form::EnumType => {
            enum_page(&placed, header, diagnostics)
                .into_iter()
                .collect()
        }
        PageKind::Enum => value_sections(&placed, header, EnumOrigin::MultiPage, diagnostics),
        PageKind::Resource => value_sections(&placed, header, EnumOrigin::Section, diagnostics),
        _ => Vec::new(),
    }
}

/// One enum: the H1 names it, the (first) member table under `## Members` lists it.
fn enum_page(
    placed: &[Placed<'_>],
    header: &PageHeader,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<EnumFacts> {
    let spec = parse_type_text(header.h1_name.as_deref().unwrap_or_default());
    if spec.kind != TypeSpecKind::Named {
        diagnostics.push(Diagnostic::new(
            Code::TitleMissing,
            header.title_span.clone(),
            format!(
                "enum page whose H1 `{}` names no type; it defines no enum",
                excerpt(&header.title)
            ),
        ));
        return None;
    }
    let member_tables: Vec<(&Table, MemberColumns, bool)> = placed
        .iter()
        .filter_map(|p| match p.block {
            Block::Table(t) => {
                tables::member_columns(t).map(|c| (t, c, tables::heading_is(p.h2, "members")))
            }
            _ => None,
        })
        .collect();
    // Prefer the table under `## Members`; fall back on any member table.
    let chosen = member_tables
        .iter()
        .find(|(_, _, m)| *m)
        .or(member_tables.first());
    let namespace = match spec.namespace {
        Some(ns) => format!("microsoft.graph.{ns}"),
        None => header.namespace.clone(),
    };
    let mut facts = EnumFacts {
        name: spec.name,
        namespace,
        description: intro(placed, header),
        origin: EnumOrigin::Page,
        span: header.title_span.clone(),
        ..EnumFacts::default()
    };
    if let Some((table, columns, _)) = chosen {
        facts.members = read_members(table, *columns, &facts.name, diagnostics);
    }
    finish(&mut facts, false, diagnostics);
    Some(facts)
}

/// Paragraphs between the H1 and the first H2, read by [`description::read_intro`].
fn intro(placed: &[Placed<'_>], header: &PageHeader) -> Description {
    let paragraphs = placed
        .iter()
        .take_while(|p| p.h2.is_none())
        .filter_map(paragraph);
    description::read_intro(paragraphs, None, Some(header)).description
}

fn paragraph<'p>(placed: &Placed<'p>) -> Option<&'p Text> {
    match placed.block {
        Block::Paragraph(t) => Some(t),
        _ => None,
    }
}

/// `X values` (and `X property values`) headings of level 2 to 4 with a member table before the
/// next heading.
fn value_sections(
    placed: &[Placed<'_>],
    header: &PageHeader,
    origin: EnumOrigin,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<EnumFacts> {
    let mut out = Vec::new();
    let mut index = 0;
    while index < placed.len() {
        let Some(Block::Heading(heading)) = placed.get(index).map(|p| p.block) else {
            index += 1;
            continue;
        };
        index += 1;
        let Some(name) = section_enum_name(heading) else {
            continue;
        };
        let rest = placed.get(index..).unwrap_or_default();
        let section_end = rest
            .iter()
            .position(|p| matches!(p.block, Block::Heading(_)))
            .unwrap_or(rest.len());
        let section = rest.get(..section_end).unwrap_or_default();
        let table = section.iter().find_map(|p| match p.block {
            Block::Table(t) => tables::member_columns(t).map(|c| (t, c)),
            _ => None,
        });
        let Some((table, columns)) = table else {
            // Multi-enum pages promise a table under every `X values` heading.
            if origin == EnumOrigin::MultiPage {
                diagnostics.push(Diagnostic::new(
                    Code::EnumEmpty,
                    heading.span.clone(),
                    format!("enum `{}` has no member table", excerpt(&name)),
                ));
            }
            continue;
        };
        let description =
            description::read_intro(section.iter().filter_map(paragraph), None, None).description;
        let mut facts = EnumFacts {
            members: read_members(table, columns, &name, diagnostics),
            name,
            namespace: header.namespace.clone(),
            description,
            origin,
            anchor: Some(anchor(&heading.text)),
            span: heading.span.clone(),
            ..EnumFacts::default()
        };
        finish(
            &mut facts,
            heading
                .text
                .to_lowercase()
                .split_whitespace()
                .any(|w| w == "flags"),
            diagnostics,
        );
        out.push(facts);
    }
    out
}

/// `ageGroup values` -> `ageGroup`; `Type property values` -> `Type`. None for other headings.
fn section_enum_name(heading: &Heading) -> Option<String> {
    if !(2..=4).contains(&heading.level) {
        return None;
    }
    let text = heading.text.trim().replace('`', "");
    let stem = strip_suffix_ignore_case(&text, " values")
        .or_else(|| strip_suffix_ignore_case(&text, " flags"))?;
    let stem = stem.trim();
    let stem = stem.strip_suffix(" property").unwrap_or(stem).trim();
    let spec = parse_type_text(stem);
    (spec.kind == TypeSpecKind::Named && spec.namespace.is_none()).then_some(spec.name)
}

/// The anchor DocFX gives a heading: lower case, spaces to `-`, punctuation dropped.
pub fn anchor(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

fn read_members(
    table: &Table,
    columns: MemberColumns,
    enum_name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<MemberFacts> {
    let mut members: Vec<MemberFacts> = Vec::new();
    let mut seen = BTreeSet::new();
    for row in &table.rows {
        if tables::is_group_row(row) || tables::is_empty_row(row) {
            continue;
        }
        let Some(cell) = tables::cell(row, columns.name) else {
            continue;
        };
        let name = cell.text.replace(['`', '*'], "").trim().to_string();
        if name.is_empty() {
            continue;
        }
        let value_text = tables::cell_text(row, columns.value);
        let value = parse_value(&value_text);
        if value.is_none() && !value_text.is_empty() {
            diagnostics.push(Diagnostic::new(
                Code::EnumValueInvalid,
                row.span.clone(),
                format!(
                    "enum `{enum_name}`: member `{name}` has the value `{}`, not an integer",
                    excerpt(&value_text)
                ),
            ));
        }
        if !seen.insert(name.clone()) {
            let first = members
                .iter()
                .find(|m| m.name == name)
                .map(|m| m.span.clone());
            let mut d = Diagnostic::new(
                Code::EnumMemberDuplicate,
                row.span.clone(),
                format!("enum `{enum_name}` lists `{name}` twice; the first is kept"),
            );
            if let Some(first) = first {
                d = d.with_related(first, "first listed here");
            }
            diagnostics.push(d);
            continue;
        }
        members.push(MemberFacts {
            name,
            value,
            description: description::read_cell(columns.description.and_then(|i| row.cells.get(i))),
            span: row.span.clone(),
        });
    }
    members
}

fn parse_value(text: &str) -> Option<i64> {
    let text = text.replace('`', "");
    let text = text.trim();
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        return i64::from_str_radix(hex, 16).ok();
    }
    text.parse().ok()
}

/// Flags and emptiness. An enum is a flags enum when its heading says so, or when its values
/// are distinct powers of two (besides 0) reaching at least 4: `1, 2, 4, 8` combine,
/// `0, 1, 2, 3` do not.
fn finish(facts: &mut EnumFacts, heading_says_flags: bool, diagnostics: &mut Vec<Diagnostic>) {
    if facts.members.is_empty() {
        diagnostics.push(Diagnostic::new(
            Code::EnumEmpty,
            facts.span.clone(),
            format!("enum `{}` has no members", facts.name),
        ));
    }
    let values: Option<Vec<i64>> = facts.members.iter().map(|m| m.value).collect();
    let powers = values.is_some_and(|values| {
        let nonzero: Vec<i64> = values.iter().copied().filter(|v| *v != 0).collect();
        let distinct: BTreeSet<i64> = nonzero.iter().copied().collect();
        nonzero.len() >= 3
            && distinct.len() == nonzero.len()
            && nonzero.iter().all(|v| *v > 0 && (v & (v - 1)) == 0)
            && nonzero.iter().any(|v| *v >= 4)
    });
    facts.flags = heading_says_flags || powers;
}

#[cfg(test)]
#[path = "enums_tests.rs"]
mod tests;
