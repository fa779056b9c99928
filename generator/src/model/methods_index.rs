//! Resource pages' `## Methods` tables read the other way round: which types list an api page.
//! A reader takes the type whose page lists an operation as the operation's owner (`List
//! includeTargets` on the softwareOath configuration's page is that type's `includeTargets`)
//! or, for an action titled by its name alone (`assign`), as its binding type.

use super::draft::BoundTitle;
use super::lookup::find_type;
use super::types::{link_target, TypeIndex};
use crate::facts::PageFacts;
use std::collections::BTreeMap;

/// Lower-cased api page path -> the types whose Methods table links it, sorted, once each.
pub fn listing_types(facts: &[PageFacts], types: &TypeIndex) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for page in facts {
        let Some(resource) = &page.resource else {
            continue;
        };
        let name = super::types::model_name(&resource.namespace, &resource.name);
        let Some(def) = find_type(types, &name) else {
            continue;
        };
        for method in &resource.methods {
            let (Some(target), _) = link_target(&page.page.path, &method.target) else {
                continue;
            };
            let listed = out.entry(target).or_default();
            if !listed.contains(&def.name) {
                listed.push(def.name.clone());
                listed.sort();
            }
        }
    }
    out
}

/// An action titled by its bare name (`assign`), listed by exactly one type: bound to it.
pub fn bound_by_listing(title: &str, listed_by: &[String]) -> Option<BoundTitle> {
    let name = title.trim();
    let identifier = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && crate::facts::api::title_method(name).is_none();
    match listed_by {
        [binding] if identifier => Some(BoundTitle {
            binding: binding.clone(),
            name: name.to_string(),
        }),
        _ => None,
    }
}
