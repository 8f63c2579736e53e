//! Runs inside the crate generated from `tests/fixtures/parameters.yaml` (see
//! `tests/fixture_behaviour.rs`): the client sends each parameter style over real HTTP to
//! a server on 127.0.0.1, which records the request line and headers exactly as they
//! arrive on the socket.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::thread;

use fixture_parameters::models::{Color, Filter, FilterStatus, Range};
use fixture_parameters::operations::{
    cookies, headers, query_deep, query_delimited, query_fallbacks, query_form,
};
use fixture_parameters::runtime::{Error, RequestError};
use fixture_parameters::{Client, Response};
use percent_encoding::percent_decode_str;

/// What the server received: the request line and the headers (names lower case).
struct Received {
    line: String,
    headers: Vec<(String, String)>,
}

impl Received {
    /// The path and query of the request line (`GET <this> HTTP/1.1`).
    fn target(&self) -> &str {
        self.line.split(' ').nth(1).unwrap_or_default()
    }

    /// Every value of header `name`.
    fn header(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// A server for one request, on 127.0.0.1, answering `204`.
struct Server(mpsc::Receiver<Received>);

impl Server {
    /// What it received.
    fn received(self) -> Received {
        self.0.recv().expect("the server saw the request")
    }
}

/// Starts a [`Server`]; returns a client that sends to it, and the server.
fn serve_once() -> (Client, Server) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
    let url = format!("http://{}", listener.local_addr().expect("a bound address"));
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("a connection");
        let mut head = Vec::new();
        let mut buffer = [0u8; 4096];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let read = stream.read(&mut buffer).expect("the request");
            if read == 0 {
                break;
            }
            head.extend_from_slice(&buffer[..read]);
        }
        stream
            .write_all(b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n")
            .expect("the response is written");
        let head = String::from_utf8(head).expect("an ASCII request head");
        let mut lines = head.split("\r\n");
        let line = lines.next().unwrap_or_default().to_owned();
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(n, v)| (n.to_ascii_lowercase(), v.to_owned()))
            .collect();
        let _ = sender.send(Received { line, headers });
    });
    let client = Client::builder()
        .base_url(url)
        .build()
        .expect("a client for the test server");
    (client, Server(receiver))
}

/// Runs a call to its end.
fn run<F: std::future::IntoFuture>(call: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(call.into_future())
}

/// Sends a call that must succeed.
fn send<T, E: std::fmt::Debug>(
    call: impl std::future::IntoFuture<Output = Result<Response<T>, Error<E>>>,
) {
    if let Err(error) = run(call) {
        panic!("the call failed: {error:?}");
    }
}

fn color() -> Color {
    Color::new(100, 200, 150)
}

fn tones() -> Vec<String> {
    vec!["blue".into(), "black".into(), "brown".into()]
}

#[test]
fn query_form_exploded_object_list_scalar_and_allow_reserved() {
    let params = query_form::Params {
        rgb: Some(color()),
        next: Some("https://x.example/a?b=c&d".into()),
    };
    let (client, server) = serve_once();
    send(client.query_form(&color(), &tones(), "blue", &params));
    let got = server.received();
    // allowReserved leaves `:` `/` `?` as they are, but not `=` and `&`, which would
    // split the value.
    assert_eq!(
        got.line,
        "GET /query/form?R=100&G=200&B=150&tones=blue,black,brown&shade=blue\
         &rgb=R,100,G,200,B,150&next=https://x.example/a?b%3Dc%26d HTTP/1.1"
    );
}

#[test]
fn space_and_pipe_delimited_lists_and_objects() {
    let params = query_delimited::Params {
        spaced_color: Some(color()),
        piped_color: Some(color()),
    };
    let (client, server) = serve_once();
    send(client.query_delimited(&tones(), &[1, 2, 3], &params));
    let got = server.received();
    assert_eq!(
        got.target(),
        "/query/delimited?spaced=blue%20black%20brown&piped=1%7C2%7C3\
         &spaced_color=R%20100%20G%20200%20B%20150&piped_color=R%7C100%7CG%7C200%7CB%7C150"
    );
}

#[test]
fn deep_object_nests_objects_and_lists() {
    let filter = Filter {
        name: Some("a b&c".into()),
        status: Some(FilterStatus::Open),
        created: Some(Range {
            after: Some(
                time::OffsetDateTime::from_unix_timestamp(1_704_164_645).expect("a timestamp"),
            ),
            ..Default::default()
        }),
        ids: Some(vec![7, 8]),
        ..Default::default()
    };
    let params = query_deep::Params {
        pass_through: Some([("search".to_owned(), "leads".to_owned())].into()),
    };
    let (client, server) = serve_once();
    send(client.query_deep(&filter, &params));
    let got = server.received();
    assert_eq!(
        got.target(),
        "/query/deep?filter%5Bname%5D=a%20b%26c&filter%5Bstatus%5D=open\
         &filter%5Bcreated%5D%5Bafter%5D=2024-01-02T03%3A04%3A05Z\
         &filter%5Bids%5D%5B0%5D=7&filter%5Bids%5D%5B1%5D=8&pass_through%5Bsearch%5D=leads"
    );
    // What a server reads once it has split the pairs on `&` and decoded each: the
    // `filter[a][b]=x` form many APIs expect (`before` is absent, so not sent).
    let query = got.target().split_once('?').map(|(_, q)| q).unwrap_or_default();
    let decoded: Vec<String> = query
        .split('&')
        .map(|pair| percent_decode_str(pair).decode_utf8_lossy().into_owned())
        .collect();
    assert_eq!(
        decoded,
        [
            "filter[name]=a b&c",
            "filter[status]=open",
            "filter[created][after]=2024-01-02T03:04:05Z",
            "filter[ids][0]=7",
            "filter[ids][1]=8",
            "pass_through[search]=leads",
        ]
    );
}

#[test]
fn json_content_parameter_is_its_json_text() {
    let (client, server) = serve_once();
    send(client.query_json(&color()));
    let got = server.received();
    assert_eq!(
        got.target(),
        "/query/json?where=%7B%22R%22%3A100%2C%22G%22%3A200%2C%22B%22%3A150%7D"
    );
}

#[test]
fn meaningless_styles_fall_back_to_the_closest() {
    let params = query_fallbacks::Params {
        single: Some("x".into()),
        listed: Some(vec!["a".into(), "b".into()]),
        spread: Some(vec!["c".into(), "d".into()]),
        unexploded: Some(color()),
    };
    let (client, server) = serve_once();
    send(client.query_fallbacks(&params));
    let got = server.received();
    assert_eq!(
        got.target(),
        "/query/fallbacks?single=x&listed=a&listed=b&spread=c&spread=d\
         &unexploded%5BR%5D=100&unexploded%5BG%5D=200&unexploded%5BB%5D=150"
    );
}

#[test]
fn path_simple_label_and_matrix() {
    let (client, server) = serve_once();
    send(client.path_simple(&color(), &color(), &tones()));
    let got = server.received();
    assert_eq!(
        got.target(),
        "/path/simple/R,100,G,200,B,150/R=100,G=200,B=150/blue,black,brown"
    );
    let (client, server) = serve_once();
    send(client.path_label("blue", &color(), &color(), &tones()));
    let got = server.received();
    assert_eq!(
        got.target(),
        "/path/label/.blue/.R,100,G,200,B,150/.R=100.G=200.B=150/.blue.black.brown"
    );
    let (client, server) = serve_once();
    send(client.path_matrix("blue", &color(), &color(), &tones()));
    let got = server.received();
    assert_eq!(
        got.target(),
        "/path/matrix/;shade=blue/;color=R,100,G,200,B,150/;R=100;G=200;B=150\
         /;tones=blue;tones=black;tones=brown"
    );
}

#[test]
fn path_values_stay_in_their_segment() {
    let (client, server) = serve_once();
    send(client.path_label("a/b.c", &color(), &color(), &["x/y".into()]));
    let got = server.received();
    assert_eq!(
        got.target(),
        "/path/label/.a%2Fb.c/.R,100,G,200,B,150/.R=100.G=200.B=150/.x%2Fy"
    );
    // A label of the empty string is `.`, which URL normalization would remove.
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("a client");
    match run(client.path_label("", &color(), &color(), &tones())) {
        Err(Error::InvalidRequest(RequestError::DotPathParameter { name: "shade" })) => {}
        other => panic!("expected the empty label to be refused, got {other:?}"),
    }
}

#[test]
fn header_objects_and_lists_in_simple_style() {
    let params = headers::Params {
        x_shade: Some("blue".into()),
    };
    let (client, server) = serve_once();
    send(client.headers(&color(), &color(), &tones(), &params));
    let got = server.received();
    assert_eq!(got.header("x-color"), ["R,100,G,200,B,150"]);
    assert_eq!(got.header("x-color-exploded"), ["R=100,G=200,B=150"]);
    assert_eq!(got.header("x-tones"), ["blue,black,brown"]);
    assert_eq!(got.header("x-shade"), ["blue"]);
}

#[test]
fn cookies_go_in_one_cookie_header_encoded() {
    let params = cookies::Params {
        color: Some(color()),
        ids: Some(vec![1, 2]),
    };
    let tones = vec!["blue".to_owned(), "black".to_owned()];
    let (client, server) = serve_once();
    send(client.cookies("abc; evil=1", &tones, &params));
    let got = server.received();
    // One header; `;`, `,`, `=` and spaces inside values are encoded, so no value can
    // end a cookie or start another. The unexploded list's own `,` is `%2C` too: RFC
    // 6265 allows no `,` in a cookie value, and some servers split cookies on it.
    assert_eq!(
        got.header("cookie"),
        ["session=abc%3B%20evil%3D1; tones=blue%2Cblack; R=100; G=200; B=150; ids=1; ids=2"]
    );
}
