//! Random tokens and their fingerprints: the per-order status secret a shopper's device
//! holds, the inbox's session tokens and CSRF tokens. Each is 32 bytes from the operating
//! system's generator, written as 64 lowercase hex digits; what the database keeps to find
//! one is its SHA-256, and a token offered is compared with what is kept in constant time.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// 32 random bytes as hex: a secret nobody can guess.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// A new token from the operating system's generator; `Err` only when the system
    /// cannot give randomness, which then refuses the request rather than use weaker bytes.
    pub fn random() -> Result<Token, String> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| format!("no randomness from the system: {e}"))?;
        Ok(Token(hex(&bytes)))
    }

    /// A token as sent back by a client: exactly 64 hex digits (either case), else `None`.
    pub fn parse(text: &str) -> Option<Token> {
        (text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Token(text.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the database keeps: the SHA-256 of the token's text, as hex.
    pub fn fingerprint(&self) -> String {
        sha256_hex(self.0.as_bytes())
    }
}

/// Never printed by accident (a log line, a debug dump).
impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Whether `a` and `b` are the same text, taking as long whatever the first difference.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_64_hex_digits_and_differ() {
        let a = Token::random().unwrap();
        let b = Token::random().unwrap();
        assert_eq!(a.as_str().len(), 64);
        assert!(a.as_str().bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert_eq!(Token::parse(a.as_str()), Some(a.clone()));
        assert_eq!(
            Token::parse(&a.as_str().to_ascii_uppercase()).map(|t| t.fingerprint()),
            Some(a.fingerprint())
        );
        assert_eq!(Token::parse("abc"), None);
        assert_eq!(Token::parse(&"g".repeat(64)), None);
        assert_eq!(format!("{a:?}"), "Token(…)");
    }

    #[test]
    fn fingerprints_are_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
