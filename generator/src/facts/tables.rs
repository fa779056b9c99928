//! Table classification shared by resource, enum and api pages: which columns hold the name, the
//! type and the description; which rows are group separators or template residue; and the
//! section (H2 and nearest sub-heading) each block sits in.

use crate::pages::{Block, Cell, Heading, Page, Row, Table};

/// A table whose rows are named, typed things (properties, relationships, parameters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypedColumns {
    pub name: usize,
    pub type_: usize,
    pub description: Option<usize>,
}

/// A table whose rows are enum members.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemberColumns {
    pub name: usize,
    /// The integer value column, when there is one.
    pub value: Option<usize>,
    pub description: Option<usize>,
}

/// Header keys (lower-cased, trimmed) that name the first column of a typed table.
const NAME_HEADERS: &[&str] = &[
    "property",
    "property name",
    "name",
    "parameter",
    "parameter name",
    "relationship",
    "relationship name",
    "query parameter",
];

fn header_keys(table: &Table) -> Vec<String> {
    table
        .header
        .iter()
        .map(|c| {
            c.text
                .replace("&nbsp;", " ")
                .replace('*', "")
                .trim()
                .to_lowercase()
        })
        .collect()
}

/// `Property|Type|Description` and its variants (`Property name`, `Name`, `Relationship`,
/// `Parameter`, extra columns such as `Required`).
pub fn typed_columns(table: &Table) -> Option<TypedColumns> {
    let keys = header_keys(table);
    let first = keys.first()?;
    if !NAME_HEADERS.contains(&first.as_str()) {
        return None;
    }
    let type_ = keys.iter().position(|k| k == "type")?;
    let description = keys.iter().position(|k| k.starts_with("description"));
    Some(TypedColumns {
        name: 0,
        type_,
        description,
    })
}

/// `Member|Value|Description`, `Member`, `Member|Description`, `Value|Description`,
/// `Member|Int value|Description`, `Member|Value`, `Value`.
pub fn member_columns(table: &Table) -> Option<MemberColumns> {
    let keys = header_keys(table);
    let description = keys.iter().position(|k| k.starts_with("description"));
    let numeric = |k: &str| matches!(k, "value" | "int value" | "numeric value");
    match keys.first().map(String::as_str) {
        Some("member") | Some("name") => {
            let value = keys.iter().skip(1).position(|k| numeric(k)).map(|i| i + 1);
            // `Name|Value|Description` is a parameter table unless it has a value column.
            if keys.first().map(String::as_str) == Some("name") && value.is_none() {
                return None;
            }
            if keys.iter().any(|k| k == "type") {
                return None;
            }
            Some(MemberColumns {
                name: 0,
                value,
                description,
            })
        }
        // Without a member column the Value column holds the member names.
        Some("value") if keys.len() <= 2 => Some(MemberColumns {
            name: 0,
            value: None,
            description,
        }),
        _ => None,
    }
}

pub fn cell(row: &Row, index: usize) -> Option<&Cell> {
    row.cells.get(index)
}

pub fn cell_text(row: &Row, index: Option<usize>) -> String {
    index
        .and_then(|i| row.cells.get(i))
        .map(|c| c.text.trim().to_string())
        .unwrap_or_default()
}

/// `| **Calendar** | | |`: a bold first cell and nothing else.
pub fn is_group_row(row: &Row) -> bool {
    let Some(first) = row.cells.first() else {
        return false;
    };
    let raw = first.raw.trim();
    let bold = raw.len() > 4 && raw.starts_with("**") && raw.ends_with("**");
    bold && row.cells.iter().skip(1).all(|c| is_blank(&c.text))
}

fn is_blank(text: &str) -> bool {
    text.replace("&nbsp;", "")
        .replace('\u{a0}', "")
        .trim()
        .is_empty()
}

/// `$(this.Properties.Name)`: a template placeholder left in a row.
pub fn is_template_residue(row: &Row) -> bool {
    row.cells
        .iter()
        .any(|c| c.raw.contains("$(this.") || c.text.contains("$(this."))
}

/// A row whose cells are all empty.
pub fn is_empty_row(row: &Row) -> bool {
    row.cells.iter().all(|c| is_blank(&c.text))
}

/// A name cell's text without decoration (`**name**`, `` `name` ``, links), and a note when the
/// cell held more than a name (`backupReviewers (deprecated)`).
pub fn clean_name(cell: &Cell) -> (String, Option<String>) {
    let text = cell.text.replace(['`', '*'], "").replace('\u{a0}', " ");
    let text = text.trim();
    let token_end = text
        .find(|c: char| c.is_whitespace() || c == '(' || c == ',')
        .unwrap_or(text.len());
    let name = text[..token_end].trim().to_string();
    let rest = text[token_end..].trim();
    let note = (!rest.is_empty()).then(|| format!("text after the name: `{rest}`"));
    (name, note)
}

/// Whether a property name is usable as a wire name: one token of letters (any script),
/// digits, `_`, and the joiners `-`, `.`, `@`, `$` that JSON keys use (`@odata.type`,
/// `site@odata.bind`, `v4_0`, `foo-bar`). The emitter makes any such name a Rust field with a
/// serde rename. A slash, colon, parenthesis, quote or space means the cell holds a path, a
/// header line or prose (`files/fileName`, `Prefer: x`), not a property.
pub fn is_property_name(name: &str) -> bool {
    name.chars().any(char::is_alphanumeric)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '@' | '$'))
}

/// A block with the headings it sits under.
#[derive(Clone, Copy, Debug)]
pub struct Placed<'p> {
    pub block: &'p Block,
    /// The nearest H2 above the block.
    pub h2: Option<&'p Heading>,
    /// The nearest heading of level 3 or deeper after that H2.
    pub sub: Option<&'p Heading>,
}

/// Every block of the page with its section, in order. Headings are placed in their own
/// section (an H2 heading has itself as `h2`).
pub fn placed_blocks(page: &Page) -> Vec<Placed<'_>> {
    let mut h2 = None;
    let mut sub = None;
    let mut out = Vec::with_capacity(page.blocks.len());
    for block in &page.blocks {
        if let Block::Heading(h) = block {
            match h.level {
                0..=1 => {
                    h2 = None;
                    sub = None;
                }
                2 => {
                    h2 = Some(h);
                    sub = None;
                }
                _ => sub = Some(h),
            }
        }
        out.push(Placed { block, h2, sub });
    }
    out
}

/// Case- and space-insensitive section name comparison (`JSON Representation`).
pub fn heading_is(heading: Option<&Heading>, name: &str) -> bool {
    heading.is_some_and(|h| {
        let norm = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        norm(&h.text) == norm(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::testkit::page;

    fn first_table(markdown: &str) -> Table {
        let page = page("resources/x.md", markdown);
        page.blocks
            .into_iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .unwrap_or_default()
    }

    #[test]
    fn typed_table_headers() {
        for header in [
            "|Property|Type|Description|",
            "| Property name | Type | Description |",
            "|Relationship|Type|Description|",
            "|Name|Type|Description|",
            "|Parameter|Type|Required?|Description|",
        ] {
            let table = first_table(&format!("{header}\n|---|---|---|\n|a|String|d|\n"));
            assert!(typed_columns(&table).is_some(), "{header}");
            assert!(member_columns(&table).is_none(), "{header}");
        }
        let t = first_table("|Method|Return Type|Description|\n|---|---|---|\n");
        assert!(typed_columns(&t).is_none());
        let t = first_table("|Parameter|Type|Required?|Description|\n|---|---|---|---|\n");
        assert_eq!(typed_columns(&t).and_then(|c| c.description), Some(3));
    }

    #[test]
    fn member_table_headers() {
        let cases = [
            ("|Member|Value|Description|", Some(1), Some(2)),
            ("|Member|", None, None),
            ("|Member|Description|", None, Some(1)),
            ("|Value|Description|", None, Some(1)),
            ("|Member|Int value|Description|", Some(1), Some(2)),
            ("|Member|Value|", Some(1), None),
        ];
        for (header, value, description) in cases {
            let table = first_table(&format!("{header}\n|---|\n"));
            let columns = member_columns(&table);
            assert_eq!(
                columns,
                Some(MemberColumns {
                    name: 0,
                    value,
                    description
                }),
                "{header}"
            );
        }
        assert!(member_columns(&first_table("|Name|Description|\n|---|---|\n")).is_none());
    }

    #[test]
    fn special_rows() {
        let t = first_table(
            "|Property|Type|Description|\n|---|---|---|\n|**Device management**| | |\n|$(this.Properties.Name)|$(this.Properties.DisplayType)||\n| | | |\n|a|String|x|\n",
        );
        let rows = &t.rows;
        assert!(is_group_row(&rows[0]) && !is_group_row(&rows[3]));
        assert!(is_template_residue(&rows[1]) && !is_template_residue(&rows[3]));
        assert!(is_empty_row(&rows[2]) && !is_empty_row(&rows[3]));
    }

    #[test]
    fn names() {
        let t = first_table("|P|\n|---|\n|**id**|\n|`type`|\n|backupReviewers (deprecated)|\n");
        let names: Vec<_> = t.rows.iter().map(|r| clean_name(&r.cells[0])).collect();
        assert_eq!(names[0], ("id".to_string(), None));
        assert_eq!(names[1], ("type".to_string(), None));
        assert_eq!(names[2].0, "backupReviewers");
        assert!(names[2].1.is_some());
        assert!(
            is_property_name("@odata.type")
                && is_property_name("@microsoft.graph.conflictBehavior")
        );
        assert!(is_property_name("v4_0") && !is_property_name("files/fileName"));
        for name in [
            "a.b",
            "foo-bar",
            "24hours",
            "größe",
            "site@odata.bind",
            "$x",
        ] {
            assert!(is_property_name(name), "{name}");
        }
        for name in ["", "-", "@.", "Prefer:", "a b", "f(x)", "a\"b", "a'b"] {
            assert!(!is_property_name(name), "{name}");
        }
    }

    #[test]
    fn sections() {
        let p = page(
            "x.md",
            "# T\n## Properties\n### Sub\ntext\n## Relationships\ntext2\n",
        );
        let placed = placed_blocks(&p);
        let texts: Vec<_> = placed
            .iter()
            .filter(|b| matches!(b.block, Block::Paragraph(_)))
            .map(|b| {
                (
                    b.h2.map(|h| h.text.as_str()),
                    b.sub.map(|h| h.text.as_str()),
                )
            })
            .collect();
        assert_eq!(
            texts,
            [
                (Some("Properties"), Some("Sub")),
                (Some("Relationships"), None)
            ]
        );
        assert!(heading_is(placed[1].h2, "properties"));
    }
}
