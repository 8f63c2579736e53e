//! Tests of each rewrite, of what is reported in a 3.0 and a 3.1 document, and of the
//! keywords left out.

use super::*;

/// The rewritten schema, and the keywords reported in a 3.0 document.
fn normalized(yaml: &str) -> (Value, Vec<&'static str>) {
    let (value, notes, _) = rewritten(yaml, Version::V30);
    (value, notes)
}

/// The rewritten schema, the keywords reported and the moves, for `version`.
fn rewritten(yaml: &str, version: Version) -> (Value, Vec<&'static str>, Vec<(String, String)>) {
    // A test helper: a failed expectation is the test failing.
    let mut map: Mapping = serde_yaml::from_str(yaml).expect("test YAML parses");
    let done = normalize(&mut map, version);
    (
        Value::Mapping(map),
        done.notes.into_iter().map(|(k, _)| k).collect(),
        done.moves,
    )
}

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).expect("test YAML parses")
}

fn moves(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(from, to)| ((*from).to_owned(), (*to).to_owned()))
        .collect()
}

#[test]
fn type_lists_become_nullable_types_or_unions() {
    assert_eq!(
        normalized("{type: [integer, 'null'], minimum: 0}"),
        (
            yaml("{minimum: 0, nullable: true, type: integer}"),
            vec!["type"]
        )
    );
    assert_eq!(
        normalized("{type: [string, integer]}"),
        (
            yaml("{anyOf: [{type: string}, {type: integer}]}"),
            vec!["type"]
        )
    );
    assert_eq!(
        normalized("{type: 'null'}"),
        (yaml("{nullable: true}"), vec!["type"])
    );
}

#[test]
fn null_members_make_the_union_nullable() {
    // The schema generators' idiom for an optional value: valid 3.0, no note.
    assert_eq!(
        normalized("{description: d, anyOf: [{$ref: '#/c'}, {nullable: true}]}"),
        (
            yaml("{description: d, nullable: true, allOf: [{$ref: '#/c'}]}"),
            vec![]
        )
    );
    assert_eq!(
        normalized("{oneOf: [{type: string}, {type: integer}, {enum: [null]}]}"),
        (
            yaml("{oneOf: [{type: string}, {type: integer}], nullable: true}"),
            vec![]
        )
    );
    assert_eq!(
        normalized("{anyOf: [{type: string, format: date}, {nullable: true}], format: x}"),
        (yaml("{format: x, nullable: true, type: string}"), vec![])
    );
}

#[test]
fn numeric_exclusive_bounds_and_const() {
    assert_eq!(
        normalized("{type: number, exclusiveMinimum: 0, const: 1}"),
        (
            yaml("{type: number, exclusiveMinimum: true, minimum: 0, enum: [1]}"),
            vec!["exclusiveMinimum", "const"]
        )
    );
}

#[test]
fn a_3_1_document_is_read_by_its_own_rules() {
    // The same rewrites, without a word: they are 3.1's rules.
    assert_eq!(
        rewritten(
            "{type: [number, 'null'], exclusiveMinimum: 0, const: 1}",
            Version::V31
        ),
        (
            yaml(
                "{nullable: true, type: number, exclusiveMinimum: true, minimum: 0, \
                 enum: [1]}"
            ),
            vec![],
            vec![]
        )
    );
    // What 3.1 does not have is reported instead.
    assert_eq!(
        rewritten("{type: string, nullable: true}", Version::V31).1,
        vec!["nullable"]
    );
    assert_eq!(
        rewritten("{type: string, nullable: true}", Version::V30).1,
        Vec::<&str>::new()
    );
}

#[test]
fn documented_ref_members_are_the_ref() {
    let union = "{oneOf: [{allOf: [{$ref: '#/a'}], description: A cat}, \
                 {allOf: [{$ref: '#/b'}], nullable: true}]}";
    assert_eq!(
        rewritten(union, Version::V31).0,
        yaml("{oneOf: [{$ref: '#/a'}, {allOf: [{$ref: '#/b'}], nullable: true}]}")
    );
    // A 3.0 author who wrote the `allOf` meant it.
    assert_eq!(rewritten(union, Version::V30).0, yaml(union));
}

#[test]
fn closed_prefix_items_are_a_tuple() {
    let tuple = yaml(
        "{type: array, items: {anyOf: [{type: string}, {type: integer}]}, \
         x-generator-tuple: true}",
    );
    let moved = moves(&[
        ("/prefixItems/0", "/items/anyOf/0"),
        ("/prefixItems/1", "/items/anyOf/1"),
    ]);
    assert_eq!(
        rewritten(
            "{type: array, prefixItems: [{type: string}, {type: integer}], items: false}",
            Version::V31
        ),
        (tuple.clone(), vec![], moved.clone())
    );
    // pydantic's way: as many items at most as `prefixItems` lists.
    let (value, notes, _) = rewritten(
        "{prefixItems: [{type: string}, {type: integer}], minItems: 2, maxItems: 2}",
        Version::V30,
    );
    assert_eq!(notes, vec!["prefixItems"]);
    assert_eq!(value.get(TUPLE), Some(&Value::Bool(true)));
    assert_eq!(value.get("type"), Some(&Value::from("array")));
}

#[test]
fn open_prefix_items_are_lists() {
    // More items of `items`' type may follow: a list of any of them.
    assert_eq!(
        rewritten(
            "{type: array, prefixItems: [{type: string}], items: {type: integer}}",
            Version::V31
        ),
        (
            yaml("{type: array, items: {anyOf: [{type: string}, {type: integer}]}}"),
            vec![],
            moves(&[
                ("/items", "/items/anyOf/1"),
                ("/prefixItems/0", "/items/anyOf/0")
            ])
        )
    );
    // More items of any type: reported whatever the version, `prefixItems` left as
    // it is (ignored).
    let (value, notes, moved) =
        rewritten("{type: array, prefixItems: [{type: string}]}", Version::V31);
    assert_eq!(notes, vec!["prefixItems"]);
    assert!(moved.is_empty());
    assert_eq!(value.get(TUPLE), None);
    assert_eq!(
        rewritten("{type: array, items: false}", Version::V31).0,
        yaml("{type: array, maxItems: 0}")
    );
}

#[test]
fn content_encoding_and_media_type() {
    assert_eq!(
        rewritten(
            "{type: string, contentEncoding: base64, contentMediaType: image/png}",
            Version::V31
        )
        .0,
        yaml("{type: string, x-generator-base64: true}")
    );
    assert_eq!(
        rewritten("{type: string, contentMediaType: image/png}", Version::V31).0,
        yaml("{type: string, format: binary}")
    );
    // Text stays text.
    assert_eq!(
        rewritten(
            "{type: string, contentMediaType: application/json}",
            Version::V31
        )
        .0,
        yaml("{type: string}")
    );
}

#[test]
fn pattern_and_unevaluated_properties_are_maps() {
    assert_eq!(
        rewritten(
            "{type: object, patternProperties: {'^x-': {type: string}}}",
            Version::V31
        ),
        (
            yaml("{type: object, additionalProperties: {type: string}}"),
            vec![],
            moves(&[("/patternProperties/^x-", "/additionalProperties")])
        )
    );
    assert_eq!(
        rewritten(
            "{patternProperties: {a: {type: string}, b: {type: integer}}, \
             additionalProperties: {type: boolean}}",
            Version::V31
        ),
        (
            yaml(
                "{additionalProperties: {anyOf: [{type: boolean}, {type: string}, \
                 {type: integer}]}}"
            ),
            vec![],
            moves(&[
                ("/additionalProperties", "/additionalProperties/anyOf/0"),
                ("/patternProperties/a", "/additionalProperties/anyOf/1"),
                ("/patternProperties/b", "/additionalProperties/anyOf/2"),
            ])
        )
    );
    assert_eq!(
        rewritten(
            "{allOf: [{$ref: '#/a'}], unevaluatedProperties: false}",
            Version::V30
        ),
        (
            yaml("{allOf: [{$ref: '#/a'}], additionalProperties: false}"),
            vec!["unevaluatedProperties"],
            vec![]
        )
    );
}

#[test]
fn what_no_type_expresses_is_left_out() {
    let schema: Mapping =
        serde_yaml::from_str("{type: string, not: {enum: ['']}}").expect("test YAML parses");
    assert!(matches!(left_out(&schema, "not"), Some(Some(_))));
    let only_not: Mapping =
        serde_yaml::from_str("{not: {type: string}}").expect("test YAML parses");
    assert_eq!(left_out(&only_not, "not"), None);
    assert!(matches!(left_out(&schema, "if"), Some(Some(_))));
    assert_eq!(left_out(&schema, "then"), Some(None));
    assert_eq!(left_out(&schema, "$defs"), Some(None));
    assert_eq!(left_out(&schema, "properties"), None);
}

#[test]
fn each_keyword_looked_at_alone_is_rewritten_or_reported() {
    // One schema per keyword `looked_at` lists, with nothing else that is rewritten: each
    // must still be rewritten (or, for `nullable` in 3.1, reported), so that dropping a
    // keyword from that list fails here.
    let alone = [
        "{nullable: true}",
        "{type: [string, 'null']}",
        "{oneOf: [{type: string}, {nullable: true}]}",
        "{anyOf: [{type: string}, {nullable: true}]}",
        "{exclusiveMinimum: 3}",
        "{exclusiveMaximum: 3}",
        "{const: 1}",
        "{items: false}",
        "{unevaluatedItems: false}",
        "{prefixItems: [{type: string}]}",
        "{contentEncoding: base64}",
        "{contentMediaType: image/png}",
        "{unevaluatedProperties: false}",
        "{patternProperties: {'^a': {type: string}}}",
    ];
    for schema in alone {
        let (rewritten, notes, _) = rewritten(schema, Version::V31);
        assert!(
            rewritten != yaml(schema) || !notes.is_empty(),
            "{schema} is left as it is"
        );
    }
}

#[test]
fn required_flags_on_properties_are_listed_in_required() {
    let Value::Mapping(mut schema) = yaml(
        "{type: object, required: [a], properties: {a: {type: string, required: true}, \
         b: {type: string, required: true}, c: {type: string, required: false}, \
         d: {$ref: '#/d'}, e: {type: string}}}",
    ) else {
        panic!("a mapping");
    };
    let flags = required_flags(&mut schema);
    assert_eq!(
        flags,
        [
            ("a".to_owned(), true),
            ("b".to_owned(), true),
            ("c".to_owned(), false)
        ]
    );
    assert_eq!(
        Value::Mapping(schema),
        yaml(
            "{type: object, required: [a, b], properties: {a: {type: string}, \
             b: {type: string}, c: {type: string}, d: {$ref: '#/d'}, e: {type: string}}}"
        )
    );
    // A list of names is JSON Schema's own form: left alone.
    let Value::Mapping(mut schema) = yaml("{properties: {a: {type: object, required: [x]}}}")
    else {
        panic!("a mapping");
    };
    assert!(required_flags(&mut schema).is_empty());
}
