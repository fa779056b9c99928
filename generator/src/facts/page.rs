//! Page-level facts: doc type, H1 name, namespace, workload.
//!
//! The page kind comes from what the page *contains* first (an H1 `X resource type`, a `resource`
//! annotation, an `## HTTP request` section), then from `doc_type`, then from the folder: the
//! docs' doc_type and folder disagree on a few dozen pages (FORMAT.md §1), their content does not.

use crate::diag::{excerpt, Code, Diagnostic, Span};
use crate::ir::PageKind;
use crate::pages::{Block, Heading, Page};
use serde::Serialize;

/// The shape of a page's H1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum H1Form {
    /// `X resource type`
    ResourceType,
    /// `X enum type`
    EnumType,
    /// `X resource`
    Resource,
    /// `X complex type`
    ComplexType,
    /// `X facet` (drive facets)
    Facet,
    /// Anything else (api titles, overviews, `Enum values`).
    #[default]
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageHeader {
    pub path: String,
    pub kind: PageKind,
    /// The H1 text (or the title when there is no H1).
    pub title: String,
    pub title_span: Span,
    /// `microsoft.graph` unless the page says otherwise.
    pub namespace: String,
    /// `ms.prod`, or the page's area when absent.
    pub workload: String,
    /// The type name the H1 gives (`identitySet` of `identitySet resource type`).
    pub h1_name: Option<String>,
    pub h1_form: H1Form,
    /// `doc_type` as written (quotes removed).
    pub doc_type: Option<String>,
    /// The front matter description.
    pub description: String,
}

impl Default for PageHeader {
    fn default() -> Self {
        PageHeader {
            path: String::new(),
            kind: PageKind::Unknown,
            title: String::new(),
            title_span: Span::default(),
            namespace: "microsoft.graph".to_string(),
            workload: String::new(),
            h1_name: None,
            h1_form: H1Form::Other,
            doc_type: None,
            description: String::new(),
        }
    }
}

/// Front matter values sometimes keep their quotes (`'applications'`).
fn clean_value(value: &str) -> String {
    let value = value.trim();
    let unquoted = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value);
    unquoted.trim().to_string()
}

pub fn read_header(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> PageHeader {
    let fm = &page.front_matter;
    let file_span = Span::new(page.path.clone(), 1, 0);
    let h1 = page.blocks.iter().find_map(|b| match b {
        Block::Heading(h) if h.level == 1 => Some(h),
        _ => None,
    });
    let fm_title = fm.get("title").map(clean_value).filter(|t| !t.is_empty());
    let (title, title_span) = match (h1, &fm_title) {
        (Some(h), _) => (h.text.trim().to_string(), h.span.clone()),
        (None, Some(t)) => (t.clone(), field_span(page, "title")),
        (None, None) => (file_stem(&page.path).to_string(), file_span.clone()),
    };
    if h1.is_none() {
        diagnostics.push(Diagnostic::new(
            Code::TitleMissing,
            title_span.clone(),
            format!("the page has no H1; using `{}`", excerpt(&title)),
        ));
    }
    check_front_matter_values(page, diagnostics);

    let (h1_name, h1_form) = h1
        .map(|h| split_h1(&h.text))
        .unwrap_or((None, H1Form::Other));
    let doc_type = fm
        .get("doc_type")
        .map(clean_value)
        .filter(|d| !d.is_empty());
    let kind = decide_kind(page, doc_type.as_deref(), h1_form, diagnostics);
    // Api titles are free prose; on type pages the title names the type like the H1 does.
    if let (Some(h), Some(t), PageKind::Resource | PageKind::Enum) = (h1, &fm_title, kind) {
        let differs = match &h1_name {
            // `BaseItem` alone is as good a title as `BaseItem resource type`.
            Some(name) => t != name && split_h1(t).0.as_deref() != Some(name.as_str()),
            None => h.text.trim() != t,
        };
        if differs {
            diagnostics.push(Diagnostic::new(
                Code::TitleMismatch,
                h.span.clone(),
                format!(
                    "the front matter title `{}` differs from the H1 `{}`",
                    excerpt(t),
                    excerpt(h.text.trim())
                ),
            ));
        }
    }
    PageHeader {
        path: page.path.clone(),
        kind,
        title,
        title_span,
        namespace: read_namespace(page).unwrap_or_else(|| "microsoft.graph".to_string()),
        workload: workload(page),
        h1_name,
        h1_form,
        doc_type,
        description: fm.get("description").map(clean_value).unwrap_or_default(),
    }
}

fn field_span(page: &Page, key: &str) -> Span {
    page.front_matter
        .fields
        .get(key)
        .map(|f| f.span.clone())
        .unwrap_or_else(|| Span::new(page.path.clone(), 1, 0))
}

/// Template placeholders (`$(metadata.owner)`) and an empty description.
fn check_front_matter_values(page: &Page, diagnostics: &mut Vec<Diagnostic>) {
    for (key, field) in &page.front_matter.fields {
        if field.value.contains("$(") {
            diagnostics.push(Diagnostic::new(
                Code::PlaceholderValue,
                field.span.clone(),
                format!(
                    "front matter `{}` holds the template placeholder `{}`",
                    excerpt(key),
                    excerpt(&field.value)
                ),
            ));
        }
    }
    if let Some(field) = page.front_matter.fields.get("description") {
        if clean_value(&field.value).is_empty() {
            diagnostics.push(Diagnostic::new(
                Code::DescriptionEmpty,
                field.span.clone(),
                "the front matter description is empty",
            ));
        }
    }
}

fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

/// Splits `X resource type` and its kin into the name and the form. A trailing parenthesis
/// (`directory resource type (deleted items)`) is ignored.
pub fn split_h1(text: &str) -> (Option<String>, H1Form) {
    let mut text = text.trim();
    if text.ends_with(')') {
        if let Some(open) = text.rfind(" (") {
            text = text.get(..open).unwrap_or(text).trim_end();
        }
    }
    let forms = [
        (" resource type", H1Form::ResourceType),
        (" enum type", H1Form::EnumType),
        (" complex type", H1Form::ComplexType),
        (" resource", H1Form::Resource),
        (" facet", H1Form::Facet),
    ];
    for (suffix, form) in forms {
        if let Some(name) = super::prose::strip_suffix_ignore_case(text, suffix) {
            let name = name.trim().trim_matches('`');
            let is_name = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
            // `Get a site resource` is an api title, not a resource H1.
            return match is_name {
                true => (Some(name.to_string()), form),
                false => (None, H1Form::Other),
            };
        }
    }
    (None, H1Form::Other)
}

fn declared_kind(doc_type: &str) -> Option<(PageKind, bool)> {
    // The bool says whether the spelling is a known variant rather than the canonical one.
    Some(match doc_type {
        "apiPageType" => (PageKind::Api, false),
        "resourcePageType" => (PageKind::Resource, false),
        "enumPageType" => (PageKind::Enum, false),
        "conceptualPageType" => (PageKind::Conceptual, false),
        "resourcePageType_" => (PageKind::Resource, true),
        "enumTypes" => (PageKind::Enum, true),
        _ => return None,
    })
}

fn headings(page: &Page) -> impl Iterator<Item = &Heading> {
    page.blocks.iter().filter_map(|b| match b {
        Block::Heading(h) => Some(h),
        _ => None,
    })
}

fn has_heading(page: &Page, level: u8, text: &str) -> bool {
    headings(page).any(|h| h.level == level && h.text.trim().eq_ignore_ascii_case(text))
}

/// What the page's content says it is, when it says anything.
fn content_kind(page: &Page, h1_form: H1Form, declared: Option<PageKind>) -> Option<PageKind> {
    // `## HTTP request`, or `### HTTP request` on pages with several steps.
    if headings(page).any(|h| h.level >= 2 && h.text.trim().eq_ignore_ascii_case("http request")) {
        return Some(PageKind::Api);
    }
    match h1_form {
        H1Form::EnumType => return Some(PageKind::Enum),
        H1Form::ResourceType | H1Form::Resource | H1Form::ComplexType | H1Form::Facet => {
            return Some(PageKind::Resource)
        }
        H1Form::Other => {}
    }
    // Api pages sometimes annotate a body as `resource`; that does not make them resource pages.
    let has_resource_annotation = page.blocks.iter().any(|b| match b {
        Block::Code(code) => {
            code.annotation.as_ref().and_then(|a| a.block_type()) == Some("resource")
        }
        _ => false,
    });
    (has_resource_annotation && declared != Some(PageKind::Api)).then_some(PageKind::Resource)
}

fn folder_kind(path: &str) -> Option<PageKind> {
    let folder = path.rsplit('/').nth(1)?;
    match folder {
        "api" => Some(PageKind::Api),
        "resources" => Some(PageKind::Resource),
        _ => None,
    }
}

fn kind_name(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Resource => "a resource page",
        PageKind::Enum => "an enum page",
        PageKind::Api => "an api page",
        PageKind::Conceptual => "a conceptual page",
        PageKind::Unknown => "unknown",
    }
}

fn decide_kind(
    page: &Page,
    doc_type: Option<&str>,
    h1_form: H1Form,
    diagnostics: &mut Vec<Diagnostic>,
) -> PageKind {
    let span = field_span(page, "doc_type");
    let declared = match doc_type {
        Some(d) => match declared_kind(d) {
            Some((kind, variant)) => {
                if variant {
                    diagnostics.push(Diagnostic::new(
                        Code::DocTypeUnknown,
                        span.clone(),
                        format!(
                            "doc_type `{d}` is a misspelling; read as {}",
                            kind_name(kind)
                        ),
                    ));
                }
                Some(kind)
            }
            None => None,
        },
        None => None,
    };
    let content = content_kind(page, h1_form, declared);
    let mismatch = |diagnostics: &mut Vec<Diagnostic>, said: String, kind: PageKind| {
        let message = format!("{said}, but the page reads as {}", kind_name(kind));
        diagnostics.push(Diagnostic::new(
            Code::DocTypeMismatch,
            span.clone(),
            message,
        ));
    };
    if let Some(kind) = content {
        if let (Some(declared), Some(d)) = (declared, doc_type) {
            if declared != kind {
                mismatch(diagnostics, format!("doc_type says `{d}`"), kind);
            }
        }
        return kind;
    }
    let has_properties = has_heading(page, 2, "properties");
    if let Some(kind) = declared {
        // A resource page with no resource of any kind is an overview (search-api-overview.md).
        if kind == PageKind::Resource && !has_properties {
            mismatch(
                diagnostics,
                "doc_type says `resourcePageType`".into(),
                PageKind::Conceptual,
            );
            return PageKind::Conceptual;
        }
        return kind;
    }
    let guess = match folder_kind(&page.path) {
        Some(PageKind::Resource) if !has_properties => PageKind::Conceptual,
        Some(kind) => kind,
        None => PageKind::Unknown,
    };
    let message = match doc_type {
        Some(d) => format!("unknown doc_type `{d}`; guessed {}", kind_name(guess)),
        None => format!("no doc_type; guessed {}", kind_name(guess)),
    };
    diagnostics.push(Diagnostic::new(Code::DocTypeUnknown, span, message));
    guess
}

/// The `Namespace: microsoft.graph.x` line, when the page has one before its first H2.
fn read_namespace(page: &Page) -> Option<String> {
    for block in &page.blocks {
        match block {
            Block::Heading(h) if h.level >= 2 => return None,
            Block::Paragraph(p) => {
                let text = p.text.trim();
                let Some(prefix) = text.get(..10) else {
                    continue;
                };
                if prefix.eq_ignore_ascii_case("namespace:") {
                    let ns = text.get(10..)?.split_whitespace().next()?;
                    let ns = ns.trim_matches('`').trim_end_matches('.');
                    return (!ns.is_empty()).then(|| ns.to_string());
                }
            }
            _ => {}
        }
    }
    None
}

/// `ms.prod` lower-cased; empty when it is missing, empty or a placeholder. (A page with no
/// workload takes one from the types it is about when the model is built: a file-name guess made
/// a hundred one-page cargo features.)
fn workload(page: &Page) -> String {
    let prod = page
        .front_matter
        .get("ms.prod")
        .map(clean_value)
        .unwrap_or_default();
    if prod.contains("$(") {
        return String::new();
    }
    prod.to_lowercase()
}

#[cfg(test)]
#[path = "page_tests.rs"]
mod tests;
