//! Shared path types: the operations of one file whose docs give the same alternative paths
//! (Get, Update and Delete of `/me` and `/users/{id}`, say) use one path enum, emitted once with
//! one `fn path(&self)`, instead of an enum and a path builder each.

use super::operations::{OpPlan, TemplatePlan};
use crate::ir::Method;
use std::collections::{BTreeMap, BTreeSet};

/// What makes two operations' paths interchangeable: the same file, and the same templates with
/// the same variant and field names, in the same order.
type PathKey = (String, Vec<(String, String, Vec<String>)>);

fn key(plan: &OpPlan<'_>) -> PathKey {
    let templates = plan.templates.iter().map(template_key).collect();
    (plan.module.clone(), templates)
}

fn template_key(template: &TemplatePlan<'_>) -> (String, String, Vec<String>) {
    (
        template.template.template.clone(),
        template.variant.clone(),
        template.params.iter().map(|p| p.rust.clone()).collect(),
    )
}

/// Points every operation with several paths at one path enum per file and set of paths; the
/// owner emits it (`path_users`), gated on the features of every operation using it.
pub fn share(plans: &mut [OpPlan<'_>]) {
    let mut groups: BTreeMap<PathKey, Vec<usize>> = BTreeMap::new();
    for (index, plan) in plans.iter().enumerate() {
        if plan.path_enum.is_some() {
            groups.entry(key(plan)).or_default().push(index);
        }
    }
    for members in groups.values() {
        let gets: Vec<bool> = members
            .iter()
            .map(|&i| plans[i].op.method == Method::Get)
            .collect();
        let owner = members[owner_of(&gets)];
        let name = plans[owner].path_enum.clone();
        let users: Vec<String> = members.iter().map(|&i| plans[i].rust.clone()).collect();
        let features: BTreeSet<String> =
            members.iter().map(|&i| plans[i].feature.clone()).collect();
        for &i in members {
            plans[i].path_enum.clone_from(&name);
        }
        plans[owner].path_users = users;
        plans[owner].path_features = features.into_iter().collect();
    }
}

/// The member owning a shared enum (and naming it): the first reading operation, so that the
/// enum of a collection's paths is `ListXPath` and of an item's `GetXPath`, whichever of
/// Create, Update or Delete comes first in the file; else the first member.
fn owner_of(is_get: &[bool]) -> usize {
    is_get.iter().position(|&get| get).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::owner_of;

    #[test]
    fn the_first_get_owns_the_enum() {
        assert_eq!(owner_of(&[false, false, true, true]), 2);
        assert_eq!(owner_of(&[false, false]), 0);
        assert_eq!(owner_of(&[true]), 0);
    }
}
