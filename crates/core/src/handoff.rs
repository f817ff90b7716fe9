//! Handing an order over: the WhatsApp click-to-chat link (kept to a safe length), the
//! checksum that shows whether its text was edited, and the UPI payment link.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use thiserror::Error;

use crate::checkout::phone_digits;
use crate::json::{self, Json, JsonError, ToJson};
use crate::money::Money;
use crate::order::Order;
use crate::text::{Fnv1a, CROCKFORD};

/// Longest click-to-chat link we hand out. Phones pass links around through intents and
/// chat apps that cut long ones; about 2,000 characters is the commonly safe size.
pub const SAFE_LINK_LENGTH: usize = 2_000;

/// Characters left as they are in a URL query value: RFC 3986 unreserved.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// UPI apps expect the payee's '@' as it is.
const UPI_PAYEE: &AsciiSet = &QUERY_VALUE.remove(b'@');

fn encode(text: &str) -> String {
    utf8_percent_encode(text, QUERY_VALUE).to_string()
}

/// A merchant's WhatsApp number in international form, digits only (wa.me's format).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatsAppNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WhatsAppNumberError {
    #[error("no WhatsApp number is set for this shop")]
    Missing,
    #[error("the shop's WhatsApp number \"{0}\" is not a phone number in international form (country code and number, 8 to 15 digits, like 919876543210)")]
    Invalid(String),
}

impl WhatsAppNumber {
    pub fn parse(text: &str) -> Result<Self, WhatsAppNumberError> {
        if text.trim().is_empty() {
            return Err(WhatsAppNumberError::Missing);
        }
        match phone_digits(text) {
            Some(d) if (8..=15).contains(&d.len()) && !d.starts_with('0') => Ok(WhatsAppNumber(d)),
            _ => Err(WhatsAppNumberError::Invalid(text.trim().to_owned())),
        }
    }

    pub fn digits(&self) -> &str {
        &self.0
    }

    /// `https://wa.me/<number>?text=<percent-encoded text>`
    pub fn click_to_chat_link(&self, text: &str) -> String {
        format!("https://wa.me/{}?text={}", self.0, encode(text))
    }

    /// Whether `handoff` goes to this number by WhatsApp's own links, as `whatsapp_handoff`
    /// writes them: what a stored order may carry, and nothing else.
    pub fn wrote(&self, handoff: &WhatsAppHandoff) -> bool {
        handoff.number == self.0
            && handoff
                .link
                .starts_with(&format!("https://wa.me/{}?text=", self.0))
            && handoff.web_link.starts_with(&format!(
                "https://web.whatsapp.com/send?phone={}&text=",
                self.0
            ))
    }

    /// The same chat in WhatsApp Web, for desktops without the app.
    pub fn web_link(&self, text: &str) -> String {
        format!(
            "https://web.whatsapp.com/send?phone={}&text={}",
            self.0,
            encode(text)
        )
    }
}

impl ToJson for WhatsAppHandoff {
    fn write_json(&self, out: &mut String) {
        json::write_object(
            out,
            &[
                ("number", &self.number),
                ("link", &self.link),
                ("web_link", &self.web_link),
                ("full_text", &self.full_text),
                ("form", &self.form.name()),
            ],
        );
    }
}

impl WhatsAppHandoff {
    /// A hand-off as saved with its order.
    pub fn read(json: &Json) -> Result<WhatsAppHandoff, JsonError> {
        let handoff = json.object()?;
        Ok(WhatsAppHandoff {
            number: handoff.required_string("number")?,
            link: handoff.required_string("link")?,
            web_link: handoff.required_string("web_link")?,
            full_text: handoff.required_string("full_text")?,
            form: handoff.required_as("form", |name| {
                LinkForm::parse(&name).ok_or("not a link's form")
            })?,
        })
    }
}

/// How much of the order the link's text carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkForm {
    /// Every line with its title and total.
    Full,
    /// Lines as "quantity x retailer id".
    Compact,
    /// Only reference, total and customer: the shopper pastes the full text after it.
    Summary,
}

impl LinkForm {
    pub const ALL: [LinkForm; 3] = [LinkForm::Full, LinkForm::Compact, LinkForm::Summary];

    /// As saved with its order (the names serde wrote, which older builds read).
    pub fn name(self) -> &'static str {
        match self {
            LinkForm::Full => "Full",
            LinkForm::Compact => "Compact",
            LinkForm::Summary => "Summary",
        }
    }

    pub fn parse(name: &str) -> Option<LinkForm> {
        LinkForm::ALL.into_iter().find(|form| form.name() == name)
    }
}

/// The WhatsApp hand-off of one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatsAppHandoff {
    /// The merchant's number, digits only.
    pub number: String,
    /// The click-to-chat link, at most `SAFE_LINK_LENGTH` characters.
    pub link: String,
    /// The same message in WhatsApp Web.
    pub web_link: String,
    /// The full order text, for copying when the link cannot carry it all.
    pub full_text: String,
    pub form: LinkForm,
}

const CHECK_PREFIX: &str = "Check: ";

/// The order as text in the given form, ending with its checksum line.
fn message(order: &Order, form: LinkForm, format: &dyn Fn(&Money) -> String) -> String {
    let mut text = format!(
        "New order {} for {}\n\n",
        order.identity.reference, order.store_name
    );
    match form {
        LinkForm::Full => {
            for line in &order.lines {
                text.push_str(&format!(
                    "{} x {}: {}\n",
                    line.quantity,
                    line.name(),
                    format(&line.line_total)
                ));
            }
        }
        LinkForm::Compact => {
            text.push_str("Items by shop code:\n");
            for line in &order.lines {
                text.push_str(&format!("{} x {}\n", line.quantity, line.retailer_id));
            }
        }
        LinkForm::Summary => {
            let items: u32 = order.lines.iter().map(|l| l.quantity).sum();
            text.push_str(&format!(
                "{items} items in {} lines: the full list follows in my next message.\n",
                order.lines.len()
            ));
        }
    }
    let customer = &order.customer;
    text.push('\n');
    if order.has_charges() {
        text.push_str(&format!("Subtotal: {}\n", format(&order.subtotal)));
        match &customer.address {
            Some(_) if order.delivery.is_zero() => text.push_str("Delivery: free\n"),
            Some(_) => text.push_str(&format!("Delivery: {}\n", format(&order.delivery))),
            None => {}
        }
        if let Some(discount) = &order.discount {
            let offer = match &discount.code {
                Some(code) => format!(" ({code})"),
                None => String::new(),
            };
            text.push_str(&format!("Discount{offer}: −{}\n", format(&discount.amount)));
        }
    }
    text.push_str(&format!("Total: {}\n", format(&order.total)));
    text.push_str(&format!("Payment: {}\n\n", order.payment_label()));
    match &customer.address {
        Some(address) => text.push_str(&format!("Deliver to: {}\n", address.one_line())),
        None => text.push_str("Pickup from the shop\n"),
    }
    if let Some(slot) = &customer.slot {
        text.push_str(&format!("Slot: {slot}\n"));
    }
    text.push_str(&format!(
        "Name: {}\nPhone: {}\n",
        customer.name, customer.phone
    ));
    if let Some(notes) = &customer.notes {
        text.push_str(&format!("Notes: {notes}\n"));
    }
    let checksum = message_checksum(&text);
    text.push_str(&format!("\n{CHECK_PREFIX}{checksum}"));
    text
}

/// The whole order as the shop reads it, every line with its title, ending with the checksum.
pub fn order_text(order: &Order, format: &dyn Fn(&Money) -> String) -> String {
    message(order, LinkForm::Full, format)
}

/// The link for `order`, as full as fits in `SAFE_LINK_LENGTH`: first every line, then
/// lines by retailer id, then a summary (reference, total and customer are always there).
pub fn whatsapp_handoff(
    order: &Order,
    number: &WhatsAppNumber,
    format: &dyn Fn(&Money) -> String,
) -> WhatsAppHandoff {
    let full_text = order_text(order, format);
    let mut chosen = (LinkForm::Summary, String::new());
    for form in [LinkForm::Full, LinkForm::Compact, LinkForm::Summary] {
        let text = if form == LinkForm::Full {
            full_text.clone()
        } else {
            message(order, form, format)
        };
        chosen = (form, text);
        if number.click_to_chat_link(&chosen.1).len() <= SAFE_LINK_LENGTH {
            break;
        }
    }
    let (form, text) = chosen;
    WhatsAppHandoff {
        number: number.digits().to_owned(),
        link: number.click_to_chat_link(&text),
        web_link: number.web_link(&text),
        full_text,
        form,
    }
}

/// A short fingerprint of an order message: FNV-1a (64 bits) of its lines, each trimmed,
/// empty ones and any "Check:" line left out (so copying that changes line endings or
/// spacing does not matter), written as 8 characters of Crockford's base 32: "7K3P-9QXZ".
///
/// It tells a merchant the text was changed after the shop wrote it. It is not a
/// signature: anyone who reads this function can compute it for an edited text, which is
/// why an order endpoint re-prices every order instead of trusting it.
pub fn message_checksum(text: &str) -> String {
    let mut fnv = Fnv1a::default();
    let mut first = true;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with(CHECK_PREFIX) {
            continue;
        }
        if !first {
            fnv.add(b"\n");
        }
        first = false;
        fnv.add(line.as_bytes());
    }
    let hash = fnv.hash();
    let code: String = (0..8)
        .map(|i| CROCKFORD[((hash >> (59 - 5 * i)) & 31) as usize] as char)
        .collect();
    format!("{}-{}", &code[..4], &code[4..])
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// The text is as the shop wrote it.
    Intact,
    /// The text was changed: the checksum it carries is not the one of its content.
    Edited { carried: String, computed: String },
    /// No "Check:" line: not a chatcart order, or the line was deleted.
    NoChecksum,
}

/// Checks an order message as the merchant received it (pasted from WhatsApp).
pub fn verify_message(text: &str) -> Verification {
    let carried = text
        .lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix(CHECK_PREFIX))
        .next_back();
    let Some(carried) = carried else {
        return Verification::NoChecksum;
    };
    let computed = message_checksum(text);
    if carried.trim().eq_ignore_ascii_case(&computed) {
        Verification::Intact
    } else {
        Verification::Edited {
            carried: carried.trim().to_owned(),
            computed,
        }
    }
}

/// A merchant's UPI id (virtual payment address), like "sharmakirana@okaxis".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpiId(String);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("the shop's UPI id \"{0}\" is not a UPI address like sharmakirana@okaxis")]
pub struct UpiIdError(pub String);

impl UpiId {
    pub fn parse(text: &str) -> Result<Self, UpiIdError> {
        let text = text.trim();
        let valid = text.split_once('@').is_some_and(|(name, bank)| {
            (2..=256).contains(&name.len())
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
                && (2..=64).contains(&bank.len())
                && bank.bytes().all(|b| b.is_ascii_alphanumeric())
        });
        if valid {
            Ok(UpiId(text.to_owned()))
        } else {
            Err(UpiIdError(text.to_owned()))
        }
    }

    /// Whether `link` is a payment link to this UPI id, as `pay_link` writes them.
    pub fn wrote(&self, link: &str) -> bool {
        link.starts_with(&format!(
            "upi://pay?pa={}&",
            utf8_percent_encode(&self.0, UPI_PAYEE)
        ))
    }

    /// `upi://pay?pa=..&pn=..&am=..&cu=INR&tn=..&tr=<order reference>` (NPCI's deep link).
    pub fn pay_link(&self, order: &Order) -> String {
        format!(
            "upi://pay?pa={}&pn={}&am={}&cu={}&tn={}&tr={}",
            utf8_percent_encode(&self.0, UPI_PAYEE),
            encode(&order.store_name),
            order.total.amount_string(),
            order.currency.code(),
            encode(&format!("Order {}", order.identity.reference)),
            encode(order.identity.reference.as_str()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::tests::{order_with_lines, sample_order};
    use crate::terms::Discount;

    fn decode(link: &str) -> String {
        let query = link.split_once("text=").unwrap().1;
        percent_encoding::percent_decode_str(query)
            .decode_utf8()
            .unwrap()
            .into_owned()
    }

    fn number() -> WhatsAppNumber {
        WhatsAppNumber::parse("+91 98765 43210").unwrap()
    }

    #[test]
    fn merchant_numbers_are_checked() {
        assert_eq!(number().digits(), "919876543210");
        assert_eq!(WhatsAppNumber::parse(""), Err(WhatsAppNumberError::Missing));
        for bad in ["12345", "09876543210", "91-98765-abc", "1234567890123456"] {
            assert!(
                matches!(
                    WhatsAppNumber::parse(bad),
                    Err(WhatsAppNumberError::Invalid(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn link_encodes_everything_that_would_break_the_query() {
        let text = "Dal & Rice #2\nTotal: ₹1,23,456.50 🛒 नमस्ते a+b=c?";
        let link = number().click_to_chat_link(text);
        assert_eq!(
            link,
            "https://wa.me/919876543210?text=Dal%20%26%20Rice%20%232%0ATotal%3A%20\
             %E2%82%B91%2C23%2C456.50%20%F0%9F%9B%92%20\
             %E0%A4%A8%E0%A4%AE%E0%A4%B8%E0%A5%8D%E0%A4%A4%E0%A5%87%20a%2Bb%3Dc%3F"
        );
        assert_eq!(decode(&link), text);
        assert_eq!(decode(&number().web_link(text)), text);
    }

    #[test]
    fn message_lists_lines_total_payment_delivery_customer_and_checksum() {
        let handoff = whatsapp_handoff(&sample_order(), &number(), &Money::plain);
        assert_eq!(handoff.form, LinkForm::Full);
        let text = decode(&handoff.link);
        assert_eq!(text, handoff.full_text);
        let checksum = message_checksum(&text);
        assert_eq!(
            text,
            format!(
                "New order CC-7K3P9Q for Test Kirana\n\n\
                 2 x Aashirvaad Whole Wheat Atta (5 kg): INR 498.00\n\
                 1 x Amul Butter (500 g): INR 285.00\n\n\
                 Total: INR 783.00\nPayment: Cash on delivery\n\n\
                 Deliver to: Flat 4B, Lotus Towers, Andheri West, Mumbai, Maharashtra 400053\n\
                 Slot: 5–8 pm\nName: Priya Sharma\nPhone: +91 98765-43210\nNotes: Ring twice\n\n\
                 Check: {checksum}"
            )
        );
        assert_eq!(verify_message(&text), Verification::Intact);
    }

    #[test]
    fn delivery_and_discount_are_shown_before_the_total_and_checked_with_it() {
        let inr = |text| Money::parse(text, sample_order().currency).unwrap();
        let mut order = sample_order();
        order.delivery = inr("30");
        order.total = inr("813");
        let text = order_text(&order, &Money::plain);
        assert!(
            text.contains(
                "1 x Amul Butter (500 g): INR 285.00\n\n\
                 Subtotal: INR 783.00\nDelivery: INR 30.00\nTotal: INR 813.00\n\
                 Payment: Cash on delivery\n"
            ),
            "{text}"
        );
        assert_eq!(verify_message(&text), Verification::Intact);

        order.delivery = inr("0");
        order.discount = Some(Discount {
            amount: inr("70"),
            code: Some("WELCOME10".into()),
        });
        order.total = inr("713");
        let text = order_text(&order, &Money::plain);
        assert!(
            text.contains(
                "Subtotal: INR 783.00\nDelivery: free\nDiscount (WELCOME10): −INR 70.00\n\
                 Total: INR 713.00\n"
            ),
            "{text}"
        );
        assert_eq!(verify_message(&text), Verification::Intact);
        let cheaper = text.replace("−INR 70.00", "−INR 170.00");
        assert!(matches!(
            verify_message(&cheaper),
            Verification::Edited { .. }
        ));

        // Picked up, with an offer that applies by itself: no delivery line.
        order.customer.address = None;
        order.discount.as_mut().unwrap().code = None;
        let text = order_text(&order, &Money::plain);
        assert!(
            text.contains("Subtotal: INR 783.00\nDiscount: −INR 70.00\nTotal: INR 713.00\n"),
            "{text}"
        );
        let handoff = whatsapp_handoff(&order, &number(), &Money::plain);
        assert_eq!(decode(&handoff.link), text);
        assert_eq!(verify_message(&decode(&handoff.link)), Verification::Intact);
    }

    #[test]
    fn an_edited_message_fails_its_check_but_copying_does_not() {
        let text = whatsapp_handoff(&sample_order(), &number(), &Money::plain).full_text;
        let copied = format!("  {}\r\n", text.replace('\n', "\r\n\r\n"));
        assert_eq!(verify_message(&copied), Verification::Intact);
        let edited = text.replace("2 x Aashirvaad", "20 x Aashirvaad");
        assert!(matches!(
            verify_message(&edited),
            Verification::Edited { .. }
        ));
        let cheaper = text.replace("Total: INR 783.00", "Total: INR 78.00");
        assert!(matches!(
            verify_message(&cheaper),
            Verification::Edited { .. }
        ));
        let unsigned: String = text.lines().filter(|l| !l.starts_with("Check")).collect();
        assert_eq!(verify_message(&unsigned), Verification::NoChecksum);
    }

    #[test]
    fn checksums_are_eight_unambiguous_characters() {
        let checksum = message_checksum("New order CC-000000");
        assert_eq!(checksum.len(), 9);
        assert_eq!(&checksum[4..5], "-");
        assert!(!checksum.contains(['I', 'L', 'O', 'U']));
        assert_ne!(checksum, message_checksum("New order CC-000001"));
    }

    #[test]
    fn long_orders_compact_their_lines_then_summarise_but_keep_reference_and_total() {
        // 40 lines with long titles: too long in full, fits by retailer id.
        let order = order_with_lines(40, 60);
        let full = number()
            .click_to_chat_link(&whatsapp_handoff(&order, &number(), &Money::plain).full_text);
        assert!(full.len() > SAFE_LINK_LENGTH, "{}", full.len());
        let handoff = whatsapp_handoff(&order, &number(), &Money::plain);
        assert_eq!(handoff.form, LinkForm::Compact);
        assert!(handoff.link.len() <= SAFE_LINK_LENGTH);
        let text = decode(&handoff.link);
        assert!(text.contains("3 x item-39\n"), "{text}");
        assert_eq!(verify_message(&text), Verification::Intact);

        // 150 lines don't fit even by id: the summary still names reference and total.
        let order = order_with_lines(150, 60);
        let handoff = whatsapp_handoff(&order, &number(), &Money::plain);
        assert_eq!(handoff.form, LinkForm::Summary);
        assert!(handoff.link.len() <= SAFE_LINK_LENGTH);
        let text = decode(&handoff.link);
        assert!(text.starts_with("New order CC-7K3P9Q for Test Kirana"));
        assert!(text.contains(&format!("Total: {}", order.total.plain())));
        assert!(text.contains("450 items in 150 lines"));
        assert!(handoff.full_text.contains("3 x Item number 149"));
        for order in [order_with_lines(1, 150), order_with_lines(150, 150)] {
            let handoff = whatsapp_handoff(&order, &number(), &Money::plain);
            assert!(handoff.link.len() <= SAFE_LINK_LENGTH);
        }
    }

    #[test]
    fn upi_links_carry_payee_amount_and_reference() {
        let upi = UpiId::parse(" sharma.kirana@okaxis ").unwrap();
        assert_eq!(
            upi.pay_link(&sample_order()),
            "upi://pay?pa=sharma.kirana@okaxis&pn=Test%20Kirana&am=783.00&cu=INR\
             &tn=Order%20CC-7K3P9Q&tr=CC-7K3P9Q"
        );
        for bad in [
            "",
            "sharma",
            "@okaxis",
            "a@b",
            "sharma kirana@okaxis",
            "x@ok.axis",
        ] {
            assert!(UpiId::parse(bad).is_err(), "{bad}");
        }
    }
}
