//! The runtime's form and multipart encoders, without any network: what they make of
//! values the generated code cannot produce on its own (bodies that are no object,
//! `null`s, names with brackets or line breaks, content holding the boundary).
//! `generator/tests/behaviour/` checks the generated methods over real HTTP.

use bytes::Bytes;
use generated::runtime::form::{self, Property, Style};
use generated::runtime::{File, Multipart, Request, RequestError};
use http::Method;
use http::header::CONTENT_TYPE;
use serde_json::json;

fn rule(name: &'static str, style: Option<Style>, explode: bool) -> Property {
    Property {
        name,
        style,
        explode,
        json: false,
    }
}

#[test]
fn a_form_body_must_be_an_object() {
    for body in [json!([1, 2]), json!("text"), json!(null)] {
        match form::encode(&body, &[]) {
            Err(RequestError::InvalidBody(why)) => {
                assert!(why.starts_with("a form body must be an object"), "{why}")
            }
            other => panic!("{body} should be refused, got {other:?}"),
        }
    }
}

#[test]
fn nulls_and_empty_values_send_nothing() {
    let body = json!({"a": null, "b": [], "c": {}, "d": [null, "x"], "e": {"f": null}});
    assert_eq!(form::encode(&body, &[]).unwrap(), "d=x");
}

#[test]
fn keys_keep_their_brackets_apart_from_the_encodings() {
    // `serde_json::Value` sorts keys: `a[b]` before `m`.
    let body = json!({"a[b]": "1", "m": {"k=v": "2", "x y": ["3", {"z": "4"}]}});
    assert_eq!(
        form::encode(&body, &[]).unwrap(),
        "a%5Bb%5D=1&m[k%3Dv]=2&m[x+y][0]=3&m[x+y][1][z]=4"
    );
}

#[test]
fn styles_follow_openapi() {
    // `serde_json::Value` sorts keys (generated types keep the spec's order).
    let body = json!({
        "flat": {"r": 1, "g": "a,b"},
        "joined": ["a b", "c"],
        "pipes": ["a|b", "c"],
        "spaces": ["a", "b"],
        "deep": ["x", "y"],
        "nested": [["a"], ["b"]],
    });
    let rules = [
        rule("flat", Some(Style::Form), false),
        rule("joined", None, false),
        rule("pipes", Some(Style::PipeDelimited), false),
        rule("spaces", Some(Style::SpaceDelimited), false),
        rule("deep", Some(Style::DeepObject), true),
    ];
    assert_eq!(
        form::encode(&body, &rules).unwrap(),
        "deep[0]=x&deep[1]=y&flat=g,a%2Cb,r,1&joined=a+b,c&nested[0][0]=a&nested[1][0]=b\
         &pipes=a%7Cb|c&spaces=a%20b"
    );
}

#[test]
fn a_json_property_is_its_json_text() {
    let body = json!({"filter": {"tags": ["a"]}, "none": null});
    let rules = [
        Property {
            name: "filter",
            style: None,
            explode: true,
            json: true,
        },
        Property {
            name: "none",
            style: None,
            explode: true,
            json: true,
        },
    ];
    assert_eq!(
        form::encode(&body, &rules).unwrap(),
        "filter=%7B%22tags%22%3A%5B%22a%22%5D%7D"
    );
}

#[test]
fn a_form_request_has_its_content_type_and_bytes() {
    let mut request = Request::new(Method::POST, &[]).unwrap();
    request
        .form(
            "application/x-www-form-urlencoded; charset=utf-8",
            &json!({"q": "tea & cake"}),
            &[],
        )
        .unwrap();
    assert_eq!(
        request.headers()[CONTENT_TYPE],
        "application/x-www-form-urlencoded; charset=utf-8"
    );
    assert_eq!(request.body_bytes(), &Bytes::from("q=tea+%26+cake"));
}

/// The boundary a built multipart request declares.
fn boundary(request: &Request) -> String {
    let content_type = request.headers()[CONTENT_TYPE].to_str().unwrap();
    content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart content type")
        .to_owned()
}

fn multipart_request(form: &Multipart) -> Request {
    let mut request = Request::new(Method::POST, &[]).unwrap();
    request.multipart(form);
    request
}

#[test]
fn multipart_bytes_are_exactly_rfc_7578() {
    let mut form = Multipart::new();
    form.value("title", &"Holiday", None).unwrap();
    form.file(
        "photo",
        &File::new("PNG").with_file_name("a.png"),
        Some("image/png"),
    )
    .unwrap();
    let request = multipart_request(&form);
    let boundary = boundary(&request);
    assert!(boundary.len() <= 70);
    assert!(
        boundary
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    );
    let expected = format!(
        "--{boundary}\r\n\
         Content-Disposition: form-data; name=\"title\"\r\n\
         \r\n\
         Holiday\r\n\
         --{boundary}\r\n\
         Content-Disposition: form-data; name=\"photo\"; filename=\"a.png\"\r\n\
         Content-Type: image/png\r\n\
         \r\n\
         PNG\r\n\
         --{boundary}--\r\n"
    );
    assert_eq!(request.body_bytes(), &Bytes::from(expected));
    // A retry sends the same bytes: the request is cloned, not re-encoded.
    assert_eq!(request.clone().body_bytes(), request.body_bytes());
}

#[test]
fn the_boundary_never_occurs_in_the_content() {
    // The same parts, but the content now holds the boundary they were given: another
    // one is chosen. (The boundary depends on the size and the first and last 64 bytes
    // of the content, so those stay: the boundary goes in the middle.)
    let mut content = vec![b'a'; 200];
    let mut form = Multipart::new();
    form.file("file", &File::new(content.clone()), None)
        .unwrap();
    let candidate = boundary(&multipart_request(&form));
    content.splice(80..80, candidate.bytes());
    content.truncate(200);
    let mut form = Multipart::new();
    form.file("file", &File::new(content.clone()), None)
        .unwrap();
    let request = multipart_request(&form);
    let chosen = boundary(&request);
    assert_ne!(chosen, candidate);
    let body = request.body_bytes();
    let occurrences = body
        .windows(chosen.len())
        .filter(|window| *window == chosen.as_bytes())
        .count();
    assert_eq!(
        occurrences, 2,
        "only the delimiter and the closing delimiter"
    );
}

#[test]
fn names_cannot_break_out_of_their_header() {
    let mut form = Multipart::new();
    form.file(
        "a\"b",
        &File::new("x").with_file_name("evil\r\nContent-Type: text/html\".txt"),
        None,
    )
    .unwrap();
    let request = multipart_request(&form);
    let body = std::str::from_utf8(request.body_bytes()).unwrap();
    assert!(
        body.contains(
            "Content-Disposition: form-data; name=\"a%22b\"; \
             filename=\"evil%0D%0AContent-Type: text/html%22.txt\"\r\n"
        ),
        "{body}"
    );

    let mut form = Multipart::new();
    let refused = form.file(
        "file",
        &File::new("x").with_content_type("text/plain\r\nX-Injected: 1"),
        None,
    );
    assert!(matches!(refused, Err(RequestError::InvalidBody(_))));
}

#[test]
fn values_become_text_json_or_nothing() {
    let mut form = Multipart::new();
    form.value("none", &json!(null), None).unwrap();
    form.value("flag", &true, None).unwrap();
    form.value("list", &json!([1, {"a": 2}]), None).unwrap();
    form.value("whole", &json!([1, 2]), Some("application/json"))
        .unwrap();
    form.value("typed", &"x", Some("text/csv")).unwrap();
    let request = multipart_request(&form);
    let boundary = boundary(&request);
    let part = |headers: &str, body: &str| format!("--{boundary}\r\n{headers}\r\n\r\n{body}\r\n");
    let expected = [
        part("Content-Disposition: form-data; name=\"flag\"", "true"),
        part("Content-Disposition: form-data; name=\"list\"", "1"),
        part(
            "Content-Disposition: form-data; name=\"list\"\r\nContent-Type: application/json",
            r#"{"a":2}"#,
        ),
        part(
            "Content-Disposition: form-data; name=\"whole\"\r\nContent-Type: application/json",
            "[1,2]",
        ),
        part(
            "Content-Disposition: form-data; name=\"typed\"\r\nContent-Type: text/csv",
            "x",
        ),
        format!("--{boundary}--\r\n"),
    ]
    .concat();
    assert_eq!(request.body_bytes(), &Bytes::from(expected));
}

#[test]
fn a_multipart_body_of_properties_must_be_an_object() {
    let mut form = Multipart::new();
    assert!(matches!(
        form.properties(&json!([1])),
        Err(RequestError::InvalidBody(_))
    ));
    form.properties(&json!({"b": "2", "a": {"c": 1}})).unwrap();
    let request = multipart_request(&form);
    let body = std::str::from_utf8(request.body_bytes()).unwrap();
    assert!(body.contains("name=\"a\"\r\nContent-Type: application/json\r\n\r\n{\"c\":1}"));
    assert!(body.contains("name=\"b\"\r\n\r\n2\r\n"));
}

#[test]
fn files_in_json_are_strings() {
    let file = File::new("text").with_file_name("a.txt");
    assert_eq!(serde_json::to_string(&file).unwrap(), r#""text""#);
    let error = serde_json::to_string(&File::new(vec![0xff])).unwrap_err();
    assert!(error.to_string().contains("not UTF-8"), "{error}");
    let read: File = serde_json::from_str(r#""back""#).unwrap();
    assert_eq!(read, File::new("back"));
    // Debug shows the size, not a possibly huge content.
    assert_eq!(
        format!("{file:?}"),
        r#"File { len: 4, file_name: Some("a.txt"), content_type: None }"#
    );
}
