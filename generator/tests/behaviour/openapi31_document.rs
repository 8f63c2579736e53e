//! Runs inside the crate generated from `tests/fixtures/openapi31_document.yaml` (see
//! `tests/fixture_behaviour.rs`): webhooks decode the bodies the API sends, operations
//! of shared path items (`components/pathItems`) are sent like any other.

mod support;

use fixture_openapi31_document::Client;
use fixture_openapi31_document::models::{
    BouncedEvent, BouncedEventType, DeliveredEventType, Email, EmailDraft, EmailStatus,
};
use fixture_openapi31_document::runtime::DecodeError;
use fixture_openapi31_document::webhooks;

#[test]
fn webhook_bodies_decode_into_their_payload_types() {
    let delivered = webhooks::email_delivered(
        br#"{"type":"email.delivered","email_id":"e1","delivered_at":"2024-05-01T10:00:00+02:00"}"#,
    )
    .expect("a delivered event");
    assert_eq!(delivered.r#type, DeliveredEventType::EmailDelivered);
    assert_eq!(delivered.email_id, "e1");
    assert_eq!(delivered.delivered_at.offset().whole_hours(), 2);

    // Through `components/pathItems`, with a nullable property.
    assert_eq!(
        webhooks::email_bounced(br#"{"type":"email.bounced","email_id":"e2","reason":null}"#)
            .expect("a bounced event"),
        BouncedEvent::new(BouncedEventType::EmailBounced, "e2")
    );
    assert_eq!(
        webhooks::raw_message(b"From: ada@example.com").expect("text"),
        "From: ada@example.com"
    );
}

#[test]
fn a_body_that_is_not_the_payload_is_an_error() {
    assert!(matches!(
        webhooks::email_delivered(br#"{"type":"email.delivered"}"#),
        Err(DecodeError::Json(_))
    ));
    assert!(matches!(
        webhooks::raw_message(&[0xff, 0xfe]),
        Err(DecodeError::Utf8(_))
    ));
}

#[tokio::test]
async fn operations_of_shared_path_items_are_sent() {
    let (base_url, request) = support::serve_once(202, r#"{"id":"e1","status":"queued"}"#);
    let client = Client::builder()
        .base_url(base_url)
        .token("token")
        .build()
        .expect("a client");
    let draft = EmailDraft::new("ada@example.com", "Hello");
    let email = client.send_email(&draft).await.expect("queued").into_body();
    assert_eq!(
        email,
        Email::new("e1", EmailStatus::Queued)
    );
    let request = request.recv().expect("a request");
    assert!(request.request_line().starts_with("POST /emails "), "{}", request.request_line());
    assert_eq!(request.text(), r#"{"to":"ada@example.com","subject":"Hello"}"#);
}
