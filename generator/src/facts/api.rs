//! Api pages: the HTTP request block, parameter and header tables, request body, response, examples.
//!
//! Sections are found by heading (case and spaces ignored; `Prerequisites` is `Permissions`),
//! never by the shape of a table.

use super::api_checks::{check_body_title, check_permissions, check_template_residue};
use super::description;
use super::example::{fence_kind, pair_examples, Fence};
use super::http::{read_http_block, RequestLine};
use super::page::PageHeader;
use super::params::{is_name_table, odata_options, read_rows, ParamFacts};
use super::sections::{h2_sections, section_key, status_code, type_mention, Section, TypeMention};
use crate::diag::{Code, Diagnostic, Span};
use crate::ir::text::Description;
use crate::ir::{Example, PageKind};
use crate::pages::{Block, CodeBlock, Page};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ApiFacts {
    /// The page's H1 (or front matter title).
    pub title: String,
    pub title_span: Span,
    /// The summary: the first plain paragraph of the introduction ([`description::read_intro`]).
    pub description: Description,
    /// The type the introduction names first ("Update the properties of a [user](..) object").
    pub subject: Option<TypeMention>,
    /// Every usable line of the `## HTTP request` blocks.
    pub request_lines: Vec<RequestLine>,
    /// `## Path parameters` and `## Function parameters` rows.
    pub path_parameters: Vec<ParamFacts>,
    /// The page has a `## Function parameters` section: it documents a function (a GET), even
    /// when the section lists no parameter.
    pub function_section: bool,
    /// `## Optional query parameters` table rows.
    pub query_parameters: Vec<ParamFacts>,
    /// OData system query options named in that section (`$select`, `$filter`...).
    pub query_options: Vec<String>,
    /// `## Request headers` rows.
    pub headers: Vec<ParamFacts>,
    pub body: BodyFacts,
    pub response: ResponseFacts,
    pub examples: Vec<Example>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyTable {
    /// `Property|Type|Description`: properties of the body's type (create/update).
    Properties,
    /// `Parameter|Type|Description`: action parameters.
    Parameters,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BodyFacts {
    /// The section says "Do not supply a request body".
    pub none: bool,
    /// Where it says so.
    pub none_span: Option<Span>,
    /// "supply a JSON representation of the [x](..) object".
    pub type_mention: Option<TypeMention>,
    pub table: Option<BodyTable>,
    pub rows: Vec<ParamFacts>,
    /// The `## Request body` heading.
    pub span: Option<Span>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ResponseFacts {
    pub status: Option<u16>,
    pub type_mention: Option<TypeMention>,
    /// The paragraph that gave the status.
    pub span: Option<Span>,
}

impl ApiFacts {
    /// The method the page's lines agree on first, else the one its title's verb implies.
    pub fn method(&self) -> Option<String> {
        self.request_lines
            .iter()
            .find_map(|l| l.method.clone())
            .or_else(|| title_method(&self.title).map(str::to_string))
    }
}

/// `Update x` -> PATCH, `Create x`/`Add x` -> POST, `Delete x`/`Remove x` -> DELETE, `Get`/`List` -> GET.
pub fn title_method(title: &str) -> Option<&'static str> {
    let verb = title.split_whitespace().next()?.to_ascii_lowercase();
    Some(match verb.as_str() {
        "update" => "PATCH",
        "create" | "add" | "post" => "POST",
        "delete" | "remove" => "DELETE",
        "get" | "list" => "GET",
        _ => return None,
    })
}

pub fn read_api(
    page: &Page,
    header: &PageHeader,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ApiFacts> {
    let sections = h2_sections(page);
    let has_http = sections.iter().any(|s| s.is(&["httprequest"]));
    let declared_api = page
        .front_matter
        .get("doc_type")
        .is_some_and(|d| d.trim_matches('"') == "apiPageType");
    match header.kind {
        PageKind::Api => {}
        PageKind::Unknown if has_http || declared_api => {}
        _ => return None,
    }
    let file = page.path.as_str();
    let mut facts = ApiFacts {
        ..ApiFacts::default()
    };
    read_title(page, header, &sections, &mut facts);
    let mut example_fences = Vec::new();
    let mut http_seen = false;
    for section in &sections {
        match section.key.as_str() {
            "httprequest" => {
                for block in &section.blocks {
                    if let Block::Code(code) = block {
                        http_seen = true;
                        facts
                            .request_lines
                            .extend(read_http_block(code, file, diagnostics));
                    }
                }
                continue;
            }
            "permissions" | "prerequisites" => check_permissions(section, diagnostics),
            "pathparameters" | "functionparameters" | "parameters" => {
                facts.path_parameters.extend(name_tables(section, page));
                if section.key == "functionparameters" {
                    facts.function_section = true;
                    // The newer template says "Do not supply a request body" here, in place of
                    // a `## Request body` section.
                    if let Some(span) = section
                        .paragraphs()
                        .find_map(|p| no_body_span(&p.text, &p.span))
                    {
                        facts.body.none = true;
                        facts.body.none_span.get_or_insert(span);
                    }
                }
            }
            "optionalqueryparameters" | "queryparameters" => {
                facts.query_parameters.extend(name_tables(section, page));
                section
                    .paragraphs()
                    .for_each(|p| odata_options(&p.text, &mut facts.query_options));
                facts
                    .query_parameters
                    .iter()
                    .for_each(|p| odata_options(&p.name, &mut facts.query_options));
            }
            "requestheaders" | "optionalrequestheaders" => {
                facts.headers.extend(name_tables(section, page))
            }
            "requestbody" => {
                let earlier = std::mem::replace(&mut facts.body, read_body(section, page));
                if !facts.body.none && earlier.none {
                    facts.body.none = true;
                    facts.body.none_span = earlier.none_span;
                }
            }
            "response" => facts.response = read_response_prose(section),
            _ => {}
        }
        let in_examples = is_example_section(&section.key);
        for block in &section.blocks {
            if let Block::Code(code) = block {
                // Unannotated fences elsewhere (query syntax, notes) are not examples.
                if code.annotation.is_none() && !in_examples {
                    continue;
                }
                let kind = fence_kind(code, file, diagnostics);
                example_fences.push(Fence { code, kind });
            }
        }
    }
    if !has_http {
        // Task-style pages (drive) put `### HTTP request` under each task's H2.
        for code in nested_http_fences(page) {
            http_seen = true;
            facts
                .request_lines
                .extend(read_http_block(code, file, diagnostics));
        }
    }
    if !http_seen {
        // Task pages without any `HTTP request` heading (site): the syntax fences of the tasks.
        for section in sections.iter().filter(|s| !is_example_section(&s.key)) {
            for code in section.blocks.iter().filter_map(|b| syntax_fence(b)) {
                http_seen = true;
                facts
                    .request_lines
                    .extend(read_http_block(code, file, diagnostics));
            }
        }
    }
    if !http_seen {
        let span = if has_http {
            sections
                .iter()
                .find(|s| s.is(&["httprequest"]))
                .map(|s| s.span.clone())
        } else {
            None
        };
        diagnostics.push(Diagnostic::new(
            Code::HttpBlockMissing,
            span.unwrap_or_else(|| facts.title_span.clone()),
            "the page has no HTTP request block",
        ));
    }
    facts.examples = pair_examples(&example_fences, file, diagnostics);
    let method = facts.method();
    let verb = title_method(&facts.title).or(method.as_deref());
    if let Some(section) = sections.iter().find(|s| s.is(&["requestbody"])) {
        check_body_title(section, verb, &facts.title, diagnostics);
    }
    check_template_residue(page, diagnostics);
    Some(facts)
}

/// Fences under an H3-or-deeper `HTTP request` heading.
fn nested_http_fences(page: &Page) -> Vec<&CodeBlock> {
    let mut under_http = false;
    let mut fences = Vec::new();
    for block in &page.blocks {
        match block {
            Block::Heading(h) => under_http = h.level > 2 && section_key(&h.text) == "httprequest",
            Block::Code(code) if under_http => fences.push(code),
            _ => {}
        }
    }
    fences
}

/// A fence that is not an example (unannotated or `ignored`) and whose lines are all
/// request lines with relative paths: request syntax.
fn syntax_fence(block: &Block) -> Option<&CodeBlock> {
    let Block::Code(code) = block else {
        return None;
    };
    let annotation = code.annotation.as_ref().and_then(|a| a.block_type());
    if !matches!(annotation, None | Some("ignored")) {
        return None;
    }
    let mut lines = code
        .text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    lines.peek()?;
    let all_syntax = lines.all(|line| {
        let mut words = line.split_whitespace();
        let method = words.next().unwrap_or_default();
        let path = words.next().unwrap_or_default();
        super::http::METHODS.contains(&method) && (path.starts_with('/') || path.starts_with('~'))
    });
    all_syntax.then_some(code)
}

fn read_title(page: &Page, header: &PageHeader, sections: &[Section<'_>], facts: &mut ApiFacts) {
    let h1 = page.blocks.iter().find_map(|b| match b {
        Block::Heading(h) if h.level == 1 => Some(h),
        _ => None,
    });
    facts.title = if !header.title.is_empty() {
        header.title.clone()
    } else if let Some(h1) = h1 {
        h1.text.clone()
    } else {
        page.front_matter
            .get("title")
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    facts.title_span = match (header.title_span.line, h1) {
        (0, Some(h1)) => h1.span.clone(),
        (0, None) => Span::new(page.path.as_str(), 1, 1),
        _ => header.title_span.clone(),
    };
    let intro = sections.first().into_iter().flat_map(|s| s.paragraphs());
    let intro = description::read_intro(intro, None, None);
    facts.description = intro.summary_only();
    facts.subject = intro.summary.and_then(type_mention);
}

/// `## Example`, `## Examples`, `## Example 2: ...`, and the rare H2 `Request`/`Response`
/// pairs (a page's `## Response` prose section may hold the response example too).
fn is_example_section(key: &str) -> bool {
    key.starts_with("example")
        || matches!(
            key,
            "request" | "response" | "responses" | "sample" | "samples"
        )
}

/// Rows of the section's tables whose first column names things.
fn name_tables(section: &Section<'_>, page: &Page) -> Vec<ParamFacts> {
    section
        .tables()
        .filter(|t| is_name_table(t))
        .flat_map(|t| read_rows(t, &page.link_defs))
        .collect()
}

fn read_body(section: &Section<'_>, page: &Page) -> BodyFacts {
    let mut body = BodyFacts {
        span: Some(section.span.clone()),
        ..BodyFacts::default()
    };
    for paragraph in section.paragraphs() {
        let lower = paragraph.text.to_ascii_lowercase();
        if let Some(span) = no_body_span(&paragraph.text, &paragraph.span) {
            body.none = true;
            body.none_span.get_or_insert(span);
        }
        if body.type_mention.is_none()
            && (lower.contains("json representation") || lower.contains("supply"))
        {
            body.type_mention = type_mention(paragraph)
                .filter(|m| m.link.is_some() || lower.contains("json representation"));
        }
    }
    for table in section.tables().filter(|t| is_name_table(t)) {
        let first = table.header_keys().into_iter().next().unwrap_or_default();
        let kind = if first.contains("parameter") {
            BodyTable::Parameters
        } else {
            BodyTable::Properties
        };
        body.table.get_or_insert(kind);
        body.rows.extend(read_rows(table, &page.link_defs));
    }
    body
}

/// The paragraph's span when it says the method takes no request body.
fn no_body_span(text: &str, span: &Span) -> Option<Span> {
    let lower = text.to_ascii_lowercase();
    let says = lower.contains("do not supply")
        || lower.contains("don't supply")
        || lower.contains("no request body");
    says.then(|| span.clone())
}

fn read_response_prose(section: &Section<'_>) -> ResponseFacts {
    let mut facts = ResponseFacts::default();
    for paragraph in section.paragraphs() {
        let Some(status) = status_code(&paragraph.text) else {
            continue;
        };
        facts.status = Some(status);
        facts.span = Some(paragraph.span.clone());
        if status != 204 {
            facts.type_mention = type_mention(paragraph);
        }
        break;
    }
    facts
}

#[cfg(test)]
#[path = "api_tests.rs"]
pub(crate) mod tests;
