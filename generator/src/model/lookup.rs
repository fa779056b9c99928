//! Type names as api pages write them (`#microsoft.graph.user`, `Collection(microsoft.graph.x)`,
//! a link's text, a Type cell) resolved against the model's types.

use super::types::TypeIndex;
use crate::facts::typeref::{parse_type_text, TypeSpec, TypeSpecKind};
use crate::ir::{TypeDef, TypeRef, TypeRefKind};

/// Finds a structured or enum type by any spelling (case, `#`, `microsoft.graph.`, `Collection()`).
pub fn find_type<'a>(types: &'a TypeIndex, written: &str) -> Option<&'a TypeDef> {
    let (inner, _) = strip_collection(written);
    let (name, _) = types.resolve(inner)?;
    types.get(name)
}

/// `#microsoft.graph.callRecords.session` -> `callRecords.session`; `Collection(x)` -> `x`.
pub fn bare_name(written: &str) -> String {
    let (inner, _) = strip_collection(written);
    let inner = inner.trim().trim_start_matches('#');
    let inner = inner
        .strip_prefix("microsoft.graph.")
        .or_else(|| inner.strip_prefix("Microsoft.Graph."))
        .unwrap_or(inner);
    inner.to_string()
}

/// `Collection(x)` (any case) -> (`x`, true).
pub fn strip_collection(written: &str) -> (&str, bool) {
    let text = written.trim().trim_start_matches('#');
    match text.get(..11) {
        Some(head) if head.eq_ignore_ascii_case("collection(") => (
            text.get(11..)
                .unwrap_or_default()
                .trim_end()
                .trim_end_matches(')'),
            true,
        ),
        _ => (text, false),
    }
}

/// Resolves a type written as text (annotation `@odata.type`, prose link text); `link` is the
/// prose link's target, used when the name alone does not resolve.
pub fn resolve_text(types: &TypeIndex, written: &str, link: Option<&str>, page: &str) -> TypeRef {
    let (_, collection) = strip_collection(written);
    if let Some(def) = find_type(types, written) {
        return TypeRef {
            name: def.name.clone(),
            kind: TypeRefKind::from(def.kind()),
            collection,
        };
    }
    let mut spec = parse_type_text(&bare_name(written));
    if spec.kind == TypeSpecKind::Named && link.is_some() {
        spec.link = link.map(str::to_string);
    }
    let mut resolved = resolve_spec(types, &spec, page);
    resolved.collection |= collection;
    resolved
}

/// Resolves a Type cell read by the typeref grammar on page `page` (links by their target too).
pub fn resolve_spec(types: &TypeIndex, spec: &TypeSpec, page: &str) -> TypeRef {
    types.resolve_spec(spec, page)
}

/// The type and its base types (the model's ancestors), nearest first.
pub fn ancestry<'a>(types: &'a TypeIndex, def: &'a TypeDef) -> Vec<&'a TypeDef> {
    std::iter::once(def)
        .chain(def.ancestors().iter().map_while(|name| types.get(name)))
        .collect()
}

/// Whether `derived` is `base` or inherits from it.
pub fn is_same_or_derived(types: &TypeIndex, derived: &str, base: &str) -> bool {
    match find_type(types, derived) {
        Some(def) => ancestry(types, def)
            .iter()
            .any(|t| t.name.eq_ignore_ascii_case(base)),
        None => derived.eq_ignore_ascii_case(base),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::diag::Span;
    use crate::ir::text::Description;
    use crate::ir::{EnumBody, Property, StructBody, TypeBody, TypeKind};

    /// A type; `base` is its direct base only: [`linked`] resolves the chains.
    pub fn def(
        name: &str,
        kind: TypeKind,
        base: Option<&str>,
        properties: Vec<Property>,
    ) -> TypeDef {
        let structure = StructBody {
            ancestors: base.map(str::to_string).into_iter().collect(),
            properties,
            ..StructBody::default()
        };
        TypeDef {
            name: name.to_string(),
            namespace: "microsoft.graph".to_string(),
            description: Description::default(),
            workload: String::new(),
            source: Span::new(format!("resources/{}.md", name.to_lowercase()), 1, 1),
            body: match kind {
                TypeKind::Entity => TypeBody::Entity(structure),
                TypeKind::Complex => TypeBody::Complex(structure),
                TypeKind::Enum => TypeBody::Enum(EnumBody::default()),
            },
        }
    }

    /// An index over types made by [`def`], their ancestors and derived lists resolved from
    /// their bases by the model.
    pub fn linked(mut types: Vec<TypeDef>) -> TypeIndex {
        let bases: Vec<(String, String)> = types
            .iter()
            .filter_map(|t| Some((t.name.clone(), t.base()?.to_string())))
            .collect();
        let base_of = |name: &str| {
            bases
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, b)| b.as_str())
        };
        crate::model::types::complete(&mut types, base_of, &mut Vec::new());
        TypeIndex::from_types(types)
    }

    /// `entity`, the base of entities, with its `id`.
    pub fn entity_base() -> TypeDef {
        def(
            "entity",
            TypeKind::Entity,
            None,
            vec![prop("id", "String", TypeRefKind::Primitive, false)],
        )
    }

    pub fn prop(name: &str, type_name: &str, kind: TypeRefKind, collection: bool) -> Property {
        Property {
            name: name.to_string(),
            type_ref: TypeRef {
                name: type_name.to_string(),
                kind,
                collection,
            },
            nullable: true,
            read_only: false,
            navigation: false,
            recursive: false,
            description: Description::default(),
            possible_values: Vec::new(),
            source: Span::new("resources/x.md", 20, 1),
        }
    }

    fn index() -> TypeIndex {
        linked(vec![
            def("entity", TypeKind::Entity, None, vec![]),
            def("attachment", TypeKind::Entity, Some("entity"), vec![]),
            def(
                "fileAttachment",
                TypeKind::Entity,
                Some("attachment"),
                vec![],
            ),
            def("callRecords.session", TypeKind::Entity, None, vec![]),
        ])
    }

    #[test]
    fn spellings_resolve() {
        let types = index();
        let r = resolve_text(&types, "#microsoft.graph.fileAttachment", None, "api/x.md");
        assert_eq!(
            (r.name.as_str(), r.kind, r.collection),
            ("fileAttachment", TypeRefKind::Entity, false)
        );
        let r = resolve_text(
            &types,
            "Collection(microsoft.graph.Attachment)",
            None,
            "api/x.md",
        );
        assert_eq!((r.name.as_str(), r.collection), ("attachment", true));
        assert_eq!(
            resolve_text(
                &types,
                "microsoft.graph.callRecords.session",
                None,
                "api/x.md"
            )
            .name,
            "callRecords.session"
        );
        assert_eq!(
            resolve_text(&types, "String", None, "api/x.md").kind,
            TypeRefKind::Primitive
        );
        assert_eq!(
            resolve_text(&types, "nothing", None, "api/x.md").kind,
            TypeRefKind::Unresolved
        );
    }

    #[test]
    fn inheritance_walk() {
        let types = index();
        assert!(is_same_or_derived(&types, "fileAttachment", "entity"));
        assert!(!is_same_or_derived(&types, "attachment", "fileAttachment"));
    }
}
