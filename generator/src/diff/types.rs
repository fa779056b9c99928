//! The changes of types: added, removed and renamed ones, and for each pair its kind, base,
//! update struct, properties (type, collection, nullability, read-only, relationship, boxing)
//! and enum members. What each does to the Rust API is [`super::classify`]'s.

use super::classify::{Surfaces, Verdict};
use super::matching::{Matched, Pair};
use super::report::{added_and_removed, Change, ChangeKind, On, Subject, Verdicts};
use crate::ir::{EnumMember, Property, TypeDef, TypeKind, TypeRef, TypeRefKind};
use std::collections::BTreeMap;

pub fn compare(matched: &Matched<'_, TypeDef>, surfaces: &Surfaces<'_>, out: &mut Vec<Change>) {
    out.extend(added_and_removed(
        matched,
        subject,
        summary,
        [ChangeKind::TypeAdded, ChangeKind::TypeRemoved],
        Verdicts {
            added: |name: &str| surfaces.type_added(name),
            removed: |name: &str| surfaces.type_removed(name),
        },
    ));
    for pair in &matched.pairs {
        compare_pair(pair, surfaces, out);
    }
}

fn subject(def: &TypeDef) -> Subject<'_> {
    Subject {
        on: On::Type,
        workload: &def.workload,
        name: &def.name,
    }
}

/// A change on the type `def` (the new one of a pair).
fn change(
    def: &TypeDef,
    kind: ChangeKind,
    item: Option<&str>,
    old: Option<String>,
    new: Option<String>,
    verdict: Verdict,
) -> Change {
    subject(def).change(kind, item, old, new, verdict)
}

/// `entity, 12 properties`, `enum, 3 members`.
fn summary(def: &TypeDef) -> String {
    match def.kind() {
        TypeKind::Enum => format!("enum, {} members", def.members().len()),
        kind => format!("{}, {} properties", kind_text(kind), def.properties().len()),
    }
}

fn kind_text(kind: TypeKind) -> &'static str {
    match kind {
        TypeKind::Entity => "entity",
        TypeKind::Complex => "complex",
        TypeKind::Enum => "enum",
    }
}

/// A type reference as the docs would write it: `Collection(user)`, `String`; a name no page
/// defines says so.
pub fn type_text(t: &TypeRef) -> String {
    let name = match t.kind {
        TypeRefKind::Unresolved => format!("{} (undefined)", t.name),
        _ => t.name.clone(),
    };
    if t.collection {
        format!("Collection({name})")
    } else {
        name
    }
}

/// A property's compared facts: `Collection(String), nullable, read-only`.
pub fn property_text(p: &Property) -> String {
    let flags = [
        (p.nullable, "nullable"),
        (p.read_only, "read-only"),
        (p.navigation, "relationship"),
        (p.recursive, "boxed"),
    ];
    let mut text = type_text(&p.type_ref);
    for (set, word) in flags {
        if set {
            text.push_str(", ");
            text.push_str(word);
        }
    }
    text
}

/// Whether two declarations of a property differ in what is compared (not the description).
pub fn property_differs(a: &Property, b: &Property) -> bool {
    a.type_ref != b.type_ref
        || a.nullable != b.nullable
        || a.read_only != b.read_only
        || a.navigation != b.navigation
        || a.recursive != b.recursive
}

/// By name, the first declaration of each (the emitter keeps the first of duplicates too).
pub fn first_by_name<T>(items: &[T], name: impl Fn(&T) -> &str) -> BTreeMap<&str, &T> {
    let mut map = BTreeMap::new();
    for item in items {
        map.entry(name(item)).or_insert(item);
    }
    map
}

fn compare_pair(pair: &Pair<'_, TypeDef>, surfaces: &Surfaces<'_>, out: &mut Vec<Change>) {
    let (old, new) = (pair.old, pair.new);
    let at = |kind, item: Option<&str>, before, after, verdict| {
        change(new, kind, item, before, after, verdict)
    };
    let old_api = surfaces.old.types.get(&old.name);
    let new_api = surfaces.new.types.get(&new.name);
    if pair.pairing.is_rename() {
        let (impact, why) = surfaces.type_renamed(&old.name, &new.name);
        let why = format!("{why} (rename: {})", pair.pairing.evidence());
        let names = (Some(old.name.clone()), Some(new.name.clone()));
        out.push(at(
            ChangeKind::TypeRenamed,
            None,
            names.0,
            names.1,
            (impact, why),
        ));
    } else if let (Some(a), Some(b)) = (old_api, new_api) {
        if a.rust != b.rust {
            let verdict = surfaces.rust_changed("type", &a.rust, &b.rust);
            out.push(at(
                ChangeKind::RustChanged,
                None,
                Some(a.rust.clone()),
                Some(b.rust.clone()),
                verdict,
            ));
        }
    }
    if old.kind() != new.kind() {
        let verdict = surfaces.type_kind_changed(&old.name, &new.name);
        let kinds = (
            kind_text(old.kind()).to_string(),
            kind_text(new.kind()).to_string(),
        );
        out.push(at(
            ChangeKind::TypeKindChanged,
            None,
            Some(kinds.0),
            Some(kinds.1),
            verdict,
        ));
    }
    let removed = compare_properties(pair, surfaces, out);
    if old.base() != new.base() {
        let verdict = surfaces.base_changed(&old.name, &new.name, &removed);
        let bases = (
            old.base().map(str::to_string),
            new.base().map(str::to_string),
        );
        out.push(at(ChangeKind::BaseChanged, None, bases.0, bases.1, verdict));
    }
    compare_members(pair, surfaces, out);
    let updates = (
        old_api.and_then(|a| a.update.as_ref()),
        new_api.and_then(|b| b.update.as_ref()),
    );
    match updates {
        (None, Some(update)) => {
            let verdict = surfaces.update_added(&new.name);
            out.push(at(
                ChangeKind::UpdateAdded,
                None,
                None,
                Some(update.rust.clone()),
                verdict,
            ));
        }
        (Some(update), None) => {
            let verdict = surfaces.update_removed(&old.name);
            out.push(at(
                ChangeKind::UpdateRemoved,
                None,
                Some(update.rust.clone()),
                None,
                verdict,
            ));
        }
        _ => {}
    }
}

/// Own properties added, removed and changed; returns the names of the removed ones.
fn compare_properties<'m>(
    pair: &Pair<'m, TypeDef>,
    surfaces: &Surfaces<'_>,
    out: &mut Vec<Change>,
) -> Vec<&'m str> {
    let (old, new) = (pair.old, pair.new);
    let before = first_by_name(old.properties(), |p| p.name.as_str());
    let after = first_by_name(new.properties(), |p| p.name.as_str());
    let mut removed = Vec::new();
    for (name, p) in &before {
        if !after.contains_key(name) {
            removed.push(*name);
            let verdict = surfaces.property_removed(&old.name, name);
            out.push(change(
                new,
                ChangeKind::PropertyRemoved,
                Some(name),
                Some(property_text(p)),
                None,
                verdict,
            ));
        }
    }
    for (name, b) in &after {
        let Some(a) = before.get(name) else {
            let verdict = surfaces.property_added(&new.name, name);
            out.push(change(
                new,
                ChangeKind::PropertyAdded,
                Some(name),
                None,
                Some(property_text(b)),
                verdict,
            ));
            continue;
        };
        if property_differs(a, b) {
            let verdict = surfaces.property_changed(&old.name, &new.name, name);
            let texts = (Some(property_text(a)), Some(property_text(b)));
            out.push(change(
                new,
                ChangeKind::PropertyChanged,
                Some(name),
                texts.0,
                texts.1,
                verdict,
            ));
            continue;
        }
        // The docs did not change the property; its Rust field still may (a collision, a
        // referenced type's new Rust name).
        let field = |api: Option<&crate::emit::surface::TypeApi>| api?.fields.get(*name).cloned();
        let (fa, fb) = (
            field(surfaces.old.types.get(&old.name)),
            field(surfaces.new.types.get(&new.name)),
        );
        if let (Some(fa), Some(fb)) = (fa, fb) {
            if fa != fb {
                let (x, y) = (
                    format!("{}: {}", fa.rust, fa.ty),
                    format!("{}: {}", fb.rust, fb.ty),
                );
                let verdict = surfaces.rust_changed(
                    "field",
                    &crate::emit::surface::short_type(&x),
                    &crate::emit::surface::short_type(&y),
                );
                out.push(change(
                    new,
                    ChangeKind::RustChanged,
                    Some(name),
                    Some(x),
                    Some(y),
                    verdict,
                ));
            }
        }
    }
    removed
}

fn member_text(m: &EnumMember) -> String {
    m.value
        .map_or_else(|| "no value".to_string(), |v| v.to_string())
}

fn compare_members(pair: &Pair<'_, TypeDef>, surfaces: &Surfaces<'_>, out: &mut Vec<Change>) {
    let (old, new) = (pair.old, pair.new);
    let before = first_by_name(old.members(), |m| m.name.as_str());
    let after = first_by_name(new.members(), |m| m.name.as_str());
    for (name, m) in &before {
        if !after.contains_key(name) {
            let verdict = surfaces.member_removed(&old.name, name);
            out.push(change(
                new,
                ChangeKind::MemberRemoved,
                Some(name),
                Some(member_text(m)),
                None,
                verdict,
            ));
        }
    }
    for (name, b) in &after {
        match before.get(name) {
            None => {
                let verdict = surfaces.member_added(&new.name, name);
                out.push(change(
                    new,
                    ChangeKind::MemberAdded,
                    Some(name),
                    None,
                    Some(member_text(b)),
                    verdict,
                ));
            }
            Some(a) if a.value != b.value => {
                let texts = (Some(member_text(a)), Some(member_text(b)));
                out.push(change(
                    new,
                    ChangeKind::MemberChanged,
                    Some(name),
                    texts.0,
                    texts.1,
                    surfaces.member_changed(),
                ));
            }
            Some(_) => {
                let variant =
                    |api: Option<&crate::emit::surface::TypeApi>| api?.variants.get(*name).cloned();
                let (va, vb) = (
                    variant(surfaces.old.types.get(&old.name)),
                    variant(surfaces.new.types.get(&new.name)),
                );
                if let (Some(va), Some(vb)) = (va, vb) {
                    if va != vb {
                        let verdict = surfaces.rust_changed("variant", &va, &vb);
                        out.push(change(
                            new,
                            ChangeKind::RustChanged,
                            Some(name),
                            Some(va),
                            Some(vb),
                            verdict,
                        ));
                    }
                }
            }
        }
    }
}
