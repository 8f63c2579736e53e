//! Runs inside the crate generated from `tests/fixtures/composition_siblings.yaml` (see
//! `tests/fixture_behaviour.rs`): keywords beside `allOf`/`oneOf` shape what decodes.

use bytes::Bytes;
use fixture_composition_siblings::models::{
    LoadBalancerCreate, LoadBalancerCreateAssignDropletsById, LoadBalancerCreateAssignDropletsByTag,
};
use fixture_composition_siblings::operations::create_load_balancer;

fn decode(body: &'static str) -> LoadBalancerCreate {
    let response = http::Response::builder()
        .status(202)
        .header("content-type", "application/json")
        .body(Bytes::from_static(body.as_bytes()))
        .expect("a valid response");
    match create_load_balancer::response(response) {
        Ok(response) => response.into_body(),
        Err(error) => panic!("{body} should decode, got {error:?}"),
    }
}

fn written(value: &LoadBalancerCreate) -> serde_json::Value {
    serde_json::to_value(value).expect("serializes")
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn the_variant_whose_required_properties_are_present_is_chosen() {
    let by_tag = r#"{"tag": "web", "region": "nyc3", "name": "lb-1"}"#;
    let decoded = decode(by_tag);
    assert_eq!(
        decoded,
        LoadBalancerCreate::AssignDropletsByTag(LoadBalancerCreateAssignDropletsByTag {
            name: Some("lb-1".into()),
            ..LoadBalancerCreateAssignDropletsByTag::new("web", "nyc3")
        })
    );
    assert_eq!(written(&decoded), json(by_tag));

    let by_id = r#"{"droplet_ids": [3164444, 3164445], "region": "nyc3", "size": "lb-small"}"#;
    let decoded = decode(by_id);
    assert_eq!(
        decoded,
        LoadBalancerCreate::AssignDropletsById(LoadBalancerCreateAssignDropletsById {
            size: Some("lb-small".into()),
            ..LoadBalancerCreateAssignDropletsById::new([3164444, 3164445], "nyc3")
        })
    );
    assert_eq!(written(&decoded), json(by_id));
}

#[test]
fn a_value_missing_what_both_variants_require_does_not_decode() {
    let response = http::Response::builder()
        .status(202)
        .body(Bytes::from_static(br#"{"region": "nyc3"}"#))
        .expect("a valid response");
    assert!(create_load_balancer::response(response).is_err());
}
