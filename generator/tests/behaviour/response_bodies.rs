//! Runs inside the crate generated from `tests/fixtures/response_bodies.yaml` (see
//! `tests/fixture_behaviour.rs`): its decoder picks the body type by status.

mod support;

use bytes::Bytes;
use fixture_response_bodies::Client;
use fixture_response_bodies::models::{ErrorModel, Job, Ticket, ValidationError};
use fixture_response_bodies::operations::start_job::{self, ErrorBody, Success};
use fixture_response_bodies::runtime::{Error, Status};

fn response(status: u16, body: &'static str) -> http::Response<Bytes> {
    http::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Bytes::from_static(body.as_bytes()))
        .expect("a valid response")
}

fn success(status: u16, body: &'static str) -> Success {
    match start_job::response(response(status, body)) {
        Ok(response) => response.into_body(),
        Err(error) => panic!("status {status} should succeed, got {error:?}"),
    }
}

fn api_error(status: u16, body: &'static str) -> (Status, Option<ErrorBody>) {
    match start_job::response(response(status, body)) {
        Err(Error::Api(error)) => (error.declared, error.body),
        other => panic!("status {status} should be an API error, got {other:?}"),
    }
}

#[test]
fn successes_decode_into_the_variant_of_their_status() {
    assert_eq!(
        success(200, r#"{"id": "j1"}"#),
        Success::Ok(Job::new("j1"))
    );
    assert_eq!(
        success(202, r#"{"ticket": 7}"#),
        Success::Accepted(Ticket::new(7))
    );
    assert_eq!(success(204, ""), Success::NoContent);
}

#[test]
fn errors_decode_into_the_body_type_of_their_status() {
    let validation = ErrorBody::ValidationError(ValidationError::new(["name".to_owned()]));
    assert_eq!(
        api_error(400, r#"{"fields": ["name"]}"#),
        (Status::Code(400), Some(validation.clone()))
    );
    assert_eq!(
        api_error(422, r#"{"fields": ["name"]}"#),
        (Status::Code(422), Some(validation))
    );
    let error = |message: &str| {
        Some(ErrorBody::ErrorModel(ErrorModel::new(message)))
    };
    assert_eq!(
        api_error(418, r#"{"message": "teapot"}"#),
        (Status::Range(4), error("teapot"))
    );
    assert_eq!(
        api_error(503, r#"{"message": "later"}"#),
        (Status::Default, error("later"))
    );
    assert_eq!(api_error(409, ""), (Status::Code(409), None));
}

#[test]
fn a_body_of_another_status_type_is_unexpected_and_kept() {
    // A 400 must be a ValidationError; an ErrorModel body is not taken for one.
    match start_job::response(response(400, r#"{"message": "no"}"#)) {
        Err(Error::UnexpectedResponse(unexpected)) => {
            assert_eq!(unexpected.status, 400);
            assert_eq!(&unexpected.body[..], br#"{"message": "no"}"#);
        }
        other => panic!("expected an unexpected response, got {other:?}"),
    }
}

#[test]
fn a_status_of_400_or_more_is_never_a_success_even_through_default() {
    use fixture_response_bodies::operations::job_status;
    let ok = job_status::response(response(200, r#"{"id": "j1"}"#));
    assert_eq!(
        ok.map(|response| response.into_body()).ok(),
        Some(Job::new("j1"))
    );
    for status in [400, 404, 500, 503] {
        match job_status::response(response(status, r#"{"id": "j1"}"#)) {
            Err(Error::Api(error)) => {
                assert_eq!(error.status.as_u16(), status);
                assert_eq!(error.declared, Status::Default);
            }
            other => panic!("status {status} should be an API error, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_call_that_only_redirects_returns_what_the_redirect_leads_to() {
    let archive = "an archive's bytes";
    let (base_url, received) = support::serve_answers(vec![
        "HTTP/1.1 302 Found\r\nlocation: /files/main.tar\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            .to_owned(),
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/x-tar\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{archive}",
            archive.len()
        ),
    ]);
    let client = Client::builder()
        .base_url(base_url)
        .build()
        .expect("a client");
    let body = client
        .download_archive("main")
        .await
        .expect("the redirect is followed")
        .into_body()
        .collect()
        .await
        .expect("the body is read");
    assert_eq!(&body[..], archive.as_bytes());
    let first = received.recv().expect("the call");
    assert_eq!(first.request_line(), "GET /archives/main HTTP/1.1");
    let second = received.recv().expect("the redirect followed");
    assert_eq!(second.request_line(), "GET /files/main.tar HTTP/1.1");
}
