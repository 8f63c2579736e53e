//! Runs inside the crate generated from `tests/fixtures/composition.yaml` (see
//! `tests/fixture_behaviour.rs`): unions decode into the variant the value is, refuse a
//! value that could be several, and lose nothing; `anyOf` objects are one struct; values
//! are built with `new`, `Default` and `From`.

use fixture_composition::models::{
    Amount, Cat, CreateResult, CreateResultSingleResult, CreateResultVariant2, Identifier, Named,
    Overlapping, OverlappingVariant1, OverlappingVariant2, PagesModel, Pet, Stage, StageVariant1,
    StageVariant2,
};
use serde_json::{Value, json};

fn decode<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T, String> {
    serde_json::from_value(value.clone()).map_err(|error| error.to_string())
}

/// Decodes `value` and checks that it is written back as it was.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug>(
    value: Value,
) -> T {
    let decoded: T = decode(&value).unwrap_or_else(|error| panic!("{value} decodes: {error}"));
    let written = serde_json::to_value(&decoded).expect("encodes");
    assert_eq!(written, value, "{decoded:?} is written back as read");
    decoded
}

#[test]
fn untagged_unions_go_by_the_kind_of_value() {
    assert_eq!(
        round_trip::<Identifier>(json!("abc")),
        Identifier::String("abc".into())
    );
    assert_eq!(round_trip::<Identifier>(json!(42)), Identifier::I64(42));
    assert_eq!(
        round_trip::<Identifier>(json!({"kind": "cat", "lives": 9})),
        Identifier::Cat(Cat::new("cat", 9))
    );
    let error = decode::<Identifier>(&json!(true)).expect_err("a boolean is no variant");
    assert!(error.contains("none of the variants"), "{error}");

    assert_eq!(round_trip::<Amount>(json!(3)), Amount::I64(3));
    assert_eq!(round_trip::<Amount>(json!(3.5)), Amount::F64(3.5));
}

#[test]
fn objects_go_by_their_required_and_listed_properties() {
    let cat = json!({"kind": "cat", "lives": 7});
    assert_eq!(
        round_trip::<CreateResult>(json!({ "item": cat })),
        CreateResult::SingleResult(CreateResultSingleResult::new(Cat::new("cat", 7)))
    );
    assert_eq!(
        round_trip::<CreateResult>(json!({ "items": [cat] })),
        CreateResult::Variant2(CreateResultVariant2::new([Cat::new("cat", 7)]))
    );
    // Each variant would keep the other's property as unknown: no choice is right.
    let both = json!({ "item": cat, "items": [] });
    let error = decode::<CreateResult>(&both).expect_err("ambiguous");
    assert!(error.contains("several variants"), "{error}");

    // Nothing required: the listed properties tell.
    let first = round_trip::<Overlapping>(json!({"first": "a"}));
    assert!(matches!(first, Overlapping::Variant1(_)), "{first:?}");
    let last = round_trip::<Overlapping>(json!({"last": "z"}));
    assert!(matches!(last, Overlapping::Variant2(_)), "{last:?}");
    // A property only one of them lists, and one neither lists: still the one.
    let mostly_first = round_trip::<Overlapping>(json!({"first": "a", "new": 1}));
    assert!(
        matches!(mostly_first, Overlapping::Variant1(_)),
        "{mostly_first:?}"
    );
    // Properties of both, or only of neither: refused rather than half dropped.
    for value in [json!({"first": "a", "last": "z"}), json!({"new": 1})] {
        let error = decode::<Overlapping>(&value).expect_err("ambiguous");
        assert!(error.contains("several variants"), "{value}: {error}");
    }
    // An empty object holds nothing to lose: the first variant takes it.
    assert_eq!(
        round_trip::<Overlapping>(json!({})),
        Overlapping::Variant1(OverlappingVariant1::default())
    );
}

#[test]
fn string_enums_go_by_their_listed_values() {
    assert_eq!(
        round_trip::<Stage>(json!("live")),
        Stage::Variant1(StageVariant1::Live)
    );
    assert_eq!(
        round_trip::<Stage>(json!("archived")),
        Stage::Variant2(StageVariant2::Archived)
    );
    let error = decode::<Stage>(&json!("deleted")).expect_err("either enum's unknown value");
    assert!(error.contains("several variants"), "{error}");
}

#[test]
fn tagged_unions_keep_unknown_tags() {
    let dog = json!({"kind": "doggo", "good": true, "tricks": ["sit"]});
    let Pet::Dog(decoded) = round_trip::<Pet>(dog) else {
        panic!("a dog");
    };
    assert_eq!(decoded.good, Some(true));
    assert_eq!(decoded.additional_properties["tricks"], json!(["sit"]));
    let fish = json!({"kind": "fish", "fins": 4});
    assert_eq!(round_trip::<Pet>(fish.clone()), Pet::Other(fish));
}

#[test]
fn any_of_objects_is_one_struct_that_keeps_every_member_property() {
    let both = json!({"first": "/?page=1", "prev": "/?page=2", "next": "/?page=4"});
    let pages = round_trip::<PagesModel>(both);
    assert_eq!(pages.first.as_deref(), Some("/?page=1"));
    assert_eq!(pages.prev.as_deref(), Some("/?page=2"));
    assert_eq!(pages.next.as_deref(), Some("/?page=4"));
    assert_eq!(pages.last, None);

    // Required where every member requires it.
    let named = round_trip::<Named>(json!({"id": 1, "label": "x"}));
    assert_eq!(
        named,
        Named {
            label: Some("x".into()),
            ..Named::new(1)
        }
    );
    assert!(decode::<Named>(&json!({"name": "x"})).is_err());
}

#[test]
fn values_are_built_with_new_default_and_from() {
    let cat = Cat::new("cat", 9);
    assert_eq!(cat.additional_properties.len(), 0);
    assert_eq!(Identifier::from(cat.clone()), Identifier::Cat(cat.clone()));
    assert_eq!(Identifier::from(7), Identifier::I64(7));
    assert_eq!(
        Identifier::from("x".to_owned()),
        Identifier::String("x".into())
    );
    assert_eq!(Pet::from(cat.clone()), Pet::Cat(cat));
    assert_eq!(Amount::from(0.5), Amount::F64(0.5));
    assert_eq!(
        Overlapping::from(OverlappingVariant2::default()),
        Overlapping::Variant2(OverlappingVariant2 {
            last: None,
            additional_properties: Default::default(),
        })
    );
    assert_eq!(
        serde_json::to_value(PagesModel::default()).expect("encodes"),
        json!({})
    );
}
