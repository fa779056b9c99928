//! Stages 1-3 (types only) over the real v1.0 pages in `../shared/corpus/v1.0`. Skipped when
//! `../shared` is absent, unless `DOCGEN_REQUIRE_SHARED=1`. Prints counts by kind and the most
//! frequent diagnostic codes of the facts and type stages.

use super::{resolve_types, TypeIndex};
use crate::diag::Diagnostic;
use crate::facts::enums::EnumOrigin;
use crate::facts::page::H1Form;
use crate::facts::PageFacts;
use crate::ir::{TypeKind, TypeRefKind};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn corpus_dir() -> Option<PathBuf> {
    crate::testing::shared_path("corpus/v1.0")
}

fn read_corpus(dir: &Path) -> (Vec<PageFacts>, TypeIndex, Vec<Diagnostic>) {
    let read = crate::pages::source::read_input(dir);
    assert!(read.is_ok(), "{} could not be listed", dir.display());
    let (files, _) = read.unwrap_or_default();
    let mut facts = Vec::with_capacity(files.len());
    let mut diagnostics = Vec::new();
    for file in &files {
        let (page, _) = crate::pages::parse_page(file);
        let (page_facts, fact_diags) = crate::facts::extract(&page);
        diagnostics.extend(fact_diags);
        facts.push(page_facts);
    }
    facts.sort_by(|a, b| a.page.path.cmp(&b.page.path));
    let index = resolve_types(&facts, &mut diagnostics);
    (facts, index, diagnostics)
}

fn report(index: &TypeIndex, diagnostics: &[Diagnostic]) {
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for t in index.types() {
        *kinds.entry(format!("{:?}", t.kind())).or_default() += 1;
    }
    let properties: usize = index.types().iter().map(|t| t.properties().len()).sum();
    println!(
        "types: {} {kinds:?}; properties: {properties}",
        index.types().len()
    );
    let mut ref_kinds: BTreeMap<String, usize> = BTreeMap::new();
    for p in index.types().iter().flat_map(|t| t.properties()) {
        *ref_kinds
            .entry(format!("{:?}", p.type_ref.kind))
            .or_default() += 1;
    }
    println!("property type kinds: {ref_kinds:?}");
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    for d in diagnostics {
        *codes.entry(d.code.as_str()).or_default() += 1;
    }
    let mut top: Vec<_> = codes.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("diagnostics (facts + types): {}", diagnostics.len());
    for (code, count) in top.iter().take(20) {
        println!("  {count:6} {code}");
    }
    // DOCGEN_DUMP=code prints every diagnostic of that code (for investigating the corpus).
    if let Ok(code) = std::env::var("DOCGEN_DUMP") {
        for d in diagnostics.iter().filter(|d| d.code.as_str() == code) {
            println!("{d}");
        }
    }
}

#[test]
fn v1_corpus_types() {
    let Some(dir) = corpus_dir() else { return };
    let (facts, index, diagnostics) = read_corpus(&dir);
    report(&index, &diagnostics);
    assert!(
        index.types().len() > 1000,
        "only {} types",
        index.types().len()
    );

    // Every `X enum type` page gives an enum with members.
    for page in facts.iter().filter(|f| f.page.h1_form == H1Form::EnumType) {
        let name = page.page.h1_name.clone().unwrap_or_default();
        let def = index.resolve(&name).and_then(|(n, _)| index.get(n));
        assert!(
            def.is_some_and(|d| d.kind() == TypeKind::Enum && !d.members().is_empty()),
            "{}: no enum `{name}` with members",
            page.page.path
        );
    }
    // The enums of the multi-enum pages exist.
    let multi: BTreeSet<String> = facts
        .iter()
        .flat_map(|f| &f.enums)
        .filter(|e| e.origin == EnumOrigin::MultiPage)
        .map(|e| super::registry::model_name(&e.namespace, &e.name))
        .collect();
    assert!(
        multi.len() > 100,
        "only {} enums on multi-enum pages",
        multi.len()
    );
    for name in &multi {
        let def = index.resolve(name).and_then(|(n, _)| index.get(n));
        assert!(
            def.is_some_and(|d| d.kind() == TypeKind::Enum),
            "enum `{name}` missing"
        );
    }
    // Property names are unique within a type.
    for t in index.types() {
        let mut seen = BTreeSet::new();
        for p in t.properties() {
            assert!(
                seen.insert(p.name.to_lowercase()),
                "`{}` has `{}` twice",
                t.name,
                p.name
            );
        }
    }
    // Spot checks.
    let user = index.get("user").expect("user");
    assert_eq!(user.kind(), TypeKind::Entity);
    assert_eq!(user.base(), Some("directoryObject"));
    let display_name = user.properties().iter().find(|p| p.name == "displayName");
    assert_eq!(
        display_name.map(|p| (p.type_ref.name.as_str(), p.type_ref.kind)),
        Some(("String", TypeRefKind::Primitive))
    );
    let manager = user
        .properties()
        .iter()
        .find(|p| p.name == "manager")
        .expect("manager");
    assert!(manager.navigation && manager.type_ref.name == "directoryObject");
    let identity_set = index.get("identitySet").expect("identitySet");
    assert_eq!(identity_set.kind(), TypeKind::Complex);
    let identity_props: Vec<(&str, &str)> = identity_set
        .properties()
        .iter()
        .map(|p| (p.name.as_str(), p.type_ref.name.as_str()))
        .collect();
    for expected in [
        ("application", "identity"),
        ("device", "identity"),
        ("user", "identity"),
    ] {
        assert!(
            identity_props.contains(&expected),
            "identitySet: {identity_props:?}"
        );
    }
    let publishing = index
        .get("mobileAppPublishingState")
        .expect("mobileAppPublishingState");
    let members: Vec<(&str, Option<i64>)> = publishing
        .members()
        .iter()
        .map(|m| (m.name.as_str(), m.value))
        .collect();
    assert_eq!(
        members,
        [
            ("notPublished", Some(0)),
            ("processing", Some(1)),
            ("published", Some(2))
        ]
    );
    let session = index
        .get("callRecords.session")
        .expect("callRecords.session");
    assert!(session
        .properties()
        .iter()
        .any(|p| p.type_ref.name == "callRecords.endpoint"));
    // Intune's flattened rows are gone: the derived type does not repeat its base's `id`.
    let android = index
        .get("androidGeneralDeviceConfiguration")
        .expect("android config");
    assert_eq!(android.base(), Some("deviceConfiguration"));
    assert!(android
        .properties()
        .iter()
        .all(|p| p.name != "id" && p.name != "displayName"));
    assert_eq!(android.kind(), TypeKind::Entity);
}
