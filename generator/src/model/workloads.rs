//! Workloads for operations whose page names none (`ms.prod: ""` or a placeholder): an operation
//! belongs to the workload of the type it acts on, else of the type it returns, else of the type
//! it takes. Types keep their page's workload, even empty: a type with none is compiled by the
//! `unspecified` feature and by every workload that reaches it (`emit::plan::features`).

use super::types::TypeIndex;
use crate::ir::Operation;

/// Fills the empty `workload` of each operation from its types; one that reaches no type with a
/// workload keeps it empty (the `unspecified` feature).
pub fn inherit(types: &TypeIndex, operations: &mut [Operation]) {
    for op in operations.iter_mut().filter(|op| op.workload.is_empty()) {
        let response = op.response.as_ref().and_then(|r| r.type_name());
        let body = op.request_body.as_ref().and_then(|b| b.type_name());
        let found = [Some(op.group.as_str()), response, body]
            .into_iter()
            .flatten()
            .filter_map(|name| types.get_ignore_case(name))
            .find(|t| !t.workload.is_empty())
            .map(|t| t.workload.as_str());
        if let Some(workload) = found {
            op.workload = workload.to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::pipeline::{model_from_sources, sources_from_bytes};

    fn page(path: &str, prod: &str, body: &str) -> (String, Vec<u8>) {
        let doc_type = if path.starts_with("api/") {
            "apiPageType"
        } else {
            "resourcePageType"
        };
        let text = format!("---\ntitle: \"t\"\nms.prod: {prod}\ndoc_type: {doc_type}\n---\n{body}");
        (path.to_string(), text.into_bytes())
    }

    const WIDGET: &str =
        "# widget resource type\n\n## Properties\n\n| Property | Type | Description |\n\
        |:---|:---|:---|\n| id | String | Id. |\n";

    fn get_widget(title: &str) -> String {
        format!(
            "# {title}\n\n## HTTP request\n\n```http\nGET /widgets/{{id}}\n```\n\n## Response\n\n\
             If successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.\n"
        )
    }

    #[test]
    fn an_operation_without_workload_takes_its_types() {
        let (sources, diags) = sources_from_bytes(vec![
            page("resources/widget.md", "\"gadgets\"", WIDGET),
            page("api/widget-get.md", "\"\"", &get_widget("Get widget")),
            page(
                "api/widget-other.md",
                "\"$(metadata.prod)\"",
                &get_widget("Get widget again"),
            ),
            page(
                "api/widget-own.md",
                "\"own\"",
                &get_widget("Get widget thrice"),
            ),
        ]);
        let model = model_from_sources(&sources, diags);
        let mut workloads: Vec<(&str, &str)> = model
            .operations
            .iter()
            .map(|op| (op.source.file.as_str(), op.workload.as_str()))
            .collect();
        workloads.sort();
        assert_eq!(
            workloads,
            [
                ("api/widget-get.md", "gadgets"),
                ("api/widget-other.md", "gadgets"),
                ("api/widget-own.md", "own"),
            ]
        );
    }

    #[test]
    fn nothing_to_inherit_from_leaves_it_empty() {
        let (sources, diags) = sources_from_bytes(vec![
            page("resources/widget.md", "\"\"", WIDGET),
            page("api/widget-get.md", "\"\"", &get_widget("Get widget")),
        ]);
        let model = model_from_sources(&sources, diags);
        assert_eq!(model.operations.len(), 1);
        assert!(model.operations.iter().all(|op| op.workload.is_empty()));
        assert!(model.types.iter().all(|t| t.workload.is_empty()));
    }
}
