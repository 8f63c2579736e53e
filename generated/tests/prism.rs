//! Conformance of the generated client against Prism, a mock server that validates every
//! request against `spec/openapi.yaml` and answers with the spec's examples.
//!
//! The requests are the client's own (nothing here builds HTTP by hand, except the one
//! body that must break the schema), so a pass means: what the client sends is what the
//! spec describes, and what the spec's examples say decodes into the generated types.
//!
//! Prism runs outside the test: `eval "$(bash .ci/prism.sh start)"` starts it and exports
//! `PRISM_URL`, `bash .ci/prism.sh stop` stops it (`.ci/run` does both). Without
//! `PRISM_URL` these tests fail under CI and are skipped elsewhere.
//!
//! What Prism 5.16.0 does, as asserted below:
//! - a valid request gets the declared example (the first declared status, 200, unless a
//!   `Prefer: code=N` header asks for another), with the example's `ratelimit-*` headers
//!   and no `sl-violations` header;
//! - a request without the bearer token (which the client itself refuses to send, so the
//!   test removes the operation's security requirement) gets the declared 401 example and
//!   an `sl-violations` header, even when it asks for another status with `Prefer`;
//! - a body that breaks the schema gets 422, made from the `default` response (422 is
//!   not declared), and an `sl-violations` header naming the broken property.

use std::net::TcpStream;
use std::time::{Duration, Instant};

use generated::models::{
    self, BatchJobPhase, CancelKnowledgeBaseIndexingJobInputPublic, IndexJobStatus,
    IndexedDataSource, IndexedDataSourceStatus, IndexingJob,
};
use generated::operations::genai_cancel_indexing_job;
use generated::runtime::{RequestError, Status};
use generated::{ApiError, Client, ClientBuilder, Error, RateLimit, RetryPolicy};
use http::{HeaderMap, HeaderValue, StatusCode};
use time::OffsetDateTime;

/// The example `uuid` path parameter of the spec.
const UUID: &str = "123e4567-e89b-12d3-a456-426614174000";
/// Any bearer token passes Prism's security check; it only looks for one.
const TOKEN: &str = "prism-test-token";
/// The header in which Prism lists what was wrong with a request.
const VIOLATIONS: &str = "sl-violations";

type CallError = Error<models::ErrorModel>;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// Prism's base URL from `PRISM_URL`, checked to answer; `None` means skip the test.
///
/// Unset: fails under CI (`CI` set and not empty), else skips with a note on stderr.
/// Set but nothing listening there: fails.
fn prism() -> Option<String> {
    let url = match std::env::var("PRISM_URL") {
        Ok(url) if !url.trim().is_empty() => url.trim().to_owned(),
        _ => {
            let in_ci = std::env::var_os("CI").is_some_and(|value| !value.is_empty());
            assert!(
                !in_ci,
                "PRISM_URL is not set; .ci/run starts Prism (`eval \"$(bash .ci/prism.sh start)\"`)"
            );
            eprintln!(
                "skipped: PRISM_URL is not set; start Prism with `eval \"$(bash .ci/prism.sh start)\"`"
            );
            return None;
        }
    };
    // Connecting is enough: a URL where nothing listens fails here, not in each assertion.
    let parsed = reqwest::Url::parse(&url)
        .unwrap_or_else(|error| panic!("PRISM_URL is {url}, not a URL: {error}"));
    let addresses = parsed
        .socket_addrs(|| None)
        .unwrap_or_else(|error| panic!("PRISM_URL is {url}, which does not resolve: {error}"));
    let reachable = addresses
        .iter()
        .any(|address| TcpStream::connect_timeout(address, Duration::from_secs(5)).is_ok());
    assert!(
        reachable,
        "PRISM_URL is {url} but nothing answers there; is Prism running? (.ci/prism.sh start)"
    );
    Some(url)
}

/// A `reqwest::Client` that sends `headers` with every request.
///
/// reqwest is built with `rustls-no-provider`, and `reqwest::ClientBuilder::build` sets up
/// TLS (and panics without a rustls crypto provider) even for plain-HTTP use, so install
/// the same provider `generated::ClientBuilder::build` would.
fn http_client(headers: HeaderMap) -> reqwest::Client {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Another test may install it at the same time; either one is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    reqwest::Client::builder()
        .default_headers(headers)
        .connect_timeout(Duration::from_secs(5))
        .build()
        .expect("reqwest client builds")
}

/// A client of Prism at `url` with the token and no retries, so each call is one request
/// and the answer we assert on is Prism's first.
fn builder(url: &str) -> ClientBuilder {
    Client::builder()
        .base_url(url)
        .token(TOKEN)
        .max_retries(0)
        .timeout(Some(Duration::from_secs(30)))
}

/// Headers with `Prefer: code=<code>`, which makes Prism answer with that declared response.
fn prefer_code(code: u16) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        "prefer",
        HeaderValue::from_str(&format!("code={code}")).expect("valid header value"),
    );
    headers
}

/// The `ratelimit-*` headers of the spec's examples (`components.headers`), which Prism
/// sends with every response that declares them.
fn example_rate_limit() -> RateLimit {
    RateLimit {
        limit: Some(5000),
        remaining: Some(4816),
        reset: Some(1_444_931_833),
    }
}

/// 2023-01-01T00:00:00Z, the timestamp of every example.
fn example_time() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_672_531_200).expect("valid timestamp")
}

/// The `job` of the 200 example in the spec, field by field, as the generated types hold it.
#[allow(deprecated, reason = "the example sets the deprecated `tokens` field")]
fn example_job() -> IndexingJob {
    IndexingJob {
        completed_datasources: Some(123),
        created_at: Some(example_time()),
        data_source_jobs: Some(vec![IndexedDataSource {
            completed_at: Some(example_time()),
            data_source_uuid: Some(UUID.to_owned()),
            error_details: Some("example string".to_owned()),
            error_msg: Some("example string".to_owned()),
            failed_item_count: Some(12345),
            indexed_file_count: Some(12345),
            indexed_item_count: Some(12345),
            removed_item_count: Some(12345),
            skipped_item_count: Some(12345),
            started_at: Some(example_time()),
            status: Some(IndexedDataSourceStatus::Unknown),
            total_bytes: Some(12345),
            total_bytes_indexed: Some(12345),
            total_file_count: Some(12345),
            additional_properties: Default::default(),
        }]),
        data_source_uuids: Some(vec!["example string".to_owned()]),
        finished_at: Some(example_time()),
        is_report_available: Some(true),
        knowledge_base_uuid: Some(UUID.to_owned()),
        phase: Some(BatchJobPhase::Unknown),
        started_at: Some(example_time()),
        status: Some(IndexJobStatus::Unknown),
        tokens: Some(123),
        total_datasources: Some(123),
        total_tokens: Some(12345),
        updated_at: Some(example_time()),
        uuid: Some(UUID.to_owned()),
        additional_properties: Default::default(),
    }
}

/// The `Error` body an example of the spec holds.
fn error_body(id: &str, message: &str) -> models::ErrorModel {
    models::ErrorModel::new(id, message)
}

/// The declared error a call must have ended with.
fn expect_api_error<T: std::fmt::Debug>(
    result: Result<T, CallError>,
) -> Box<ApiError<models::ErrorModel>> {
    match result {
        Err(Error::Api(error)) => error,
        Err(other) => panic!("expected Error::Api, got {other:?} ({other})"),
        Ok(value) => panic!("expected Error::Api, got a success: {value:?}"),
    }
}

/// The `sl-violations` header, if Prism sent one.
fn violations(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(VIOLATIONS)
        .map(|value| value.to_str().expect("sl-violations is text"))
}

/// Asks Prism for the declared response `code` with the client's real request, and checks
/// that it arrives as `Error::Api` with the example body of that response.
async fn assert_declared_error(code: u16, id: &str, message: &str) {
    let Some(url) = prism() else { return };
    let client = builder(&url)
        .http_client(http_client(prefer_code(code)))
        .build()
        .expect("client builds");
    let body = CancelKnowledgeBaseIndexingJobInputPublic {
        uuid: Some(UUID.to_owned()),
        ..Default::default()
    };

    let error = expect_api_error(client.genai_cancel_indexing_job(UUID, Some(&body)).await);

    assert_eq!(error.status, StatusCode::from_u16(code).unwrap());
    assert_eq!(error.declared, Status::Code(code));
    assert_eq!(error.body, Some(error_body(id, message)));
    assert_eq!(error.rate_limit(), Some(example_rate_limit()));
    assert_eq!(
        violations(&error.headers),
        None,
        "Prism found the request invalid"
    );
}

// ---------------------------------------------------------------------------------------
// The operation's success response
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn cancel_with_a_body_passes_validation_and_decodes_the_example() {
    let Some(url) = prism() else { return };
    let client = builder(&url).build().expect("client builds");
    let body = CancelKnowledgeBaseIndexingJobInputPublic {
        uuid: Some(UUID.to_owned()),
        ..Default::default()
    };

    let response = client
        .genai_cancel_indexing_job(UUID, Some(&body))
        .await
        .unwrap_or_else(|error| panic!("Prism rejected the request: {error}"));

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(violations(response.headers()), None);
    assert_eq!(response.rate_limit(), Some(example_rate_limit()));
    let job = response.into_body().job.expect("the example has a job");
    // A few fields by name, so a failure says plainly what broke; then all of them.
    assert_eq!(job.total_tokens, Some(12345));
    assert_eq!(job.phase, Some(BatchJobPhase::Unknown));
    assert_eq!(job.created_at, Some(example_time()));
    assert_eq!(job, example_job());
}

#[tokio::test]
async fn cancel_without_a_body_passes_validation_and_decodes_the_example() {
    let Some(url) = prism() else { return };
    let client = builder(&url).build().expect("client builds");

    let response = client
        .genai_cancel_indexing_job(UUID, None)
        .await
        .unwrap_or_else(|error| panic!("Prism rejected the request: {error}"));

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(violations(response.headers()), None);
    assert_eq!(response.job, Some(example_job()));
}

#[tokio::test]
async fn cancel_with_an_empty_body_passes_validation() {
    let Some(url) = prism() else { return };
    let client = builder(&url).build().expect("client builds");

    let response = client
        .genai_cancel_indexing_job(
            UUID,
            Some(&CancelKnowledgeBaseIndexingJobInputPublic::default()),
        )
        .await
        .unwrap_or_else(|error| panic!("Prism rejected the request: {error}"));

    assert_eq!(violations(response.headers()), None);
    assert_eq!(response.job, Some(example_job()));
}

// ---------------------------------------------------------------------------------------
// The declared error responses, asked for with `Prefer: code=N`
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn declared_401_decodes_into_api_error() {
    assert_declared_error(401, "unauthorized", "Unable to authenticate you.").await;
}

#[tokio::test]
async fn declared_404_decodes_into_api_error() {
    assert_declared_error(
        404,
        "not_found",
        "The resource you requested could not be found.",
    )
    .await;
}

/// With retries off (see [`builder`]); `declared_500_is_retried_before_it_is_reported`
/// covers retrying.
#[tokio::test]
async fn declared_429_decodes_into_api_error() {
    assert_declared_error(429, "too_many_requests", "API rate limit exceeded.").await;
}

/// With retries off (see [`builder`]).
#[tokio::test]
async fn declared_500_decodes_into_api_error() {
    assert_declared_error(500, "server_error", "Unexpected server-side error").await;
}

/// Prism answers 500 every time, so the client retries twice and then reports the third
/// answer. No jitter and a 200 ms first backoff: the waits are 200 ms and 400 ms, so the
/// call cannot take less than 600 ms if both retries happened (and takes a few ms if not).
/// (429 cannot show retries this way: the example's `ratelimit-reset` is in 2015, which the
/// client reads as "no wait", so its retries of 429 are immediate.)
#[tokio::test]
async fn declared_500_is_retried_before_it_is_reported() {
    let Some(url) = prism() else { return };
    let client = builder(&url)
        .retry_policy(RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(200),
            jitter: false,
            ..RetryPolicy::default()
        })
        .http_client(http_client(prefer_code(500)))
        .build()
        .expect("client builds");

    let started = Instant::now();
    let error = expect_api_error(client.genai_cancel_indexing_job(UUID, None).await);
    let elapsed = started.elapsed();

    assert_eq!(error.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(error.declared, Status::Code(500));
    assert_eq!(
        error.body,
        Some(error_body("server_error", "Unexpected server-side error"))
    );
    assert!(
        elapsed >= Duration::from_millis(600),
        "two retries wait 200 + 400 ms, but the call took {elapsed:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Requests Prism rejects: its validation is real
// ---------------------------------------------------------------------------------------

/// Without a token the client refuses the call before sending it: the operation requires
/// the `bearer_auth` scheme and no credential for it was set.
#[tokio::test]
async fn the_client_refuses_a_call_without_the_token() {
    let Some(url) = prism() else { return };
    let client = Client::builder()
        .base_url(&url)
        .max_retries(0)
        .build()
        .expect("client builds");

    match client.genai_cancel_indexing_job(UUID, None).await {
        Err(Error::InvalidRequest(RequestError::MissingCredential { alternatives })) => {
            assert_eq!(alternatives, vec![vec!["bearer_auth"]]);
        }
        other => panic!("expected a missing credential, got {other:?}"),
    }
}

/// The operation's own request with its security requirement removed: no `Authorization`
/// header is sent, so Prism's security check fails and it answers the declared 401 with
/// its example, which the client maps to `Error::Api`. The `sl-violations` header tells
/// this 401 from a mocked one. With `Prefer: code=404`, the check still comes first.
#[tokio::test]
async fn prism_rejects_a_request_without_the_token() {
    let Some(url) = prism() else { return };
    for headers in [HeaderMap::new(), prefer_code(404)] {
        let client = Client::builder()
            .base_url(&url)
            .max_retries(0)
            .http_client(http_client(headers))
            .build()
            .expect("client builds");
        let mut request = genai_cancel_indexing_job::request(UUID, None).expect("request builds");
        request.security(&[]);

        let error = expect_api_error(
            client
                .execute(request, genai_cancel_indexing_job::response)
                .await,
        );

        assert_eq!(error.status, StatusCode::UNAUTHORIZED);
        assert_eq!(error.declared, Status::Code(401));
        assert_eq!(
            error.body,
            Some(error_body("unauthorized", "Unable to authenticate you."))
        );
        let violations = violations(&error.headers).expect("Prism reports the violation");
        assert!(
            violations.contains("Invalid security scheme used"),
            "unexpected violations: {violations}"
        );
    }
}

/// A body that breaks the schema (`uuid` must be a string), sent through the client's
/// runtime with the operation's own request builder and decoder: Prism answers 422, which
/// the spec does not declare, so it builds the answer from `default` and the client
/// reports it as `Error::Api` matched by `default`.
#[tokio::test]
async fn prism_rejects_a_body_that_breaks_the_schema() {
    let Some(url) = prism() else { return };
    let client = builder(&url).build().expect("client builds");
    let mut request = genai_cancel_indexing_job::request(UUID, None).expect("request builds");
    request
        .json(&serde_json::json!({ "uuid": 5 }))
        .expect("body serializes");

    let error = expect_api_error(
        client
            .execute(request, genai_cancel_indexing_job::response)
            .await,
    );

    assert_eq!(error.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error.declared, Status::Default);
    assert_eq!(
        error.body,
        Some(error_body("example_error", "some error message"))
    );
    let violations = violations(&error.headers).expect("Prism reports the violation");
    assert!(
        violations.contains("uuid must be string"),
        "unexpected violations: {violations}"
    );
}
