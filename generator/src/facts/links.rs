//! Links whose file name starts with a stray dash (`../resources/-mailfolder.md`): the newer
//! template writes them for types it could not link, and no page is named so. They are read as
//! the file without the dash (`crate::model::types` resolves them so); each is reported once
//! per page and target.

use crate::diag::{excerpt, Code, Diagnostic, Span};
use crate::pages::{Block, Link, Page};
use std::collections::BTreeSet;

/// `../resources/-x.md` -> `../resources/x.md`; None when the file name has no leading dash.
pub fn without_leading_dash(target: &str) -> Option<String> {
    let (folder, file) = match target.rsplit_once('/') {
        Some((folder, file)) => (Some(folder), file),
        None => (None, target),
    };
    let file = file.strip_prefix('-')?;
    if file.is_empty() || file.starts_with('-') {
        return None;
    }
    Some(match folder {
        Some(folder) => format!("{folder}/{file}"),
        None => file.to_string(),
    })
}

pub fn check_dashed_links(page: &Page, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen = BTreeSet::new();
    let mut check = |links: &[Link], span: &Span| {
        for link in links {
            let Some(fixed) = without_leading_dash(&link.target) else {
                continue;
            };
            if seen.insert(link.target.clone()) {
                diagnostics.push(Diagnostic::new(
                    Code::LinkBroken,
                    span.clone(),
                    format!(
                        "the link `{}` has a stray leading dash in its file name; read as `{}`",
                        excerpt(&link.target),
                        excerpt(&fixed)
                    ),
                ));
            }
        }
    };
    for block in &page.blocks {
        match block {
            Block::Paragraph(text) => check(&text.links, &text.span),
            Block::Table(table) => {
                for cell in table.rows.iter().flat_map(|r| r.cells.iter()) {
                    check(&cell.links, &cell.span);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::testkit::page;

    #[test]
    fn dashed_links_are_read_without_the_dash_and_reported_once() {
        assert_eq!(
            without_leading_dash("../resources/-mailfolder.md").as_deref(),
            Some("../resources/mailfolder.md")
        );
        assert_eq!(without_leading_dash("-x.md").as_deref(), Some("x.md"));
        assert_eq!(without_leading_dash("../resources/mail-folder.md"), None);
        assert_eq!(without_leading_dash("../resources/-"), None);
        let markdown = "# x\n\nSee [a](../resources/-a.md).\n\n|Method|Return Type|Description|\n|:--|:--|:--|\n|[List a](../api/x.md)|[a](../resources/-a.md)||\n|[List b](../api/y.md)|[b](../resources/-b.md)||\n";
        let mut d = Vec::new();
        check_dashed_links(&page("resources/x.md", markdown), &mut d);
        let lines: Vec<(u32, bool)> = d
            .iter()
            .map(|d| {
                (
                    d.span.line,
                    d.message.contains("read as `../resources/b.md`"),
                )
            })
            .collect();
        assert_eq!(lines, [(3, false), (8, true)], "{d:#?}");
    }
}
