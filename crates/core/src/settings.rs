//! The shop settings file (`shop.json`), which the page (`data-settings`) and the receiver
//! (`--settings`) both read: what data attributes and receiver flags say, plus delivery
//! zones, minimum orders and offers. Every problem names its line and column.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use crate::handoff::{UpiId, WhatsAppNumber};
use crate::limits::{MAX_QUANTITY_SETTING, POSTAL_CODE_MAX, SLOT_MAX};
use crate::money::{Currency, Money, Rounding};
use crate::terms::{offer_code, Day, Offer, Reduction, Terms, Zone, IST_MINUTES};

/// What the file's `schema` must say.
pub const SETTINGS_SCHEMA: &str = "chatcart-shop/1";

/// What a shop settings file sets; `None` is left to data attributes, flags or defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopSettings {
    pub name: Option<String>,
    pub whatsapp: Option<WhatsAppNumber>,
    pub currency: Option<Currency>,
    pub rounding: Option<Rounding>,
    pub upi: Option<UpiId>,
    pub max_quantity: Option<u32>,
    pub slots: Option<Vec<String>>,
    pub delivery: bool,
    pub pickup: bool,
    pub terms: Terms,
}

/// A problem with the file, at a line and column (both from 1; 0 when the problem is the
/// whole file's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            f.write_str(&self.message)
        } else {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for SettingsError {}

/// Reads a settings file. Amounts are in the file's `currency`, else in `default_currency`
/// (the page's or the receiver's).
pub fn read(text: &str, default_currency: Currency) -> Result<ShopSettings, SettingsError> {
    let file: File = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        // serde_json ends its messages with " at line L column C".
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .to_owned();
        SettingsError {
            line: e.line(),
            column: e.column(),
            message,
        }
    })?;
    let at_value = |quoted: &str, message: String| {
        let (line, column) = position_of(text, quoted);
        SettingsError {
            line,
            column,
            message,
        }
    };
    if file.schema != SETTINGS_SCHEMA {
        return Err(at_value(
            &format!("\"{}\"", file.schema),
            format!(
                "schema is \"{}\"; this version reads \"{SETTINGS_SCHEMA}\"",
                file.schema
            ),
        ));
    }
    let currency = file.currency.map(|c| c.0);
    let in_currency = currency.unwrap_or(default_currency);
    let money = |amount: Option<Amount>, field: &str| -> Result<Option<Money>, SettingsError> {
        amount
            .map(|Amount(text)| {
                Money::parse(&text, in_currency)
                    .map_err(|e| at_value(&format!("\"{text}\""), format!("{field}: {e}")))
            })
            .transpose()
    };

    let (delivery, zones) = match file.delivery {
        Offered::No => (false, Vec::new()),
        Offered::Yes(delivery) => {
            let mut zones = Vec::new();
            for zone in delivery.zones {
                zones.push(Zone {
                    name: zone.name,
                    pin_codes: zone.pin_codes.into_iter().map(|p| p.0).collect(),
                    fee: money(Some(zone.fee), "fee")?.unwrap_or(Money::zero(in_currency)),
                    free_from: money(zone.free_from, "free_from")?,
                    minimum_order: money(zone.minimum_order, "minimum_order")?,
                });
            }
            (true, zones)
        }
    };
    let (pickup, pickup_minimum) = match file.pickup {
        Offered::No => (false, None),
        Offered::Yes(pickup) => (true, money(pickup.minimum_order, "minimum_order")?),
    };
    if !delivery && !pickup {
        return Err(at_value(
            "\"pickup\"",
            "delivery and pickup are both false: a shopper could not receive the order".into(),
        ));
    }
    let mut offers: Vec<Offer> = Vec::new();
    for offer in file.offers {
        let reduction = match offer.reduction {
            RawReduction::Percent { percent, up_to } => Reduction::Percent {
                percent,
                up_to: money(up_to, "up_to")?,
            },
            RawReduction::Amount(amount) => {
                Reduction::Amount(money(Some(amount), "amount_off")?.expect("given"))
            }
        };
        if let Some(code) = &offer.code {
            if offers.iter().any(|o| o.code.as_ref() == Some(code)) {
                return Err(at_value(
                    &format!("\"{code}\""),
                    format!("the offer code {code} is given twice"),
                ));
            }
        }
        offers.push(Offer {
            code: offer.code,
            reduction,
            minimum_cart: money(offer.minimum_cart, "minimum_cart")?,
            from: offer.from.map(|d| d.0),
            until: offer.until.map(|d| d.0),
        });
    }
    Ok(ShopSettings {
        name: file.name.map(|n| n.0),
        whatsapp: file.whatsapp.map(|n| n.0),
        currency,
        rounding: file.rounding.map(|r| r.0),
        upi: file.upi.map(|u| u.0),
        max_quantity: file.max_quantity.map(|q| q.0),
        slots: file
            .slots
            .map(|slots| slots.into_iter().map(|s| s.0).collect()),
        delivery,
        pickup,
        terms: Terms {
            zones,
            pickup_minimum,
            offers,
            utc_offset_minutes: file.time_zone.map_or(IST_MINUTES, |z| z.0),
        },
    })
}

/// Line and column (from 1) where `needle` first appears in `text`; (0, 0) if nowhere.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let Some(at) = text.find(needle) else {
        return (0, 0);
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    schema: String,
    name: Option<Name>,
    whatsapp: Option<Number>,
    currency: Option<CurrencyCode>,
    rounding: Option<RoundingName>,
    upi: Option<Upi>,
    max_quantity: Option<MaxQuantity>,
    slots: Option<Vec<Slot>>,
    time_zone: Option<TimeZone>,
    #[serde(default)]
    delivery: Offered<DeliveryFile>,
    #[serde(default)]
    pickup: Offered<PickupFile>,
    #[serde(default)]
    offers: Vec<OfferFile>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct DeliveryFile {
    #[serde(default)]
    zones: Vec<ZoneFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ZoneFile {
    name: Option<String>,
    #[serde(default)]
    pin_codes: Vec<PinPrefix>,
    fee: Amount,
    free_from: Option<Amount>,
    minimum_order: Option<Amount>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PickupFile {
    minimum_order: Option<Amount>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOffer {
    code: Option<String>,
    percent_off: Option<Percent>,
    up_to: Option<Amount>,
    amount_off: Option<Amount>,
    minimum_cart: Option<Amount>,
    from: Option<Date>,
    until: Option<Date>,
}

/// An offer whose fields fit together: checked as it is read, so problems have a line.
#[derive(Deserialize)]
#[serde(try_from = "RawOffer")]
struct OfferFile {
    code: Option<String>,
    reduction: RawReduction,
    minimum_cart: Option<Amount>,
    from: Option<Date>,
    until: Option<Date>,
}

enum RawReduction {
    Percent {
        percent: Decimal,
        up_to: Option<Amount>,
    },
    Amount(Amount),
}

impl TryFrom<RawOffer> for OfferFile {
    type Error = String;

    fn try_from(raw: RawOffer) -> Result<Self, String> {
        let code = raw.code.map(|c| offer_code(&c));
        let name = code.as_deref().unwrap_or("without a code");
        if let Some(code) = &code {
            let fits = (2..=20).contains(&code.len())
                && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !fits {
                return Err(format!(
                    "offer code \"{code}\": use 2 to 20 letters, digits or dashes"
                ));
            }
        }
        let reduction = match (raw.percent_off, raw.amount_off, raw.up_to) {
            (Some(Percent(percent)), None, up_to) => RawReduction::Percent { percent, up_to },
            (None, Some(amount), None) => RawReduction::Amount(amount),
            (None, Some(_), Some(_)) => {
                return Err(format!(
                    "offer {name}: up_to caps a percent_off; an amount_off is its own cap"
                ))
            }
            (Some(_), Some(_), _) => {
                return Err(format!(
                    "offer {name}: give percent_off or amount_off, not both"
                ))
            }
            (None, None, _) => {
                return Err(format!(
                    "offer {name}: give percent_off (like \"10\") or amount_off (like \"50\")"
                ))
            }
        };
        if let (Some(from), Some(until)) = (&raw.from, &raw.until) {
            if until.0 .0 < from.0 .0 {
                return Err(format!(
                    "offer {name}: until {} is before from {}",
                    until.0 .1, from.0 .1
                ));
            }
        }
        Ok(OfferFile {
            code,
            reduction,
            minimum_cart: raw.minimum_cart,
            from: raw.from,
            until: raw.until,
        })
    }
}

/// `false` (not offered), `true` (offered, with defaults) or the object that says how;
/// offered when absent.
enum Offered<T> {
    No,
    Yes(T),
}

impl<T: Default> Default for Offered<T> {
    fn default() -> Self {
        Offered::Yes(T::default())
    }
}

impl<'de, T: Deserialize<'de> + Default> Deserialize<'de> for Offered<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OfferedVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Default> Visitor<'de> for OfferedVisitor<T> {
            type Value = Offered<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("false, true or an object")
            }
            fn visit_bool<E: de::Error>(self, offered: bool) -> Result<Self::Value, E> {
                Ok(if offered {
                    Offered::Yes(T::default())
                } else {
                    Offered::No
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Offered::Yes)
            }
        }
        deserializer.deserialize_any(OfferedVisitor(std::marker::PhantomData))
    }
}

/// A value read from a JSON string and checked by `FromStr`, so a bad one is reported
/// where it stands.
macro_rules! checked_string {
    ($(#[$doc:meta])* $name:ident($inner:ty), |$text:ident| $parse:expr) => {
        $(#[$doc])*
        struct $name($inner);

        impl FromStr for $name {
            type Err = String;
            fn from_str($text: &str) -> Result<Self, String> {
                $parse.map($name)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(de::Error::custom)
            }
        }
    };
}

checked_string!(
    /// Digits with an optional decimal point, in a string: JSON numbers are not exact.
    Amount(String),
    |text| {
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || text.ends_with('.') {
            Err(format!("\"{text}\" is not an amount: write digits with an optional decimal point, like \"30\" or \"29.50\""))
        } else {
            Ok(text.to_owned())
        }
    }
);
checked_string!(Percent(Decimal), |text| match Decimal::from_str(text) {
    Ok(p) if p > Decimal::ZERO && p <= Decimal::ONE_HUNDRED && !text.starts_with(['+', '-']) =>
        Ok(p),
    _ => Err(format!(
        "percent_off \"{text}\" is not a percentage above 0 and at most 100, like \"10\""
    )),
});
checked_string!(Date((Day, String)), |text| Day::parse(text)
    .map(|day| (day, text.to_owned()))
    .ok_or_else(|| format!("\"{text}\" is not a date like 2026-12-31")));
checked_string!(PinPrefix(String), |text| {
    let code = text.trim().to_ascii_uppercase();
    if (1..=POSTAL_CODE_MAX).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        Ok(code)
    } else {
        Err(format!("pin_codes: \"{text}\" is not a PIN code or its first digits, like \"400053\" or \"4000\""))
    }
});
checked_string!(CurrencyCode(Currency), |text| Currency::from_code(text)
    .map_err(|e| format!("currency: {e}")));
checked_string!(RoundingName(Rounding), |text| Rounding::parse(text)
    .map_err(|e| format!("rounding: {e}")));
checked_string!(Number(WhatsAppNumber), |text| WhatsAppNumber::parse(text)
    .map_err(|e| format!("whatsapp: {e}")));
checked_string!(Upi(UpiId), |text| UpiId::parse(text)
    .map_err(|e| format!("upi: {e}")));
checked_string!(Name(String), |text| match text.trim() {
    "" => Err("name is empty".to_owned()),
    name if name.chars().count() > 80 => Err("name is longer than 80 characters".to_owned()),
    name => Ok(name.to_owned()),
});
checked_string!(Slot(String), |text| match text.trim() {
    "" => Err("slots: a slot is empty".to_owned()),
    slot if slot.chars().count() > SLOT_MAX => Err(format!(
        "slots: \"{slot}\" is longer than {SLOT_MAX} characters"
    )),
    slot => Ok(slot.to_owned()),
});
checked_string!(
    /// "+05:30": minutes east of UTC.
    TimeZone(i32),
    |text| {
        let bad = || format!("time_zone \"{text}\" is not an offset from UTC like \"+05:30\"");
        let (sign, rest) = match text.as_bytes().first() {
            Some(b'+') => (1, &text[1..]),
            Some(b'-') => (-1, &text[1..]),
            _ => return Err(bad()),
        };
        let (hours, minutes) = rest.split_once(':').ok_or_else(bad)?;
        match (hours.len(), minutes.len(), hours.parse::<i32>(), minutes.parse::<i32>()) {
            (2, 2, Ok(h), Ok(m)) if h <= 14 && m < 60 => Ok(sign * (h * 60 + m)),
            _ => Err(bad()),
        }
    }
);

/// `max_quantity`: a whole number in `MAX_QUANTITY_SETTING`.
struct MaxQuantity(u32);

impl<'de> Deserialize<'de> for MaxQuantity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = u64::deserialize(deserializer)?;
        u32::try_from(n)
            .ok()
            .filter(|n| MAX_QUANTITY_SETTING.contains(n))
            .map(MaxQuantity)
            .ok_or_else(|| {
                de::Error::custom(format!(
                    "max_quantity {n} is not from {} to {}",
                    MAX_QUANTITY_SETTING.start(),
                    MAX_QUANTITY_SETTING.end()
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::tests::demo_terms;

    fn inr() -> Currency {
        Currency::from_code("INR").unwrap()
    }

    fn problem(text: &str) -> String {
        read(text, inr()).unwrap_err().to_string()
    }

    #[test]
    fn the_demo_shops_file_gives_the_demo_terms() {
        let text = include_str!("../../../public/demo-shop.json");
        let settings = read(text, inr()).unwrap();
        assert_eq!(settings.terms, demo_terms());
        assert_eq!(settings.currency, Some(inr()));
        assert!(settings.delivery && settings.pickup);
    }

    #[test]
    fn a_file_with_only_its_schema_changes_nothing() {
        let settings = read(r#"{"schema": "chatcart-shop/1"}"#, inr()).unwrap();
        assert_eq!(settings.terms, Terms::default());
        assert_eq!((settings.delivery, settings.pickup), (true, true));
        assert_eq!(settings.name, None);
    }

    #[test]
    fn everything_the_page_and_the_receiver_repeat_is_read() {
        let settings = read(
            r#"{
              "schema": "chatcart-shop/1",
              "name": " Sharma Kirana ",
              "whatsapp": "+91 98765 43210",
              "currency": "inr",
              "rounding": "half-up",
              "upi": "sharmakirana@okaxis",
              "max_quantity": 20,
              "slots": ["8–11 am", "5–8 pm"],
              "time_zone": "+04:00",
              "delivery": {"zones": [{"name": "Andheri", "pin_codes": ["40005", "400061"], "fee": "25", "minimum_order": "150"}]},
              "pickup": false,
              "offers": [{"amount_off": "50", "minimum_cart": "1000", "from": "2026-12-01", "until": "2026-12-31"}]
            }"#,
            Currency::from_code("USD").unwrap(),
        )
        .unwrap();
        assert_eq!(settings.name.as_deref(), Some("Sharma Kirana"));
        assert_eq!(settings.whatsapp.unwrap().digits(), "919876543210");
        assert_eq!(settings.rounding, Some(Rounding::HalfUp));
        assert_eq!(settings.max_quantity, Some(20));
        assert_eq!(settings.slots.unwrap(), ["8–11 am", "5–8 pm"]);
        assert!(settings.delivery && !settings.pickup);
        let terms = settings.terms;
        assert_eq!(terms.utc_offset_minutes, 240);
        assert_eq!(terms.zones[0].pin_codes, ["40005", "400061"]);
        assert_eq!(terms.zones[0].fee.plain(), "INR 25.00");
        assert_eq!(terms.offers[0].code, None);
        assert_eq!(terms.offers[0].until.as_ref().unwrap().1, "2026-12-31");
    }

    #[test]
    fn problems_name_their_line_and_column() {
        assert_eq!(
            problem("{\n  \"schema\": \"chatcart-shop/1\",\n  \"delivery\": {\"zones\": [{\"fee\": \"30.5.0\"}]}\n}"),
            "line 3, column 42: \"30.5.0\" is not an amount: write digits with an optional decimal point, like \"30\" or \"29.50\""
        );
        assert_eq!(
            problem(
                "{\"schema\": \"chatcart-shop/1\",\n \"delivery\": {\"zones\": [{\"fee\": 30}]}}"
            ),
            "line 2, column 34: invalid type: integer `30`, expected a string"
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\",\n\n \"fees\": []}"),
            "line 3, column 7: unknown field `fees`, expected one of `schema`, `name`, `whatsapp`, `currency`, `rounding`, `upi`, `max_quantity`, `slots`, `time_zone`, `delivery`, `pickup`, `offers`"
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\",\n \"delivery\": {\"zones\": [{\"fee\": \"30.005\"}]}}"),
            "line 2, column 33: fee: \"30.005\" has more decimals than INR allows (2)"
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\", \"offers\": [\n {\"code\": \"WELCOME10\"}\n]}"),
            "line 3, column 1: offer WELCOME10: give percent_off (like \"10\") or amount_off (like \"50\")"
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\", \"offers\": [\n {\"code\": \"A1\", \"percent_off\": \"110\"}]}"),
            "line 2, column 37: percent_off \"110\" is not a percentage above 0 and at most 100, like \"10\""
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\", \"offers\": [\n {\"code\": \"A1\", \"amount_off\": \"5\", \"until\": \"2026-02-30\"}]}"),
            "line 2, column 57: \"2026-02-30\" is not a date like 2026-12-31"
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\",\n \"delivery\": false,\n \"pickup\": false}"),
            "line 3, column 2: delivery and pickup are both false: a shopper could not receive the order"
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/2\"}"),
            "line 1, column 12: schema is \"chatcart-shop/2\"; this version reads \"chatcart-shop/1\""
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\", \"delivery\": {\"zones\": [{\"fee\": \"1\", \"pin_codes\": [\"40-05\"]}]}}"),
            "line 1, column 88: pin_codes: \"40-05\" is not a PIN code or its first digits, like \"400053\" or \"4000\""
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\",\n \"offers\": [{\"code\": \"x1\", \"amount_off\": \"5\"},\n {\"code\": \"X1\", \"percent_off\": \"5\"}]}"),
            "line 3, column 11: the offer code X1 is given twice"
        );
        assert!(
            problem("{\"schema\": \"chatcart-shop/1\", \"whatsapp\": \"12\"}")
                .starts_with("line 1, column 47: whatsapp: the shop's WhatsApp number \"12\"")
        );
        assert_eq!(
            problem("{\"schema\": "),
            "line 1, column 11: EOF while parsing a value"
        );
    }
}
