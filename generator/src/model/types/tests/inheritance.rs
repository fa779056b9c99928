//! Bases, cycles, the depth limit, intune's flattened inherited rows, recursion.

use super::*;

#[test]
fn base_from_annotation_prose_and_conflicts() {
    let (index, d) = model(&[
        (
            "resources/a.md",
            resource(
                "a",
                ", \"baseType\": \"microsoft.graph.b\"",
                "Inherits from [c](c.md).",
                &["x|String|x"],
                &[],
            ),
        ),
        (
            "resources/b.md",
            resource("b", "", "", &["y|String|x"], &[]),
        ),
        (
            "resources/c.md",
            resource("c", "", "", &["z|String|x"], &[]),
        ),
        (
            "resources/d.md",
            resource(
                "d",
                "",
                "Derived from [nowhere](nowhere.md).",
                &["w|String|x"],
                &[],
            ),
        ),
    ]);
    assert_eq!(get(&index, "a").base(), Some("b"));
    assert_eq!(get(&index, "d").base(), None);
    assert_eq!(codes(&d), ["base-conflict", "base-unresolved"]);
    assert_eq!(d[0].related.len(), 1);
}

#[test]
fn inheritance_cycles_are_broken_deterministically() {
    let (index, d) = model(&[
        (
            "resources/a.md",
            resource("a", "", "Inherits from [b](b.md).", &["x|String|x"], &[]),
        ),
        (
            "resources/b.md",
            resource("b", "", "Inherits from [a](a.md).", &["y|String|x"], &[]),
        ),
        (
            "resources/s.md",
            resource("s", "", "Inherits from [s](s.md).", &["z|String|x"], &[]),
        ),
    ]);
    assert_eq!(get(&index, "a").base(), Some("b"));
    assert_eq!(get(&index, "b").base(), None);
    assert_eq!(get(&index, "s").base(), None);
    let cycles: Vec<_> = d.iter().filter(|d| d.code == "inheritance-cycle").collect();
    assert_eq!(cycles.len(), 2, "{d:#?}");
}

#[test]
fn a_chain_of_bases_deeper_than_the_limit_is_cut() {
    let depth = super::MAX_INHERITANCE_DEPTH;
    let count = 2 * depth + 5;
    let mut pages: Vec<(String, String)> = (0..count)
        .map(|i| {
            let prose = match i {
                0 => String::new(),
                _ => format!("Inherits from [t{}](t{}.md).", i - 1, i - 1),
            };
            let row = format!("p{i}|String|x");
            (
                format!("resources/t{i}.md"),
                resource(&format!("t{i}"), "", &prose, &[&row], &[]),
            )
        })
        .collect();
    let bases = |pages: &[(String, String)]| {
        let pages: Vec<(&str, String)> =
            pages.iter().map(|(p, m)| (p.as_str(), m.clone())).collect();
        let (index, d) = model(&pages);
        let too_deep = d
            .iter()
            .filter(|d| d.code == "inheritance-too-deep")
            .count();
        assert!(too_deep >= 2, "{d:#?}");
        assert!(d.iter().all(|d| d.code == "inheritance-too-deep"), "{d:#?}");
        let bases: Vec<Option<String>> = (0..count)
            .map(|i| get(&index, &format!("t{i}")).base().map(str::to_string))
            .collect();
        // No chain is deeper than the limit.
        for i in 0..count {
            let chain = get(&index, &format!("t{i}")).ancestors().len();
            assert!(chain <= depth, "t{i} has {chain} bases");
        }
        bases
    };
    let forward = bases(&pages);
    assert_eq!(
        forward[depth].as_deref(),
        Some(format!("t{}", depth - 1).as_str())
    );
    assert_eq!(forward[depth + 1], None, "the first cut");
    pages.reverse();
    assert_eq!(
        bases(&pages),
        forward,
        "the cut does not depend on page order"
    );
}

#[test]
fn flattened_inherited_rows_are_removed() {
    let base_link =
        "Inherited from [deviceConfiguration](../resources/intune-deviceconfiguration.md)";
    let (index, d) = model(&[
        (
            "resources/intune-deviceconfiguration.md",
            resource(
                "deviceConfiguration",
                ", \"keyProperty\": \"id\"",
                "",
                &["id|String|Key.", "version|Int32|v", "createdBy|Int32|c"],
                &[],
            ),
        ),
        (
            "resources/intune-android.md",
            resource(
                "androidConfig",
                "",
                "Inherits from [deviceConfiguration](../resources/intune-deviceconfiguration.md)",
                &[
                    &format!("id|String|Key. {base_link}"),
                    &format!("extra|String|Not on the base. {base_link}"),
                    "version|Int32|Repeated without a marker.",
                    "createdBy|String|Repeated with another type.",
                    "own|Boolean|x",
                ],
                &[],
            ),
        ),
    ]);
    let android = get(&index, "androidConfig");
    let names: Vec<_> = android
        .properties()
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["extra", "own"]);
    assert_eq!(
        (android.kind(), key(android)),
        (TypeKind::Entity, Some("id"))
    );
    assert_eq!(codes(&d), ["duplicate-row"]);
}

#[test]
fn recursion_direct_mutual_inherited_and_collections() {
    let (index, _) = model(&[
        (
            "resources/node.md",
            resource(
                "node",
                "",
                "",
                &[
                    "parent|[node](node.md)|x",
                    "children|[node](node.md) collection|x",
                ],
                &[],
            ),
        ),
        (
            "resources/a.md",
            resource("a", "", "", &["b|[b](b.md)|x", "n|[node](node.md)|x"], &[]),
        ),
        (
            "resources/b.md",
            resource("b", "", "", &["a|[a](a.md)|x"], &[]),
        ),
        (
            "resources/base.md",
            resource("base", "", "", &["holder|[holder](holder.md)|x"], &[]),
        ),
        (
            "resources/holder.md",
            resource("holder", "", "", &["item|[derived](derived.md)|x"], &[]),
        ),
        (
            "resources/derived.md",
            resource(
                "derived",
                "",
                "Inherits from [base](base.md).",
                &["z|String|x"],
                &[],
            ),
        ),
    ]);
    let node = get(&index, "node");
    assert!(prop(node, "parent").recursive && !prop(node, "children").recursive);
    assert!(prop(get(&index, "a"), "b").recursive && prop(get(&index, "b"), "a").recursive);
    assert!(!prop(get(&index, "a"), "n").recursive);
    // base.holder -> holder.item: derived, which copies base.holder: a cycle through inheritance.
    assert!(prop(get(&index, "base"), "holder").recursive);
}
