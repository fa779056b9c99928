//! The client's waits between retries, recorded instead of slept through, so tests that
//! script `Retry-After: 120` take no time and can check what the client would have waited.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use graph_bindings::runtime::client::Sleep;

/// Records every wait the client asks for; returns at once.
#[derive(Clone, Debug, Default)]
pub struct Waits(Arc<Mutex<Vec<Duration>>>);

impl Waits {
    pub fn new() -> Waits {
        Waits::default()
    }

    /// For `ClientBuilder::sleep_with`.
    pub fn sleeper(&self) -> Sleep {
        let waits = self.0.clone();
        Arc::new(move |wait| {
            waits.lock().unwrap_or_else(|e| e.into_inner()).push(wait);
            Box::pin(std::future::ready(()))
        })
    }

    /// The waits asked for so far, in order.
    pub fn recorded(&self) -> Vec<Duration> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}
