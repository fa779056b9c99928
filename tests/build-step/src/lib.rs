//! docgen as a build step: `build.rs` generates Graph bindings for `docs/` into `OUT_DIR` and
//! this crate includes them. Until the emitter writes `src/lib.rs` the cfg `docgen_generated` is
//! off, and until the readers produce types `docgen_has_types` is off; meanwhile only the build
//! script's own work is tested.

#[cfg(docgen_generated)]
include!(concat!(env!("OUT_DIR"), "/graph/src/lib_included.rs"));

/// The summary line of the docgen run that generated this crate.
pub const DOCGEN_REPORT: &str = include_str!(concat!(env!("OUT_DIR"), "/docgen-report.txt"));

/// Everything the build script told cargo to watch, one path per line.
pub const WATCHED: &str = include_str!(concat!(env!("OUT_DIR"), "/docgen-watched.txt"));

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn docs() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
    }

    fn pages_on_disk() -> Vec<PathBuf> {
        let mut found = Vec::new();
        let mut pending = vec![docs()];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).expect("docs folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    found.push(path);
                }
            }
        }
        found.sort();
        found
    }

    #[test]
    fn build_script_watches_the_docs_folder_and_every_page() {
        let watched: Vec<PathBuf> = super::WATCHED.lines().map(PathBuf::from).collect();
        assert_eq!(watched.first(), Some(&docs()));
        let mut pages: Vec<PathBuf> = watched.into_iter().skip(1).collect();
        pages.sort();
        assert_eq!(pages, pages_on_disk());
        assert_eq!(pages.len(), 3);
    }

    #[test]
    fn build_script_ran_docgen_and_kept_its_summary() {
        let fields: Vec<&str> = super::DOCGEN_REPORT.split(", ").collect();
        let labels: Vec<String> = fields
            .iter()
            .map(|f| f.split_once(' ').map_or("", |(_, l)| l).to_string())
            .collect();
        assert_eq!(
            labels,
            [
                "pages",
                "types",
                "operations",
                "example tests",
                "warnings",
                "errors"
            ]
        );
    }

    /// The generated crate's defaults are on; its opt-in HTTP client is not (this crate does not
    /// depend on reqwest or tokio).
    #[cfg(docgen_generated)]
    #[test]
    fn default_features_are_on_and_the_client_is_off() {
        let on = [
            cfg!(feature = "default"),
            cfg!(feature = "full"),
            cfg!(feature = "client"),
        ];
        assert_eq!(on, [true, true, false], "default, full, client");
    }

    #[cfg(all(docgen_generated, docgen_has_types))]
    #[test]
    fn the_generated_widget_type_round_trips_the_docs_example() {
        let report_pages = super::DOCGEN_REPORT.split(' ').next().unwrap_or("0");
        assert_eq!(report_pages, pages_on_disk().len().to_string());
        let example = r#"{"id":"42","displayName":"Revenue","color":"green","size":4,"tags":["finance","weekly"]}"#;
        let widget: crate::types::Widget = serde_json::from_str(example).expect("deserializes");
        let back: serde_json::Value = serde_json::to_value(&widget).expect("serializes");
        let original: serde_json::Value = serde_json::from_str(example).expect("valid JSON");
        assert_eq!(back, original);
    }
}
