//! Bounded input (issue 24): what a hostile workbook or log line costs is
//! bounded by the file, measured with a counting allocator (this test binary
//! only) and a clock.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::disallowed_methods, // a test's own stopwatch, not library time
    missing_docs
)]

use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use huying::calendar::Calendar;
use huying::catalog::{Catalog, MAX_WORKBOOK_RATIO};
use huying::compliance::{Replay, ReportConfig};

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// One measurement at a time (one heap profiler per process).
static ONE: Mutex<()> = Mutex::new(());

/// The most bytes `f` had allocated at once, and how long it took.
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize, Duration) {
    let _one = ONE.lock().unwrap_or_else(|e| e.into_inner());
    let profiler = dhat::Profiler::builder().testing().build();
    let t = Instant::now();
    let out = f();
    let took = t.elapsed();
    let peak = dhat::HeapStats::get().max_bytes;
    drop(profiler);
    (out, peak, took)
}

/// A workbook of one part, `xl/worksheets/sheet1.xml`: `head` then `fill`
/// repeated to `len` bytes, deflated.
fn workbook(head: &[u8], fill: &[u8], len: usize) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    w.write_all(head).unwrap();
    let chunk: Vec<u8> = fill.iter().copied().cycle().take(1 << 20).collect();
    let mut left = len;
    while left > 0 {
        let n = left.min(chunk.len());
        w.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn a_small_workbook_costs_memory_in_proportion_to_its_size() {
    // An attribute that never ends: 256 MiB of one byte, about 250 KB on disk.
    let bytes = workbook(b"<worksheet><x a=\"", b"a", 256 << 20);
    assert!(bytes.len() < 400 << 10, "{}", bytes.len());
    let (r, peak, _) = measure(|| Catalog::from_xlsx("bomb.xlsx", &bytes));
    let err = r.unwrap_err();
    assert!(
        err.problems()[0]
            .message_en
            .contains("unpacks to more than"),
        "{}",
        err.problems()[0].message_en
    );
    // Unpacked at most 64 times its size (16 MiB at least): the scan keeps
    // no more than that, whatever the unpack limit (256 MiB).
    let bound = (bytes.len() * MAX_WORKBOOK_RATIO).max(16 << 20);
    // The scan's buffer grows by doubling: at most twice the cap.
    assert!(
        peak < 2 * bound + (8 << 20),
        "peak {peak} bytes, bound {bound}"
    );
}

#[test]
fn a_workbook_of_tiny_tags_costs_time_in_proportion_to_its_size() {
    // `<a/>` repeated: about 330 KB on disk would unpack to 64 MiB of tags.
    let bytes = workbook(b"<worksheet>", b"<a/>", 64 << 20);
    let t = Instant::now();
    let r = Catalog::from_xlsx("tags.xlsx", &bytes);
    let took = t.elapsed();
    let err = r.unwrap_err();
    assert!(
        err.problems()[0]
            .message_en
            .contains("unpacks to more than")
    );
    // The cap (64 times the file, here about 21 MB of tags) bounds the time;
    // before it, the scan read all 64 MiB (and up to 256 MiB). A release
    // build scans 83 MB of such tags in about 2 s.
    assert!(took < Duration::from_secs(20), "{took:?}");
}

#[test]
fn a_log_line_without_an_end_costs_the_line_limit_not_its_length() {
    let mut text = vec![b'x'; 64 << 20];
    text.extend_from_slice(b"\n");
    text.extend_from_slice(huying::call::log::EXAMPLE.as_bytes());
    let (report, peak, _) = measure(|| {
        let mut r = Replay::new(&Calendar::china(), None, ReportConfig::new(None))
            .unwrap()
            .max_line_bytes(1 << 20);
        r.read_json_lines(std::io::BufReader::new(text.as_slice()))
            .unwrap();
        r.finish()
    });
    assert_eq!(report.input.skipped, 1);
    assert_eq!(report.total.calls, 1);
    assert!(peak < 4 << 20, "peak {peak} bytes for a 64 MiB line");
}
