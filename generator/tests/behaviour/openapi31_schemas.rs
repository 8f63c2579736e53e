//! Runs inside the crate generated from `tests/fixtures/openapi31_schemas.yaml` (see
//! `tests/fixture_behaviour.rs`): JSON Schema 2020-12 types (tuples, base64 bytes, maps
//! by pattern, unions tagged by `const`) go to a real HTTP server on 127.0.0.1 and come
//! back as the JSON the spec describes.

// `legacy_unit` is `$ref` with `deprecated: true` beside it: deprecated for that use.
#![allow(deprecated, reason = "a series is written out whole, deprecated field included")]

#[macro_use]
mod support;

use std::collections::BTreeMap;

use fixture_openapi31_schemas::Client;
use fixture_openapi31_schemas::models::{
    Action, Blob, CreateAction, CreateActionAction, DeleteAction, DeleteActionAction, Series,
    Settings, Unit, UploadAvatarBody,
};
use fixture_openapi31_schemas::operations::get_series;
use fixture_openapi31_schemas::runtime::File;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const SERIES: &str = r#"{"name":"cpu","points":[["2024-01-01T00:00:00Z",0.5],["2024-01-01T00:01:00Z",null]],"bounds":[0.0,1.0],"unit":"percent"}"#;

fn at(text: &str) -> OffsetDateTime {
    OffsetDateTime::parse(text, &Rfc3339).expect("an RFC 3339 timestamp")
}

fn series() -> Series {
    Series {
        name: "cpu".into(),
        points: vec![
            (at("2024-01-01T00:00:00Z"), Some(0.5)),
            (at("2024-01-01T00:01:00Z"), None),
        ],
        bounds: Some((0.0, 1.0)),
        unit: Some(Unit::Percent),
        legacy_unit: None,
        step: None,
        labels: None,
        additional_properties: Default::default(),
    }
}

#[tokio::test]
async fn tuples_are_json_arrays_of_their_items() {
    let (base_url, request) = support::serve_once(200, SERIES);
    let params = get_series::Params {
        window: Some((1, 5)),
    };
    let received = client!(base_url)
        .get_series(&params)
        .await
        .expect("the series");
    assert_eq!(received.into_body(), series());
    // A tuple parameter is written as the list it is (`form`, unexploded).
    assert_eq!(
        request.recv().expect("a request").request_line(),
        "GET /series?window=1,5 HTTP/1.1"
    );

    let (base_url, request) = support::serve_once(204, "");
    client!(base_url)
        .put_series(&series())
        .await
        .expect("stored");
    let sent: serde_json::Value = serde_json::from_slice(&request.recv().expect("a request").body)
        .expect("a JSON body");
    assert_eq!(
        sent,
        serde_json::from_str::<serde_json::Value>(SERIES).expect("JSON")
    );
}

#[tokio::test]
async fn a_tuple_of_another_length_is_refused() {
    let (base_url, _request) = support::serve_once(200, r#"{"name":"cpu","points":[["2024-01-01T00:00:00Z",0.5,7]]}"#);
    let error = client!(base_url)
        .get_series(&get_series::Params::default())
        .await
        .expect_err("three items");
    assert!(
        error
            .to_string()
            .contains("does not match the declared JSON"),
        "{error}"
    );
}

#[tokio::test]
async fn base64_content_is_bytes() {
    // Sent in the standard alphabet with padding; read in either alphabet, padded or not.
    let (base_url, request) =
        support::serve_once(201, r#"{"name":"b","data":"AAEC_w","checksum":null}"#);
    let blob = Blob {
        name: "b".into(),
        data: vec![0, 1, 2, 255],
        checksum: Some(b"ok".to_vec()),
        kind: None,
        tags: None,
        additional_properties: Default::default(),
    };
    let stored = client!(base_url).put_blob(&blob).await.expect("stored");
    assert_eq!(
        request.recv().expect("a request").text(),
        r#"{"name":"b","data":"AAEC/w==","checksum":"b2s="}"#
    );
    assert_eq!(
        stored.into_body(),
        Blob {
            checksum: None,
            ..blob
        }
    );
    let (base_url, _request) = support::serve_once(201, r#"{"name":"b","data":"not base64!"}"#);
    assert!(client!(base_url).put_blob(&Blob {
        name: "b".into(),
        data: Vec::new(),
        checksum: None,
        kind: None,
        tags: None,
        additional_properties: Default::default(),
    })
    .await
    .is_err());
}

#[tokio::test]
async fn pattern_properties_are_maps() {
    let answer = r#"{"limits":{"cpu":2,"memory":512},"aliases":{"db":"postgres"},"strict":{"region":"eu","zone":"a"}}"#;
    let (base_url, request) = support::serve_once(200, answer);
    let settings: Settings =
        serde_json::from_str(answer).expect("the settings decode on their own too");
    let stored = client!(base_url)
        .put_settings(Some(&settings))
        .await
        .expect("stored")
        .into_body();
    assert_eq!(stored, settings);
    assert_eq!(
        stored.limits,
        Some(BTreeMap::from([("cpu".into(), 2), ("memory".into(), 512)]))
    );
    assert_eq!(request.recv().expect("a request").text(), answer);
}

#[tokio::test]
async fn variants_are_told_apart_by_their_const_property() {
    // `DeleteAction` requires as many properties as `CreateAction`: tried in order, a
    // delete action would be taken for a create action of an unknown kind.
    let answer = r#"[{"action":"delete","name":"a"},{"action":"create","name":"b"},{"action":"rename","name":"c"}]"#;
    let (base_url, request) = support::serve_once(200, answer);
    let actions = vec![Action::CreateAction(CreateAction {
        action: CreateActionAction::Create,
        name: "b".into(),
        additional_properties: Default::default(),
    })];
    let ran = client!(base_url)
        .run_actions(&actions)
        .await
        .expect("ran")
        .into_body();
    assert_eq!(
        request.recv().expect("a request").text(),
        r#"[{"action":"create","name":"b"}]"#
    );
    assert_eq!(ran.len(), 3);
    assert_eq!(
        ran[0],
        Action::DeleteAction(DeleteAction {
            action: DeleteActionAction::Delete,
            name: "a".into(),
            force: None,
            additional_properties: Default::default(),
        })
    );
    assert_eq!(ran[1], actions[0]);
    assert!(
        matches!(&ran[2], Action::Other(value) if value["action"] == "rename"),
        "{:?}",
        ran[2]
    );
}

#[tokio::test]
async fn binary_content_is_a_file_part_and_base64_a_text_part() {
    let (base_url, request) = support::serve_once(204, "");
    let body = UploadAvatarBody {
        image: File::new(vec![0x89, b'P', b'N', b'G']).with_content_type("image/png"),
        caption: None,
        thumbnail: Some(vec![1, 2, 3]),
        crop: Some((10, 20)),
        additional_properties: Default::default(),
    };
    client!(base_url).upload_avatar(&body).await.expect("stored");
    let request = request.recv().expect("a request");
    let content_type = request.header("content-type").expect("a content type");
    let parts = support::multipart_parts(content_type, &request.body);
    let part = |name: &str| {
        parts
            .iter()
            .find(|part| {
                part.headers
                    .iter()
                    .any(|h| h.contains(&format!("name=\"{name}\"")))
            })
            .unwrap_or_else(|| panic!("a part named {name}: {parts:?}"))
    };
    assert_eq!(part("image").body, vec![0x89, b'P', b'N', b'G']);
    assert!(
        part("image")
            .headers
            .iter()
            .any(|h| h.eq_ignore_ascii_case("content-type: image/png")),
        "{:?}",
        part("image").headers
    );
    assert_eq!(part("thumbnail").body, b"AQID");
}
