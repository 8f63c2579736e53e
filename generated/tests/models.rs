//! The generated types against the reference page's example response
//! (`../shared/seed/cancel-indexing-job.txt`, retyped as `data/cancel_example.json`).

use generated::models::{
    BatchJobPhase, CancelKnowledgeBaseIndexingJobOutput, IndexJobStatus, IndexedDataSourceStatus,
};
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const EXAMPLE: &str = include_str!("data/cancel_example.json");

/// The page's example holds four `total_items_*` fields the API description does not
/// declare; everything else is declared. They are kept, not dropped.
const UNDECLARED: [&str; 4] = [
    "total_items_failed",
    "total_items_indexed",
    "total_items_removed",
    "total_items_skipped",
];

fn at(text: &str) -> OffsetDateTime {
    OffsetDateTime::parse(text, &Rfc3339).expect("a valid RFC 3339 timestamp")
}

fn example() -> Value {
    serde_json::from_str(EXAMPLE).expect("the example is JSON")
}

#[test]
fn example_decodes_into_the_right_values() {
    let output: CancelKnowledgeBaseIndexingJobOutput =
        serde_json::from_str(EXAMPLE).expect("the example decodes");
    let job = output.job.expect("job is present");
    assert_eq!(job.completed_datasources, Some(123));
    assert_eq!(job.created_at, Some(at("2023-01-01T00:00:00Z")));
    assert_eq!(job.finished_at, Some(at("2023-01-01T00:00:00Z")));
    assert_eq!(job.is_report_available, Some(true));
    assert_eq!(
        job.knowledge_base_uuid.as_deref(),
        Some("123e4567-e89b-12d3-a456-426614174000")
    );
    assert_eq!(job.phase, Some(BatchJobPhase::Unknown));
    assert_eq!(job.status, Some(IndexJobStatus::Unknown));
    #[allow(deprecated, reason = "the deprecated `tokens` field is still decoded")]
    let tokens = job.tokens;
    assert_eq!(tokens, Some(123));
    assert_eq!(job.total_datasources, Some(123));
    assert_eq!(job.total_tokens, Some(12345u64));
    assert_eq!(
        job.data_source_uuids,
        Some(vec!["example string".to_owned()])
    );
    let sources = job.data_source_jobs.expect("data_source_jobs is present");
    assert_eq!(sources.len(), 1);
    let source = &sources[0];
    assert_eq!(source.status, Some(IndexedDataSourceStatus::Unknown));
    for count in [
        source.failed_item_count,
        source.indexed_file_count,
        source.indexed_item_count,
        source.removed_item_count,
        source.skipped_item_count,
        source.total_bytes,
        source.total_bytes_indexed,
        source.total_file_count,
    ] {
        assert_eq!(count, Some(12345u64));
    }
    assert_eq!(source.error_msg.as_deref(), Some("example string"));
    assert_eq!(source.completed_at, Some(at("2023-01-01T00:00:00Z")));
}

#[test]
fn example_serializes_back_to_equal_json() {
    let example = example();
    let decoded: CancelKnowledgeBaseIndexingJobOutput =
        serde_json::from_value(example.clone()).expect("the example decodes");
    let encoded = serde_json::to_value(&decoded).expect("the value encodes");
    assert_eq!(encoded, example);
}

#[test]
fn undeclared_fields_are_kept_and_written_back() {
    let decoded: CancelKnowledgeBaseIndexingJobOutput =
        serde_json::from_str(EXAMPLE).expect("the example decodes");
    let job = decoded.job.expect("job is present");
    let kept: Vec<&str> = job
        .additional_properties
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(kept, UNDECLARED);
    assert_eq!(
        job.additional_properties["total_items_indexed"],
        example()["job"]["total_items_indexed"]
    );

    // A value built in code can carry properties the spec does not list yet.
    let mut job = job;
    job.additional_properties.clear();
    job.additional_properties
        .insert("priority".to_owned(), json!({"level": 3}));
    let encoded = serde_json::to_value(&job).expect("encodes");
    assert_eq!(encoded["priority"], json!({"level": 3}));
}

#[test]
fn unknown_fields_and_enum_values_still_decode() {
    let mut value = example();
    value["job"]["brand_new_field"] = json!({"nested": [1, 2, 3]});
    value["job"]["phase"] = json!("BATCH_JOB_PHASE_PAUSED");
    value["job"]["data_source_jobs"][0]["status"] = json!("DATA_SOURCE_STATUS_ARCHIVED");
    let decoded: CancelKnowledgeBaseIndexingJobOutput =
        serde_json::from_value(value).expect("unknown fields and values are tolerated");
    let job = decoded.job.expect("job is present");
    assert_eq!(
        job.phase,
        Some(BatchJobPhase::Other("BATCH_JOB_PHASE_PAUSED".to_owned()))
    );
    let sources = job.data_source_jobs.expect("data_source_jobs is present");
    assert_eq!(
        sources[0].status,
        Some(IndexedDataSourceStatus::Other(
            "DATA_SOURCE_STATUS_ARCHIVED".to_owned()
        ))
    );
    // An unknown value is written back unchanged.
    let encoded = serde_json::to_value(&job.phase).expect("encodes");
    assert_eq!(encoded, json!("BATCH_JOB_PHASE_PAUSED"));
}

#[test]
fn sixty_four_bit_strings_accept_numbers_and_write_strings() {
    let decoded: CancelKnowledgeBaseIndexingJobOutput =
        serde_json::from_value(json!({"job": {"total_tokens": 18446744073709551615u64}}))
            .expect("a JSON number is accepted");
    let job = decoded.job.expect("job is present");
    assert_eq!(job.total_tokens, Some(u64::MAX));
    let encoded = serde_json::to_value(&job).expect("encodes");
    assert_eq!(encoded, json!({"total_tokens": "18446744073709551615"}));
    let negative = serde_json::from_value::<CancelKnowledgeBaseIndexingJobOutput>(
        json!({"job": {"total_tokens": "-1"}}),
    );
    assert!(negative.is_err(), "a negative count is not a u64");
}

#[test]
fn timestamps_round_trip_exactly() {
    for text in [
        "2023-01-01T00:00:00Z",
        "2024-02-29T12:34:56.789Z",
        "2024-02-29T12:34:56.000000001Z",
        "2024-02-29T12:34:56+05:30",
        "2024-02-29T12:34:56.5-08:00",
    ] {
        let value = json!({"job": {"created_at": text}});
        let decoded: CancelKnowledgeBaseIndexingJobOutput =
            serde_json::from_value(value.clone()).expect("decodes");
        let encoded = serde_json::to_value(&decoded).expect("encodes");
        assert_eq!(encoded, value, "{text} round-trips");
    }
    // The one documented exception: `time` has no leap seconds, so `:60` is read as the
    // last nanosecond of the minute (docs/design.md).
    let leap: CancelKnowledgeBaseIndexingJobOutput =
        serde_json::from_value(json!({"job": {"created_at": "2023-06-30T23:59:60Z"}}))
            .expect("a leap second decodes");
    assert_eq!(
        leap.job.and_then(|job| job.created_at),
        Some(at("2023-06-30T23:59:59.999999999Z"))
    );
    let invalid = serde_json::from_value::<CancelKnowledgeBaseIndexingJobOutput>(
        json!({"job": {"created_at": "yesterday"}}),
    );
    assert!(invalid.is_err());
}

#[test]
fn enum_defaults_come_from_the_spec() {
    assert_eq!(BatchJobPhase::default(), BatchJobPhase::Unknown);
    assert_eq!(IndexJobStatus::default(), IndexJobStatus::Unknown);
    assert_eq!(
        IndexedDataSourceStatus::default(),
        IndexedDataSourceStatus::Unknown
    );
    assert_eq!(
        BatchJobPhase::Cancelled.to_string(),
        "BATCH_JOB_PHASE_CANCELLED"
    );
    assert_eq!(
        BatchJobPhase::from("BATCH_JOB_PHASE_RUNNING"),
        BatchJobPhase::Running
    );
}
