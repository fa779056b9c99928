//! Type agreement: a Properties table's `String` weighed against what the JSON representation,
//! the enum pages and the examples say ([`super::type_evidence`]).
//!
//! The rule, as a reader would apply it: the more specific type wins when two sources agree on
//! it and none contradicts it.
//! - An enum: an enum type the docs define has exactly the members that the JSON
//!   representation lists (`"enabled | disabled"`), the description's "Possible values" or the
//!   examples' values give (the enum page is one source, the listing the other).
//! - A date, GUID, duration, time, number or boolean: the JSON representation and the examples
//!   both say so, one of them with a placeholder or a literal of that kind (a string that only
//!   looks like a GUID shows one but states none: ids are strings that hold GUIDs).
//! - A contradiction (a literal of another kind, a value outside the enum) keeps the table's type.
//!
//! Each correction is a `type-corrected` warning naming both sources. The measure
//! ([`Share`]): of the properties about which the JSON representation or an example states a
//! type, the share whose type agrees with every such statement (a statement of a plain string
//! agrees with any string-valued type; a less specific type than the statement disagrees).

use super::type_evidence::{primitive_class, Claim, Class, Evidence, Source, Strength};
use super::types::TypeIndex;
use crate::diag::{excerpt, Code, Diagnostic, Span};
use crate::facts::PageFacts;
use crate::ir::{Operation, Property, TypeDef, TypeKind, TypeRefKind};
use serde::Serialize;
use std::collections::BTreeSet;

/// Properties with stated evidence, and how many of them agree with it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Share {
    pub agreeing: usize,
    pub with_evidence: usize,
}

impl Share {
    /// The agreeing share in percent (100 when nothing is stated).
    pub fn percent(&self) -> f64 {
        if self.with_evidence == 0 {
            return 100.0;
        }
        self.agreeing as f64 * 100.0 / self.with_evidence as f64
    }
}

/// The measure before and after the corrections, and how many were made. A correction from
/// the description's possible values alone concerns a property no statement is about, so it
/// does not change the measure.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AgreementReport {
    pub before: Share,
    pub after: Share,
    pub corrected: usize,
    /// `type.property: the table's type vs what is stated`, for each property that still
    /// disagrees, in type order.
    pub disagreeing: Vec<String>,
}

/// A property's new type and why.
struct Correction {
    type_index: usize,
    property_index: usize,
    type_name: String,
    kind: TypeRefKind,
    because: String,
    related: Vec<(Span, String)>,
}

/// Corrects the properties whose table type two other sources contradict, and measures the
/// agreement before and after.
pub fn apply(
    facts: &[PageFacts],
    types: &mut TypeIndex,
    operations: &[Operation],
    diagnostics: &mut Vec<Diagnostic>,
) -> AgreementReport {
    let evidence = Evidence::gather(facts, types, operations);
    let (before, _) = measure(types, &evidence);
    let mut corrections = Vec::new();
    for (type_index, def) in types.types().iter().enumerate() {
        for (property_index, property) in def.properties().iter().enumerate() {
            let is_string = property.type_ref.kind == TypeRefKind::Primitive
                && property.type_ref.name == "String";
            if !is_string || property.navigation {
                continue;
            }
            let claims = evidence.claims(&def.name, &property.name);
            let found = as_enum(types, property, claims).or_else(|| as_primitive(claims));
            if let Some((type_name, kind, because, related)) = found {
                corrections.push(Correction {
                    type_index,
                    property_index,
                    type_name,
                    kind,
                    because,
                    related,
                });
            }
        }
    }
    let corrected = corrections.len();
    for c in corrections {
        let Some(def) = types.types_mut().get_mut(c.type_index) else {
            continue;
        };
        let owner = def.name.clone();
        let Some(property) = def
            .structure_mut()
            .and_then(|body| body.properties.get_mut(c.property_index))
        else {
            continue;
        };
        let mut diagnostic = Diagnostic::new(
            Code::TypeCorrected,
            property.source.clone(),
            format!(
                "`{owner}.{}`: the Properties table says String, but {}; read as {}",
                property.name, c.because, c.type_name
            ),
        );
        for (span, label) in c.related {
            diagnostic = diagnostic.with_related(span, label);
        }
        diagnostics.push(diagnostic);
        property.type_ref.name = c.type_name;
        property.type_ref.kind = c.kind;
        property.possible_values.clear();
    }
    let (after, disagreeing) = measure(types, &evidence);
    AgreementReport {
        before,
        after,
        corrected,
        disagreeing,
    }
}

type Found = (String, TypeRefKind, String, Vec<(Span, String)>);

/// The enum whose members the docs list for the property, when a listing and the enum page
/// agree and no example value falls outside it.
fn as_enum(types: &TypeIndex, property: &Property, claims: &[Claim]) -> Option<Found> {
    let mut listings: Vec<(Vec<String>, String, Option<Span>)> = claims
        .iter()
        .filter_map(|c| match &c.class {
            Class::Members(members) => {
                Some((members.clone(), describe_source(c), Some(c.span.clone())))
            }
            _ => None,
        })
        .collect();
    if property.possible_values.len() > 1 {
        let values = property
            .possible_values
            .iter()
            .map(|v| v.to_ascii_lowercase())
            .collect();
        listings.push((
            values,
            "the description's \"Possible values\"".to_string(),
            None,
        ));
    }
    for (members, from, span) in &listings {
        let Some(def) = matching_enum(types, members, &property.name) else {
            continue;
        };
        let is_member = |text: &str| {
            def.members()
                .iter()
                .any(|m| m.name.eq_ignore_ascii_case(text))
        };
        let contradicted = claims.iter().any(|c| match &c.class {
            Class::Members(other) => normalised(other) != normalised(members),
            Class::Text => !c.placeholder && !is_member(&c.written),
            _ => c.strength == Strength::Stated,
        });
        if contradicted {
            continue;
        }
        let mut related = vec![(def.source.clone(), "the enum".to_string())];
        related.extend(span.clone().map(|s| (s, "the listing".to_string())));
        let spelled: Vec<&str> = def.members().iter().map(|m| m.name.as_str()).collect();
        let because = format!(
            "{from} and the enum `{}` ({}) agree on its members `{}`",
            def.name,
            def.source.file,
            excerpt(&spelled.join(" | "))
        );
        return Some((def.name.clone(), TypeRefKind::Enum, because, related));
    }
    None
}

/// Members compared as a set, without case and without `unknownFutureValue`.
fn normalised(members: &[String]) -> BTreeSet<String> {
    members
        .iter()
        .map(|m| m.to_ascii_lowercase())
        .filter(|m| m != "unknownfuturevalue")
        .collect()
}

/// The enum with exactly these members; of several, the one named like the property
/// (`state` -> `authenticationMethodState`).
fn matching_enum<'a>(
    types: &'a TypeIndex,
    members: &[String],
    property: &str,
) -> Option<&'a TypeDef> {
    let wanted = normalised(members);
    if wanted.len() < 2 {
        return None;
    }
    let matching: Vec<&TypeDef> = types
        .types()
        .iter()
        .filter(|t| t.kind() == TypeKind::Enum)
        .filter(|t| {
            let names: Vec<String> = t.members().iter().map(|m| m.name.clone()).collect();
            normalised(&names) == wanted
        })
        .collect();
    match matching.as_slice() {
        [only] => Some(only),
        several => {
            let property = property.to_ascii_lowercase();
            let named: Vec<&&TypeDef> = several
                .iter()
                .filter(|t| t.name.to_ascii_lowercase().ends_with(&property))
                .collect();
            match named.as_slice() {
                [only] => Some(only),
                _ => None,
            }
        }
    }
}

/// A primitive both the JSON representation and the examples give, one of them stating it.
fn as_primitive(claims: &[Claim]) -> Option<Found> {
    let specific: Vec<&Claim> = claims
        .iter()
        .filter(|c| !matches!(c.class, Class::Text | Class::Object | Class::Members(_)))
        .collect();
    let stated = specific.iter().find(|c| c.strength == Strength::Stated)?;
    // Whole numbers support a decimal type; otherwise every specific claim is of one class.
    let class = if specific.iter().any(|c| c.class == Class::Number)
        && specific
            .iter()
            .all(|c| matches!(c.class, Class::Integer | Class::Number))
    {
        Class::Number
    } else {
        stated.class.clone()
    };
    let fits = |c: &&Claim| match (&class, &c.class) {
        (Class::Date { .. }, Class::Date { .. }) | (Class::Number, Class::Integer) => true,
        (wanted, found) => wanted == found,
    };
    if !specific.iter().all(fits) {
        return None;
    }
    let sources: BTreeSet<Source> = specific.iter().map(|c| c.source).collect();
    if sources.len() < 2 {
        return None;
    }
    // A literal string contradicts a type of another JSON kind, or a string type it does not
    // look like; a `"String"` placeholder is no more than the table's own word.
    let string_kind = matches!(
        class,
        Class::Date { .. } | Class::Time | Class::Duration | Class::Guid | Class::Binary
    );
    let contradicted = claims.iter().any(|c| match c.class {
        Class::Text => !c.placeholder || !string_kind,
        Class::Object | Class::Members(_) => true,
        _ => false,
    });
    if contradicted {
        return None;
    }
    let type_name = type_for(&class, &specific);
    let described: Vec<String> = [Source::JsonRepresentation, Source::Examples]
        .iter()
        .filter_map(|source| {
            let of_source: Vec<&&Claim> = specific.iter().filter(|c| c.source == *source).collect();
            let first = of_source.first()?;
            Some(match source {
                Source::JsonRepresentation => format!(
                    "the JSON representation gives `{}`",
                    excerpt(&first.written)
                ),
                Source::Examples => format!(
                    "{} example value{} (e.g. `{}`)",
                    of_source.len(),
                    if of_source.len() == 1 {
                        " agrees"
                    } else {
                        "s agree"
                    },
                    excerpt(&first.written)
                ),
            })
        })
        .collect();
    let related = specific
        .iter()
        .map(|c| (c.span.clone(), describe_source(c)))
        .take(3)
        .collect();
    Some((
        type_name,
        TypeRefKind::Primitive,
        described.join(" and "),
        related,
    ))
}

/// The primitive for a class: the one a placeholder names, else the usual one.
fn type_for(class: &Class, claims: &[&Claim]) -> String {
    let named = claims
        .iter()
        .filter(|c| c.placeholder && primitive_class(&c.written) == *class)
        .map(|c| c.written.clone())
        .next();
    if let Some(name) = named {
        return name;
    }
    let all_date_only = claims
        .iter()
        .all(|c| c.class == Class::Date { date_only: true });
    match class {
        Class::Date { .. } if all_date_only => "Date",
        Class::Date { .. } => "DateTimeOffset",
        Class::Time => "TimeOfDay",
        Class::Duration => "Duration",
        Class::Guid => "Guid",
        Class::Binary => "Binary",
        Class::Integer => "Int32",
        Class::Number => "Double",
        Class::Boolean => "Boolean",
        Class::Text | Class::Object | Class::Members(_) => "String",
    }
    .to_string()
}

fn describe_source(claim: &Claim) -> String {
    match claim.source {
        Source::JsonRepresentation => "the JSON representation".to_string(),
        Source::Examples => "an example".to_string(),
    }
}

/// The share of properties whose type agrees with every statement about it, and those that
/// do not.
fn measure(types: &TypeIndex, evidence: &Evidence) -> (Share, Vec<String>) {
    let mut share = Share::default();
    let mut disagreeing = Vec::new();
    for def in types.types().iter().filter(|t| t.kind() != TypeKind::Enum) {
        for property in def
            .properties()
            .iter()
            .filter(|p| !p.navigation && !p.name.starts_with('@'))
        {
            if matches!(
                property.type_ref.kind,
                TypeRefKind::Json | TypeRefKind::Unresolved
            ) {
                continue;
            }
            let claims = evidence.claims(&def.name, &property.name);
            if !claims.iter().any(|c| c.strength == Strength::Stated) {
                continue;
            }
            share.with_evidence += 1;
            let against: Vec<&Claim> = claims.iter().filter(|c| !agrees(property, c)).collect();
            if against.is_empty() {
                share.agreeing += 1;
                continue;
            }
            let stated: Vec<String> = against
                .iter()
                .map(|c| format!("{} `{}`", describe_source(c), excerpt(&c.written)))
                .collect();
            disagreeing.push(format!(
                "{}.{}: {} vs {}",
                def.name,
                property.name,
                property.type_ref.name,
                stated.join(", ")
            ));
        }
    }
    (share, disagreeing)
}

/// Whether the property's type is compatible with the claim and at least as specific.
fn agrees(property: &Property, claim: &Claim) -> bool {
    if claim.strength == Strength::Shows {
        return true;
    }
    let own = match property.type_ref.kind {
        TypeRefKind::Primitive => primitive_class(&property.type_ref.name),
        TypeRefKind::Enum => Class::Members(Vec::new()),
        TypeRefKind::Entity | TypeRefKind::Complex => Class::Object,
        TypeRefKind::Json | TypeRefKind::Unresolved => return true,
    };
    match (&claim.class, &own) {
        (Class::Text, own) => !matches!(
            own,
            Class::Integer | Class::Number | Class::Boolean | Class::Object
        ),
        (Class::Members(_), Class::Members(_)) => true,
        (Class::Date { .. }, Class::Date { .. }) => true,
        (Class::Integer, Class::Number) => true,
        (claimed, own) => claimed == own,
    }
}

#[cfg(test)]
#[path = "type_agreement_tests.rs"]
mod tests;
