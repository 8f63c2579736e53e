//! Runs inside the crate generated from `tests/fixtures/form_body.yaml` (see
//! `tests/fixture_behaviour.rs`): form bodies reach a real HTTP server on 127.0.0.1 as
//! the exact bytes OpenAPI's `encoding` rules (and the bracket form) make of them.

#[macro_use]
mod support;

use std::collections::BTreeMap;

use fixture_form_body::Client;
use fixture_form_body::models::{
    Address, ChargeRequest, ChargeRequestItemsItem, ChargeRequestOptions, ChargeRequestShipping,
    CreateTokenBody, CreateTokenBodyGrantType,
};
use time::OffsetDateTime;

fn charge() -> ChargeRequest {
    ChargeRequest {
        description: Some("Tea & cake = 2 €".into()),
        capture: Some(true),
        created: Some(OffsetDateTime::from_unix_timestamp(1_700_000_000).expect("a time")),
        metadata: Some(BTreeMap::from([
            ("order".to_owned(), "6735".to_owned()),
            ("note".to_owned(), "a b".to_owned()),
        ])),
        billing: Some(Address {
            line1: Some("1 Main St".into()),
            city: Some("Paris".into()),
            ..Default::default()
        }),
        shipping: Some(ChargeRequestShipping {
            name: Some("Jo".into()),
            address: Some(Address {
                city: Some("Lyon".into()),
                ..Default::default()
            }),
            ..Default::default()
        }),
        items: Some(vec![
            ChargeRequestItemsItem {
                price: Some("p_1".into()),
                quantity: Some(2),
                ..Default::default()
            },
            ChargeRequestItemsItem {
                price: Some("p_2".into()),
                ..Default::default()
            },
        ]),
        expand: Some(vec!["customer".into(), "invoice.lines".into()]),
        tags: Some(vec!["a,b".into(), "c".into()]),
        codes: Some(vec!["x".into(), "y z".into()]),
        ids: Some(vec![1, 2]),
        options: Some(ChargeRequestOptions {
            fast: Some(true),
            level: Some(3),
            ..Default::default()
        }),
        ..ChargeRequest::new(2000, "usd")
    }
}

#[tokio::test]
async fn nested_objects_and_lists_go_in_the_bracket_form_and_encodings_apply() {
    let (base_url, received) = support::serve_once(200, r#"{"id": "ch_1"}"#);
    let response = client!(base_url)
        .create_charge(&charge())
        .await
        .expect("the charge is created");
    assert_eq!(response.into_body().id, "ch_1");

    let request = received.recv().expect("the server got the request");
    assert_eq!(request.request_line(), "POST /charges HTTP/1.1");
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let expected = [
        "amount=2000",
        "currency=usd",
        // `&`, `=` and non-ASCII are encoded, spaces are `+`.
        "description=Tea+%26+cake+%3D+2+%E2%82%AC",
        "capture=true",
        // Through the same adapter as in JSON.
        "created=2023-11-14T22%3A13%3A20Z",
        // A map and an object: brackets.
        "metadata[note]=a+b",
        "metadata[order]=6735",
        "billing[line1]=1+Main+St",
        "billing[city]=Paris",
        // `style: form`: the object's properties at the top, nested ones in brackets.
        "name=Jo",
        "address[city]=Lyon",
        // A list of objects: indices keep the items apart.
        "items[0][price]=p_1",
        "items[0][quantity]=2",
        "items[1][price]=p_2",
        // `deepObject`.
        "expand[0]=customer",
        "expand[1]=invoice.lines",
        // `explode: false`: the delimiter is bare, a comma inside an item is encoded.
        "tags=a%2Cb,c",
        "codes=x|y+z",
        // The default for a list: `explode: true`.
        "ids=1",
        "ids=2",
        // `contentType: application/json`.
        "options=%7B%22fast%22%3Atrue%2C%22level%22%3A3%7D",
    ]
    .join("&");
    assert_eq!(request.text(), expected);
    assert_eq!(
        request.header("content-length"),
        Some(expected.len().to_string().as_str())
    );
}

#[tokio::test]
async fn space_delimited_lists_and_an_optional_body() {
    let (base_url, received) = support::serve_once(204, "");
    let body = CreateTokenBody {
        username: Some("jo@example.com".into()),
        scope: Some(vec!["read".into(), "write".into()]),
        ..CreateTokenBody::new(CreateTokenBodyGrantType::Password)
    };
    client!(base_url)
        .create_token(Some(&body))
        .await
        .expect("a token");
    let request = received.recv().expect("the server got the request");
    assert_eq!(
        request.text(),
        "grant_type=password&username=jo%40example.com&scope=read%20write"
    );

    let (base_url, received) = support::serve_once(204, "");
    client!(base_url).create_token(None).await.expect("a token");
    let request = received.recv().expect("the server got the request");
    assert_eq!(request.header("content-type"), None);
    assert_eq!(request.body, b"");
}

#[tokio::test]
async fn a_form_body_given_as_a_string_is_sent_as_it_is() {
    let (base_url, received) = support::serve_once(204, "");
    let text = "text=I%20like%20tacos&lang=en";
    client!(base_url)
        .detect_food(text.to_owned())
        .await
        .expect("the call succeeds");
    let request = received.recv().expect("a request");
    assert_eq!(request.request_line(), "POST /detect HTTP/1.1");
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(request.text(), text);
}
