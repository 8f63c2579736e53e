//! Runs inside the crate generated from the whole DigitalOcean description (see
//! `tests/digitalocean.rs`), as its user would: a chat completion streamed into typed
//! chunks, and the Droplets listed across three pages through the items stream, over
//! real HTTP to a server on 127.0.0.1.

mod support;

use std::time::Duration;

use digitalocean::Client;
use digitalocean::models::{ChatCompletionRequest, ChatMessage, ChatMessageRole};
use digitalocean::operations::droplets_list;
use support::{Reply, serve};

/// The Droplets of DigitalOcean's own example of the listing, as JSON (written by the
/// test that generated this crate).
const DROPLETS: &str = include_str!("data/droplets.json");

const ACCOUNT: &str = "dop_v1_account";
const MODEL_KEY: &str = "model-access-key";

fn chunk(content: &str) -> String {
    format!(
        "data: {{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\
         \"model\":\"llama3.3-70b-instruct\",\"choices\":[{{\"index\":0,\
         \"delta\":{{\"content\":\"{content}\"}},\"finish_reason\":null}}]}}\n\n"
    )
}

#[tokio::test]
async fn a_chat_completion_streams_into_typed_chunks() {
    let (first, second) = (chunk("Hel"), chunk("lo"));
    let (url, requests) = serve(vec![Reply::events(
        &[first.as_str(), second.as_str(), "data: [DONE]\n\n"],
        Duration::from_millis(10),
    )]);
    // The inference operations have a server of their own; the base URL redirects them
    // too. Each scheme gets its own credential.
    let client = Client::builder()
        .base_url(&url)
        .bearer_auth(ACCOUNT)
        .inference_bearer_auth(MODEL_KEY)
        .build()
        .expect("a client");
    let message = ChatMessage {
        content: Some("Say hello".into()),
        ..ChatMessage::new(ChatMessageRole::User)
    };
    let request = ChatCompletionRequest::new(vec![message], "llama3.3-70b-instruct");
    let mut stream = client
        .inference_create_chat_completion_stream(&request)
        .await
        .expect("the stream opens")
        .into_body();
    let mut text = String::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.expect("a typed chunk");
        assert_eq!(chunk.model, "llama3.3-70b-instruct");
        for choice in chunk.choices {
            text.push_str(choice.delta.content.as_deref().unwrap_or(""));
        }
    }
    assert_eq!(text, "Hello");

    let sent: Vec<_> = requests.try_iter().collect();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].request_line(), "POST /v1/chat/completions HTTP/1.1");
    assert_eq!(
        sent[0].header("authorization"),
        Some(format!("Bearer {MODEL_KEY}").as_str())
    );
    assert!(sent[0].text().contains(r#""stream":true"#));
    assert!(!sent[0].head.contains(ACCOUNT));
}

#[tokio::test]
async fn droplets_are_listed_across_three_pages() {
    let droplets: Vec<serde_json::Value> =
        serde_json::from_str(DROPLETS).expect("the example's droplets");
    assert_eq!(droplets.len(), 3);
    let page = |index: usize, next: Option<&str>| {
        let pages = match next {
            Some(next) => serde_json::json!({"next": next, "last": "https://api.digitalocean.com/v2/droplets?page=3&per_page=1"}),
            None => serde_json::json!({"first": "https://api.digitalocean.com/v2/droplets?page=1&per_page=1"}),
        };
        let body = serde_json::json!({
            "droplets": [droplets[index]],
            "links": {"pages": pages},
            "meta": {"total": 3},
        });
        Reply::json(200, &body.to_string())
    };
    let (url, requests) = serve(vec![
        page(0, Some("https://api.digitalocean.com/v2/droplets?page=2&per_page=1")),
        page(1, Some("https://api.digitalocean.com/v2/droplets?page=3&per_page=1")),
        page(2, None),
    ]);
    let client = Client::builder()
        .base_url(&url)
        .bearer_auth(ACCOUNT)
        .inference_bearer_auth(MODEL_KEY)
        .build()
        .expect("a client");
    let params = droplets_list::Params {
        per_page: Some(1),
        ..Default::default()
    };
    let mut items = client.droplets_list_pages(&params).items();
    let mut ids = Vec::new();
    while let Some(droplet) = items.next().await {
        ids.push(droplet.expect("a typed droplet").id);
    }
    let expected: Vec<i64> = droplets
        .iter()
        .map(|droplet| droplet["id"].as_i64().expect("an id"))
        .collect();
    assert_eq!(ids, expected);

    let sent: Vec<_> = requests.try_iter().collect();
    let lines: Vec<&str> = sent.iter().map(|received| received.request_line()).collect();
    assert_eq!(
        lines,
        [
            "GET /v2/droplets?per_page=1 HTTP/1.1",
            "GET /v2/droplets?page=2&per_page=1 HTTP/1.1",
            "GET /v2/droplets?page=3&per_page=1 HTTP/1.1",
        ]
    );
    for received in &sent {
        assert_eq!(
            received.header("authorization"),
            Some(format!("Bearer {ACCOUNT}").as_str())
        );
    }
}
