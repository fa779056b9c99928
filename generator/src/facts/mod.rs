//! Stage 2: page facts. What one page says (types, enums, operations, examples), read from its
//! blocks without looking at any other page. Cross-page work happens in [`crate::model`].

pub mod api;
mod api_checks;
pub mod body;
pub mod callout;
pub mod description;
pub mod enums;
pub mod example;
pub mod http;
pub mod json_repr;
pub mod links;
pub mod methods;
pub mod page;
pub mod params;
pub mod properties;
pub mod prose;
pub mod resource;
pub mod sections;
pub mod status;
pub mod tables;
pub mod template;
pub mod typeref;
pub mod url;

#[cfg(test)]
pub(crate) mod testpage;

#[cfg(test)]
pub(crate) mod testkit;

use crate::diag::Diagnostic;
use crate::pages::Page;
use serde::Serialize;

/// Everything one page contributes to the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PageFacts {
    /// Page-level facts: kind, title, namespace, workload.
    pub page: page::PageHeader,
    /// The type a resource page defines.
    pub resource: Option<resource::ResourceFacts>,
    /// Enums the page defines (enum pages, `enums.md`, `X values` sections).
    pub enums: Vec<enums::EnumFacts>,
    /// The operation an api page documents.
    pub api: Option<api::ApiFacts>,
}

/// Extracts the facts of one page. Never panics.
pub fn extract(page: &Page) -> (PageFacts, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let header = page::read_header(page, &mut diagnostics);
    let resource = resource::read_resource(page, &header, &mut diagnostics);
    let enums = enums::read_enums(page, &header, &mut diagnostics);
    let api = api::read_api(page, &header, &mut diagnostics);
    links::check_dashed_links(page, &mut diagnostics);
    (
        PageFacts {
            page: header,
            resource,
            enums,
            api,
        },
        diagnostics,
    )
}
