//! `docgen diff`: what a docs change does to the generated crate's users. Two models (from
//! pages or `docgen ir` JSON) are matched ([`matching`]: same names, then renames where the
//! evidence is strong), compared type by type and operation by operation ([`types`],
//! [`operations`]), and each change is classified on the Rust API both generate
//! ([`classify`], over [`crate::emit::surface`]) as breaking, additive or without effect. The
//! report renders as Markdown for a pull request ([`markdown`]) or JSON for tools ([`json`]);
//! [`gate`] decides whether the version change covers it.

pub mod classify;
pub mod classify_operations;
pub mod command;
pub mod gate;
pub mod input;
pub mod json;
pub mod markdown;
pub mod matching;
pub mod operations;
pub mod report;
pub mod types;

pub use gate::{check_versions, denied, Deny};
pub use input::load;
pub use report::{ApiDiff, Change, ChangeKind, Impact, Inputs, On, Side, VersionCheck};

use crate::emit::surface::surface;
use crate::ir::Model;
use classify::Surfaces;

/// Every change from `old` to `new`, classified, sorted by workload, subject, kind and item.
pub fn diff(old: &Model, new: &Model) -> ApiDiff {
    let old_api = surface(old);
    let new_api = surface(new);
    let surfaces = Surfaces {
        old: &old_api,
        new: &new_api,
    };
    let mut changes = Vec::new();
    for feature in old_api.features.difference(&new_api.features) {
        changes.push(feature_change(
            feature,
            ChangeKind::FeatureRemoved,
            surfaces.feature_removed(feature),
        ));
    }
    for feature in new_api.features.difference(&old_api.features) {
        changes.push(feature_change(
            feature,
            ChangeKind::FeatureAdded,
            surfaces.feature_added(feature),
        ));
    }
    types::compare(&matching::match_types(old, new), &surfaces, &mut changes);
    operations::compare(
        &matching::match_operations(old, new),
        &surfaces,
        &mut changes,
    );
    changes.sort();
    ApiDiff {
        old: side(old),
        new: side(new),
        changes,
    }
}

fn side(model: &Model) -> Side {
    Side {
        types: model.types.len(),
        operations: model.operations.len(),
    }
}

fn feature_change(feature: &str, kind: ChangeKind, (impact, why): classify::Verdict) -> Change {
    Change {
        // A feature is a workload's (`naming::feature_name`): its section is the workload's.
        workload: feature.to_string(),
        on: On::Crate,
        name: feature.to_string(),
        kind,
        item: None,
        impact,
        old: None,
        new: None,
        why,
    }
}
