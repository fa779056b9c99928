//! Bound actions and functions whose page documents no path (`deviceShellScript : assign`,
//! `managedDevice : shutDown`): the binding type's item paths plus the operation's name, as a
//! reader of the docs would write them. The item paths are the binding type's documented ones,
//! else the singleton's own path, else the path through a relationship that leads to it. The
//! name is namespace-qualified (`microsoft.graph.assign`) where the docs qualify the bound
//! operations of that type, or the page's example does; a function's parameters from its
//! `## Function parameters` table become the call's arguments.

use super::draft::{BoundTitle, Draft, Inference};
use super::example_path::ExamplePath;
use super::lookup::{find_type, is_same_or_derived};
use super::owners::{same_segments, Owners};
use super::types::TypeIndex;
use crate::diag::Span;
use crate::facts::template::parse_template;
use crate::ir::{PathTemplate, SegmentPart, TypeDef};

/// `binding : name` when both sides are single identifiers.
pub fn parse_title(title: &str) -> Option<BoundTitle> {
    let (binding, name) = title.split_once(':')?;
    let (binding, name) = (binding.trim(), name.trim());
    let identifier = |s: &str| {
        s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
    };
    (identifier(binding) && identifier(name)).then(|| BoundTitle {
        binding: binding.to_string(),
        name: name.to_string(),
    })
}

/// The paths of a bound operation, or why there are none.
pub fn infer(
    draft: &Draft,
    bound: &BoundTitle,
    owners: &Owners<'_>,
    types: &TypeIndex,
    example: Option<&ExamplePath>,
) -> Result<Inference, String> {
    let Some(binding) = find_type(types, &bound.binding) else {
        return Err(format!(
            "its binding type `{}` is defined by no page",
            bound.binding
        ));
    };
    let (items, how, mut related) = item_paths(binding, owners, types)?;
    let qualified = qualifies(&items, owners, example);
    let name = if qualified {
        format!("microsoft.graph.{}", bound.name)
    } else {
        bound.name.clone()
    };
    let call = call_text(&name, draft);
    let templates: Vec<PathTemplate> = items
        .iter()
        .filter_map(|item| {
            parse_template(&format!("{}/{call}", item.template), &draft.op.source).ok()
        })
        .collect();
    if templates.is_empty() {
        return Err(format!(
            "the path of `{call}` on `{}` does not parse",
            binding.name
        ));
    }
    let kind = if draft.function { "function" } else { "action" };
    let spelled = if qualified {
        ", namespace-qualified as the docs write this type's bound operations"
    } else {
        ""
    };
    related.push((binding.source.clone(), "the binding type".to_string()));
    Ok(Inference {
        templates,
        reason: format!(
            "the title's binding type `{}`: {how}, followed by the {kind} name `{name}`{spelled}",
            binding.name
        ),
        from: binding.source.clone(),
        related,
    })
}

type ItemPaths = (Vec<PathTemplate>, String, Vec<(Span, String)>);

/// Where one item of `binding` is addressed, how that is known, and the pages that say so.
fn item_paths(
    binding: &TypeDef,
    owners: &Owners<'_>,
    types: &TypeIndex,
) -> Result<ItemPaths, String> {
    if let Some(paths) = owners.item_paths(binding) {
        let listed: Vec<String> = paths
            .templates
            .iter()
            .map(|t| format!("`{}`", t.template))
            .collect();
        let how = format!(
            "its {} item path {} ({})",
            if paths.inferred {
                "inferred"
            } else {
                "documented"
            },
            listed.join(", "),
            paths.span.file
        );
        let related = vec![(
            paths.span.clone(),
            "the binding type's documented path".to_string(),
        )];
        return Ok((paths.templates.into_iter().cloned().collect(), how, related));
    }
    if let Some(singleton) = owners.singleton(binding) {
        let how = format!(
            "it is a singleton, `{}` (documented paths start with it, e.g. {})",
            singleton.template.template, singleton.witness.file
        );
        let related = vec![(
            singleton.witness.clone(),
            "a path under the singleton".to_string(),
        )];
        return Ok((vec![singleton.template.clone()], how, related));
    }
    // Through a relationship that leads to the binding type, owners whose name starts the
    // type's name first, then in name order.
    let mut through: Vec<(bool, Inference)> = Vec::new();
    for owner in types.types() {
        for property in owner.properties().iter().filter(|p| p.navigation) {
            if !is_same_or_derived(types, &binding.name, &property.type_ref.name) {
                continue;
            }
            let path = super::relationship::through(owner, property, &binding.name, true, owners);
            if let Some(inference) = path {
                let names_owner = binding
                    .name
                    .to_ascii_lowercase()
                    .starts_with(&owner.name.to_ascii_lowercase());
                through.push((!names_owner, inference));
            }
        }
    }
    through.sort_by_key(|(rank, _)| *rank);
    match through.into_iter().next() {
        Some((_, inference)) => {
            let how = format!(
                "its item path `{}`, from {}",
                inference.templates.first().map(|t| t.template.as_str()).unwrap_or_default(),
                inference.reason
            );
            Ok((inference.templates, how, inference.related))
        }
        None => Err(format!(
            "its binding type `{}` has no documented item path, is no singleton, and no relationship with a documented owner path leads to it",
            binding.name
        )),
    }
}

/// Whether the docs qualify bound operations here: a documented path below one of the item
/// paths whose last segment is `microsoft.graph.x`, or the page's own example URL.
fn qualifies(items: &[PathTemplate], owners: &Owners<'_>, example: Option<&ExamplePath>) -> bool {
    let qualified_last = |t: &PathTemplate| {
        matches!(
            t.segments.last().map(|s| s.parts.as_slice()),
            Some([SegmentPart::Literal(text), ..]) if text.starts_with("microsoft.graph.")
        )
    };
    if example.is_some_and(|e| qualified_last(&e.template)) {
        return true;
    }
    owners.documented_templates().any(|t| {
        let Some((_, parent)) = t.segments.split_last() else {
            return false;
        };
        qualified_last(t)
            && items
                .iter()
                .any(|item| same_segments(&item.segments, parent))
    })
}

/// `name`, or a function's call with its parameters (`name(a='{a}',b={b})`).
fn call_text(name: &str, draft: &Draft) -> String {
    if !draft.function || draft.function_parameters.is_empty() {
        return name.to_string();
    }
    let arguments: Vec<String> = draft
        .function_parameters
        .iter()
        .map(|p| {
            if p.quoted {
                format!("{0}='{{{0}}}'", p.name)
            } else {
                format!("{0}={{{0}}}", p.name)
            }
        })
        .collect();
    format!("{name}({})", arguments.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_titles() {
        assert_eq!(
            parse_title("deviceshellscript : assign"),
            Some(BoundTitle {
                binding: "deviceshellscript".into(),
                name: "assign".into()
            })
        );
        assert!(parse_title("call: redirect").is_some());
        assert_eq!(parse_title("Update userRunStates"), None);
        assert_eq!(parse_title("Note: do this first"), None);
        assert_eq!(parse_title("a : b c"), None);
    }
}
