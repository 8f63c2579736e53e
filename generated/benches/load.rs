//! The generated client under load, against hand-written reqwest code doing the same
//! calls: throughput, latency and TCP connections opened, against an in-process HTTP/1.1
//! server on 127.0.0.1 (`tests/support/http1.rs`, which counts the connections).
//!
//! `cargo bench -p generated --bench load` makes `LOAD_CALLS` calls (default 20,000) of
//! the cancel operation from `LOAD_CONCURRENCY` tasks (default 64), `LOAD_REPEATS` times
//! (default 3; medians are reported), for each round (or those `LOAD_ROUNDS` names):
//!
//! - **normal** (`normal`): every response is the spec's example `200`;
//! - **fault** (`fault-64k`, `fault-1m`): every tenth response (over the whole run, so a
//!   retry usually succeeds) is a `503` with `Retry-After: 0` and an HTML error page of
//!   64 KiB or 1 MiB.
//!
//! Both clients retry a `503` at once, at most twice (three attempts), and decode the
//! `200` into the same model type. The hand-written baseline reads every response body
//! whole, as plain reqwest code does. The generated client runs with its defaults
//! (which drain a retried body up to 64 KiB), and in the fault rounds also with
//! draining off (`max_drain_bytes(0)`, how it behaved before issue 17) or raised to
//! 1 MiB. `cargo test --benches` runs 200 calls from 8 tasks once, and checks the
//! outcome.

#[path = "../tests/support/http1.rs"]
#[allow(dead_code, reason = "the trickling body is for the tests")]
mod http1;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use generated::models::{
    CancelKnowledgeBaseIndexingJobInputPublic, CancelKnowledgeBaseIndexingJobOutput,
};
use generated::{Client, Error};
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use http1::{Body, Reply, Server};

const EXAMPLE: &str = include_str!("../tests/data/cancel_example.json");
const UUID: &str = "79ca9798-cf7d-11ef-bf8f-4e013e2ddde4";
const TIMEOUT: Duration = Duration::from_secs(60);

fn main() {
    let settings = Settings::from_env();
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    println!(
        "{} calls from {} tasks, median of {} run(s)\n",
        settings.calls, settings.concurrency, settings.repeats
    );
    println!(
        "| round | client | calls/s | vs hand-written | CPU per call | p50 | p99 | connections | retries | gave up |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for round in [
        Round::Normal,
        Round::Fault { page: 64 << 10 },
        Round::Fault { page: 1 << 20 },
    ]
    .into_iter()
    .filter(|round| {
        settings
            .rounds
            .as_ref()
            .is_none_or(|keys| keys.contains(&round.key()))
    }) {
        let contenders = round.contenders();
        let mut runs: Vec<Vec<Outcome>> = vec![Vec::new(); contenders.len()];
        // Interleaved, so that a busy moment of the machine hits every contender, and
        // starting with another one each time, so that none always follows the same.
        for repeat in 0..settings.repeats {
            for index in 0..contenders.len() {
                let index = (index + repeat) % contenders.len();
                let outcome = runtime.block_on(run(round, contenders[index], &settings));
                outcome.check(round, &settings);
                runs[index].push(outcome);
            }
        }
        let baseline = median(runs[0].iter().map(Outcome::throughput));
        for (contender, outcomes) in contenders.iter().zip(&runs) {
            let throughput = median(outcomes.iter().map(Outcome::throughput));
            let cpu = outcomes
                .iter()
                .map(Outcome::cpu_per_call)
                .collect::<Option<Vec<f64>>>()
                .map_or_else(
                    || "—".to_owned(),
                    |cpu| format!("{:.0} µs", median(cpu.into_iter())),
                );
            println!(
                "| {} | {} | {:.0} | {:.2}× | {cpu} | {:.2} ms | {:.2} ms | {} | {} | {} |",
                round.name(),
                contender.name(),
                throughput,
                throughput / baseline,
                median(outcomes.iter().map(|o| o.percentile(50))),
                median(outcomes.iter().map(|o| o.percentile(99))),
                median(outcomes.iter().map(|o| o.connections as f64)),
                median(outcomes.iter().map(|o| o.retries() as f64)),
                median(outcomes.iter().map(|o| o.gave_up as f64)),
            );
        }
    }
}

/// How much load: `cargo bench` passes `--bench`; without it (`cargo test --benches`)
/// the run is brief.
struct Settings {
    calls: usize,
    concurrency: usize,
    repeats: usize,
    /// Only these rounds (`LOAD_ROUNDS=normal,fault-64k,fault-1m`), if set.
    rounds: Option<Vec<String>>,
}

impl Settings {
    fn from_env() -> Self {
        let full = std::env::args().any(|arg| arg == "--bench");
        let number = |name: &str, full_default: usize, brief: usize| {
            std::env::var(name)
                .ok()
                .and_then(|value| value.parse().ok())
                .filter(|&value| value > 0)
                .unwrap_or(if full { full_default } else { brief })
        };
        Self {
            calls: number("LOAD_CALLS", 20_000, 200),
            concurrency: number("LOAD_CONCURRENCY", 64, 8),
            repeats: number("LOAD_REPEATS", 3, 1),
            rounds: std::env::var("LOAD_ROUNDS")
                .ok()
                .map(|rounds| rounds.split(',').map(|key| key.trim().to_owned()).collect()),
        }
    }
}

#[derive(Clone, Copy)]
enum Round {
    Normal,
    /// Every tenth response a `503` with an error page of `page` bytes.
    Fault {
        page: usize,
    },
}

impl Round {
    /// The round's name in `LOAD_ROUNDS`.
    fn key(self) -> String {
        match self {
            Round::Normal => "normal".to_owned(),
            Round::Fault { page } if page >= 1 << 20 => format!("fault-{}m", page >> 20),
            Round::Fault { page } => format!("fault-{}k", page >> 10),
        }
    }

    fn name(self) -> String {
        match self {
            Round::Normal => "normal".to_owned(),
            Round::Fault { page } if page >= 1 << 20 => format!("fault, {} MiB page", page >> 20),
            Round::Fault { page } => format!("fault, {} KiB page", page >> 10),
        }
    }

    /// The baseline first.
    fn contenders(self) -> Vec<Contender> {
        match self {
            Round::Normal => vec![Contender::HandWritten, Contender::Generated { drain: None }],
            Round::Fault { page } => vec![
                Contender::HandWritten,
                Contender::Generated { drain: None },
                Contender::Generated {
                    drain: Some(if page > 64 << 10 { page } else { 0 }),
                },
            ],
        }
    }

    fn server(self) -> impl Fn(usize) -> Reply + Send + Sync + 'static {
        let ok = Reply::new(200, Body::Sized(Bytes::from_static(EXAMPLE.as_bytes())))
            .header("content-type", "application/json");
        let fault = match self {
            Round::Normal => None,
            Round::Fault { page } => Some(
                Reply::new(503, Body::Sized(Bytes::from(vec![b'x'; page])))
                    .header("content-type", "text/html")
                    .header("retry-after", "0"),
            ),
        };
        move |number| match &fault {
            Some(fault) if number % 10 == 9 => fault.clone(),
            _ => ok.clone(),
        }
    }
}

#[derive(Clone, Copy)]
enum Contender {
    HandWritten,
    /// The generated client; `drain` overrides `max_drain_bytes`.
    Generated {
        drain: Option<usize>,
    },
}

impl Contender {
    fn name(self) -> String {
        match self {
            Contender::HandWritten => "hand-written reqwest".to_owned(),
            Contender::Generated { drain: None } => "generated".to_owned(),
            Contender::Generated { drain: Some(0) } => "generated, draining off".to_owned(),
            Contender::Generated { drain: Some(limit) } if limit >= 1 << 20 => {
                format!("generated, drains up to {} MiB", limit >> 20)
            }
            Contender::Generated { drain: Some(limit) } => {
                format!("generated, drains up to {} KiB", limit >> 10)
            }
        }
    }
}

/// One client, ready to call the server.
enum Caller {
    Generated(Client),
    HandWritten { http: reqwest::Client, url: String },
}

/// How a call ended, when it did not panic.
enum Ended {
    Ok,
    /// Three `503`s in a row.
    GaveUp,
}

impl Caller {
    fn new(contender: Contender, server: &Server) -> Self {
        match contender {
            Contender::HandWritten => Caller::HandWritten {
                http: reqwest::Client::builder()
                    .connect_timeout(Duration::from_secs(10))
                    .build()
                    .expect("a reqwest client"),
                url: format!("{}/v2/gen-ai/indexing_jobs/{UUID}/cancel", server.url()),
            },
            Contender::Generated { drain } => {
                let mut builder = Client::builder()
                    .base_url(server.url())
                    .token("token")
                    .timeout(Some(TIMEOUT));
                if let Some(limit) = drain {
                    builder = builder.max_drain_bytes(limit);
                }
                Caller::Generated(builder.build().expect("a client"))
            }
        }
    }

    async fn call(&self) -> Ended {
        let input = CancelKnowledgeBaseIndexingJobInputPublic {
            uuid: Some(UUID.to_owned()),
            ..Default::default()
        };
        match self {
            Caller::Generated(client) => {
                match client.genai_cancel_indexing_job(UUID, Some(&input)).await {
                    Ok(response) => {
                        assert!(response.job.is_some(), "the example has a job");
                        Ended::Ok
                    }
                    Err(Error::UnexpectedResponse(response)) if response.status == 503 => {
                        Ended::GaveUp
                    }
                    Err(error) => panic!("generated client: {error}"),
                }
            }
            Caller::HandWritten { http, url } => {
                let body = Bytes::from(serde_json::to_vec(&input).expect("serializes"));
                for attempt in 1..=3 {
                    let response = http
                        .put(url)
                        .header(AUTHORIZATION, "Bearer token")
                        .header(CONTENT_TYPE, "application/json")
                        .body(body.clone())
                        .timeout(TIMEOUT)
                        .send()
                        .await
                        .expect("hand-written client sends");
                    let status = response.status();
                    let bytes = response.bytes().await.expect("hand-written client reads");
                    if status.is_success() {
                        let output: CancelKnowledgeBaseIndexingJobOutput =
                            serde_json::from_slice(&bytes).expect("decodes");
                        assert!(output.job.is_some(), "the example has a job");
                        return Ended::Ok;
                    }
                    assert_eq!(status, 503, "hand-written client");
                    if attempt == 3 {
                        break;
                    }
                    // `Retry-After: 0`: retry at once.
                }
                Ended::GaveUp
            }
        }
    }
}

#[derive(Clone)]
struct Outcome {
    calls: usize,
    wall: Duration,
    /// Sorted.
    latencies: Vec<Duration>,
    /// CPU time of the whole process (client and server), when known.
    cpu: Option<Duration>,
    connections: usize,
    requests: usize,
    gave_up: usize,
}

impl Outcome {
    fn throughput(&self) -> f64 {
        self.calls as f64 / self.wall.as_secs_f64()
    }

    /// The `p`th percentile latency, in milliseconds.
    fn percentile(&self, p: usize) -> f64 {
        let index = (self.latencies.len() * p / 100).min(self.latencies.len() - 1);
        self.latencies[index].as_secs_f64() * 1e3
    }

    /// Microseconds of CPU per call, client and server together.
    fn cpu_per_call(&self) -> Option<f64> {
        self.cpu
            .map(|cpu| cpu.as_secs_f64() * 1e6 / self.calls as f64)
    }

    fn retries(&self) -> usize {
        self.requests - self.calls
    }

    /// What must hold whatever the timing: every call made, retries only in a fault
    /// round, at most three attempts per call.
    fn check(&self, round: Round, settings: &Settings) {
        assert_eq!(self.latencies.len(), settings.calls);
        match round {
            Round::Normal => {
                assert_eq!(self.requests, self.calls, "no retries without faults");
                assert_eq!(self.gave_up, 0);
            }
            Round::Fault { .. } => {
                // Every tenth response is a 503, and each one is retried unless it was
                // the third attempt of its call.
                assert_eq!(self.retries() + self.gave_up, self.requests / 10);
                assert!(self.requests <= 3 * self.calls);
            }
        }
    }
}

/// `settings.calls` calls from `settings.concurrency` tasks against a fresh server.
async fn run(round: Round, contender: Contender, settings: &Settings) -> Outcome {
    let server = Server::start(round.server()).await;
    let caller = Arc::new(Caller::new(contender, &server));
    let next = Arc::new(AtomicUsize::new(0));
    let calls = settings.calls;
    let cpu_before = process_cpu();
    let started = Instant::now();
    let tasks: Vec<_> = (0..settings.concurrency)
        .map(|_| {
            let (caller, next) = (Arc::clone(&caller), Arc::clone(&next));
            tokio::spawn(async move {
                let (mut latencies, mut gave_up) = (Vec::new(), 0);
                while next.fetch_add(1, Ordering::Relaxed) < calls {
                    let call = Instant::now();
                    if let Ended::GaveUp = caller.call().await {
                        gave_up += 1;
                    }
                    latencies.push(call.elapsed());
                }
                (latencies, gave_up)
            })
        })
        .collect();
    let mut latencies = Vec::with_capacity(calls);
    let mut gave_up = 0;
    for task in tasks {
        let (task_latencies, task_gave_up) = task.await.expect("a calling task");
        latencies.extend(task_latencies);
        gave_up += task_gave_up;
    }
    let wall = started.elapsed();
    let cpu = process_cpu()
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    latencies.sort_unstable();
    Outcome {
        calls,
        wall,
        latencies,
        cpu,
        connections: server.connections(),
        requests: server.requests(),
        gave_up,
    }
}

/// User and system CPU time of this process so far, from `/proc/self/stat` (Linux; in
/// ticks of 10 ms, `USER_HZ`). Less disturbed than throughput by other jobs on the
/// machine, which take cores away but not CPU time.
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // After the command name in parentheses: state, then 10 fields, then utime, stime.
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace().skip(11);
    let ticks: u64 = fields.next()?.parse::<u64>().ok()? + fields.next()?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn median(values: impl Iterator<Item = f64>) -> f64 {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
