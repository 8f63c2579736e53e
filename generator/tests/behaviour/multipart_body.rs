//! Runs inside the crate generated from `tests/fixtures/multipart_body.yaml` (see
//! `tests/fixture_behaviour.rs`): multipart bodies reach a real HTTP server on 127.0.0.1
//! as RFC 7578 parts — files with their names and content types, JSON parts, text parts.

#[macro_use]
mod support;

use std::collections::BTreeMap;

use fixture_multipart_body::Client;
use fixture_multipart_body::models::{
    FileMetadata, LinkNote, PostNoteBody, UploadBody, UploadFileBody, UploadFileBodyPurpose,
    UploadFileBodySettings,
};
use fixture_multipart_body::runtime::File;
use time::OffsetDateTime;

/// The parts of a received multipart request.
fn parts(request: &support::Received) -> Vec<support::Part> {
    let content_type = request.header("content-type").expect("a content type");
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    support::multipart_parts(content_type, &request.body)
}

/// A part with these header lines and content.
fn part(headers: &[&str], body: impl Into<Vec<u8>>) -> support::Part {
    support::Part {
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        body: body.into(),
    }
}

#[tokio::test]
async fn an_upload_sends_file_json_and_text_parts() {
    // Binary content with CR, LF and dashes, like a boundary line would have.
    let image: Vec<u8> = b"\x89PNG\r\n\x1a\n\r\n--\x00\xff".to_vec();
    let file = File::new(image.clone())
        .with_file_name("photo \"1\".png")
        .with_content_type("image/png");
    let metadata = FileMetadata {
        title: Some("Holiday".into()),
        tags: Some(vec!["sea".into()]),
        ..Default::default()
    };
    let body = UploadFileBody {
        purpose: Some(UploadFileBodyPurpose::Assistants),
        attachments: Some(vec![File::new("a"), File::new("b").with_file_name("b.txt")]),
        labels: Some(vec!["x".into(), "y".into()]),
        expires_at: Some(OffsetDateTime::from_unix_timestamp(1_700_000_000).expect("a time")),
        thumbnail: Some(File::new(vec![1, 2, 3])),
        settings: Some(UploadFileBodySettings {
            public: Some(true),
            ..Default::default()
        }),
        ..UploadFileBody::new(file, metadata)
    };
    let (base_url, received) = support::serve_once(201, r#"{"id": "f_1", "preview": "PNG"}"#);
    let stored = client!(base_url)
        .upload_file(&body)
        .await
        .expect("the file is stored")
        .into_body();
    assert_eq!(stored.id, "f_1");
    // A `format: binary` property of a JSON response is read from its string.
    assert_eq!(stored.preview.as_ref().map(|p| &p.bytes()[..]), Some(&b"PNG"[..]));

    let request = received.recv().expect("the server got the request");
    assert_eq!(request.request_line(), "POST /files HTTP/1.1");
    let expected = vec![
        // The file's own name (quotes escaped as browsers do) and content type.
        part(
            &[
                r#"Content-Disposition: form-data; name="file"; filename="photo %221%22.png""#,
                "Content-Type: image/png",
            ],
            image,
        ),
        // An object: a JSON part.
        part(
            &[
                r#"Content-Disposition: form-data; name="metadata""#,
                "Content-Type: application/json",
            ],
            r#"{"title":"Holiday","tags":["sea"]}"#,
        ),
        // A scalar: a text part.
        part(
            &[r#"Content-Disposition: form-data; name="purpose""#],
            "assistants",
        ),
        // A list of files: a file part each. The `encoding` lists two content types, so
        // none is chosen; a file without a name is named after its property.
        part(
            &[
                r#"Content-Disposition: form-data; name="attachments"; filename="attachments""#,
                "Content-Type: application/octet-stream",
            ],
            "a",
        ),
        part(
            &[
                r#"Content-Disposition: form-data; name="attachments"; filename="b.txt""#,
                "Content-Type: application/octet-stream",
            ],
            "b",
        ),
        part(&[r#"Content-Disposition: form-data; name="labels""#], "x"),
        part(&[r#"Content-Disposition: form-data; name="labels""#], "y"),
        part(
            &[r#"Content-Disposition: form-data; name="expires_at""#],
            "2023-11-14T22:13:20Z",
        ),
        // The content type from the `encoding`.
        part(
            &[
                r#"Content-Disposition: form-data; name="thumbnail"; filename="thumbnail""#,
                "Content-Type: image/png",
            ],
            vec![1, 2, 3],
        ),
        part(
            &[
                r#"Content-Disposition: form-data; name="settings""#,
                "Content-Type: application/merge-patch+json",
            ],
            r#"{"public":true}"#,
        ),
    ];
    assert_eq!(parts(&request), expected);
}

#[tokio::test]
async fn the_same_body_gives_the_same_bytes() {
    let body = UploadBody {
        file: Some(File::new("content")),
        ..Default::default()
    };
    let mut sent = Vec::new();
    for _ in 0..2 {
        let (base_url, received) = support::serve_once(201, "");
        client!(base_url).upload(&body).await.expect("uploaded");
        sent.push(received.recv().expect("the server got the request"));
    }
    assert_eq!(sent[0].header("content-type"), sent[1].header("content-type"));
    assert_eq!(sent[0].body, sent[1].body);
    assert_eq!(
        parts(&sent[0]),
        vec![part(
            &[
                r#"Content-Disposition: form-data; name="file"; filename="file""#,
                "Content-Type: application/octet-stream",
            ],
            "content",
        )]
    );
}

#[tokio::test]
async fn bodies_that_are_not_one_struct_go_property_by_property() {
    let (base_url, received) = support::serve_once(204, "");
    let properties = BTreeMap::from([
        ("color".to_owned(), "blue".to_owned()),
        ("size".to_owned(), "L".to_owned()),
    ]);
    client!(base_url)
        .set_properties(Some(&properties))
        .await
        .expect("set");
    let request = received.recv().expect("the server got the request");
    assert_eq!(
        parts(&request),
        vec![
            part(&[r#"Content-Disposition: form-data; name="color""#], "blue"),
            part(&[r#"Content-Disposition: form-data; name="size""#], "L"),
        ]
    );

    let (base_url, received) = support::serve_once(204, "");
    let note = PostNoteBody::from(LinkNote::new("https://example.com/a b", 2));
    client!(base_url).post_note(&note).await.expect("posted");
    let request = received.recv().expect("the server got the request");
    assert_eq!(
        parts(&request),
        vec![
            part(
                &[r#"Content-Disposition: form-data; name="url""#],
                "https://example.com/a b"
            ),
            part(&[r#"Content-Disposition: form-data; name="depth""#], "2"),
        ]
    );
}
