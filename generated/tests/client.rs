//! Behaviour of the generated client against a real HTTP server on 127.0.0.1 (wiremock):
//! what goes on the wire, decoding, retries and their waits, timeouts, error mapping,
//! path-parameter encoding and keeping the token secret.

use std::net::TcpListener;
use std::process::Command;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use generated::models::{
    BatchJobPhase, CancelKnowledgeBaseIndexingJobInputPublic, CancelKnowledgeBaseIndexingJobOutput,
    IndexJobStatus, IndexedDataSourceStatus,
};
use generated::runtime::response::DecodeError;
use generated::runtime::retry::server_wait;
use generated::runtime::{
    PathPart, Request, RequestError, Scheme, SchemeKind, Status, response as decoding,
};
use generated::{BuildError, Client, ClientBuilder, Error, RateLimit, RetryPolicy, models};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use serde_json::{Value, json};
use time::OffsetDateTime;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const UUID: &str = "79ca9798-cf7d-11ef-bf8f-4e013e2ddde4";
const TOKEN: &str = "test-token";
/// The job path for [`UUID`].
const JOB_PATH: &str = "/v2/gen-ai/indexing_jobs/79ca9798-cf7d-11ef-bf8f-4e013e2ddde4/cancel";

type CallError = Error<models::ErrorModel>;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// Retries as by default (2 retries), but with waits of milliseconds and no jitter.
fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(50),
        jitter: false,
        ..Default::default()
    }
}

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .base_url(server.uri())
        .token(TOKEN)
        .retry_policy(fast_retry())
}

fn client(server: &MockServer) -> Client {
    builder(server).build().expect("client builds")
}

/// The example of a successful response, from the spec.
fn example_job() -> Value {
    json!({
        "job": {
            "completed_datasources": 123,
            "created_at": "2023-01-01T00:00:00Z",
            "data_source_jobs": [{
                "completed_at": "2023-01-01T00:00:00Z",
                "data_source_uuid": "123e4567-e89b-12d3-a456-426614174000",
                "error_details": "example string",
                "error_msg": "example string",
                "failed_item_count": "12345",
                "indexed_file_count": "12345",
                "indexed_item_count": "12345",
                "removed_item_count": "12345",
                "skipped_item_count": "12345",
                "started_at": "2023-01-01T00:00:00Z",
                "status": "DATA_SOURCE_STATUS_UNKNOWN",
                "total_bytes": "12345",
                "total_bytes_indexed": "12345",
                "total_file_count": "12345"
            }],
            "data_source_uuids": ["example string"],
            "finished_at": "2023-01-01T00:00:00Z",
            "is_report_available": true,
            "knowledge_base_uuid": "123e4567-e89b-12d3-a456-426614174000",
            "phase": "BATCH_JOB_PHASE_UNKNOWN",
            "started_at": "2023-01-01T00:00:00Z",
            "status": "INDEX_JOB_STATUS_UNKNOWN",
            "tokens": 123,
            "total_datasources": 123,
            "total_tokens": "12345",
            "updated_at": "2023-01-01T00:00:00Z",
            "uuid": "123e4567-e89b-12d3-a456-426614174000"
        }
    })
}

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(example_job())
}

/// A DigitalOcean error response.
fn do_error(status: u16, id: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({
        "id": id,
        "message": message,
        "request_id": "4d9d8375-3c56-4925-a3e7-eb137fed17e9",
    }))
}

/// Answers every request with `response`.
async fn always(server: &MockServer, response: ResponseTemplate) {
    Mock::given(any())
        .respond_with(response)
        .mount(server)
        .await;
}

/// Answers the first `times` requests with `first`, then every other one with `then`.
async fn first_then(
    server: &MockServer,
    first: ResponseTemplate,
    times: u64,
    then: ResponseTemplate,
) {
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(any())
        .respond_with(then)
        .with_priority(2)
        .mount(server)
        .await;
}

async fn received(server: &MockServer) -> Vec<wiremock::Request> {
    server
        .received_requests()
        .await
        .expect("request recording is on")
}

async fn cancel(client: &Client) -> Result<CancelKnowledgeBaseIndexingJobOutput, CallError> {
    let body = CancelKnowledgeBaseIndexingJobInputPublic {
        uuid: Some(UUID.to_owned()),
        ..Default::default()
    };
    client
        .genai_cancel_indexing_job(UUID, Some(&body))
        .await
        .map(generated::Response::into_body)
}

/// What every error must be: one line of `Display` naming the status (if any), and no
/// token in `Display` or `Debug`.
fn check_error<E: std::fmt::Debug>(error: &Error<E>) {
    let display = error.to_string();
    let debug = format!("{error:?}");
    assert!(
        !display.contains('\n') && !display.contains('\r'),
        "Display is not one line: {display:?}"
    );
    assert!(!display.contains(TOKEN), "token in Display: {display}");
    assert!(!debug.contains(TOKEN), "token in Debug: {debug}");
    if let Some(status) = error.status() {
        assert!(
            display.contains(status.as_str()),
            "Display does not name the status {status}: {display}"
        );
    }
}

fn api_error(error: CallError) -> Box<generated::ApiError<models::ErrorModel>> {
    check_error(&error);
    match error {
        Error::Api(api) => api,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

fn unexpected(error: CallError) -> Box<generated::runtime::UnexpectedResponse> {
    check_error(&error);
    match error {
        Error::UnexpectedResponse(response) => response,
        other => panic!("expected Error::UnexpectedResponse, got {other:?}"),
    }
}

fn utc(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).expect("valid timestamp")
}

// ---------------------------------------------------------------------------------------
// What is sent
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn sends_put_with_token_json_body_and_user_agent() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(JOB_PATH))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;

    cancel(&client(&server)).await.expect("success");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "PUT");
    assert_eq!(request.url.path(), JOB_PATH);
    assert_eq!(request.url.query(), None);
    assert_eq!(
        request.headers.get("authorization").unwrap(),
        "Bearer test-token"
    );
    assert_eq!(
        request.headers.get("content-type").unwrap(),
        "application/json"
    );
    assert_eq!(
        request.headers.get("user-agent").unwrap(),
        generated::USER_AGENT
    );
    assert!(generated::USER_AGENT.starts_with("generated/"));
    assert_eq!(
        String::from_utf8(request.body.clone()).unwrap(),
        format!(r#"{{"uuid":"{UUID}"}}"#)
    );
}

#[tokio::test]
async fn without_body_sends_no_body_and_no_content_type() {
    let server = MockServer::start().await;
    always(&server, ok()).await;

    client(&server)
        .genai_cancel_indexing_job(UUID, None)
        .await
        .expect("success");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method.as_str(), "PUT");
    assert_eq!(requests[0].url.path(), JOB_PATH);
    assert!(requests[0].body.is_empty(), "{:?}", requests[0].body);
    assert_eq!(requests[0].headers.get("content-type"), None);
    assert_eq!(
        requests[0].headers.get("authorization").unwrap(),
        "Bearer test-token"
    );
}

#[tokio::test]
async fn empty_body_object_is_sent_as_empty_json_object() {
    let server = MockServer::start().await;
    always(&server, ok()).await;

    let body = CancelKnowledgeBaseIndexingJobInputPublic::default();
    client(&server)
        .genai_cancel_indexing_job(UUID, Some(&body))
        .await
        .expect("success");

    let requests = received(&server).await;
    assert_eq!(requests[0].body, b"{}");
    assert_eq!(
        requests[0].headers.get("content-type").unwrap(),
        "application/json"
    );
}

#[tokio::test]
async fn custom_user_agent_and_base_url_with_trailing_slash_or_prefix() {
    let server = MockServer::start().await;
    always(&server, ok()).await;

    let with_slash = builder(&server)
        .base_url(format!("{}/", server.uri()))
        .user_agent("my-app/1.2")
        .build()
        .unwrap();
    cancel(&with_slash).await.expect("success");
    let with_prefix = builder(&server)
        .base_url(format!("{}/proxy/", server.uri()))
        .build()
        .unwrap();
    cancel(&with_prefix).await.expect("success");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].url.path(), JOB_PATH);
    assert_eq!(requests[0].headers.get("user-agent").unwrap(), "my-app/1.2");
    assert_eq!(requests[1].url.path(), format!("/proxy{JOB_PATH}"));
}

// ---------------------------------------------------------------------------------------
// Success
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn decodes_the_example_response_with_status_headers_and_rate_limit() {
    let server = MockServer::start().await;
    always(
        &server,
        ok().insert_header("ratelimit-limit", "5000")
            .insert_header("ratelimit-remaining", "4816")
            .insert_header("ratelimit-reset", "1444931833")
            .insert_header("x-request-id", "abc-123"),
    )
    .await;

    let body = CancelKnowledgeBaseIndexingJobInputPublic {
        uuid: Some(UUID.to_owned()),
        ..Default::default()
    };
    let response = client(&server)
        .genai_cancel_indexing_job(UUID, Some(&body))
        .await
        .expect("success");

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers().get("x-request-id").unwrap(), "abc-123");
    assert_eq!(
        response.headers().get("content-type").unwrap(),
        "application/json"
    );
    assert_eq!(
        response.rate_limit(),
        Some(RateLimit {
            limit: Some(5000),
            remaining: Some(4816),
            reset: Some(1_444_931_833),
        })
    );

    let job = response.into_body().job.expect("job");
    assert_eq!(
        job.uuid.as_deref(),
        Some("123e4567-e89b-12d3-a456-426614174000")
    );
    assert_eq!(
        job.knowledge_base_uuid.as_deref(),
        Some("123e4567-e89b-12d3-a456-426614174000")
    );
    assert_eq!(job.total_tokens, Some(12345_u64));
    assert_eq!(job.completed_datasources, Some(123));
    assert_eq!(job.total_datasources, Some(123));
    assert_eq!(job.is_report_available, Some(true));
    // 2023-01-01T00:00:00Z
    assert_eq!(job.created_at, Some(utc(1_672_531_200)));
    assert_eq!(job.finished_at, Some(utc(1_672_531_200)));
    assert_eq!(job.created_at.unwrap().offset(), time::UtcOffset::UTC);
    assert_eq!(job.status, Some(IndexJobStatus::Unknown));
    assert_eq!(job.phase, Some(BatchJobPhase::Unknown));
    assert_eq!(
        job.data_source_uuids,
        Some(vec!["example string".to_owned()])
    );

    let sources = job.data_source_jobs.expect("data source jobs");
    assert_eq!(sources.len(), 1);
    let source = &sources[0];
    assert_eq!(source.status, Some(IndexedDataSourceStatus::Unknown));
    assert_eq!(source.failed_item_count, Some(12345));
    assert_eq!(source.total_bytes, Some(12345));
    assert_eq!(source.total_file_count, Some(12345));
    assert_eq!(source.completed_at, Some(utc(1_672_531_200)));
    assert_eq!(source.error_msg.as_deref(), Some("example string"));
}

#[tokio::test]
async fn decodes_known_and_unknown_enum_values_and_offsets() {
    let server = MockServer::start().await;
    always(
        &server,
        ResponseTemplate::new(200).set_body_json(json!({
            "job": {
                "status": "INDEX_JOB_STATUS_CANCELLED",
                "phase": "BATCH_JOB_PHASE_SOMETHING_NEW",
                "total_tokens": "18446744073709551615",
                "created_at": "2024-06-30T12:34:56.789+02:00",
                "data_source_jobs": [{"status": "DATA_SOURCE_STATUS_CANCELLED"}]
            }
        })),
    )
    .await;

    let response = client(&server)
        .genai_cancel_indexing_job(UUID, None)
        .await
        .expect("success");

    // No rate-limit headers: none reported.
    assert_eq!(response.rate_limit(), None);
    let job = response.into_body().job.unwrap();
    assert_eq!(job.status, Some(IndexJobStatus::Cancelled));
    assert_eq!(
        job.phase,
        Some(BatchJobPhase::Other("BATCH_JOB_PHASE_SOMETHING_NEW".into()))
    );
    assert_eq!(job.total_tokens, Some(u64::MAX));
    let created = job.created_at.unwrap();
    assert_eq!(created.unix_timestamp(), 1_719_743_696);
    assert_eq!(created.millisecond(), 789);
    assert_eq!(created.offset().whole_hours(), 2);
    assert_eq!(
        job.data_source_jobs.unwrap()[0].status,
        Some(IndexedDataSourceStatus::Cancelled)
    );
    assert_eq!(job.uuid, None);
}

// ---------------------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn retryable_statuses_are_retried_until_success() {
    for status in [500, 502, 503, 504, 429, 408, 409] {
        let server = MockServer::start().await;
        first_then(&server, ResponseTemplate::new(status), 2, ok()).await;

        let job = cancel(&client(&server))
            .await
            .unwrap_or_else(|error| panic!("status {status}: {error}"));

        assert_eq!(job, serde_json::from_value(example_job()).unwrap());
        let requests = received(&server).await;
        assert_eq!(requests.len(), 3, "status {status}");
        // Every attempt is the same request.
        for request in &requests {
            assert_eq!(request.method.as_str(), "PUT");
            assert_eq!(request.url.path(), JOB_PATH);
            assert_eq!(request.body, requests[0].body);
            assert_eq!(
                request.headers.get("authorization").unwrap(),
                "Bearer test-token"
            );
        }
    }
}

#[tokio::test]
async fn retries_stop_at_the_limit_and_return_the_last_error() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(do_error(
            500,
            "server_error",
            "Server was unable to give you a response.",
        ))
        .expect(3)
        .mount(&server)
        .await;

    let error = cancel(&client(&server)).await.unwrap_err();

    let api = api_error(error);
    assert_eq!(api.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(api.declared, Status::Code(500));
    assert_eq!(api.body.unwrap().id, "server_error");
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn max_retries_sets_the_number_of_attempts() {
    for (retries, attempts) in [(0, 1), (1, 2), (3, 4)] {
        let server = MockServer::start().await;
        always(&server, ResponseTemplate::new(503)).await;

        let client = builder(&server).max_retries(retries).build().unwrap();
        let error = cancel(&client).await.unwrap_err();

        let api = api_error(error);
        assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(api.declared, Status::Default);
        assert_eq!(
            received(&server).await.len(),
            attempts,
            "max_retries {retries}"
        );
    }
}

#[tokio::test]
async fn never_policy_makes_one_attempt() {
    let server = MockServer::start().await;
    always(&server, ResponseTemplate::new(500)).await;

    let client = builder(&server)
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap();
    let api = api_error(cancel(&client).await.unwrap_err());

    assert_eq!(api.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    for status in [400, 401, 403, 404, 422] {
        let server = MockServer::start().await;
        first_then(&server, do_error(status, "nope", "Not retried."), 1, ok()).await;

        let api = api_error(cancel(&client(&server)).await.unwrap_err());

        assert_eq!(api.status.as_u16(), status);
        assert_eq!(api.body.unwrap().message, "Not retried.");
        assert_eq!(received(&server).await.len(), 1, "status {status}");
    }
}

#[test]
fn retry_policy_allows_idempotent_methods_only_unless_told() {
    let policy = RetryPolicy::default();
    for verb in [
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::DELETE,
        Method::OPTIONS,
    ] {
        assert!(policy.allows(&verb), "{verb}");
    }
    for verb in [Method::POST, Method::PATCH] {
        assert!(!policy.allows(&verb), "{verb}");
    }
    let everything = RetryPolicy {
        retry_non_idempotent: true,
        ..RetryPolicy::default()
    };
    for verb in [Method::POST, Method::PATCH, Method::PUT, Method::GET] {
        assert!(everything.allows(&verb), "{verb}");
    }
}

#[test]
fn retry_policy_defaults_and_retryable_statuses() {
    let policy = RetryPolicy::default();
    assert_eq!(policy.max_retries, 2);
    assert_eq!(policy.initial_backoff, Duration::from_millis(500));
    assert_eq!(policy.max_backoff, Duration::from_secs(8));
    assert_eq!(policy.max_retry_after, Duration::from_secs(60));
    assert!(!policy.retry_non_idempotent);
    assert!(policy.jitter);
    assert_eq!(RetryPolicy::never().max_retries, 0);

    for code in [408, 409, 429, 500, 501, 502, 503, 504, 599] {
        let status = StatusCode::from_u16(code).unwrap();
        assert!(RetryPolicy::retryable_status(status), "{code}");
    }
    for code in [200, 201, 204, 301, 304, 400, 401, 403, 404, 410, 422] {
        let status = StatusCode::from_u16(code).unwrap();
        assert!(!RetryPolicy::retryable_status(status), "{code}");
    }
}

// ---------------------------------------------------------------------------------------
// Waiting before a retry
// ---------------------------------------------------------------------------------------

fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, HeaderValue::from_str(value).unwrap());
    }
    map
}

fn at(unix: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(unix)
}

#[test]
fn server_wait_reads_retry_after_seconds_dates_and_milliseconds() {
    let now = at(1_445_412_450); // Wed, 21 Oct 2015 07:27:30 GMT
    let unavailable = StatusCode::SERVICE_UNAVAILABLE;
    let wait = |pairs: &[(&'static str, &str)]| server_wait(unavailable, &headers(pairs), now);

    assert_eq!(
        wait(&[("retry-after", "120")]),
        Some(Duration::from_secs(120))
    );
    assert_eq!(wait(&[("retry-after", " 0 ")]), Some(Duration::ZERO));
    assert_eq!(
        wait(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")]),
        Some(Duration::from_secs(30))
    );
    // A date already past: retry now.
    assert_eq!(
        wait(&[("retry-after", "Wed, 21 Oct 2015 07:00:00 GMT")]),
        Some(Duration::ZERO)
    );
    assert_eq!(
        wait(&[("retry-after-ms", "1500")]),
        Some(Duration::from_millis(1500))
    );
    // retry-after-ms is the more precise and wins.
    assert_eq!(
        wait(&[("retry-after-ms", "250"), ("retry-after", "7")]),
        Some(Duration::from_millis(250))
    );
    // Nonsense is no request at all.
    assert_eq!(wait(&[("retry-after", "soon")]), None);
    assert_eq!(wait(&[("retry-after", "-1")]), None);
    assert_eq!(wait(&[("retry-after", "NaN")]), None);
    assert_eq!(wait(&[]), None);
}

#[test]
fn server_wait_reads_ratelimit_reset_only_for_429() {
    let now = at(1_444_931_800);
    let reset = headers(&[("ratelimit-reset", "1444931833")]);

    // Unix seconds, as DigitalOcean sends it.
    assert_eq!(
        server_wait(StatusCode::TOO_MANY_REQUESTS, &reset, now),
        Some(Duration::from_secs(33))
    );
    // A reset already past: retry now.
    assert_eq!(
        server_wait(StatusCode::TOO_MANY_REQUESTS, &reset, at(1_444_931_900)),
        Some(Duration::ZERO)
    );
    // A small number is seconds from now.
    assert_eq!(
        server_wait(
            StatusCode::TOO_MANY_REQUESTS,
            &headers(&[("ratelimit-reset", "5")]),
            now
        ),
        Some(Duration::from_secs(5))
    );
    // Every DigitalOcean response carries ratelimit-reset; only a 429 means "wait for it".
    assert_eq!(
        server_wait(StatusCode::SERVICE_UNAVAILABLE, &reset, now),
        None
    );
    assert_eq!(server_wait(StatusCode::OK, &reset, now), None);
    // Retry-After is preferred to ratelimit-reset.
    assert_eq!(
        server_wait(
            StatusCode::TOO_MANY_REQUESTS,
            &headers(&[("ratelimit-reset", "1444931833"), ("retry-after", "2")]),
            now
        ),
        Some(Duration::from_secs(2))
    );
}

#[test]
fn delay_doubles_the_backoff_up_to_its_maximum() {
    let policy = RetryPolicy {
        initial_backoff: Duration::from_millis(100),
        max_backoff: Duration::from_secs(1),
        jitter: false,
        ..RetryPolicy::default()
    };
    let delays: Vec<Duration> = (0..6).map(|retry| policy.delay(retry, None)).collect();
    assert_eq!(
        delays,
        [100, 200, 400, 800, 1000, 1000].map(Duration::from_millis)
    );
    // Huge retry numbers do not overflow.
    assert_eq!(policy.delay(u32::MAX, None), Duration::from_secs(1));

    let jittered = RetryPolicy {
        jitter: true,
        ..policy.clone()
    };
    for retry in 0..4 {
        let full = policy.delay(retry, None);
        for _ in 0..50 {
            let delay = jittered.delay(retry, None);
            assert!(
                delay <= full && delay >= full.mul_f64(0.75),
                "{delay:?} vs {full:?}"
            );
        }
    }
}

#[test]
fn delay_honours_the_server_within_max_retry_after() {
    let policy = RetryPolicy {
        initial_backoff: Duration::from_millis(100),
        max_backoff: Duration::from_secs(1),
        max_retry_after: Duration::from_secs(60),
        jitter: false,
        ..RetryPolicy::default()
    };
    let unavailable = StatusCode::SERVICE_UNAVAILABLE;

    let asked = headers(&[("retry-after", "5")]);
    assert_eq!(
        policy.delay(0, Some((unavailable, &asked))),
        Duration::from_secs(5)
    );
    let at_limit = headers(&[("retry-after", "60")]);
    assert_eq!(
        policy.delay(0, Some((unavailable, &at_limit))),
        Duration::from_secs(60)
    );
    // Longer than max_retry_after: ignored in favour of the backoff.
    let too_long = headers(&[("retry-after", "3600")]);
    assert_eq!(
        policy.delay(1, Some((unavailable, &too_long))),
        Duration::from_millis(200)
    );
    // Nothing asked: the backoff.
    assert_eq!(
        policy.delay(2, Some((unavailable, &HeaderMap::new()))),
        Duration::from_millis(400)
    );
}

#[tokio::test]
async fn retry_after_seconds_is_honoured() {
    let server = MockServer::start().await;
    first_then(
        &server,
        ResponseTemplate::new(503).insert_header("retry-after", "1"),
        1,
        ok(),
    )
    .await;

    let started = Instant::now();
    cancel(&client(&server)).await.expect("success after retry");
    let elapsed = started.elapsed();

    assert!(elapsed >= Duration::from_millis(1000), "{elapsed:?}");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn retry_after_ms_is_honoured() {
    let server = MockServer::start().await;
    first_then(
        &server,
        ResponseTemplate::new(429).insert_header("retry-after-ms", "300"),
        1,
        ok(),
    )
    .await;

    let started = Instant::now();
    cancel(&client(&server)).await.expect("success after retry");
    let elapsed = started.elapsed();

    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn ratelimit_reset_of_a_429_is_honoured() {
    let server = MockServer::start().await;
    first_then(
        &server,
        do_error(429, "too_many_requests", "API rate limit exceeded.")
            .insert_header("ratelimit-limit", "5000")
            .insert_header("ratelimit-remaining", "0")
            .insert_header("ratelimit-reset", "1"),
        1,
        ok(),
    )
    .await;

    let started = Instant::now();
    cancel(&client(&server)).await.expect("success after retry");
    let elapsed = started.elapsed();

    assert!(elapsed >= Duration::from_millis(1000), "{elapsed:?}");
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn retry_after_beyond_max_retry_after_falls_back_to_the_backoff() {
    let server = MockServer::start().await;
    first_then(
        &server,
        ResponseTemplate::new(503).insert_header("retry-after", "3600"),
        1,
        ok(),
    )
    .await;

    // Were the hour honoured, this would not finish; 10 s is only a guard against hanging.
    let outcome = tokio::time::timeout(Duration::from_secs(10), cancel(&client(&server))).await;

    outcome.expect("the hour was not waited").expect("success");
    assert_eq!(received(&server).await.len(), 2);
}

// ---------------------------------------------------------------------------------------
// Timeouts and transport failures
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn slow_server_times_out() {
    let server = MockServer::start().await;
    always(&server, ok().set_delay(Duration::from_secs(3))).await;

    let client = builder(&server)
        .timeout(Some(Duration::from_millis(200)))
        .max_retries(0)
        .build()
        .unwrap();
    let started = Instant::now();
    let error = cancel(&client).await.unwrap_err();

    check_error(&error);
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert_eq!(error.status(), None);
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert!(
        error.to_string().starts_with("request timed out"),
        "{error}"
    );
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn timeouts_are_retried() {
    let server = MockServer::start().await;
    always(&server, ok().set_delay(Duration::from_secs(3))).await;

    let client = builder(&server)
        .timeout(Some(Duration::from_millis(200)))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = cancel(&client).await.unwrap_err();

    check_error(&error);
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert!(started.elapsed() >= Duration::from_millis(600));
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn a_timed_out_attempt_is_followed_by_a_successful_one() {
    let server = MockServer::start().await;
    first_then(&server, ok().set_delay(Duration::from_secs(3)), 1, ok()).await;

    let client = builder(&server)
        .timeout(Some(Duration::from_millis(200)))
        .build()
        .unwrap();
    let job = cancel(&client).await.expect("second attempt succeeds");

    assert_eq!(job.job.unwrap().total_tokens, Some(12345));
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn refused_connection_is_a_transport_error() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .token(TOKEN)
        .retry_policy(fast_retry())
        .build()
        .unwrap();

    let error = cancel(&client).await.unwrap_err();

    check_error(&error);
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(error.to_string().starts_with("request failed"), "{error}");
    assert!(std::error::Error::source(&error).is_some());
}

// ---------------------------------------------------------------------------------------
// Error mapping
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn declared_error_statuses_decode_the_error_body() {
    let cases = [
        (401, "unauthorized", "Unable to authenticate you."),
        (
            404,
            "not_found",
            "The resource you requested could not be found.",
        ),
        (429, "too_many_requests", "API rate limit exceeded."),
        (
            500,
            "server_error",
            "Server was unable to give you a response.",
        ),
    ];
    for (status, id, message) in cases {
        let server = MockServer::start().await;
        always(
            &server,
            do_error(status, id, message).insert_header("ratelimit-remaining", "17"),
        )
        .await;

        let client = builder(&server).max_retries(0).build().unwrap();
        let error = cancel(&client).await.unwrap_err();

        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        let display = error.to_string();
        assert_eq!(
            display,
            format!(
                "API error {}: {id}: {message}",
                StatusCode::from_u16(status).unwrap()
            )
        );
        let api = api_error(error);
        assert_eq!(api.status.as_u16(), status);
        assert_eq!(api.declared, Status::Code(status));
        assert_eq!(
            api.body.as_ref().unwrap(),
            &models::ErrorModel {
                request_id: Some("4d9d8375-3c56-4925-a3e7-eb137fed17e9".to_owned()),
                ..models::ErrorModel::new(id, message)
            }
        );
        let raw: Value = serde_json::from_slice(&api.raw).unwrap();
        assert_eq!(raw["id"], id);
        assert_eq!(api.rate_limit().unwrap().remaining, Some(17));
        assert_eq!(api.headers.get("content-type").unwrap(), "application/json");
        assert_eq!(received(&server).await.len(), 1);
    }
}

#[tokio::test]
async fn other_statuses_map_to_default() {
    for status in [418, 503, 400, 302] {
        let server = MockServer::start().await;
        always(&server, do_error(status, "teapot", "I'm a teapot.")).await;

        let client = builder(&server).max_retries(0).build().unwrap();
        let error = cancel(&client).await.unwrap_err();

        assert!(
            error.to_string().contains("(declared as `default`)"),
            "{error}"
        );
        let api = api_error(error);
        assert_eq!(api.status.as_u16(), status);
        assert_eq!(api.declared, Status::Default);
        assert_eq!(api.body.unwrap().id, "teapot");
    }
}

#[tokio::test]
async fn non_json_error_body_is_an_unexpected_response_keeping_the_body() {
    let html = "<html><body><h1>502 Bad Gateway</h1>\n</body></html>";
    let server = MockServer::start().await;
    always(
        &server,
        ResponseTemplate::new(502).set_body_raw(html, "text/html"),
    )
    .await;

    let client = builder(&server).max_retries(0).build().unwrap();
    let error = cancel(&client).await.unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::BAD_GATEWAY));
    let response = unexpected(error);
    assert_eq!(response.status, StatusCode::BAD_GATEWAY);
    assert_eq!(response.body, Bytes::from(html));
    assert_eq!(response.headers.get("content-type").unwrap(), "text/html");
    assert!(
        matches!(response.reason, Some(DecodeError::Json(_))),
        "{:?}",
        response.reason
    );
    let display = response.to_string();
    assert!(
        display.starts_with("unexpected response 502 Bad Gateway: "),
        "{display}"
    );
    assert!(
        display.ends_with(&format!("({} bytes of body kept)", html.len())),
        "{display}"
    );
}

#[tokio::test]
async fn non_json_502_after_retries_is_still_kept() {
    let server = MockServer::start().await;
    always(
        &server,
        ResponseTemplate::new(502).set_body_raw("<html>bad gateway</html>", "text/html"),
    )
    .await;

    let error = cancel(&client(&server)).await.unwrap_err();

    let response = unexpected(error);
    assert_eq!(response.status, StatusCode::BAD_GATEWAY);
    assert_eq!(
        response.body,
        Bytes::from_static(b"<html>bad gateway</html>")
    );
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn error_without_body_is_api_with_no_body() {
    for body in ["", " \r\n"] {
        let server = MockServer::start().await;
        always(&server, ResponseTemplate::new(404).set_body_string(body)).await;

        let error = cancel(&client(&server)).await.unwrap_err();

        assert_eq!(error.to_string(), "API error 404 Not Found");
        let api = api_error(error);
        assert_eq!(api.status, StatusCode::NOT_FOUND);
        assert_eq!(api.declared, Status::Code(404));
        assert_eq!(api.body, None);
        assert_eq!(api.raw, Bytes::from(body));
    }
}

#[tokio::test]
async fn error_body_missing_required_fields_is_unexpected() {
    let server = MockServer::start().await;
    always(
        &server,
        ResponseTemplate::new(401).set_body_json(json!({"id": "unauthorized"})),
    )
    .await;

    let error = cancel(&client(&server)).await.unwrap_err();

    let response = unexpected(error);
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.body,
        Bytes::from_static(br#"{"id":"unauthorized"}"#)
    );
    assert!(matches!(response.reason, Some(DecodeError::Json(_))));
}

#[tokio::test]
async fn malformed_success_body_is_unexpected_and_kept() {
    let bodies = [
        r#"{"job": {"uuid": "#,
        r#"{"job": {"total_tokens": "twelve"}}"#,
        r#"{"job": {"created_at": "yesterday"}}"#,
        "not json at all",
    ];
    for body in bodies {
        let server = MockServer::start().await;
        always(
            &server,
            ResponseTemplate::new(200).set_body_raw(body, "application/json"),
        )
        .await;

        let error = cancel(&client(&server)).await.unwrap_err();

        let response = unexpected(error);
        assert_eq!(response.status, StatusCode::OK);
        assert_eq!(response.body, Bytes::from(body));
        assert!(
            matches!(response.reason, Some(DecodeError::Json(_))),
            "{body}"
        );
        // A 200 is not retried, however bad its body.
        assert_eq!(received(&server).await.len(), 1);
    }
}

#[tokio::test]
async fn error_display_stays_on_one_line_whatever_the_server_says() {
    let server = MockServer::start().await;
    always(
        &server,
        do_error(422, "bad\nid", "first line\r\nsecond line\tand a tab\u{7}"),
    )
    .await;

    let error = cancel(&client(&server)).await.unwrap_err();

    assert_eq!(
        error.to_string(),
        "API error 422 Unprocessable Entity (declared as `default`): \
         bad id: first line second line and a tab"
    );
    let api = api_error(error);
    // The decoded body is kept as sent.
    assert_eq!(
        api.body.unwrap().message,
        "first line\r\nsecond line\tand a tab\u{7}"
    );
}

// ---------------------------------------------------------------------------------------
// Path parameters
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn path_parameter_stays_one_encoded_segment() {
    let cases = [
        ("../droplets", "..%2Fdroplets"),
        ("a/b", "a%2Fb"),
        ("a?b=c", "a%3Fb%3Dc"),
        ("a#frag", "a%23frag"),
        ("100%", "100%25"),
        ("with space", "with%20space"),
        ("%2e%2e", "%252e%252e"),
        (".%2e", ".%252e"),
        ("...", "..."),
        ("a\r\nb", "a%0D%0Ab"),
        ("a;b&c=d+e", "a%3Bb%26c%3Dd%2Be"),
        ("ü", "%C3%BC"),
        (UUID, UUID),
    ];
    let server = MockServer::start().await;
    always(&server, ok()).await;
    let client = client(&server);

    for (uuid, encoded) in cases {
        client
            .genai_cancel_indexing_job(uuid, None)
            .await
            .unwrap_or_else(|error| panic!("{uuid:?}: {error}"));

        let requests = received(&server).await;
        let request = requests.last().unwrap();
        assert_eq!(
            request.url.path(),
            format!("/v2/gen-ai/indexing_jobs/{encoded}/cancel"),
            "{uuid:?}"
        );
        assert_eq!(request.url.query(), None, "{uuid:?}");
        assert_eq!(request.url.fragment(), None, "{uuid:?}");
    }
    assert_eq!(received(&server).await.len(), cases.len());
}

#[tokio::test]
async fn empty_and_dot_path_parameters_are_refused_before_sending() {
    let server = MockServer::start().await;
    always(&server, ok()).await;
    let client = client(&server);

    let empty = client
        .genai_cancel_indexing_job("", None)
        .await
        .unwrap_err();
    check_error(&empty);
    assert!(
        matches!(
            empty,
            Error::InvalidRequest(RequestError::EmptyPathParameter { name: "uuid" })
        ),
        "{empty:?}"
    );
    assert_eq!(
        empty.to_string(),
        "invalid request, not sent: path parameter `uuid` is empty"
    );
    for dots in [".", ".."] {
        let error = client
            .genai_cancel_indexing_job(dots, None)
            .await
            .unwrap_err();
        check_error(&error);
        assert!(
            matches!(
                error,
                Error::InvalidRequest(RequestError::DotPathParameter { name: "uuid" })
            ),
            "{dots}: {error:?}"
        );
    }

    assert_eq!(received(&server).await.len(), 0);
}

#[tokio::test]
async fn invalid_base_url_is_refused_before_sending() {
    let client = Client::builder()
        .base_url("http://not a url")
        .token(TOKEN)
        .build()
        .unwrap();

    let error = cancel(&client).await.unwrap_err();

    check_error(&error);
    assert!(
        matches!(error, Error::InvalidRequest(RequestError::InvalidUrl(_))),
        "{error:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Secrets and building
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn token_is_not_in_client_debug() {
    let server = MockServer::start().await;
    let client = client(&server);

    let debug = format!("{client:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(debug.contains("redacted"), "{debug}");
    assert!(debug.contains(&server.uri()), "{debug}");

    let builder_debug = format!("{:?}", builder(&server));
    assert!(!builder_debug.contains(TOKEN), "{builder_debug}");

    let alternate = format!("{client:#?}");
    assert!(!alternate.contains(TOKEN), "{alternate}");
}

#[test]
fn defaults_of_the_generated_client() {
    let client = Client::new(TOKEN).unwrap();
    assert_eq!(client.base_url(), "https://api.digitalocean.com");
    assert_eq!(client.base_url(), generated::DEFAULT_BASE_URL);
    assert_eq!(client.retry_policy(), &RetryPolicy::default());
    assert_eq!(generated::TOKEN_ENV, "DIGITALOCEAN_ACCESS_TOKEN");
}

#[test]
fn token_with_line_break_is_refused_at_build_time() {
    for token in ["abc\r\nX-Injected: 1", "abc\n", "a\u{0}b"] {
        let error = Client::builder().token(token).build().unwrap_err();
        assert!(matches!(error, BuildError::InvalidToken), "{error:?}");
        let shown = format!("{error} {error:?}");
        assert!(
            !shown.contains("abc") && !shown.contains("Injected"),
            "{shown}"
        );
    }
    let error = Client::builder()
        .credential("bearer_auth", "x\r\ny")
        .build()
        .unwrap_err();
    assert!(matches!(error, BuildError::InvalidToken), "{error:?}");
}

#[test]
fn other_build_errors() {
    let error = Client::builder()
        .token(TOKEN)
        .user_agent("bad\nagent")
        .build()
        .unwrap_err();
    assert!(matches!(error, BuildError::InvalidUserAgent), "{error:?}");
    let error = Client::builder()
        .token(TOKEN)
        .base_url("")
        .build()
        .unwrap_err();
    assert!(matches!(error, BuildError::MissingBaseUrl), "{error:?}");
    // What a spec's relative server (`/api/v1`) gives when no full URL is set.
    let error = Client::builder()
        .token(TOKEN)
        .base_url("/v2")
        .build()
        .unwrap_err();
    assert!(
        matches!(&error, BuildError::RelativeBaseUrl { base_url } if base_url == "/v2"),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("https://example.com/v2"),
        "{error}"
    );
}

#[test]
fn token_from_unset_variable_is_missing() {
    const VAR: &str = "GENERATED_CLIENT_TEST_CERTAINLY_UNSET_4F1D2B";
    assert!(std::env::var_os(VAR).is_none());

    let error = Client::builder().token_from_env(VAR).unwrap_err();

    assert!(
        matches!(&error, BuildError::MissingToken { var } if var == VAR),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!("environment variable {VAR} is not set; it must hold the API token")
    );
}

/// Set in the environment of a copy of this test binary that [`in_child`] starts.
const CHILD: &str = "GENERATED_CLIENT_TEST_CHILD";

/// Runs `test` (a test of this file) in a copy of this test binary with the environment
/// changed as given, and asserts that it ran and passed. The environment of this process
/// is never changed (that would need `unsafe`).
fn in_child(test: &str, set: &[(&str, &str)], removed: &[&str]) {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args([test, "--exact", "--test-threads=1", "--color=never"])
        .env(CHILD, "1");
    for (name, value) in set {
        command.env(name, value);
    }
    for name in removed {
        command.env_remove(name);
    }
    let output = command.output().expect("test binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "child failed:\n{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!("test {test} ... ok")) && stdout.contains("1 passed"),
        "child did not run {test}:\n{stdout}\n{stderr}"
    );
}

#[test]
fn token_from_empty_variable_is_refused() {
    const EMPTY: &str = "GENERATED_CLIENT_TEST_EMPTY_TOKEN";
    const BLANK: &str = "GENERATED_CLIENT_TEST_BLANK_TOKEN";
    if std::env::var_os(CHILD).is_none() {
        in_child(
            "token_from_empty_variable_is_refused",
            &[(EMPTY, ""), (BLANK, " \t "), (generated::TOKEN_ENV, "")],
            &[],
        );
        return;
    }
    // In the child, where the variables are set.
    for var in [EMPTY, BLANK] {
        let error = Client::builder().token_from_env(var).unwrap_err();
        assert!(
            matches!(&error, BuildError::EmptyToken { var: name } if name == var),
            "{error:?}"
        );
    }
    let error = Client::from_env().unwrap_err();
    assert!(
        matches!(&error, BuildError::EmptyToken { var } if var == "DIGITALOCEAN_ACCESS_TOKEN"),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "environment variable DIGITALOCEAN_ACCESS_TOKEN is empty; it must hold the API token"
    );
}

#[test]
fn from_env_reads_the_token_variable() {
    const SET: &str = "GENERATED_CLIENT_TEST_SET_TOKEN";
    if std::env::var_os(CHILD).is_none() {
        in_child(
            "from_env_reads_the_token_variable",
            &[(SET, "env-token-7c1e")],
            &[generated::TOKEN_ENV],
        );
        in_child(
            "from_env_reads_the_token_variable",
            &[
                (SET, "env-token-7c1e"),
                (generated::TOKEN_ENV, "env-token-7c1e"),
            ],
            &[],
        );
        return;
    }
    // In the child.
    let client = Client::builder()
        .token_from_env(SET)
        .expect("variable is set")
        .build()
        .unwrap();
    assert!(!format!("{client:?}").contains("env-token-7c1e"));
    match std::env::var_os(generated::TOKEN_ENV) {
        None => {
            let error = Client::from_env().unwrap_err();
            assert!(
                matches!(&error, BuildError::MissingToken { var } if var == "DIGITALOCEAN_ACCESS_TOKEN"),
                "{error:?}"
            );
        }
        Some(_) => {
            let client = Client::from_env().expect("token is set");
            assert_eq!(client.base_url(), generated::DEFAULT_BASE_URL);
            assert!(!format!("{client:?}").contains("env-token-7c1e"));
        }
    }
}

#[tokio::test]
async fn token_from_env_is_sent() {
    const SET: &str = "GENERATED_CLIENT_TEST_SENT_TOKEN";
    if std::env::var_os(CHILD).is_none() {
        in_child("token_from_env_is_sent", &[(SET, "env-token-sent")], &[]);
        return;
    }
    // In the child.
    let server = MockServer::start().await;
    always(&server, ok()).await;
    let client = Client::builder()
        .base_url(server.uri())
        .token_from_env(SET)
        .unwrap()
        .build()
        .unwrap();

    cancel(&client).await.expect("success");

    assert_eq!(
        received(&server).await[0]
            .headers
            .get("authorization")
            .unwrap(),
        "Bearer env-token-sent"
    );
}

// ---------------------------------------------------------------------------------------
// The runtime with a credential in the query (no DigitalOcean operation has one, but the
// same runtime serves APIs that do): the key must not leak through errors either.
// ---------------------------------------------------------------------------------------

const QUERY_KEY: Scheme = Scheme {
    name: "api_key",
    kind: SchemeKind::ApiKeyQuery("api_key"),
};
const QUERY_SECRET: &str = "query-secret-5e2a";

fn decode_anything(
    response: http::Response<Bytes>,
) -> Result<generated::Response<Bytes>, Error<Value>> {
    decoding::decode(
        response,
        &[Status::Range(2)],
        decoding::bytes,
        &[Status::Default],
        decoding::json,
    )
}

fn query_key_request() -> Request {
    let mut request = Request::new(
        Method::GET,
        &[
            PathPart::Literal("/v2/things/"),
            PathPart::Param("id", &"a b"),
        ],
    )
    .unwrap();
    request.query("page", &2);
    request.security(&[&[QUERY_KEY]]);
    request
}

fn assert_no_query_secret<E: std::fmt::Debug>(error: &Error<E>) {
    let shown = format!("{error} / {error:?}");
    assert!(!shown.contains(QUERY_SECRET), "{shown}");
    assert!(!shown.contains('\n'), "{shown}");
}

#[tokio::test]
async fn query_credential_is_sent_but_not_in_transport_errors() {
    let server = MockServer::start().await;
    always(&server, ResponseTemplate::new(200).set_body_string("fine")).await;
    let client = Client::builder()
        .base_url(server.uri())
        .credential("api_key", QUERY_SECRET)
        .build()
        .unwrap();

    let response = client
        .execute(query_key_request(), decode_anything)
        .await
        .unwrap();
    assert_eq!(response.body(), &Bytes::from_static(b"fine"));
    let requests = received(&server).await;
    assert_eq!(requests[0].url.path(), "/v2/things/a%20b");
    assert_eq!(
        requests[0].url.query(),
        Some(format!("page=2&api_key={QUERY_SECRET}").as_str())
    );
    assert_eq!(requests[0].headers.get("authorization"), None);

    // A refused connection, then a timeout: neither error shows the key.
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let refused = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .credential("api_key", QUERY_SECRET)
        .max_retries(0)
        .build()
        .unwrap();
    let error = refused
        .execute(query_key_request(), decode_anything)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_no_query_secret(&error);
    // The rest of the URL is still shown.
    assert!(
        error
            .to_string()
            .contains(&format!("http://127.0.0.1:{port}/v2/things/a%20b")),
        "{error}"
    );

    let slow = MockServer::start().await;
    always(
        &slow,
        ResponseTemplate::new(200).set_delay(Duration::from_secs(3)),
    )
    .await;
    let timing_out = Client::builder()
        .base_url(slow.uri())
        .credential("api_key", QUERY_SECRET)
        .timeout(Some(Duration::from_millis(100)))
        .max_retries(0)
        .build()
        .unwrap();
    let error = timing_out
        .execute(query_key_request(), decode_anything)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Timeout(_)), "{error:?}");
    assert_no_query_secret(&error);
}

#[tokio::test]
async fn query_credential_is_not_in_invalid_url_errors() {
    let client = Client::builder()
        .base_url("http://not a url")
        .credential("api_key", QUERY_SECRET)
        .build()
        .unwrap();

    let error = client
        .execute(query_key_request(), decode_anything)
        .await
        .unwrap_err();

    assert!(
        matches!(error, Error::InvalidRequest(RequestError::InvalidUrl(_))),
        "{error:?}"
    );
    assert_no_query_secret(&error);
    assert_eq!(
        error.to_string(),
        "invalid request, not sent: `http://not a url/v2/things/a%20b?page=2` is not a valid URL"
    );
}
