//! When to send a request again, and after how long: [`RetryPolicy`].

/// Retries of throttled (429) and unavailable (503, 504) answers. A request is sent again
/// only when its body can be sent again (every operation's can; a streamed body cannot).
///
/// The wait before a retry is the service's `Retry-After` when it sent one (in seconds or
/// as an HTTP-date), else `initial_delay` doubled after each retry, spread at random when
/// `jitter` is on; never more than `max_delay`. A `Retry-After` beyond `max_delay` is not
/// waited for: the answer goes to the caller as an error that says how long to wait
/// ([`Error::retry_after`](super::super::Error::retry_after)).
#[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq, ::core::cmp::Eq)]
pub struct RetryPolicy {
    /// How many times a request may be sent again after its first answer (3; 0 turns
    /// retrying off).
    pub max_retries: u32,
    /// The first wait when the service gives no `Retry-After` (1 s).
    pub initial_delay: ::core::time::Duration,
    /// The longest wait (180 s, as in the official SDKs).
    pub max_delay: ::core::time::Duration,
    /// Spread a backoff wait at random between half and all of it, so that clients
    /// throttled together do not come back together (on).
    pub jitter: bool,
}

impl ::core::default::Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            initial_delay: ::core::time::Duration::from_secs(1),
            max_delay: ::core::time::Duration::from_secs(180),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// No retries: every answer goes to the caller as it came.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Whether an answer with this status is worth waiting for and sending again.
    pub fn retries_status(status: ::http::StatusCode) -> bool {
        ::core::matches!(status.as_u16(), 429 | 503 | 504)
    }

    /// The wait before retry number `retry` (0 for the first), given the `Retry-After` of
    /// the answer in seconds; `None` when no retry is left or the service asks for a wait
    /// longer than `max_delay`. `random` is a number in `[0, 1)`.
    pub(super) fn delay(
        &self,
        retry: u32,
        retry_after_seconds: ::core::option::Option<u64>,
        random: f64,
    ) -> ::core::option::Option<::core::time::Duration> {
        if retry >= self.max_retries {
            return ::core::option::Option::None;
        }
        if let ::core::option::Option::Some(seconds) = retry_after_seconds {
            let wait = ::core::time::Duration::from_secs(seconds);
            return (wait <= self.max_delay).then_some(wait);
        }
        let factor = 2u32.checked_pow(retry).unwrap_or(u32::MAX);
        let backoff = self
            .initial_delay
            .checked_mul(factor)
            .map_or(self.max_delay, |wait| wait.min(self.max_delay));
        if !self.jitter {
            return ::core::option::Option::Some(backoff);
        }
        let spread = 0.5 + 0.5 * random.clamp(0.0, 1.0);
        ::core::option::Option::Some(backoff.mul_f64(spread))
    }
}

/// A number in `[0, 1)`, different on each call: enough to spread retries (std's
/// per-process random hash keys, and a counter), without a random-number crate.
pub(super) fn random_fraction() -> f64 {
    use ::core::hash::{BuildHasher, Hasher};
    static COUNTER: ::std::sync::atomic::AtomicU64 = ::std::sync::atomic::AtomicU64::new(0);
    let mut hasher = ::std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, ::std::sync::atomic::Ordering::Relaxed));
    // The top 53 bits, as a fraction: every value is exactly representable.
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::core::time::Duration;

    #[test]
    fn the_service_says_how_long_unless_it_is_too_long() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay(0, Some(7), 0.3), Some(Duration::from_secs(7)));
        assert_eq!(policy.delay(2, Some(0), 0.3), Some(Duration::ZERO));
        assert_eq!(
            policy.delay(0, Some(180), 0.3),
            Some(Duration::from_secs(180))
        );
        assert_eq!(policy.delay(0, Some(181), 0.3), None);
        assert_eq!(policy.delay(3, Some(1), 0.3), None);
        assert_eq!(RetryPolicy::none().delay(0, Some(1), 0.3), None);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_and_jitter_spreads_it() {
        let policy = RetryPolicy {
            max_retries: 20,
            jitter: false,
            ..RetryPolicy::default()
        };
        let waits: Vec<u64> = (0..10)
            .filter_map(|retry| policy.delay(retry, None, 0.0))
            .map(|wait| wait.as_secs())
            .collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 64, 128, 180, 180]);
        assert_eq!(policy.delay(19, None, 0.0), Some(Duration::from_secs(180)));
        let jittered = RetryPolicy {
            jitter: true,
            ..policy
        };
        assert_eq!(jittered.delay(2, None, 0.0), Some(Duration::from_secs(2)));
        assert_eq!(jittered.delay(2, None, 0.5), Some(Duration::from_secs(3)));
        let most = jittered.delay(2, None, 0.999_999).unwrap_or_default();
        assert!(most < Duration::from_secs(4) && most > Duration::from_millis(3_999));
        // The service's own wait is honoured as sent, without jitter.
        assert_eq!(
            jittered.delay(0, Some(5), 0.9),
            Some(Duration::from_secs(5))
        );
    }

    #[test]
    fn only_throttling_and_unavailability_are_retried() {
        for (status, retried) in [
            (429, true),
            (503, true),
            (504, true),
            (500, false),
            (502, false),
            (404, false),
        ] {
            let status = ::http::StatusCode::from_u16(status).unwrap_or_default();
            assert_eq!(RetryPolicy::retries_status(status), retried, "{status}");
        }
    }

    #[test]
    fn random_fractions_stay_in_range_and_vary() {
        let samples: Vec<f64> = (0..200).map(|_| random_fraction()).collect();
        assert!(samples.iter().all(|x| (0.0..1.0).contains(x)));
        let low = samples.iter().filter(|x| **x < 0.5).count();
        assert!((40..160).contains(&low), "{low} of 200 below one half");
    }
}
