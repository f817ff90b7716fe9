//! The shop settings file (`shop.json`), which the page (`data-settings`) and the receiver
//! (`--settings`) both read: what data attributes and receiver flags say, plus delivery
//! zones, minimum orders and offers. Every problem names its line and column. It is read in
//! two halves, its basics and its terms, so that the widget can read the terms only when a
//! shopper starts an order.

use std::fmt;

use rust_decimal::Decimal;

use crate::checkout::Fulfilment;
use crate::handoff::{UpiId, WhatsAppNumber};
use crate::json::{self, line_and_column, Json, JsonError};
use crate::limits::{MAX_QUANTITY_SETTING, NAME_MAX, POSTAL_CODE_MAX, SLOT_MAX};
use crate::money::{plain_decimal, Currency, Money, Rounding};
use crate::terms::{
    offer_code, utc_offset_minutes, Day, Offer, Reduction, Terms, Zone, IST_MINUTES,
};
use crate::text::places_of;

/// A `percent_off` above 0 and at most 100, with two decimals at most once the zeros that
/// end them are dropped ("12.50" is 12.5): what a shop offers, and what a discount can be
/// worked out from on any cart (`Money::scaled`).
fn percentage(text: &str) -> Option<Decimal> {
    plain_decimal(text)?;
    let significant = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    };
    // Compared in its digits (100 is 10000 at two decimals), not by rust_decimal's comparison,
    // which aligns scales first.
    plain_decimal(significant).filter(|p| {
        p.scale() <= 2 && p.mantissa() > 0 && p.mantissa() <= 100 * 10i128.pow(p.scale())
    })
}

/// What the file's `schema` must say.
pub const SETTINGS_SCHEMA: &str = "chatcart-shop/1";

/// What a shop settings file sets, read whole (the receiver, `chatcart check`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopSettings {
    pub basics: Basics,
    pub terms: Terms,
}

/// What the file says that the page's data attributes and the receiver's flags can say too
/// (`None` is left to them or to defaults): the widget reads it as it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Basics {
    pub name: Option<String>,
    pub whatsapp: Option<WhatsAppNumber>,
    pub currency: Option<Currency>,
    pub rounding: Option<Rounding>,
    pub upi: Option<UpiId>,
    pub max_quantity: Option<u32>,
    pub slots: Option<Vec<String>>,
    /// Delivery, pickup or both; never empty. `None` leaves it to the page's data attributes
    /// or the receiver's flags (both unless one says no).
    pub fulfilments: Option<Vec<Fulfilment>>,
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
    let basics = read_basics(text)?;
    let currency = basics.currency.unwrap_or(default_currency);
    let terms = read_terms(text, currency)?;
    Ok(ShopSettings { basics, terms })
}

/// Reads the file's schema, the names of its fields and its basics.
pub fn read_basics(text: &str) -> Result<Basics, SettingsError> {
    let json = parsed(text)?;
    let file = BasicsFile::read(&json).map_err(|e| placed(text, e))?;
    let at = |value: &str, message: String| at(text, value, message);
    if file.schema != SETTINGS_SCHEMA {
        return Err(at(
            &file.schema,
            format!(
                "schema is \"{}\"; this version reads \"{SETTINGS_SCHEMA}\"",
                file.schema
            ),
        ));
    }
    let currency = match &file.currency {
        Some(code) => {
            Some(Currency::from_code(code).map_err(|e| at(code, format!("currency: {e}")))?)
        }
        None => None,
    };
    let name = file.name.as_deref().map(str::trim);
    if let (Some(written), Some(name)) = (&file.name, name) {
        if name.is_empty() {
            return Err(at(written, "name is empty".into()));
        }
        if name.chars().count() > NAME_MAX {
            return Err(at(
                written,
                format!("name is longer than {NAME_MAX} characters"),
            ));
        }
    }
    let whatsapp = file
        .whatsapp
        .as_deref()
        .map(|n| WhatsAppNumber::parse(n).map_err(|e| at(n, format!("whatsapp: {e}"))))
        .transpose()?;
    let rounding = file
        .rounding
        .as_deref()
        .map(|r| Rounding::parse(r).map_err(|e| at(r, format!("rounding: {e}"))))
        .transpose()?;
    if let Some(n) = file
        .max_quantity
        .filter(|n| !MAX_QUANTITY_SETTING.contains(n))
    {
        return Err(at(
            "max_quantity",
            format!(
                "max_quantity {n} is not from {} to {}",
                MAX_QUANTITY_SETTING.start(),
                MAX_QUANTITY_SETTING.end()
            ),
        ));
    }
    if file.fulfilment.as_ref().is_some_and(Vec::is_empty) {
        return Err(at(
            "fulfilment",
            "fulfilment is empty: a shopper could not receive the order".into(),
        ));
    }
    let upi = file
        .upi
        .as_deref()
        .map(|u| UpiId::parse(u).map_err(|e| at(u, format!("upi: {e}"))))
        .transpose()?;
    let mut slots = None;
    if let Some(given) = &file.slots {
        let mut kept = Vec::new();
        for slot in given {
            match slot.trim() {
                "" => return Err(at(slot, "slots: a slot is empty".into())),
                s if s.chars().count() > SLOT_MAX => {
                    return Err(at(
                        slot,
                        format!("slots: \"{s}\" is longer than {SLOT_MAX} characters"),
                    ))
                }
                s => kept.push(s.to_owned()),
            }
        }
        slots = Some(kept);
    }
    Ok(Basics {
        name: name.map(str::to_owned),
        whatsapp,
        currency,
        rounding,
        upi,
        max_quantity: file.max_quantity,
        slots,
        fulfilments: file.fulfilment,
    })
}

/// Reads the delivery zones, pickup's minimum, offers and time zone of a file whose basics
/// were read (`read_basics`); amounts are in `currency` (the file's, else the page's or the
/// receiver's). The widget reads them only once a shopper starts an order, in its checkout's
/// code, so a first visit downloads no reader for them.
pub fn read_terms(text: &str, currency: Currency) -> Result<Terms, SettingsError> {
    let json = parsed(text)?;
    let file = TermsFile::read(&json).map_err(|e| placed(text, e))?;
    let at = |value: &str, message: String| at(text, value, message);
    let money = |amount: &str, field: &str| -> Result<Money, SettingsError> {
        Money::parse(amount, currency).map_err(|e| at(amount, format!("{field}: {e}")))
    };
    let optional = |amount: &Option<String>, field: &str| {
        amount.as_deref().map(|a| money(a, field)).transpose()
    };
    // What an offer takes off must be something.
    let above_zero = |amount: &str, field: &str| {
        let money = money(amount, field)?;
        if money.is_zero() {
            return Err(at(
                amount,
                format!("{field}: \"{amount}\" takes nothing off; give more than 0"),
            ));
        }
        Ok(money)
    };
    let day = |date: &Option<String>| -> Result<Option<(Day, String)>, SettingsError> {
        date.as_deref()
            .map(|d| {
                Day::parse(d)
                    .map(|day| (day, d.to_owned()))
                    .ok_or_else(|| at(d, format!("\"{d}\" is not a date like 2026-12-31")))
            })
            .transpose()
    };

    let mut zones = Vec::new();
    for zone in &file.zones {
        let mut pin_codes = Vec::new();
        for pin in &zone.pin_codes {
            let code = pin.trim().to_ascii_uppercase();
            let fits = (1..=POSTAL_CODE_MAX).contains(&code.len())
                && code.bytes().all(|b| b.is_ascii_alphanumeric());
            if !fits {
                return Err(at(pin, format!("pin_codes: \"{pin}\" is not a PIN code or its first digits, like \"400053\" or \"4000\"")));
            }
            pin_codes.push(code);
        }
        zones.push(Zone {
            name: zone.name.clone(),
            pin_codes,
            fee: money(&zone.fee, "fee")?,
            free_from: optional(&zone.free_from, "free_from")?,
            minimum_order: optional(&zone.minimum_order, "minimum_order")?,
        });
    }

    let mut offers: Vec<Offer> = Vec::new();
    for offer in &file.offers {
        let code = offer.code.as_deref().map(offer_code);
        let name = code.as_deref().unwrap_or("without a code");
        // Where a whole offer's problem is placed: its code, else its first amount.
        let place = offer
            .code
            .as_deref()
            .or(offer.percent_off.as_deref())
            .or(offer.amount_off.as_deref())
            .unwrap_or("offers");
        if let (Some(typed), Some(code)) = (&offer.code, &code) {
            let fits = (2..=20).contains(&code.len())
                && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if !fits {
                return Err(at(
                    typed,
                    format!("offer code \"{typed}\": use 2 to 20 letters, digits or dashes"),
                ));
            }
            if offers.iter().any(|o| o.code.as_ref() == Some(code)) {
                // Placed at the repeat: the last place the code is written.
                let repeat = places_of(text, &format!("\"{typed}\"")).next_back();
                let message = format!("the offer code {code} is given twice");
                return Err(error_at(text, repeat, message));
            }
        }
        let reduction = match (&offer.percent_off, &offer.amount_off, &offer.up_to) {
            (Some(percent), None, up_to) => Reduction::Percent {
                percent: percentage(percent)
                    .ok_or_else(|| at(percent, format!("percent_off \"{percent}\" is not a percentage above 0 and at most 100 with at most two decimals, like \"10\" or \"12.5\"")))?,
                up_to: up_to.as_deref().map(|a| above_zero(a, "up_to")).transpose()?,
            },
            (None, Some(amount), None) => Reduction::Amount(above_zero(amount, "amount_off")?),
            (None, Some(_), Some(_)) => {
                return Err(at(place, format!("offer {name}: up_to caps a percent_off; an amount_off is its own cap")))
            }
            (Some(_), Some(_), _) => {
                return Err(at(place, format!("offer {name}: give percent_off or amount_off, not both")))
            }
            (None, None, _) => {
                return Err(at(place, format!("offer {name}: give percent_off (like \"10\") or amount_off (like \"50\")")))
            }
        };
        let (from, until) = (day(&offer.from)?, day(&offer.until)?);
        if let (Some((first, first_text)), Some((last, last_text))) = (&from, &until) {
            if last < first {
                return Err(at(
                    last_text,
                    format!("offer {name}: until {last_text} is before from {first_text}"),
                ));
            }
        }
        offers.push(Offer {
            code,
            reduction,
            minimum_cart: optional(&offer.minimum_cart, "minimum_cart")?,
            from,
            until,
        });
    }

    let utc_offset_minutes = match &file.time_zone {
        None => IST_MINUTES,
        Some(zone) => utc_offset_minutes(zone).ok_or_else(|| {
            at(
                zone,
                format!("time_zone \"{zone}\" is not an offset from UTC like \"+05:30\""),
            )
        })?,
    };
    Ok(Terms {
        zones,
        pickup_minimum: optional(&file.pickup_minimum, "minimum_order")?,
        offers,
        utc_offset_minutes,
    })
}

fn parsed(text: &str) -> Result<Json, SettingsError> {
    json::parse(text).map_err(|e| placed(text, e))
}

fn placed(text: &str, e: JsonError) -> SettingsError {
    let (line, column) = line_and_column(text, e.at);
    SettingsError {
        line,
        column,
        message: e.message,
    }
}

/// A problem with what the file holds, placed where `value` is first written.
fn at(text: &str, value: &str, message: String) -> SettingsError {
    error_at(
        text,
        places_of(text, &format!("\"{value}\"")).next(),
        message,
    )
}

/// A problem placed at byte `at` of the file; at line 0, column 0 when it is nowhere.
fn error_at(text: &str, at: Option<usize>, message: String) -> SettingsError {
    let (line, column) = at.map_or((0, 0), |at| line_and_column(text, at));
    SettingsError {
        line,
        column,
        message,
    }
}

/// Every field a file may have.
const FIELDS: &[&str] = &[
    "schema",
    "name",
    "whatsapp",
    "currency",
    "rounding",
    "upi",
    "max_quantity",
    "slots",
    "time_zone",
    "fulfilment",
    "delivery",
    "pickup",
    "offers",
];

/// The file's basics as written: read but not yet checked.
struct BasicsFile {
    schema: String,
    name: Option<String>,
    whatsapp: Option<String>,
    currency: Option<String>,
    rounding: Option<String>,
    upi: Option<String>,
    max_quantity: Option<u32>,
    slots: Option<Vec<String>>,
    /// Delivery, pickup or both (the default).
    fulfilment: Option<Vec<Fulfilment>>,
}

/// The file's terms as written: read but not yet checked.
struct TermsFile {
    time_zone: Option<String>,
    zones: Vec<ZoneFile>,
    pickup_minimum: Option<String>,
    offers: Vec<OfferFile>,
}

struct ZoneFile {
    name: Option<String>,
    pin_codes: Vec<String>,
    fee: String,
    free_from: Option<String>,
    minimum_order: Option<String>,
}

struct OfferFile {
    code: Option<String>,
    percent_off: Option<String>,
    up_to: Option<String>,
    amount_off: Option<String>,
    minimum_cart: Option<String>,
    from: Option<String>,
    until: Option<String>,
}

impl BasicsFile {
    fn read(json: &Json) -> Result<BasicsFile, JsonError> {
        let file = json.fields(FIELDS)?;
        let fulfilment = file.list("fulfilment", |item| {
            let name = item.as_str()?;
            Fulfilment::parse(name).ok_or_else(|| {
                let wanted =
                    format!("unknown fulfilment \"{name}\": write \"delivery\" or \"pickup\"");
                JsonError::new(item.at, wanted)
            })
        })?;
        Ok(BasicsFile {
            schema: file.required_string("schema")?,
            name: file.string("name")?,
            whatsapp: file.string("whatsapp")?,
            currency: file.string("currency")?,
            rounding: file.string("rounding")?,
            upi: file.string("upi")?,
            max_quantity: file.u32("max_quantity")?,
            slots: file.strings("slots")?,
            fulfilment,
        })
    }
}

impl TermsFile {
    fn read(json: &Json) -> Result<TermsFile, JsonError> {
        let file = json.fields(FIELDS)?;
        let zones = file.read("delivery", |delivery| {
            delivery.fields(&["zones"])?.list("zones", ZoneFile::read)
        })?;
        let pickup_minimum = file.read("pickup", |pickup| {
            pickup.fields(&["minimum_order"])?.string("minimum_order")
        })?;
        Ok(TermsFile {
            time_zone: file.string("time_zone")?,
            zones: zones.flatten().unwrap_or_default(),
            pickup_minimum: pickup_minimum.flatten(),
            offers: file.list("offers", OfferFile::read)?.unwrap_or_default(),
        })
    }
}

impl ZoneFile {
    fn read(json: &Json) -> Result<ZoneFile, JsonError> {
        let zone = json.fields(&["name", "pin_codes", "fee", "free_from", "minimum_order"])?;
        Ok(ZoneFile {
            name: zone.string("name")?,
            pin_codes: zone.strings("pin_codes")?.unwrap_or_default(),
            fee: zone.required_string("fee")?,
            free_from: zone.string("free_from")?,
            minimum_order: zone.string("minimum_order")?,
        })
    }
}

impl OfferFile {
    fn read(json: &Json) -> Result<OfferFile, JsonError> {
        let offer = json.fields(&[
            "code",
            "percent_off",
            "up_to",
            "amount_off",
            "minimum_cart",
            "from",
            "until",
        ])?;
        Ok(OfferFile {
            code: offer.string("code")?,
            percent_off: offer.string("percent_off")?,
            up_to: offer.string("up_to")?,
            amount_off: offer.string("amount_off")?,
            minimum_cart: offer.string("minimum_cart")?,
            from: offer.string("from")?,
            until: offer.string("until")?,
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
        assert_eq!(settings.basics.currency, Some(inr()));
        assert_eq!(settings.basics.fulfilments, None);
    }

    #[test]
    fn a_file_with_only_its_schema_changes_nothing() {
        // Saved with a byte order mark, as some editors do, it is the same file.
        let settings = read("\u{feff}{\"schema\": \"chatcart-shop/1\"}", inr()).unwrap();
        assert_eq!(settings.terms, Terms::default());
        assert_eq!(settings.basics.fulfilments, None);
        assert_eq!(settings.basics.name, None);
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
              "fulfilment": ["delivery"],
              "offers": [{"amount_off": "50", "minimum_cart": "1000", "from": "2026-12-01", "until": "2026-12-31"}]
            }"#,
            Currency::from_code("USD").unwrap(),
        )
        .unwrap();
        assert_eq!(settings.basics.name.as_deref(), Some("Sharma Kirana"));
        assert_eq!(settings.basics.whatsapp.unwrap().digits(), "919876543210");
        assert_eq!(settings.basics.rounding, Some(Rounding::HalfUp));
        assert_eq!(settings.basics.max_quantity, Some(20));
        assert_eq!(settings.basics.slots.unwrap(), ["8–11 am", "5–8 pm"]);
        assert_eq!(
            settings.basics.fulfilments,
            Some(vec![Fulfilment::Delivery])
        );
        let terms = settings.terms;
        assert_eq!(terms.utc_offset_minutes, 240);
        assert_eq!(terms.zones[0].pin_codes, ["40005", "400061"]);
        assert_eq!(terms.zones[0].fee.plain(), "INR 25.00");
        assert_eq!(terms.offers[0].code, None);
        assert_eq!(terms.offers[0].until.as_ref().unwrap().1, "2026-12-31");
    }

    #[test]
    fn a_percentage_off_is_read_exactly() {
        let settings = read(
            r#"{"schema": "chatcart-shop/1", "offers": [{"percent_off": "12.5"}, {"percent_off": "100"},
              {"percent_off": "33.33"}, {"percent_off": "12.500000000000000000"}, {"percent_off": "100.00"}]}"#,
            inr(),
        )
        .unwrap();
        let percents: Vec<_> = settings
            .terms
            .offers
            .iter()
            .map(|offer| match &offer.reduction {
                Reduction::Percent { percent, .. } => percent.to_string(),
                Reduction::Amount(amount) => amount.plain(),
            })
            .collect();
        assert_eq!(percents, ["12.5", "100", "33.33", "12.5", "100"]);
    }

    #[test]
    fn problems_name_their_line_and_column() {
        assert_eq!(
            problem("{\n  \"schema\": \"chatcart-shop/1\",\n  \"delivery\": {\"zones\": [{\"fee\": \"30.5.0\"}]}\n}"),
            "line 3, column 34: fee: \"30.5.0\" is not a price: write digits with an optional decimal point, like 249.50"
        );
        assert_eq!(
            problem(
                "{\"schema\": \"chatcart-shop/1\",\n \"delivery\": {\"zones\": [{\"fee\": 30}]}}"
            ),
            "line 2, column 33: delivery: zones: fee: expected a string (in double quotes), found the number 30"
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\",\n\n \"fees\": []}"),
            "line 3, column 2: unknown field `fees`, expected one of `schema`, `name`, `whatsapp`, `currency`, `rounding`, `upi`, `max_quantity`, `slots`, `time_zone`, `fulfilment`, `delivery`, `pickup`, `offers`"
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\",\n \"delivery\": {\"zones\": [{\"fee\": \"30.005\"}]}}"),
            "line 2, column 33: fee: \"30.005\" has more decimals than INR allows (2)"
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\", \"offers\": [\n {\"code\": \"WELCOME10\"}\n]}"),
            "line 2, column 11: offer WELCOME10: give percent_off (like \"10\") or amount_off (like \"50\")"
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\", \"offers\": [\n {\"code\": \"A1\", \"percent_off\": \"110\"}]}"),
            "line 2, column 32: percent_off \"110\" is not a percentage above 0 and at most 100 with at most two decimals, like \"10\" or \"12.5\""
        );
        for written in ["+10", "1e1", ".5", "0", "33.333", "12.345000"] {
            assert_eq!(
                problem(&format!("{{\"schema\": \"chatcart-shop/1\", \"offers\": [\n {{\"code\": \"A1\", \"percent_off\": \"{written}\"}}]}}")),
                format!("line 2, column 32: percent_off \"{written}\" is not a percentage above 0 and at most 100 with at most two decimals, like \"10\" or \"12.5\"")
            );
        }
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\", \"offers\": [\n {\"code\": \"A1\", \"amount_off\": \"5\", \"until\": \"2026-02-30\"}]}"),
            "line 2, column 45: \"2026-02-30\" is not a date like 2026-12-31"
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\",\n \"fulfilment\": []}"),
            "line 2, column 2: fulfilment is empty: a shopper could not receive the order"
        );
        assert_eq!(
            problem(
                "{\"schema\": \"chatcart-shop/1\",\n \"fulfilment\": [\"delivery\", \"courier\"]}"
            ),
            "line 2, column 29: fulfilment: unknown fulfilment \"courier\": write \"delivery\" or \"pickup\""
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/2\"}"),
            "line 1, column 12: schema is \"chatcart-shop/2\"; this version reads \"chatcart-shop/1\""
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\", \"delivery\": {\"zones\": [{\"fee\": \"1\", \"pin_codes\": [\"40-05\"]}]}}"),
            "line 1, column 81: pin_codes: \"40-05\" is not a PIN code or its first digits, like \"400053\" or \"4000\""
        );
        assert_eq!(
            problem("{\"schema\": \"chatcart-shop/1\",\n \"offers\": [{\"code\": \"x1\", \"amount_off\": \"5\"},\n {\"code\": \"X1\", \"percent_off\": \"5\"}]}"),
            "line 3, column 11: the offer code X1 is given twice"
        );
        assert!(
            problem("{\"schema\": \"chatcart-shop/1\", \"whatsapp\": \"12\"}")
                .starts_with("line 1, column 43: whatsapp: the shop's WhatsApp number \"12\"")
        );
        assert_eq!(
            problem("{\"schema\": "),
            "line 1, column 12: the text ends where a value should be"
        );
    }
}
