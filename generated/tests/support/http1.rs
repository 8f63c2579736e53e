//! A small HTTP/1.1 server on 127.0.0.1 that counts the TCP connections it accepts and
//! the requests it answers, for the connection-reuse tests (`tests/connections.rs`) and
//! the load benchmark (`benches/load.rs`).
//!
//! Written by hand on a tokio `TcpListener` (wiremock does not count connections) so
//! that a body can be sent exactly as a test needs: with a `content-length`, chunked, or
//! trickled a byte at a time. It keeps connections alive, reads requests with a
//! `content-length` body (what reqwest sends), and answers request number `n` (from 0,
//! over all connections) with `reply(n)`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use bytes::{Buf, Bytes, BytesMut};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// A response the server sends.
#[derive(Clone, Debug)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// Headers besides `content-length` / `transfer-encoding`.
    pub headers: Vec<(&'static str, String)>,
    /// The body and how it is framed.
    pub body: Body,
}

/// A response body and its framing.
#[derive(Clone, Debug)]
pub enum Body {
    /// Sent at once, with a `content-length`.
    Sized(Bytes),
    /// Sent at once, chunked (no length announced), in chunks of 16 KiB.
    Chunked(Bytes),
    /// Chunked, one byte every `every`, `bytes` bytes in all.
    Trickle {
        /// The body's length.
        bytes: usize,
        /// The pause before each byte.
        every: Duration,
    },
}

impl Reply {
    /// A reply with `status`, no extra headers and `body`.
    pub fn new(status: u16, body: Body) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body,
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

/// A running server; stops accepting when dropped.
pub struct Server {
    address: SocketAddr,
    counts: Arc<Counts>,
    accept: JoinHandle<()>,
}

#[derive(Default)]
struct Counts {
    connections: AtomicUsize,
    requests: AtomicUsize,
}

impl Server {
    /// Starts a server answering request number `n` with `reply(n)`.
    pub async fn start(reply: impl Fn(usize) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("binds");
        let address = listener.local_addr().expect("has an address");
        let counts = Arc::new(Counts::default());
        let reply = Arc::new(reply);
        let accept = tokio::spawn({
            let counts = Arc::clone(&counts);
            async move {
                while let Ok((socket, _)) = listener.accept().await {
                    counts.connections.fetch_add(1, Ordering::SeqCst);
                    tokio::spawn(serve(socket, Arc::clone(&counts), Arc::clone(&reply)));
                }
            }
        });
        Self {
            address,
            counts,
            accept,
        }
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.counts.connections.load(Ordering::SeqCst)
    }

    /// Requests received so far.
    pub fn requests(&self) -> usize {
        self.counts.requests.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// Serves one connection until the client closes it or a write fails (the client
/// dropped a response before its end).
async fn serve(
    mut socket: TcpStream,
    counts: Arc<Counts>,
    reply: Arc<impl Fn(usize) -> Reply + Send + Sync + 'static>,
) {
    // Small writes (a head, then a body) must not wait for the client's delayed ACK.
    let _ = socket.set_nodelay(true);
    let mut buffer = BytesMut::with_capacity(8 << 10);
    while read_request(&mut socket, &mut buffer).await {
        let number = counts.requests.fetch_add(1, Ordering::SeqCst);
        if write_reply(&mut socket, reply(number)).await.is_err() {
            return;
        }
    }
}

/// Reads one request (head and `content-length` body) out of `buffer` and the socket;
/// `false` when the connection ends first.
async fn read_request(socket: &mut TcpStream, buffer: &mut BytesMut) -> bool {
    let head = loop {
        if let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
            break end + 4;
        }
        match socket.read_buf(buffer).await {
            Ok(0) | Err(_) => return false,
            Ok(_) => {}
        }
    };
    let length = String::from_utf8_lossy(&buffer[..head])
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    while buffer.len() < head + length {
        match socket.read_buf(buffer).await {
            Ok(0) | Err(_) => return false,
            Ok(_) => {}
        }
    }
    buffer.advance(head + length);
    true
}

async fn write_reply(socket: &mut TcpStream, reply: Reply) -> std::io::Result<()> {
    let reason = http::StatusCode::from_u16(reply.status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or("");
    let mut head = format!("HTTP/1.1 {} {reason}\r\n", reply.status);
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    match reply.body {
        Body::Sized(body) => {
            head.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
            if body.len() <= 16 << 10 {
                let mut all = head.into_bytes();
                all.extend_from_slice(&body);
                socket.write_all(&all).await
            } else {
                socket.write_all(head.as_bytes()).await?;
                socket.write_all(&body).await
            }
        }
        Body::Chunked(body) => {
            head.push_str("transfer-encoding: chunked\r\n\r\n");
            socket.write_all(head.as_bytes()).await?;
            for chunk in body.chunks(16 << 10) {
                socket
                    .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                    .await?;
                socket.write_all(chunk).await?;
                socket.write_all(b"\r\n").await?;
            }
            socket.write_all(b"0\r\n\r\n").await
        }
        Body::Trickle { bytes, every } => {
            head.push_str("transfer-encoding: chunked\r\n\r\n");
            socket.write_all(head.as_bytes()).await?;
            for _ in 0..bytes {
                tokio::time::sleep(every).await;
                socket.write_all(b"1\r\nx\r\n").await?;
            }
            socket.write_all(b"0\r\n\r\n").await
        }
    }
}
