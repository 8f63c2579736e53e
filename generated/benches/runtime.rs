//! The generated client's per-call work, against hand-written code doing the same:
//! building the cancel request, and decoding the example cancel response.
//!
//! `cargo bench -p generated --bench runtime`; `cargo test -p generated --benches` runs
//! each once. Two hand-written baselines decode the same JSON: `plain` keeps every
//! value a string (the least a decoder can do), `typed` has the same Rust types as the
//! generated models (u64 counts, RFC 3339 timestamps), written by hand with serde.

use bytes::Bytes;
use generated::models::CancelKnowledgeBaseIndexingJobInputPublic;
use generated::operations::genai_cancel_indexing_job;
use generated::runtime::{Credentials, Secret};

const EXAMPLE: &str = include_str!("../tests/data/cancel_example.json");
const UUID: &str = "79ca9798-cf7d-11ef-bf8f-4e013e2ddde4";
const BASE: &str = "https://api.digitalocean.com";

fn main() {
    divan::main();
}

fn response() -> http::Response<Bytes> {
    http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(Bytes::from_static(EXAMPLE.as_bytes()))
        .expect("a valid response")
}

#[divan::bench]
fn decode_generated(bencher: divan::Bencher) {
    bencher
        .with_inputs(response)
        .bench_values(genai_cancel_indexing_job::response);
}

#[divan::bench]
fn decode_hand_written_typed(bencher: divan::Bencher) {
    bencher
        .with_inputs(response)
        .bench_values(|response| serde_json::from_slice::<typed::Output>(response.body()));
}

#[divan::bench]
fn decode_hand_written_plain(bencher: divan::Bencher) {
    bencher
        .with_inputs(response)
        .bench_values(|response| serde_json::from_slice::<plain::Output>(response.body()));
}

#[divan::bench]
fn build_request_generated(bencher: divan::Bencher) {
    let credentials = Credentials::default().with("bearer_auth", Secret::new("token"));
    let body = CancelKnowledgeBaseIndexingJobInputPublic {
        uuid: Some(UUID.to_owned()),
        ..Default::default()
    };
    bencher.bench(|| {
        genai_cancel_indexing_job::request(divan::black_box(UUID), Some(&body))
            .and_then(|request| request.into_http(BASE, &credentials))
    });
}

#[divan::bench]
fn build_request_hand_written(bencher: divan::Bencher) {
    let body = plain::Input {
        uuid: Some(UUID.to_owned()),
    };
    bencher.bench(|| {
        let uuid = divan::black_box(UUID);
        let encoded =
            percent_encoding::utf8_percent_encode(uuid, percent_encoding::NON_ALPHANUMERIC);
        let url = format!("{BASE}/v2/gen-ai/indexing_jobs/{encoded}/cancel");
        let mut authorization =
            http::HeaderValue::try_from("Bearer token").expect("a valid header");
        authorization.set_sensitive(true);
        http::Request::builder()
            .method(http::Method::PUT)
            .uri(url)
            .header(http::header::AUTHORIZATION, authorization)
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(Bytes::from(serde_json::to_vec(&body).expect("serializes")))
    });
}

/// The least work: every value kept as it is in the JSON.
mod plain {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize)]
    pub struct Input {
        pub uuid: Option<String>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code, reason = "decoded only")]
    pub struct Output {
        pub job: Option<Job>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code, reason = "decoded only")]
    pub struct Job {
        pub completed_datasources: Option<i64>,
        pub created_at: Option<String>,
        pub data_source_jobs: Option<Vec<Source>>,
        pub data_source_uuids: Option<Vec<String>>,
        pub finished_at: Option<String>,
        pub is_report_available: Option<bool>,
        pub knowledge_base_uuid: Option<String>,
        pub phase: Option<String>,
        pub started_at: Option<String>,
        pub status: Option<String>,
        pub tokens: Option<i64>,
        pub total_datasources: Option<i64>,
        pub total_tokens: Option<String>,
        pub updated_at: Option<String>,
        pub uuid: Option<String>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code, reason = "decoded only")]
    pub struct Source {
        pub completed_at: Option<String>,
        pub data_source_uuid: Option<String>,
        pub error_details: Option<String>,
        pub error_msg: Option<String>,
        pub failed_item_count: Option<String>,
        pub indexed_file_count: Option<String>,
        pub indexed_item_count: Option<String>,
        pub removed_item_count: Option<String>,
        pub skipped_item_count: Option<String>,
        pub started_at: Option<String>,
        pub status: Option<String>,
        pub total_bytes: Option<String>,
        pub total_bytes_indexed: Option<String>,
        pub total_file_count: Option<String>,
    }
}

/// What someone would write by hand to get the generated types: counts as `u64`,
/// timestamps as `OffsetDateTime`, statuses as strings.
mod typed {
    use serde::{Deserialize, Deserializer};
    use time::OffsetDateTime;

    fn count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        let text: Option<std::borrow::Cow<'de, str>> = Option::deserialize(d)?;
        text.map(|t| t.parse().map_err(serde::de::Error::custom))
            .transpose()
    }

    #[derive(Deserialize)]
    #[allow(dead_code, reason = "decoded only")]
    pub struct Output {
        pub job: Option<Job>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code, reason = "decoded only")]
    pub struct Job {
        pub completed_datasources: Option<i64>,
        #[serde(default, with = "time::serde::rfc3339::option")]
        pub created_at: Option<OffsetDateTime>,
        pub data_source_jobs: Option<Vec<Source>>,
        pub data_source_uuids: Option<Vec<String>>,
        #[serde(default, with = "time::serde::rfc3339::option")]
        pub finished_at: Option<OffsetDateTime>,
        pub is_report_available: Option<bool>,
        pub knowledge_base_uuid: Option<String>,
        pub phase: Option<String>,
        #[serde(default, with = "time::serde::rfc3339::option")]
        pub started_at: Option<OffsetDateTime>,
        pub status: Option<String>,
        pub tokens: Option<i64>,
        pub total_datasources: Option<i64>,
        #[serde(default, deserialize_with = "count")]
        pub total_tokens: Option<u64>,
        #[serde(default, with = "time::serde::rfc3339::option")]
        pub updated_at: Option<OffsetDateTime>,
        pub uuid: Option<String>,
    }

    #[derive(Deserialize)]
    #[allow(dead_code, reason = "decoded only")]
    pub struct Source {
        #[serde(default, with = "time::serde::rfc3339::option")]
        pub completed_at: Option<OffsetDateTime>,
        pub data_source_uuid: Option<String>,
        pub error_details: Option<String>,
        pub error_msg: Option<String>,
        #[serde(default, deserialize_with = "count")]
        pub failed_item_count: Option<u64>,
        #[serde(default, deserialize_with = "count")]
        pub indexed_file_count: Option<u64>,
        #[serde(default, deserialize_with = "count")]
        pub indexed_item_count: Option<u64>,
        #[serde(default, deserialize_with = "count")]
        pub removed_item_count: Option<u64>,
        #[serde(default, deserialize_with = "count")]
        pub skipped_item_count: Option<u64>,
        #[serde(default, with = "time::serde::rfc3339::option")]
        pub started_at: Option<OffsetDateTime>,
        pub status: Option<String>,
        #[serde(default, deserialize_with = "count")]
        pub total_bytes: Option<u64>,
        #[serde(default, deserialize_with = "count")]
        pub total_bytes_indexed: Option<u64>,
        #[serde(default, deserialize_with = "count")]
        pub total_file_count: Option<u64>,
    }
}
