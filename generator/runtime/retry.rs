//! When to retry a request and how long to wait first.
//!
//! The defaults follow DigitalOcean's own (Stainless-generated) SDKs: 2 retries, backoff
//! starting at 0.5 s and doubling up to 8 s with up to 25 % jitter, on connection errors,
//! timeouts, 408, 409, 429 and 5xx; a server's `Retry-After` (seconds or an HTTP date),
//! `retry-after-ms`, or for 429 its `ratelimit-reset`, is honoured when it is within
//! [`RetryPolicy::max_retry_after`].

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{HeaderMap, Method, StatusCode};

/// How a client retries failed requests.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 turns retrying off).
    pub max_retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub initial_backoff: Duration,
    /// Longest computed backoff.
    pub max_backoff: Duration,
    /// Longest wait a server may ask for with `Retry-After` or `ratelimit-reset`; a longer
    /// request is ignored in favour of the computed backoff.
    pub max_retry_after: Duration,
    /// Also retry methods that are not idempotent (`POST`, `PATCH`).
    pub retry_non_idempotent: bool,
    /// Shorten each computed backoff by a random 0–25 %, so clients do not retry in step.
    pub jitter: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            retry_non_idempotent: false,
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn never() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Whether requests with `method` may be retried under this policy.
    pub fn allows(&self, method: &Method) -> bool {
        self.retry_non_idempotent
            || matches!(
                *method,
                Method::GET
                    | Method::HEAD
                    | Method::PUT
                    | Method::DELETE
                    | Method::OPTIONS
                    | Method::TRACE
            )
    }

    /// Whether a response with `status` is worth retrying.
    pub fn retryable_status(status: StatusCode) -> bool {
        matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
    }

    /// How long to wait before retry number `retry` (0 for the first), given the failed
    /// response's status and headers if there was a response.
    pub fn delay(&self, retry: u32, response: Option<(StatusCode, &HeaderMap)>) -> Duration {
        if let Some((status, headers)) = response
            && let Some(wait) = server_wait(status, headers, SystemTime::now())
            && wait <= self.max_retry_after
        {
            return wait;
        }
        let factor = 2u32.saturating_pow(retry);
        let backoff = self
            .initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        if self.jitter {
            let random = RandomState::new().build_hasher().finish();
            let cut = (random % 250) as f64 / 1000.0;
            backoff.mul_f64(1.0 - cut)
        } else {
            backoff
        }
    }
}

/// The wait the server asks for: `retry-after-ms`, `Retry-After` (seconds or HTTP date),
/// or for 429 the time until `ratelimit-reset` (Unix seconds, as DigitalOcean sends it;
/// a small number is taken as seconds from now, as in the IETF draft).
pub fn server_wait(status: StatusCode, headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let seconds = |text: &str| {
        text.parse::<f64>()
            .ok()
            .and_then(|s| Duration::try_from_secs_f64(s).ok())
    };
    if let Some(wait) = header("retry-after-ms").and_then(seconds).map(|d| d / 1000) {
        return Some(wait);
    }
    if let Some(value) = header("retry-after") {
        if let Some(wait) = seconds(value) {
            return Some(wait);
        }
        if let Ok(when) = httpdate::parse_http_date(value) {
            return Some(when.duration_since(now).unwrap_or(Duration::ZERO));
        }
    }
    if status == StatusCode::TOO_MANY_REQUESTS
        && let Some(reset) = header("ratelimit-reset").and_then(|v| v.parse::<u64>().ok())
    {
        if reset < 1_000_000_000 {
            return Some(Duration::from_secs(reset));
        }
        let now = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        return Some(Duration::from_secs(reset.saturating_sub(now)));
    }
    None
}
