//! `cargo xtask codegen` end to end: it writes a crate, rewrites only what changed, and a
//! failed run leaves every file as it was.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn xtask(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("xtask runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A scratch folder holding a copy of `spec/openapi.yaml`.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create scratch folder");
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml");
    fs::copy(spec, dir.join("openapi.yaml")).expect("copy spec");
    dir
}

/// Every file under `dir`, with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in fs::read_dir(&next).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push((path.clone(), fs::read(&path).expect("read file")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn writes_a_standalone_crate_then_only_what_changed() {
    let dir = scratch("cli-standalone");
    let args = ["codegen", "--spec", "openapi.yaml", "--out", "client"];
    let first = xtask(&args, &dir);
    assert!(first.status.success(), "{}", text(&first));
    let report = text(&first);
    assert!(report.contains("1 operations, 8 types"), "{report}");
    assert!(dir.join("client/Cargo.toml").is_file());
    assert!(dir.join("client/src/runtime/client.rs").is_file());

    let second = xtask(&args, &dir);
    assert!(second.status.success(), "{}", text(&second));
    assert!(
        text(&second).contains("0 files written"),
        "{}",
        text(&second)
    );

    let check = xtask(
        &[
            "codegen",
            "--check",
            "--spec",
            "openapi.yaml",
            "--out",
            "client",
        ],
        &dir,
    );
    assert!(check.status.success(), "{}", text(&check));
}

/// Two operations, each with its own tag: two features, so each module is split by tag.
const TWO_TAGS: &str = r#"
openapi: 3.0.3
info: { title: Two tags, version: "1" }
paths:
  /a:
    get:
      operationId: get_a
      tags: [A]
      responses: { "204": { description: Done. } }
  /b:
    get:
      operationId: get_b
      tags: [B]
      responses: { "204": { description: Done. } }
"#;

#[test]
fn files_and_folders_of_a_tag_that_is_gone_are_removed() {
    let dir = scratch("cli-split");
    fs::write(dir.join("two.yaml"), TWO_TAGS).expect("write spec");
    let args = ["codegen", "--spec", "two.yaml", "--out", "client"];
    let first = xtask(&args, &dir);
    assert!(first.status.success(), "{}", text(&first));
    for file in [
        "operations/a.rs",
        "operations/b.rs",
        "client/a.rs",
        "client/b.rs",
    ] {
        assert!(dir.join("client/src").join(file).is_file(), "no {file}");
    }

    // Files without the generated mark are the user's: kept (one is shorter than it).
    let own = [("own.rs", "// Mine.\n"), ("short.rs", "// @gen")];
    for (file, text) in own {
        fs::write(dir.join("client/src").join(file), text).expect("write own file");
    }

    // One tag left: one feature, nothing split.
    fs::write(
        dir.join("two.yaml"),
        TWO_TAGS.replace("tags: [B]", "tags: [A]"),
    )
    .expect("write spec");
    let second = xtask(&args, &dir);
    assert!(second.status.success(), "{}", text(&second));
    assert!(text(&second).contains("4 removed"), "{}", text(&second));
    for (file, text) in own {
        let kept = fs::read_to_string(dir.join("client/src").join(file));
        assert_eq!(kept.ok().as_deref(), Some(text), "{file}");
    }
    for folder in ["operations", "client"] {
        assert!(
            !dir.join("client/src").join(folder).exists(),
            "{folder}/ is left"
        );
    }
    assert!(dir.join("client/src/operations.rs").is_file());
}

/// "N of M items formatted" in a codegen report: (N, M).
fn formatted(report: &str) -> (usize, usize) {
    let words: Vec<&str> = report
        .split(" items formatted")
        .next()
        .map(|head| head.rsplit(' ').take(3).collect())
        .unwrap_or_default();
    match words[..] {
        [all, "of", done] => (
            done.parse().expect("a count"),
            all.parse().expect("a count"),
        ),
        _ => panic!("no count of formatted items in {report}"),
    }
}

#[test]
fn a_second_run_reuses_the_formatted_items_unless_told_not_to() {
    let dir = scratch("cli-render-cache");
    let args = ["codegen", "--spec", "openapi.yaml", "--out", "client"];
    let uncached = xtask(&[&args[..], &["--no-cache"]].concat(), &dir);
    assert!(uncached.status.success(), "{}", text(&uncached));
    let (done, all) = formatted(&text(&uncached));
    assert!(done == all && all > 8, "{}", text(&uncached));
    let files = snapshot(&dir.join("client"));

    fs::remove_dir_all(dir.join("client")).expect("remove the output");
    let first = xtask(&args, &dir);
    assert!(first.status.success(), "{}", text(&first));
    fs::remove_dir_all(dir.join("client")).expect("remove the output");
    let second = xtask(&args, &dir);
    assert!(second.status.success(), "{}", text(&second));
    assert_eq!(formatted(&text(&second)), (0, all), "{}", text(&second));
    assert_eq!(snapshot(&dir.join("client")), files);
}

#[test]
fn cache_files_of_an_earlier_build_are_removed_and_other_binaries_files_kept() {
    let exe = fs::canonicalize(env!("CARGO_BIN_EXE_xtask")).expect("the binary's path");
    let folder = exe.parent().expect("target folder").join("codegen-cache");
    fs::create_dir_all(&folder).expect("create the cache folder");
    let cache = generator::render::Cache::default();
    // What an earlier build of this binary left (its size and time differ), and what
    // another binary sharing the folder keeps.
    let earlier = folder.join("cli-test-earlier-build.bin");
    fs::write(&earlier, cache.to_bytes(&format!("{} 1 2", exe.display()))).expect("write");
    let other = folder.join("cli-test-other-binary.bin");
    fs::write(&other, cache.to_bytes("/elsewhere/xtask 1 2")).expect("write");

    let dir = scratch("cli-cache-pruning");
    let run = xtask(
        &["codegen", "--spec", "openapi.yaml", "--out", "client"],
        &dir,
    );
    assert!(run.status.success(), "{}", text(&run));
    assert!(!earlier.exists(), "an earlier build's cache file is left");
    assert!(other.exists(), "another binary's cache file is removed");
    fs::remove_file(other).expect("clean up");
}

#[test]
fn check_names_stale_files_and_writes_nothing() {
    let dir = scratch("cli-check");
    let args = ["codegen", "--spec", "openapi.yaml", "--out", "client"];
    assert!(xtask(&args, &dir).status.success());
    let spec = fs::read_to_string(dir.join("openapi.yaml")).expect("read spec");
    let edited = spec.replace(
        "description: Knowledge base id",
        "description: Knowledge base ID",
    );
    assert_ne!(spec, edited, "the edit applies");
    fs::write(dir.join("openapi.yaml"), edited).expect("edit spec");
    let before = snapshot(&dir.join("client"));
    let check = xtask(
        &[
            "codegen",
            "--check",
            "--spec",
            "openapi.yaml",
            "--out",
            "client",
        ],
        &dir,
    );
    assert!(!check.status.success());
    let report = text(&check);
    assert!(report.contains("stale: client/src/models.rs"), "{report}");
    assert!(report.contains("run `cargo xtask codegen`"), "{report}");
    assert_eq!(
        before,
        snapshot(&dir.join("client")),
        "--check wrote something"
    );
}

#[test]
fn broken_yaml_fails_with_its_location_and_changes_nothing() {
    let dir = scratch("cli-broken-yaml");
    let args = ["codegen", "--spec", "openapi.yaml", "--out", "client"];
    assert!(xtask(&args, &dir).status.success());
    let before = snapshot(&dir.join("client"));
    let spec = fs::read_to_string(dir.join("openapi.yaml")).expect("read spec");
    fs::write(
        dir.join("openapi.yaml"),
        spec.replacen("paths:", "paths: [unclosed", 1),
    )
    .expect("break spec");
    let run = xtask(&args, &dir);
    assert!(!run.status.success());
    let report = text(&run);
    assert!(report.contains("invalid YAML"), "{report}");
    assert!(
        report.contains("openapi.yaml:"),
        "names the file and line: {report}"
    );
    assert!(report.contains("nothing was written"), "{report}");
    assert_eq!(before, snapshot(&dir.join("client")));
}

#[test]
fn dangling_ref_is_refused_under_strict_and_warned_about_otherwise() {
    let dir = scratch("cli-dangling-ref");
    let args = ["codegen", "--spec", "openapi.yaml", "--out", "client"];
    assert!(xtask(&args, &dir).status.success());
    let before = snapshot(&dir.join("client"));
    let spec = fs::read_to_string(dir.join("openapi.yaml")).expect("read spec");
    let broken = spec.replace(
        "$ref: \"#/components/schemas/IndexingJob\"",
        "$ref: \"#/components/schemas/IndexingJbo\"",
    );
    assert_ne!(spec, broken);
    fs::write(dir.join("openapi.yaml"), broken).expect("break spec");
    let place =
        "openapi.yaml:132 #/components/schemas/CancelKnowledgeBaseIndexingJobOutput/properties/job";

    let strict: Vec<&str> = args.iter().copied().chain(["--strict"]).collect();
    let run = xtask(&strict, &dir);
    assert!(!run.status.success());
    let report = text(&run);
    assert!(report.contains(place), "{report}");
    assert!(report.contains("IndexingJbo"), "{report}");
    assert!(report.contains("nothing was written"), "{report}");
    assert_eq!(before, snapshot(&dir.join("client")));

    let run = xtask(&args, &dir);
    assert!(run.status.success());
    let report = text(&run);
    assert!(report.contains(place), "{report}");
    assert!(report.contains("typed as any JSON value"), "{report}");
}

#[test]
fn corpus_reports_every_spec_and_fails_when_one_does_not_generate() {
    let dir = scratch("cli-corpus");
    let specs = dir.join("specs");
    fs::create_dir_all(specs.join("more")).expect("create specs folder");
    fs::rename(dir.join("openapi.yaml"), specs.join("Good Spec.yaml")).expect("move spec");
    // Not JSON at all: the one kind of spec that cannot generate.
    fs::write(
        specs.join("more/broken.json"),
        r#"{"openapi": "3.0.3", "info": [}"#,
    )
    .expect("write spec");
    fs::write(specs.join("notes.txt"), "not a spec").expect("write notes");
    let out = dir.join("out");
    // A file from an earlier run: the output folder is emptied first.
    fs::create_dir_all(&out).expect("create out");
    fs::write(out.join("stale.txt"), "old").expect("write stale file");

    let run = xtask(&["corpus", "specs", "--out", "out", "--no-check"], &dir);

    let report = text(&run);
    assert!(!run.status.success(), "{report}");
    assert!(
        report.contains("| `Good Spec.yaml` | 1 | 0 | 0 | 0 | — | — |"),
        "{report}"
    );
    assert!(
        report.contains("| `more/broken.json` | — | — | — | — | not generated | — |"),
        "{report}"
    );
    assert!(report.contains("**total: 1 of 2 generated**"), "{report}");
    assert!(
        report.contains("1 generated, 0 skipped (0.0 % skipped)"),
        "{report}"
    );
    assert!(report.contains("- `more/broken.json`: "), "{report}");
    assert!(report.contains("(at `more/broken.json"), "{report}");
    let manifest = fs::read_to_string(out.join("good-spec/Cargo.toml")).expect("a crate");
    assert!(manifest.contains("name = \"good-spec\""), "{manifest}");
    assert!(
        !manifest.contains("[workspace]"),
        "a member, not a root: {manifest}"
    );
    assert!(out.join("good-spec/src/runtime/client.rs").is_file());
    assert!(!out.join("stale.txt").exists());

    fs::remove_file(specs.join("more/broken.json")).expect("remove broken spec");
    let run = xtask(&["corpus", "specs", "--out", "out", "--no-check"], &dir);
    assert!(run.status.success(), "{}", text(&run));
}

#[test]
fn the_settings_file_beside_the_spec_is_read_and_flags_win() {
    let dir = scratch("cli-settings");
    fs::write(
        dir.join("codegen.yaml"),
        "crate_name: from-settings\ntoken_env: FROM_SETTINGS\nrenames:\n  operations:\n    \
         genai_cancel_indexing_job: cancel_job\n",
    )
    .expect("write settings");
    let args = ["codegen", "--spec", "openapi.yaml", "--out", "client"];
    let run = xtask(&args, &dir);
    assert!(run.status.success(), "{}", text(&run));
    let manifest = fs::read_to_string(dir.join("client/Cargo.toml")).expect("Cargo.toml");
    assert!(manifest.contains("name = \"from-settings\""), "{manifest}");
    let client = fs::read_to_string(dir.join("client/src/client.rs")).expect("client.rs");
    assert!(client.contains("pub fn cancel_job("), "{client}");
    assert!(client.contains("\"FROM_SETTINGS\""), "{client}");

    // A flag wins over the file.
    let flagged: Vec<&str> = args
        .iter()
        .copied()
        .chain(["--crate-name", "from-flag"])
        .collect();
    assert!(xtask(&flagged, &dir).status.success());
    let manifest = fs::read_to_string(dir.join("client/Cargo.toml")).expect("Cargo.toml");
    assert!(manifest.contains("name = \"from-flag\""), "{manifest}");

    // A mistake in the file is located, and nothing is written.
    let before = snapshot(&dir.join("client"));
    fs::write(dir.join("codegen.yaml"), "crate_name: x\nstrickt: true\n").expect("write");
    let run = xtask(&args, &dir);
    assert!(!run.status.success());
    let report = text(&run);
    assert!(
        report.contains("codegen.yaml:2:1: unknown field `strickt`"),
        "{report}"
    );
    assert_eq!(before, snapshot(&dir.join("client")));

    // `strict: true` in the file refuses a spec that needs leniency.
    fs::write(dir.join("codegen.yaml"), "strict: true\n").expect("write");
    let spec = fs::read_to_string(dir.join("openapi.yaml")).expect("read spec");
    let broken = spec.replace(
        "$ref: \"#/components/schemas/IndexingJob\"",
        "$ref: \"#/components/schemas/IndexingJbo\"",
    );
    fs::write(dir.join("openapi.yaml"), broken).expect("break spec");
    let run = xtask(&args, &dir);
    assert!(!run.status.success(), "{}", text(&run));
    assert!(text(&run).contains("nothing was written"), "{}", text(&run));
}
