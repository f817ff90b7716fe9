//! Rows of CSV or TSV text as they stream in: values split at the delimiter, a value in
//! double quotes holding delimiters, line breaks and doubled quotes, and no escape
//! character. A quote inside an unquoted value, or after a quoted one closed, is a
//! character of it. Rows end at `\n`, `\r\n` or `\r`; blank lines are no rows; rows may
//! have any number of values. Read with the feed's own code rather than the csv crate,
//! whose reader and its error types were a fifth of the whole-catalog reader's chunk.

use std::io::{self, BufRead};

/// One row: its values, and the line of the text it starts on (from 1).
#[derive(Debug, Default)]
pub struct Record {
    bytes: Vec<u8>,
    /// Where each value ends in `bytes`.
    ends: Vec<usize>,
    line: u64,
}

impl Record {
    /// The value at `index`, if the row has that many.
    pub fn get(&self, index: usize) -> Option<&[u8]> {
        let end = *self.ends.get(index)?;
        let start = match index {
            0 => 0,
            _ => self.ends[index - 1],
        };
        Some(&self.bytes[start..end])
    }

    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.ends.len()).filter_map(|index| self.get(index))
    }

    pub fn line(&self) -> u64 {
        self.line
    }

    fn end_value(&mut self) {
        self.ends.push(self.bytes.len());
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Nothing of the row read yet (blank lines are passed over here).
    RowStart,
    ValueStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted value: it closes the value unless another follows.
    QuoteInQuoted,
}

/// A quoted value that took in line breaks it most likely should not have: a stray quote
/// read the rows after it into one value, until a quote meant to open a value closed it, or
/// to the end of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Swallowed {
    /// The line the quote opened on.
    pub opened: u64,
    /// The last line taken in.
    pub through: u64,
    /// Closed by a quote inside a value (else never closed).
    pub closed: bool,
}

/// Where a reader is in its text, by line.
struct Lines {
    /// The line the next byte is on, and the line of the last byte read.
    line: u64,
    last_line: u64,
    /// The last byte read was `\r`: a `\n` now is the same line break.
    after_cr: bool,
}

impl Lines {
    /// Counts `byte` into the line the next byte is on; whether it breaks a line. `\r\n` is
    /// one line break, and `\r` alone (old Mac files) one too.
    fn count(&mut self, byte: u8) -> bool {
        let line_break = byte == b'\n' || byte == b'\r';
        let crlf = byte == b'\n' && self.after_cr;
        self.after_cr = byte == b'\r';
        if !crlf {
            self.last_line = self.line;
            self.line += u64::from(line_break);
        }
        line_break
    }
}

pub struct Reader<R> {
    source: R,
    delimiter: u8,
    lines: Lines,
    /// The line the open quoted value started on.
    opened: u64,
    swallowed: Vec<Swallowed>,
}

impl<R: BufRead> Reader<R> {
    pub fn new(source: R, delimiter: u8) -> Self {
        Reader {
            source,
            delimiter,
            lines: Lines {
                line: 1,
                last_line: 1,
                after_cr: false,
            },
            opened: 0,
            swallowed: Vec::new(),
        }
    }

    /// The reader of a text whose `skipped` bytes (blank lines) were read already: its rows'
    /// lines count them.
    pub fn after(mut self, skipped: &[u8]) -> Self {
        for &byte in skipped {
            self.lines.count(byte);
        }
        self
    }

    /// The quoted values read so far that took in lines they most likely should not have.
    pub fn swallowed(&self) -> &[Swallowed] {
        &self.swallowed
    }

    /// The line the next row starts on, or a blank line before it.
    pub fn line(&self) -> u64 {
        self.lines.line
    }

    /// Reads the next row into `record`; false at the end of the text.
    pub fn read(&mut self, record: &mut Record) -> io::Result<bool> {
        record.bytes.clear();
        record.ends.clear();
        let mut state = State::RowStart;
        loop {
            let buffer = self.source.fill_buf()?;
            if buffer.is_empty() {
                if state == State::RowStart {
                    return Ok(false);
                }
                if state == State::Quoted {
                    self.swallowed.push(Swallowed {
                        opened: self.opened,
                        through: self.lines.last_line,
                        closed: false,
                    });
                }
                record.end_value();
                return Ok(true);
            }
            let mut used = 0;
            let mut ended = false;
            for &byte in buffer {
                used += 1;
                let line_break = self.lines.count(byte);
                if state == State::RowStart && !line_break {
                    record.line = self.lines.line;
                    state = State::ValueStart;
                }
                state = match state {
                    State::RowStart => State::RowStart,
                    State::Quoted if byte == b'"' => State::QuoteInQuoted,
                    State::Quoted => {
                        record.bytes.push(byte);
                        State::Quoted
                    }
                    State::QuoteInQuoted if byte == b'"' => {
                        record.bytes.push(byte);
                        State::Quoted
                    }
                    State::ValueStart if byte == b'"' => {
                        self.opened = self.lines.line;
                        State::Quoted
                    }
                    State::QuoteInQuoted if byte != self.delimiter && !line_break => {
                        // Closed in the middle of a value: most likely a quote meant to open
                        // one, closing a stray quote lines before.
                        if self.lines.line > self.opened {
                            self.swallowed.push(Swallowed {
                                opened: self.opened,
                                through: self.lines.line,
                                closed: true,
                            });
                        }
                        record.bytes.push(byte);
                        State::Unquoted
                    }
                    _ if byte == self.delimiter => {
                        record.end_value();
                        State::ValueStart
                    }
                    _ if line_break => {
                        record.end_value();
                        ended = true;
                        break;
                    }
                    _ => {
                        record.bytes.push(byte);
                        State::Unquoted
                    }
                };
            }
            self.source.consume(used);
            if ended {
                return Ok(true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of `text` as strings, with its line.
    fn rows(text: &str, delimiter: u8) -> Vec<(u64, Vec<String>)> {
        let mut reader = Reader::new(text.as_bytes(), delimiter);
        let mut record = Record::default();
        let mut rows = Vec::new();
        while reader.read(&mut record).unwrap() {
            let values = record
                .iter()
                .map(|v| String::from_utf8(v.to_vec()).unwrap())
                .collect();
            rows.push((record.line(), values));
        }
        rows
    }

    #[test]
    fn quotes_hold_delimiters_line_breaks_and_doubled_quotes() {
        let text = "id,title\n1,\"Rice, \"\"basmati\"\"\nlong grain\"\n2,plain\r\n\r\n\n3,\"\"\r4";
        assert_eq!(
            rows(text, b','),
            [
                (1, vec!["id".into(), "title".into()]),
                (2, vec!["1".into(), "Rice, \"basmati\"\nlong grain".into()]),
                (4, vec!["2".into(), "plain".into()]),
                (7, vec!["3".into(), String::new()]),
                (8, vec!["4".into()]),
            ]
        );
    }

    #[test]
    fn quotes_not_at_a_values_start_are_characters() {
        assert_eq!(
            rows("a\"b\t\"c\"d\t \"e\"\t\t\n", b'\t'),
            [(
                1,
                vec![
                    "a\"b".into(),
                    "cd".into(),
                    " \"e\"".into(),
                    "".into(),
                    "".into()
                ]
            )]
        );
    }

    #[test]
    fn an_unclosed_quote_reads_to_the_end() {
        assert_eq!(
            rows("1,\"open\n2,x\n", b','),
            [(1, vec!["1".into(), "open\n2,x\n".into()])]
        );
        assert_eq!(rows("", b','), []);
        assert_eq!(rows("\n\r\n", b','), []);
    }

    #[test]
    fn quotes_that_take_in_lines_are_told() {
        let swallowed = |text: &str| {
            let mut reader = Reader::new(text.as_bytes(), b',');
            let mut record = Record::default();
            while reader.read(&mut record).unwrap() {}
            reader.swallowed().to_vec()
        };
        // A stray quote on line 2, closed by the quote meant to open line 4's value.
        assert_eq!(
            swallowed("id,title\n1,\"Rice\n2,Dal\n3,\"Atta\",x\n"),
            [Swallowed {
                opened: 2,
                through: 4,
                closed: true
            }]
        );
        assert_eq!(
            swallowed("id,title\n1,\"Rice\n2,Dal\n"),
            [Swallowed {
                opened: 2,
                through: 3,
                closed: false
            }]
        );
        assert_eq!(swallowed("id,note\n1,\"two\nlines\"\n2,\"\"\"\"\n"), []);
    }
}
