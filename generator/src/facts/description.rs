//! The one description reader: how resource, enum and API pages turn their prose into a
//! [`Description`], with the same rules everywhere.
//!
//! - Boilerplate is never description: the `Namespace:` line, "Inherits from" / "Derived from"
//!   lines (the base is stated apart), and the Intune license note (on ~500 Intune pages; it is
//!   about the tenant, not the type).
//! - A callout (`Note:`, `Important:`, `[!NOTE]`, "APIs under the /beta version ...") is never
//!   the summary, the first line rustdoc shows in every listing: callouts before the first plain
//!   paragraph move just after it, and a cell that opens with a callout sentence ends with it.
//!   Alert markers are written as labels (`[!NOTE]` -> `Note:`).
//! - When a resource or enum page's introduction has no plain paragraph, the front matter's
//!   description is the summary. API pages take none: the two v1.0 API pages without an
//!   introduction have the permissions sentence there.

use super::callout;
use super::page::PageHeader;
use super::prose::{self, sentences};
use crate::ir::text::{Description, Inline, Paragraph};
use crate::pages::{Cell, Text};

/// A page introduction (or section prose) read as a description.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Intro<'p> {
    /// The first plain paragraph, as the page wrote it (API pages read the type it names);
    /// None when there is none, or when the front matter gave the summary.
    pub summary: Option<&'p Text>,
    /// Whether the description opens with a plain paragraph (the page's or the front matter's).
    has_summary: bool,
    pub description: Description,
}

impl Intro<'_> {
    /// The summary paragraph alone (what an operation's doc comment shows), or nothing when
    /// the prose is only callouts.
    pub fn summary_only(&self) -> Description {
        if self.has_summary {
            self.description.first_paragraph()
        } else {
            Description::default()
        }
    }
}

/// Reads introduction paragraphs: boilerplate dropped; when `base` is given, the sentences that
/// only name it dropped ([`prose::without_base_sentences`]); callouts after the summary; the
/// front matter's description (inline Markdown, read only when needed) as the summary when no
/// paragraph is plain prose.
pub fn read_intro<'p>(
    paragraphs: impl IntoIterator<Item = &'p Text>,
    base: Option<&str>,
    front_matter: Option<&PageHeader>,
) -> Intro<'p> {
    let mut summary: Option<(&Text, Paragraph)> = None;
    let mut leading_callouts = Vec::new();
    let mut rest = Vec::new();
    for text in paragraphs {
        let Some(paragraph) = without_boilerplate(text) else {
            continue;
        };
        let paragraph = match base {
            Some(base) => prose::without_base_sentences(&paragraph, base),
            None => paragraph,
        };
        let paragraph = callout::normalize(paragraph);
        if paragraph.is_blank() {
            continue;
        }
        let is_callout = callout::is_callout(&paragraph.flat_text());
        match (&summary, is_callout) {
            (None, true) => leading_callouts.push(paragraph),
            (None, false) => summary = Some((text, paragraph)),
            (Some(_), _) => rest.push(paragraph),
        }
    }
    let front_matter = front_matter
        .filter(|_| summary.is_none())
        .map(|header| crate::pages::read_inline(&header.description, header.title_span.clone()))
        .filter(|text| !is_boilerplate(&text.text) && !callout::is_callout(&text.text))
        .map(|text| callout::normalize(text.pieces.clone()))
        .filter(|paragraph| !paragraph.is_blank());
    let has_summary = summary.is_some() || front_matter.is_some();
    let (summary_text, summary_paragraph) = match summary {
        Some((text, paragraph)) => (Some(text), Some(paragraph)),
        None => (None, front_matter),
    };
    let paragraphs = summary_paragraph
        .into_iter()
        .chain(leading_callouts)
        .chain(rest);
    Intro {
        summary: summary_text,
        has_summary,
        description: Description::from_paragraphs(paragraphs),
    }
}

/// A table cell's description (a property, member or parameter): one paragraph; when it opens
/// with a callout sentence, that sentence moves to its end.
pub fn read_cell(cell: Option<&Cell>) -> Description {
    let Some(cell) = cell else {
        return Description::default();
    };
    let paragraph = cell.pieces.clone().trimmed();
    if !callout::is_callout(&cell.text) {
        return Description::from_paragraphs([paragraph]);
    }
    let mut parts = sentences(&paragraph);
    if parts.len() < 2 {
        return Description::from_paragraphs([callout::normalize(paragraph)]);
    }
    let callout = callout::normalize(parts.remove(0));
    parts.push(callout);
    Description::from_paragraphs([Paragraph::join(parts)])
}

/// A paragraph's pieces, or None when it is boilerplate. A namespace line with prose right
/// under it (no blank line between, so one paragraph: 27 v1.0 pages) keeps the prose.
fn without_boilerplate(text: &Text) -> Option<Paragraph> {
    if is_boilerplate(&text.text) {
        return None;
    }
    if !opening(&text.text).starts_with("namespace:") {
        return Some(text.pieces.clone());
    }
    let rest = after_namespace_line(&text.pieces);
    (!rest.is_blank()).then_some(rest)
}

/// The namespace line (alone), a base-type line, the Intune license note, or nothing at all.
fn is_boilerplate(text: &str) -> bool {
    let lower = opening(text);
    let namespace_line = lower
        .strip_prefix("namespace:")
        .is_some_and(|rest| rest.split_whitespace().count() <= 1);
    lower.trim().is_empty()
        || namespace_line
        || lower.starts_with("inherits from")
        || lower.starts_with("derived from")
        || callout::is_intune_license_note(text)
}

/// The text lower-cased, without a leading blockquote marker, emphasis or whitespace.
fn opening(text: &str) -> String {
    text.trim_start()
        .trim_start_matches(['>', '*', '_', ' '])
        .to_lowercase()
}

/// The pieces after `Namespace: <name>` (the name as text or as code).
fn after_namespace_line(pieces: &Paragraph) -> Paragraph {
    let mut rest = pieces.0.iter();
    let mut out = Paragraph::default();
    let Some(Inline::Text(first)) = rest.next() else {
        return pieces.clone();
    };
    let label_end = first.find(':').map_or(first.len(), |at| at + 1);
    let after_label = first.get(label_end..).unwrap_or_default().trim_start();
    if after_label.is_empty() {
        // `Namespace: `code``: the name is the next piece.
        if !matches!(rest.next(), Some(Inline::Code(_))) {
            return pieces.clone();
        }
    } else {
        let name_end = after_label
            .find(char::is_whitespace)
            .unwrap_or(after_label.len());
        out.push_text(after_label.get(name_end..).unwrap_or_default());
    }
    for piece in rest {
        out.push(piece.clone());
    }
    out.trimmed()
}

#[cfg(test)]
#[path = "description_tests.rs"]
mod tests;
