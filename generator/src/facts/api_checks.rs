//! Checks of an api page that only report: an empty permissions table, a request body text
//! written for another kind of page, and template residue left in the page.

use super::sections::Section;
use crate::diag::{excerpt, Code, Diagnostic};
use crate::pages::{Block, Page};

/// A permissions table whose permission cells are all empty lists no permission.
pub(super) fn check_permissions(section: &Section<'_>, diagnostics: &mut Vec<Diagnostic>) {
    for table in section.tables() {
        let is_permissions = table
            .header_keys()
            .first()
            .is_some_and(|k| k.contains("permission"));
        if !is_permissions {
            continue;
        }
        let listed = table.rows.iter().any(|row| {
            row.cells
                .iter()
                .skip(1)
                .any(|c| !c.text.trim().is_empty() && c.text.trim() != "&nbsp;")
        });
        if !listed {
            diagnostics.push(Diagnostic::new(
                Code::PermissionsEmpty,
                table.span.clone(),
                "the permissions table lists no permission for any permission type",
            ));
        }
    }
}

/// "The following table shows the properties that are required when you create ..." on an
/// update page (and the reverse); `verb` is the method the page's title implies, else its
/// request lines'.
pub(super) fn check_body_title(
    section: &Section<'_>,
    verb: Option<&str>,
    title: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for paragraph in section.paragraphs() {
        let lower = paragraph.text.to_ascii_lowercase();
        let wrong = match verb {
            Some("PATCH") | Some("PUT") => {
                lower.contains("when you create") || lower.contains("when creating")
            }
            Some("POST") => lower.contains("when you update") || lower.contains("when updating"),
            _ => false,
        };
        if wrong {
            diagnostics.push(Diagnostic::new(
                Code::TableTitleMismatch,
                paragraph.span.clone(),
                format!(
                    "the request body text does not fit this {} page: \"{}\"",
                    title.trim(),
                    excerpt(paragraph.text.trim())
                ),
            ));
        }
    }
}

/// `<!-- CRUD Methods -->`, `<!-- Actions and Functions -->` and `$(this.Properties.Name)` rows
/// are left over from the page template.
pub(super) fn check_template_residue(page: &Page, diagnostics: &mut Vec<Diagnostic>) {
    for block in &page.blocks {
        match block {
            Block::Comment(comment) if comment.annotation.is_none() => {
                let text = comment.text.trim();
                if text == "CRUD Methods"
                    || text == "Actions and Functions"
                    || text.contains("$(this.")
                {
                    diagnostics.push(Diagnostic::new(
                        Code::TemplateResidue,
                        comment.span.clone(),
                        format!(
                            "template comment `<!-- {} -->` left in the page",
                            excerpt(text)
                        ),
                    ));
                }
            }
            Block::Table(table) => {
                for row in &table.rows {
                    if row
                        .cells
                        .iter()
                        .any(|c| c.raw.contains("$(this.") || c.text.contains("$(this."))
                    {
                        diagnostics.push(Diagnostic::new(
                            Code::TemplateResidue,
                            row.span.clone(),
                            "a table row holds template placeholders such as `$(this.Properties.Name)`; the row was skipped",
                        ));
                    }
                }
            }
            _ => {}
        }
    }
}
