//! What each change to an operation does to the generated crate's users: its request struct
//! (fields, `Default`, path fields or path enum), its body struct and its response type. The
//! type-level rules are in [`super::classify`]; both are rows of the README's "Breaking or
//! additive" table.

use super::classify::{
    additive, breaking, field_text, none, Surfaces, Verdict, BUILD_WITH_DEFAULT, NAMES_IN_A_REASON,
};
use crate::emit::surface::{short_type, OperationApi, PathApi};

impl Surfaces<'_> {
    fn operations(&self, old: &str, new: &str) -> Option<(&OperationApi, &OperationApi)> {
        Some((self.old.operations.get(old)?, self.new.operations.get(new)?))
    }

    pub fn operation_added(&self, name: &str) -> Verdict {
        match self.new.operations.get(name) {
            Some(api) => additive(format!("new operation `{}`", api.rust)),
            None => none("no path: no request value is generated for it"),
        }
    }

    pub fn operation_removed(&self, name: &str) -> Verdict {
        match self.old.operations.get(name) {
            Some(api) => breaking(format!("`{}` removed", api.rust)),
            None => none("it had no path, so no request value"),
        }
    }

    pub fn operation_renamed(&self, old: &str, new: &str) -> Verdict {
        match (self.old.operations.get(old), self.new.operations.get(new)) {
            (Some(o), Some(n)) if o.rust == n.rust => none(format!("same Rust name `{}`", n.rust)),
            (Some(o), Some(n)) => breaking(format!("`{}` is now `{}`", o.rust, n.rust)),
            (None, Some(n)) => additive(format!(
                "new operation `{}` (the old one had no path)",
                n.rust
            )),
            (Some(o), None) => breaking(format!("`{}` removed (no path any more)", o.rust)),
            (None, None) => none("no path: no request value either way"),
        }
    }

    pub fn method_changed(&self, old: &str, new: &str) -> Verdict {
        breaking(format!(
            "the same request value now sends `{new}`, not `{old}`"
        ))
    }

    pub fn workload_changed(&self, old: &str, new: &str) -> Verdict {
        match self.operations(old, new) {
            Some((o, n)) if o.feature != n.feature => breaking(format!(
                "`{}` moves from cargo feature `{}` to `{}`: a build with only `{}` loses it",
                n.rust, o.feature, n.feature, o.feature
            )),
            _ => none("the same cargo feature"),
        }
    }

    /// A path added, removed or with renamed parameters: what the path fields or enum become.
    pub fn path(&self, old: &str, new: &str, what: &str) -> Verdict {
        let Some((o, n)) = self.operations(old, new) else {
            return none("no request value");
        };
        match (&o.path, &n.path) {
            (PathApi::Fields(a), PathApi::Fields(b)) if a == b => {
                breaking(format!("`{}` keeps its fields but sends another path ({what})", n.rust))
            }
            (PathApi::Fields(a), PathApi::Fields(b)) => breaking(format!(
                "`{}`'s path fields `{}` are now `{}`",
                n.rust,
                a.join(", "),
                b.join(", ")
            )),
            (PathApi::Fields(_), PathApi::Enum { rust, .. }) => breaking(format!(
                "`{}`'s path fields become `path: {rust}` (a path enum), and it no longer derives `Default`",
                n.rust
            )),
            (PathApi::Enum { .. }, PathApi::Fields(_)) => breaking(format!(
                "`{}`'s `path` enum becomes path fields",
                n.rust
            )),
            (PathApi::Enum { variants: a, .. }, PathApi::Enum { rust, variants: b }) => {
                let gone: Vec<&String> = a.keys().filter(|v| !b.contains_key(*v)).collect();
                let new_variants: Vec<&String> = b.keys().filter(|v| !a.contains_key(*v)).collect();
                let changed: Vec<&String> = b.iter().filter(|(v, f)| a.get(*v).is_some_and(|g| g != *f)).map(|(v, _)| v).collect();
                let list = |vs: &[&String]| {
                    let mut names: Vec<String> = vs.iter().take(NAMES_IN_A_REASON).map(|v| format!("`{rust}::{v}`")).collect();
                    if vs.len() > NAMES_IN_A_REASON {
                        names.push(format!("{} more", vs.len() - NAMES_IN_A_REASON));
                    }
                    names.join(", ")
                };
                let mut why = Vec::new();
                if !new_variants.is_empty() {
                    why.push(format!("new variants {} of an exhaustive enum", list(&new_variants)));
                }
                if !gone.is_empty() {
                    why.push(format!("variants {} removed", list(&gone)));
                }
                if !changed.is_empty() {
                    why.push(format!("the fields of {} change", list(&changed)));
                }
                if why.is_empty() {
                    why.push(format!("`{rust}` keeps its variants but one sends another path ({what})"));
                }
                breaking(why.join("; "))
            }
        }
    }

    /// A field added to an operation's struct: additive only when the struct derives
    /// `Default` before and after, else every struct literal must name it.
    fn operation_field_added(&self, old: &str, new: &str, field: &str) -> Verdict {
        let Some((o, n)) = self.operations(old, new) else {
            return none("no request value");
        };
        let ty = n
            .fields
            .get(field)
            .map(|t| short_type(t))
            .unwrap_or_default();
        if o.derives_default && n.derives_default {
            additive(format!(
                "`{}` gains `{field}: {ty}`; it derives `Default`",
                n.rust
            ))
        } else {
            breaking(format!(
                "`{}` gains `{field}: {ty}` and has no `Default`: every struct literal must name it",
                n.rust
            ))
        }
    }

    fn operation_field_removed(&self, old: &str, field: &str) -> Verdict {
        match self.old.operations.get(old) {
            Some(o) => breaking(format!("`{}` loses `{field}`", o.rust)),
            None => none("no request value"),
        }
    }

    fn operation_field_changed(&self, old: &str, new: &str, before: &str, after: &str) -> Verdict {
        let Some((o, n)) = self.operations(old, new) else {
            return none("no request value");
        };
        match (o.fields.get(before), n.fields.get(after)) {
            (Some(a), Some(b)) if a == b && before == after => {
                none(format!("the same Rust field `{after}: {}`", short_type(b)))
            }
            (Some(a), Some(b)) => breaking(format!(
                "`{}`: `{before}: {}` is now `{after}: {}`",
                n.rust,
                short_type(a),
                short_type(b)
            )),
            _ => none("no Rust field"),
        }
    }

    pub fn query_added(&self, old: &str, new: &str, query: &str) -> Verdict {
        match self
            .new
            .operations
            .get(new)
            .and_then(|n| n.query.get(query))
        {
            Some(field) => self.operation_field_added(old, new, &field.rust),
            None => none("no Rust field"),
        }
    }

    pub fn query_removed(&self, old: &str, query: &str) -> Verdict {
        match self
            .old
            .operations
            .get(old)
            .and_then(|o| o.query.get(query))
        {
            Some(field) => self.operation_field_removed(old, &field.rust),
            None => none("no Rust field"),
        }
    }

    pub fn query_changed(&self, old: &str, new: &str, query: &str) -> Verdict {
        let before = self
            .old
            .operations
            .get(old)
            .and_then(|o| o.query.get(query));
        let after = self
            .new
            .operations
            .get(new)
            .and_then(|n| n.query.get(query));
        match (before, after) {
            (Some(a), Some(b)) => self.operation_field_changed(old, new, &a.rust, &b.rust),
            _ => none("no Rust field"),
        }
    }

    pub fn header(&self) -> Verdict {
        none("request headers are not fields of the request value")
    }

    pub fn body_added(&self, old: &str, new: &str) -> Verdict {
        self.operation_field_added(old, new, crate::emit::surface::BODY_FIELD)
    }

    pub fn body_removed(&self, old: &str) -> Verdict {
        self.operation_field_removed(old, crate::emit::surface::BODY_FIELD)
    }

    pub fn body_changed(&self, old: &str, new: &str) -> Verdict {
        let body = crate::emit::surface::BODY_FIELD;
        self.operation_field_changed(old, new, body, body)
    }

    pub fn body_parameter_added(&self, new: &str, parameter: &str) -> Verdict {
        let body = self
            .new
            .operations
            .get(new)
            .and_then(|n| n.body_struct.as_ref());
        match body.and_then(|b| b.fields.get(parameter).map(|f| (b, f))) {
            Some((body, field)) => additive(format!(
                "`{}` gains {}; {BUILD_WITH_DEFAULT}",
                body.rust,
                field_text(field)
            )),
            None => none("no Rust field"),
        }
    }

    pub fn body_parameter_removed(&self, old: &str, parameter: &str) -> Verdict {
        let body = self
            .old
            .operations
            .get(old)
            .and_then(|o| o.body_struct.as_ref());
        match body.and_then(|b| b.fields.get(parameter).map(|f| (b, f))) {
            Some((body, field)) => breaking(format!("`{}` loses {}", body.rust, field_text(field))),
            None => none("no Rust field"),
        }
    }

    pub fn body_parameter_changed(&self, old: &str, new: &str, parameter: &str) -> Verdict {
        let field = |api: Option<&OperationApi>| {
            let body = api?.body_struct.as_ref()?;
            Some((body.rust.clone(), body.fields.get(parameter)?.clone()))
        };
        match (
            field(self.old.operations.get(old)),
            field(self.new.operations.get(new)),
        ) {
            (Some((_, a)), Some((_, b))) if a == b => {
                none(format!("the same Rust field {}", field_text(&b)))
            }
            (Some((_, a)), Some((body, b))) => breaking(format!(
                "`{body}`: {} is now {}",
                field_text(&a),
                field_text(&b)
            )),
            _ => none("no Rust field"),
        }
    }

    pub fn response_changed(&self, old: &str, new: &str) -> Verdict {
        match self.operations(old, new) {
            Some((o, n)) if o.response != n.response => breaking(format!(
                "`{}::parse_response` returns `{}`, not `{}`",
                n.rust,
                short_type(&n.response),
                short_type(&o.response)
            )),
            Some((_, n)) => none(format!(
                "`parse_response` still returns `{}`",
                short_type(&n.response)
            )),
            None => none("no request value"),
        }
    }
}
