//! `docgen diff --old ../shared/corpus/v1.0-2021-01 --new ../shared/corpus/v1.0 --format json`
//! (issue 14): its counts of each kind of change are checked against a computation of their
//! own over the two `docgen ir` outputs, written here over `serde_json::Value` from the rules
//! the README states (matching by name, then the two rename rules), not with docgen's diff code.

mod support;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use support::{code, docgen, stderr, stdout};

fn json_of(args: &[&str]) -> Value {
    let output = docgen(&docgen_tests::workspace_root(), args);
    assert_eq!(code(&output), 0, "docgen {args:?}: {}", stderr(&output));
    serde_json::from_str(&stdout(&output)).expect("JSON output")
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

fn list(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

/// The first item of each name (docgen keeps the first of duplicates too).
fn by_name(items: &[Value]) -> BTreeMap<&str, &Value> {
    let mut map = BTreeMap::new();
    for item in items {
        map.entry(s(&item["name"])).or_insert(item);
    }
    map
}

/// `/users/{id}` -> `/users/{}`.
fn shape(path: &str) -> String {
    let mut out = String::new();
    for (i, part) in path.split('{').enumerate() {
        if i == 0 {
            out.push_str(part);
        } else {
            out.push_str("{}");
            out.push_str(part.split_once('}').map_or("", |(_, rest)| rest));
        }
    }
    out
}

fn paths(op: &Value) -> Vec<&str> {
    list(&op["paths"])
        .iter()
        .map(|p| s(&p["template"]))
        .collect()
}

/// A type's own property names, or member names for an enum, sorted and distinct.
fn own_names(t: &Value) -> Vec<&str> {
    let field = if s(&t["kind"]) == "enum" {
        "members"
    } else {
        "properties"
    };
    let names: BTreeSet<&str> = list(&t[field]).iter().map(|p| s(&p["name"])).collect();
    names.into_iter().collect()
}

/// Pairs of (removed, added) that share a key and are alone in it, on each side.
fn unique_by_key(
    removed: &[&Value],
    added: &[&Value],
    key: impl Fn(&Value) -> Option<String>,
) -> Vec<(String, String)> {
    let mut buckets: BTreeMap<String, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for r in removed {
        if let Some(k) = key(r) {
            buckets.entry(k).or_default().0.push(s(&r["name"]));
        }
    }
    for a in added {
        if let Some(k) = key(a) {
            buckets.entry(k).or_default().1.push(s(&a["name"]));
        }
    }
    buckets
        .into_values()
        .filter_map(|(r, a)| match (r.as_slice(), a.as_slice()) {
            ([r], [a]) => Some((r.to_string(), a.to_string())),
            _ => None,
        })
        .collect()
}

/// A rename rule: the (old name, new name) pairs it finds among the removed and added items.
type RenameRule<'r> = &'r dyn Fn(&[&Value], &[&Value]) -> Vec<(String, String)>;

/// (old name, new name) of every pair, and the numbers removed, added and renamed.
struct Pairs {
    pairs: Vec<(String, String)>,
    removed: usize,
    added: usize,
    renamed: usize,
}

fn pair_up(old: &[Value], new: &[Value], rules: &[RenameRule<'_>]) -> Pairs {
    let (old_names, new_names) = (by_name(old), by_name(new));
    let mut pairs: Vec<(String, String)> = old_names
        .keys()
        .filter(|n| new_names.contains_key(*n))
        .map(|n| (n.to_string(), n.to_string()))
        .collect();
    let mut removed: Vec<&Value> = old_names
        .iter()
        .filter(|(n, _)| !new_names.contains_key(*n))
        .map(|(_, v)| *v)
        .collect();
    let mut added: Vec<&Value> = new_names
        .iter()
        .filter(|(n, _)| !old_names.contains_key(*n))
        .map(|(_, v)| *v)
        .collect();
    let mut renamed = 0;
    for rule in rules {
        let found = rule(&removed, &added);
        renamed += found.len();
        removed.retain(|r| !found.iter().any(|(o, _)| o == s(&r["name"])));
        added.retain(|a| !found.iter().any(|(_, n)| n == s(&a["name"])));
        pairs.extend(found);
    }
    Pairs {
        pairs,
        removed: removed.len(),
        added: added.len(),
        renamed,
    }
}

fn type_pairs(old: &[Value], new: &[Value]) -> Pairs {
    let names = |t: &Value| {
        let names = own_names(t);
        (!names.is_empty()).then(|| format!("{}|{}", s(&t["kind"]) == "enum", names.join(",")))
    };
    let on_page = |r: &[&Value], a: &[&Value]| {
        unique_by_key(r, a, |t| {
            Some(format!("{}|{}", s(&t["source"]["file"]), names(t)?))
        })
    };
    let elsewhere = |r: &[&Value], a: &[&Value]| {
        unique_by_key(r, a, |t| {
            Some(format!("{}|{}", s(&t["namespace"]), names(t)?))
        })
    };
    pair_up(old, new, &[&on_page, &elsewhere])
}

fn operation_pairs(old: &[Value], new: &[Value]) -> Pairs {
    // Same page and method, sharing a path shape; each the other's only candidate.
    let on_page = |removed: &[&Value], added: &[&Value]| {
        let key = |op: &Value| format!("{}|{}", s(&op["source"]["file"]), s(&op["method"]));
        let shapes = |op: &Value| {
            paths(op)
                .into_iter()
                .map(shape)
                .collect::<BTreeSet<String>>()
        };
        let candidates: Vec<Vec<&str>> = removed
            .iter()
            .map(|r| {
                added
                    .iter()
                    .filter(|a| key(a) == key(r) && !shapes(a).is_disjoint(&shapes(r)))
                    .map(|a| s(&a["name"]))
                    .collect()
            })
            .collect();
        let mut claims: BTreeMap<&str, usize> = BTreeMap::new();
        for name in candidates.iter().flatten() {
            *claims.entry(name).or_default() += 1;
        }
        removed
            .iter()
            .zip(&candidates)
            .filter_map(|(r, c)| match c.as_slice() {
                [a] if claims[a] == 1 => Some((s(&r["name"]).to_string(), a.to_string())),
                _ => None,
            })
            .collect()
    };
    let elsewhere = |r: &[&Value], a: &[&Value]| {
        unique_by_key(r, a, |op| {
            let set: BTreeSet<&str> = paths(op).into_iter().collect();
            let set: Vec<&str> = set.into_iter().collect();
            (!set.is_empty()).then(|| format!("{}|{}", s(&op["method"]), set.join(" ")))
        })
    };
    pair_up(old, new, &[&on_page, &elsewhere])
}

/// Added, removed and changed between two lists of named items, `differs` telling a change.
fn named_changes(
    old: &[Value],
    new: &[Value],
    differs: impl Fn(&Value, &Value) -> bool,
) -> [usize; 3] {
    let (a, b) = (by_name(old), by_name(new));
    let added = b.keys().filter(|n| !a.contains_key(*n)).count();
    let removed = a.keys().filter(|n| !b.contains_key(*n)).count();
    let changed = a
        .iter()
        .filter(|(n, x)| b.get(*n).is_some_and(|y| differs(x, y)))
        .count();
    [added, removed, changed]
}

fn property_differs(x: &Value, y: &Value) -> bool {
    ["type", "nullable", "read_only", "navigation", "recursive"]
        .iter()
        .any(|k| x[*k] != y[*k])
}

fn count(counts: &mut BTreeMap<&'static str, usize>, kinds: [&'static str; 3], found: [usize; 3]) {
    for (kind, n) in kinds.into_iter().zip(found) {
        *counts.entry(kind).or_default() += n;
    }
}

fn expected_counts(old: &Value, new: &Value) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    let types = type_pairs(list(&old["types"]), list(&new["types"]));
    count(
        &mut counts,
        ["type_added", "type_removed", "type_renamed"],
        [types.added, types.removed, types.renamed],
    );
    let (old_types, new_types) = (by_name(list(&old["types"])), by_name(list(&new["types"])));
    for (o, n) in &types.pairs {
        let (a, b) = (old_types[o.as_str()], new_types[n.as_str()]);
        *counts.entry("type_kind_changed").or_default() += usize::from(a["kind"] != b["kind"]);
        let base = |t: &Value| list(&t["ancestors"]).first().cloned();
        *counts.entry("base_changed").or_default() += usize::from(base(a) != base(b));
        let props = named_changes(
            list(&a["properties"]),
            list(&b["properties"]),
            property_differs,
        );
        count(
            &mut counts,
            ["property_added", "property_removed", "property_changed"],
            props,
        );
        let members = named_changes(list(&a["members"]), list(&b["members"]), |x, y| {
            x["value"] != y["value"]
        });
        count(
            &mut counts,
            ["member_added", "member_removed", "member_changed"],
            members,
        );
    }

    let ops = operation_pairs(list(&old["operations"]), list(&new["operations"]));
    count(
        &mut counts,
        ["operation_added", "operation_removed", "operation_renamed"],
        [ops.added, ops.removed, ops.renamed],
    );
    let (old_ops, new_ops) = (
        by_name(list(&old["operations"])),
        by_name(list(&new["operations"])),
    );
    for (o, n) in &ops.pairs {
        let (a, b) = (old_ops[o.as_str()], new_ops[n.as_str()]);
        *counts.entry("method_changed").or_default() += usize::from(a["method"] != b["method"]);
        *counts.entry("workload_changed").or_default() +=
            usize::from(a["workload"] != b["workload"]);
        // Paths: the ones only on one side; as many of them changed per shape as both sides
        // have of it, the rest added or removed.
        let (pa, pb) = (paths(a), paths(b));
        let gone: Vec<&str> = pa.iter().copied().filter(|p| !pb.contains(p)).collect();
        let new_paths: Vec<&str> = pb.iter().copied().filter(|p| !pa.contains(p)).collect();
        let mut shapes: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for p in &gone {
            shapes.entry(shape(p)).or_default().0 += 1;
        }
        for p in &new_paths {
            shapes.entry(shape(p)).or_default().1 += 1;
        }
        let changed: usize = shapes.values().map(|(x, y)| (*x).min(*y)).sum();
        count(
            &mut counts,
            ["path_added", "path_removed", "path_changed"],
            [new_paths.len() - changed, gone.len() - changed, changed],
        );
        let query = named_changes(list(&a["query"]), list(&b["query"]), |x, y| {
            x["type"] != y["type"] || x["required"] != y["required"]
        });
        count(
            &mut counts,
            ["query_added", "query_removed", "query_changed"],
            query,
        );
        let headers = |op: &Value| {
            list(&op["headers"])
                .iter()
                .map(|h| s(&h["name"]).to_ascii_lowercase())
                .collect::<BTreeSet<_>>()
        };
        let (ha, hb) = (headers(a), headers(b));
        count(
            &mut counts,
            ["header_added", "header_removed", "header_changed"],
            [hb.difference(&ha).count(), ha.difference(&hb).count(), 0],
        );
        let (ba, bb) = (&a["request_body"], &b["request_body"]);
        let body = [
            usize::from(ba.is_null() && !bb.is_null()),
            usize::from(!ba.is_null() && bb.is_null()),
            usize::from(!ba.is_null() && !bb.is_null() && ba["type"] != bb["type"]),
        ];
        count(
            &mut counts,
            ["body_added", "body_removed", "body_changed"],
            body,
        );
        if !ba.is_null() && !bb.is_null() {
            let params = named_changes(
                list(&ba["parameters"]),
                list(&bb["parameters"]),
                property_differs,
            );
            count(
                &mut counts,
                [
                    "body_parameter_added",
                    "body_parameter_removed",
                    "body_parameter_changed",
                ],
                params,
            );
        }
        let response = |op: &Value| {
            let r = &op["response"];
            (!r.is_null()).then(|| (r["status"].clone(), r["type"].clone()))
        };
        *counts.entry("response_changed").or_default() += usize::from(response(a) != response(b));
    }
    counts.remove("header_changed");
    counts
}

#[test]
fn the_real_half_year_report_counts_what_an_independent_computation_counts() {
    let (Some(old_dir), Some(new_dir)) = (
        docgen::testing::shared_path("corpus/v1.0-2021-01"),
        docgen::testing::shared_path("corpus/v1.0"),
    ) else {
        return;
    };
    let (old_dir, new_dir) = (old_dir.to_string_lossy(), new_dir.to_string_lossy());
    let report = json_of(&[
        "diff", "--old", &old_dir, "--new", &new_dir, "--format", "json",
    ]);
    let old = json_of(&["ir", "--input", &old_dir]);
    let new = json_of(&["ir", "--input", &new_dir]);
    let expected = expected_counts(&old, &new);
    let reported = &report["summary"]["counts"];
    let mismatches: Vec<String> = expected
        .iter()
        .filter(|(kind, n)| reported[**kind].as_u64() != Some(**n as u64))
        .map(|(kind, n)| format!("{kind}: computed {n}, reported {}", reported[*kind]))
        .collect();
    assert!(
        mismatches.is_empty(),
        "counts differ:\n{}",
        mismatches.join("\n")
    );
    // The real change is large: the counts are not a trivial agreement on zero.
    for kind in [
        "type_added",
        "operation_added",
        "property_added",
        "operation_renamed",
        "type_renamed",
    ] {
        assert!(expected[kind] > 0, "{kind} is 0");
    }
    assert_eq!(
        report["old"]["types"],
        old["types"].as_array().map_or(0, Vec::len)
    );
    assert_eq!(
        report["new"]["operations"],
        new["operations"].as_array().map_or(0, Vec::len)
    );
    // Every change is counted once, by impact as by kind.
    let changes = report["changes"].as_array().expect("changes").len() as u64;
    let summary = &report["summary"];
    let by_impact: u64 = ["breaking", "additive", "none"]
        .iter()
        .filter_map(|k| summary[*k].as_u64())
        .sum();
    assert_eq!(by_impact, changes);
    assert_eq!(summary["bump"], "major");
}

/// `1594` -> `1,594`, as the Markdown writes counts.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn the_real_markdown_report_fits_a_pull_request_comment_and_says_what_it_cut() {
    let (Some(old_dir), Some(new_dir)) = (
        docgen::testing::shared_path("corpus/v1.0-2021-01"),
        docgen::testing::shared_path("corpus/v1.0"),
    ) else {
        return;
    };
    let (old_dir, new_dir) = (old_dir.to_string_lossy(), new_dir.to_string_lossy());
    let json = json_of(&[
        "diff", "--old", &old_dir, "--new", &new_dir, "--format", "json",
    ]);
    let output = docgen(
        &docgen_tests::workspace_root(),
        &["diff", "--old", &old_dir, "--new", &new_dir],
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let markdown = stdout(&output);
    // GitHub keeps 65,536 characters of a comment; the report stays under 60,000 bytes.
    assert!(markdown.len() <= 60_000, "{} bytes", markdown.len());
    let summary = &json["summary"];
    let count = |key: &str| thousands(summary[key].as_u64().expect("a count"));
    let first = markdown.lines().next().unwrap_or_default();
    assert_eq!(
        first,
        format!(
            "### API changes: {} breaking, {} additive, {} without effect on the Rust API; \
             suggested bump: **{}**",
            count("breaking"),
            count("additive"),
            count("none"),
            s(&summary["bump"])
        )
    );
    // Cut, but every workload keeps its heading, and the last line says what was cut.
    for workload in list(&summary["workloads"]) {
        let heading = match s(&workload["workload"]) {
            "" => "\n#### (no workload):".to_string(),
            name => format!("\n#### `{name}`:"),
        };
        assert!(markdown.contains(&heading), "no {heading}");
    }
    let last = markdown.trim_end().lines().last().unwrap_or_default();
    assert!(
        last.starts_with("_Cut to 60,000 bytes for a pull-request comment: ")
            && last.ends_with("`docgen diff --format json` has every change._"),
        "{last}"
    );
    assert!(markdown.contains("<details><summary>"));
}
