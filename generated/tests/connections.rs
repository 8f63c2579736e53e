//! A retried response keeps its connection (issue 17): before a retry, the body of the
//! failed response is read and discarded up to a bound, so hyper can put the connection
//! back in the pool and the retry reuses it. Against a hand-written HTTP/1.1 server on
//! 127.0.0.1 that counts the TCP connections it accepts (`support/http1.rs`).

#[path = "support/http1.rs"]
mod http1;

use std::time::{Duration, Instant};

use bytes::Bytes;
use generated::models::{self, CancelKnowledgeBaseIndexingJobOutput};
use generated::{Client, ClientBuilder, Error};
use http1::{Body, Reply, Server};

const UUID: &str = "79ca9798-cf7d-11ef-bf8f-4e013e2ddde4";
const MIB: usize = 1 << 20;

/// The example response of the spec, shortened to what these tests check.
fn ok() -> Reply {
    Reply::new(
        200,
        Body::Sized(Bytes::from_static(
            br#"{"job": {"uuid": "123e4567-e89b-12d3-a456-426614174000"}}"#,
        )),
    )
    .header("content-type", "application/json")
}

/// A `503` asking for an immediate retry, with `body` (an HTML error page).
fn unavailable(body: Body) -> Reply {
    Reply::new(503, body)
        .header("content-type", "text/html")
        .header("retry-after", "0")
}

fn page(bytes: usize) -> Bytes {
    Bytes::from(vec![b'x'; bytes])
}

/// A server answering the first request with `first` and every later one with [`ok`].
async fn first_then_ok(first: Reply) -> Server {
    Server::start(move |number| if number == 0 { first.clone() } else { ok() }).await
}

fn builder(server: &Server) -> ClientBuilder {
    Client::builder()
        .base_url(server.url())
        .token("token")
        // Long enough that only the drain's own bound can cut a trickling body short.
        .timeout(Some(Duration::from_secs(30)))
}

async fn cancel(
    client: &Client,
) -> Result<CancelKnowledgeBaseIndexingJobOutput, Error<models::ErrorModel>> {
    client
        .genai_cancel_indexing_job(UUID, None)
        .await
        .map(|response| response.into_body())
}

/// Calls once against `server` with `client`; the call must succeed on its second
/// attempt. Returns the connections the server accepted and how long the call took.
async fn retried_once(server: &Server, client: &Client) -> (usize, Duration) {
    let started = Instant::now();
    let job = cancel(client).await.expect("the retry succeeds");
    let took = started.elapsed();
    assert_eq!(
        job.job.and_then(|job| job.uuid).as_deref(),
        Some("123e4567-e89b-12d3-a456-426614174000")
    );
    assert_eq!(server.requests(), 2, "one 503, one retry");
    (server.connections(), took)
}

#[tokio::test]
async fn an_error_page_up_to_64_kib_is_drained_by_default_and_the_retry_reuses_the_connection() {
    // (A page of a few KiB arrives with the head and is reused even when dropped unread.)
    for body in [Body::Sized(page(64 << 10)), Body::Chunked(page(64 << 10))] {
        let server = first_then_ok(unavailable(body.clone())).await;
        let client = builder(&server).build().expect("client builds");

        let (connections, _) = retried_once(&server, &client).await;

        assert_eq!(connections, 1, "{body:?}");
    }
}

#[tokio::test]
async fn a_1_mib_error_page_within_the_bound_is_drained_and_the_retry_reuses_the_connection() {
    for body in [Body::Sized(page(MIB)), Body::Chunked(page(MIB))] {
        let server = first_then_ok(unavailable(body)).await;
        let client = builder(&server)
            .max_drain_bytes(2 * MIB)
            .build()
            .expect("client builds");

        let (connections, _) = retried_once(&server, &client).await;

        assert_eq!(connections, 1);
    }
}

#[tokio::test]
async fn a_body_over_the_bound_is_dropped_and_the_retry_opens_a_new_connection() {
    // The same 1 MiB pages with the default 64 KiB bound: a declared length over it is
    // not read at all, a chunked body is read up to it; either way the connection goes.
    for body in [Body::Sized(page(MIB)), Body::Chunked(page(MIB))] {
        let server = first_then_ok(unavailable(body)).await;
        let client = builder(&server).build().expect("client builds");

        let (connections, took) = retried_once(&server, &client).await;

        assert_eq!(connections, 2);
        assert!(took < Duration::from_secs(2), "took {took:?}");
    }
}

#[tokio::test]
async fn a_bound_of_zero_never_drains() {
    for body in [Body::Sized(page(64 << 10)), Body::Chunked(page(64 << 10))] {
        let server = first_then_ok(unavailable(body)).await;
        let client = builder(&server)
            .max_drain_bytes(0)
            .build()
            .expect("client builds");

        let (connections, _) = retried_once(&server, &client).await;

        assert_eq!(connections, 2);
    }
}

#[tokio::test]
async fn a_trickling_body_does_not_stall_the_retry() {
    // 20 bytes, one every 100 ms: 2 s to drain, far over the 200 ms drain time (and far
    // under the attempt's 30 s timeout, which would otherwise be the only bound).
    let trickle = Body::Trickle {
        bytes: 20,
        every: Duration::from_millis(100),
    };
    let server = first_then_ok(unavailable(trickle)).await;
    let client = builder(&server).build().expect("client builds");

    let (connections, took) = retried_once(&server, &client).await;

    assert!(took >= Duration::from_millis(200), "took {took:?}");
    assert!(took < Duration::from_millis(1500), "took {took:?}");
    assert_eq!(connections, 2, "the trickling connection is given up");
}

#[tokio::test]
async fn draining_overlaps_the_wait_before_the_retry() {
    // The server asks for 1 s; the body takes about 400 ms, more than the drain time,
    // but it arrives during the wait, so it is drained and the call takes the wait, not
    // the wait plus the drain.
    let trickle = Body::Trickle {
        bytes: 10,
        every: Duration::from_millis(40),
    };
    let server = first_then_ok(Reply::new(503, trickle).header("retry-after-ms", "1000")).await;
    let client = builder(&server).build().expect("client builds");

    let (connections, took) = retried_once(&server, &client).await;

    assert!(took >= Duration::from_millis(1000), "took {took:?}");
    assert!(took < Duration::from_millis(1600), "took {took:?}");
    assert_eq!(connections, 1);
}

#[tokio::test]
async fn the_final_attempts_body_is_kept_whole() {
    // Draining applies to retried responses only: the last one is read and returned.
    let server = Server::start(|_| unavailable(Body::Chunked(page(MIB)))).await;
    let client = builder(&server)
        .max_retries(1)
        .build()
        .expect("client builds");

    let error = cancel(&client).await.expect_err("every attempt fails");

    match error {
        Error::UnexpectedResponse(response) => {
            assert_eq!(response.status, 503);
            assert_eq!(response.body.len(), MIB);
        }
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
    assert_eq!(server.requests(), 2);
}
