//! Properties of money, carts and the readers, over generated inputs.

use chatcart_core::cart::Cart;
use chatcart_core::catalog::Catalog;
use chatcart_core::money::{Currency, Money, MoneyError, Rounding};
use proptest::prelude::*;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

/// Currencies with 0, 2 and 3 minor digits.
fn currency() -> impl Strategy<Value = Currency> {
    prop_oneof![Just("JPY"), Just("INR"), Just("USD"), Just("KWD")]
        .prop_map(|code| Currency::from_code(code).unwrap())
}

fn rounding() -> impl Strategy<Value = Rounding> {
    prop::sample::select(Rounding::ALL.to_vec())
}

/// Whether `rounding` takes quotient + remainder / divisor up to quotient + 1: each rule
/// worked out on whole numbers, apart from `Money`'s own.
fn rounds_up(rounding: Rounding, quotient: u128, remainder: u128, divisor: u128) -> bool {
    let twice = 2 * remainder;
    match rounding {
        Rounding::HalfEven => twice > divisor || (twice == divisor && quotient % 2 == 1),
        Rounding::HalfUp => twice >= divisor,
        Rounding::HalfDown => twice > divisor,
        Rounding::Up => remainder > 0,
        Rounding::Down => false,
    }
}

/// An amount in minor units written as the currency writes it: 12345 INR → "123.45".
fn written(minor: u64, currency: Currency) -> String {
    let digits = currency.minor_units() as usize;
    if digits == 0 {
        return minor.to_string();
    }
    let text = format!("{minor:0width$}", width = digits + 1);
    let (whole, fraction) = text.split_at(text.len() - digits);
    format!("{whole}.{fraction}")
}

proptest! {
    #[test]
    fn parse_then_write_gives_back_the_canonical_form(minor in 0u64..10_000_000_000_000, currency in currency()) {
        let text = written(minor, currency);
        let money = Money::parse(&text, currency).unwrap();
        prop_assert_eq!(money.amount_string(), text.clone());
        prop_assert_eq!(Money::parse_with_currency(&format!("{text} {currency}"), currency).unwrap(), money);
    }

    #[test]
    fn every_amount_carries_exactly_the_currency_minor_digits(whole in 0u64..1_000_000, fraction_digits in 0usize..4, currency in currency()) {
        let fraction = "7".repeat(fraction_digits);
        let text = if fraction.is_empty() { whole.to_string() } else { format!("{whole}.{fraction}") };
        match Money::parse(&text, currency) {
            Ok(money) => {
                prop_assert!(fraction_digits <= currency.minor_units() as usize);
                let decimals = money.amount_string().split('.').nth(1).map_or(0, str::len);
                prop_assert_eq!(decimals, currency.minor_units() as usize);
            }
            Err(MoneyError::TooManyDecimals { .. }) => {
                prop_assert!(fraction_digits > currency.minor_units() as usize)
            }
            Err(other) => prop_assert!(false, "unexpected {other}"),
        }
    }

    #[test]
    fn line_totals_sum_exactly_to_the_cart_total(
        lines in prop::collection::vec((1u64..10_000_000, 1u32..=99), 1..30),
        currency in currency(),
    ) {
        let mut total = Money::zero(currency);
        let mut expected_minor: u128 = 0;
        for (price_minor, quantity) in &lines {
            let price = Money::parse(&written(*price_minor, currency), currency).unwrap();
            let line = price.times(*quantity).unwrap();
            prop_assert_eq!(line.amount_string(), written(price_minor * u64::from(*quantity), currency));
            total = total.checked_add(&line).unwrap();
            expected_minor += u128::from(*price_minor) * u128::from(*quantity);
        }
        prop_assert_eq!(total.amount_string(), written(expected_minor as u64, currency));
    }

    #[test]
    fn quantity_times_price_is_exact_or_an_overflow_error(digits in 1usize..29, quantity in 0u32..=u32::MAX, currency in currency()) {
        let minor = "9".repeat(digits);
        let text = match currency.minor_units() as usize {
            0 => minor.clone(),
            n if digits > n => format!("{}.{}", &minor[..digits - n], &minor[digits - n..]),
            _ => return Ok(()),
        };
        let Ok(price) = Money::parse(&text, currency) else { return Ok(()) };
        let exact = minor.parse::<u128>().unwrap().checked_mul(u128::from(quantity));
        match price.times(quantity) {
            Ok(line) => {
                let exact = exact.expect("a product that fits");
                let digits_only: String = line.amount_string().chars().filter(char::is_ascii_digit).collect();
                let exact = exact.to_string();
                prop_assert_eq!(digits_only.trim_start_matches('0'), exact.trim_start_matches('0'));
            }
            Err(error) => prop_assert!(matches!(error, MoneyError::Overflow(_)), "{error}"),
        }
    }

    #[test]
    fn rounding_agrees_with_integer_arithmetic_in_every_currency(
        quotient in 0u64..1_000_000_000,
        extra_digits in 1u32..6,
        remainder_kind in 0u8..5,
        any_remainder in any::<u64>(),
        currency in currency(),
        rounding in rounding(),
    ) {
        // The amount (quotient + remainder / 10^extra) minor units, rounded to minor units
        // on whole numbers. Ties and their neighbours are drawn as often as any remainder.
        let step = 10u64.pow(extra_digits);
        let remainder = match remainder_kind {
            0 => step / 2,
            1 => step / 2 - 1,
            2 => step / 2 + 1,
            3 => 0,
            _ => any_remainder % step,
        };
        // Held as that many minor units, and divided by 10^extra_digits.
        let price = Money::parse(&written(quotient * step + remainder, currency), currency).unwrap();
        let up = rounds_up(rounding, quotient.into(), remainder.into(), step.into());
        let expected = written(quotient + u64::from(up), currency);
        let rounded = price.scaled(Decimal::ONE, Decimal::from(step), rounding).unwrap();
        prop_assert_eq!(rounded.amount_string(), expected);
    }

    #[test]
    fn percentages_off_round_as_whole_number_division_would(
        subtotal_minor in 0u64..10_000_000_000,
        percent_tenths in 1u64..=1000,
        currency in currency(),
        rounding in rounding(),
    ) {
        // 12.5 % of it: subtotal × 125 / 1000 in minor units.
        let (dividend, divisor) = (subtotal_minor * percent_tenths, 1000);
        let (quotient, remainder) = (dividend / divisor, dividend % divisor);
        let up = rounds_up(rounding, quotient.into(), remainder.into(), divisor.into());
        let subtotal = Money::parse(&written(subtotal_minor, currency), currency).unwrap();
        let percent = Decimal::new(percent_tenths as i64, 1);
        let off = subtotal.scaled(percent, Decimal::ONE_HUNDRED, rounding).unwrap();
        prop_assert_eq!(off.amount_string(), written(quotient + u64::from(up), currency));
    }

    #[test]
    fn unit_prices_round_as_whole_number_division_would(
        price_minor in 0u64..10_000_000_000,
        per_kilogram in any::<bool>(),
        pack_thousandths in 1u64..100_000_000,
        currency in currency(),
        rounding in rounding(),
    ) {
        // price × measure / pack in minor units: quotient and remainder on whole numbers.
        let measure: u64 = if per_kilogram { 1_000_000 } else { 1_000 };
        let dividend = u128::from(price_minor) * u128::from(measure);
        let divisor = u128::from(pack_thousandths);
        let (quotient, remainder) = (dividend / divisor, dividend % divisor);
        let up = rounds_up(rounding, quotient, remainder, divisor);
        let expected = written((quotient + u128::from(up)) as u64, currency);
        let price = Money::parse(&written(price_minor, currency), currency).unwrap();
        let unit = price
            .scaled(Decimal::from(measure), Decimal::from(pack_thousandths), rounding)
            .unwrap();
        prop_assert_eq!(unit.amount_string(), expected);
    }

    #[test]
    fn scaling_agrees_with_rust_decimal_s_own_arithmetic(
        amount_minor in 0u64..10_000_000_000,
        numerator in 1i64..10_000_000,
        numerator_scale in 0u32..=4,
        denominator in 1i64..10_000_000,
        denominator_scale in 0u32..=4,
        currency in currency(),
        rounding in rounding(),
    ) {
        // What `scaled` computed with rust_decimal's multiplication, division and rounding,
        // before it worked in whole numbers.
        let amount = Money::parse(&written(amount_minor, currency), currency).unwrap();
        let (numerator, denominator) = (
            Decimal::new(numerator, numerator_scale),
            Decimal::new(denominator, denominator_scale),
        );
        let strategy = match rounding {
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfDown => RoundingStrategy::MidpointTowardZero,
            Rounding::Up => RoundingStrategy::AwayFromZero,
            Rounding::Down => RoundingStrategy::ToZero,
        };
        let exact = Decimal::from_str(&amount.amount_string()).unwrap();
        let expected = exact
            .checked_mul(numerator)
            .and_then(|product| product.checked_div(denominator))
            .map(|quotient| quotient.round_dp_with_strategy(currency.minor_units(), strategy));
        match amount.scaled(numerator, denominator, rounding) {
            Ok(ours) => prop_assert_eq!(Some(Decimal::from_str(&ours.amount_string()).unwrap()), expected),
            Err(error) => {
                // Only past u64: the minor units times the numerator's digits times 10 to the
                // denominator's decimals.
                let dividend = u128::from(amount_minor)
                    * numerator.mantissa() as u128
                    * 10u128.pow(denominator.scale());
                prop_assert!(dividend > u128::from(u64::MAX), "{error}");
            }
        }
    }

    #[test]
    fn the_feed_reader_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = Catalog::from_feed(bytes.as_slice(), Currency::from_code("INR").unwrap());
    }

    #[test]
    fn the_feed_reader_never_panics_on_feed_shaped_text(
        rows in prop::collection::vec(
            prop::collection::vec("[a-z0-9 .,\"\t>\\-:/é\u{0915}\u{094D}]{0,12}", 0..8),
            0..20,
        ),
    ) {
        let mut text = String::from("id,title,price,sale_price,availability,link,image_link,item_group_id,size,product_type\n");
        for row in rows {
            text.push_str(&row.join(","));
            text.push('\n');
        }
        if let Ok((catalog, report)) = Catalog::from_feed(text.as_bytes(), Currency::from_code("INR").unwrap()) {
            prop_assert_eq!(report.loaded + report.skipped, report.rows);
            prop_assert_eq!(catalog.variant_count(), report.loaded);
            for variant in catalog.products.iter().flat_map(|p| &p.variants) {
                for image in &variant.images {
                    let scheme = image.split([':', '/']).next().unwrap_or("").to_ascii_lowercase();
                    prop_assert!(
                        image.starts_with("https://") || !image.starts_with(&format!("{scheme}:")),
                        "an image link with a scheme other than https reached the catalog: {image}"
                    );
                }
            }
        }
    }

    #[test]
    fn loading_and_stored_carts_never_panic(text in "\\PC{0,300}") {
        let _ = Catalog::load(text.as_bytes(), Currency::from_code("INR").unwrap());
        let _ = Cart::from_storage(&text, 99);
    }
}

proptest! {
    /// Whatever the terms, the total is exactly the lines plus delivery less the discount;
    /// the discount never exceeds the lines or its cap, and delivery is the zone's fee or
    /// nothing.
    #[test]
    fn charges_add_up_and_never_go_below_zero(
        currency in currency(),
        rounding in rounding(),
        lines in 0u64..2_000_000,
        fee in 0u64..10_000,
        free_from in prop::option::of(0u64..1_000_000),
        percent in 1u32..=100,
        cap in prop::option::of(0u64..100_000),
        flat in 0u64..3_000_000,
        use_flat in any::<bool>(),
        pickup in any::<bool>(),
    ) {
        use chatcart_core::checkout::Fulfilment;
        use chatcart_core::terms::{Day, Destination, Offer, Reduction, Terms, Zone};
        let money = |minor: u64| Money::parse(&written(minor, currency), currency).unwrap();
        let reduction = if use_flat {
            Reduction::Amount(money(flat))
        } else {
            Reduction::Percent { percent: Decimal::from(percent), up_to: cap.map(money) }
        };
        let terms = Terms {
            zones: vec![Zone {
                name: None,
                pin_codes: Vec::new(),
                fee: money(fee),
                free_from: free_from.map(money),
                minimum_order: None,
            }],
            offers: vec![Offer { code: None, reduction, minimum_cart: None, from: None, until: None }],
            ..Terms::default()
        };
        let fulfilment = if pickup { Fulfilment::Pickup } else { Fulfilment::Delivery };
        let subtotal = money(lines);
        let charges = terms
            .charges(subtotal, Destination { fulfilment, postal_code: None }, None, Day::parse("2026-11-30").unwrap(), rounding)
            .unwrap();
        let (delivery, discount) = (charges.delivery_amount(), charges.discount_amount());
        prop_assert!(delivery == Money::zero(currency) || delivery == money(fee));
        prop_assert!(discount <= subtotal);
        if let (false, Some(cap)) = (use_flat, cap) {
            prop_assert!(discount <= money(cap));
        }
        // Added back, the discount makes the lines and delivery again: nothing clamped away.
        prop_assert_eq!(
            charges.total.checked_add(&discount).unwrap(),
            subtotal.checked_add(&delivery).unwrap()
        );
    }
}
