//! `Cargo.toml` of the generated crate: not Rust, so it is the one file built as text. Every
//! value in it is sanitised: the package name and the feature names are `[a-z0-9_-]` words.

use crate::version::Version;
use std::collections::BTreeSet;

/// Used when the requested package name has nothing usable in it.
const FALLBACK_NAME: &str = "graph-bindings";

/// A valid cargo package name: ASCII letters, digits, `-` and `_`, starting with a letter, whose
/// library name (`-` -> `_`) is not a Rust keyword.
pub fn package_name(requested: &str) -> String {
    let mut name: String = requested
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    name = name.trim_matches(|c| c == '-' || c == '_').to_string();
    if name.is_empty() {
        return FALLBACK_NAME.to_string();
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "x-");
    }
    if crate::naming::is_keyword(&name.replace('-', "_")) {
        name.push_str("-bindings");
    }
    name
}

/// The library's identifier, as the crate's tests refer to it.
pub fn lib_ident(package: &str) -> String {
    package.replace('-', "_")
}

/// The dependencies of every generated crate: name and specification.
const DEPENDENCIES: &[(&str, &str)] = &[
    ("http", "\"1\""),
    ("serde", "{ version = \"1\", features = [\"derive\"] }"),
    ("serde_json", "\"1\""),
];

/// The optional dependencies of the feature `client` (`runtime::client`), as the workspace's
/// `Cargo.toml` declares them too (a test keeps the two equal): reqwest over rustls (its
/// default provider, aws-lc-rs, built with the C compiler alone; no OpenSSL), with gzip;
/// tokio's timer for the waits between retries; futures' streams for paging.
const CLIENT_DEPENDENCIES: &[(&str, &str)] = &[
    (
        "futures-util",
        "{ version = \"0.3\", default-features = false, features = [\"std\"] }",
    ),
    (
        "reqwest",
        "{ version = \"0.13\", default-features = false, features = [\"gzip\", \"rustls\"] }",
    ),
    ("tokio", "{ version = \"1\", features = [\"time\"] }"),
];

/// The optional dependency of the feature `time` (the runtime's typed dates and times).
const TIME_DEPENDENCIES: &[(&str, &str)] = &[(
    "time",
    "{ version = \"0.3\", features = [\"parsing\", \"formatting\"] }",
)];

pub fn manifest(
    package: &str,
    version: &Version,
    features: &BTreeSet<String>,
    pages: &BTreeSet<String>,
) -> String {
    let mut out = crate::format::toml_header(pages);
    // A `Version` holds only what its grammar allows (digits, `[0-9A-Za-z-.]`): nothing to escape.
    out.push_str(&format!(
        "[package]\nname = \"{package}\"\nversion = \"{version}\"\nedition = \"2021\"\npublish = false\n"
    ));
    // Only what the code uses, sorted; the client's and `time` behind their features.
    let mut dependencies: Vec<(&str, String)> = DEPENDENCIES
        .iter()
        .map(|(name, spec)| (*name, spec.to_string()))
        .collect();
    for (name, spec) in CLIENT_DEPENDENCIES.iter().chain(TIME_DEPENDENCIES) {
        let optional = format!("{}, optional = true }}", spec.trim_end_matches(" }"));
        dependencies.push((name, optional));
    }
    dependencies.sort();
    out.push_str("\n[dependencies]\n");
    for (name, spec) in dependencies {
        out.push_str(&format!("{name} = {spec}\n"));
    }
    out.push_str("\n[features]\ndefault = [\"full\"]\n");
    // `dep:` keeps the optional dependencies from becoming features of their own names,
    // which a workload could have.
    let client: Vec<String> = CLIENT_DEPENDENCIES
        .iter()
        .map(|(name, _)| format!("\"dep:{name}\""))
        .collect();
    out.push_str("# An async HTTP client, `runtime::client` (not in `full`: opt in).\n");
    out.push_str(&format!("client = [{}]\n", client.join(", ")));
    let all: Vec<String> = features.iter().map(|f| format!("\"{f}\"")).collect();
    out.push_str(&format!("full = [{}]\n", all.join(", ")));
    for feature in features {
        out.push_str(&format!("{feature} = []\n"));
    }
    out.push_str("# Typed dates and times (`to_offset_date_time`, `to_date`, `to_time`) through the `time` crate.\ntime = [\"dep:time\"]\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_are_valid() {
        assert_eq!(package_name("graph-bindings"), "graph-bindings");
        assert_eq!(package_name("my crate!"), "my-crate");
        assert_eq!(package_name("9lives"), "x-9lives");
        assert_eq!(package_name("self"), "self-bindings");
        assert_eq!(package_name("\"\n[x]"), "x");
        assert_eq!(package_name(""), FALLBACK_NAME);
    }

    #[test]
    fn manifest_lists_features_sorted() {
        let features: BTreeSet<String> = ["b", "a"].iter().map(|s| s.to_string()).collect();
        let version = Version::parse("2.1.0-rc.1").expect("a version");
        let text = manifest("p", &version, &features, &BTreeSet::new());
        assert!(
            text.starts_with(
                "# @generated by docgen. Do not edit.\n[package]\nname = \"p\"\nversion = \"2.1.0-rc.1\"\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("full = [\"a\", \"b\"]\na = []\nb = []\n"),
            "{text}"
        );
    }

    #[test]
    fn the_client_time_and_their_dependencies_are_opt_in() {
        let version = Version::parse("0.1.0").expect("a version");
        let text = manifest("p", &version, &BTreeSet::new(), &BTreeSet::new());
        let dependencies = text
            .split_once("[dependencies]\n")
            .and_then(|(_, rest)| rest.split_once("\n\n"))
            .map(|(deps, _)| deps)
            .unwrap_or_default();
        let names: Vec<&str> = dependencies
            .lines()
            .filter_map(|line| line.split_once(" = ").map(|(name, _)| name))
            .collect();
        assert_eq!(
            names,
            [
                "futures-util",
                "http",
                "reqwest",
                "serde",
                "serde_json",
                "time",
                "tokio"
            ]
        );
        for line in dependencies.lines() {
            let client = ["futures-util", "reqwest", "time", "tokio"]
                .iter()
                .any(|name| line.starts_with(&format!("{name} = ")));
            assert_eq!(line.ends_with(", optional = true }"), client, "{line}");
        }
        assert!(
            text.contains(
                "client = [\"dep:futures-util\", \"dep:reqwest\", \"dep:tokio\"]\nfull = []\n"
            ),
            "{text}"
        );
    }

    /// docgen compiles the client's source in its own tests with the workspace's
    /// dependencies; they must be the ones a generated crate declares.
    #[test]
    fn the_workspace_builds_the_client_with_the_generated_crate_dependencies() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml");
        let workspace = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for (name, spec) in CLIENT_DEPENDENCIES {
            let line = format!("\n{name} = {spec}\n");
            assert!(workspace.contains(&line), "{path} has no line {line:?}");
        }
    }
}
