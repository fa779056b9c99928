//! Path templates: `/users/{id}/messages`, split into segments of literals and parameters.

use crate::diag::Span;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathTemplate {
    /// The normalised template text.
    pub template: String,
    pub segments: Vec<Segment>,
    /// Query string fixed by the template (`?$expand=x`), as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixed_query: Vec<(String, String)>,
    pub source: Span,
}

impl PathTemplate {
    /// Names of the template's parameters in order of appearance.
    pub fn parameters(&self) -> impl Iterator<Item = &str> {
        self.segments
            .iter()
            .flat_map(|s| s.parts.iter())
            .filter_map(|p| match p {
                SegmentPart::Param(name) => Some(name.as_str()),
                SegmentPart::Literal(_) => None,
            })
    }
}

/// One `/`-separated path segment: literal text and parameters, e.g.
/// `getSchedule(start='{start}')` is `[Literal("getSchedule(start='"), Param("start"), Literal("')")]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub parts: Vec<SegmentPart>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentPart {
    Literal(String),
    /// A placeholder: the docs' name inside the braces, normalised (`{id | userPrincipalName}` is `id`).
    Param(String),
}
