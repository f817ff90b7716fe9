//! The merchant's id for one buyable item (a feed's `id`): what carts, chat replies and
//! orders name.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

/// A retailer id: the merchant's id for one variant, "atta-5kg". Serialised as the plain
/// string, so saved carts, orders and the outbox read as they always have.
///
/// It does not check its text: the product validator (`product::validate`) is the one
/// place that decides what a catalog's id may be (1 to `MAX_ID` characters, trimmed), and
/// an id from elsewhere (a saved cart, an order, the page) is only ever looked up in the
/// catalog, which finds nothing for an id it does not have.
///
/// Held as a `Box<str>`: an id never grows, and a 50,000-variant catalog keeps one per
/// variant, so it carries no spare capacity (a pointer and a length, a word less than a
/// `String`). Look-ups take `&str`; a `RetailerId` derefs to one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RetailerId(Box<str>);

impl RetailerId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RetailerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Deref for RetailerId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for RetailerId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Hashes and orders as its text, so a set of ids can be asked with a `&str`.
impl Borrow<str> for RetailerId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for RetailerId {
    fn from(text: &str) -> Self {
        RetailerId(text.into())
    }
}

impl From<String> for RetailerId {
    fn from(text: String) -> Self {
        RetailerId(text.into_boxed_str())
    }
}

impl From<RetailerId> for String {
    fn from(id: RetailerId) -> Self {
        id.0.into_string()
    }
}

impl PartialEq<str> for RetailerId {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for RetailerId {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for RetailerId {
    fn eq(&self, other: &String) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<RetailerId> for str {
    fn eq(&self, other: &RetailerId) -> bool {
        self == &*other.0
    }
}

impl PartialEq<RetailerId> for &str {
    fn eq(&self, other: &RetailerId) -> bool {
        *self == &*other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::HashSet;

    #[test]
    fn ids_are_plain_strings_in_json() {
        let id = RetailerId::from("atta-5kg");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"atta-5kg\"");
        assert_eq!(
            serde_json::from_str::<RetailerId>("\"atta-5kg\"").unwrap(),
            id
        );
        let lines: Vec<RetailerId> = serde_json::from_str(r#"["a", "", "é x"]"#).unwrap();
        assert_eq!(lines, ["a", "", "é x"]);
        assert!(serde_json::from_str::<RetailerId>("7").is_err());
    }

    #[test]
    fn ids_read_as_their_text() {
        let id = RetailerId::from(String::from("TS-XL-RD"));
        assert_eq!(id, "TS-XL-RD");
        assert_eq!("TS-XL-RD", id);
        assert_eq!(id.to_string(), "TS-XL-RD");
        assert_eq!(format!("{id:?}"), "RetailerId(\"TS-XL-RD\")");
        assert_eq!(id.len(), 8);
        assert_eq!(String::from(id.clone()), "TS-XL-RD");
        // The catalog sorts its ids this way and looks them up by text: the orders agree.
        let mut sorted: Vec<RetailerId> = ["a1", "A9", "A10"].map(RetailerId::from).into();
        sorted.sort();
        assert_eq!(sorted, ["A10", "A9", "a1"]);
        let ids: HashSet<RetailerId> = [id].into();
        assert!(ids.contains("TS-XL-RD"));
    }

    #[test]
    fn an_id_costs_no_more_than_a_string() {
        assert!(std::mem::size_of::<RetailerId>() <= std::mem::size_of::<String>());
        assert_eq!(
            std::mem::size_of::<Option<RetailerId>>(),
            std::mem::size_of::<RetailerId>()
        );
    }
}
