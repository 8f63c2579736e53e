//! Shared by the behaviour tests (the module `support` of each generated crate's tests):
//! an HTTP server on 127.0.0.1 that answers one request and hands over what it received,
//! byte for byte, a reader of `multipart/form-data` bodies, and `client!`, a client of
//! the crate under test.

#![allow(
    dead_code,
    unused_macros,
    reason = "not every behaviour test uses every helper"
)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;

/// A client of the crate under test (the `Client` in scope where it is used) that sends
/// to `base_url` with a bearer token. A test file that uses it declares
/// `#[macro_use] mod support;`.
macro_rules! client {
    ($base_url:expr) => {
        Client::builder()
            .base_url($base_url)
            .token("token")
            .build()
            .expect("a client")
    };
}

/// A request as the server received it.
#[derive(Debug)]
pub struct Received {
    /// The request line and headers, without the blank line.
    pub head: String,
    /// The body.
    pub body: Vec<u8>,
}

impl Received {
    /// `POST /things HTTP/1.1`.
    pub fn request_line(&self) -> &str {
        self.head.lines().next().unwrap_or("")
    }

    /// The value of a header (names compared without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }

    /// The body as text.
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("a UTF-8 body")
    }
}

/// Starts a server that answers one request with `status` and the JSON `answer`;
/// returns its base URL and where the request it received arrives.
pub fn serve_once(status: u16, answer: &'static str) -> (String, mpsc::Receiver<Received>) {
    serve_answers(vec![format!(
        "HTTP/1.1 {status} Answer\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{answer}",
        answer.len()
    )])
}

/// Starts a server that answers one request per connection with each of `answers` (whole
/// HTTP responses), in turn; returns its base URL and where each request it received
/// arrives.
pub fn serve_answers(answers: Vec<String>) -> (String, mpsc::Receiver<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("local address");
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        for answer in answers {
            let (mut stream, _) = listener.accept().expect("accept");
            let received = receive(&mut stream);
            stream.write_all(answer.as_bytes()).expect("write");
            stream.flush().expect("flush");
            sender.send(received).expect("the test waits for the request");
        }
    });
    (format!("http://{address}"), receiver)
}

/// Reads one request from `stream`.
fn receive(stream: &mut TcpStream) -> Received {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = find(&buffer, b"\r\n\r\n") {
            break at;
        }
        let read = stream.read(&mut chunk).expect("read");
        assert!(read > 0, "connection closed before the headers ended");
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8(buffer[..head_end].to_vec()).expect("UTF-8 head");
    let mut received = Received {
        head,
        body: buffer[head_end + 4..].to_vec(),
    };
    let length: usize = match received.header("content-length") {
        Some(value) => value.parse().expect("a numeric content-length"),
        None if received.header("transfer-encoding").is_some() => {
            panic!("the body should be sent with a length, not chunked")
        }
        None => 0,
    };
    while received.body.len() < length {
        let read = stream.read(&mut chunk).expect("read");
        assert!(read > 0, "connection closed before the body ended");
        received.body.extend_from_slice(&chunk[..read]);
    }
    received
}

/// Where `needle` first occurs in `haystack`.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// One part of a multipart body.
#[derive(Debug, PartialEq, Eq)]
pub struct Part {
    /// Its header lines, as received.
    pub headers: Vec<String>,
    /// Its content.
    pub body: Vec<u8>,
}

/// The parts of a `multipart/form-data` body, read by RFC 2046's rules with the boundary
/// from `content_type`; panics if the body does not follow them.
pub fn multipart_parts(content_type: &str, body: &[u8]) -> Vec<Part> {
    let boundary = content_type
        .split(';')
        .find_map(|param| param.trim().strip_prefix("boundary="))
        .expect("a boundary parameter");
    assert!(
        (1..=70).contains(&boundary.len()),
        "a boundary has 1 to 70 characters"
    );
    let first = format!("--{boundary}\r\n");
    let delimiter = format!("\r\n--{boundary}");
    assert!(body.starts_with(first.as_bytes()), "starts with the boundary");
    let mut rest = &body[first.len() - 2..];
    let mut parts = Vec::new();
    loop {
        // `rest` starts with CRLF after a delimiter, or `--` after the last one.
        if let Some(end) = rest.strip_prefix(b"--") {
            assert_eq!(end, b"\r\n", "nothing after the closing delimiter");
            return parts;
        }
        rest = rest.strip_prefix(b"\r\n").expect("CRLF after a delimiter");
        let head_end = find(rest, b"\r\n\r\n").expect("a part has headers and a blank line");
        let headers = std::str::from_utf8(&rest[..head_end])
            .expect("UTF-8 part headers")
            .split("\r\n")
            .map(str::to_owned)
            .collect();
        let content = &rest[head_end + 4..];
        let end = find(content, delimiter.as_bytes()).expect("a part ends with the boundary");
        parts.push(Part {
            headers,
            body: content[..end].to_vec(),
        });
        rest = &content[end + delimiter.len()..];
    }
}

/// One answer of a [`serve`] server.
#[derive(Clone, Debug)]
pub struct Reply {
    /// The status.
    pub status: u16,
    /// Headers besides the framing ones.
    pub headers: Vec<(String, String)>,
    /// How long to wait before answering at all.
    pub delay: std::time::Duration,
    /// The body, in chunks each sent after a pause (as HTTP/1.1 chunks, flushed one by
    /// one, so the client reads them apart).
    pub chunks: Vec<(std::time::Duration, Vec<u8>)>,
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            delay: std::time::Duration::ZERO,
            chunks: vec![(std::time::Duration::ZERO, body.as_bytes().to_vec())],
        }
    }

    /// An event stream sent in `chunks`, each `pause` after the one before.
    pub fn events(chunks: &[&str], pause: std::time::Duration) -> Self {
        Self {
            status: 200,
            headers: vec![("content-type".into(), "text/event-stream".into())],
            delay: std::time::Duration::ZERO,
            chunks: chunks
                .iter()
                .map(|chunk| (pause, chunk.as_bytes().to_vec()))
                .collect(),
        }
    }

    /// The answer with one more header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The answer, sent after `delay`.
    pub fn after(mut self, delay: std::time::Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// Starts a server on 127.0.0.1 that answers one request per connection with each of
/// `replies` in turn, then stops; returns its base URL and where the requests it received
/// arrive. A client that gives up early (a timeout) is not an error of the server's.
pub fn serve(replies: Vec<Reply>) -> (String, mpsc::Receiver<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("local address");
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        for reply in replies {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            let _ = stream.set_nodelay(true);
            let Some(received) = read_request(&mut stream) else {
                continue;
            };
            let _ = sender.send(received);
            thread::sleep(reply.delay);
            let mut head = format!(
                "HTTP/1.1 {} Answer\r\ntransfer-encoding: chunked\r\nconnection: close\r\n",
                reply.status
            );
            for (name, value) in &reply.headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            if stream.write_all(head.as_bytes()).is_err() {
                continue;
            }
            let _ = stream.flush();
            for (pause, chunk) in &reply.chunks {
                thread::sleep(*pause);
                let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
                framed.extend_from_slice(chunk);
                framed.extend_from_slice(b"\r\n");
                if chunk.is_empty() || stream.write_all(&framed).is_err() {
                    continue;
                }
                let _ = stream.flush();
            }
            let _ = stream.write_all(b"0\r\n\r\n");
            let _ = stream.flush();
        }
    });
    (format!("http://{address}"), receiver)
}

/// Reads one request (head, and a body of `content-length` bytes).
fn read_request(stream: &mut std::net::TcpStream) -> Option<Received> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = find(&buffer, b"\r\n\r\n") {
            break at;
        }
        let read = stream.read(&mut chunk).ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8(buffer[..head_end].to_vec()).ok()?;
    let mut received = Received {
        head,
        body: buffer[head_end + 4..].to_vec(),
    };
    let length: usize = received
        .header("content-length")
        .and_then(|value| value.parse().ok())
        .unwrap_or(0);
    while received.body.len() < length {
        let read = stream.read(&mut chunk).ok()?;
        if read == 0 {
            return None;
        }
        received.body.extend_from_slice(&chunk[..read]);
    }
    Some(received)
}
