//! An operation before cross-page work ([`Draft`]) and what path inference makes of it
//! ([`Inference`]): the data `infer.rs`, `bound.rs`, `relationship.rs` and `owners.rs` share,
//! in a leaf file so that they form no cycle.

use crate::diag::Span;
use crate::ir::{Operation, PathTemplate, TypeRef};

/// What inference needs to know about an operation besides the operation itself.
#[derive(Clone, Debug)]
pub struct Draft {
    pub op: Operation,
    /// The type the page is about (resolved), if any.
    pub subject: Option<TypeRef>,
    /// The type the page names first, as written, when no page defines it.
    pub named_type: Option<String>,
    /// The operation addresses one item (get one, update, delete), not a collection.
    pub acts_on_item: bool,
    /// A POST that creates an item in a collection (title verb Create/Add).
    pub creates: bool,
    /// Where the method was read.
    pub method_from: MethodSource,
    /// `binding : name` titles of bound actions and functions.
    pub bound: Option<BoundTitle>,
    /// The page documents a function (it has a `## Function parameters` section).
    pub function: bool,
    /// The function's parameters, in table order.
    pub function_parameters: Vec<FunctionParameter>,
    /// The types whose `## Methods` table links this page, in name order.
    pub listed_by: Vec<String>,
    /// Why no path could be recovered (set by inference when it finds none).
    pub drop_reason: Option<String>,
}

/// Where an operation's method was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodSource {
    /// A line of the HTTP request block.
    RequestLines,
    /// The first example request.
    Example,
    /// The title's verb (`Update` is PATCH).
    Title,
    /// The kind of page: a bound function is a GET, a bound action a POST.
    PageKind,
}

impl MethodSource {
    /// "the example request", "the title `Update x`"...
    pub fn describe(self, title: &str, function: bool) -> String {
        match self {
            MethodSource::RequestLines => "the request lines".to_string(),
            MethodSource::Example => "the example request".to_string(),
            MethodSource::Title => format!("the title `{}`", title.trim()),
            MethodSource::PageKind if function => {
                "the kind of page (a function: it has a `## Function parameters` section)"
                    .to_string()
            }
            MethodSource::PageKind => "the kind of page (a bound action)".to_string(),
        }
    }
}

/// A recovered path and what it was recovered from.
#[derive(Clone, Debug)]
pub struct Inference {
    /// One or more alternative templates.
    pub templates: Vec<PathTemplate>,
    /// From what, as a clause ("the relationship `x` of `Y` (file) and ...").
    pub reason: String,
    /// The main evidence, for `InferredPath::from`.
    pub from: Span,
    pub related: Vec<(Span, String)>,
}

/// A title of the form `binding : name` (`manageddevice : requestRemoteAssistance`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoundTitle {
    pub binding: String,
    pub name: String,
}

/// A function parameter as the call writes it: text values are quoted (`period='{period}'`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionParameter {
    pub name: String,
    pub quoted: bool,
}
