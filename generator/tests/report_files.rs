//! Lowering tells the pipeline the file of every diagnostic it reports, so that their
//! lines are looked for while it goes on (a file it does not tell is only read after
//! lowering, on the critical path).

mod common;

use std::cell::RefCell;
use std::collections::BTreeSet;

use common::{FsReader, crate_dir, fixtures};

#[test]
fn every_file_the_report_names_is_told_while_lowering() {
    let mut reported = 0;
    for spec in fixtures() {
        let spec_file = spec.to_string_lossy().replace('\\', "/");
        let Ok(loaded) = generator::load::load(&FsReader(crate_dir()), &spec_file) else {
            continue;
        };
        let told = RefCell::new(BTreeSet::new());
        let options = generator::lower::LowerOptions {
            spec_file: spec_file.clone(),
            ..Default::default()
        };
        let named = |file: &str| {
            told.borrow_mut().insert(file.to_owned());
        };
        let Ok((_, report)) = generator::lower::lower_naming_files(&loaded, &options, &named)
        else {
            continue;
        };
        let diagnostics = report
            .fallbacks
            .iter()
            .chain(&report.warnings)
            .chain(&report.skipped);
        let files: BTreeSet<String> = diagnostics
            .map(|diagnostic| {
                reported += 1;
                diagnostic.location.file.clone()
            })
            .collect();
        let told = told.borrow();
        let untold: Vec<&String> = files.difference(&told).collect();
        assert!(untold.is_empty(), "{spec_file}: {untold:?} not told");
    }
    assert!(reported > 10, "the fixtures report {reported} diagnostics");
}
