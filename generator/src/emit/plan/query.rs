//! OData system query options (`$select`, `$top`, ...): which an operation takes, decided by the
//! shape of its response rather than by whether the page's prose lists them, and their Rust types.

use crate::emit::plan::types::{Scalar, TypesPlan, ValueType};
use crate::ir::{Method, Operation, Parameter};

#[derive(Clone, Debug)]
pub struct QueryField<'m> {
    /// The name sent on the wire.
    pub name: String,
    /// The page's parameter, when the page documents this option.
    pub param: Option<&'m Parameter>,
    /// The OData system option, which fixes the field's type.
    pub system: Option<SystemOption>,
    pub rust: String,
    pub value: ValueType,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SystemOption {
    Select,
    Expand,
    Filter,
    OrderBy,
    Top,
    Skip,
    Count,
    Search,
}

use SystemOption::*;

/// What OData allows on a GET of a collection, in the order the fields are declared.
pub const COLLECTION: [SystemOption; 8] =
    [Select, Expand, Filter, OrderBy, Top, Skip, Count, Search];
/// What OData allows on a GET of one entity.
pub const SINGLE: [SystemOption; 2] = [Select, Expand];

impl SystemOption {
    /// The name sent on the wire.
    pub fn wire(self) -> &'static str {
        match self {
            Select => "$select",
            Expand => "$expand",
            Filter => "$filter",
            OrderBy => "$orderby",
            Top => "$top",
            Skip => "$skip",
            Count => "$count",
            Search => "$search",
        }
    }

    /// The option a page's parameter name spells, if any (OData ignores the case of system
    /// option names). Names without the `$` are page-specific parameters.
    pub fn from_name(name: &str) -> Option<SystemOption> {
        COLLECTION
            .into_iter()
            .find(|o| o.wire().eq_ignore_ascii_case(name.trim()))
    }

    /// Lists (`$select=a,b`) are `Vec<String>` joined with `,`; the rest one value each.
    pub fn value(self) -> ValueType {
        let (scalar, collection) = match self {
            Select | Expand | OrderBy => (Scalar::String, true),
            Filter | Search => (Scalar::String, false),
            Top | Skip => (Scalar::U32, false),
            Count => (Scalar::Bool, false),
        };
        ValueType {
            scalar,
            collection,
            boxed: false,
        }
    }

    /// What the option does, for the field's doc when the page says nothing.
    pub fn doc(self) -> &'static str {
        match self {
            Select => "The properties to return (sent joined with `,`); empty returns the default set.",
            Expand => "The related entities to include inline (sent joined with `,`), e.g. `manager` or `members($select=id)`.",
            Filter => "An OData filter expression the returned items must match, e.g. `startswith(displayName,'a')`.",
            OrderBy => "The sort order (sent joined with `,`), e.g. `displayName desc`.",
            Top => "The page size: at most this many items per response.",
            Skip => "The number of items to skip from the start of the collection.",
            Count => "Whether the response includes the total number of items (`@odata.count`).",
            Search => "A search expression, e.g. `\"displayName:room\"`.",
        }
    }

    /// `$count` and `$search` on directory objects are advanced queries.
    pub fn needs_eventual_consistency(self) -> bool {
        matches!(self, Count | Search)
    }
}

/// The system options an operation takes, given what it returns (a JSON value's scalar and
/// whether it is a collection; `None` for no content or raw bytes): the full set on a GET of a
/// collection of structured values, `$select` and `$expand` on a GET of one, none otherwise
/// (writes, functions returning primitives or enums, raw content).
pub fn system_options(method: Method, returns: Option<(&Scalar, bool)>) -> &'static [SystemOption] {
    let structured = |scalar: &Scalar| matches!(scalar, Scalar::Named { is_enum: false, .. });
    match returns {
        _ if method != Method::Get => &[],
        Some((scalar, true)) if structured(scalar) => &COLLECTION,
        Some((scalar, false)) if structured(scalar) => &SINGLE,
        _ => &[],
    }
}

/// The page's query parameters (a second spelling of one system option dropped, so it is sent
/// once) and the system options the page does not document, in declaration order.
pub fn merge<'m>(
    op: &'m Operation,
    system: &[SystemOption],
) -> (Vec<&'m Parameter>, Vec<SystemOption>) {
    let mut seen = Vec::new();
    let page: Vec<&Parameter> = op
        .query
        .iter()
        .filter(|p| match SystemOption::from_name(&p.name) {
            Some(option) if seen.contains(&option) => false,
            Some(option) => {
                seen.push(option);
                true
            }
            None => true,
        })
        .collect();
    let added = system
        .iter()
        .copied()
        .filter(|o| !seen.contains(o))
        .collect();
    (page, added)
}

/// The query fields, `names` being the resolved Rust names of `page` then `added`. A page's
/// system option takes the option's wire name and type (its prose type is often `String`).
pub fn query_fields<'m>(
    page: &[&'m Parameter],
    added: &[SystemOption],
    names: &[String],
    types: &TypesPlan<'m>,
) -> Vec<QueryField<'m>> {
    let documented = page.iter().map(|param| {
        let system = SystemOption::from_name(&param.name);
        let value = match system {
            Some(option) => option.value(),
            None => page_value(param, types),
        };
        let name = system.map_or_else(|| param.name.clone(), |o| o.wire().to_string());
        (name, Some(*param), system, value)
    });
    let added = added
        .iter()
        .map(|o| (o.wire().to_string(), None, Some(*o), o.value()));
    documented
        .chain(added)
        .zip(names)
        .map(|((name, param, system, value), rust)| QueryField {
            name,
            param,
            system,
            rust: rust.clone(),
            value,
        })
        .collect()
}

/// A page-specific parameter's type: enums stay typed; everything else is written as text, the
/// caller's text going out as given.
fn page_value(param: &Parameter, types: &TypesPlan<'_>) -> ValueType {
    let scalar = match types.scalar(&param.type_ref.name, param.type_ref.kind) {
        Some(s @ Scalar::Named { is_enum: true, .. }) => s,
        Some(Scalar::Named { .. } | Scalar::Json | Scalar::Text(_)) | None => Scalar::String,
        Some(s) => s,
    };
    ValueType {
        scalar,
        collection: param.type_ref.collection,
        boxed: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named() -> Scalar {
        Scalar::Named {
            rust: "User".into(),
            is_enum: false,
        }
    }

    #[test]
    fn collection_and_single_gets_get_their_sets() {
        let user = named();
        assert_eq!(system_options(Method::Get, Some((&user, true))), COLLECTION);
        assert_eq!(system_options(Method::Get, Some((&user, false))), SINGLE);
        // Writes, no content or raw bytes, untyped JSON, primitives and enums take none.
        assert!(system_options(Method::Post, Some((&user, true))).is_empty());
        assert!(system_options(Method::Patch, Some((&user, false))).is_empty());
        assert!(system_options(Method::Get, None).is_empty());
        assert!(system_options(Method::Get, Some((&Scalar::Json, false))).is_empty());
        assert!(system_options(Method::Get, Some((&Scalar::String, true))).is_empty());
        let kind = Scalar::Named {
            rust: "Kind".into(),
            is_enum: true,
        };
        assert!(system_options(Method::Get, Some((&kind, true))).is_empty());
    }

    #[test]
    fn page_names_map_to_options_only_with_the_dollar() {
        assert_eq!(SystemOption::from_name("$top"), Some(Top));
        assert_eq!(SystemOption::from_name("$OrderBy"), Some(OrderBy));
        assert_eq!(SystemOption::from_name("top"), None);
        assert_eq!(SystemOption::from_name("$levels"), None);
        assert_eq!(Top.value().scalar, Scalar::U32);
        assert!(Select.value().collection);
        assert_eq!(Count.value().scalar, Scalar::Bool);
    }
}
