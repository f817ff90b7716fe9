//! A small JSON reader for what the shop reads as it opens and runs: the settings file, a
//! pack's manifest, the shop's server's answers, what the device saved and a whole JSON
//! catalog. One parser, compiled once: serde_json's is compiled again for every type it
//! reads, and those copies were about 19 KB of every shopper's first download (brotli,
//! measured). Each value keeps where it starts, so a problem is named by its line and column.
//!
//! And a writer for what the device saves, the page is told and the shop's server is sent,
//! byte for byte as serde_json wrote it, so that what either wrote reads the same.

use std::fmt::Write;

use crate::text::whole_number;

/// Objects and lists nested deeper than this are refused rather than read with ever more
/// stack.
const MOST_NESTED: u32 = 128;

/// A value and the byte offset in the text where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Json {
    pub at: usize,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Bool(bool),
    /// As written, checked against JSON's grammar: read as the caller needs it.
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// In the order written, names with where they start.
    Object(Vec<(usize, String, Json)>),
}

/// What is wrong, and at which byte offset of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub at: usize,
    pub message: String,
}

impl JsonError {
    pub fn new(at: usize, message: impl Into<String>) -> Self {
        JsonError {
            at,
            message: message.into(),
        }
    }

    /// "line 2, column 7: …" in `text`, the text the error was found in.
    pub fn placed_in(&self, text: &str) -> String {
        let (line, column) = line_and_column(text, self.at);
        format!("line {line}, column {column}: {}", self.message)
    }
}

/// Line and column (both from 1) of the byte offset `at` of `text`.
pub fn line_and_column(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let before = before.strip_prefix('\u{feff}').unwrap_or(before);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Reads `text`, which must hold one JSON value and nothing after it but white space. A byte
/// order mark before it, which some editors write, is passed over.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut parser = Parser {
        text,
        at: if text.starts_with('\u{feff}') { 3 } else { 0 },
        nested: 0,
    };
    let json = parser.value()?;
    parser.skip_space();
    if parser.at < text.len() {
        return Err(JsonError::new(
            parser.at,
            "more follows the value; a JSON file holds one",
        ));
    }
    Ok(json)
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
    nested: u32,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let here = self.peek() == Some(byte);
        self.at += usize::from(here);
        here
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn fail<T>(&self, message: &str) -> Result<T, JsonError> {
        Err(JsonError::new(self.at, message))
    }

    fn value(&mut self) -> Result<Json, JsonError> {
        self.skip_space();
        let at = self.at;
        let value = match self.peek() {
            None => return self.fail("the text ends where a value should be"),
            Some(b'{' | b'[') => self.nest()?,
            Some(b'"') => Value::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(_) => {
                let rest = &self.text[at..];
                let (value, word) = [
                    (Value::Null, "null"),
                    (Value::Bool(true), "true"),
                    (Value::Bool(false), "false"),
                ]
                .into_iter()
                .find(|(_, word)| rest.starts_with(word))
                .map_or_else(
                    || self.fail("expected a value: text in double quotes, a number, true, false, null, a list or an object"),
                    Ok,
                )?;
                self.at += word.len();
                value
            }
        };
        Ok(Json { at, value })
    }

    /// An object or a list, at its opening bracket.
    fn nest(&mut self) -> Result<Value, JsonError> {
        if self.nested == MOST_NESTED {
            return self.fail("nested too deep");
        }
        self.nested += 1;
        let object = self.eat(b'{');
        self.at += usize::from(!object);
        let close = if object { b'}' } else { b']' };
        let mut entries = Vec::new();
        let mut items = Vec::new();
        self.skip_space();
        if !self.eat(close) {
            loop {
                if object {
                    self.skip_space();
                    let name_at = self.at;
                    if self.peek() != Some(b'"') {
                        return self.fail("expected a name in double quotes");
                    }
                    let name = self.string()?;
                    self.skip_space();
                    if !self.eat(b':') {
                        return self.fail("expected `:` after the name");
                    }
                    entries.push((name_at, name, self.value()?));
                } else {
                    items.push(self.value()?);
                }
                self.skip_space();
                if self.eat(close) {
                    break;
                }
                if !self.eat(b',') {
                    return self.fail(if object {
                        "expected `,` or `}`"
                    } else {
                        "expected `,` or `]`"
                    });
                }
            }
        }
        self.nested -= 1;
        Ok(if object {
            Value::Object(entries)
        } else {
            Value::Array(items)
        })
    }

    /// A string, at its opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        self.at += 1;
        let mut read = String::new();
        loop {
            let run = self.at;
            while self
                .peek()
                .is_some_and(|b| b != b'"' && b != b'\\' && b >= 0x20)
            {
                self.at += 1;
            }
            // The run ends at an ASCII byte or the end: a character's boundary.
            read.push_str(&self.text[run..self.at]);
            match self.peek() {
                None => return self.fail("the text ends inside a string: close it with `\"`"),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(read);
                }
                Some(b'\\') => {
                    self.at += 1;
                    read.push(self.escape()?);
                }
                Some(_) => {
                    return self.fail(
                        "a control character (such as a line break or a tab) inside a string: write it as \\n or \\t",
                    )
                }
            }
        }
    }

    /// The character an escape after its backslash stands for.
    fn escape(&mut self) -> Result<char, JsonError> {
        let Some(letter) = self.peek() else {
            return self.fail("the text ends inside a string");
        };
        self.at += 1;
        Ok(match letter {
            b'"' | b'\\' | b'/' => char::from(letter),
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) {
                    // The first half of a pair: the second must follow.
                    let low = if self.text[self.at..].starts_with("\\u") {
                        self.at += 2;
                        self.hex4()?
                    } else {
                        0
                    };
                    if !(0xDC00..0xE000).contains(&low) {
                        return self.fail("\\u escape of half a character without its other half");
                    }
                    0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    first
                };
                return char::from_u32(code).map_or_else(
                    || self.fail("\\u escape of half a character without its other half"),
                    Ok,
                );
            }
            _ => {
                self.at -= 1;
                return self.fail("not an escape JSON knows: use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and 4 hex digits");
            }
        })
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.text.get(self.at..self.at + 4).unwrap_or("");
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return self.fail("\\u must be followed by 4 hex digits");
        }
        self.at += 4;
        Ok(u32::from_str_radix(digits, 16).unwrap_or(0))
    }

    /// A number, checked against JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    fn number(&mut self) -> Result<String, JsonError> {
        let start = self.at;
        self.eat(b'-');
        let whole = self.at;
        let digits = self.digits();
        if digits == 0 || (digits > 1 && self.text.as_bytes()[whole] == b'0') {
            return self.fail("not a number: digits, without leading zeros, like 12 or 0.5");
        }
        if self.eat(b'.') && self.digits() == 0 {
            return self.fail("a number's point must be followed by digits");
        }
        if self.eat(b'e') || self.eat(b'E') {
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if self.digits() == 0 {
                return self.fail("a number's exponent must have digits");
            }
        }
        Ok(self.text[start..self.at].to_owned())
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - start
    }
}

impl Json {
    fn wrong_type(&self, expected: &str) -> JsonError {
        let found = match &self.value {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => format!("the number {n}"),
            Value::String(s) => format!("the string \"{}\"", s.replace('"', "\\\"")),
            Value::Array(_) => "a list".to_owned(),
            Value::Object(_) => "an object".to_owned(),
        };
        JsonError::new(self.at, format!("expected {expected}, found {found}"))
    }

    pub fn as_str(&self) -> Result<&str, JsonError> {
        match &self.value {
            Value::String(s) => Ok(s),
            _ => Err(self.wrong_type("a string (in double quotes)")),
        }
    }

    pub fn as_u32(&self) -> Result<u32, JsonError> {
        match &self.value {
            Value::Number(n) => whole_number(n).and_then(|n| u32::try_from(n).ok()),
            _ => None,
        }
        .ok_or_else(|| self.wrong_type("a whole number from 0 to 4294967295"))
    }

    pub fn as_array(&self) -> Result<&[Json], JsonError> {
        match &self.value {
            Value::Array(items) => Ok(items),
            _ => Err(self.wrong_type("a list (in [ ])")),
        }
    }

    /// A list, each item read by `read`.
    pub fn list<T>(&self, read: fn(&Json) -> Result<T, JsonError>) -> Result<Vec<T>, JsonError> {
        let items = self.as_array()?;
        let mut list = Vec::with_capacity(items.len());
        for item in items {
            list.push(read(item)?);
        }
        Ok(list)
    }

    /// A list of strings.
    pub fn as_strings(&self) -> Result<Vec<String>, JsonError> {
        self.list(|item| item.as_str().map(str::to_owned))
    }

    /// The object's fields, whatever their names.
    pub fn object(&self) -> Result<Fields<'_>, JsonError> {
        match &self.value {
            Value::Object(entries) => Ok(Fields {
                at: self.at,
                entries,
            }),
            _ => Err(self.wrong_type("an object (in { })")),
        }
    }

    /// The object's fields, which must be among `known`, each once.
    pub fn fields<'j>(&'j self, known: &[&str]) -> Result<Fields<'j>, JsonError> {
        let fields = self.object()?;
        for (i, (at, name, _)) in fields.entries.iter().enumerate() {
            if !known.contains(&name.as_str()) {
                let mut message = format!("unknown field `{name}`, expected one of");
                for (n, known) in known.iter().enumerate() {
                    let _ = write!(message, "{} `{known}`", if n == 0 { "" } else { "," });
                }
                return Err(JsonError::new(*at, message));
            }
            if fields.entries[..i]
                .iter()
                .any(|(_, earlier, _)| earlier == name)
            {
                return Err(JsonError::new(*at, format!("duplicate field `{name}`")));
            }
        }
        Ok(fields)
    }

    /// A list, taken by value: its items can be dropped one by one as they are read.
    pub fn into_items(self) -> Result<Vec<Json>, JsonError> {
        match self.value {
            Value::Array(items) => Ok(items),
            value => Err(Json { at: self.at, value }.wrong_type("a list (in [ ])")),
        }
    }

    /// Takes the field `name` out of an object, leaving null in its place.
    pub fn take_field(&mut self, name: &str) -> Option<Json> {
        let Value::Object(entries) = &mut self.value else {
            return None;
        };
        let (_, _, json) = entries.iter_mut().find(|(_, n, _)| n == name)?;
        let null = Json {
            at: json.at,
            value: Value::Null,
        };
        Some(std::mem::replace(json, null))
    }

    /// The field `name` of an object, whatever else it holds (`None`: not an object, no
    /// such field, or null).
    pub fn field(&self, name: &str) -> Option<&Json> {
        let Value::Object(entries) = &self.value else {
            return None;
        };
        Fields {
            at: self.at,
            entries,
        }
        .get(name)
    }
}

/// `problem`, said of the field `name`.
pub fn named(name: &str, problem: JsonError) -> JsonError {
    JsonError::new(problem.at, format!("{name}: {}", problem.message))
}

/// An object's fields, checked against the names it may have.
#[derive(Debug)]
pub struct Fields<'j> {
    at: usize,
    entries: &'j [(usize, String, Json)],
}

impl<'j> Fields<'j> {
    /// The field `name`; a null one is not there.
    pub fn get(&self, name: &str) -> Option<&'j Json> {
        self.entries
            .iter()
            .find(|(_, n, json)| n == name && json.value != Value::Null)
            .map(|e| &e.2)
    }

    pub fn required(&self, name: &str) -> Result<&'j Json, JsonError> {
        self.get(name).ok_or_else(|| self.missing(name))
    }

    fn missing(&self, name: &str) -> JsonError {
        JsonError::new(self.at, format!("missing field `{name}`"))
    }

    /// The field `name` read by `read`, if there; a problem in it is said with its name.
    pub(crate) fn read<T>(
        &self,
        name: &str,
        read: impl FnOnce(&'j Json) -> Result<T, JsonError>,
    ) -> Result<Option<T>, JsonError> {
        self.get(name)
            .map(|json| read(json).map_err(|e| named(name, e)))
            .transpose()
    }

    /// The string field `name`, if there.
    pub fn string(&self, name: &str) -> Result<Option<String>, JsonError> {
        self.read(name, |json| json.as_str().map(str::to_owned))
    }

    pub fn required_string(&self, name: &str) -> Result<String, JsonError> {
        self.string(name)?.ok_or_else(|| self.missing(name))
    }

    pub fn u32(&self, name: &str) -> Result<Option<u32>, JsonError> {
        self.read(name, Json::as_u32)
    }

    pub fn required_u32(&self, name: &str) -> Result<u32, JsonError> {
        self.u32(name)?.ok_or_else(|| self.missing(name))
    }

    /// The string field `name`, made into a `T` by `parse`.
    pub fn required_as<T, E: std::fmt::Display>(
        &self,
        name: &str,
        parse: impl FnOnce(String) -> Result<T, E>,
    ) -> Result<T, JsonError> {
        let json = self.required(name)?;
        let text = json.as_str().map_err(|e| named(name, e))?;
        parse(text.to_owned()).map_err(|e| JsonError::new(json.at, format!("{name}: {e}")))
    }

    pub fn bool(&self, name: &str) -> Result<Option<bool>, JsonError> {
        self.read(name, |json| match json.value {
            Value::Bool(b) => Ok(b),
            _ => Err(json.wrong_type("true or false")),
        })
    }

    /// The list of strings `name`, if there.
    pub fn strings(&self, name: &str) -> Result<Option<Vec<String>>, JsonError> {
        self.read(name, Json::as_strings)
    }

    /// The list `name`, each item read by `read`, if there.
    pub fn list<T>(
        &self,
        name: &str,
        read: fn(&Json) -> Result<T, JsonError>,
    ) -> Result<Option<Vec<T>>, JsonError> {
        self.read(name, |json| json.list(read))
    }

    pub fn required_strings(&self, name: &str) -> Result<Vec<String>, JsonError> {
        self.strings(name)?.ok_or_else(|| self.missing(name))
    }

    pub fn required_list<T>(
        &self,
        name: &str,
        read: fn(&Json) -> Result<T, JsonError>,
    ) -> Result<Vec<T>, JsonError> {
        self.list(name, read)?.ok_or_else(|| self.missing(name))
    }
}

/// A value written as JSON, compactly, as serde_json writes it.
pub trait ToJson {
    fn write_json(&self, out: &mut String);
}

/// `value` as JSON text.
pub fn to_json(value: &dyn ToJson) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

/// An object with these fields, in this order, as JSON text.
pub fn object_text(fields: &[(&str, &dyn ToJson)]) -> String {
    let mut out = String::new();
    write_object(&mut out, fields);
    out
}

/// Writes an object with these fields, in this order.
pub fn write_object(out: &mut String, fields: &[(&str, &dyn ToJson)]) {
    out.push('{');
    for (n, (name, value)) in fields.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        name.write_json(out);
        out.push(':');
        value.write_json(out);
    }
    out.push('}');
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        for c in self.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if c < ' ' => {
                    let _ = write!(out, "\\u{:04x}", u32::from(c));
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

/// Text that is JSON already (an order as it was sent), written as it is.
pub struct Written<'a>(pub &'a str);

impl ToJson for Written<'_> {
    fn write_json(&self, out: &mut String) {
        out.push_str(self.0);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out);
    }
}

impl ToJson for u32 {
    fn write_json(&self, out: &mut String) {
        let _ = write!(out, "{self}");
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (n, item) in self.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Text that JSON must escape, and text it must not.
    pub(crate) const AWKWARD: &str =
        "Ring \"twice\" \\ then\nwait\t\r\u{1}\u{8}\u{c}\u{1f} ₹ 😀 </script>";

    #[test]
    fn writes_text_as_serde_json_does() {
        let every_ascii: String = (0..=0x7f_u8).map(char::from).collect();
        for text in [every_ascii.as_str(), AWKWARD, "", "नमस्ते\u{2028}\u{feff}"] {
            assert_eq!(to_json(&text), serde_json::to_string(text).unwrap());
        }
    }

    #[test]
    fn writes_objects_lists_and_nothing_as_serde_json_does() {
        // In the order of their names, as serde_json's own objects keep them.
        let written = object_text(&[
            ("empty", &Vec::<u32>::new()),
            ("list", &vec![Some(1_u32), None]),
            ("max", &u32::MAX),
            ("n", &7_u32),
            ("no", &false),
            ("none", &None::<String>),
            ("some", &Some("x")),
            ("yes", &true),
        ]);
        let theirs = serde_json::json!({
            "empty": [], "list": [1, null], "max": u32::MAX, "n": 7, "no": false, "none": null,
            "some": "x", "yes": true
        });
        assert_eq!(written, serde_json::to_string(&theirs).unwrap());
        assert_eq!(object_text(&[]), "{}");
    }

    fn problem(text: &str) -> String {
        parse(text).unwrap_err().placed_in(text)
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let text = r#" {"a": [1, -2.5e+3, 0, true, false, null], "b": {"c": "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"}, "d": {}, "e": []} "#;
        let ours = parse(text).unwrap();
        let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
        let b = ours
            .field("b")
            .unwrap()
            .field("c")
            .unwrap()
            .as_str()
            .unwrap();
        assert_eq!(b, theirs["b"]["c"].as_str().unwrap());
        assert_eq!(b, "x\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{1F600}");
        let a = ours.field("a").unwrap().as_array().unwrap();
        let written: Vec<_> = a.iter().map(|item| item.value.clone()).collect();
        assert_eq!(
            written,
            [
                Value::Number("1".into()),
                Value::Number("-2.5e+3".into()),
                Value::Number("0".into()),
                Value::Bool(true),
                Value::Bool(false),
                Value::Null,
            ]
        );
        assert_eq!(a[1].at, 11);
        assert_eq!(ours.field("d").unwrap().value, Value::Object(vec![]));
        assert_eq!(ours.field("e").unwrap().value, Value::Array(vec![]));
    }

    #[test]
    fn refuses_what_json_does_not_allow() {
        for text in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "{a: 1}",
            "01",
            "1.",
            "-",
            "1e",
            ".5",
            "+1",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\ud83d\"",
            "\"\\ude00\"",
            "\"tab\there\"",
            "\"open",
            "nul",
            "True",
            "1 2",
            "{\"a\" 1}",
        ] {
            assert!(parse(text).is_err(), "{text:?} was read");
            assert!(serde_json::from_str::<serde_json::Value>(text).is_err());
        }
    }

    #[test]
    fn a_problem_is_placed_where_it_is() {
        assert_eq!(
            problem("{\n  \"a\": 1,\n  \"b\": tru\n}"),
            "line 3, column 8: expected a value: text in double quotes, a number, true, false, null, a list or an object"
        );
        assert_eq!(problem("[1 2]"), "line 1, column 4: expected `,` or `]`");
        assert_eq!(
            problem("{\"é\": \"x\ny\"}"),
            "line 1, column 9: a control character (such as a line break or a tab) inside a string: write it as \\n or \\t"
        );
        assert_eq!(
            problem("{\"a\": 1} x"),
            "line 1, column 10: more follows the value; a JSON file holds one"
        );
        assert_eq!(
            problem("{\"schema\": "),
            "line 1, column 12: the text ends where a value should be"
        );
        assert_eq!(
            problem("\u{feff}{\"a\": x}"),
            "line 1, column 7: expected a value: text in double quotes, a number, true, false, null, a list or an object"
        );
    }

    #[test]
    fn nesting_is_limited() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(parse(&nested(MOST_NESTED as usize)).is_ok());
        let deeper = parse(&nested(MOST_NESTED as usize + 1)).unwrap_err();
        assert_eq!(
            (deeper.at, deeper.message.as_str()),
            (128, "nested too deep")
        );
    }

    #[test]
    fn fields_are_checked_against_the_names_known() {
        let text = "{\"name\": \"x\", \"count\": 3, \"tags\": [\"a\"], \"gone\": null}";
        let json = parse(text).unwrap();
        let fields = json.fields(&["name", "count", "tags", "gone"]).unwrap();
        assert_eq!(fields.string("name").unwrap().as_deref(), Some("x"));
        assert_eq!(fields.u32("count").unwrap(), Some(3));
        assert_eq!(fields.strings("tags").unwrap().unwrap(), ["a"]);
        assert_eq!(fields.string("gone").unwrap(), None);
        assert_eq!(
            fields.required("gone").unwrap_err().placed_in(text),
            "line 1, column 1: missing field `gone`"
        );
        assert_eq!(
            fields.string("count").unwrap_err().placed_in(text),
            "line 1, column 24: count: expected a string (in double quotes), found the number 3"
        );
        assert_eq!(
            fields.u32("name").unwrap_err().message,
            "name: expected a whole number from 0 to 4294967295, found the string \"x\""
        );
        assert_eq!(
            json.fields(&["name", "count"]).unwrap_err().placed_in(text),
            "line 1, column 27: unknown field `tags`, expected one of `name`, `count`"
        );
        let twice = "{\"a\": 1, \"a\": 2}";
        assert_eq!(
            parse(twice)
                .unwrap()
                .fields(&["a"])
                .unwrap_err()
                .placed_in(twice),
            "line 1, column 10: duplicate field `a`"
        );
        // A string is quoted as written, its own quotes escaped.
        let quoted = parse(r#"{"n": "say \"hi\""}"#).unwrap();
        assert_eq!(
            quoted.fields(&["n"]).unwrap().u32("n").unwrap_err().message,
            r#"n: expected a whole number from 0 to 4294967295, found the string "say \"hi\"""#
        );
        for not_whole in ["-1", "1.5", "1e3", "4294967296"] {
            assert!(parse(not_whole).unwrap().as_u32().is_err(), "{not_whole}");
        }
    }
}
