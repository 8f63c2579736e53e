//! Runs inside the crate generated from `tests/fixtures/body_media_types.yaml` (see
//! `tests/fixture_behaviour.rs`): an operation whose body comes in several media types
//! sends each through its own method, with its own `Content-Type`, to a real HTTP server
//! on 127.0.0.1.

#[macro_use]
mod support;

use std::collections::BTreeMap;

use bytes::Bytes;
use fixture_body_media_types::Client;
use fixture_body_media_types::models::{
    ImageRequest, PatchThingMergePatchJsonBody, Thing, ThingForm, ThingFormPartsItem,
    ThingUpload,
};
use fixture_body_media_types::operations::patch_thing::Params;
use fixture_body_media_types::runtime::File;

const THING: &str = r#"{"name": "lamp", "size": 3}"#;

fn thing() -> Thing {
    Thing {
        size: Some(3),
        ..Thing::new("lamp")
    }
}

#[tokio::test]
async fn json_form_and_multipart_each_have_a_method() {
    let (base_url, received) = support::serve_once(201, THING);
    let created = client!(base_url).create_thing(&thing()).await.expect("created");
    assert_eq!(created.into_body(), thing());
    let request = received.recv().expect("the server got the request");
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.text(), r#"{"name":"lamp","size":3}"#);

    let (base_url, received) = support::serve_once(201, THING);
    let form = ThingForm {
        labels: Some(BTreeMap::from([("room".to_owned(), "hall".to_owned())])),
        parts: Some(vec![ThingFormPartsItem {
            sku: Some("b-1".into()),
            count: Some(2),
            ..Default::default()
        }]),
        ..ThingForm::new("lamp")
    };
    client!(base_url).create_thing_form(&form).await.expect("created");
    let request = received.recv().expect("the server got the request");
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        request.text(),
        "name=lamp&labels[room]=hall&parts[0][sku]=b-1&parts[0][count]=2"
    );

    // `create_thing_multipart` is another operation's: this one is numbered.
    let (base_url, received) = support::serve_once(201, THING);
    let picture = File::new("PNG")
        .with_file_name("lamp.png")
        .with_content_type("image/png");
    let upload = ThingUpload {
        details: Some(thing()),
        ..ThingUpload::new("lamp", picture)
    };
    client!(base_url)
        .create_thing_multipart_2(&upload)
        .await
        .expect("created");
    let request = received.recv().expect("the server got the request");
    let content_type = request.header("content-type").expect("a content type");
    let parts = support::multipart_parts(content_type, &request.body);
    let headers: Vec<&[String]> = parts.iter().map(|p| p.headers.as_slice()).collect();
    assert_eq!(
        headers,
        [
            &[r#"Content-Disposition: form-data; name="name""#.to_owned()][..],
            &[
                r#"Content-Disposition: form-data; name="picture"; filename="lamp.png""#
                    .to_owned(),
                "Content-Type: image/png".to_owned()
            ][..],
            &[
                r#"Content-Disposition: form-data; name="details""#.to_owned(),
                "Content-Type: application/json".to_owned()
            ][..],
        ]
    );
    let bodies: Vec<&[u8]> = parts.iter().map(|p| p.body.as_slice()).collect();
    assert_eq!(
        bodies,
        [&b"lamp"[..], b"PNG", br#"{"name":"lamp","size":3}"#]
    );

    let (base_url, received) = support::serve_once(204, "");
    client!(base_url).create_thing_multipart(Some("note".into())).await.expect("done");
    let request = received.recv().expect("the server got the request");
    assert_eq!(request.request_line(), "POST /things/multipart HTTP/1.1");
    assert_eq!(request.header("content-type"), Some("text/plain"));
}

#[tokio::test]
async fn other_json_text_and_bytes_bodies_go_with_their_own_content_type() {
    let params = Params {
        dry_run: Some(true),
    };
    let (base_url, received) = support::serve_once(204, "");
    let patch = PatchThingMergePatchJsonBody::default();
    client!(base_url)
        .patch_thing_merge_patch_json("t1", &patch, &params)
        .await
        .expect("patched");
    let request = received.recv().expect("the server got the request");
    assert_eq!(request.request_line(), "PATCH /things/t1?dry_run=true HTTP/1.1");
    assert_eq!(
        request.header("content-type"),
        Some("application/merge-patch+json")
    );
    assert_eq!(request.text(), "{}");

    let (base_url, received) = support::serve_once(204, "");
    client!(base_url)
        .patch_thing_text("t1", "name=lamp".into(), &params)
        .await
        .expect("patched");
    let request = received.recv().expect("the server got the request");
    assert_eq!(request.header("content-type"), Some("text/plain"));
    assert_eq!(request.text(), "name=lamp");

    let (base_url, received) = support::serve_once(204, "");
    client!(base_url)
        .patch_thing_bytes("t1", Bytes::from_static(b"\x00\x01"), &params)
        .await
        .expect("patched");
    let request = received.recv().expect("the server got the request");
    assert_eq!(
        request.header("content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(request.body, b"\x00\x01");
}

#[tokio::test]
async fn a_file_property_goes_as_a_file_only_in_multipart() {
    let image = ImageRequest {
        caption: Some("a cat".into()),
        ..ImageRequest::new(File::new("GIF89a"))
    };
    let (base_url, received) = support::serve_once(204, "");
    client!(base_url).create_image(&image).await.expect("created");
    let request = received.recv().expect("the server got the request");
    assert_eq!(request.text(), r#"{"image":"GIF89a","caption":"a cat"}"#);

    let (base_url, received) = support::serve_once(204, "");
    client!(base_url)
        .create_image_multipart(&image)
        .await
        .expect("created");
    let request = received.recv().expect("the server got the request");
    let content_type = request.header("content-type").expect("a content type");
    let parts = support::multipart_parts(content_type, &request.body);
    assert_eq!(parts.len(), 2);
    assert_eq!(
        parts[0].headers,
        [
            r#"Content-Disposition: form-data; name="image"; filename="image""#,
            "Content-Type: application/octet-stream"
        ]
    );
    assert_eq!(parts[0].body, b"GIF89a");
    assert_eq!(parts[1].body, b"a cat");

    // Content that is not UTF-8 cannot be a JSON string: refused before sending.
    let binary = ImageRequest::new(File::new(vec![0xff, 0xfe]));
    let error = client!("http://127.0.0.1:9")
        .create_image(&binary)
        .await
        .expect_err("not UTF-8");
    assert!(
        matches!(
            error,
            fixture_body_media_types::Error::InvalidRequest(
                fixture_body_media_types::runtime::RequestError::Body(_)
            )
        ),
        "{error:?}"
    );
}
