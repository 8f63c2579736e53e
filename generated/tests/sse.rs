//! The event-stream parser of `runtime::sse`, without any network: the HTML standard's
//! rules for lines, fields and dispatch, whatever the chunks. (Streams over real HTTP are
//! tested in the generator's `tests/behaviour/workflows.rs`.)

use std::collections::VecDeque;
use std::time::Duration;

use generated::runtime::sse::{Event, Parser};

fn parse(chunks: &[&[u8]]) -> Vec<Event> {
    let mut parser = Parser::new();
    let mut out = VecDeque::new();
    for chunk in chunks {
        parser.feed(chunk, &mut out);
    }
    out.into()
}

fn data(events: &[Event]) -> Vec<&str> {
    events.iter().map(|e| e.data.as_str()).collect()
}

#[test]
fn line_endings_anywhere() {
    let whole = b"data: a\r\ndata: b\r\rdata: c\n\n: note\r\nevent: x\nid: 7\ndata\n\n";
    let expected = parse(&[whole]);
    assert_eq!(data(&expected), ["a\nb", "c", ""]);
    assert_eq!(expected[2].event, "x");
    assert_eq!(expected[2].id, "7");
    for split in 0..whole.len() {
        let (a, b) = whole.split_at(split);
        assert_eq!(parse(&[a, b]), expected, "split at {split}");
    }
    let bytes: Vec<&[u8]> = whole.chunks(1).collect();
    assert_eq!(parse(&bytes), expected);
}

#[test]
fn fields_as_the_standard_reads_them() {
    let events = parse(&[
        b"\xEF\xBB\xBFdata:no space\ndata:  two\nretry: 1500\nretry: x\nid: a\0b\n\n",
        b"unknown: 1\nevent\ndata: tail\n\ndata: cut off",
    ]);
    assert_eq!(data(&events), ["no space\n two", "tail"]);
    assert_eq!(events[0].retry, Some(Duration::from_millis(1500)));
    assert_eq!(events[0].id, "");
    assert_eq!(events[1].event, "message");
}
