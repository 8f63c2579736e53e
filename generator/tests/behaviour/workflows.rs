//! Runs inside the crate generated from `tests/fixtures/workflows.yaml` (see
//! `tests/fixture_behaviour.rs`): streamed responses, listings across pages, per-call
//! options, credentials per scheme and errors, over real HTTP to a server on 127.0.0.1.

mod support;

use std::pin::Pin;
use std::time::{Duration, Instant};

use fixture_workflows::models::{CompletionRequest, Thing};
use fixture_workflows::runtime::{Error, RequestError};
use fixture_workflows::{Client, ClientBuilder};
use support::{Received, Reply, serve};

const ACCOUNT: &str = "account-secret";
const MODEL_KEY: &str = "model-key-secret";
const API_KEY: &str = "api-key-secret";

/// A client of `url` with the account's and the model's credentials, retrying quickly.
fn builder(url: &str) -> ClientBuilder {
    Client::builder()
        .base_url(url)
        .account(ACCOUNT)
        .model_key(MODEL_KEY)
        .retry_policy(fixture_workflows::RetryPolicy {
            initial_backoff: Duration::from_millis(10),
            jitter: false,
            ..Default::default()
        })
}

fn client(url: &str) -> Client {
    builder(url).build().expect("a client")
}

fn request() -> CompletionRequest {
    CompletionRequest::new("Say hi")
}

fn all(requests: &std::sync::mpsc::Receiver<Received>) -> Vec<Received> {
    requests.try_iter().collect()
}

fn thing(id: &str) -> String {
    format!(r#"{{"id": "{id}"}}"#)
}

fn ids(things: &[Thing]) -> Vec<&str> {
    things.iter().map(|thing| thing.id.as_str()).collect()
}

/// The query of a received request's line.
fn query(received: &Received) -> String {
    let target = received.request_line().split(' ').nth(1).unwrap_or("");
    target.split_once('?').map_or("", |(_, q)| q).to_owned()
}

// ---- server-sent events ----

#[tokio::test]
async fn a_stream_split_anywhere_decodes_into_typed_chunks_until_done() {
    let (url, requests) = serve(vec![Reply::events(
        &[
            ": a comment, then an event split mid-line\r\n",
            "data: {\"del",
            "ta\":\"a\"}\r\n\r",
            "\nevent: message\nid: 2\ndata: {\"delta\":\n",
            "data: \"b\"}\n",
            "\n",
            "data: [DONE]\n\n",
            "data: {\"delta\":\"after done\"}\n\n",
        ],
        Duration::from_millis(20),
    )]);
    let client = client(&url);
    let response = client
        .create_completion_stream(&request())
        .await
        .expect("the stream opens");
    assert_eq!(response.status(), 200);
    let mut events = response.into_body();
    let first = events.next().await.expect("a first chunk").expect("decodes");
    assert_eq!(first.delta.as_deref(), Some("a"));
    let second = events.next().await.expect("a second chunk").expect("decodes");
    assert_eq!(second.delta.as_deref(), Some("b"));
    let raw = events.last_event().expect("the raw event is kept");
    assert_eq!(raw.data, "{\"delta\":\n\"b\"}");
    assert_eq!(raw.id, "2");
    assert!(events.next().await.is_none(), "[DONE] ends the stream");
    assert!(events.next().await.is_none());

    let sent = all(&requests);
    assert_eq!(sent.len(), 1);
    // The streaming method asks for a stream, with the model's key only, and goes to the
    // client's base URL although the operation has a server of its own.
    assert_eq!(sent[0].request_line(), "POST /chat/completions HTTP/1.1");
    assert_eq!(sent[0].text(), r#"{"prompt":"Say hi","stream":true}"#);
    assert_eq!(
        sent[0].header("authorization"),
        Some(format!("Bearer {MODEL_KEY}").as_str())
    );
}

#[tokio::test]
async fn the_event_stream_is_a_futures_stream() {
    let (url, _requests) = serve(vec![Reply::events(
        &["data: {\"delta\":\"x\"}\n\n", "data: {\"delta\":\"y\"}\n\n"],
        Duration::ZERO,
    )]);
    let client = client(&url);
    let mut events = client
        .create_completion_stream(&request())
        .await
        .expect("the stream opens")
        .into_body();
    let mut seen = Vec::new();
    while let Some(item) = std::future::poll_fn(|cx| {
        futures_core::Stream::poll_next(Pin::new(&mut events), cx)
    })
    .await
    {
        seen.push(item.expect("decodes").delta.unwrap_or_default());
    }
    assert_eq!(seen, ["x", "y"]);
}

#[tokio::test]
async fn an_error_event_ends_the_stream_with_its_typed_body() {
    let (url, _requests) = serve(vec![Reply::events(
        &[
            "data: {\"delta\":\"a\"}\n\n",
            "event: error\ndata: {\"id\":\"overloaded\",\"message\":\"try later\"}\n\n",
            "data: {\"delta\":\"never\"}\n\n",
        ],
        Duration::ZERO,
    )]);
    let mut events = client(&url)
        .create_completion_stream(&request())
        .await
        .expect("the stream opens")
        .into_body();
    assert!(events.next().await.expect("a chunk").is_ok());
    match events.next().await {
        Some(Err(Error::Event(error))) => {
            let body = error.body.as_ref().expect("the error event's body decodes");
            assert_eq!(body.id, "overloaded");
            assert_eq!(error.event.event, "error");
            assert!(error.reason.is_none());
            assert_eq!(
                Error::Event(error).to_string(),
                "the stream sent an error event: overloaded: try later"
            );
        }
        other => panic!("expected the error event, got {other:?}"),
    }
    assert!(events.next().await.is_none(), "an error event ends the stream");
}

#[tokio::test]
async fn an_undecodable_chunk_is_an_error_and_the_stream_goes_on() {
    let (url, _requests) = serve(vec![Reply::events(
        &["data: not json\n\n", "data: {\"delta\":\"ok\"}\n\n"],
        Duration::ZERO,
    )]);
    let mut events = client(&url)
        .create_completion_stream(&request())
        .await
        .expect("the stream opens")
        .into_body();
    match events.next().await {
        Some(Err(Error::Event(error))) => {
            assert_eq!(error.event.data, "not json");
            assert!(error.reason.is_some());
        }
        other => panic!("expected a decoding error, got {other:?}"),
    }
    let next = events.next().await.expect("the stream goes on");
    assert_eq!(next.expect("decodes").delta.as_deref(), Some("ok"));
}

#[tokio::test]
async fn a_silent_stream_times_out_but_a_long_one_does_not() {
    // Silent for longer than this call's idle timeout.
    let (url, _requests) = serve(vec![Reply::events(
        &["data: {\"delta\":\"a\"}\n\n", "data: {\"delta\":\"late\"}\n\n"],
        Duration::from_millis(600),
    )]);
    let started = Instant::now();
    let opened = client(&url)
        .create_completion_stream(&request())
        .timeout(Some(Duration::from_millis(250)))
        .await;
    // The first chunk is 600 ms away, the headers are not.
    let mut events = opened.expect("the headers arrive at once").into_body();
    match events.next().await {
        Some(Err(Error::IdleTimeout(idle))) => assert_eq!(idle, Duration::from_millis(250)),
        other => panic!("expected the idle timeout, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_millis(550));

    // Five events 150 ms apart take longer than the client's total timeout of 400 ms,
    // which does not apply to streams.
    let chunks: Vec<String> = (0..5)
        .map(|i| format!("data: {{\"delta\":\"{i}\"}}\n\n"))
        .collect();
    let chunks: Vec<&str> = chunks.iter().map(String::as_str).collect();
    let (url, _requests) = serve(vec![Reply::events(&chunks, Duration::from_millis(150))]);
    let client = builder(&url)
        .timeout(Some(Duration::from_millis(400)))
        .idle_timeout(Some(Duration::from_millis(350)))
        .build()
        .expect("a client");
    let started = Instant::now();
    let events = client
        .create_completion_stream(&request())
        .await
        .expect("the stream opens")
        .into_body();
    let all = events.collect().await.expect("every chunk arrives");
    assert_eq!(all.len(), 5);
    assert!(started.elapsed() > Duration::from_millis(600));
}

#[tokio::test]
async fn the_plain_method_asks_for_no_stream_and_a_stream_only_operation_streams() {
    let (url, requests) = serve(vec![
        Reply::json(200, r#"{"text": "hi"}"#),
        Reply::events(&["data: {\"delta\":\"t\"}\n\n"], Duration::ZERO),
    ]);
    let client = client(&url);
    let mut body = request();
    body.stream = Some(true);
    let whole = client.create_completion(&body).await.expect("a completion");
    assert_eq!(whole.text.as_deref(), Some("hi"));
    let tokens = client
        .generate_stream(&request())
        .await
        .expect("the stream opens")
        .into_body()
        .collect()
        .await
        .expect("decodes");
    assert_eq!(tokens.len(), 1);
    let sent = all(&requests);
    assert_eq!(sent[0].text(), r#"{"prompt":"Say hi","stream":false}"#);
    assert_eq!(sent[1].text(), r#"{"prompt":"Say hi","stream":true}"#);
}

// ---- pagination ----

#[tokio::test]
async fn page_numbers_follow_the_next_link_across_three_pages_lazily() {
    let page = |things: &[&str], next: Option<&str>| {
        let things: Vec<String> = things.iter().map(|id| thing(id)).collect();
        let pages = match next {
            Some(next) => format!(r#"{{"last": "x", "next": "{next}"}}"#),
            None => r#"{"first": "x", "prev": "y"}"#.to_owned(),
        };
        Reply::json(
            200,
            &format!(
                r#"{{"things": [{}], "links": {{"pages": {pages}}}, "meta": {{"total": 5}}}}"#,
                things.join(",")
            ),
        )
    };
    let (url, requests) = serve(vec![
        page(&["a", "b"], Some("https://api.example.com/things?page=2&per_page=2")),
        // The link leaves out the page size: the caller's is kept.
        page(&["c", "d"], Some("https://elsewhere.example.com/things?page=3")),
        page(&["e"], None),
    ]);
    let client = client(&url);
    let params = fixture_workflows::operations::list_things::Params {
        per_page: Some(2),
        tag: Some("blue".into()),
        ..Default::default()
    };
    let mut items = client.list_things_pages(&params).items();
    let first = items.next().await.expect("an item").expect("fetched");
    assert_eq!(first.id, "a");
    // Only the first page was asked for so far.
    let sent = all(&requests);
    assert_eq!(sent.len(), 1);
    let mut rest = vec![first];
    while let Some(item) = items.next().await {
        rest.push(item.expect("fetched"));
    }
    assert_eq!(ids(&rest), ["a", "b", "c", "d", "e"]);
    let mut sent = sent;
    sent.extend(all(&requests));
    let queries: Vec<String> = sent.iter().map(query).collect();
    assert_eq!(
        queries,
        [
            "per_page=2&tag=blue",
            "tag=blue&page=2&per_page=2",
            "tag=blue&per_page=2&page=3"
        ]
    );
    // Every page went to this client's server, with the account's token.
    for received in &sent {
        assert_eq!(
            received.header("authorization"),
            Some(format!("Bearer {ACCOUNT}").as_str())
        );
        assert!(received.request_line().starts_with("GET /things?"));
    }
}

#[tokio::test]
async fn page_numbers_stop_at_the_total() {
    let page = |ids: &[&str]| {
        let things: Vec<String> = ids.iter().map(|id| thing(id)).collect();
        Reply::json(
            200,
            &format!(r#"{{"items": [{}], "meta": {{"total": 5}}}}"#, things.join(",")),
        )
    };
    let (url, requests) = serve(vec![page(&["a", "b"]), page(&["c", "d"]), page(&["e"])]);
    let client = client(&url);
    let params = fixture_workflows::operations::list_counted::Params {
        page_size: Some(2),
        ..Default::default()
    };
    let mut pages = client.list_counted_pages(&params);
    let mut sizes = Vec::new();
    while let Some(page) = pages.next().await {
        sizes.push(page.expect("fetched").items.len());
    }
    assert_eq!(sizes, [2, 2, 1]);
    let queries: Vec<String> = all(&requests).iter().map(query).collect();
    assert_eq!(
        queries,
        ["page_size=2", "page_size=2&page=2", "page_size=2&page=3"]
    );
}

#[tokio::test]
async fn offsets_end_at_an_empty_last_page() {
    let page = |ids: &[&str]| {
        let things: Vec<String> = ids.iter().map(|id| thing(id)).collect();
        Reply::json(200, &format!(r#"{{"results": [{}]}}"#, things.join(",")))
    };
    let (url, requests) = serve(vec![page(&["a", "b"]), page(&["c", "d"]), page(&[])]);
    let client = client(&url);
    let items = client
        .list_by_offset_pages(&Default::default())
        .items()
        .collect()
        .await
        .expect("every page");
    assert_eq!(ids(&items), ["a", "b", "c", "d"]);
    let queries: Vec<String> = all(&requests).iter().map(query).collect();
    assert_eq!(queries, ["", "offset=2", "offset=4"]);
}

#[tokio::test]
async fn a_repeated_cursor_ends_the_listing_with_an_error() {
    let page = |ids: &[&str], next: &str| {
        let things: Vec<String> = ids.iter().map(|id| thing(id)).collect();
        Reply::json(
            200,
            &format!(
                r#"{{"data": [{}], "next_cursor": "{next}"}}"#,
                things.join(",")
            ),
        )
    };
    let (url, requests) = serve(vec![
        page(&["a"], "c2"),
        page(&["b"], "c3"),
        page(&["c"], "c2"),
    ]);
    let client = client(&url);
    let mut items = client.list_by_cursor_pages(&Default::default()).items();
    let mut seen = Vec::new();
    let error = loop {
        match items.next().await {
            Some(Ok(item)) => seen.push(item.id),
            Some(Err(error)) => break error,
            None => panic!("the listing should end with an error"),
        }
    };
    assert_eq!(seen, ["a", "b", "c"]);
    assert!(matches!(&error, Error::RepeatedPage(request) if request == "/cursors?cursor=c2"));
    assert!(items.next().await.is_none());
    assert_eq!(all(&requests).len(), 3);
}

#[tokio::test]
async fn a_cursor_that_stops_coming_is_the_last_page() {
    let (url, _requests) = serve(vec![
        Reply::json(200, r#"{"entries": [{"id": "a"}], "paging": {"following": "t2"}}"#),
        Reply::json(200, r#"{"entries": [{"id": "b"}], "paging": {}}"#),
    ]);
    let items = client(&url)
        .list_declared_pages(&Default::default())
        .items()
        .collect()
        .await
        .expect("every page");
    assert_eq!(ids(&items), ["a", "b"]);
}

#[tokio::test]
async fn the_link_header_leads_to_the_next_page() {
    let (url, requests) = serve(vec![
        Reply::json(200, &format!("[{}, {}]", thing("a"), thing("b"))).header(
            "link",
            r#"<https://api.example.com/linked?page=2&per_page=2>; rel="next", <https://api.example.com/linked?page=9>; rel="last""#,
        ),
        Reply::json(200, &format!("[{}]", thing("c"))).header(
            "link",
            r#"<https://api.example.com/linked?page=1>; rel="first prev""#,
        ),
    ]);
    let client = client(&url);
    let params = fixture_workflows::operations::list_linked::Params {
        per_page: Some(2),
        ..Default::default()
    };
    let items = client
        .list_linked_pages(&params)
        .items()
        .collect()
        .await
        .expect("every page");
    assert_eq!(ids(&items), ["a", "b", "c"]);
    let queries: Vec<String> = all(&requests).iter().map(query).collect();
    assert_eq!(queries, ["per_page=2", "page=2&per_page=2"]);
}

#[tokio::test]
async fn a_next_link_alone_leads_to_the_next_page() {
    let (url, requests) = serve(vec![
        Reply::json(
            200,
            r#"{"history": [{"id": "a"}], "links": {"pages": {"next": "https://api.example.com/history?page=2"}}}"#,
        ),
        Reply::json(200, r#"{"history": [{"id": "b"}], "links": {}}"#),
    ]);
    let items = client(&url)
        .list_history_pages()
        .items()
        .collect()
        .await
        .expect("every page");
    assert_eq!(ids(&items), ["a", "b"]);
    let queries: Vec<String> = all(&requests).iter().map(query).collect();
    assert_eq!(queries, ["", "page=2"]);
}

#[tokio::test]
async fn after_the_last_item_while_there_are_more() {
    let (url, requests) = serve(vec![
        Reply::json(200, r#"{"data": [{"id": "a"}, {"id": "b"}], "has_more": true}"#),
        Reply::json(200, r#"{"data": [{"id": "c"}], "has_more": false}"#),
    ]);
    let items = client(&url)
        .list_events_pages(&Default::default())
        .items()
        .collect()
        .await
        .expect("every page");
    assert_eq!(ids(&items), ["a", "b", "c"]);
    let queries: Vec<String> = all(&requests).iter().map(query).collect();
    assert_eq!(queries, ["", "starting_after=b"]);
}

// ---- per-call options ----

#[tokio::test]
async fn a_call_has_its_own_timeout() {
    let slow = || Reply::json(200, r#"{"things": []}"#).after(Duration::from_millis(400));
    let (url, _requests) = serve(vec![slow(), slow()]);
    let client = builder(&url).max_retries(0).build().expect("a client");
    let timed_out = client
        .list_unpaged()
        .timeout(Some(Duration::from_millis(100)))
        .await
        .expect_err("the call's timeout is shorter than the answer");
    assert!(timed_out.is_timeout(), "{timed_out:?}");
    // The client's own timeout (60 s) lets the next call wait.
    client.list_unpaged().await.expect("an answer");
}

#[tokio::test]
async fn a_post_is_retried_only_when_the_call_opts_in_with_an_idempotency_key() {
    let order = || Reply::json(201, &thing("o1"));
    let busy = || Reply::json(503, r#"{"id": "busy", "message": "later"}"#);
    let (url, requests) = serve(vec![busy(), busy(), order()]);
    let client = client(&url);
    let body = Thing::new("o1");
    let refused = client
        .create_order(&body, &Default::default())
        .await
        .expect_err("not retried");
    assert_eq!(refused.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(all(&requests).len(), 1);

    let created = client
        .create_order(&body, &Default::default())
        .retry_non_idempotent()
        .await
        .expect("retried until created");
    assert_eq!(created.status(), 201);
    let sent = all(&requests);
    assert_eq!(sent.len(), 2);
    let key = sent[0].header("idempotency-key").expect("a key is sent");
    assert_eq!(key.len(), 32);
    assert_eq!(sent[1].header("idempotency-key"), Some(key), "the same key each attempt");
}

#[tokio::test]
async fn a_call_sets_its_retries_and_headers() {
    let busy = || Reply::json(503, "{}");
    let (url, requests) = serve(vec![busy(), Reply::json(200, r#"{"things": []}"#)]);
    let client = client(&url);
    let once = client
        .list_unpaged()
        .max_retries(0)
        .header("x-trace", "t-1")
        .await
        .expect_err("no retry");
    assert_eq!(once.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    let sent = all(&requests);
    assert_eq!(sent[0].header("x-trace"), Some("t-1"));
    client
        .list_unpaged()
        .idempotency_key("my-key")
        .await
        .expect("an answer");
    assert_eq!(all(&requests)[0].header("idempotency-key"), Some("my-key"));

    let refused = client
        .list_unpaged()
        .header("x-bad", "a\r\nb")
        .await
        .expect_err("refused before sending");
    assert!(matches!(
        refused,
        Error::InvalidRequest(RequestError::InvalidHeader { .. })
    ));
}

// ---- credentials ----

#[tokio::test]
async fn a_credential_goes_only_to_its_schemes_operations() {
    let (url, requests) = serve(vec![
        Reply::json(200, r#"{"things": []}"#),
        Reply::json(200, r#"{"text": "hi"}"#),
        Reply::events(&["data: {}\n\n"], Duration::ZERO),
    ]);
    let client = Client::builder()
        .base_url(&url)
        .account(ACCOUNT)
        .model_key(MODEL_KEY)
        .api_key(API_KEY)
        .build()
        .expect("a client");
    client.list_unpaged().await.expect("an answer");
    client.create_completion(&request()).await.expect("an answer");
    let only_api_key = Client::builder()
        .base_url(&url)
        .api_key(API_KEY)
        .build()
        .expect("a client");
    only_api_key
        .generate_stream(&request())
        .await
        .expect("the stream opens");
    let sent = all(&requests);
    let authorization: Vec<Option<&str>> = sent.iter().map(|r| r.header("authorization")).collect();
    assert_eq!(
        authorization,
        [
            Some(format!("Bearer {ACCOUNT}").as_str()),
            Some(format!("Bearer {MODEL_KEY}").as_str()),
            None
        ]
    );
    assert_eq!(sent[2].header("x-api-key"), Some(API_KEY));
    for received in &sent {
        for secret in [ACCOUNT, MODEL_KEY, API_KEY] {
            let others = received.head.matches(secret).count();
            assert!(others <= 1, "one credential per request");
        }
    }
    assert!(!sent[0].head.contains(MODEL_KEY) && !sent[0].head.contains(API_KEY));
    assert!(!sent[1].head.contains(ACCOUNT) && !sent[1].head.contains(API_KEY));
    let shown = format!("{client:?}");
    for secret in [ACCOUNT, MODEL_KEY, API_KEY] {
        assert!(!shown.contains(secret));
    }
}

#[tokio::test]
async fn a_missing_credential_is_refused_before_sending() {
    let (url, requests) = serve(vec![Reply::json(200, r#"{"text": "hi"}"#)]);
    let client = Client::builder()
        .base_url(&url)
        .account(ACCOUNT)
        .build()
        .expect("a client");
    let refused = client
        .create_completion(&request())
        .await
        .expect_err("no model key");
    match &refused {
        Error::InvalidRequest(RequestError::MissingCredential { alternatives }) => {
            assert_eq!(alternatives, &[vec!["model_key"]]);
        }
        other => panic!("expected a missing credential, got {other:?}"),
    }
    assert!(!refused.to_string().contains(ACCOUNT));
    let refused = client
        .generate_stream(&request())
        .await
        .expect_err("neither key");
    assert!(
        refused
            .to_string()
            .contains("`model_key`, or `api_key`"),
        "{refused}"
    );
    std::thread::sleep(Duration::from_millis(50));
    assert!(all(&requests).is_empty(), "nothing was sent");
}

#[tokio::test]
async fn a_server_of_its_own_is_redirected_by_server_base_url() {
    let (url, requests) = serve(vec![Reply::json(200, r#"{"text": "hi"}"#)]);
    let client = Client::builder()
        .server_base_url("https://inference.example.com", &url)
        .model_key(MODEL_KEY)
        .build()
        .expect("a client");
    client.create_completion(&request()).await.expect("sent to the test server");
    assert_eq!(all(&requests).len(), 1);
}

// ---- errors ----

#[tokio::test]
async fn errors_answer_the_questions_callers_ask() {
    let (url, _requests) = serve(vec![
        Reply::json(404, r#"{"id": "not_found", "message": "no such thing", "request_id": "r-1"}"#),
        Reply::json(429, r#"{"id": "too_many", "message": "slow down"}"#)
            .header("retry-after", "7")
            .header("x-request-id", "r-2"),
    ]);
    let client = builder(&url).max_retries(0).build().expect("a client");
    let not_found = client
        .list_things(&Default::default())
        .await
        .expect_err("404");
    assert!(not_found.is_not_found());
    assert!(!not_found.is_rate_limited());
    assert_eq!(not_found.request_id().as_deref(), Some("r-1"));
    let limited = client
        .list_things(&Default::default())
        .await
        .expect_err("429");
    assert!(limited.is_rate_limited());
    assert_eq!(limited.retry_after(), Some(Duration::from_secs(7)));
    assert_eq!(limited.request_id().as_deref(), Some("r-2"));

    // Every error type is a `std::error::Error`, so `?` works into `Box<dyn Error>`.
    fn boxed(error: Error<fixture_workflows::models::Problem>) -> Box<dyn std::error::Error> {
        let result: fixture_workflows::Result<()> = Err(error);
        match result {
            Ok(()) => unreachable!(),
            Err(error) => Box::new(error),
        }
    }
    let boxed = boxed(not_found);
    assert!(boxed.to_string().contains("404"));
}
