//! The checkout form: delivery or pickup, an address that fits India and works elsewhere,
//! an optional delivery slot, notes and a payment choice; validated into a `Customer`.

use serde::Deserialize;
use thiserror::Error;

use crate::json;
use crate::limits::{ADDRESS_LINE_MAX, NAME_MAX, NOTES_MAX, PHONE_MAX, PLACE_MAX, POSTAL_CODE_MAX};
use crate::money::Currency;
use crate::text::control_character;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fulfilment {
    #[default]
    Delivery,
    Pickup,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Payment {
    #[default]
    CashOnDelivery,
    Upi,
    /// The merchant sends payment details in the chat.
    InChat,
}

impl Fulfilment {
    pub const ALL: [Fulfilment; 2] = [Fulfilment::Delivery, Fulfilment::Pickup];

    /// Its name in an order, as the receiver's serde reads it, and in a saved form.
    pub fn name(self) -> &'static str {
        match self {
            Fulfilment::Delivery => "delivery",
            Fulfilment::Pickup => "pickup",
        }
    }

    pub fn parse(name: &str) -> Option<Fulfilment> {
        Fulfilment::ALL.into_iter().find(|f| f.name() == name)
    }
}

impl Payment {
    pub const ALL: [Payment; 3] = [Payment::CashOnDelivery, Payment::Upi, Payment::InChat];

    /// Its name in an order, as the receiver's serde reads it, and in a saved form.
    pub fn name(self) -> &'static str {
        match self {
            Payment::CashOnDelivery => "cash_on_delivery",
            Payment::Upi => "upi",
            Payment::InChat => "in_chat",
        }
    }

    pub fn parse(name: &str) -> Option<Payment> {
        Payment::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// What the shopper typed into the checkout form, untouched (kept as a draft between visits).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckoutForm {
    pub fulfilment: Fulfilment,
    pub name: String,
    pub phone: String,
    /// House or flat number and building.
    pub house: String,
    /// Area, street or landmark.
    pub area: String,
    pub city: String,
    /// State or region.
    pub region: String,
    /// PIN code in India, postcode elsewhere.
    pub postal_code: String,
    /// One of the shop's delivery slots, or empty for "any time".
    pub slot: String,
    pub notes: String,
    pub payment: Payment,
    /// The shopper agreed to keep their details on this device for the next order.
    pub remember: bool,
    /// The offer code applied in the cart, in capitals; "" for none.
    pub offer_code: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Phone,
    House,
    Area,
    City,
    Region,
    PostalCode,
    Slot,
    Notes,
    Payment,
}

/// What is wrong with a checkout field; the widget words it in the shopper's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldProblem {
    Missing,
    TooLong {
        max: usize,
    },
    /// Not 7 to 15 digits.
    NotAPhone,
    /// Not a 6-digit Indian PIN code.
    NotAPin,
    /// Not a postcode of 3 to 10 letters, digits, spaces or dashes.
    NotAPostcode,
    /// A slot or payment the shop does not offer.
    NotOffered,
    /// A control character (a tab, an escape, a line break outside the notes): it could
    /// forge or hide text where the order is printed.
    ControlCharacter(char),
}

/// A checkout field with a problem; the widget words it in the shopper's language.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field:?}: {problem:?}")]
pub struct FieldError {
    pub field: Field,
    pub problem: FieldProblem,
}

/// Whether a shop selling in `currency` delivers to Indian addresses (state and PIN code).
pub fn indian_addresses(currency: Currency) -> bool {
    currency.code() == "INR"
}

/// What the shop offers at checkout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutRules {
    /// Delivery, pickup or both; never empty.
    pub fulfilments: Vec<Fulfilment>,
    /// Addresses are Indian: a state and a 6-digit PIN code are required.
    pub india: bool,
    /// The postcode is required elsewhere too: the shop delivers only to some
    /// (`Terms::needs_postal_code`).
    pub postal_code_required: bool,
    pub slots: Vec<String>,
    pub payments: Vec<Payment>,
}

impl CheckoutRules {
    /// How this order is received: the shopper's choice if the shop offers it, else what
    /// the shop does (a draft from before the shop stopped delivering becomes pickup).
    pub fn fulfilment_of(&self, form: &CheckoutForm) -> Fulfilment {
        fulfilment_offered(&self.fulfilments, form)
    }
}

/// `CheckoutRules::fulfilment_of` for a shop offering `fulfilments`.
pub fn fulfilment_offered(fulfilments: &[Fulfilment], form: &CheckoutForm) -> Fulfilment {
    if fulfilments.contains(&form.fulfilment) {
        form.fulfilment
    } else {
        fulfilments.first().copied().unwrap_or(form.fulfilment)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Address {
    pub house: String,
    pub area: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
}

impl Address {
    /// One line: "Flat 4B, Lotus Towers, Andheri West, Mumbai, Maharashtra 400053".
    pub fn one_line(&self) -> String {
        let place = [self.region.as_str(), self.postal_code.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        [self.house.as_str(), &self.area, &self.city, &place]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Validated checkout details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub name: String,
    pub phone: String,
    /// `None` for pickup.
    pub address: Option<Address>,
    pub slot: Option<String>,
    pub notes: Option<String>,
    pub payment: Payment,
}

/// Digits of a phone number written with optional '+', spaces, dashes, dots or brackets.
pub fn phone_digits(text: &str) -> Option<String> {
    let text = text.trim();
    let rest = text.strip_prefix('+').unwrap_or(text);
    let mut digits = String::with_capacity(rest.len());
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return None,
        }
    }
    Some(digits)
}

fn is_pin(text: &str) -> bool {
    text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0')
}

/// The PIN code or postcode typed, once it is a whole one (what delivery zones are matched
/// against), else "".
pub fn complete_postal_code(text: &str, currency: Currency) -> &str {
    let text = text.trim();
    let complete = if indian_addresses(currency) {
        is_pin(text)
    } else {
        is_postcode(&text.to_ascii_uppercase())
    };
    if complete {
        text
    } else {
        ""
    }
}

fn is_postcode(text: &str) -> bool {
    (3..=POSTAL_CODE_MAX).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b' ' || b == b'-')
}

impl CheckoutForm {
    /// Checks every field, returning all problems at once so the shopper can fix them together.
    pub fn validate(&self, rules: &CheckoutRules) -> Result<Customer, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut text = |field, value: &str, required: bool, max: usize| {
            // Only the notes may break lines; "\r\n" is kept as "\n".
            let notes = field == Field::Notes;
            let bytes = value.as_bytes();
            let value: String = value
                .char_indices()
                .filter(|&(at, c)| !(notes && c == '\r' && bytes.get(at + 1) == Some(&b'\n')))
                .map(|(_, c)| c)
                .collect();
            let value = value.trim();
            let problem = if value.is_empty() && required {
                Some(FieldProblem::Missing)
            } else if let Some(control) = control_character(value, notes) {
                Some(FieldProblem::ControlCharacter(control))
            } else if value.chars().count() > max {
                Some(FieldProblem::TooLong { max })
            } else {
                None
            };
            if let Some(problem) = problem {
                errors.push(FieldError { field, problem });
            }
            value.to_owned()
        };

        let name = text(Field::Name, &self.name, true, NAME_MAX);
        let phone = text(Field::Phone, &self.phone, true, PHONE_MAX);
        let delivery = rules.fulfilment_of(self) == Fulfilment::Delivery;
        let address = Address {
            house: text(Field::House, &self.house, delivery, ADDRESS_LINE_MAX),
            area: text(Field::Area, &self.area, false, ADDRESS_LINE_MAX),
            city: text(Field::City, &self.city, delivery, PLACE_MAX),
            region: text(
                Field::Region,
                &self.region,
                delivery && rules.india,
                PLACE_MAX,
            ),
            postal_code: text(
                Field::PostalCode,
                &self.postal_code,
                delivery && (rules.india || rules.postal_code_required),
                POSTAL_CODE_MAX,
            ),
        };
        let notes = text(Field::Notes, &self.notes, false, NOTES_MAX);
        // A slot is one of the shop's, and short; it is checked for control characters
        // all the same, as a receiver takes any slot it is sent.
        let slot = text(Field::Slot, &self.slot, false, usize::MAX);

        // A field with a control character has that one problem.
        let controlled: Vec<Field> = errors
            .iter()
            .filter(|e| matches!(e.problem, FieldProblem::ControlCharacter(_)))
            .map(|e| e.field)
            .collect();
        let plain = |field| !controlled.contains(&field);
        let mut fail = |field, problem| errors.push(FieldError { field, problem });
        let phone_ok = phone_digits(&phone).is_some_and(|d| (7..=15).contains(&d.len()));
        if !phone.is_empty() && !phone_ok && plain(Field::Phone) {
            fail(Field::Phone, FieldProblem::NotAPhone);
        }
        let postal_code = address.postal_code.to_ascii_uppercase();
        if delivery && !postal_code.is_empty() && plain(Field::PostalCode) {
            if rules.india && !is_pin(&postal_code) {
                fail(Field::PostalCode, FieldProblem::NotAPin);
            } else if !rules.india && !is_postcode(&postal_code) {
                fail(Field::PostalCode, FieldProblem::NotAPostcode);
            }
        }
        if !slot.is_empty() && !rules.slots.contains(&slot) && plain(Field::Slot) {
            fail(Field::Slot, FieldProblem::NotOffered);
        }
        if !rules.payments.contains(&self.payment) {
            fail(Field::Payment, FieldProblem::NotOffered);
        }

        errors.sort_by_key(|e| e.field as u8);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Customer {
            name,
            phone,
            address: delivery.then_some(Address {
                postal_code,
                ..address
            }),
            slot: (!slot.is_empty()).then_some(slot),
            notes: (!notes.is_empty()).then_some(notes),
            payment: self.payment,
        })
    }

    /// A draft, or the details kept for the next order, as saved.
    pub fn to_storage(&self) -> String {
        json::object_text(&[
            ("fulfilment", &self.fulfilment.name()),
            ("name", &self.name),
            ("phone", &self.phone),
            ("house", &self.house),
            ("area", &self.area),
            ("city", &self.city),
            ("region", &self.region),
            ("postal_code", &self.postal_code),
            ("slot", &self.slot),
            ("notes", &self.notes),
            ("payment", &self.payment.name()),
            ("remember", &self.remember),
            ("offer_code", &self.offer_code),
        ])
    }

    /// A draft or details as saved (`to_storage`); `None` when the text is not such a form.
    /// A field not saved, by an older version, is left empty.
    pub fn from_storage(text: &str) -> Option<CheckoutForm> {
        let json = json::parse(text).ok()?;
        let form = json.object().ok()?;
        let typed = |name| form.string(name).ok().map(Option::unwrap_or_default);
        Some(CheckoutForm {
            fulfilment: match form.string("fulfilment").ok()? {
                Some(name) => Fulfilment::parse(&name)?,
                None => Fulfilment::default(),
            },
            name: typed("name")?,
            phone: typed("phone")?,
            house: typed("house")?,
            area: typed("area")?,
            city: typed("city")?,
            region: typed("region")?,
            postal_code: typed("postal_code")?,
            slot: typed("slot")?,
            notes: typed("notes")?,
            payment: match form.string("payment").ok()? {
                Some(name) => Payment::parse(&name)?,
                None => Payment::default(),
            },
            remember: form.bool("remember").ok()?.unwrap_or_default(),
            offer_code: typed("offer_code")?,
        })
    }

    /// What is kept when the shopper asks to be remembered: who and where, not this
    /// order's notes or slot.
    pub fn remembered(&self) -> CheckoutForm {
        CheckoutForm {
            slot: String::new(),
            notes: String::new(),
            offer_code: String::new(),
            ..self.clone()
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn rules() -> CheckoutRules {
        CheckoutRules {
            fulfilments: vec![Fulfilment::Delivery, Fulfilment::Pickup],
            india: true,
            postal_code_required: false,
            slots: vec!["8–11 am".into(), "5–8 pm".into()],
            payments: vec![Payment::CashOnDelivery, Payment::Upi, Payment::InChat],
        }
    }

    pub(crate) fn form() -> CheckoutForm {
        CheckoutForm {
            name: "  Priya Sharma ".into(),
            phone: "+91 98765-43210".into(),
            house: "Flat 4B, Lotus Towers".into(),
            area: "Andheri West, near Shoppers Stop".into(),
            city: "Mumbai".into(),
            region: "Maharashtra".into(),
            postal_code: "400053".into(),
            ..CheckoutForm::default()
        }
    }

    fn fields(result: Result<Customer, Vec<FieldError>>) -> Vec<(Field, FieldProblem)> {
        result
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.problem))
            .collect()
    }

    #[test]
    fn valid_delivery_gives_trimmed_customer_and_one_line_address() {
        let customer = form().validate(&rules()).unwrap();
        assert_eq!(customer.name, "Priya Sharma");
        assert_eq!(customer.notes, None);
        assert_eq!(customer.slot, None);
        assert_eq!(
            customer.address.unwrap().one_line(),
            "Flat 4B, Lotus Towers, Andheri West, near Shoppers Stop, Mumbai, Maharashtra 400053"
        );
    }

    #[test]
    fn every_bad_field_is_reported_together_in_form_order() {
        let bad = CheckoutForm {
            name: " ".into(),
            phone: "98x".into(),
            house: String::new(),
            postal_code: "40005".into(),
            slot: "midnight".into(),
            notes: "n".repeat(501),
            ..form()
        };
        assert_eq!(
            fields(bad.validate(&rules())),
            [
                (Field::Name, FieldProblem::Missing),
                (Field::Phone, FieldProblem::NotAPhone),
                (Field::House, FieldProblem::Missing),
                (Field::PostalCode, FieldProblem::NotAPin),
                (Field::Slot, FieldProblem::NotOffered),
                (Field::Notes, FieldProblem::TooLong { max: 500 }),
            ]
        );
    }

    #[test]
    fn control_characters_are_refused_in_every_field() {
        let forged = CheckoutForm {
            name: "Priya\r\n#999 CC-FAKE00 INR 1.00".into(),
            phone: "98765\t43210".into(),
            house: "\u{1b}[2J".into(),
            area: "Andheri\u{7f}".into(),
            city: "Mumbai\u{9b}2J".into(),
            region: "Maha\u{0}rashtra".into(),
            postal_code: "4000\u{8}53".into(),
            ..form()
        };
        assert_eq!(
            fields(forged.validate(&rules())),
            [
                (Field::Name, FieldProblem::ControlCharacter('\r')),
                (Field::Phone, FieldProblem::ControlCharacter('\t')),
                (Field::House, FieldProblem::ControlCharacter('\u{1b}')),
                (Field::Area, FieldProblem::ControlCharacter('\u{7f}')),
                (Field::City, FieldProblem::ControlCharacter('\u{9b}')),
                (Field::Region, FieldProblem::ControlCharacter('\0')),
                (Field::PostalCode, FieldProblem::ControlCharacter('\u{8}')),
            ],
            "one problem a field: the phone is not also \"not a phone\""
        );
        // A slot of the shop's own with an escape in it is not passed on either.
        let odd_slot = CheckoutRules {
            slots: vec!["5–8 pm\u{1b}[2J".into()],
            ..rules()
        };
        let slot = CheckoutForm {
            slot: "5–8 pm\u{1b}[2J".into(),
            ..form()
        };
        assert_eq!(
            fields(slot.validate(&odd_slot)),
            [(Field::Slot, FieldProblem::ControlCharacter('\u{1b}'))]
        );
        // Space around a value is trimmed, as before, line breaks included.
        let trailing = CheckoutForm {
            name: "Priya Sharma\r\n".into(),
            ..form()
        };
        assert_eq!(trailing.validate(&rules()).unwrap().name, "Priya Sharma");
    }

    #[test]
    fn notes_keep_line_breaks_and_nothing_else() {
        let notes = |text: &str| {
            CheckoutForm {
                notes: text.into(),
                ..form()
            }
            .validate(&rules())
            .map(|customer| customer.notes.unwrap())
            .map_err(|errors| errors[0].problem)
        };
        assert_eq!(
            notes("Ring twice\r\nThird floor\nNo bell").as_deref(),
            Ok("Ring twice\nThird floor\nNo bell")
        );
        // Counted once normalised: 249 + 1 + 250 characters.
        let long = format!("{}\r\n{}", "x".repeat(249), "y".repeat(250));
        assert_eq!(notes(&long).map(|n| n.chars().count()), Ok(500));
        for (bad, control) in [
            ("Ring\ttwice", '\t'),
            ("Ring\rtwice", '\r'),
            ("\u{1b}[2J", '\u{1b}'),
            ("Third\u{85}floor", '\u{85}'),
        ] {
            assert_eq!(
                notes(bad),
                Err(FieldProblem::ControlCharacter(control)),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn pickup_needs_no_address() {
        let pickup = CheckoutForm {
            fulfilment: Fulfilment::Pickup,
            house: String::new(),
            city: String::new(),
            postal_code: "bad".into(),
            ..form()
        };
        assert_eq!(pickup.validate(&rules()).unwrap().address, None);
    }

    #[test]
    fn a_shop_that_only_delivers_or_only_hands_over_decides_for_the_shopper() {
        let delivery_only = CheckoutRules {
            fulfilments: vec![Fulfilment::Delivery],
            ..rules()
        };
        let pickup_draft = CheckoutForm {
            fulfilment: Fulfilment::Pickup,
            house: String::new(),
            ..form()
        };
        assert_eq!(
            fields(pickup_draft.validate(&delivery_only)),
            [(Field::House, FieldProblem::Missing)],
            "delivered, so the address is needed"
        );
        let pickup_only = CheckoutRules {
            fulfilments: vec![Fulfilment::Pickup],
            ..rules()
        };
        let customer = form().validate(&pickup_only).unwrap();
        assert_eq!(customer.address, None, "handed over at the shop");
        assert_eq!(pickup_only.fulfilment_of(&form()), Fulfilment::Pickup);
    }

    #[test]
    fn addresses_outside_india_need_no_state_and_take_postcodes() {
        let abroad = CheckoutRules {
            india: false,
            ..rules()
        };
        let amsterdam = CheckoutForm {
            house: "Keizersgracht 12".into(),
            area: String::new(),
            city: "Amsterdam".into(),
            region: String::new(),
            postal_code: "1015 cs".into(),
            ..form()
        };
        let address = amsterdam.validate(&abroad).unwrap().address.unwrap();
        assert_eq!(address.one_line(), "Keizersgracht 12, Amsterdam, 1015 CS");
        let no_postcode = CheckoutForm {
            postal_code: String::new(),
            ..amsterdam.clone()
        };
        assert!(no_postcode.validate(&abroad).is_ok());
        let odd = CheckoutForm {
            postal_code: "10#15".into(),
            ..amsterdam
        };
        assert_eq!(
            fields(odd.validate(&abroad)),
            [(Field::PostalCode, FieldProblem::NotAPostcode)]
        );
        // In India the state and PIN are needed.
        let no_pin = CheckoutForm {
            region: String::new(),
            postal_code: String::new(),
            ..form()
        };
        assert_eq!(
            fields(no_pin.validate(&rules())),
            [
                (Field::Region, FieldProblem::Missing),
                (Field::PostalCode, FieldProblem::Missing)
            ]
        );
    }

    #[test]
    fn only_offered_payments_are_accepted() {
        let no_upi = CheckoutRules {
            payments: vec![Payment::CashOnDelivery],
            ..rules()
        };
        let upi = CheckoutForm {
            payment: Payment::Upi,
            ..form()
        };
        assert_eq!(
            fields(upi.validate(&no_upi)),
            [(Field::Payment, FieldProblem::NotOffered)]
        );
        assert_eq!(upi.validate(&rules()).unwrap().payment, Payment::Upi);
    }

    #[test]
    fn remembering_keeps_who_and_where_but_not_this_orders_notes() {
        let filled = CheckoutForm {
            notes: "Ring twice".into(),
            slot: "5–8 pm".into(),
            remember: true,
            ..form()
        };
        let kept = filled.remembered();
        assert_eq!(kept.house, filled.house);
        assert!(kept.notes.is_empty() && kept.slot.is_empty() && kept.remember);
    }

    #[test]
    fn drafts_saved_before_the_address_was_split_still_load() {
        let old =
            CheckoutForm::from_storage(r#"{"name":"Priya","phone":"98","address":"x","notes":""}"#)
                .unwrap();
        assert_eq!(old.name, "Priya");
        assert_eq!(old.fulfilment, Fulfilment::Delivery);
    }

    #[test]
    fn every_fulfilment_and_payment_is_named_as_a_server_reads_it_in_an_order() {
        let written = |name: &str| format!("\"{name}\"");
        for fulfilment in Fulfilment::ALL {
            let read: Fulfilment = serde_json::from_str(&written(fulfilment.name())).unwrap();
            assert_eq!(read, fulfilment);
            assert_eq!(Fulfilment::parse(fulfilment.name()), Some(fulfilment));
        }
        for payment in Payment::ALL {
            let read: Payment = serde_json::from_str(&written(payment.name())).unwrap();
            assert_eq!(read, payment);
            assert_eq!(Payment::parse(payment.name()), Some(payment));
        }
    }

    #[test]
    fn a_form_is_saved_byte_for_byte_as_serde_saved_it() {
        let filled = CheckoutForm {
            fulfilment: Fulfilment::Pickup,
            name: "Priya".into(),
            phone: "+91 98765 43210".into(),
            house: "Flat 4B".into(),
            area: String::new(),
            city: "Mumbai".into(),
            region: "Maharashtra".into(),
            postal_code: "400053".into(),
            slot: "5–8 pm".into(),
            notes: crate::json::tests::AWKWARD.into(),
            payment: Payment::InChat,
            remember: true,
            offer_code: "WELCOME10".into(),
        };
        assert_eq!(
            filled.to_storage(),
            r#"{"fulfilment":"pickup","name":"Priya","phone":"+91 98765 43210","house":"Flat 4B","area":"","city":"Mumbai","region":"Maharashtra","postal_code":"400053","slot":"5–8 pm","notes":"Ring \"twice\" \\ then\nwait\t\r\u0001\b\f\u001f ₹ 😀 </script>","payment":"in_chat","remember":true,"offer_code":"WELCOME10"}"#
        );
    }

    #[test]
    fn a_saved_form_reads_back_as_it_was() {
        let filled = CheckoutForm {
            fulfilment: Fulfilment::Pickup,
            slot: "5–8 pm".into(),
            notes: "Ring \"twice\"\nthen wait".into(),
            payment: Payment::InChat,
            remember: true,
            offer_code: "WELCOME10".into(),
            ..form()
        };
        let saved = filled.to_storage();
        assert_eq!(CheckoutForm::from_storage(&saved), Some(filled));
        for broken in [
            "",
            "[]",
            r#"{"name": 7}"#,
            r#"{"payment": "cheque"}"#,
            r#"{"fulfilment": "courier"}"#,
            r#"{"remember": "yes"}"#,
        ] {
            assert_eq!(CheckoutForm::from_storage(broken), None, "{broken}");
        }
    }
}
