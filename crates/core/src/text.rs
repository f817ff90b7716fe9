//! Text rules shared by search, ids, catalogs and orders.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The whole number `text` writes in ASCII digits alone ("007" is 7); `None` for anything
/// else (a sign, a space, nothing at all) or past `u64`. Every count, size, place and date
/// part is read by this one function: `str::parse` was compiled again for each integer type.
pub fn whole_number(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u64, |number, byte| {
        let digit = (byte as char).to_digit(10)?;
        number.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

/// Words or phrases written as one text, `|` between them: "hi|hello|good morning". A
/// table of `&str` keeps a pointer and a length beside each word, eight bytes that compress
/// poorly; the shop's hundreds of spoken words cost the first download more that way.
#[derive(Debug, Clone, Copy)]
pub struct List(pub &'static str);

impl List {
    pub fn items(self) -> impl Iterator<Item = &'static str> {
        self.0.split('|')
    }

    pub fn has(self, item: &str) -> bool {
        self.items().any(|listed| listed == item)
    }
}

/// Punctuation outside ASCII that separates words like a space does.
const WIDE_PUNCTUATION: &[char] = &['।', '“', '”', '‘', '’', '…', '–', '—', '¿', '¡'];

/// ASCII letters and digits and, outside ASCII, all but spaces and the punctuation above:
/// letters, digits and combining marks (Devanagari vowel signs and viramas are marks, not
/// alphanumerics, yet part of the word). No table of Unicode's letters is needed for that.
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (!c.is_ascii() && !c.is_whitespace() && !WIDE_PUNCTUATION.contains(&c))
}

/// `c` in lower case, in the scripts with case a shop's words are written in: Latin (all of
/// Latin-1, Extended-A, Extended-B and Vietnamese's additions), Greek, Cyrillic (with its
/// Extended-B), Armenian, Georgian, full-width Latin, and the letter-like Ω, K and Å, Roman
/// numerals and circled letters. Any other character is itself (Cherokee, Deseret, Glagolitic,
/// Coptic, and Latin Extended-C and -D keep their case). Rust's `to_lowercase` knows every
/// script, but its tables cost a shopper's first download 7.4 KB with brotli; Indian scripts
/// have no case.
pub fn lower(c: char) -> char {
    let code = u32::from(c);
    let to = |small: u32| char::from_u32(small).unwrap_or(c);
    let paired = |capital_parity: u32| small_of_pair(c, capital_parity);
    match code {
        0x41..=0x5a | 0xc0..=0xd6 | 0xd8..=0xde => to(code + 0x20),
        0x130 => 'i',
        0x100..=0x137 | 0x14a..=0x177 => paired(0),
        0x139..=0x148 | 0x179..=0x17e => paired(1),
        0x178 => 'ÿ',
        0x180..=0x24f => latin_extended_b(c),
        0x370..=0x3ff => greek(c),
        0x400..=0x40f => to(code + 0x50),
        0x410..=0x42f => to(code + 0x20),
        0x460..=0x481 | 0x48a..=0x4bf | 0x4d0..=0x52f => paired(0),
        0x4c0 => 'ӏ',
        0x4c1..=0x4ce => paired(1),
        0x531..=0x556 => to(code + 0x30),
        0x10a0..=0x10c5 | 0x10c7 | 0x10cd => to(code + 0x1c60),
        0x1c90..=0x1cba | 0x1cbd..=0x1cbf => to(code - 0xbc0),
        0x1e00..=0x1e95 | 0x1ea0..=0x1eff => paired(0),
        0x1e9e => 'ß',
        0x2126 => 'ω',
        0x212a => 'k',
        0x212b => 'å',
        0x2160..=0x216f => to(code + 0x10),
        0x24b6..=0x24cf => to(code + 0x1a),
        0xa640..=0xa66d | 0xa680..=0xa69b => paired(0),
        0xff21..=0xff3a => to(code + 0x20),
        _ => c,
    }
}

/// Latin Extended-B (U+0180 to U+024F): runs of pairs, and capitals whose small letter is
/// elsewhere (many in the IPA block).
fn latin_extended_b(c: char) -> char {
    const ELSEWHERE: &[(char, char)] = &[
        ('Ɓ', 'ɓ'),
        ('Ɔ', 'ɔ'),
        ('Ɖ', 'ɖ'),
        ('Ɗ', 'ɗ'),
        ('Ǝ', 'ǝ'),
        ('Ə', 'ə'),
        ('Ɛ', 'ɛ'),
        ('Ɠ', 'ɠ'),
        ('Ɣ', 'ɣ'),
        ('Ɩ', 'ɩ'),
        ('Ɨ', 'ɨ'),
        ('Ɯ', 'ɯ'),
        ('Ɲ', 'ɲ'),
        ('Ɵ', 'ɵ'),
        ('Ʀ', 'ʀ'),
        ('Ʃ', 'ʃ'),
        ('Ʈ', 'ʈ'),
        ('Ʊ', 'ʊ'),
        ('Ʋ', 'ʋ'),
        ('Ʒ', 'ʒ'),
        ('Ǆ', 'ǆ'),
        ('ǅ', 'ǆ'),
        ('Ǉ', 'ǉ'),
        ('ǈ', 'ǉ'),
        ('Ǌ', 'ǌ'),
        ('ǋ', 'ǌ'),
        ('Ǳ', 'ǳ'),
        ('ǲ', 'ǳ'),
        ('Ƕ', 'ƕ'),
        ('Ƿ', 'ƿ'),
        ('Ƞ', 'ƞ'),
        ('Ⱥ', 'ⱥ'),
        ('Ƚ', 'ƚ'),
        ('Ⱦ', 'ⱦ'),
        ('Ƀ', 'ƀ'),
        ('Ʉ', 'ʉ'),
        ('Ʌ', 'ʌ'),
    ];
    const PAIRS_FROM_EVEN: &[(u32, u32)] = &[
        (0x182, 0x185),
        (0x198, 0x199),
        (0x1a0, 0x1a5),
        (0x1ac, 0x1ad),
        (0x1b8, 0x1b9),
        (0x1bc, 0x1bd),
        (0x1de, 0x1ef),
        (0x1f4, 0x1f5),
        (0x1f8, 0x21f),
        (0x222, 0x233),
        (0x246, 0x24f),
    ];
    const PAIRS_FROM_ODD: &[(u32, u32)] = &[
        (0x187, 0x188),
        (0x18b, 0x18c),
        (0x191, 0x192),
        (0x1a7, 0x1a8),
        (0x1af, 0x1b0),
        (0x1b3, 0x1b6),
        (0x1cd, 0x1dc),
        (0x23b, 0x23c),
        (0x241, 0x242),
    ];
    from_tables(c, ELSEWHERE, PAIRS_FROM_EVEN, PAIRS_FROM_ODD)
}

/// Greek and Coptic (U+0370 to U+03FF): the alphabet, its accented capitals, and the rarer
/// letters and symbols.
fn greek(c: char) -> char {
    const ELSEWHERE: &[(char, char)] = &[
        ('Ϳ', 'ϳ'),
        ('Ά', 'ά'),
        ('Ό', 'ό'),
        ('Ϗ', 'ϗ'),
        ('ϴ', 'θ'),
        ('Ϲ', 'ϲ'),
        ('Ͻ', 'ͻ'),
        ('Ͼ', 'ͼ'),
        ('Ͽ', 'ͽ'),
    ];
    const PAIRS_FROM_EVEN: &[(u32, u32)] = &[
        (0x370, 0x373),
        (0x376, 0x377),
        (0x3d8, 0x3ef),
        (0x3fa, 0x3fb),
    ];
    const PAIRS_FROM_ODD: &[(u32, u32)] = &[(0x3f7, 0x3f8)];
    let code = u32::from(c);
    let moved = |by: u32| char::from_u32(code + by).unwrap_or(c);
    match code {
        0x388..=0x38a => moved(0x25),
        0x38e | 0x38f => moved(0x3f),
        0x391..=0x3a1 | 0x3a3..=0x3ab => moved(0x20),
        _ => from_tables(c, ELSEWHERE, PAIRS_FROM_EVEN, PAIRS_FROM_ODD),
    }
}

/// `c` lowered by a block's tables: capitals whose small letter is `elsewhere`, and runs
/// where each capital is followed by its small letter, the capitals on even or odd codes.
fn from_tables(
    c: char,
    elsewhere: &[(char, char)],
    from_even: &[(u32, u32)],
    from_odd: &[(u32, u32)],
) -> char {
    let code = u32::from(c);
    let within = |runs: &[(u32, u32)]| {
        runs.iter()
            .any(|&(first, last)| (first..=last).contains(&code))
    };
    if let Some(&(_, small)) = elsewhere.iter().find(|&&(capital, _)| capital == c) {
        small
    } else if within(from_even) {
        small_of_pair(c, 0)
    } else if within(from_odd) {
        small_of_pair(c, 1)
    } else {
        c
    }
}

/// In a run where capitals and small letters alternate, the capitals' codes being of
/// `capital_parity`: the small letter of `c` if it is a capital, else `c`.
fn small_of_pair(c: char, capital_parity: u32) -> char {
    let code = u32::from(c);
    if code % 2 == capital_parity {
        char::from_u32(code + 1).unwrap_or(c)
    } else {
        c
    }
}

/// `text` in lower case, as [`lower`].
pub fn lowercase(text: &str) -> String {
    text.chars().map(lower).collect()
}

/// At most `max` characters of `text`: cut after the last whole word that fits, with "…",
/// when it is longer.
pub fn summary(text: &str, max: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text.to_owned();
    };
    let head = &text[..cut];
    // Unless the cut falls between words, drop the word it splits.
    let between_words = text[cut..].starts_with(|c: char| !is_word_char(c));
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if !between_words => &head[..space],
        _ => head,
    };
    format!(
        "{}…",
        head.trim_end_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
    )
}

/// The first control character in `text` (Unicode's Cc: C0 controls, DEL and C1
/// controls), leaving out line feeds when `line_breaks`: what a shopper's text may not
/// hold, as it could forge lines or send escapes to a terminal where the order is printed.
pub fn control_character(text: &str, line_breaks: bool) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() && !(line_breaks && c == '\n'))
}

/// Whether `visible` shows `c` as an escape: a control character, a line or paragraph
/// separator, or a bidirectional override or isolate (which can reorder what follows).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` as one line safe to print on a terminal: control characters, line and paragraph
/// separators and bidirectional overrides become visible escapes (`\n`, `\r`, `\t`,
/// `\u{1b}`), and a backslash is doubled so that an escape cannot be forged.
pub fn visible(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => shown.push_str("\\\\"),
            '\n' => shown.push_str("\\n"),
            '\r' => shown.push_str("\\r"),
            '\t' => shown.push_str("\\t"),
            c if is_hidden(c) => shown.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => shown.push(c),
        }
    }
    shown
}

/// The places (byte offsets) where `needle` appears in `text`, found by a plain scan; an
/// empty `needle` appears nowhere. The texts searched are a settings file of a few KB and its
/// quoted values: std's two-way substring search was 1.5 KB of code in the first download.
pub fn places_of<'a>(
    text: &'a str,
    needle: &'a str,
) -> impl DoubleEndedIterator<Item = usize> + 'a {
    let needle = needle.as_bytes();
    text.as_bytes()
        .windows(needle.len().max(1))
        .enumerate()
        .filter(move |(_, window)| *window == needle)
        .map(|(at, _)| at)
}

/// Crockford's base 32: digits and capitals without I, L, O or U, easy to read out.
pub const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// FNV-1a (64 bits), fed piece by piece: enough to tell documents, ids or messages apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fnv1a(u64);

impl Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv1a {
    /// The fingerprint of `bytes` alone.
    pub fn of(bytes: &[u8]) -> Self {
        let mut fnv = Fnv1a::default();
        fnv.add(bytes);
        fnv
    }

    pub fn add(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    pub fn hash(self) -> u64 {
        self.0
    }

    /// "fnv1a64:" and 16 hex digits.
    pub fn version(self) -> String {
        format!("fnv1a64:{:016x}", self.0)
    }
}

/// FNV-1a as the hasher of the catalog readers' maps, instead of std's SipHash: one hasher
/// less is code the whole-catalog reader's chunk does not carry. FNV is not keyed, so ids
/// chosen to collide can slow a map down; a catalog is the shop's own, or one a link's
/// `?catalog=` names for a preview, and either can hang only the tab that reads it, as a
/// huge catalog could anyway. (In the browser std's keys come from memory addresses, not
/// from a random source, so they guarded little more.)
impl Hasher for Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        self.add(bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The catalog readers' map of a text (an id, a word, a name) to a number, the one type of
/// map for all of them: each type of map is its code again in the whole-catalog reader.
pub type TextMap = HashMap<String, u32, BuildHasherDefault<Fnv1a>>;

/// The FNV-1a of everything read through it: a document's fingerprint, taken while it
/// streams past.
pub struct Fingerprinting<R> {
    inner: R,
    fnv: Fnv1a,
}

impl<R> Fingerprinting<R> {
    pub fn new(inner: R) -> Self {
        Fingerprinting {
            inner,
            fnv: Fnv1a::default(),
        }
    }

    /// "fnv1a64:" and 16 hex digits, of what has been read so far.
    pub fn version(&self) -> String {
        self.fnv.version()
    }
}

impl<R: std::io::Read> std::io::Read for Fingerprinting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.fnv.add(&buf[..read]);
        Ok(read)
    }
}

/// Reads `source` up to its first line with something on it (a feed's header, a JSON
/// document's start), a byte order mark left out: the bytes read and where that line
/// starts; `None` when no line has anything on it.
pub fn read_head(source: &mut impl std::io::BufRead) -> std::io::Result<Option<(Vec<u8>, usize)>> {
    let mut head = Vec::new();
    loop {
        let start = head.len();
        if source.read_until(b'\n', &mut head)? == 0 {
            return Ok(None);
        }
        if start == 0 && head.starts_with(b"\xEF\xBB\xBF") {
            head.drain(..3);
        }
        if !head[start..].iter().all(u8::is_ascii_whitespace) {
            return Ok(Some((head, start)));
        }
    }
}

/// Read in place from its source's buffer, no buffer of its own: what is consumed is
/// fingerprinted. A feed is read through this, not through a second copy of it.
impl<R: std::io::BufRead> std::io::BufRead for Fingerprinting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        // What was filled is there until consumed: filling again reads nothing.
        if amount > 0 {
            if let Ok(filled) = self.inner.fill_buf() {
                self.fnv.add(&filled[..amount]);
            }
        }
        self.inner.consume(amount);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn whole_numbers_are_ascii_digits_alone() {
        assert_eq!(whole_number("0"), Some(0));
        assert_eq!(whole_number("007"), Some(7));
        assert_eq!(whole_number("18446744073709551615"), Some(u64::MAX));
        for not_one in [
            "",
            "+5",
            "-5",
            " 5",
            "5 ",
            "1.5",
            "1e3",
            "٣",
            "18446744073709551616",
        ] {
            assert_eq!(whole_number(not_one), None, "{not_one:?}");
        }
    }

    #[test]
    fn places_of_a_needle_are_found_from_either_end() {
        let text = "{\"code\": \"AB\", \"रुपया\": \"AB\", \"aaa\": 1}";
        let places: Vec<usize> = places_of(text, "\"AB\"").collect();
        // Byte offsets, as std's own search gives them.
        assert_eq!(
            places,
            [text.find("\"AB\"").unwrap(), text.rfind("\"AB\"").unwrap()]
        );
        assert_eq!(places, [9, 34]);
        assert_eq!(places_of(text, "\"AB\"").next_back(), Some(34));
        // Overlapping places are each a place; absent, empty or too long needles none.
        assert_eq!(places_of("aaa", "aa").collect::<Vec<_>>(), [0, 1]);
        assert_eq!(places_of(text, "\"CD\"").next(), None);
        assert_eq!(places_of(text, "").next(), None);
        assert_eq!(places_of("a", "aa").next(), None);
    }

    #[test]
    fn word_characters_are_unicode_letters_and_digits_and_marks_outside_ascii() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let alphanumeric = c.is_alphanumeric();
            assert!(!alphanumeric || is_word_char(c), "{c:?}");
            if c.is_ascii() {
                assert_eq!(is_word_char(c), alphanumeric, "{c:?}");
            }
        }
        assert!(
            is_word_char('\u{93e}') && is_word_char('\u{94d}'),
            "Devanagari's ा and ्"
        );
        assert!(
            !is_word_char('।') && !is_word_char('\u{3000}'),
            "a danda, an ideographic space"
        );
    }

    #[test]
    fn lower_case_is_unicode_lower_case_in_the_scripts_it_covers() {
        let covered = [
            0x20..=0x24f,
            0x370..=0x3ff,
            0x400..=0x52f,
            0x531..=0x556,
            0x10a0..=0x10ff,
            0x1c90..=0x1cbf,
            0x1e00..=0x1eff,
            0x2126..=0x212b,
            0x2160..=0x217f,
            0x24b6..=0x24e9,
            0xa640..=0xa69f,
            0xff01..=0xff5e,
        ];
        let mut checked = 0;
        for c in covered.into_iter().flatten().filter_map(char::from_u32) {
            let mut unicode = c.to_lowercase();
            let (first, more) = (unicode.next().unwrap(), unicode.next());
            if c == 'İ' {
                // Unicode's "i̇" (i and a combining dot): the dot would part a Turkish word.
                assert_eq!((lower(c), first, more), ('i', 'i', Some('\u{307}')));
            } else {
                assert_eq!(lower(c), first, "{c:?} U+{:04X}", u32::from(c));
                checked += 1;
            }
        }
        assert_eq!(
            checked, 1_725,
            "every character of the covered blocks but İ"
        );
        assert_eq!(
            lowercase("ÀÉÎÕÜ ŁÓDŹ ƯU ĐÃI ȘȚ ΑΘΗΝΑ МОСКВА ԵՐԵՎԱՆ ẞ ＡＢＣ"),
            "àéîõü łódź ưu đãi șț αθηνα москва երեվան ß ａｂｃ"
        );
        // Scripts without case are themselves.
        assert_eq!(lowercase("आटा ५ किलो 日本"), "आटा ५ किलो 日本");
    }

    #[test]
    fn summaries_end_on_a_whole_word() {
        assert_eq!(summary("Short enough.", 20), "Short enough.");
        assert_eq!(
            summary("Whole wheat atta, stone ground, from Madhya Pradesh.", 30),
            "Whole wheat atta, stone ground…"
        );
        assert_eq!(
            summary("Whole wheat atta, stone ground", 28),
            "Whole wheat atta, stone…"
        );
        assert_eq!(summary("आशीर्वाद आटा पूरा गेहूँ", 12), "आशीर्वाद आटा…");
        assert_eq!(summary("Unbroken", 4), "Unbr…");
    }

    #[test]
    fn control_characters_are_found_and_shown_as_escapes() {
        assert_eq!(control_character("Priya Sharma", false), None);
        assert_eq!(control_character("प्रिया शर्मा", false), None);
        assert_eq!(control_character("Priya\r\n#999", false), Some('\r'));
        assert_eq!(control_character("Ring\nTwice", true), None);
        assert_eq!(control_character("Ring\n\u{1b}[2J", true), Some('\u{1b}'));
        assert_eq!(control_character("\u{9b}2J", false), Some('\u{9b}'));
        assert_eq!(
            visible("Priya\r\n#999 CC-FAKE00 INR 1.00"),
            "Priya\\r\\n#999 CC-FAKE00 INR 1.00"
        );
        assert_eq!(visible("\u{1b}[2J\u{7}\t"), "\\u{1b}[2J\\u{7}\\t");
        assert_eq!(visible("a\u{2028}b\u{202e}c"), "a\\u{2028}b\\u{202e}c");
        assert_eq!(
            visible("C:\\n"),
            "C:\\\\n",
            "a typed backslash is not an escape"
        );
        assert_eq!(visible("प्रिया \"PJ\" O'Neil"), "प्रिया \"PJ\" O'Neil");
    }

    #[test]
    fn fingerprints_do_not_depend_on_how_the_bytes_arrive() {
        let text = b"id,title,price\nA1,Rice,10.00 INR\n";
        let mut whole = Fingerprinting::new(&text[..]);
        std::io::copy(&mut whole, &mut std::io::sink()).unwrap();
        let mut bytewise = Fingerprinting::new(&text[..]);
        let mut byte = [0u8; 1];
        while bytewise.read(&mut byte).unwrap() == 1 {}
        assert_eq!(whole.version(), bytewise.version());
        assert_ne!(whole.version(), Fingerprinting::new(&b""[..]).version());
        assert_eq!(whole.version(), Fnv1a::of(text).version());
    }
}
