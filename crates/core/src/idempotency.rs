//! The key that lets a server recognise a retried order: the `Idempotency-Key` header and
//! the order's `idempotency_key`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The longest key a receiver accepts.
pub const MAX_KEY_LENGTH: usize = 255;

/// An idempotency key. The widget makes each one from 128 random bits, written as a
/// version 4 UUID (`from_random`). A server reads whatever key a client chose: 1 to 255
/// printable ASCII characters (space to `~`, what a header value carries), compared
/// exactly. Serialised as the plain string; reading one checks it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdempotencyKey(String);

/// Why a text is not an idempotency key.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IdempotencyKeyError {
    #[error("the key is empty")]
    Empty,
    #[error("the key is {0} characters long; at most 255 are accepted")]
    TooLong(usize),
    /// Named by its code point: a control character written as itself would not show.
    #[error("the key has the character U+{:04X}, which is not printable ASCII", u32::from(*.0))]
    Character(char),
}

impl IdempotencyKey {
    /// 128 random bits written as a version 4 UUID, the usual shape of an `Idempotency-Key`.
    pub fn from_random(mut random: [u8; 16]) -> Self {
        random[6] = (random[6] & 0x0f) | 0x40;
        random[8] = (random[8] & 0x3f) | 0x80;
        let hex: String = random.iter().map(|b| format!("{b:02x}")).collect();
        IdempotencyKey(format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        ))
    }

    /// 1 to 255 printable ASCII characters, taken as they are.
    pub fn parse(text: &str) -> Result<Self, IdempotencyKeyError> {
        if let Some(wrong) = text.chars().find(|c| !matches!(c, ' '..='~')) {
            return Err(IdempotencyKeyError::Character(wrong));
        }
        match text.len() {
            0 => Err(IdempotencyKeyError::Empty),
            n if n > MAX_KEY_LENGTH => Err(IdempotencyKeyError::TooLong(n)),
            _ => Ok(IdempotencyKey(text.to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdempotencyKey({:?})", self.0)
    }
}

impl FromStr for IdempotencyKey {
    type Err = IdempotencyKeyError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        IdempotencyKey::parse(text)
    }
}

impl TryFrom<String> for IdempotencyKey {
    type Error = IdempotencyKeyError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        IdempotencyKey::parse(&text)
    }
}

impl From<IdempotencyKey> for String {
    fn from(key: IdempotencyKey) -> Self {
        key.0
    }
}

impl AsRef<str> for IdempotencyKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for IdempotencyKey {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for IdempotencyKey {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for IdempotencyKey {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_made_here_are_version_4_uuids() {
        assert_eq!(
            IdempotencyKey::from_random([0xff; 16]),
            "ffffffff-ffff-4fff-bfff-ffffffffffff"
        );
        assert_eq!(
            IdempotencyKey::from_random([0; 16]),
            "00000000-0000-4000-8000-000000000000"
        );
    }

    #[test]
    fn keys_round_trip_through_text_and_json() {
        for key in [
            IdempotencyKey::from_random([7; 16]),
            IdempotencyKey::parse("key-1").unwrap(),
            IdempotencyKey::parse(&"k".repeat(255)).unwrap(),
        ] {
            assert_eq!(IdempotencyKey::parse(key.as_str()).as_ref(), Ok(&key));
            let json = serde_json::to_string(&key).unwrap();
            assert_eq!(json, format!("\"{key}\""));
            assert_eq!(serde_json::from_str::<IdempotencyKey>(&json).unwrap(), key);
        }
    }

    #[test]
    fn empty_long_and_unprintable_keys_are_refused() {
        assert_eq!(IdempotencyKey::parse(""), Err(IdempotencyKeyError::Empty));
        assert_eq!(
            IdempotencyKey::parse(&"k".repeat(256)),
            Err(IdempotencyKeyError::TooLong(256))
        );
        assert_eq!(
            IdempotencyKey::parse("key\n1"),
            Err(IdempotencyKeyError::Character('\n'))
        );
        assert_eq!(
            IdempotencyKey::parse("clé"),
            Err(IdempotencyKeyError::Character('é'))
        );
        assert_eq!(
            IdempotencyKeyError::Character('\n').to_string(),
            "the key has the character U+000A, which is not printable ASCII"
        );
        assert!(serde_json::from_str::<IdempotencyKey>("\"\"").is_err());
    }
}
