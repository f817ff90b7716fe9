//! The shop's own terms: where it delivers and for how much, the smallest order it takes,
//! and its offers; and what they come to for one cart. The page and the receiver work the
//! same figures out from the same terms, so a tampered fee or discount is found.

use rust_decimal::Decimal;

use crate::checkout::Fulfilment;
use crate::money::{Money, MoneyError, Rounding};
use crate::text::whole_number;

/// A calendar day in the shop's time zone, as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(i64);

impl Day {
    /// "2026-12-31"; `None` for anything else, a 31 February included.
    pub fn parse(text: &str) -> Option<Day> {
        let bytes = text.as_bytes();
        let number = |range: std::ops::Range<usize>| -> Option<i64> {
            i64::try_from(whole_number(text.get(range)?)?).ok()
        };
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let month_days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        (1..=month_days)
            .contains(&day)
            .then(|| Day(days_from_civil(year, month, day)))
    }

    /// The day it is in a time zone `utc_offset_minutes` east of UTC, `unix_seconds` after
    /// 1970-01-01T00:00:00Z.
    pub fn at(unix_seconds: i64, utc_offset_minutes: i32) -> Day {
        Day((unix_seconds + i64::from(utc_offset_minutes) * 60).div_euclid(86_400))
    }
}

/// `unix_seconds` as RFC 3339 UTC to the second: "2026-11-30T15:30:00Z".
pub fn rfc3339_utc(unix_seconds: i64) -> String {
    let (days, rest) = (
        unix_seconds.div_euclid(86_400),
        unix_seconds.rem_euclid(86_400),
    );
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// A date of the proleptic Gregorian calendar from days since 1970-01-01 (the inverse of
/// `days_from_civil`, after Howard Hinnant).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Seconds since 1970-01-01T00:00:00Z of an RFC 3339 time ("2026-11-21T08:50:00.000Z",
/// "2026-11-21T14:20:00+05:30"), as orders carry `created_at`.
pub fn unix_seconds(rfc3339: &str) -> Option<i64> {
    let day = Day::parse(rfc3339.get(..10)?)?;
    let rest = rfc3339.get(10..)?;
    let rest = rest.strip_prefix(['T', 't'])?;
    let field = |text: &str| two_digits(text).map(i64::from);
    let (hour, minute, second) = (
        field(rest.get(0..2)?)?,
        field(rest.get(3..5)?)?,
        field(rest.get(6..8)?)?,
    );
    if rest.get(2..3)? != ":" || rest.get(5..6)? != ":" || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut zone = &rest[8..];
    if let Some(fraction) = zone.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        zone = &fraction[digits..];
    }
    let offset_minutes = match zone {
        "Z" | "z" => 0,
        _ => utc_offset_minutes(zone)?,
    };
    Some(day.0 * 86_400 + hour * 3600 + minute * 60 + second - i64::from(offset_minutes) * 60)
}

/// Minutes east of UTC of an offset like "+05:30": a sign, two digits of hours (at most 14,
/// as the time zones in use), a colon and two digits of minutes. The settings file's
/// `time_zone` and a time's offset (`unix_seconds`) are both read by it.
pub(crate) fn utc_offset_minutes(text: &str) -> Option<i32> {
    let sign = match text.get(..1)? {
        "+" => 1,
        "-" => -1,
        _ => return None,
    };
    if text.len() != 6 || text.get(3..4)? != ":" {
        return None;
    }
    let (hours, minutes) = (two_digits(text.get(1..3)?)?, two_digits(text.get(4..6)?)?);
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 60 + minutes))
}

/// The number written as exactly two ASCII digits ("07"), as a date's and a time's fields are.
fn two_digits(text: &str) -> Option<i32> {
    (text.len() == 2)
        .then(|| whole_number(text))?
        .map(|n| n as i32)
}

/// Where the shop delivers, for how much, and the smallest order it delivers there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    /// "Andheri and Jogeshwari": shown beside the fee.
    pub name: Option<String>,
    /// PIN codes or their beginnings ("4000" is 400001 to 400099); none is everywhere.
    pub pin_codes: Vec<String>,
    pub fee: Money,
    /// Delivery is free when the cart's lines come to this or more.
    pub free_from: Option<Money>,
    pub minimum_order: Option<Money>,
}

impl Zone {
    /// How many characters of the PIN code this zone matches by (0: everywhere), or `None`
    /// when it does not cover it.
    fn covers(&self, postal_code: &str) -> Option<usize> {
        if self.pin_codes.is_empty() {
            return Some(0);
        }
        self.pin_codes
            .iter()
            .filter(|prefix| postal_code.starts_with(prefix.as_str()))
            .map(String::len)
            .max()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reduction {
    /// `percent` off the lines, at most `up_to`.
    Percent {
        percent: Decimal,
        up_to: Option<Money>,
    },
    /// A fixed amount off, never more than the lines.
    Amount(Money),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    /// The code a shopper types, kept in capitals; `None` applies by itself.
    pub code: Option<String>,
    pub reduction: Reduction,
    /// The lines must come to this or more.
    pub minimum_cart: Option<Money>,
    /// First and last day it runs, both included, as written ("2026-12-31").
    pub from: Option<(Day, String)>,
    pub until: Option<(Day, String)>,
}

impl Offer {
    /// What it takes off `subtotal` on `today`, or why it does not apply.
    fn apply(
        &self,
        subtotal: &Money,
        today: Day,
        rounding: Rounding,
    ) -> Result<Result<Money, OfferRefusal>, MoneyError> {
        if let Some((first, text)) = &self.from {
            if today < *first {
                return Ok(Err(OfferRefusal::NotYet(text.clone())));
            }
        }
        if let Some((last, text)) = &self.until {
            if today > *last {
                return Ok(Err(OfferRefusal::Ended(text.clone())));
            }
        }
        if let Some(minimum) = &self.minimum_cart {
            if subtotal < minimum {
                return Ok(Err(OfferRefusal::NeedsMore {
                    minimum: *minimum,
                    more: minimum.less(subtotal)?,
                }));
            }
        }
        let off = match &self.reduction {
            Reduction::Percent { percent, up_to } => {
                let off = subtotal.scaled(*percent, Decimal::ONE_HUNDRED, rounding)?;
                match up_to {
                    Some(cap) if off > *cap => *cap,
                    _ => off,
                }
            }
            Reduction::Amount(amount) if amount > subtotal => *subtotal,
            Reduction::Amount(amount) => *amount,
        };
        Ok(Ok(off))
    }
}

/// Why an offer code the shopper applied takes nothing off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OfferRefusal {
    /// The shop has no offer with this code.
    Unknown,
    /// It starts on this day.
    NotYet(String),
    /// Its last day was this one.
    Ended(String),
    /// The lines must come to `minimum`: `more` is missing.
    NeedsMore { minimum: Money, more: Money },
    /// An offer that applies by itself takes more off; that one is given.
    Outdone,
}

/// The terms a shop sets in its settings file; none by default (delivery free everywhere,
/// no minimum, no offers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    /// Where delivery goes; none is everywhere, free.
    pub zones: Vec<Zone>,
    pub pickup_minimum: Option<Money>,
    pub offers: Vec<Offer>,
    /// The shop's time zone, minutes east of UTC: when an offer's days begin and end.
    pub utc_offset_minutes: i32,
}

/// India's time zone, the default for offers' days.
pub const IST_MINUTES: i32 = 5 * 60 + 30;

impl Default for Terms {
    fn default() -> Self {
        Terms {
            zones: Vec::new(),
            pickup_minimum: None,
            offers: Vec::new(),
            utc_offset_minutes: IST_MINUTES,
        }
    }
}

/// How the order is received, as far as the shopper has said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Destination<'a> {
    pub fulfilment: Fulfilment,
    /// The PIN code or postcode of the address; `None` while the shopper has not typed a
    /// whole one yet: the cart then quotes the first zone.
    pub postal_code: Option<&'a str>,
}

/// What delivery costs this cart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryCharge {
    /// Picked up at the shop.
    Pickup,
    /// `fee` to this zone; `free_from` and what is missing to reach it, when it could
    /// still be free.
    Fee {
        zone: Option<String>,
        fee: Money,
        free_from: Option<(Money, Money)>,
    },
    /// Free to this zone (`reached`: because the cart came to its threshold).
    Free { zone: Option<String>, reached: bool },
    /// No zone covers this PIN code.
    NotDelivered(String),
}

impl DeliveryCharge {
    pub fn amount(&self, zero: Money) -> Money {
        match self {
            DeliveryCharge::Fee { fee, .. } => *fee,
            _ => zero,
        }
    }
}

/// The discount given, and the offer it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discount {
    pub amount: Money,
    /// The code, or `None` for an offer that applies by itself.
    pub code: Option<String>,
}

/// A cart's figures under the shop's terms. total = subtotal + delivery − discount, never
/// below zero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charges {
    pub subtotal: Money,
    pub delivery: DeliveryCharge,
    pub discount: Option<Discount>,
    /// How the shopper's code fared, when one was applied.
    pub code_refused: Option<(String, OfferRefusal)>,
    /// The minimum order here, and what is missing to reach it.
    pub short_of_minimum: Option<(Money, Money)>,
    pub total: Money,
}

impl Charges {
    pub fn delivery_amount(&self) -> Money {
        self.delivery.amount(Money::zero(self.subtotal.currency()))
    }

    pub fn discount_amount(&self) -> Money {
        self.discount
            .as_ref()
            .map_or(Money::zero(self.subtotal.currency()), |d| d.amount)
    }
}

/// An offer code as the shopper typed it, as offers keep it: trimmed, in capitals.
pub fn offer_code(typed: &str) -> String {
    typed.trim().to_ascii_uppercase()
}

impl Terms {
    /// The zone delivering to `postal_code`: the one whose PIN code beginning matches the
    /// most digits (an everywhere zone matches none); before a PIN code is typed, the first.
    /// `None`: no zone delivers there; `Some(None)`: the shop has no zones.
    fn zone_for(&self, postal_code: Option<&str>) -> Option<Option<&Zone>> {
        if self.zones.is_empty() {
            return Some(None);
        }
        let Some(postal_code) = postal_code else {
            return Some(self.zones.first());
        };
        // Zones hold codes without spaces or dashes, in capitals ("SW1A", "400053"); an
        // empty code is covered only by a zone that covers everywhere.
        let postal_code: String = postal_code
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let mut best: Option<(usize, &Zone)> = None;
        for zone in &self.zones {
            if let Some(length) = zone.covers(&postal_code) {
                if best.is_none_or(|(longest, _)| length > longest) {
                    best = Some((length, zone));
                }
            }
        }
        best.map(|(_, zone)| Some(zone))
    }

    /// Whether delivery reaches `postal_code`.
    pub fn delivers_to(&self, postal_code: &str) -> bool {
        self.zone_for(Some(postal_code)).is_some()
    }

    /// Whether an address must give its postcode: some zones but none that covers
    /// everywhere.
    pub fn needs_postal_code(&self) -> bool {
        !self.zones.is_empty() && self.zones.iter().all(|zone| !zone.pin_codes.is_empty())
    }

    /// The smallest order any of `fulfilments` takes (delivery to some zone, or pickup);
    /// `None` when one takes any order. A cart below it cannot be ordered however it is
    /// received.
    pub fn lowest_minimum(&self, fulfilments: &[Fulfilment]) -> Option<Money> {
        let mut lowest: Option<Money> = None;
        for fulfilment in fulfilments {
            let minimums: Vec<Option<Money>> = match fulfilment {
                Fulfilment::Pickup => vec![self.pickup_minimum],
                Fulfilment::Delivery if self.zones.is_empty() => vec![None],
                Fulfilment::Delivery => self.zones.iter().map(|z| z.minimum_order).collect(),
            };
            for minimum in minimums {
                let minimum = minimum?;
                if lowest.is_none_or(|l| minimum < l) {
                    lowest = Some(minimum);
                }
            }
        }
        lowest
    }

    /// What `subtotal` comes to with delivery to `destination`, the best offer that
    /// applies (the shopper's `code`, or one that applies by itself), on `today`. Fees and
    /// discounts are rounded by `rounding`.
    pub fn charges(
        &self,
        subtotal: Money,
        destination: Destination,
        code: Option<&str>,
        today: Day,
        rounding: Rounding,
    ) -> Result<Charges, MoneyError> {
        let zero = Money::zero(subtotal.currency());
        let (delivery, minimum) = match destination.fulfilment {
            Fulfilment::Pickup => (DeliveryCharge::Pickup, self.pickup_minimum),
            Fulfilment::Delivery => match self.zone_for(destination.postal_code) {
                None => (
                    DeliveryCharge::NotDelivered(
                        destination
                            .postal_code
                            .unwrap_or_default()
                            .trim()
                            .to_owned(),
                    ),
                    None,
                ),
                Some(None) => (
                    DeliveryCharge::Free {
                        zone: None,
                        reached: false,
                    },
                    None,
                ),
                Some(Some(zone)) => (zone_charge(zone, &subtotal)?, zone.minimum_order),
            },
        };

        let mut best: Option<Discount> = None;
        let mut refused = None;
        let code = code.map(offer_code).filter(|c| !c.is_empty());
        for offer in &self.offers {
            let chosen = match (&offer.code, &code) {
                (None, _) => true,
                (Some(own), Some(typed)) => own == typed,
                (Some(_), None) => false,
            };
            if !chosen {
                continue;
            }
            match offer.apply(&subtotal, today, rounding)? {
                Ok(amount) => {
                    // On a tie the shopper's own code is the one given.
                    let better = best.as_ref().is_none_or(|b| {
                        amount > b.amount || (amount == b.amount && offer.code.is_some())
                    });
                    if better {
                        best = Some(Discount {
                            amount,
                            code: offer.code.clone(),
                        });
                    }
                }
                Err(refusal) if offer.code.is_some() => refused = Some(refusal),
                Err(_) => {}
            }
        }
        if let Some(typed) = &code {
            let known = self.offers.iter().any(|o| o.code.as_ref() == Some(typed));
            let given = best
                .as_ref()
                .is_some_and(|b| b.code.as_ref() == Some(typed));
            refused = match refused {
                _ if !known => Some(OfferRefusal::Unknown),
                Some(refusal) => Some(refusal),
                None if !given => Some(OfferRefusal::Outdone),
                None => None,
            };
        }
        let code_refused = code.zip(refused);
        let best = best.filter(|d| !d.amount.is_zero());

        let short_of_minimum = match minimum {
            Some(minimum) if subtotal < minimum => Some((minimum, minimum.less(&subtotal)?)),
            _ => None,
        };
        let total = subtotal
            .checked_add(&delivery.amount(zero))?
            .less(&best.as_ref().map_or(zero, |d| d.amount))?;
        Ok(Charges {
            subtotal,
            delivery,
            discount: best,
            code_refused,
            short_of_minimum,
            total,
        })
    }
}

fn zone_charge(zone: &Zone, subtotal: &Money) -> Result<DeliveryCharge, MoneyError> {
    let name = zone.name.clone();
    Ok(match &zone.free_from {
        _ if zone.fee.is_zero() => DeliveryCharge::Free {
            zone: name,
            reached: false,
        },
        Some(threshold) if subtotal >= threshold => DeliveryCharge::Free {
            zone: name,
            reached: true,
        },
        free_from => DeliveryCharge::Fee {
            zone: name,
            fee: zone.fee,
            free_from: match free_from {
                Some(threshold) => Some((*threshold, threshold.less(subtotal)?)),
                None => None,
            },
        },
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn times_are_written_as_they_are_read() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(1_796_052_645), "2026-11-30T15:30:45Z");
        for seconds in [-86_401, 0, 951_782_399, 1_796_052_645, 4_102_444_800] {
            assert_eq!(unix_seconds(&rfc3339_utc(seconds)), Some(seconds));
        }
    }
    use crate::money::Currency;

    fn inr(text: &str) -> Money {
        Money::parse(text, Currency::from_code("INR").unwrap()).unwrap()
    }

    /// The demo store's terms: ₹30 delivery, free from ₹499, minimum ₹100; WELCOME10 is
    /// 10 % off, at most ₹70, on ₹500 or more.
    pub(crate) fn demo_terms() -> Terms {
        Terms {
            zones: vec![Zone {
                name: None,
                pin_codes: Vec::new(),
                fee: inr("30"),
                free_from: Some(inr("499")),
                minimum_order: Some(inr("100")),
            }],
            pickup_minimum: Some(inr("100")),
            offers: vec![Offer {
                code: Some("WELCOME10".into()),
                reduction: Reduction::Percent {
                    percent: Decimal::TEN,
                    up_to: Some(inr("70")),
                },
                minimum_cart: Some(inr("500")),
                from: None,
                until: None,
            }],
            utc_offset_minutes: IST_MINUTES,
        }
    }

    fn today() -> Day {
        Day::parse("2026-11-30").unwrap()
    }

    /// Delivered to `pin` ("" before one is typed).
    fn delivered(terms: &Terms, subtotal: &str, pin: &str, code: Option<&str>) -> Charges {
        let destination = Destination {
            fulfilment: Fulfilment::Delivery,
            postal_code: (!pin.is_empty()).then_some(pin),
        };
        terms
            .charges(
                inr(subtotal),
                destination,
                code,
                today(),
                Rounding::HalfEven,
            )
            .unwrap()
    }

    #[test]
    fn days_are_read_and_counted_as_calendars_do() {
        assert_eq!(Day::parse("1970-01-01"), Some(Day(0)));
        assert_eq!(Day::parse("2000-03-01"), Some(Day(11_017)));
        assert_eq!(
            Day::parse("2024-02-29").map(|d| d.0 + 1),
            Day::parse("2024-03-01").map(|d| d.0)
        );
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "2026-01-32",
            "2026/01/01",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
        // 23:00 UTC on 30 November is already 1 December in India.
        let seconds = unix_seconds("2026-11-30T23:00:00Z").unwrap();
        assert_eq!(Day::at(seconds, 0), Day::parse("2026-11-30").unwrap());
        assert_eq!(
            Day::at(seconds, IST_MINUTES),
            Day::parse("2026-12-01").unwrap()
        );
        assert_eq!(
            unix_seconds("2026-12-01T04:30:00+05:30"),
            unix_seconds("2026-11-30T23:00:00.000Z")
        );
        for bad in [
            "2026-11-30",
            "2026-11-30T25:00:00Z",
            "2026-11-30T23:00:00",
            "not a date",
        ] {
            assert_eq!(unix_seconds(bad), None, "{bad}");
        }
    }

    #[test]
    fn delivery_costs_its_fee_until_the_cart_reaches_free_delivery() {
        let terms = demo_terms();
        let small = delivered(&terms, "379", "", None);
        assert_eq!(
            small.delivery,
            DeliveryCharge::Fee {
                zone: None,
                fee: inr("30"),
                free_from: Some((inr("499"), inr("120")))
            }
        );
        assert_eq!(small.total, inr("409"));
        assert_eq!(small.short_of_minimum, None);
        let large = delivered(&terms, "499", "400053", None);
        assert_eq!(
            large.delivery,
            DeliveryCharge::Free {
                zone: None,
                reached: true
            }
        );
        assert_eq!(large.total, inr("499"));
        let tiny = delivered(&terms, "60", "", None);
        assert_eq!(tiny.short_of_minimum, Some((inr("100"), inr("40"))));
        let pickup = terms
            .charges(
                inr("60"),
                Destination {
                    fulfilment: Fulfilment::Pickup,
                    postal_code: None,
                },
                None,
                today(),
                Rounding::HalfEven,
            )
            .unwrap();
        assert_eq!(pickup.delivery, DeliveryCharge::Pickup);
        assert_eq!(pickup.total, inr("60"));
        assert_eq!(pickup.short_of_minimum, Some((inr("100"), inr("40"))));
    }

    #[test]
    fn the_most_specific_zone_covering_a_pin_code_charges() {
        let zone = |pins: &[&str], fee: &str| Zone {
            name: Some(format!("zone {fee}")),
            pin_codes: pins.iter().map(|p| p.to_string()).collect(),
            fee: inr(fee),
            free_from: None,
            minimum_order: None,
        };
        let terms = Terms {
            zones: vec![zone(&["400"], "40"), zone(&["40005", "400061"], "20")],
            ..Terms::default()
        };
        let fee = |pin| delivered(&terms, "100", pin, None).delivery_amount();
        assert_eq!(fee("400053"), inr("20"));
        assert_eq!(fee("400061"), inr("20"));
        assert_eq!(fee("400001"), inr("40"));
        assert_eq!(
            fee(""),
            inr("40"),
            "the first zone before a PIN code is typed"
        );
        assert_eq!(
            delivered(&terms, "100", "110001", None).delivery,
            DeliveryCharge::NotDelivered("110001".into())
        );
        assert!(!terms.delivers_to("110001"));
        assert!(Terms::default().delivers_to("110001"));
        assert_eq!(
            delivered(&Terms::default(), "100", "", None).total,
            inr("100")
        );
    }

    #[test]
    fn an_order_without_a_postcode_is_delivered_only_by_a_zone_covering_everywhere() {
        let zone = |pins: &[&str], minimum: &str| Zone {
            name: None,
            pin_codes: pins.iter().map(|p| p.to_string()).collect(),
            fee: inr("5"),
            free_from: None,
            minimum_order: Some(inr(minimum)),
        };
        let only_some = Terms {
            zones: vec![zone(&["1011", "1012"], "300"), zone(&["1013"], "200")],
            pickup_minimum: Some(inr("150")),
            ..Terms::default()
        };
        let charged = |terms: &Terms, pin| {
            let destination = Destination {
                fulfilment: Fulfilment::Delivery,
                postal_code: pin,
            };
            let charges = terms.charges(inr("100"), destination, None, today(), Rounding::HalfEven);
            charges.unwrap().delivery
        };
        for given in ["", "-", " "] {
            assert!(
                matches!(
                    charged(&only_some, Some(given)),
                    DeliveryCharge::NotDelivered(_)
                ),
                "{given:?}"
            );
        }
        assert!(
            matches!(charged(&only_some, None), DeliveryCharge::Fee { .. }),
            "a quote before one is typed"
        );
        assert!(only_some.needs_postal_code());
        let mut with_everywhere = only_some.clone();
        with_everywhere.zones.push(zone(&[], "500"));
        assert!(matches!(
            charged(&with_everywhere, Some("")),
            DeliveryCharge::Fee { .. }
        ));
        assert!(!with_everywhere.needs_postal_code());

        // The smallest order any way of receiving takes: pickup's 150 here.
        let both = [Fulfilment::Delivery, Fulfilment::Pickup];
        assert_eq!(only_some.lowest_minimum(&both), Some(inr("150")));
        assert_eq!(
            only_some.lowest_minimum(&[Fulfilment::Delivery]),
            Some(inr("200"))
        );
        let mut no_minimum_zone = only_some.clone();
        no_minimum_zone.zones[1].minimum_order = None;
        assert_eq!(no_minimum_zone.lowest_minimum(&both), None);
        assert_eq!(Terms::default().lowest_minimum(&both), None);
    }

    #[test]
    fn utc_offsets_are_a_sign_two_digit_hours_and_minutes() {
        assert_eq!(utc_offset_minutes("+05:30"), Some(330));
        assert_eq!(utc_offset_minutes("-03:00"), Some(-180));
        assert_eq!(utc_offset_minutes("+14:00"), Some(840));
        for bad in [
            "05:30", "+5:30", "+05:3", "+0530", "+15:00", "+05:60", "+05:30 ", "±05:30", "+٠٥:30",
            "",
        ] {
            assert_eq!(utc_offset_minutes(bad), None, "{bad:?}");
        }
        // A time's offset is read the same way.
        assert_eq!(
            unix_seconds("2026-11-30T23:00:00+05:30"),
            unix_seconds("2026-11-30T17:30:00Z")
        );
        assert_eq!(unix_seconds("2026-11-30T23:00:00+99:99"), None);
    }

    #[test]
    fn welcome10_takes_ten_percent_up_to_seventy_from_five_hundred() {
        let terms = demo_terms();
        let applied = delivered(&terms, "540", "", Some(" welcome10 "));
        assert_eq!(
            applied.discount,
            Some(Discount {
                amount: inr("54"),
                code: Some("WELCOME10".into())
            })
        );
        assert_eq!(applied.code_refused, None);
        assert_eq!(applied.total, inr("486"));
        let capped = delivered(&terms, "1234.50", "", Some("WELCOME10"));
        assert_eq!(capped.discount_amount(), inr("70"));
        assert_eq!(capped.total, inr("1164.50"));
        let short = delivered(&terms, "380", "", Some("WELCOME10"));
        assert_eq!(short.discount, None);
        assert_eq!(
            short.code_refused,
            Some((
                "WELCOME10".into(),
                OfferRefusal::NeedsMore {
                    minimum: inr("500"),
                    more: inr("120")
                }
            ))
        );
        assert_eq!(short.total, inr("410"));
        assert_eq!(
            delivered(&terms, "900", "", Some("FREE100")).code_refused,
            Some(("FREE100".into(), OfferRefusal::Unknown))
        );
    }

    #[test]
    fn percentages_round_by_the_shops_rule_and_flat_offers_stop_at_zero() {
        let mut terms = demo_terms();
        terms.offers[0].reduction = Reduction::Percent {
            percent: Decimal::new(125, 1),
            up_to: None,
        };
        // 12.5 % of 500.20 is 62.525.
        let charges = |rounding| {
            terms
                .charges(
                    inr("500.20"),
                    Destination {
                        fulfilment: Fulfilment::Pickup,
                        postal_code: None,
                    },
                    Some("WELCOME10"),
                    today(),
                    rounding,
                )
                .unwrap()
                .discount_amount()
        };
        assert_eq!(charges(Rounding::HalfEven), inr("62.52"));
        assert_eq!(charges(Rounding::HalfUp), inr("62.53"));
        assert_eq!(charges(Rounding::Down), inr("62.52"));

        let flat = Terms {
            offers: vec![Offer {
                code: None,
                reduction: Reduction::Amount(inr("150")),
                minimum_cart: None,
                from: None,
                until: None,
            }],
            ..Terms::default()
        };
        let all_off = delivered(&flat, "120", "", None);
        assert_eq!(all_off.discount_amount(), inr("120"));
        assert_eq!(all_off.total, inr("0"));
    }

    #[test]
    fn offers_run_between_their_days_and_the_best_one_is_given() {
        let mut terms = demo_terms();
        terms.offers[0].from = Some((Day::parse("2026-12-01").unwrap(), "2026-12-01".into()));
        assert_eq!(
            delivered(&terms, "600", "", Some("WELCOME10")).code_refused,
            Some((
                "WELCOME10".into(),
                OfferRefusal::NotYet("2026-12-01".into())
            ))
        );
        terms.offers[0].from = None;
        terms.offers[0].until = Some((Day::parse("2026-11-29").unwrap(), "2026-11-29".into()));
        assert_eq!(
            delivered(&terms, "600", "", Some("WELCOME10")).code_refused,
            Some(("WELCOME10".into(), OfferRefusal::Ended("2026-11-29".into())))
        );
        terms.offers[0].until = Some((today(), "2026-11-30".into()));
        assert_eq!(
            delivered(&terms, "600", "", Some("WELCOME10")).discount_amount(),
            inr("60")
        );

        terms.offers.push(Offer {
            code: None,
            reduction: Reduction::Amount(inr("75")),
            minimum_cart: Some(inr("550")),
            from: None,
            until: None,
        });
        let outdone = delivered(&terms, "600", "", Some("WELCOME10"));
        assert_eq!(
            outdone.discount,
            Some(Discount {
                amount: inr("75"),
                code: None
            })
        );
        assert_eq!(
            outdone.code_refused,
            Some(("WELCOME10".into(), OfferRefusal::Outdone))
        );
        assert_eq!(delivered(&terms, "500", "", None).discount, None);

        // On a tie the shopper's code is given, whatever the order of the offers.
        terms.offers[1].reduction = Reduction::Amount(inr("60"));
        let tie = delivered(&terms, "600", "", Some("WELCOME10"));
        assert_eq!(tie.discount.unwrap().code.as_deref(), Some("WELCOME10"));
        assert_eq!(tie.code_refused, None);
        terms.offers.reverse();
        let tie = delivered(&terms, "600", "", Some("WELCOME10"));
        assert_eq!(tie.discount.unwrap().code.as_deref(), Some("WELCOME10"));
    }
}
