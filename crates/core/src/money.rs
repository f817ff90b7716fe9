//! Exact money: a `rust_decimal` amount always held at its currency's minor units.

use std::fmt;

use rust_decimal::Decimal;
use thiserror::Error;

/// An ISO 4217 currency that has minor units (INR 2, JPY 0, KWD 3): its place in [`ISO_4217`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Currency(u8);

/// ISO 4217's alphabetic codes, each followed by its minor units ("-" for none), in four
/// bytes: the whole table a shop's currency is looked up in, 732 bytes of the download.
const ISO_4217: &str = concat!(
    "AED2AFN2ALL2AMD2XCG2AOA2ARS2AUD2AWG2AZN2BAM2BBD2BDT2BGN2BHD3BIF0BMD2BND2BOB2BOV2BRL2BSD2BTN2BWP2",
    "BYN2BZD2CAD2CDF2CHE2CHF2CHW2CLF4CLP0CNY2COP2COU2CRC2CUC2CUP2CVE2CZK2DJF0DKK2DOP2DZD2EGP2ERN2ETB2",
    "EUR2FJD2FKP2GBP2GEL2GHS2GIP2GMD2GNF0GTQ2GYD2HKD2HNL2HRK2HTG2HUF2IDR2ILS2INR2IQD3IRR2ISK0JMD2JOD3",
    "JPY0KES2KGS2KHR2KMF0KPW2KRW0KWD3KYD2KZT2LAK2LBP2LKR2LRD2LSL2LYD3MAD2MDL2MGA2MKD2MMK2MNT2MOP2MRU2",
    "MUR2MVR2MWK2MXN2MXV2MYR2MZN2NAD2NGN2NIO2NOK2NPR2NZD2OMR3PAB2PEN2PGK2PHP2PKR2PLN2PYG0QAR2RON2RSD2",
    "RUB2RWF0SAR2SBD2SCR2SDG2SEK2SGD2SHP2SLE2SLL2SOS2SRD2SSP2STN2SVC2SYP2SZL2THB2TJS2TMT2TND3TOP2TRY2",
    "TTD2TWD2TZS2UAH2UGX0USD2USN2UYI0UYU2UYW4UZS2VED2VES2VND0VUV0WST2XAD2XAF0XAG-XAU-XBA-XBB-XBC-XBD-",
    "XCD2XDR-XOF0XPD-XPF0XPT-XSU-XTS-XUA-XXX-YER2ZAR2ZMW2ZWL2ZWG2",
);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("\"{0}\" is not an ISO 4217 currency code (for example INR or USD)")]
    UnknownCurrency(String),
    #[error("{0} has no minor unit and cannot be used for prices")]
    NoMinorUnit(&'static str),
    #[error("\"{0}\" is not a price: write digits with an optional decimal point, like 249.50")]
    NotAnAmount(String),
    #[error("\"{amount}\" has more decimals than {currency} allows ({allowed})")]
    TooManyDecimals {
        amount: String,
        currency: &'static str,
        allowed: u32,
    },
    #[error("\"{0}\" is too large")]
    Overflow(String),
    #[error("\"{0}\" is not a price with its currency, like \"249.50 INR\"")]
    MissingCurrency(String),
    #[error("the price is in {found} but the shop sells in {expected}")]
    WrongCurrency {
        found: &'static str,
        expected: &'static str,
    },
    #[error("cannot combine {0} and {1} amounts")]
    CurrencyMismatch(&'static str, &'static str),
    #[error("\"{0}\" is not a rounding rule: use half-even, half-up, half-down, up or down")]
    UnknownRounding(String),
}

impl Currency {
    pub fn from_code(code: &str) -> Result<Self, MoneyError> {
        let code = code.trim().to_ascii_uppercase();
        let place = ISO_4217
            .as_bytes()
            .chunks(4)
            .position(|entry| entry[..3] == *code.as_bytes())
            .ok_or_else(|| MoneyError::UnknownCurrency(code.clone()))?;
        let currency = Currency(place as u8);
        match ISO_4217.as_bytes()[place * 4 + 3] {
            b'-' => Err(MoneyError::NoMinorUnit(currency.code())),
            _ => Ok(currency),
        }
    }

    pub fn code(self) -> &'static str {
        let start = usize::from(self.0) * 4;
        &ISO_4217[start..start + 3]
    }

    /// Digits after the decimal point in this currency's prices.
    pub fn minor_units(self) -> u32 {
        // `from_code` only admits currencies that have a digit here.
        u32::from(ISO_4217.as_bytes()[usize::from(self.0) * 4 + 3] - b'0')
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An amount of one currency, always at exactly that currency's minor units. Its sums,
/// differences, multiples and comparisons are worked out on those minor units (the decimal's
/// digits, its scale being the currency's): rust_decimal's own arithmetic, which aligns
/// scales first, was 3.5 KB of the widget's files with brotli, for amounts whose scales agree.
#[derive(Clone, Copy, Debug)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

/// How an amount with more digits than its currency keeps is brought to minor units: the
/// shop's one rounding policy, chosen by the merchant. Unit prices and percentages off go
/// through it; parsed prices, line totals and sums never need it (they already fit the
/// currency).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Rounding {
    /// Ties go to the even digit (12.345 → 12.34, 12.355 → 12.36): no drift either way
    /// over many amounts.
    #[default]
    HalfEven,
    /// Ties go up (12.345 → 12.35), as most people round by hand.
    HalfUp,
    /// Ties go down (12.345 → 12.34).
    HalfDown,
    /// Any remainder goes up (12.341 → 12.35): the shop never undercharges.
    Up,
    /// Any remainder is dropped (12.349 → 12.34): the shopper never overpays.
    Down,
}

impl Rounding {
    pub const ALL: [Rounding; 5] = [
        Rounding::HalfEven,
        Rounding::HalfUp,
        Rounding::HalfDown,
        Rounding::Up,
        Rounding::Down,
    ];

    /// The name a merchant writes: `data-rounding="half-up"`, `--rounding half-up`.
    pub fn name(self) -> &'static str {
        match self {
            Rounding::HalfEven => "half-even",
            Rounding::HalfUp => "half-up",
            Rounding::HalfDown => "half-down",
            Rounding::Up => "up",
            Rounding::Down => "down",
        }
    }

    pub fn parse(name: &str) -> Result<Self, MoneyError> {
        let wanted = name.trim().to_ascii_lowercase().replace('_', "-");
        Rounding::ALL
            .into_iter()
            .find(|rounding| rounding.name() == wanted)
            .ok_or_else(|| MoneyError::UnknownRounding(name.trim().to_owned()))
    }

    /// `dividend / divisor` in whole units (minor units, for money), by this rule.
    fn divide(self, dividend: u64, divisor: u64) -> u64 {
        let quotient = dividend / divisor;
        let remainder = dividend % divisor;
        // The remainder against what the next whole unit lacks: short of half, half, past it.
        let half = remainder.cmp(&(divisor - remainder));
        let up = remainder > 0
            && match self {
                Rounding::HalfEven => half.is_gt() || (half.is_eq() && quotient % 2 == 1),
                Rounding::HalfUp => half.is_ge(),
                Rounding::HalfDown => half.is_gt(),
                Rounding::Up => true,
                Rounding::Down => false,
            };
        quotient + u64::from(up)
    }
}

impl fmt::Display for Rounding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A decimal written as digits with at most one point between them ("249", "12.5"),
/// exactly, scale included; `None` for anything else, more than 28 decimals, or more than
/// rust_decimal holds (79228162514264337593543950335). Read here rather than by rust_decimal's
/// `FromStr`, which also takes signs, underscores and exponents: its code was 2.4 KB of every
/// shopper's first download.
pub fn plain_decimal(text: &str) -> Option<Decimal> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let has_point = whole.len() < text.len();
    if whole.is_empty() || (has_point && fraction.is_empty()) {
        return None;
    }
    let mut mantissa: i128 = 0;
    for digit in whole.bytes().chain(fraction.bytes()) {
        if !digit.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa
            .checked_mul(10)?
            .checked_add(i128::from(digit - b'0'))?;
    }
    Decimal::try_from_i128_with_scale(mantissa, u32::try_from(fraction.len()).ok()?).ok()
}

/// `amount` × `numerator` / `denominator` in `amount`'s last digit's units, rounded; `None`
/// past `u64`. With each decimal as its digits m over 10 to its scale s:
/// ma / 10^sa × (mn / 10^sn) / (md / 10^sd) = ma × mn × 10^sd / (md × 10^sn), over 10^sa.
fn scaled_minor_units(
    amount: Decimal,
    numerator: Decimal,
    denominator: Decimal,
    rounding: Rounding,
) -> Option<u64> {
    let digits = |decimal: Decimal| u64::try_from(decimal.mantissa()).ok();
    let power = |scale: u32| 10u64.checked_pow(scale);
    let dividend = digits(amount)?
        .checked_mul(digits(numerator)?)?
        .checked_mul(power(denominator.scale())?)?;
    let divisor = digits(denominator)?.checked_mul(power(numerator.scale())?)?;
    (divisor > 0).then(|| rounding.divide(dividend, divisor))
}

impl Money {
    pub fn zero(currency: Currency) -> Self {
        Money {
            amount: Decimal::new(0, currency.minor_units()),
            currency,
        }
    }

    /// `minor` minor units of `currency`; `None` past what rust_decimal holds
    /// (79228162514264337593543950335).
    fn of_minor_units(minor: i128, currency: Currency) -> Option<Self> {
        let amount = Decimal::try_from_i128_with_scale(minor, currency.minor_units()).ok()?;
        Some(Money { amount, currency })
    }

    /// The amount in its currency's minor units: 58400 for 584.00 rupees.
    fn minor(&self) -> i128 {
        self.amount.mantissa()
    }

    /// Parses a non-negative decimal such as "249", "249.5" or "249.50".
    pub fn parse(text: &str, currency: Currency) -> Result<Self, MoneyError> {
        let text = text.trim();
        let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || text.ends_with('.') {
            return Err(MoneyError::NotAnAmount(text.to_owned()));
        }
        if fraction.len() > currency.minor_units() as usize {
            return Err(MoneyError::TooManyDecimals {
                amount: text.to_owned(),
                currency: currency.code(),
                allowed: currency.minor_units(),
            });
        }
        let overflow = || MoneyError::Overflow(text.to_owned());
        let amount = plain_decimal(text).ok_or_else(overflow)?;
        // Fewer decimals than the currency's (checked above): padded with zeros.
        10i128
            .checked_pow(currency.minor_units() - amount.scale())
            .and_then(|padding| amount.mantissa().checked_mul(padding))
            .and_then(|minor| Money::of_minor_units(minor, currency))
            .ok_or_else(overflow)
    }

    /// Parses a feed price, amount then ISO code: "451.00 INR". The currency must be
    /// the shop's.
    pub fn parse_with_currency(text: &str, shop_currency: Currency) -> Result<Self, MoneyError> {
        let mut parts = text.split_whitespace();
        let (Some(amount), Some(code), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(MoneyError::MissingCurrency(text.trim().to_owned()));
        };
        let currency = Currency::from_code(code)?;
        if currency != shop_currency {
            return Err(MoneyError::WrongCurrency {
                found: currency.code(),
                expected: shop_currency.code(),
            });
        }
        Money::parse(amount, currency)
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Price of `quantity` units, a line total; an overflow is an error, never a wrap.
    pub fn times(&self, quantity: u32) -> Result<Self, MoneyError> {
        let overflow = || MoneyError::Overflow(format!("{} x {quantity}", self.amount));
        // Under 2^96 minor units (never negative) times under 2^32: within u128, past which
        // only `i128`'s checked multiply would reach (a routine of its own in the download).
        let product = self.minor() as u128 * u128::from(quantity);
        i128::try_from(product)
            .ok()
            .and_then(|minor| Money::of_minor_units(minor, self.currency))
            .ok_or_else(overflow)
    }

    /// This amount × `numerator` / `denominator`, rounded: a price per kilogram from a
    /// pack's price and size, or a percentage off. Worked out exactly in whole numbers
    /// (rust_decimal's division was 2.4 KB of every first download): the amount's minor units
    /// times the numerator's digits times 10 to the denominator's decimals must stay within
    /// `u64` (18 digits: a unit price from a price of up to 10^13 minor units, a percentage
    /// with two decimals off up to 10^15), and so must the divisor; beyond that, or for a
    /// negative numerator or a zero or negative denominator, it is an overflow.
    pub fn scaled(
        &self,
        numerator: Decimal,
        denominator: Decimal,
        rounding: Rounding,
    ) -> Result<Self, MoneyError> {
        let overflow =
            || MoneyError::Overflow(format!("{} x {numerator} / {denominator}", self.amount));
        scaled_minor_units(self.amount, numerator, denominator, rounding)
            .and_then(|minor| Money::of_minor_units(i128::from(minor), self.currency))
            .ok_or_else(overflow)
    }

    pub fn checked_add(&self, other: &Money) -> Result<Self, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch(
                self.currency.code(),
                other.currency.code(),
            ));
        }
        let overflow = || MoneyError::Overflow(format!("{} + {}", self.amount, other.amount));
        // Within i128: each at most 2^96.
        Money::of_minor_units(self.minor() + other.minor(), self.currency).ok_or_else(overflow)
    }

    /// This amount less `other`, never below zero: what is still needed to reach a
    /// minimum, or a total after its discount.
    pub fn less(&self, other: &Money) -> Result<Self, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch(
                self.currency.code(),
                other.currency.code(),
            ));
        }
        let difference = (self.minor() - other.minor()).max(0);
        Ok(Money {
            // At most this amount's minor units, so within what a decimal holds.
            amount: Decimal::from_i128_with_scale(difference, self.currency.minor_units()),
            currency: self.currency,
        })
    }

    pub fn is_zero(&self) -> bool {
        self.minor() == 0
    }

    /// The exact amount with all minor digits, e.g. "584.00": what `Intl` formats
    /// and what tests and order JSON carry.
    pub fn amount_string(&self) -> String {
        self.amount.to_string()
    }

    /// Plain formatting for places without `Intl` (native tools, tests): "INR 584.00".
    pub fn plain(&self) -> String {
        format!("{} {}", self.currency.code(), self.amount_string())
    }
}

/// How a locale writes rupees and euros, where the widget knows it: English (no region,
/// India, the US or the UK), Hindi and Dutch, as Chromium's `Intl.NumberFormat` writes them
/// ("₹1,23,456.50" in en-IN, "€\u{a0}1.234,50" in nl). The widget's `MoneyFormat` uses it to
/// spare a page `Intl`'s first use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MoneyWriting {
    group: char,
    point: char,
    /// Digits between groups past the thousands: 2 in India (1,23,45,678).
    step: usize,
    /// What stands between the symbol and the number.
    gap: &'static str,
}

const WESTERN: MoneyWriting = MoneyWriting {
    group: ',',
    point: '.',
    step: 3,
    gap: "",
};
const INDIAN: MoneyWriting = MoneyWriting { step: 2, ..WESTERN };
const DUTCH: MoneyWriting = MoneyWriting {
    group: '.',
    point: ',',
    step: 3,
    gap: "\u{a0}",
};

/// The locales whose writing is known, whole tags: "en-IN-u-nu-deva" (Devanagari digits)
/// is left to `Intl`.
pub const WRITTEN_LOCALES: [(&str, MoneyWriting); 8] = [
    ("en", WESTERN),
    ("en-US", WESTERN),
    ("en-GB", WESTERN),
    ("en-IN", INDIAN),
    ("hi", INDIAN),
    ("hi-IN", INDIAN),
    ("nl", DUTCH),
    ("nl-NL", DUTCH),
];

impl MoneyWriting {
    /// How `locale` writes money, if it is known here (in any case: "en-in" too).
    pub fn of(locale: &str) -> Option<Self> {
        WRITTEN_LOCALES
            .iter()
            .find(|(tag, _)| tag.eq_ignore_ascii_case(locale))
            .map(|(_, writing)| *writing)
    }

    /// `money` written this way; `None` for a currency other than rupees and euros.
    pub fn write(self, money: &Money) -> Option<String> {
        let symbol = match money.currency.code() {
            "INR" => "₹",
            "EUR" => "€",
            _ => return None,
        };
        // Money is never negative, and rupees and euros have minor units: "1234.50".
        let digits = money.amount_string();
        let (whole, fraction) = digits.split_once('.')?;
        let mut text = String::from(symbol);
        text.push_str(self.gap);
        for (i, digit) in whole.chars().enumerate() {
            let left = whole.len() - i;
            if i > 0 && left >= 3 && (left - 3) % self.step == 0 {
                text.push(self.group);
            }
            text.push(digit);
        }
        text.push(self.point);
        text.push_str(fraction);
        Some(text)
    }
}

impl PartialEq for Money {
    fn eq(&self, other: &Self) -> bool {
        self.currency == other.currency && self.minor() == other.minor()
    }
}

impl Eq for Money {}

impl PartialOrd for Money {
    /// Amounts of different currencies are not comparable.
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        (self.currency == other.currency).then(|| self.minor().cmp(&other.minor()))
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn inr() -> Currency {
        Currency::from_code("INR").unwrap()
    }

    #[test]
    fn currencies_know_their_minor_units() {
        assert_eq!(inr().minor_units(), 2);
        assert_eq!(Currency::from_code("jpy").unwrap().minor_units(), 0);
        assert_eq!(Currency::from_code("KWD").unwrap().minor_units(), 3);
        assert_eq!(
            Currency::from_code("RUPEES"),
            Err(MoneyError::UnknownCurrency("RUPEES".into()))
        );
        assert_eq!(
            Currency::from_code("XAU"),
            Err(MoneyError::NoMinorUnit("XAU"))
        );
        assert_eq!(Currency::from_code("CLF").unwrap().minor_units(), 4);
        assert_eq!(Currency::from_code(" eur ").unwrap().code(), "EUR");
        for short in ["", "IN", "INRX", "NR2"] {
            assert!(Currency::from_code(short).is_err(), "{short}");
        }
    }

    #[test]
    fn every_entry_of_the_table_is_a_code_and_its_minor_units() {
        let entries: Vec<&[u8]> = ISO_4217.as_bytes().chunks(4).collect();
        assert_eq!(entries.len(), 183);
        assert!(entries.len() <= usize::from(u8::MAX));
        for entry in &entries {
            assert_eq!(entry.len(), 4);
            assert!(entry[..3].iter().all(u8::is_ascii_uppercase), "{entry:?}");
            assert!(matches!(entry[3], b'0'..=b'4' | b'-'), "{entry:?}");
            let code = std::str::from_utf8(&entry[..3]).unwrap();
            let found = entries.iter().filter(|e| e[..3] == entry[..3]).count();
            assert_eq!(found, 1, "{code} is listed twice");
            if let Ok(currency) = Currency::from_code(code) {
                assert_eq!(currency.code(), code);
            }
        }
    }

    #[test]
    fn parse_pads_to_minor_units() {
        assert_eq!(
            Money::parse("249", inr()).unwrap().amount_string(),
            "249.00"
        );
        assert_eq!(
            Money::parse("249.5", inr()).unwrap().amount_string(),
            "249.50"
        );
        assert_eq!(
            Money::parse(" 0.05 ", inr()).unwrap().amount_string(),
            "0.05"
        );
        let jpy = Currency::from_code("JPY").unwrap();
        assert_eq!(Money::parse("1200", jpy).unwrap().amount_string(), "1200");
    }

    #[test]
    fn parse_rejects_what_is_not_a_plain_amount() {
        for bad in [
            "", "-5", "+5", "1e3", "15,00", "NaN", "1.", ".5", "1.2.3", "₹10",
        ] {
            assert!(
                matches!(Money::parse(bad, inr()), Err(MoneyError::NotAnAmount(_))),
                "{bad:?} should be rejected"
            );
        }
        assert!(matches!(
            Money::parse("9.999", inr()),
            Err(MoneyError::TooManyDecimals { allowed: 2, .. })
        ));
        assert!(matches!(
            Money::parse("99999999999999999999999999999999", inr()),
            Err(MoneyError::Overflow(_))
        ));
    }

    #[test]
    fn plain_decimals_read_as_rust_decimal_reads_them() {
        for text in [
            "0",
            "7",
            "249",
            "249.5",
            "249.50",
            "0.05",
            "007.10",
            "12.3456789",
            "79228162514264337593543950335",
            "7.9228162514264337593543950335",
            "0.0000000000000000000000000001",
        ] {
            let read = plain_decimal(text).unwrap_or_else(|| panic!("{text:?} not read"));
            let expected = Decimal::from_str(text).unwrap();
            // Equal in value and in scale: "249.50" keeps its two places.
            assert_eq!(
                (read, read.to_string()),
                (expected, expected.to_string()),
                "{text}"
            );
        }
        for text in [
            "",
            ".",
            "1.",
            ".5",
            "1.2.3",
            "-5",
            "+5",
            "1_000",
            "1e3",
            "1E3",
            " 5",
            "5 ",
            "15,00",
            "٣",
            "₹10",
            // One past the largest mantissa; 29 places.
            "79228162514264337593543950336",
            "0.00000000000000000000000000001",
            "1000000000000000000000000000000000000000",
        ] {
            assert_eq!(plain_decimal(text), None, "{text:?}");
        }
    }

    #[test]
    fn feed_prices_carry_their_currency() {
        assert_eq!(
            Money::parse_with_currency("451.00 INR", inr())
                .unwrap()
                .amount_string(),
            "451.00"
        );
        assert_eq!(
            Money::parse_with_currency(" 9.5  inr ", inr())
                .unwrap()
                .amount_string(),
            "9.50"
        );
        let usd = Currency::from_code("USD").unwrap();
        assert_eq!(
            Money::parse_with_currency("9.99 USD", usd).unwrap().plain(),
            "USD 9.99"
        );
        assert_eq!(
            Money::parse_with_currency("9.99 USD", inr()),
            Err(MoneyError::WrongCurrency {
                found: "USD",
                expected: "INR"
            })
        );
        for bad in ["451.00", "INR", "15,00 EUR x", ""] {
            assert!(
                matches!(
                    Money::parse_with_currency(bad, inr()),
                    Err(MoneyError::MissingCurrency(_))
                ),
                "{bad:?}"
            );
        }
        assert!(matches!(
            Money::parse_with_currency("15,00 EUR", Currency::from_code("EUR").unwrap()),
            Err(MoneyError::NotAnAmount(_))
        ));
        assert!(matches!(
            Money::parse_with_currency("1.5 JPY", Currency::from_code("JPY").unwrap()),
            Err(MoneyError::TooManyDecimals { allowed: 0, .. })
        ));
    }

    #[test]
    fn arithmetic_is_exact() {
        let price = Money::parse("0.10", inr()).unwrap();
        let mut total = Money::zero(inr());
        for _ in 0..3 {
            total = total.checked_add(&price).unwrap();
        }
        assert_eq!(total.amount_string(), "0.30");
        assert_eq!(
            Money::parse("123.45", inr())
                .unwrap()
                .times(1000)
                .unwrap()
                .amount_string(),
            "123450.00"
        );
    }

    #[test]
    fn overflow_and_mixed_currencies_are_errors() {
        let huge = Money::parse("79228162514264337593543950", inr()).unwrap();
        assert!(matches!(huge.times(99), Err(MoneyError::Overflow(_))));
        // The largest amount times a quantity near 2^31 is past even i128.
        let jpy = Currency::from_code("JPY").unwrap();
        let largest = Money::parse("79228162514264337593543950335", jpy).unwrap();
        assert!(matches!(
            largest.times(2_147_483_649),
            Err(MoneyError::Overflow(_))
        ));
        assert!(matches!(
            largest.times(u32::MAX),
            Err(MoneyError::Overflow(_))
        ));
        let usd = Money::parse("1", Currency::from_code("USD").unwrap()).unwrap();
        assert_eq!(
            Money::zero(inr()).checked_add(&usd),
            Err(MoneyError::CurrencyMismatch("INR", "USD"))
        );
        assert_eq!(Money::zero(inr()).partial_cmp(&usd), None);
    }

    #[test]
    fn sums_differences_and_comparisons_are_in_minor_units() {
        let money = |text| Money::parse(text, inr()).unwrap();
        let largest = money("792281625142643375935439503.35");
        assert!(matches!(
            largest.checked_add(&money("0.01")),
            Err(MoneyError::Overflow(_))
        ));
        assert_eq!(
            money("792281625142643375935439503.34")
                .checked_add(&money("0.01"))
                .unwrap(),
            largest
        );
        assert_eq!(
            money("249.5").less(&money("49.75")).unwrap(),
            money("199.75")
        );
        assert!(money("49.75").less(&money("249.5")).unwrap().is_zero());
        assert!(money("100") > money("99.99"));
        assert_eq!(money("100.0"), money("100"));
        let jpy = Currency::from_code("JPY").unwrap();
        assert_eq!(
            Money::parse("1200", jpy)
                .unwrap()
                .times(3)
                .unwrap()
                .amount_string(),
            "3600"
        );
    }

    #[test]
    fn each_rounding_rule_rounds_to_the_currency_minor_units() {
        let kwd = Currency::from_code("KWD").unwrap();
        let jpy = Currency::from_code("JPY").unwrap();
        // (a tenth of this amount, currency, half-even, half-up, half-down, up, down)
        let cases = [
            ("123.45", inr(), "12.34", "12.35", "12.34", "12.35", "12.34"),
            ("123.55", inr(), "12.36", "12.36", "12.35", "12.36", "12.35"),
            ("123.41", inr(), "12.34", "12.34", "12.34", "12.35", "12.34"),
            ("123.49", inr(), "12.35", "12.35", "12.35", "12.35", "12.34"),
            ("123", inr(), "12.30", "12.30", "12.30", "12.30", "12.30"),
            ("25", jpy, "2", "3", "2", "3", "2"),
            ("0.125", kwd, "0.012", "0.013", "0.012", "0.013", "0.012"),
        ];
        for (text, currency, even, up, down, away, toward) in cases {
            let amount = Money::parse(text, currency).unwrap();
            let rounded: Vec<String> = Rounding::ALL
                .iter()
                .map(|&r| {
                    amount
                        .scaled(Decimal::ONE, Decimal::TEN, r)
                        .unwrap()
                        .amount_string()
                })
                .collect();
            assert_eq!(rounded, [even, up, down, away, toward], "{text} {currency}");
        }
        // A scale on either side: 12.5 % of 99.99 is 12.49875; a third of 1.00 is 0.333….
        let amount = Money::parse("99.99", inr()).unwrap();
        let off = amount.scaled(Decimal::new(125, 1), Decimal::ONE_HUNDRED, Rounding::HalfUp);
        assert_eq!(off.unwrap().amount_string(), "12.50");
        let third = Money::parse("1", inr()).unwrap().scaled(
            Decimal::new(10, 1),
            Decimal::new(30, 1),
            Rounding::Up,
        );
        assert_eq!(third.unwrap().amount_string(), "0.34");
    }

    #[test]
    fn scaling_past_u64_or_by_nothing_is_an_overflow() {
        // Within the bound: a percentage with two decimals off 10^15 minor units.
        let large = Money::parse("9999999999999.99", inr()).unwrap();
        for rounding in Rounding::ALL {
            let off = large.scaled(Decimal::new(9999, 2), Decimal::ONE_HUNDRED, rounding);
            assert!(off.is_ok(), "{rounding}");
        }
        let amount = Money::parse("99999999999999.99", inr()).unwrap();
        let per_kilogram = amount.scaled(
            Decimal::from(1_000_000),
            Decimal::from(3),
            Rounding::HalfEven,
        );
        assert!(matches!(per_kilogram, Err(MoneyError::Overflow(_))));
        let by_nothing = amount.scaled(Decimal::ONE, Decimal::ZERO, Rounding::HalfEven);
        assert!(matches!(by_nothing, Err(MoneyError::Overflow(_))));
    }

    #[test]
    fn money_is_written_as_the_browsers_intl_writes_it_where_known() {
        // Chromium 156's `Intl.NumberFormat(locale, { style: "currency", currency })`.
        let inr = |amount: &str| Money::parse(amount, inr()).unwrap();
        let eur = |amount: &str| Money::parse(amount, Currency::from_code("EUR").unwrap()).unwrap();
        let written = |money: Money, locale: &str| MoneyWriting::of(locale)?.write(&money);
        for (money, locale, text) in [
            (inr("0.50"), "en-IN", "₹0.50"),
            (inr("1234.5"), "en-IN", "₹1,234.50"),
            (inr("123456.75"), "hi-IN", "₹1,23,456.75"),
            (inr("12345678"), "hi", "₹1,23,45,678.00"),
            (inr("12345678"), "en", "₹12,345,678.00"),
            (inr("123456.75"), "en-us", "₹123,456.75"),
            (eur("999"), "en-GB", "€999.00"),
            (eur("1234.5"), "nl-NL", "€\u{a0}1.234,50"),
            (inr("12345678"), "nl", "₹\u{a0}12.345.678,00"),
        ] {
            assert_eq!(written(money, locale).as_deref(), Some(text), "{locale}");
        }
        for locale in [
            "en-AU",
            "mr-IN",
            "de-DE",
            "en-Latn-IN",
            "en-IN-u-nu-deva",
            "nl-BE",
        ] {
            assert_eq!(written(inr("249"), locale), None, "{locale}");
        }
        let usd = Money::parse("249", Currency::from_code("USD").unwrap()).unwrap();
        assert_eq!(written(usd, "en-IN"), None);
    }

    #[test]
    fn rounding_rules_are_named_as_merchants_write_them() {
        for rounding in Rounding::ALL {
            assert_eq!(Rounding::parse(rounding.name()), Ok(rounding));
        }
        assert_eq!(Rounding::parse(" Half_Up "), Ok(Rounding::HalfUp));
        assert_eq!(Rounding::default(), Rounding::HalfEven);
        let error = Rounding::parse("bankers").unwrap_err();
        assert_eq!(
            error.to_string(),
            "\"bankers\" is not a rounding rule: use half-even, half-up, half-down, up or down"
        );
    }
}
