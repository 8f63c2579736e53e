//! The operation's request builder and response decoder, without any network: the exact
//! HTTP request (locked by a snapshot) and the decoding of received responses.

use std::fmt::Write as _;

use bytes::Bytes;
use generated::models::{BatchJobPhase, CancelKnowledgeBaseIndexingJobInputPublic, IndexJobStatus};
use generated::operations::genai_cancel_indexing_job::{request, response};
use generated::runtime::{Credentials, Error, RequestError, Secret, Status};
use http::StatusCode;
use http::header::{AUTHORIZATION, CONTENT_TYPE};

const UUID: &str = "79ca9798-cf7d-11ef-bf8f-4e013e2ddde4";
const BASE_URL: &str = "https://api.digitalocean.com";
const TOKEN: &str = "secret-token";

fn credentials() -> Credentials {
    Credentials::default().with("bearer_auth", Secret::new(TOKEN))
}

fn body() -> CancelKnowledgeBaseIndexingJobInputPublic {
    serde_json::from_str(&format!(r#"{{"uuid": "{UUID}"}}"#)).unwrap()
}

/// The request as text: method and URI, one line per header (values through their
/// `Debug`, so a sensitive one shows as `Sensitive`), a blank line, the body as UTF-8.
fn render(request: &http::Request<Bytes>) -> String {
    let mut text = format!("{} {}\n", request.method(), request.uri());
    for (name, value) in request.headers() {
        writeln!(text, "{name}: {value:?}").unwrap();
    }
    text.push('\n');
    text.push_str(std::str::from_utf8(request.body()).expect("UTF-8 body"));
    text
}

#[test]
fn request_with_body() {
    let built = request(UUID, Some(&body())).unwrap();
    let sent = built.to_http(BASE_URL, &credentials()).unwrap();

    let rendered = render(&sent);
    assert!(!rendered.contains(TOKEN));
    insta::assert_snapshot!(rendered);

    assert_eq!(sent.method(), http::Method::PUT);
    assert_eq!(
        sent.uri(),
        "https://api.digitalocean.com/v2/gen-ai/indexing_jobs/79ca9798-cf7d-11ef-bf8f-4e013e2ddde4/cancel"
    );
    let authorization = sent.headers().get(AUTHORIZATION).unwrap();
    assert!(authorization.is_sensitive());
    assert_eq!(authorization, "Bearer secret-token");
    assert_eq!(format!("{authorization:?}"), "Sensitive");
    assert_eq!(
        sent.headers().get(CONTENT_TYPE).unwrap(),
        "application/json"
    );
    assert_eq!(sent.headers().len(), 2);
    assert_eq!(sent.body(), &Bytes::from(format!(r#"{{"uuid":"{UUID}"}}"#)));
}

#[test]
fn request_without_body() {
    let built = request(UUID, None).unwrap();
    let sent = built.to_http(BASE_URL, &credentials()).unwrap();

    insta::assert_snapshot!(render(&sent));
    assert!(sent.body().is_empty());
    assert_eq!(sent.headers().get(CONTENT_TYPE), None);
}

#[test]
fn request_parts_before_credentials() {
    let built = request(UUID, Some(&body())).unwrap();

    assert_eq!(built.method(), http::Method::PUT);
    assert_eq!(
        built.path_and_query(),
        "/v2/gen-ai/indexing_jobs/79ca9798-cf7d-11ef-bf8f-4e013e2ddde4/cancel"
    );
    assert_eq!(built.headers().get(AUTHORIZATION), None);
    assert_eq!(built.server_override(), None);
    assert_eq!(
        built.body_bytes(),
        &Bytes::from(format!(r#"{{"uuid":"{UUID}"}}"#))
    );
}

#[test]
fn debug_output_never_shows_the_token() {
    let built = request(UUID, Some(&body())).unwrap();
    let credentials = credentials();
    let sent = built.to_http(BASE_URL, &credentials).unwrap();

    for shown in [
        format!("{sent:?}"),
        format!("{sent:#?}"),
        format!("{:?}", sent.headers()),
        format!("{built:?}"),
        format!("{credentials:?}"),
        format!("{:?}", Secret::new(TOKEN)),
    ] {
        assert!(!shown.contains(TOKEN), "{shown}");
    }
    assert!(format!("{sent:?}").contains(r#""authorization": Sensitive"#));
}

#[test]
fn without_its_credential_the_request_is_refused() {
    let refused = request(UUID, None)
        .unwrap()
        .to_http(BASE_URL, &Credentials::default())
        .unwrap_err();
    assert!(matches!(
        &refused,
        RequestError::MissingCredential { alternatives } if alternatives == &[vec!["bearer_auth"]]
    ));
    assert_eq!(
        refused.to_string(),
        "no credential for security scheme `bearer_auth`, which this operation requires; set \
         it on the ClientBuilder (its method named after the scheme)"
    );
    // A credential of another scheme is not sent in its place.
    let other = Credentials::default().with("other_scheme", Secret::new(TOKEN));
    assert!(
        request(UUID, None)
            .unwrap()
            .to_http(BASE_URL, &other)
            .is_err()
    );
}

#[test]
fn a_cookie_credential_joins_the_cookie_parameters_and_stays_hidden() {
    use generated::runtime::param::Value;
    use generated::runtime::{PathPart, Request, Scheme, SchemeKind};

    const SESSION: Scheme = Scheme {
        name: "session_auth",
        kind: SchemeKind::ApiKeyCookie("session"),
    };
    let mut built = Request::new(http::Method::GET, &[PathPart::Literal("/v2/things")]).unwrap();
    built.cookie("theme", &Value::display(&"dark"), true);
    built.security(&[&[SESSION]]);
    let mut credentials = Credentials::default();
    credentials.set("session_auth", Secret::new("s3cr3t; x=1"));
    let sent = built.to_http(BASE_URL, &credentials).unwrap();

    let cookie = sent.headers().get(http::header::COOKIE).unwrap();
    // A `;` in the secret is encoded: it cannot add a cookie of its own.
    assert_eq!(
        cookie.to_str().unwrap(),
        "theme=dark; session=s3cr3t%3B%20x=1"
    );
    assert!(cookie.is_sensitive());
    assert!(!format!("{sent:?}").contains("s3cr3t"));
}

#[test]
fn path_parameter_is_one_segment_and_dots_are_refused() {
    let sent = request("../droplets?x#y", None)
        .unwrap()
        .to_http(BASE_URL, &credentials())
        .unwrap();
    assert_eq!(
        sent.uri().path(),
        "/v2/gen-ai/indexing_jobs/..%2Fdroplets%3Fx%23y/cancel"
    );
    assert_eq!(sent.uri().query(), None);

    assert!(matches!(
        request("", None),
        Err(RequestError::EmptyPathParameter { name: "uuid" })
    ));
    assert!(matches!(
        request(".", None),
        Err(RequestError::DotPathParameter { name: "uuid" })
    ));
    assert!(matches!(
        request("..", None),
        Err(RequestError::DotPathParameter { name: "uuid" })
    ));
}

#[test]
fn invalid_base_urls_are_refused() {
    let built = request(UUID, None).unwrap();
    for base in ["not a url", "/relative", "api.digitalocean.com"] {
        let error = built.to_http(base, &credentials()).unwrap_err();
        assert!(
            matches!(error, RequestError::InvalidUrl(_)),
            "{base}: {error:?}"
        );
        assert!(!error.to_string().contains(TOKEN));
    }
}

// ---------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------

fn received(
    status: u16,
    headers: &[(&'static str, &'static str)],
    body: &str,
) -> http::Response<Bytes> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(Bytes::from(body.to_owned())).unwrap()
}

const EXAMPLE: &str = r#"{
  "job": {
    "completed_datasources": 123,
    "created_at": "2023-01-01T00:00:00Z",
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
}"#;

#[test]
fn decodes_a_200() {
    let decoded = response(received(
        200,
        &[
            ("content-type", "application/json"),
            ("ratelimit-limit", "5000"),
            ("ratelimit-remaining", "4816"),
            ("ratelimit-reset", "1444931833"),
        ],
        EXAMPLE,
    ))
    .unwrap();

    assert_eq!(decoded.status(), StatusCode::OK);
    let limit = decoded.rate_limit().unwrap();
    assert_eq!(
        (limit.limit, limit.remaining, limit.reset),
        (Some(5000), Some(4816), Some(1_444_931_833))
    );
    let job = decoded.body().job.as_ref().unwrap();
    assert_eq!(job.total_tokens, Some(12345));
    assert_eq!(job.status, Some(IndexJobStatus::Unknown));
    assert_eq!(job.phase, Some(BatchJobPhase::Unknown));
    assert_eq!(
        job.created_at,
        Some(time::OffsetDateTime::from_unix_timestamp(1_672_531_200).unwrap())
    );
    assert_eq!(
        job.data_source_uuids.as_deref(),
        Some(&["example string".to_owned()][..])
    );
    // Deref to the body.
    assert!(decoded.job.is_some());
}

#[test]
fn decodes_a_404_into_the_error_body() {
    let body = r#"{"id":"not_found","message":"The resource you requested could not be found.","request_id":"4d9d8375-3c56-4925-a3e7-eb137fed17e9"}"#;
    let error = response(received(404, &[("ratelimit-remaining", "3")], body)).unwrap_err();

    assert_eq!(
        error.to_string(),
        "API error 404 Not Found: not_found: The resource you requested could not be found."
    );
    let Error::Api(api) = error else {
        panic!("expected Error::Api, got {error:?}")
    };
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.declared, Status::Code(404));
    let decoded = api.body.as_ref().unwrap();
    assert_eq!(decoded.id, "not_found");
    assert_eq!(
        decoded.message,
        "The resource you requested could not be found."
    );
    assert_eq!(
        decoded.request_id.as_deref(),
        Some("4d9d8375-3c56-4925-a3e7-eb137fed17e9")
    );
    assert_eq!(api.raw, Bytes::from(body));
    assert_eq!(api.rate_limit().unwrap().remaining, Some(3));
}

#[test]
fn undeclared_status_matches_default() {
    let error = response(received(
        418,
        &[],
        r#"{"id":"teapot","message":"Short and stout."}"#,
    ))
    .unwrap_err();

    assert_eq!(
        error.to_string(),
        "API error 418 I'm a teapot (declared as `default`): teapot: Short and stout."
    );
    let Error::Api(api) = error else {
        panic!("expected Error::Api, got {error:?}")
    };
    assert_eq!(api.declared, Status::Default);
    assert_eq!(api.body.unwrap().message, "Short and stout.");
}

#[test]
fn undeclared_status_with_a_foreign_body_is_unexpected() {
    let error = response(received(
        503,
        &[("content-type", "text/plain")],
        "upstream connect error",
    ))
    .unwrap_err();

    assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    let Error::UnexpectedResponse(unexpected) = error else {
        panic!("expected Error::UnexpectedResponse, got {error:?}")
    };
    assert_eq!(
        unexpected.body,
        Bytes::from_static(b"upstream connect error")
    );
    assert_eq!(
        unexpected.headers.get("content-type").unwrap(),
        "text/plain"
    );
    assert!(unexpected.reason.is_some());
}

#[test]
fn error_without_body_has_no_decoded_body() {
    let error = response(received(401, &[], "")).unwrap_err();

    assert_eq!(error.to_string(), "API error 401 Unauthorized");
    let Error::Api(api) = error else {
        panic!("expected Error::Api, got {error:?}")
    };
    assert_eq!(api.declared, Status::Code(401));
    assert!(api.body.is_none());
    assert!(api.raw.is_empty());
}

#[test]
fn malformed_200_is_unexpected_with_the_body_kept() {
    let error = response(received(200, &[], r#"{"job": {"total_tokens": 5"#)).unwrap_err();

    assert!(
        error
            .to_string()
            .starts_with("unexpected response 200 OK: body does not match the declared JSON"),
        "{error}"
    );
    let Error::UnexpectedResponse(unexpected) = error else {
        panic!("expected Error::UnexpectedResponse, got {error:?}")
    };
    assert_eq!(unexpected.status, StatusCode::OK);
    assert_eq!(
        unexpected.body,
        Bytes::from_static(br#"{"job": {"total_tokens": 5"#)
    );
}
