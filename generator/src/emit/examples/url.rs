//! The URL a test checks: the example's path and query rebuilt by the operation value, or a
//! sample path when the example's cannot be.

use super::checks::{has_default, usable_request_json, BodyInit, QueryValue, UrlCheck};
use super::sample;
use crate::emit::items::docs::code;
use crate::emit::plan::operations::{BodyPlan, OpPlan};
use crate::emit::plan::types::{Scalar, TypesPlan};
use crate::facts::url::percent_decode;
use crate::ir::Example;
use std::collections::BTreeMap;

pub(super) fn url_check(
    op: &OpPlan<'_>,
    example: &Example,
    notes: &mut Vec<String>,
) -> Option<UrlCheck> {
    if !example.test.url {
        return None;
    }
    let request = &example.request;
    let Some(template_index) = request.matched_template else {
        notes.push(
            "the request URL matches none of the operation's paths; the URL is not checked".into(),
        );
        return None;
    };
    let (Some(template), Some(expected_path)) = (op.templates.get(template_index), &request.path)
    else {
        notes.push("the matched path template is missing; the URL is not checked".into());
        return None;
    };
    if let Some(method) = request.method {
        if method != op.op.method {
            notes.push(format!(
                "the example sends {method}, the operation {}; the URL is not checked",
                op.op.method
            ));
            return None;
        }
    }
    if template.params.iter().any(|p| p.repeated) {
        notes.push("the path names a parameter twice, so the example's values cannot be told apart; the URL is not checked".into());
        return None;
    }
    let mut params = Vec::new();
    for param in &template.params {
        match request.path_values.get(&param.wire) {
            Some(value) => params.push((param.rust.clone(), percent_decode(value))),
            None => {
                notes.push(format!(
                    "no value for path parameter {}; the URL is not checked",
                    code(&param.wire)
                ));
                return None;
            }
        }
    }
    let body = match &op.body {
        BodyPlan::None => BodyInit::None,
        BodyPlan::Value(_) | BodyPlan::Struct { .. } => match usable_request_json(op, example) {
            Some(text) => BodyInit::Json(text),
            None if has_default(&op.body) => BodyInit::Default,
            None => {
                notes.push(
                    "the request body cannot be built from the example; the URL is not checked"
                        .into(),
                );
                return None;
            }
        },
        BodyPlan::Raw => BodyInit::Default,
    };

    // Query: the template's fixed pairs are sent by the operation itself; the rest go to
    // documented fields where the value converts exactly, else to `additional_query`.
    let mut remaining: Vec<(String, String)> = request.query.clone();
    let mut expected_query = request.query.clone();
    for (name, value) in &template.template.fixed_query {
        match remaining
            .iter()
            .position(|(n, v)| percent_decode(n) == *name && percent_decode(v) == *value)
        {
            Some(i) => {
                remaining.remove(i);
            }
            None => expected_query.push((name.clone(), value.clone())),
        }
    }
    let mut query_fields: Vec<(String, QueryValue)> = Vec::new();
    let mut extra_query = Vec::new();
    for (name, value) in remaining {
        let (name, value) = (percent_decode(&name), percent_decode(&value));
        let field = op
            .query
            .iter()
            .find(|q| q.name == name && !query_fields.iter().any(|(f, _)| *f == q.rust));
        let converted = field.and_then(|q| {
            let value = if q.value.collection {
                query_list(&q.value.scalar, &value)
            } else {
                query_literal(&q.value.scalar, &value)
            };
            value.map(|t| (q, t))
        });
        match converted {
            Some((q, tokens)) => query_fields.push((q.rust.clone(), tokens)),
            None => extra_query.push((name, value)),
        }
    }
    let literal_case =
        literal_case_segments(template.template, expected_path, &request.path_values);
    Some(UrlCheck {
        literal_case,
        template: template_index,
        params,
        query_fields,
        extra_query,
        body,
        method: op.op.method.as_str().to_string(),
        expected_path: expected_path.clone(),
        expected_query,
        expected_body: None,
    })
}

/// For an example whose URL names no resource path: the request built from the operation's
/// first path with sample parameter values (see [`sample`]). The note says what is checked and
/// what is not.
pub(super) fn sample_check(
    op: &OpPlan<'_>,
    types: &TypesPlan<'_>,
    example: &Example,
    notes: &mut Vec<String>,
) -> Option<UrlCheck> {
    let request = &example.request;
    let method_fits = request.method.is_none_or(|m| m == op.op.method);
    if request.path.is_some() || !method_fits {
        return None;
    }
    let template = op.templates.first()?;
    let expected_path = sample::sample_path(op, 0)?;
    let params = template
        .params
        .iter()
        .map(|p| (p.rust.clone(), sample::sample_value(&p.wire)))
        .collect();
    let cleared = sample::cleared_update(op, types, example);
    let (body, expected_body) = match (&op.body, cleared) {
        (BodyPlan::None, _) => (BodyInit::None, None),
        (_, Some(cleared)) => {
            let expected = cleared.expected.clone();
            (BodyInit::Cleared(cleared), Some(expected))
        }
        (body, None) => match usable_request_json(op, example) {
            Some(text) => (BodyInit::Json(text), None),
            None if has_default(body) => (BodyInit::Default, None),
            None => return None,
        },
    };
    let cleared = match &body {
        BodyInit::Cleared(cleared) => Some(cleared),
        _ => None,
    };
    notes.push(sample::describe(op, 0, cleared, &example.test.skipped));
    Some(UrlCheck {
        template: 0,
        params,
        query_fields: Vec::new(),
        extra_query: Vec::new(),
        body,
        method: op.op.method.as_str().to_string(),
        expected_path,
        // Built from the template itself: spelled alike.
        literal_case: Vec::new(),
        expected_query: template.template.fixed_query.clone(),
        expected_body,
    })
}

/// Segments of the example path that differ from the template (its literals with the example's
/// values) only in ASCII case. Empty when the two do not align segment by segment.
fn literal_case_segments(
    template: &crate::ir::PathTemplate,
    path: &str,
    values: &BTreeMap<String, String>,
) -> Vec<usize> {
    use crate::ir::SegmentPart;
    let written: Vec<String> = path.split('/').map(percent_decode).collect();
    let rendered: Vec<String> = std::iter::once(String::new())
        .chain(template.segments.iter().map(|segment| {
            segment
                .parts
                .iter()
                .map(|part| match part {
                    SegmentPart::Literal(text) => text.clone(),
                    SegmentPart::Param(name) => values.get(name).cloned().unwrap_or_default(),
                })
                .collect()
        }))
        .collect();
    if written.len() != rendered.len() {
        return Vec::new();
    }
    written
        .iter()
        .zip(&rendered)
        .enumerate()
        .filter(|(_, (w, r))| w != r && w.eq_ignore_ascii_case(r))
        .map(|(i, _)| i)
        .collect()
}

/// The value of a list field (`$select=a,b`): the items between top-level commas, so
/// `members($select=id,displayName)` stays one item; joined with `,` they give the text back.
fn query_list(scalar: &Scalar, value: &str) -> Option<QueryValue> {
    if *scalar != Scalar::String || value.is_empty() {
        return None;
    }
    let mut items = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in value.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                items.push(value[start..i].to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(value[start..].to_string());
    Some(QueryValue::List(items))
}

/// The value of a documented query field, when the text converts back to the same text.
fn query_literal(scalar: &Scalar, value: &str) -> Option<QueryValue> {
    match scalar {
        Scalar::String => Some(QueryValue::Str(value.to_string())),
        Scalar::Bool => match value {
            "true" => Some(QueryValue::Bool(true)),
            "false" => Some(QueryValue::Bool(false)),
            _ => None,
        },
        Scalar::I8 | Scalar::U8 | Scalar::I16 | Scalar::I32 | Scalar::U32 | Scalar::I64 => {
            let number: i64 = value.parse().ok()?;
            let fits = match scalar {
                Scalar::I8 => i8::try_from(number).is_ok(),
                Scalar::U8 => u8::try_from(number).is_ok(),
                Scalar::I16 => i16::try_from(number).is_ok(),
                Scalar::I32 => i32::try_from(number).is_ok(),
                Scalar::U32 => u32::try_from(number).is_ok(),
                _ => true,
            };
            (fits && number.to_string() == value).then_some(QueryValue::Int(number))
        }
        Scalar::F32 | Scalar::F64 => {
            let number: f64 = value.parse().ok()?;
            (number.is_finite() && number.to_string() == value && value.contains('.'))
                .then_some(QueryValue::Float(number))
        }
        Scalar::Named { .. } | Scalar::Json | Scalar::Text(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_case_segments_are_those_differing_only_in_case() {
        let template = crate::facts::template::parse_template(
            "/directoryRoles/{id}/scopedMembers",
            &crate::diag::Span::default(),
        )
        .expect("template");
        let segments = |path: &str| {
            let values =
                crate::model::matching::match_template(path, &template).unwrap_or_default();
            literal_case_segments(&template, path, &values)
        };
        assert_eq!(segments("/directoryroles/AbC/scopedMembers"), [1]);
        assert_eq!(segments("/DIRECTORYROLES/AbC/scopedmembers"), [1, 3]);
        assert!(segments("/directoryRoles/AbC/scopedMembers").is_empty());
        // The value keeps its case: only literals are compared without it.
        assert!(segments("/directoryRoles/a%20b/scopedMembers").is_empty());
    }

    #[test]
    fn query_values_convert_only_when_exact() {
        assert_eq!(query_literal(&Scalar::I32, "5"), Some(QueryValue::Int(5)));
        assert_eq!(query_literal(&Scalar::I32, "05"), None);
        assert_eq!(query_literal(&Scalar::I8, "300"), None);
        assert_eq!(query_literal(&Scalar::U32, "5"), Some(QueryValue::Int(5)));
        assert_eq!(query_literal(&Scalar::U32, "-1"), None);
        assert_eq!(
            query_list(&Scalar::String, "id,members($select=id,mail)"),
            Some(QueryValue::List(vec![
                "id".into(),
                "members($select=id,mail)".into()
            ]))
        );
        assert_eq!(query_list(&Scalar::String, ""), None);
        assert_eq!(query_literal(&Scalar::Bool, "True"), None);
        assert_eq!(
            query_literal(&Scalar::Bool, "true"),
            Some(QueryValue::Bool(true))
        );
        assert_eq!(
            query_literal(&Scalar::F64, "1.5"),
            Some(QueryValue::Float(1.5))
        );
        assert_eq!(query_literal(&Scalar::F64, "1"), None);
        assert_eq!(query_literal(&Scalar::Json, "x"), None);
        assert_eq!(
            query_literal(&Scalar::String, "a b"),
            Some(QueryValue::Str("a b".into()))
        );
    }
}
