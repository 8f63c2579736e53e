//! The generated client under responses that are not what the spec promises, from a
//! real HTTP server on 127.0.0.1: every case gives a typed result or error that keeps
//! what was received, never a panic.

use std::time::Duration;

use generated::runtime::response::DecodeError;
use generated::runtime::{RetryPolicy, Status};
use generated::{Client, Error, models};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const UUID: &str = "79ca9798-cf7d-11ef-bf8f-4e013e2ddde4";
const EXAMPLE: &str = include_str!("data/cancel_example.json");

type Outcome = Result<
    generated::Response<models::CancelKnowledgeBaseIndexingJobOutput>,
    Error<models::ErrorModel>,
>;

async fn answer(template: ResponseTemplate, client: impl Fn(&MockServer) -> Client) -> Outcome {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(template)
        .mount(&server)
        .await;
    client(&server).genai_cancel_indexing_job(UUID, None).await
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .token("token")
        .retry_policy(RetryPolicy::never())
        .build()
        .expect("client builds")
}

fn json(status: u16, body: impl Into<Vec<u8>>) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.into(), "application/json")
}

/// The body an `UnexpectedResponse` kept, and why it was unexpected.
fn unexpected(outcome: Outcome) -> (u16, Vec<u8>, Option<DecodeError>) {
    match outcome {
        Err(Error::UnexpectedResponse(response)) => (
            response.status.as_u16(),
            response.body.to_vec(),
            response.reason,
        ),
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_json_keeps_the_body() {
    let body = b"{\"job\": {\"uuid\": \"x\",,}}".to_vec();
    let (status, kept, reason) = unexpected(answer(json(200, body.clone()), client).await);
    assert_eq!(status, 200);
    assert_eq!(kept, body);
    assert!(matches!(reason, Some(DecodeError::Json(_))), "{reason:?}");
}

#[tokio::test]
async fn truncated_body_keeps_what_arrived() {
    let body = EXAMPLE.as_bytes()[..EXAMPLE.len() / 2].to_vec();
    let (status, kept, reason) = unexpected(answer(json(200, body.clone()), client).await);
    assert_eq!(status, 200);
    assert_eq!(kept, body);
    let Some(DecodeError::Json(error)) = reason else {
        panic!("expected a JSON error, got {reason:?}");
    };
    assert!(
        error.is_eof(),
        "a cut body is reported as ending early: {error}"
    );
}

#[tokio::test]
async fn wrong_content_type_with_html_keeps_the_body() {
    let page = "<html><body>Service temporarily unavailable</body></html>";
    let template = ResponseTemplate::new(200).set_body_raw(page, "text/html");
    let (status, kept, reason) = unexpected(answer(template, client).await);
    assert_eq!(status, 200);
    assert_eq!(kept, page.as_bytes());
    assert!(matches!(reason, Some(DecodeError::Json(_))));
}

#[tokio::test]
async fn json_under_a_wrong_content_type_still_decodes() {
    let template = ResponseTemplate::new(200).set_body_raw(EXAMPLE, "text/plain");
    let response = answer(template, client)
        .await
        .expect("the body is the declared JSON");
    assert_eq!(
        response.job.as_ref().and_then(|job| job.total_tokens),
        Some(12345)
    );
}

#[tokio::test]
async fn empty_body_where_json_is_expected() {
    let (status, kept, reason) = unexpected(answer(json(200, Vec::new()), client).await);
    assert_eq!(status, 200);
    assert!(kept.is_empty());
    let Some(DecodeError::Json(error)) = reason else {
        panic!("expected a JSON error, got {reason:?}");
    };
    assert!(error.is_eof());
}

#[tokio::test]
async fn wrong_json_types_name_the_field() {
    let body = br#"{"job": {"total_tokens": "many"}}"#.to_vec();
    let (_, kept, reason) = unexpected(answer(json(200, body.clone()), client).await);
    assert_eq!(kept, body);
    let message = reason.map(|r| r.to_string()).unwrap_or_default();
    assert!(message.contains("many"), "{message}");
}

#[tokio::test]
async fn non_utf8_body_is_kept() {
    let body = vec![0xff, 0xfe, 0x00, 0x80];
    let (_, kept, reason) = unexpected(answer(json(200, body.clone()), client).await);
    assert_eq!(kept, body);
    assert!(reason.is_some());
}

#[tokio::test]
async fn a_very_large_valid_body_decodes() {
    // 20 MB of an unknown field around the real example: tolerated and decoded.
    let filler = "x".repeat(20 << 20);
    let body = EXAMPLE.replacen("{", &format!("{{\"filler\": \"{filler}\", "), 1);
    let response = answer(json(200, body), client).await.expect("decodes");
    assert_eq!(
        response.job.as_ref().and_then(|job| job.total_datasources),
        Some(123)
    );
}

#[tokio::test]
async fn a_body_over_the_limit_stops_being_read_and_is_kept_up_to_it() {
    let limit = 1 << 20;
    let body = format!("[{}]", "1,".repeat(limit));
    let limited = |server: &MockServer| {
        Client::builder()
            .base_url(server.uri())
            .token("token")
            .retry_policy(RetryPolicy::never())
            .max_body_bytes(limit)
            .build()
            .expect("client builds")
    };
    let (status, kept, reason) = unexpected(answer(json(200, body.clone()), limited).await);
    assert_eq!(status, 200);
    assert_eq!(kept.len(), limit);
    assert_eq!(kept, body.as_bytes()[..limit]);
    assert!(matches!(reason, Some(DecodeError::TooLarge { limit: l }) if l == limit));
}

#[tokio::test]
async fn an_error_body_over_the_limit_is_kept_up_to_it() {
    let limit = 4096;
    let body = format!(
        "{{\"id\": \"x\", \"message\": \"{}\"}}",
        "m".repeat(limit * 2)
    );
    let limited = |server: &MockServer| {
        Client::builder()
            .base_url(server.uri())
            .token("token")
            .retry_policy(RetryPolicy::never())
            .max_body_bytes(limit)
            .build()
            .expect("client builds")
    };
    let (status, kept, reason) = unexpected(answer(json(404, body), limited).await);
    assert_eq!(status, 404);
    assert_eq!(kept.len(), limit);
    assert!(matches!(reason, Some(DecodeError::TooLarge { .. })));
}

#[tokio::test]
async fn an_error_body_that_is_not_the_declared_shape_is_kept() {
    let body = br#"{"error": {"code": 17}}"#.to_vec();
    let (status, kept, reason) = unexpected(answer(json(404, body.clone()), client).await);
    assert_eq!(status, 404);
    assert_eq!(kept, body);
    assert!(matches!(reason, Some(DecodeError::Json(_))));
}

#[tokio::test]
async fn unknown_fields_in_an_error_body_are_tolerated() {
    let body = br#"{"id": "not_found", "message": "gone", "trace": [1, 2], "hint": null}"#.to_vec();
    match answer(json(404, body), client).await {
        Err(Error::Api(error)) => {
            assert_eq!(error.declared, Status::Code(404));
            assert_eq!(error.body.map(|b| b.message), Some("gone".to_owned()));
        }
        other => panic!("expected Api, got {other:?}"),
    }
}

#[tokio::test]
async fn a_response_cut_mid_body_is_a_transport_error_not_a_panic() {
    // A raw server that promises 1000 bytes, sends 10 and closes the connection.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let address = listener.local_addr().expect("has an address");
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut buffer = [0u8; 4096];
            let _ = socket.read(&mut buffer).await;
            let _ = socket
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"job\": {")
                .await;
        }
    });
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .token("token")
        .retry_policy(RetryPolicy::never())
        .timeout(Some(Duration::from_secs(5)))
        .build()
        .expect("client builds");
    match client.genai_cancel_indexing_job(UUID, None).await {
        Err(Error::Transport(error)) => {
            assert!(!error.to_string().is_empty());
        }
        other => panic!("expected a transport error, got {other:?}"),
    }
}
