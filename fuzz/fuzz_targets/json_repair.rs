//! The lenient JSON reader (annotations, example bodies, JSON representations): never panics,
//! never overflows the stack, and what it returns is JSON that serde_json reads back the same
//! (so it is no deeper than serde_json's recursion limit, which later stages rely on).
#![no_main]

use docgen::pages::json_repair::parse_lenient;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(repaired) = parse_lenient(text) else {
        return;
    };
    let _ = repaired.summary();
    let written = serde_json::to_string(&repaired.value).expect("a value serializes");
    let read: serde_json::Value = match serde_json::from_str(&written) {
        Ok(value) => value,
        Err(error) => panic!("serde_json cannot read back what was repaired: {error}"),
    };
    assert!(
        same_shape(&read, &repaired.value),
        "{read} != {}",
        repaired.value
    );
});

/// Equal, except that numbers only need to be numbers: serde_json's default float parsing does
/// not round-trip every last digit, which is not what this target tests.
fn same_shape(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(_), Value::Number(_)) => true,
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_shape(a, b))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .zip(b)
                    .all(|((ka, va), (kb, vb))| ka == kb && same_shape(va, vb))
        }
        (a, b) => a == b,
    }
}
