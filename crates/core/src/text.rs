//! Text rules shared by search and ids.

/// Punctuation outside ASCII that separates words like a space does.
const WIDE_PUNCTUATION: &[char] = &['।', '“', '”', '‘', '’', '…', '–', '—', '¿', '¡'];

/// Letters and digits and, outside ASCII, combining marks too: Devanagari vowel signs
/// and viramas are marks, not alphanumerics, yet part of the word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && !c.is_whitespace() && !WIDE_PUNCTUATION.contains(&c))
}
