//! The physical lines of a log, bounded: a line longer than the limit is
//! reported by its length and skipped to its end without being kept, so a
//! file with no newline costs the limit in memory, not its size. A UTF-8
//! byte order mark at the start of the file is dropped (spreadsheet tools
//! on Windows write one).

use std::io::{self, BufRead};

/// The longest log line taken by default (4 MiB): far above any event (a few
/// hundred bytes), far below a machine's memory.
///
/// ```
/// assert_eq!(huying::call::log::MAX_LINE_BYTES, 4 << 20);
/// ```
pub const MAX_LINE_BYTES: usize = 4 << 20;

const BOM: &[u8] = b"\xef\xbb\xbf";

/// A line read: its text without the line ending, or the length of a line
/// over the limit.
pub(crate) enum Line<'a> {
    Text(&'a [u8]),
    TooLong(usize),
}

/// Reads lines of at most `max` bytes (line ending excluded).
pub(crate) struct LineReader<R> {
    r: R,
    buf: Vec<u8>,
    max: usize,
    /// Lines read so far (the number of the last one).
    n: u64,
}

impl<R: BufRead> LineReader<R> {
    pub(crate) fn new(r: R, max: usize) -> LineReader<R> {
        LineReader {
            r,
            buf: Vec::with_capacity(512),
            max,
            n: 0,
        }
    }

    /// The limit.
    #[cfg(feature = "csv")]
    pub(crate) fn max(&self) -> usize {
        self.max
    }

    /// The next line and its 1-based number, or `None` at the end.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<(u64, Line<'_>)>> {
        self.buf.clear();
        let mut len = 0usize;
        let mut any = false;
        loop {
            let avail = match self.r.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if avail.is_empty() {
                break;
            }
            any = true;
            let (chunk, used, done) = match avail.iter().position(|&b| b == b'\n') {
                Some(i) => (avail.get(..i).unwrap_or_default(), i + 1, true),
                None => (avail, avail.len(), false),
            };
            len = len.saturating_add(chunk.len());
            if len <= self.max {
                self.buf.extend_from_slice(chunk);
            }
            self.r.consume(used);
            if done {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        self.n += 1;
        if len > self.max {
            self.buf.clear();
            return Ok(Some((self.n, Line::TooLong(len))));
        }
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        let mut text = self.buf.as_slice();
        if self.n == 1 {
            text = text.strip_prefix(BOM).unwrap_or(text);
        }
        Ok(Some((self.n, Line::Text(text))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &[u8], max: usize) -> Vec<(u64, Result<String, usize>)> {
        let mut r = LineReader::new(text, max);
        let mut out = Vec::new();
        while let Some((n, l)) = r.next_line().unwrap() {
            out.push((
                n,
                match l {
                    Line::Text(t) => Ok(String::from_utf8_lossy(t).into_owned()),
                    Line::TooLong(len) => Err(len),
                },
            ));
        }
        out
    }

    #[test]
    fn lines_endings_bom_and_the_limit() {
        assert_eq!(
            all(b"\xef\xbb\xbfa\r\nbb\n\nccc", 10),
            [
                (1, Ok("a".into())),
                (2, Ok("bb".into())),
                (3, Ok(String::new())),
                (4, Ok("ccc".into()))
            ]
        );
        // Only the file's first line loses a BOM.
        assert_eq!(all(b"a\n\xef\xbb\xbfb", 10)[1].1, Ok("\u{feff}b".into()));
        assert_eq!(
            all(b"12345\n123456\n1", 5),
            [(1, Ok("12345".into())), (2, Err(6)), (3, Ok("1".into()))]
        );
        assert!(all(b"", 5).is_empty());
    }

    #[test]
    fn a_line_with_no_end_is_not_kept() {
        // 8 MiB without a newline through a 64-byte buffer: the reader's
        // buffer stays at the limit.
        let big = vec![b'x'; 8 << 20];
        let mut r = LineReader::new(io::BufReader::with_capacity(64, big.as_slice()), 1024);
        match r.next_line().unwrap() {
            Some((1, Line::TooLong(n))) => assert_eq!(n, 8 << 20),
            _ => panic!("expected a line too long"),
        }
        assert!(r.buf.capacity() < 4096, "{}", r.buf.capacity());
        assert!(r.next_line().unwrap().is_none());
    }
}
