//! The order reference a person reads out on the phone: "CC-" and six characters of
//! Crockford's base 32, like CC-7K3P9Q.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::text::CROCKFORD;

const PREFIX: &str = "CC-";
const CODE_LENGTH: usize = 6;

/// "CC-" and six characters of Crockford's base 32 (digits and capitals without I, L, O
/// or U), made from 30 random bits. Serialised as that plain string; reading one checks it.
///
/// Only capitals are accepted: the widget always writes them, and one spelling per order
/// keeps the receiver's look-ups and the merchant's lists exact. Crockford's decoding
/// would read `i`, `l` as 1 and `o` as 0; a reference is copied by machines, not typed,
/// so such letters are refused rather than guessed at.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrderReference([u8; PREFIX.len() + CODE_LENGTH]);

/// Why a text is not an order reference; worded as the receiver words it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("\"{text}\" is not like CC-7K3P9Q")]
pub struct ReferenceError {
    /// The text as given.
    pub text: String,
    pub fault: ReferenceFault,
}

/// What exactly is wrong with a would-be reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceFault {
    /// It does not start with "CC-".
    Prefix,
    /// Not six characters after "CC-" (how many there are).
    Length(usize),
    /// A character outside Crockford's alphabet: lowercase, I, L, O, U, punctuation.
    Character(char),
}

impl OrderReference {
    /// The reference for 30 random bits (the two highest bits of `random` are not used).
    pub fn from_random(random: u32) -> Self {
        let mut bytes = [0; PREFIX.len() + CODE_LENGTH];
        bytes[..PREFIX.len()].copy_from_slice(PREFIX.as_bytes());
        for (i, byte) in bytes[PREFIX.len()..].iter_mut().enumerate() {
            *byte = CROCKFORD[((random >> (i * 5)) & 31) as usize];
        }
        OrderReference(bytes)
    }

    /// Exactly "CC-" and six characters of Crockford's alphabet, in capitals.
    pub fn parse(text: &str) -> Result<Self, ReferenceError> {
        let fail = |fault| ReferenceError {
            text: text.to_owned(),
            fault,
        };
        let code = text
            .strip_prefix(PREFIX)
            .ok_or(fail(ReferenceFault::Prefix))?;
        if let Some(wrong) = code.chars().find(|&c| !is_crockford(c)) {
            return Err(fail(ReferenceFault::Character(wrong)));
        }
        if code.len() != CODE_LENGTH {
            return Err(fail(ReferenceFault::Length(code.len())));
        }
        let mut bytes = [0; PREFIX.len() + CODE_LENGTH];
        bytes.copy_from_slice(text.as_bytes());
        Ok(OrderReference(bytes))
    }

    /// "CC-7K3P9Q".
    pub fn as_str(&self) -> &str {
        // ASCII by construction, so never the empty default.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

fn is_crockford(c: char) -> bool {
    c.is_ascii() && CROCKFORD.contains(&(c as u8))
}

impl fmt::Display for OrderReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for OrderReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OrderReference({:?})", self.as_str())
    }
}

impl FromStr for OrderReference {
    type Err = ReferenceError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        OrderReference::parse(text)
    }
}

impl TryFrom<String> for OrderReference {
    type Error = ReferenceError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        OrderReference::parse(&text)
    }
}

impl From<OrderReference> for String {
    fn from(reference: OrderReference) -> Self {
        reference.as_str().to_owned()
    }
}

impl AsRef<str> for OrderReference {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for OrderReference {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for OrderReference {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for OrderReference {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_round_trip_through_text_and_json() {
        for random in [0, 1, 0x1234_5678, 0x3fff_ffff, u32::MAX] {
            let reference = OrderReference::from_random(random);
            assert_eq!(OrderReference::parse(reference.as_str()), Ok(reference));
            assert_eq!(reference.to_string().parse(), Ok(reference));
            let json = serde_json::to_string(&reference).unwrap();
            assert_eq!(json, format!("\"{reference}\""));
            assert_eq!(
                serde_json::from_str::<OrderReference>(&json).unwrap(),
                reference
            );
        }
        assert_eq!(OrderReference::from_random(0), "CC-000000");
        assert_eq!(OrderReference::from_random(u32::MAX), "CC-ZZZZZZ");
    }

    #[test]
    fn letters_crockford_leaves_out_are_refused() {
        for letter in ['I', 'L', 'O', 'U'] {
            let text = format!("CC-7K3P9{letter}");
            assert_eq!(
                OrderReference::parse(&text),
                Err(ReferenceError {
                    text: text.clone(),
                    fault: ReferenceFault::Character(letter)
                }),
                "{text}"
            );
        }
        assert_eq!(
            OrderReference::parse("CC-7k3p9q").unwrap_err().fault,
            ReferenceFault::Character('k'),
            "lowercase"
        );
        assert!(serde_json::from_str::<OrderReference>("\"CC-7K3P9I\"").is_err());
    }

    #[test]
    fn wrong_lengths_and_prefixes_are_refused() {
        let fault = |text: &str| OrderReference::parse(text).unwrap_err().fault;
        assert_eq!(fault("CC-7K3P9"), ReferenceFault::Length(5));
        assert_eq!(fault("CC-7K3P9QQ"), ReferenceFault::Length(7));
        assert_eq!(fault("CC-"), ReferenceFault::Length(0));
        assert_eq!(fault(""), ReferenceFault::Prefix);
        assert_eq!(fault("7K3P9Q"), ReferenceFault::Prefix);
        assert_eq!(fault("cc-7K3P9Q"), ReferenceFault::Prefix);
        assert_eq!(fault("XX-7K3P9Q"), ReferenceFault::Prefix);
        assert_eq!(fault(" CC-7K3P9Q"), ReferenceFault::Prefix);
        assert_eq!(fault("CC-7K3P9Q "), ReferenceFault::Character(' '));
        assert_eq!(fault("CC-7K3P9é"), ReferenceFault::Character('é'));
        assert_eq!(
            OrderReference::parse("CC-7K3P9I").unwrap_err().to_string(),
            "\"CC-7K3P9I\" is not like CC-7K3P9Q"
        );
    }
}
