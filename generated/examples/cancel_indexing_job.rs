//! Cancels an indexing job of a knowledge base and prints the job's status.
//!
//! ```text
//! DIGITALOCEAN_ACCESS_TOKEN=dop_v1_... \
//!     cargo run -p generated --example cancel_indexing_job -- <job-uuid>
//! ```
//!
//! The token is read from `DIGITALOCEAN_ACCESS_TOKEN`. Set `DIGITALOCEAN_BASE_URL` to send
//! the request somewhere other than `https://api.digitalocean.com` (a mock server, say).
//! Exits with 0 when the job was cancelled, 1 when the API refused or the call failed,
//! 2 on a usage or configuration error.

use std::process::ExitCode;

use generated::models::CancelKnowledgeBaseIndexingJobInputPublic;
use generated::{Client, Error, TOKEN_ENV};

/// Where to send requests instead of the default, if set.
const BASE_URL_ENV: &str = "DIGITALOCEAN_BASE_URL";

#[tokio::main]
async fn main() -> ExitCode {
    let Some(uuid) = std::env::args().nth(1) else {
        eprintln!("usage: cancel_indexing_job <job-uuid>   (token in {TOKEN_ENV})");
        return ExitCode::from(2);
    };

    let client = match client() {
        Ok(client) => client,
        Err(error) => {
            eprintln!("cannot create the client: {error}");
            return ExitCode::from(2);
        }
    };

    let body = CancelKnowledgeBaseIndexingJobInputPublic {
        uuid: Some(uuid.clone()),
        ..Default::default()
    };
    match client.genai_cancel_indexing_job(&uuid, Some(&body)).await {
        Ok(response) => {
            let status = response
                .job
                .as_ref()
                .and_then(|job| job.status.as_ref())
                .map_or_else(|| "(not reported)".to_owned(), ToString::to_string);
            println!("indexing job {uuid}: {status}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}", explain(&error));
            ExitCode::FAILURE
        }
    }
}

/// A client from the environment: the token, and the base URL if one is set.
fn client() -> Result<Client, generated::BuildError> {
    let mut builder = Client::builder().token_from_env(TOKEN_ENV)?;
    if let Ok(base_url) = std::env::var(BASE_URL_ENV)
        && !base_url.is_empty()
    {
        builder = builder.base_url(base_url);
    }
    builder.build()
}

/// One line saying what went wrong and what to do about it.
fn explain(error: &Error<generated::models::ErrorModel>) -> String {
    match error {
        Error::Api(api) => {
            let what = api.body.as_ref().map_or_else(
                || api.status.to_string(),
                |body| format!("{} ({}): {}", api.status, body.id, body.message),
            );
            let hint = match api.status.as_u16() {
                401 => format!(" — check the token in {TOKEN_ENV}"),
                404 => " — no indexing job has this uuid".to_owned(),
                429 => match api.rate_limit().and_then(|limit| limit.reset) {
                    Some(reset) => format!(" — rate limited until {reset} (Unix time)"),
                    None => " — rate limited; try again later".to_owned(),
                },
                _ => String::new(),
            };
            let request_id = api
                .body
                .as_ref()
                .and_then(|body| body.request_id.as_deref())
                .map(|id| format!(" [request id {id}]"))
                .unwrap_or_default();
            format!("the API refused: {what}{hint}{request_id}")
        }
        Error::UnexpectedResponse(response) => format!(
            "unexpected answer from the API ({}, {} bytes); is {BASE_URL_ENV} right?",
            response.status,
            response.body.len()
        ),
        Error::Timeout(_) => "the API did not answer in time; try again later".to_owned(),
        Error::Transport(error) => format!("cannot reach the API: {error}"),
        Error::InvalidRequest(error) => format!("nothing sent: {error}"),
        other => format!("failed: {other}"),
    }
}
