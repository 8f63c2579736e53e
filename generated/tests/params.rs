//! The runtime's parameter encoders (`runtime::param`), against the "Style Examples"
//! table of the OpenAPI 3.0.3 specification, and what they do beyond it.

use std::collections::BTreeMap;

use generated::runtime::param::{self, PathStyle, QueryStyle, Value};
use generated::runtime::{PathPart, Request, RequestError};
use http::Method;
use http::header::COOKIE;
use percent_encoding::percent_decode_str;
use serde::Serialize;

/// The object of the table: `{ "R": 100, "G": 200, "B": 150 }`, in that order.
#[derive(Serialize)]
struct Color {
    #[serde(rename = "R")]
    r: u8,
    #[serde(rename = "G")]
    g: u8,
    #[serde(rename = "B")]
    b: u8,
}

/// The table's values: empty, string, array, object.
fn values() -> [Value; 4] {
    [
        Value::display(&""),
        Value::display(&"blue"),
        Value::list(["blue", "black", "brown"]),
        Value::serialize(
            "color",
            &Color {
                r: 100,
                g: 200,
                b: 150,
            },
        )
        .expect("a struct serializes"),
    ]
}

/// OpenAPI 3.0.3, "Style Examples", as the specification writes it (`|` unescaped):
/// style, explode, then the cells for empty, string, array and object.
#[rustfmt::skip]
const TABLE: &[(&str, bool, [&str; 4])] = &[
    ("matrix", false, [";color", ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"]),
    ("matrix", true, [";color", ";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"]),
    ("label", false, [".", ".blue", ".blue.black.brown", ".R.100.G.200.B.150"]),
    ("label", true, [".", ".blue", ".blue.black.brown", ".R=100.G=200.B=150"]),
    ("form", false, ["color=", "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"]),
    ("form", true, ["color=", "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"]),
    ("simple", false, ["n/a", "blue", "blue,black,brown", "R,100,G,200,B,150"]),
    ("simple", true, ["n/a", "blue", "blue,black,brown", "R=100,G=200,B=150"]),
    ("spaceDelimited", false, ["n/a", "n/a", "blue%20black%20brown", "R%20100%20G%20200%20B%20150"]),
    ("pipeDelimited", false, ["n/a", "n/a", "blue|black|brown", "R|100|G|200|G|150"]),
    ("deepObject", true, ["n/a", "n/a", "n/a", "color[R]=100&color[G]=200&color[B]=150"]),
];

/// Where what we send is not the cell as written: (style, explode, column, what we send,
/// why it means the same or why the cell is wrong).
const DIFFERENCES: &[(&str, bool, usize, &str, &str)] = &[
    // The label rows without explode are an erratum of 3.0.3: RFC 6570 (section 3.2.5,
    // `{.list}` → `.red,green,blue`) separates unexploded items with `,`; OpenAPI 3.0.4
    // corrected the table to these strings.
    (
        "label",
        false,
        2,
        ".blue,black,brown",
        "RFC 6570 erratum, fixed in 3.0.4",
    ),
    (
        "label",
        false,
        3,
        ".R,100,G,200,B,150",
        "RFC 6570 erratum, fixed in 3.0.4",
    ),
    // The delimited rows show the value only; the parameter is sent `color=<value>` as in
    // 3.0.4's table.
    (
        "spaceDelimited",
        false,
        2,
        "color=blue%20black%20brown",
        "value only in 3.0.3",
    ),
    (
        "spaceDelimited",
        false,
        3,
        "color=R%20100%20G%20200%20B%20150",
        "value only in 3.0.3",
    ),
    // RFC 3986 allows no `|` in a query (some servers, such as Tomcat, refuse it), so it
    // is sent `%7C`, as 3.0.4's table writes it; servers decode before splitting.
    (
        "pipeDelimited",
        false,
        2,
        "color=blue%7Cblack%7Cbrown",
        "`|` is `%7C`",
    ),
    // Also a typo in 3.0.3 (`G|150` for `B|150`), fixed in 3.0.4.
    (
        "pipeDelimited",
        false,
        3,
        "color=R%7C100%7CG%7C200%7CB%7C150",
        "`|` is `%7C`; typo",
    ),
    // RFC 3986 allows no `[` `]` in a query: `%5B` `%5D`, as 3.0.4 (and `qs`) write them.
    (
        "deepObject",
        true,
        3,
        "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150",
        "brackets are `%5B` `%5D`",
    ),
    // `n/a` cells: what we send instead, the closest defined style (the generator warns).
    (
        "simple",
        false,
        0,
        "",
        "RFC 6570: an empty string expands to nothing",
    ),
    (
        "simple",
        true,
        0,
        "",
        "RFC 6570: an empty string expands to nothing",
    ),
    (
        "spaceDelimited",
        false,
        0,
        "color=",
        "a single value is sent form-style",
    ),
    (
        "spaceDelimited",
        false,
        1,
        "color=blue",
        "a single value is sent form-style",
    ),
    (
        "pipeDelimited",
        false,
        0,
        "color=",
        "a single value is sent form-style",
    ),
    (
        "pipeDelimited",
        false,
        1,
        "color=blue",
        "a single value is sent form-style",
    ),
    (
        "deepObject",
        true,
        0,
        "color=",
        "a single value is sent form-style",
    ),
    (
        "deepObject",
        true,
        1,
        "color=blue",
        "a single value is sent form-style",
    ),
    (
        "deepObject",
        true,
        2,
        "color=blue&color=black&color=brown",
        "a list is sent form-style, exploded",
    ),
];

/// What we send for `value` in `style`: a path expansion or a query string.
fn encode(style: &str, explode: bool, value: &Value) -> String {
    let path = |style| param::path("color", value, style, explode);
    let query = |style| {
        let mut out = String::new();
        param::query(&mut out, "color", value, style, explode, false);
        out
    };
    match style {
        "matrix" => path(PathStyle::Matrix),
        "label" => path(PathStyle::Label),
        "simple" => path(PathStyle::Simple),
        "form" => query(QueryStyle::Form),
        "spaceDelimited" => query(QueryStyle::SpaceDelimited),
        "pipeDelimited" => query(QueryStyle::PipeDelimited),
        "deepObject" => query(QueryStyle::DeepObject),
        other => panic!("no style {other}"),
    }
}

fn decoded(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

#[test]
fn every_cell_of_the_style_examples_table() {
    let values = values();
    let mut differences_used = 0;
    for (style, explode, cells) in TABLE {
        for (column, (cell, value)) in cells.iter().zip(&values).enumerate() {
            let sent = encode(style, *explode, value);
            let difference = DIFFERENCES
                .iter()
                .find(|(s, e, c, _, _)| s == style && e == explode && *c == column);
            match difference {
                None => assert_eq!(sent, *cell, "{style}, explode {explode}, column {column}"),
                Some((_, _, _, expected, why)) => {
                    differences_used += 1;
                    assert_eq!(
                        sent, *expected,
                        "{style}, explode {explode}, column {column}: {why}"
                    );
                    assert_ne!(sent, *cell, "listed as a difference but the same");
                }
            }
        }
    }
    assert_eq!(differences_used, DIFFERENCES.len());
}

#[test]
fn encoded_delimiters_decode_to_the_table() {
    // Where we only encode what the table writes raw, a server's decoding gives the
    // table's text.
    let values = values();
    assert_eq!(
        decoded(&encode("deepObject", true, &values[3])),
        "color[R]=100&color[G]=200&color[B]=150"
    );
    assert_eq!(
        decoded(&encode("pipeDelimited", false, &values[2])),
        "color=blue|black|brown"
    );
    assert_eq!(
        decoded(&encode("spaceDelimited", false, &values[2])),
        "color=blue black brown"
    );
}

#[test]
fn simple_headers_match_the_table_unencoded() {
    let values = values();
    for (explode, object) in [(false, "R,100,G,200,B,150"), (true, "R=100,G=200,B=150")] {
        assert_eq!(param::header(&values[1], explode).as_deref(), Some("blue"));
        assert_eq!(
            param::header(&values[2], explode).as_deref(),
            Some("blue,black,brown")
        );
        assert_eq!(param::header(&values[3], explode).as_deref(), Some(object));
    }
    // A header is not a URL: nothing is percent-encoded.
    assert_eq!(
        param::header(&Value::display(&"a b/c%d"), false).as_deref(),
        Some("a b/c%d")
    );
    assert_eq!(
        param::header(&Value::list(Vec::<String>::new()), false),
        None
    );
    assert_eq!(param::header(&Value::Null, false), None);
}

#[test]
fn cookies_follow_form_with_everything_encoded() {
    let values = values();
    assert_eq!(param::cookie("color", &values[1], true), "color=blue");
    assert_eq!(
        param::cookie("color", &values[2], true),
        "color=blue; color=black; color=brown"
    );
    // `,` is no cookie-octet (RFC 6265): the unexploded list's delimiter is `%2C`.
    assert_eq!(
        param::cookie("color", &values[2], false),
        "color=blue%2Cblack%2Cbrown"
    );
    assert_eq!(
        param::cookie("color", &values[3], true),
        "R=100; G=200; B=150"
    );
    assert_eq!(
        param::cookie("color", &values[3], false),
        "color=R%2C100%2CG%2C200%2CB%2C150"
    );
    assert_eq!(
        param::cookie("se ssion", &Value::display(&"a; b=\"c\"\r\n"), true),
        "se%20ssion=a%3B%20b%3D%22c%22%0D%0A"
    );
    assert_eq!(param::cookie("color", &Value::Null, true), "");
}

#[test]
fn cookie_parameters_share_one_header() {
    let mut request = Request::new(Method::GET, &[PathPart::Literal("/")]).unwrap();
    request.cookie("a", &Value::display(&1), true);
    request.cookie("b", &Value::list(["x", "y"]), true);
    request.cookie("empty", &Value::list(Vec::<String>::new()), true);
    request.cookie("c", &Value::display(&"semi;colon"), true);
    let cookies: Vec<_> = request.headers().get_all(COOKIE).iter().collect();
    assert_eq!(cookies, ["a=1; b=x; b=y; c=semi%3Bcolon"]);
}

#[test]
fn values_cannot_leave_their_place() {
    let value = Value::display(&"a/b?c#d&e=f%g h");
    for (style, expected) in [
        (PathStyle::Simple, "a%2Fb%3Fc%23d%26e%3Df%25g%20h"),
        (PathStyle::Label, ".a%2Fb%3Fc%23d%26e%3Df%25g%20h"),
        (PathStyle::Matrix, ";color=a%2Fb%3Fc%23d%26e%3Df%25g%20h"),
    ] {
        assert_eq!(param::path("color", &value, style, false), expected);
    }
    let mut query = String::new();
    param::query(&mut query, "k&=", &value, QueryStyle::Form, true, false);
    assert_eq!(query, "k%26%3D=a%2Fb%3Fc%23d%26e%3Df%25g%20h");
    // Items holding a delimiter keep it encoded, so the style's own delimiters are told
    // apart from the data.
    let list = Value::list(["a,b", "c;d", "e.f"]);
    assert_eq!(
        param::path("l", &list, PathStyle::Matrix, true),
        ";l=a%2Cb;l=c%3Bd;l=e.f"
    );
    let mut query = String::new();
    param::query(&mut query, "l", &list, QueryStyle::Form, false, false);
    assert_eq!(query, "l=a%2Cb,c%3Bd,e.f");
}

#[test]
fn allow_reserved_keeps_reserved_characters_but_not_those_that_split_the_query() {
    let value = Value::display(&"https://x.example/a?b=c&d#e[f]+g%20,h;i");
    let mut query = String::new();
    param::query(&mut query, "next", &value, QueryStyle::Form, true, true);
    assert_eq!(
        query,
        "next=https://x.example/a?b%3Dc%26d%23e%5Bf%5D%2Bg%2520,h;i"
    );
}

#[derive(Serialize)]
struct Filter {
    name: Option<String>,
    created: Range,
    ids: Vec<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    missing: Option<String>,
    null: Option<String>,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Range {
    after: &'static str,
    before: Option<&'static str>,
}

#[derive(Serialize)]
struct Item {
    sku: &'static str,
    quantity: u32,
}

fn filter() -> Filter {
    Filter {
        name: Some("a b".into()),
        created: Range {
            after: "2024",
            before: None,
        },
        ids: vec![1, 2],
        missing: None,
        null: None,
        items: vec![Item {
            sku: "x",
            quantity: 3,
        }],
    }
}

#[test]
fn deep_object_writes_nested_objects_and_lists_by_index() {
    let value = Value::serialize("filter", &filter()).unwrap();
    let mut query = String::new();
    param::query(
        &mut query,
        "filter",
        &value,
        QueryStyle::DeepObject,
        true,
        false,
    );
    let pairs: Vec<String> = query.split('&').map(decoded).collect();
    assert_eq!(
        pairs,
        [
            "filter[name]=a b",
            "filter[created][after]=2024",
            "filter[ids][0]=1",
            "filter[ids][1]=2",
            "filter[items][0][sku]=x",
            "filter[items][0][quantity]=3",
        ]
    );
}

#[test]
fn form_spreads_an_object_and_writes_deeper_values_as_json() {
    let value = Value::serialize("filter", &filter()).unwrap();
    let mut exploded = String::new();
    param::query(
        &mut exploded,
        "filter",
        &value,
        QueryStyle::Form,
        true,
        false,
    );
    let pairs: Vec<String> = exploded.split('&').map(decoded).collect();
    // Each property a parameter of its own; a list property repeats its name; an object
    // inside is its JSON text; `null`s are left out.
    assert_eq!(
        pairs,
        [
            "name=a b",
            r#"created={"after":"2024","before":null}"#,
            "ids=1",
            "ids=2",
            r#"items={"sku":"x","quantity":3}"#,
        ]
    );
    let mut joined = String::new();
    param::query(
        &mut joined,
        "filter",
        &value,
        QueryStyle::Form,
        false,
        false,
    );
    assert_eq!(
        decoded(&joined),
        r#"filter=name,a b,created,{"after":"2024","before":null},ids,[1,2],items,[{"sku":"x","quantity":3}]"#
    );
}

#[test]
fn maps_and_any_json_values_are_objects() {
    let map: BTreeMap<&str, u32> = [("b", 2), ("a", 1)].into();
    let value = Value::serialize("m", &map).unwrap();
    assert_eq!(param::path("m", &value, PathStyle::Simple, true), "a=1,b=2");
    let json = serde_json::json!({"q": "x", "n": [1, {"k": true}]});
    let value = Value::serialize("j", &json).unwrap();
    let mut query = String::new();
    param::query(&mut query, "j", &value, QueryStyle::DeepObject, true, false);
    assert_eq!(decoded(&query), "j[n][0]=1&j[n][1][k]=true&j[q]=x");
}

#[test]
fn empty_lists_and_objects_and_nulls_send_nothing() {
    let empty_list = Value::list(Vec::<String>::new());
    let empty_object = Value::serialize("o", &BTreeMap::<String, String>::new()).unwrap();
    for value in [&empty_list, &empty_object, &Value::Null] {
        for style in [
            QueryStyle::Form,
            QueryStyle::SpaceDelimited,
            QueryStyle::PipeDelimited,
            QueryStyle::DeepObject,
        ] {
            for explode in [false, true] {
                let mut query = String::new();
                param::query(&mut query, "p", value, style, explode, false);
                assert_eq!(query, "", "{value:?} {style:?} {explode}");
            }
        }
        assert_eq!(param::cookie("p", value, false), "");
        for style in [PathStyle::Simple, PathStyle::Label, PathStyle::Matrix] {
            assert_eq!(param::path("p", value, style, false), "");
        }
    }
    // The `form` list fast path behaves the same.
    let mut request = Request::new(Method::GET, &[PathPart::Literal("/")]).unwrap();
    request.query_list::<&str>("ids", &[], false);
    request.query_list("tags", &["a", "b"], false);
    assert_eq!(request.path_and_query(), "/?tags=a,b");
}

#[test]
fn styled_path_parameters_are_refused_when_empty_or_dots() {
    fn parts(value: &Value) -> Result<Request, RequestError> {
        Request::new(
            Method::GET,
            &[
                PathPart::Literal("/things/"),
                PathPart::Styled("color", value, PathStyle::Label, false),
            ],
        )
    }
    match parts(&Value::display(&"")) {
        Err(RequestError::DotPathParameter { name: "color" }) => {}
        other => panic!("`.` is refused, got {other:?}"),
    }
    match parts(&Value::list(Vec::<String>::new())) {
        Err(RequestError::EmptyPathParameter { name: "color" }) => {}
        other => panic!("an empty expansion is refused, got {other:?}"),
    }
    let request = parts(&Value::list(["a", "b"])).unwrap();
    assert_eq!(request.path_and_query(), "/things/.a,b");
}

#[test]
fn header_parameters_refuse_line_breaks() {
    let mut request = Request::new(Method::GET, &[PathPart::Literal("/")]).unwrap();
    request
        .header_styled("x-list", &Value::list(["a", "b"]), false)
        .unwrap();
    assert_eq!(request.headers()["x-list"], "a,b");
    match request.header_styled("x-evil", &Value::list(["a\r\nx-injected: 1"]), false) {
        Err(RequestError::InvalidHeaderValue { name: "x-evil" }) => {}
        other => panic!("a line break is refused, got {other:?}"),
    }
}

#[test]
fn values_that_cannot_be_serialized_are_request_errors() {
    let map: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
    match Value::serialize("odd", &map) {
        Err(RequestError::Parameter {
            name: "odd",
            message,
        }) => {
            assert!(message.contains("map key"), "{message}");
        }
        other => panic!("a list as a map key is refused, got {other:?}"),
    }
}

#[test]
fn json_content_is_the_json_text() {
    let value = Value::json("where", &Color { r: 1, g: 2, b: 3 }).unwrap();
    let mut query = String::new();
    param::query(&mut query, "where", &value, QueryStyle::Form, true, false);
    assert_eq!(decoded(&query), r#"where={"R":1,"G":2,"B":3}"#);
}

/// Every printable ASCII character and a few others, in names and values.
fn tricky() -> Vec<String> {
    let mut texts: Vec<String> = (0x20u8..0x7f).map(|b| format!("a{}b", b as char)).collect();
    texts.extend(["", "é ü", "\u{1F600}", "%41", "a\tb"].map(str::to_owned));
    texts
}

#[test]
fn every_character_round_trips_through_the_query() {
    for text in tricky() {
        let items = Value::list([text.as_str(), "x"]);
        for (style, explode) in [
            (QueryStyle::Form, true),
            (QueryStyle::Form, false),
            (QueryStyle::SpaceDelimited, false),
            (QueryStyle::PipeDelimited, false),
        ] {
            let mut query = String::new();
            param::query(&mut query, &text, &items, style, explode, false);
            // What a server does: split on `&`, then on the first `=`, then decode.
            let pairs: Vec<(String, String)> = query
                .split('&')
                .map(|pair| {
                    let (name, value) = pair.split_once('=').expect("name=value");
                    (decoded(name), value.to_owned())
                })
                .collect();
            assert!(pairs.iter().all(|(name, _)| *name == text), "{query}");
            let values: Vec<String> = match (style, explode) {
                (QueryStyle::Form, true) => pairs.iter().map(|(_, v)| decoded(v)).collect(),
                (QueryStyle::Form, false) => pairs[0].1.split(',').map(decoded).collect(),
                (QueryStyle::SpaceDelimited, _) => pairs[0].1.split("%20").map(decoded).collect(),
                _ => pairs[0].1.split("%7C").map(decoded).collect(),
            };
            // Only a value holding the delimiter itself splits differently.
            let holds_delimiter = match style {
                QueryStyle::SpaceDelimited => text.contains(' '),
                QueryStyle::PipeDelimited => text.contains('|'),
                _ => false,
            };
            if !holds_delimiter {
                assert_eq!(values, [text.as_str(), "x"], "{style:?} {explode}: {query}");
            }
        }
        let object = Value::Object(vec![(text.clone(), Value::display(&text))]);
        let mut query = String::new();
        param::query(
            &mut query,
            "f",
            &object,
            QueryStyle::DeepObject,
            true,
            false,
        );
        let (name, value) = query.split_once('=').expect("name=value");
        assert_eq!(decoded(name), format!("f[{text}]"));
        assert_eq!(decoded(value), text);
    }
}

#[test]
fn every_character_stays_inside_its_path_segment_cookie_and_header() {
    for text in tricky() {
        let value = Value::list([text.as_str(), "x"]);
        for style in [PathStyle::Simple, PathStyle::Label, PathStyle::Matrix] {
            for explode in [false, true] {
                let segment = param::path(&text, &value, style, explode);
                assert!(!segment.contains(['/', '?', '#', ' ']), "{segment}");
                // `.` is unreserved, so RFC 6570 leaves it as it is: in an exploded label
                // list it reads as the delimiter (as in any label template).
                if style == PathStyle::Label && explode && text.contains('.') {
                    continue;
                }
                let items: Vec<String> = match (style, explode) {
                    (PathStyle::Label, true) => segment[1..].split('.').map(decoded).collect(),
                    (PathStyle::Matrix, true) => segment[1..]
                        .split(';')
                        .map(|pair| decoded(pair.split_once('=').map_or("", |(_, v)| v)))
                        .collect(),
                    (PathStyle::Matrix, false) => {
                        let (_, list) = segment.split_once('=').expect("`;name=`");
                        list.split(',').map(decoded).collect()
                    }
                    (PathStyle::Label, false) => segment[1..].split(',').map(decoded).collect(),
                    (PathStyle::Simple, _) => segment.split(',').map(decoded).collect(),
                };
                assert_eq!(
                    items,
                    [text.as_str(), "x"],
                    "{style:?} {explode}: {segment}"
                );
            }
        }
        let cookie = param::cookie(&text, &Value::display(&text), true);
        assert!(
            cookie.bytes().all(|b| b.is_ascii_graphic()
                && !matches!(b, b';' | b',' | b'"' | b'\\')
                || b == b'='),
            "{cookie}"
        );
        let (name, value) = cookie.split_once('=').expect("name=value");
        assert_eq!(
            (decoded(name), decoded(value)),
            (text.clone(), text.clone())
        );
        let mut request = Request::new(Method::GET, &[PathPart::Literal("/")]).unwrap();
        match request.header_styled("x-text", &Value::display(&text), false) {
            Ok(()) => assert_eq!(request.headers()["x-text"].as_bytes(), text.as_bytes()),
            Err(RequestError::InvalidHeaderValue { .. }) => {
                assert!(text.contains(['\t', '\u{7f}']) || text.chars().any(char::is_control));
            }
            Err(other) => panic!("{other:?}"),
        }
    }
}
