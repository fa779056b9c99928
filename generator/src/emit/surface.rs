//! The Rust API a model generates, as plain data: the names and field types of every struct,
//! enum and operation value. `docgen diff` compares two of them to tell a breaking change from
//! an additive one. They are read off the plans and type tokens the code itself is built from,
//! so they cannot disagree with the code.

use super::items::{odata, operations, paths, structs};
use super::plan::features;
use super::plan::operations::{self as op_plan, BodyPlan, OpPlan, EXTRA_QUERY_FIELD, PATH_FIELD};
use super::plan::types::{self as plan, FieldPlan, TypePlan, TypesPlan};

/// The field of an operation struct that holds the request body.
pub use super::plan::operations::BODY_FIELD;
use crate::ir::Model;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiSurface {
    /// By model type name.
    pub types: BTreeMap<String, TypeApi>,
    /// By model operation name. An operation without a path emits nothing and is absent.
    pub operations: BTreeMap<String, OperationApi>,
    /// The crate's cargo features, one per workload (`full` and `default` aside).
    pub features: BTreeSet<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypeApi {
    /// `crate::types::<rust>`.
    pub rust: String,
    pub is_enum: bool,
    /// A struct's fields by wire name, inherited ones included.
    pub fields: BTreeMap<String, FieldApi>,
    /// An enum's variants by wire value (`Other` aside).
    pub variants: BTreeMap<String, String>,
    /// The `<Type>Update` struct, when an operation PATCHes the type.
    pub update: Option<StructApi>,
    /// The Rust names of the ancestors it implements `runtime::Derives` for, nearest first.
    pub ancestors: Vec<String>,
    /// The cargo features any of which compiles it; empty: always compiled.
    pub features: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldApi {
    pub rust: String,
    /// The field's type as written in the code, paths in full (see [`short_type`]).
    pub ty: String,
}

/// A struct of wire-named fields: an update struct or an action's body struct.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StructApi {
    pub rust: String,
    /// By wire name.
    pub fields: BTreeMap<String, FieldApi>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OperationApi {
    /// `crate::operations::<rust>`.
    pub rust: String,
    /// The struct derives `Default` (not with several paths, nor an enum body).
    pub derives_default: bool,
    /// The struct's fields by Rust name, with their types: path parameters (or `path`),
    /// `body`, query options, `additional_query`.
    pub fields: BTreeMap<String, String>,
    /// How the struct holds its path: fields, or a path enum.
    pub path: PathApi,
    /// The query options' fields by wire name.
    pub query: BTreeMap<String, FieldApi>,
    /// The `<Op>Body` struct of an action's parameters.
    pub body_struct: Option<StructApi>,
    /// What `parse_response` returns.
    pub response: String,
    pub feature: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathApi {
    /// One path: its parameters are fields of the struct (Rust names, in path order).
    Fields(Vec<String>),
    /// Several paths: the struct's `path` field holds the enum `rust`; each variant's fields.
    Enum {
        rust: String,
        variants: BTreeMap<String, Vec<String>>,
    },
}

/// The Rust API `model` generates (the planning of [`crate::emit::emit`], no token of an item
/// built).
pub fn surface(model: &Model) -> ApiSurface {
    let mut diagnostics = Vec::new();
    let mut types = plan::plan_types(model, &mut diagnostics);
    let ops = op_plan::plan_operations(model, &types, &mut diagnostics);
    let features = features::assign(model, &mut types, &ops);
    ApiSurface {
        types: types
            .types
            .values()
            .map(|plan| (plan.def.name.clone(), type_api(plan, &types)))
            .collect(),
        operations: ops
            .iter()
            .map(|plan| (plan.op.name.clone(), operation_api(plan)))
            .collect(),
        features,
    }
}

/// A type as text, short: `Option<Vec<User>>` for
/// `::std::option::Option<::std::vec::Vec<crate::types::User>>`.
pub fn short_type(ty: &str) -> String {
    const PREFIXES: &[(&str, &str)] = &[
        ("::std::option::", ""),
        ("::core::option::", ""),
        ("::std::vec::", ""),
        ("::std::boxed::", ""),
        ("::std::string::", ""),
        ("crate::types::", ""),
        ("crate::runtime::", ""),
        ("crate::operations::", ""),
        ("::serde_json::", "serde_json::"),
    ];
    let mut short = ty.to_string();
    for (prefix, by) in PREFIXES {
        short = short.replace(prefix, by);
    }
    short.replace(',', ", ")
}

/// Tokens as one line of text without spaces (the type grammar here never needs one).
fn text(tokens: &TokenStream) -> String {
    tokens.to_string().split_whitespace().collect()
}

fn type_api(plan: &TypePlan<'_>, types: &TypesPlan<'_>) -> TypeApi {
    let field = |f: &FieldPlan<'_>, ty: TokenStream| {
        let api = FieldApi {
            rust: f.rust.clone(),
            ty: text(&ty),
        };
        (f.property.name.clone(), api)
    };
    let fields: BTreeMap<String, FieldApi> = plan
        .fields
        .iter()
        .map(|f| field(f, structs::field_type(f)))
        .collect();
    let update = plan.update.as_ref().map(|rust| StructApi {
        rust: rust.clone(),
        fields: structs::update_fields(plan)
            .into_iter()
            .map(|f| field(f, structs::patch_field_type(f)))
            .collect(),
    });
    TypeApi {
        rust: plan.rust.clone(),
        is_enum: plan.is_enum(),
        fields,
        variants: plan
            .variants
            .iter()
            .map(|v| (v.member.name.clone(), v.rust.clone()))
            .collect(),
        update,
        ancestors: if plan.is_enum() {
            Vec::new()
        } else {
            odata::ancestors(plan.def, types)
                .into_iter()
                .map(|a| a.rust.clone())
                .collect()
        },
        features: plan.features.clone(),
    }
}

fn operation_api(plan: &OpPlan<'_>) -> OperationApi {
    let mut fields = BTreeMap::new();
    let path = match (&plan.path_enum, plan.templates.as_slice()) {
        (Some(rust), templates) => {
            fields.insert(PATH_FIELD.to_string(), rust.clone());
            let variants = templates
                .iter()
                .map(|t| {
                    let params = paths::unique_params(t);
                    let names = params.into_iter().map(|p| p.rust.clone()).collect();
                    (t.variant.clone(), names)
                })
                .collect();
            PathApi::Enum {
                rust: rust.clone(),
                variants,
            }
        }
        (None, templates) => {
            let string = text(&quote!(::std::string::String));
            let params: Vec<String> = templates
                .first()
                .map(|t| paths::unique_params(t))
                .unwrap_or_default()
                .into_iter()
                .map(|p| p.rust.clone())
                .collect();
            for param in &params {
                fields.insert(param.clone(), string.clone());
            }
            PathApi::Fields(params)
        }
    };
    if let Some(body) = operations::body_type(plan) {
        fields.insert(BODY_FIELD.to_string(), text(&body));
    }
    let mut query = BTreeMap::new();
    for field in &plan.query {
        let ty = text(&operations::query_field_type(field));
        fields.insert(field.rust.clone(), ty.clone());
        let api = FieldApi {
            rust: field.rust.clone(),
            ty,
        };
        query.entry(field.name.clone()).or_insert(api);
    }
    let extra = quote!(::std::vec::Vec<(::std::string::String, ::std::string::String)>);
    fields.insert(EXTRA_QUERY_FIELD.to_string(), text(&extra));
    let header = quote!(::core::option::Option<::std::string::String>);
    for h in &plan.headers {
        fields.insert(h.rust.clone(), text(&header));
    }
    let headers = quote!(::http::HeaderMap);
    fields.insert(
        crate::emit::plan::headers::HEADERS_FIELD.to_string(),
        text(&headers),
    );
    let body_struct = match &plan.body {
        BodyPlan::Struct { rust, fields } => Some(StructApi {
            rust: rust.clone(),
            fields: fields
                .iter()
                .map(|f| {
                    let api = FieldApi {
                        rust: f.rust.clone(),
                        ty: text(&structs::field_type(f)),
                    };
                    (f.property.name.clone(), api)
                })
                .collect(),
        }),
        BodyPlan::None | BodyPlan::Value(_) | BodyPlan::Raw => None,
    };
    OperationApi {
        rust: plan.rust.clone(),
        derives_default: operations::can_default(plan),
        fields,
        path,
        query,
        body_struct,
        response: text(&operations::response_type(&plan.response, &quote!(crate))),
        feature: plan.feature.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{model_from_sources, sources_from_bytes};

    fn docs_input_surface() -> ApiSurface {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs-input");
        let model = crate::Config::new(root).model().expect("docs-input reads");
        surface(&model)
    }

    #[test]
    fn the_surface_names_what_the_code_declares() {
        let api = docs_input_surface();
        let script = &api.types["deviceShellScript"];
        assert_eq!(script.rust, "DeviceShellScript");
        assert_eq!(
            short_type(&script.fields["displayName"].ty),
            "Option<String>"
        );
        let update = script.update.as_ref().expect("PATCHed");
        assert_eq!(update.rust, "DeviceShellScriptUpdate");
        assert_eq!(
            short_type(&update.fields["displayName"].ty),
            "Patch<String>"
        );
        let list = &api.operations["listDeviceShellScripts"];
        assert!(list.derives_default);
        assert_eq!(short_type(&list.response), "Collection<DeviceShellScript>");
        assert!(api.features.contains("intune"));
        // Every field and variant the surface names is in the generated code.
        let code = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../generated/src/types/device_shell_script.rs"),
        )
        .expect("committed crate");
        for field in script.fields.values() {
            assert!(
                code.contains(&format!("pub {}:", field.rust)),
                "{}",
                field.rust
            );
        }
    }

    #[test]
    fn enums_list_their_variants_and_structs_their_ancestors() {
        let page = |name: &str, body: &str| {
            (
                format!("resources/{name}.md"),
                format!(
                    "---\ntitle: \"{name} resource type\"\nms.prod: x\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\nNamespace: microsoft.graph\n\n{body}"
                )
                .into_bytes(),
            )
        };
        let (files, diagnostics) = sources_from_bytes(vec![
            page("entity", "An entity.\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n"),
            page("user", "A user. Inherits from [entity](entity.md).\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| state | [runState](runstate.md) | State. |\n"),
            (
                "resources/runstate.md".into(),
                b"---\ntitle: runState enum type\ndoc_type: enumPageType\n---\n\n# runState enum type\n\nNamespace: microsoft.graph\n\n| Member | Value | Description |\n|:--|:--|:--|\n| pending | 0 | Pending. |\n| fail | 1 | Failed. |\n".to_vec(),
            ),
        ]);
        let model = model_from_sources(&files, diagnostics);
        let api = surface(&model);
        let user = &api.types["user"];
        assert_eq!(user.ancestors, vec!["Entity".to_string()]);
        assert_eq!(user.fields.keys().collect::<Vec<_>>(), vec!["id", "state"]);
        assert_eq!(short_type(&user.fields["state"].ty), "Option<RunState>");
        let state = &api.types["runState"];
        assert!(state.is_enum);
        assert_eq!(
            state.variants.values().collect::<Vec<_>>(),
            vec!["Fail", "Pending"]
        );
    }
}
