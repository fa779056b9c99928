//! Resource pages: the Properties and Relationships tables, the JSON representation, inheritance.

use super::json_repr::{read_json_representation, JsonRepresentation};
use super::page::PageHeader;
pub use super::properties::PropertyFacts;
use super::tables::{self, heading_is, Placed};
use super::typeref::{parse_type_text, TypeSpec, TypeSpecKind};
use super::{description, prose};
use crate::diag::{excerpt, Code, Diagnostic, Span};
use crate::ir::text::Description;
use crate::ir::PageKind;
use crate::pages::{Annotation, Block, CodeBlock, Page};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ResourceFacts {
    /// The bare type name (`session`), from the resource annotation's `@odata.type`, else the H1.
    pub name: String,
    /// Full OData namespace (`microsoft.graph.callRecords`).
    pub namespace: String,
    /// The H1 (or the annotation when there is no H1).
    pub span: Span,
    pub description: Description,
    /// The annotation's `keyProperty`.
    pub key: Option<String>,
    /// The annotation's `baseType`.
    pub base_annotation: Option<BaseRef>,
    /// "Inherits from [x]" / "Derived from [x]" prose.
    pub base_prose: Option<BaseRef>,
    pub is_abstract: bool,
    pub open: bool,
    /// The annotation's `optionalProperties`.
    pub optional_properties: Vec<String>,
    /// Properties then relationships, in page order, duplicates removed.
    pub properties: Vec<PropertyFacts>,
    pub json: Option<JsonRepresentation>,
    /// The `## Methods` table's links to the api pages that operate on the type.
    pub methods: Vec<super::methods::MethodLink>,
}

/// A base type as a page names it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BaseRef {
    pub name: String,
    /// The sub-namespace when qualified (`callRecords`).
    pub namespace: Option<String>,
    pub link: Option<String>,
    pub span: Span,
}

pub fn read_resource(
    page: &Page,
    header: &PageHeader,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ResourceFacts> {
    if header.kind != PageKind::Resource {
        return None;
    }
    let placed = tables::placed_blocks(page);
    let annotated = resource_block(&placed, diagnostics);
    let annotation = annotated.and_then(|c| c.annotation.as_ref());
    let (name, namespace) = type_name(header, annotation, diagnostics)?;
    let base_prose = base_prose(&placed);
    let mut facts = ResourceFacts {
        name,
        namespace,
        span: header.title_span.clone(),
        description: description(&placed, header, base_prose.as_ref()),
        base_prose,
        ..ResourceFacts::default()
    };
    if let Some(a) = annotation {
        read_annotation(&mut facts, a, diagnostics);
    }
    facts.properties =
        super::properties::read_property_tables(&placed, page, &facts.name, diagnostics);
    let json_block = annotated.or_else(|| json_section_block(&placed));
    facts.json = json_block.and_then(|c| read_json_representation(c, &page.path, diagnostics));
    facts.methods = super::methods::read_methods(&placed, diagnostics);
    Some(facts)
}

/// The code block annotated `resource` (the first one; more are reported).
fn resource_block<'p>(
    placed: &[Placed<'p>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<&'p CodeBlock> {
    let mut blocks = placed.iter().filter_map(|p| match p.block {
        Block::Code(c)
            if c.annotation.as_ref().and_then(|a| a.block_type()) == Some("resource") =>
        {
            Some(c)
        }
        _ => None,
    });
    let first = blocks.next();
    for extra in blocks {
        diagnostics.push(Diagnostic::new(
            Code::Unsupported,
            extra.span.clone(),
            "a second resource annotation on the page; only the first is read",
        ));
    }
    first
}

/// The json fence under `## JSON representation`, when no annotation marks it.
fn json_section_block<'p>(placed: &[Placed<'p>]) -> Option<&'p CodeBlock> {
    placed.iter().find_map(|p| match p.block {
        Block::Code(c) if heading_is(p.h2, "json representation") && c.lang.starts_with("json") => {
            Some(c)
        }
        _ => None,
    })
}

/// The type's name and namespace: the annotation's `@odata.type`, else the H1 name.
fn type_name(
    header: &PageHeader,
    annotation: Option<&Annotation>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(String, String)> {
    let from_annotation = annotation.and_then(|a| a.odata_type()).map(parse_type_text);
    if let Some(spec) = from_annotation.filter(|s| s.kind == TypeSpecKind::Named) {
        if let Some(h1) = &header.h1_name {
            let h1_bare = h1.rsplit('.').next().unwrap_or(h1);
            if !h1_bare.eq_ignore_ascii_case(&spec.name) {
                diagnostics.push(Diagnostic::new(
                    Code::TitleMismatch,
                    header.title_span.clone(),
                    format!(
                        "the H1 names `{}` but the resource annotation `{}`",
                        excerpt(h1),
                        excerpt(&spec.name)
                    ),
                ));
            }
        }
        let namespace = match &spec.namespace {
            Some(ns) => format!("microsoft.graph.{ns}"),
            None => "microsoft.graph".to_string(),
        };
        return Some((spec.name, namespace));
    }
    if let Some(h1) = &header.h1_name {
        let spec = parse_type_text(h1);
        if spec.kind == TypeSpecKind::Named {
            let namespace = match spec.namespace {
                Some(ns) => format!("microsoft.graph.{ns}"),
                None => header.namespace.clone(),
            };
            return Some((spec.name, namespace));
        }
    }
    diagnostics.push(Diagnostic::new(
        Code::TitleMissing,
        header.title_span.clone(),
        format!(
            "resource page without a type name (H1 `{}`, no resource annotation); it defines no type",
            excerpt(&header.title)
        ),
    ));
    None
}

fn base_ref(spec: TypeSpec, span: Span) -> Option<BaseRef> {
    (spec.kind == TypeSpecKind::Named).then_some(BaseRef {
        name: spec.name,
        namespace: spec.namespace,
        link: spec.link,
        span,
    })
}

fn read_annotation(
    facts: &mut ResourceFacts,
    annotation: &Annotation,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let span = annotation.span.clone();
    facts.key = annotation
        .get_str("keyProperty")
        .map(str::to_string)
        .filter(|k| !k.is_empty());
    if let Some(base) = annotation.get_str("baseType") {
        let spec = parse_type_text(base);
        match base_ref(spec, span.clone()) {
            Some(base) => facts.base_annotation = Some(base),
            None => diagnostics.push(Diagnostic::new(
                Code::AnnotationValue,
                span.clone(),
                format!("baseType `{}` is not a type name", excerpt(base)),
            )),
        }
    }
    facts.is_abstract =
        flag(annotation, "abstract", diagnostics) || flag(annotation, "isAbstract", diagnostics);
    facts.open = flag(annotation, "openType", diagnostics);
    facts.optional_properties = annotation.get_strings("optionalProperties");
}

/// A boolean annotation key; `"true"`, `"False"` and other strings are reported.
fn flag(annotation: &Annotation, key: &str, diagnostics: &mut Vec<Diagnostic>) -> bool {
    let Some(value) = annotation.fields.get(key) else {
        return false;
    };
    match (value, annotation.get_bool(key)) {
        (serde_json::Value::Bool(b), _) => *b,
        (_, Some(b)) => {
            diagnostics.push(Diagnostic::new(
                Code::AnnotationValue,
                annotation.span.clone(),
                format!("`{key}` should be a JSON boolean, not {value}"),
            ));
            b
        }
        _ => false,
    }
}

/// Paragraphs between the H1 and the first H2 (not under an H3), read by
/// [`description::read_intro`] with the base the prose names.
fn description(placed: &[Placed<'_>], header: &PageHeader, base: Option<&BaseRef>) -> Description {
    let intro = placed
        .iter()
        .take_while(|p| p.h2.is_none())
        .filter(|p| p.sub.is_none())
        .filter_map(|p| match p.block {
            Block::Paragraph(t) => Some(t),
            _ => None,
        });
    description::read_intro(intro, base.map(|b| b.name.as_str()), Some(header)).description
}

/// The first "Inherits from [x]" / "Derived from [x]" paragraph of the page.
fn base_prose(placed: &[Placed<'_>]) -> Option<BaseRef> {
    placed.iter().find_map(|p| match p.block {
        Block::Paragraph(t) => {
            let link = prose::base_link(t)?;
            let spec = parse_type_text(&format!("[{}]({})", link.text, link.target));
            base_ref(spec, t.span.clone())
        }
        _ => None,
    })
}

#[cfg(test)]
#[path = "resource_tests.rs"]
mod tests;
