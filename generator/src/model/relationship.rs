//! A path through a relationship: the operation's type T is reached through a relationship
//! (navigation property) of another type O whose own path is documented: `O path` +
//! `/relationship` (+ `/{tId}` when the relationship is a collection and the operation acts on
//! one item). When no such relationship or path exists the operation gets no path rather than
//! an invented one.
//!
//! Of several relationships, a reader takes the one whose owner's `## Methods` table lists the
//! page, then the one the title names, then the one whose owner the title names, then one of
//! exactly the type; among those still tied, the one the page's
//! example URL follows, then the owner whose name starts the type's name
//! (`deviceManagementScript` for `deviceManagementScriptUserState`).

use super::draft::{Draft, Inference};
use super::example_path::ExamplePath;
use super::lookup::is_same_or_derived;
use super::owners::{same_shape, with_literal, Owners};
use super::types::TypeIndex;
use crate::facts::template::{render, singular};
use crate::ir::{Method, PathTemplate, Property, Segment, SegmentPart, TypeDef};
use heck::ToLowerCamelCase;

/// Not listed by the owner's Methods table, relationship not in the title, owner not in the
/// title, not exactly the type: `false` ranks first.
type Rank = (bool, bool, bool, bool);

/// The path through the best relationship, or why there is none.
pub fn infer(
    draft: &Draft,
    owners: &Owners<'_>,
    types: &TypeIndex,
    example: Option<&ExamplePath>,
) -> Result<Inference, String> {
    let Some(subject) = draft.subject.as_ref().filter(|s| s.is_model_type()) else {
        return Err(match &draft.named_type {
            Some(name) => format!("the type it names, `{name}`, is defined by no page, so no relationship leads to it"),
            None => "the page names no type to find a relationship to".to_string(),
        });
    };
    if draft.op.method == Method::Post && !draft.creates {
        return Err(format!(
            "it is an action on `{}` (a POST that creates nothing) whose own path segment is not documented",
            subject.name
        ));
    }
    let title = title_words(&draft.op.title);
    let in_title = |word: &str| {
        let word = word.to_ascii_lowercase();
        title.iter().any(|w| *w == word || *w == singular(&word))
    };
    // Rank by the owner whose Methods table lists the page, then by what the title says; only
    // the best-ranked relationships are evidence.
    let mut candidates: Vec<(Rank, &TypeDef, &Property)> = Vec::new();
    for owner in types.types() {
        for property in owner.properties().iter().filter(|p| p.navigation) {
            let exact = property.type_ref.name.eq_ignore_ascii_case(&subject.name);
            if !exact && !is_same_or_derived(types, &subject.name, &property.type_ref.name) {
                continue;
            }
            let listed = draft.listed_by.contains(&owner.name);
            let rank = (
                !listed,
                !in_title(&property.name),
                !in_title(&owner.name),
                !exact,
            );
            candidates.push((rank, owner, property));
        }
    }
    if candidates.is_empty() {
        return Err(format!(
            "no relationship of any type has the type `{}`",
            subject.name
        ));
    }
    candidates.sort_by(|a, b| (a.0, &a.1.name, &a.2.name).cmp(&(b.0, &b.1.name, &b.2.name)));
    let best = candidates.first().map(|c| c.0);
    candidates.retain(|c| Some(c.0) == best);
    let mut paths: Vec<((bool, bool), Inference)> = candidates
        .iter()
        .filter_map(|(_, owner, property)| {
            let inference = through(owner, property, &subject.name, draft.acts_on_item, owners)?;
            let follows_example = example.is_some_and(|e| {
                inference
                    .templates
                    .iter()
                    .any(|t| same_shape(t, &e.template))
            });
            let names_owner = subject
                .name
                .to_ascii_lowercase()
                .starts_with(&owner.name.to_ascii_lowercase());
            Some(((!follows_example, !names_owner), inference))
        })
        .collect();
    // Stable: ties stay in (owner, relationship) name order.
    paths.sort_by_key(|(rank, _)| *rank);
    match paths.into_iter().next() {
        Some((_, inference)) => Ok(inference),
        None => {
            let listed: Vec<String> = candidates
                .iter()
                .take(4)
                .map(|(_, owner, property)| format!("`{}` of `{}`", property.name, owner.name))
                .collect();
            let more = candidates.len().saturating_sub(listed.len());
            let listed = match more {
                0 => listed.join(", "),
                n => format!("{} and {n} more", listed.join(", ")),
            };
            let one = candidates.len() == 1;
            let exact = candidates.iter().any(|(rank, _, _)| !rank.3);
            let what = if exact {
                let (s, verb) = if one { ("", "leads") } else { ("s", "lead") };
                format!(
                    "the relationship{s} {listed} {verb} to `{}`, but",
                    subject.name
                )
            } else {
                format!(
                    "no relationship has the type `{}`, only its base types: {listed}, and",
                    subject.name
                )
            };
            Err(format!(
                "{what} no page documents a path of {}",
                if one { "its owner" } else { "their owners" },
            ))
        }
    }
}

/// The path through `owner`'s `property`, when the owner's own path is documented or the
/// owner is a singleton.
pub fn through(
    owner: &TypeDef,
    property: &Property,
    item_type: &str,
    one_item: bool,
    owners: &Owners<'_>,
) -> Option<Inference> {
    let (owner_template, owner_span, how) = match owners.item_paths(owner) {
        Some(paths) => {
            let first = paths.templates.first().copied()?;
            let itself = if paths.inferred {
                " (itself inferred)"
            } else {
                ""
            };
            let how = format!(
                "the path `{}`{itself} of {}",
                first.template, paths.span.file
            );
            (first.clone(), paths.span, how)
        }
        None => {
            let singleton = owners.singleton(owner)?;
            (
                singleton.template.clone(),
                singleton.witness.clone(),
                format!(
                    "the singleton `{}` (documented paths start with it, e.g. {})",
                    singleton.template.template, singleton.witness.file
                ),
            )
        }
    };
    let template = extend(&owner_template, property, item_type, one_item);
    let reason = format!(
        "the relationship `{}` of `{}` ({}) and {how}",
        property.name, owner.name, property.source.file
    );
    Some(Inference {
        templates: vec![template],
        reason,
        from: property.source.clone(),
        related: vec![
            (property.source.clone(), "the relationship".to_string()),
            (owner_span, "the owner's documented path".to_string()),
        ],
    })
}

/// The words of a title, lower-cased.
fn title_words(title: &str) -> Vec<String> {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// The owner's path, the relationship, and (for one item of a collection) a key named after
/// the item type, as the docs name keys (`{deviceManagementScriptUserStateId}`).
fn extend(
    owner: &PathTemplate,
    property: &Property,
    item_type: &str,
    one_item: bool,
) -> PathTemplate {
    let mut template = with_literal(owner, &property.name, &property.source);
    if property.type_ref.collection && one_item {
        let existing: Vec<&str> = owner.parameters().collect();
        let bare = item_type.rsplit('.').next().unwrap_or(item_type);
        let base = format!("{}Id", bare.to_lower_camel_case());
        let mut name = base.clone();
        let mut n = 2;
        while existing.contains(&name.as_str()) {
            name = format!("{base}{n}");
            n += 1;
        }
        template.segments.push(Segment {
            parts: vec![SegmentPart::Param(name)],
        });
        template.template = render(&template.segments);
    }
    template
}
