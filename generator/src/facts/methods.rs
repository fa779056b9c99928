//! A resource page's `## Methods` table: which api pages operate on the type (the link in each
//! row's first cell). Path inference takes the page that lists an operation as its owner or
//! binding type. The newer template leaves Return Type cells empty where the docs write
//! "None" or a type; that is reported once per table.

use super::tables::{self, Placed};
use crate::diag::{excerpt, Code, Diagnostic, Span};
use crate::pages::Block;
use serde::Serialize;

/// One row of a Methods table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MethodLink {
    /// The row's link text (`List includeTargets`).
    pub title: String,
    /// The link's target as written (`../api/x-list-includetargets.md`).
    pub target: String,
    pub span: Span,
}

pub fn read_methods(placed: &[Placed<'_>], diagnostics: &mut Vec<Diagnostic>) -> Vec<MethodLink> {
    let mut out = Vec::new();
    for p in placed {
        let Block::Table(table) = p.block else {
            continue;
        };
        if !tables::heading_is(p.h2, "Methods") {
            continue;
        }
        let keys = table.header_keys();
        let is_methods = keys
            .first()
            .is_some_and(|k| k == "method" || k == "function");
        if !is_methods {
            continue;
        }
        let returns = keys.iter().position(|k| k.contains("return type"));
        let mut empty_returns = Vec::new();
        for row in &table.rows {
            let Some(link) = row.cells.first().and_then(|c| c.links.first()) else {
                continue;
            };
            out.push(MethodLink {
                title: link.text.trim().to_string(),
                target: link.target.trim().to_string(),
                span: row.span.clone(),
            });
            let empty = returns
                .and_then(|i| row.cells.get(i))
                .is_none_or(|c| c.text.trim().is_empty());
            let deletes = link
                .text
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("delete");
            if returns.is_some() && empty && !deletes {
                empty_returns.push(link.text.trim().to_string());
            }
        }
        if let Some(first) = empty_returns.first() {
            diagnostics.push(Diagnostic::new(
                Code::TableEmptyCells,
                table.span.clone(),
                format!(
                    "the Methods table leaves the Return Type of {} operation(s) empty (`{}`{}); each operation's own page says what it returns",
                    empty_returns.len(),
                    excerpt(first),
                    if empty_returns.len() > 1 { ", ..." } else { "" }
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::testkit::page;

    #[test]
    fn rows_link_their_pages_and_empty_return_types_are_reported_once() {
        let markdown = "# a resource type\n\n## Methods\n| Method | Return Type | Description |\n|:--|:--|:--|\n| [List a](../api/a-list.md) | [a](a.md) collection | List. |\n| [Delete a](../api/a-delete.md) | | Delete. |\n| [assign](../api/a-assign.md) | | |\n| [reset](../api/a-reset.md) |  | |\n| Group row | | |\n\n## Properties\n|Property|Type|Description|\n|:--|:--|:--|\n|id|String|x|\n";
        let page = page("resources/a.md", markdown);
        let placed = tables::placed_blocks(&page);
        let mut d = Vec::new();
        let methods = read_methods(&placed, &mut d);
        let targets: Vec<&str> = methods.iter().map(|m| m.target.as_str()).collect();
        assert_eq!(
            targets,
            [
                "../api/a-list.md",
                "../api/a-delete.md",
                "../api/a-assign.md",
                "../api/a-reset.md"
            ]
        );
        assert_eq!(methods[2].title, "assign");
        assert_eq!(d.len(), 1, "{d:#?}");
        assert!(
            d[0].message
                .contains("2 operation(s) empty (`assign`, ...)"),
            "{}",
            d[0].message
        );
    }
}
