//! Each stage of the generator on its own: load, lower, emit, render — on `spec/` and,
//! when `../shared` is there, on the whole DigitalOcean API.
//!
//! `cargo bench -p generator --bench stages`; `cargo test -p generator --benches` runs
//! each once. `cargo xtask bench` prints the end-to-end table with the YAML baseline.

use std::path::{Path, PathBuf};

use generator::{SourceReader, emit, load, lower, render};

fn main() {
    divan::main();
}

/// Reads files relative to a folder.
struct Files(PathBuf);

impl SourceReader for Files {
    fn read(&self, path: &str) -> Result<String, String> {
        std::fs::read_to_string(self.0.join(path)).map_err(|e| e.to_string())
    }
}

/// The specs to run on: (folder, root file).
fn specs() -> Vec<(&'static str, Files, &'static str)> {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut specs = vec![("cancel", Files(crate_dir.join("../spec")), "openapi.yaml")];
    let digitalocean = crate_dir.join("../../shared/digitalocean-openapi/specification");
    if digitalocean.join("DigitalOcean-public.v2.yaml").is_file() {
        specs.push((
            "digitalocean",
            Files(digitalocean),
            "DigitalOcean-public.v2.yaml",
        ));
    }
    specs
}

fn options() -> lower::LowerOptions {
    lower::LowerOptions {
        spec_file: "spec.yaml".into(),
        token_env: None,
        ..Default::default()
    }
}

const SPECS: &[&str] = &["cancel", "digitalocean"];

fn find(name: &str) -> Option<(Files, &'static str)> {
    specs()
        .into_iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, files, root)| (files, root))
}

#[divan::bench(args = SPECS)]
fn stage_load(bencher: divan::Bencher, spec: &str) {
    let Some((files, root)) = find(spec) else {
        return;
    };
    bencher.bench(|| load::load(&files, root).map(|loaded| loaded.files.len()));
}

#[divan::bench(args = SPECS)]
fn stage_lower(bencher: divan::Bencher, spec: &str) {
    let Some((files, root)) = find(spec) else {
        return;
    };
    let Ok(loaded) = load::load(&files, root) else {
        return;
    };
    bencher.bench(|| lower::lower(&loaded, &options()).map(|(api, _)| api.types.len()));
}

/// Emitting and formatting, one chunk after another on one thread (`generate` spreads
/// the chunks over all cores).
#[divan::bench(args = SPECS)]
fn stage_emit(bencher: divan::Bencher, spec: &str) {
    let Some((files, root)) = find(spec) else {
        return;
    };
    let Some((api, _)) = load::load(&files, root)
        .ok()
        .and_then(|loaded| lower::lower(&loaded, &options()).ok())
    else {
        return;
    };
    let chunks = emit::chunks(&api);
    bencher.bench(|| {
        chunks
            .iter()
            .map(|chunk| {
                emit::chunk_pieces(&api, chunk)
                    .into_iter()
                    .map(|piece| piece.into_tokens().into_iter().count())
                    .sum::<usize>()
            })
            .sum::<usize>()
    });
}

#[divan::bench(args = SPECS)]
fn stage_render(bencher: divan::Bencher, spec: &str) {
    let Some((files, root)) = find(spec) else {
        return;
    };
    let Some((api, _)) = load::load(&files, root)
        .ok()
        .and_then(|loaded| lower::lower(&loaded, &options()).ok())
    else {
        return;
    };
    let chunks = emit::chunks(&api);
    bencher
        .with_inputs(|| {
            chunks
                .iter()
                .map(|chunk| {
                    emit::chunk_pieces(&api, chunk)
                        .into_iter()
                        .map(|piece| emit::Piece::Tokens(piece.into_tokens()))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
        .bench_values(|chunks| {
            chunks
                .into_iter()
                .map(|pieces| {
                    render::format_chunk(pieces, None, "spec.yaml", "bench").map(|r| r.text.len())
                })
                .sum::<Result<usize, _>>()
        });
}
