//! What each change does to the generated crate's users: breaking, additive or nothing, with
//! the reason in a sentence. Decided on the Rust API both models generate
//! ([`crate::emit::surface`]), not on the docs' words: `String` -> `Guid` is the same Rust
//! `String`, a case-only rename the same Rust name. The rules, and why, are the README's
//! "Breaking or additive" table; each function here is one row. The operations' rules are in
//! [`super::classify_operations`].

use super::report::Impact;
use crate::emit::surface::{short_type, ApiSurface, FieldApi, TypeApi};

/// The old and the new Rust API.
pub struct Surfaces<'s> {
    pub old: &'s ApiSurface,
    pub new: &'s ApiSurface,
}

pub type Verdict = (Impact, String);

pub(super) fn breaking(why: impl Into<String>) -> Verdict {
    (Impact::Breaking, why.into())
}

pub(super) fn additive(why: impl Into<String>) -> Verdict {
    (Impact::Additive, why.into())
}

pub(super) fn none(why: impl Into<String>) -> Verdict {
    (Impact::None, why.into())
}

pub(super) fn field_text(field: &FieldApi) -> String {
    format!("`{}: {}`", field.rust, short_type(&field.ty))
}

/// Names listed in one reason before `N more`.
pub(super) const NAMES_IN_A_REASON: usize = 4;

/// The construction rule every struct of the generated crate follows.
pub(super) const BUILD_WITH_DEFAULT: &str =
    "structs derive `Default` (build them with `..Default::default()`)";

impl Surfaces<'_> {
    fn types(&self, old: &str, new: &str) -> Option<(&TypeApi, &TypeApi)> {
        Some((self.old.types.get(old)?, self.new.types.get(new)?))
    }

    pub fn feature_added(&self, feature: &str) -> Verdict {
        additive(format!("a dependent may enable `{feature}`"))
    }

    pub fn feature_removed(&self, feature: &str) -> Verdict {
        breaking(format!(
            "a dependent that enables `{feature}` no longer builds"
        ))
    }

    pub fn type_added(&self, name: &str) -> Verdict {
        match self.new.types.get(name) {
            Some(api) => additive(format!("new type `{}`", api.rust)),
            None => none("no Rust type"),
        }
    }

    pub fn type_removed(&self, name: &str) -> Verdict {
        match self.old.types.get(name) {
            Some(api) => {
                let update = api
                    .update
                    .as_ref()
                    .map(|u| format!(" and `{}`", u.rust))
                    .unwrap_or_default();
                breaking(format!("`{}`{update} removed", api.rust))
            }
            None => none("it had no Rust type"),
        }
    }

    /// A renamed type, or one whose Rust name changed while its model name did not (a name
    /// collision resolved another way).
    pub fn type_renamed(&self, old: &str, new: &str) -> Verdict {
        match self.types(old, new) {
            Some((o, n)) if o.rust == n.rust => none(format!("same Rust name `{}`", n.rust)),
            Some((o, n)) => breaking(format!("`{}` is now `{}`", o.rust, n.rust)),
            None => none("no Rust type"),
        }
    }

    pub fn type_kind_changed(&self, old: &str, new: &str) -> Verdict {
        match self.types(old, new) {
            Some((o, n)) if o.is_enum != n.is_enum => breaking(format!(
                "`{}` changes from {} to {}",
                n.rust,
                if o.is_enum { "an enum" } else { "a struct" },
                if n.is_enum { "an enum" } else { "a struct" }
            )),
            _ => none("entity and complex types are the same kind of Rust struct"),
        }
    }

    /// A new base type: `Derives<Ancestor>` impls and inherited fields come and go.
    /// `own_removed` are the own properties removed at the same time (reported on their own).
    pub fn base_changed(&self, old: &str, new: &str, own_removed: &[&str]) -> Verdict {
        let Some((o, n)) = self.types(old, new) else {
            return none("no Rust type");
        };
        let lost: Vec<&String> = o
            .ancestors
            .iter()
            .filter(|a| !n.ancestors.contains(a))
            .collect();
        let gained: Vec<&String> = n
            .ancestors
            .iter()
            .filter(|a| !o.ancestors.contains(a))
            .collect();
        let lost_fields: Vec<&FieldApi> = o
            .fields
            .iter()
            .filter(|(wire, _)| {
                !n.fields.contains_key(*wire) && !own_removed.contains(&wire.as_str())
            })
            .map(|(_, f)| f)
            .collect();
        if !lost.is_empty() || !lost_fields.is_empty() {
            let mut why = Vec::new();
            if !lost.is_empty() {
                why.push(format!("no longer implements {}", derives_list(&lost)));
            }
            if !lost_fields.is_empty() {
                let names: Vec<String> = lost_fields
                    .iter()
                    .map(|f| format!("`{}`", f.rust))
                    .collect();
                why.push(format!("loses the inherited fields {}", names.join(", ")));
            }
            return breaking(format!("`{}` {}", n.rust, why.join(" and ")));
        }
        if !gained.is_empty() {
            return additive(format!(
                "`{}` now implements {}",
                n.rust,
                derives_list(&gained)
            ));
        }
        none("the same ancestors in Rust")
    }

    pub fn update_added(&self, new: &str) -> Verdict {
        let name = self.new.types.get(new).and_then(|t| t.update.as_ref());
        additive(format!(
            "new `{}`: an operation now PATCHes the type",
            name.map_or("Update", |u| u.rust.as_str())
        ))
    }

    pub fn update_removed(&self, old: &str) -> Verdict {
        let name = self.old.types.get(old).and_then(|t| t.update.as_ref());
        breaking(format!(
            "`{}` removed: no operation PATCHes the type any more",
            name.map_or("Update", |u| u.rust.as_str())
        ))
    }

    pub fn property_added(&self, new: &str, property: &str) -> Verdict {
        let Some(api) = self.new.types.get(new) else {
            return none("no Rust type");
        };
        let Some(field) = api.fields.get(property) else {
            return none("no Rust field");
        };
        let patch = api
            .update
            .as_ref()
            .and_then(|u| u.fields.get(property).map(|f| (u, f)))
            .map(|(u, f)| format!(", `{}` gains {}", u.rust, field_text(f)))
            .unwrap_or_default();
        additive(format!(
            "`{}` gains {}{patch}; {BUILD_WITH_DEFAULT}",
            api.rust,
            field_text(field)
        ))
    }

    pub fn property_removed(&self, old: &str, property: &str) -> Verdict {
        let Some(api) = self.old.types.get(old) else {
            return none("no Rust type");
        };
        match api.fields.get(property) {
            Some(field) => breaking(format!("`{}` loses {}", api.rust, field_text(field))),
            None => none("no Rust field"),
        }
    }

    /// A property whose type, collection, nullability, read-only or navigation flag changed:
    /// breaking when its field (or its `Patch` field) changes type or name, or leaves the update
    /// struct; additive when it joins the update struct; else nothing.
    pub fn property_changed(&self, old: &str, new: &str, property: &str) -> Verdict {
        let Some((o, n)) = self.types(old, new) else {
            return none("no Rust type");
        };
        let (Some(before), Some(after)) = (o.fields.get(property), n.fields.get(property)) else {
            return none("no Rust field");
        };
        if before != after {
            return breaking(format!(
                "`{}`: {} is now {}",
                n.rust,
                field_text(before),
                field_text(after)
            ));
        }
        let patch = |api: &TypeApi| {
            let update = api.update.as_ref()?;
            Some((update.rust.clone(), update.fields.get(property)?.clone()))
        };
        match (patch(o), patch(n)) {
            (Some((update, field)), None) => {
                breaking(format!("`{update}` loses {}", field_text(&field)))
            }
            (None, Some((update, field))) if o.update.is_some() => additive(format!(
                "`{update}` gains {}; {BUILD_WITH_DEFAULT}",
                field_text(&field)
            )),
            (Some((_, a)), Some((update, b))) if a != b => breaking(format!(
                "`{update}`: {} is now {}",
                field_text(&a),
                field_text(&b)
            )),
            _ => none(format!(
                "the same Rust field {} (every field is optional)",
                field_text(after)
            )),
        }
    }

    pub fn member_added(&self, new: &str, member: &str) -> Verdict {
        let Some(api) = self.new.types.get(new) else {
            return none("no Rust type");
        };
        let variant = api.variants.get(member).map_or(member, String::as_str);
        breaking(format!(
            "new variant `{0}::{variant}` of an exhaustive enum: a `match` without `_` stops \
             compiling, and `\"{member}\"`, until now `{0}::Other`, reads as `{0}::{variant}`",
            api.rust
        ))
    }

    pub fn member_removed(&self, old: &str, member: &str) -> Verdict {
        let Some(api) = self.old.types.get(old) else {
            return none("no Rust type");
        };
        let variant = api.variants.get(member).map_or(member, String::as_str);
        breaking(format!("variant `{}::{variant}` removed", api.rust))
    }

    pub fn member_changed(&self) -> Verdict {
        none("the integer values of members are not in the Rust API")
    }

    /// The Rust name or type of a field or variant changed while the docs did not (a name
    /// collision, a referenced type's new Rust name).
    pub fn rust_changed(&self, what: &str, before: &str, after: &str) -> Verdict {
        breaking(format!("{what} `{before}` is now `{after}`"))
    }
}

fn derives_list(ancestors: &[&String]) -> String {
    ancestors
        .iter()
        .map(|a| format!("`Derives<{a}>`"))
        .collect::<Vec<_>>()
        .join(", ")
}
